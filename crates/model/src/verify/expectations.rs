//! The expectations file (TOML): what a CI run must show. Unknown keys are errors that name the
//! key and suggest the closest known one; every error names its line.

use super::duration::deserialize_opt;
use jiff::SignedDuration;
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;

/// The keys allowed at the top level of an expectations file.
pub const TOP_KEYS: &[&str] = &[
    "status",
    "path",
    "path_contains",
    "path_in_order",
    "never_visits",
    "max_duration",
    "max_retries",
    "output",
    "output_contains",
    "allowed_errors",
    "forbidden_errors",
    "valid",
    "max_events",
    "states",
];

/// The keys allowed in a `[states.NAME]` table.
pub const STATE_KEYS: &[&str] =
    &["visits", "min_visits", "max_visits", "max_retries", "max_duration"];

/// The execution statuses `status` may name.
pub const STATUSES: &[&str] = &["SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "RUNNING"];

/// The default event budget (`max_events`).
pub const DEFAULT_MAX_EVENTS: u64 = 25_000;

/// What one execution must show. Every key is optional; `valid` defaults to true and
/// `max_events` to 25000.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expectations {
    /// The final status, or the list of acceptable ones.
    #[serde(default)]
    pub status: Option<OneOrMany>,
    /// The top-level states in the order entered, exactly.
    #[serde(default)]
    pub path: Option<Vec<String>>,
    /// Top-level states that must be entered (any order).
    #[serde(default)]
    pub path_contains: Option<Vec<String>>,
    /// Top-level states that must be entered in this order (others may come between).
    #[serde(default)]
    pub path_in_order: Option<Vec<String>>,
    /// States never entered, in any scope.
    #[serde(default)]
    pub never_visits: Option<Vec<String>>,
    /// The longest the whole execution may take.
    #[serde(default, deserialize_with = "deserialize_opt")]
    pub max_duration: Option<SignedDuration>,
    /// The most retries allowed over the whole execution.
    #[serde(default)]
    pub max_retries: Option<u64>,
    /// The execution output, exactly (a TOML value, or a string holding JSON text).
    #[serde(default)]
    pub output: Option<toml::Value>,
    /// A JSON subset the execution output must contain.
    #[serde(default)]
    pub output_contains: Option<toml::Value>,
    /// The only error names allowed anywhere in the history (`States.ALL` allows any).
    #[serde(default)]
    pub allowed_errors: Option<Vec<String>>,
    /// Error names that must not appear anywhere in the history (`States.ALL` forbids any).
    #[serde(default)]
    pub forbidden_errors: Option<Vec<String>>,
    /// No lifecycle or conformance finding of severity error (default true).
    #[serde(default = "yes")]
    pub valid: bool,
    /// The event budget (default 25000; a warning at 80 %).
    #[serde(default = "default_max_events")]
    pub max_events: u64,
    /// Per-state expectations.
    #[serde(default)]
    pub states: BTreeMap<String, StateExpectations>,
}

/// Expectations about one state, over all its visits in every scope.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StateExpectations {
    /// Exactly this many visits.
    pub visits: Option<u64>,
    /// At least this many visits.
    pub min_visits: Option<u64>,
    /// At most this many visits.
    pub max_visits: Option<u64>,
    /// At most this many retries, summed over the visits.
    pub max_retries: Option<u64>,
    /// The longest any one visit may take.
    #[serde(default, deserialize_with = "deserialize_opt")]
    pub max_duration: Option<SignedDuration>,
}

/// One value or a list of values.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged, expecting = "a status string or a list of status strings")]
pub enum OneOrMany {
    /// One value.
    One(String),
    /// Several values.
    Many(Vec<String>),
}

impl OneOrMany {
    /// The values as a list.
    pub fn values(&self) -> Vec<&str> {
        match self {
            OneOrMany::One(v) => vec![v.as_str()],
            OneOrMany::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

fn yes() -> bool {
    true
}

fn default_max_events() -> u64 {
    DEFAULT_MAX_EVENTS
}

impl Default for Expectations {
    fn default() -> Self {
        Expectations::from_toml("").expect("the empty expectations file is valid")
    }
}

/// Why an expectations file cannot be used: the line, the key and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ExpectationsError {
    /// The 1-based line, when known.
    pub line: Option<usize>,
    /// The key concerned, dotted (`states.getGreeting.max_duration`), when known.
    pub key: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ExpectationsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        if let Some(key) = &self.key {
            write!(f, "key `{key}`: ")?;
        }
        f.write_str(&self.message)
    }
}

impl Expectations {
    /// Reads an expectations file.
    pub fn from_toml(text: &str) -> Result<Expectations, ExpectationsError> {
        let expectations: Expectations =
            toml::from_str(text).map_err(|e| describe_toml_error(text, &e))?;
        expectations.check(text)?;
        Ok(expectations)
    }

    /// The expected output as JSON, when `output` is set.
    pub fn output_json(&self) -> Option<Value> {
        self.output.as_ref().map(|v| to_json(v).unwrap_or(Value::Null))
    }

    /// The expected output subset as JSON, when `output_contains` is set.
    pub fn output_contains_json(&self) -> Option<Value> {
        self.output_contains.as_ref().map(|v| to_json(v).unwrap_or(Value::Null))
    }

    fn check(&self, text: &str) -> Result<(), ExpectationsError> {
        let error = |key: &str, message: String| ExpectationsError {
            line: line_of_key(text, key),
            key: Some(key.to_owned()),
            message,
        };
        if let Some(status) = &self.status {
            for value in status.values() {
                if !STATUSES.contains(&value) {
                    return Err(error(
                        "status",
                        format!(
                            "unknown status {value:?} (expected one of {})",
                            STATUSES.join(", ")
                        ),
                    ));
                }
            }
        }
        for (key, value) in [("output", &self.output), ("output_contains", &self.output_contains)] {
            if let Some(value) = value {
                to_json(value).map_err(|m| error(key, m))?;
            }
        }
        for (name, state) in &self.states {
            if let (Some(min), Some(max)) = (state.min_visits, state.max_visits) {
                if min > max {
                    return Err(error(
                        &format!("states.{name}.min_visits"),
                        format!("min_visits {min} is above max_visits {max}"),
                    ));
                }
            }
        }
        Ok(())
    }
}

/// A TOML value as JSON: strings hold JSON text, tables/arrays/numbers/booleans convert as is.
fn to_json(value: &toml::Value) -> Result<Value, String> {
    match value {
        toml::Value::String(text) => serde_json::from_str(text).map_err(|e| {
            format!("the string is not JSON text ({e}); write JSON strings as '\"text\"'")
        }),
        toml::Value::Datetime(_) => Err("dates are not JSON; quote them as JSON text".to_owned()),
        other => serde_json::to_value(other).map_err(|e| e.to_string()),
    }
}

/// Turns a TOML/serde error into one naming the line and key, with a suggestion for unknown
/// keys.
fn describe_toml_error(text: &str, error: &toml::de::Error) -> ExpectationsError {
    let line = error.span().map(|span| line_at(text, span.start));
    let message = error.message().trim().to_owned();
    let table = line.map(|l| table_at(text, l)).unwrap_or_default();
    let dotted = |key: &str| {
        if table.is_empty() {
            key.to_owned()
        } else {
            format!("{table}.{key}")
        }
    };
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let key = rest.split('`').next().unwrap_or_default();
        let known = if table.starts_with("states") { STATE_KEYS } else { TOP_KEYS };
        let mut text = "unknown key".to_owned();
        if table.starts_with("states") && TOP_KEYS.contains(&key) {
            text.push_str(&format!(
                " in [{table}] (`{key}` is a top-level key: put it before the first [table])"
            ));
        } else if let Some(close) = suggest(key, known) {
            text.push_str(&format!(" (did you mean `{close}`?)"));
        } else {
            text.push_str(&format!(" (known keys: {})", known.join(", ")));
        }
        return ExpectationsError { line, key: Some(dotted(key)), message: text };
    }
    let key = line.and_then(|l| key_on_line(text, l));
    ExpectationsError { line, key: key.map(|k| dotted(&k)), message }
}

/// The closest known key, when close enough to be a likely typo.
pub fn suggest<'k>(key: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(key, k), *k))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

fn line_at(text: &str, offset: usize) -> usize {
    text.get(..offset).unwrap_or(text).matches('\n').count() + 1
}

/// The `[table]` header in force at a line ("" for the top level).
fn table_at(text: &str, line: usize) -> String {
    text.lines()
        .take(line)
        .filter_map(|l| {
            let l = l.trim();
            l.strip_prefix('[').and_then(|r| r.split(']').next()).map(|h| h.trim().replace('"', ""))
        })
        .last()
        .unwrap_or_default()
}

/// The bare key assigned on a line (`max_duration = …` → `max_duration`).
fn key_on_line(text: &str, line: usize) -> Option<String> {
    let l = text.lines().nth(line.checked_sub(1)?)?.trim();
    let (key, _) = l.split_once('=')?;
    let key = key.trim().trim_matches('"');
    (!key.is_empty() && !key.starts_with('[')).then(|| key.to_owned())
}

/// The line where a dotted key is assigned (`states.X.visits` looks in `[states.X]`).
fn line_of_key(text: &str, dotted: &str) -> Option<usize> {
    let (table, key) = match dotted.rsplit_once('.') {
        Some((table, key)) => (table, key),
        None => ("", dotted),
    };
    text.lines().enumerate().find_map(|(i, l)| {
        let (k, _) = l.trim().split_once('=')?;
        (k.trim().trim_matches('"') == key && table_at(text, i + 1) == table).then_some(i + 1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_minimal_file_as_written() {
        let text = "status = \"SUCCEEDED\"\npath = [\"getGreeting\"]          # the top-level states, in the order entered, exactly\n\n[states.getGreeting]\nmax_duration = \"20s\"\n";
        let e = Expectations::from_toml(text).unwrap();
        assert_eq!(e.status, Some(OneOrMany::One("SUCCEEDED".into())));
        assert_eq!(e.path, Some(vec!["getGreeting".to_owned()]));
        assert_eq!(e.states["getGreeting"].max_duration, Some(SignedDuration::from_secs(20)));
        assert!(e.valid);
        assert_eq!(e.max_events, 25_000);
    }

    #[test]
    fn unknown_keys_name_line_key_and_suggestion() {
        let text = "status = \"SUCCEEDED\"\n\n[states.getGreeting]\nmax_duraton = \"20s\"\n";
        let error = Expectations::from_toml(text).unwrap_err();
        assert_eq!(
            error.to_string(),
            "line 4: key `states.getGreeting.max_duraton`: unknown key (did you mean `max_duration`?)"
        );
        let error = Expectations::from_toml("stauts = \"FAILED\"\n").unwrap_err();
        assert_eq!(error.to_string(), "line 1: key `stauts`: unknown key (did you mean `status`?)");
        let error =
            Expectations::from_toml("[states.A]\nvisits = 1\nstatus = \"FAILED\"\n").unwrap_err();
        assert_eq!(
            error.to_string(),
            "line 3: key `states.A.status`: unknown key in [states.A] (`status` is a top-level key: put it before the first [table])"
        );
        let error = Expectations::from_toml("colour = 1\n").unwrap_err();
        assert!(error
            .to_string()
            .starts_with("line 1: key `colour`: unknown key (known keys: status, path"));
    }

    #[test]
    fn bad_values_name_line_and_key() {
        let error =
            Expectations::from_toml("max_events = 10\nmax_duration = \"soon\"\n").unwrap_err();
        assert_eq!(error.line, Some(2));
        assert_eq!(error.key.as_deref(), Some("max_duration"));
        assert!(error.message.contains("invalid duration \"soon\""), "{error}");
        let error = Expectations::from_toml("status = \"DONE\"\n").unwrap_err();
        assert_eq!(error.line, Some(1));
        assert!(error.message.starts_with("unknown status \"DONE\""));
        let error = Expectations::from_toml("output = \"{not json\"\n").unwrap_err();
        assert_eq!(error.key.as_deref(), Some("output"));
        let error = Expectations::from_toml("status = [\n").unwrap_err();
        assert_eq!(error.to_string(), "line 1: key `status`: unclosed array, expected `]`");
    }

    #[test]
    fn output_reads_tables_and_json_strings() {
        let e = Expectations::from_toml(
            "output = { greeting = \"hi\", n = [1, 2] }\noutput_contains = '{\"a\": null}'\n",
        )
        .unwrap();
        assert_eq!(e.output_json(), Some(serde_json::json!({"greeting": "hi", "n": [1, 2]})));
        assert_eq!(e.output_contains_json(), Some(serde_json::json!({"a": null})));
        let e = Expectations::from_toml("status = [\"SUCCEEDED\", \"FAILED\"]").unwrap();
        assert_eq!(e.status.unwrap().values(), vec!["SUCCEEDED", "FAILED"]);
    }
}
