//! Compares a run's golden form with a golden file: equal, or a unified diff and the first
//! event that differs.

use super::normalize::Golden;
use serde_json::Value;

/// How a run differs from the golden file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// A unified diff, golden (`-`) against the run (`+`), of the [`lines`] forms.
    pub diff: String,
    /// The scope and position of the first differing event, e.g. `top/Par#0/branch:Left#3`.
    pub first_difference: Option<String>,
    /// The run's original id of that event, when the run has it.
    pub event_id: Option<i64>,
}

/// `None` when the run's golden form equals the golden file's (options included).
pub fn compare(golden: &Value, run: &Golden) -> Option<Mismatch> {
    if golden == &run.doc {
        return None;
    }
    let (mut expected, mut actual) = (lines(golden), lines(&run.doc));
    if expected == actual {
        // A difference outside what `lines` shows (e.g. an unknown field): diff the JSON.
        (expected, actual) = (pretty(golden), pretty(&run.doc));
    }
    let diff = similar::TextDiff::from_lines(&expected, &actual)
        .unified_diff()
        .context_radius(3)
        .header("golden", "run")
        .to_string();
    let first = first_difference(golden, &run.doc);
    let event_id =
        first.as_ref().and_then(|(scope, n)| run.origin.get(&(scope.clone(), *n)).copied());
    Some(Mismatch { diff, first_difference: first.map(|(s, n)| format!("{s}#{n}")), event_id })
}

/// A line per event (`top#3 PassStateExited <- 2`) followed by one line per details field
/// (payloads as one-line JSON), under one header per scope: a diff then names the events around
/// each change and shows only the fields that changed.
pub fn lines(doc: &Value) -> String {
    let mut out = String::new();
    for key in ["format", "options", "status"] {
        out.push_str(&format!("{key}: {}\n", doc.get(key).unwrap_or(&Value::Null)));
    }
    for scope in doc.get("scopes").and_then(Value::as_array).into_iter().flatten() {
        let name = scope.get("scope").and_then(Value::as_str).unwrap_or("?");
        out.push_str(&format!("\n[{name}]\n"));
        for event in scope.get("events").and_then(Value::as_array).into_iter().flatten() {
            let n = event.get("n").unwrap_or(&Value::Null);
            let ty = event.get("type").and_then(Value::as_str).unwrap_or("?");
            let prev = match event.get("prev") {
                Some(Value::String(s)) => s.clone(),
                Some(Value::Null) | None => "-".to_owned(),
                Some(other) => other.to_string(),
            };
            out.push_str(&format!("{name}#{n} {ty} <- {prev}\n"));
            match event.get("details") {
                Some(Value::Object(fields)) => {
                    for (field, value) in fields {
                        out.push_str(&format!("    {field}: {value}\n"));
                    }
                }
                Some(other) => out.push_str(&format!("    {other}\n")),
                None => {}
            }
        }
    }
    out
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default() + "\n"
}

/// The first (scope, position) whose event differs, walking the run's scopes in order.
fn first_difference(golden: &Value, run: &Value) -> Option<(String, usize)> {
    let scopes = |v: &Value| -> Vec<(String, Vec<Value>)> {
        v.get("scopes")
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .map(|s| {
                        let key =
                            s.get("scope").and_then(Value::as_str).unwrap_or_default().to_owned();
                        let events =
                            s.get("events").and_then(Value::as_array).cloned().unwrap_or_default();
                        (key, events)
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let want = scopes(golden);
    let have = scopes(run);
    for (key, events) in &have {
        let expected =
            want.iter().find(|(k, _)| k == key).map(|(_, e)| e.as_slice()).unwrap_or(&[]);
        for i in 0..events.len().max(expected.len()) {
            if events.get(i) != expected.get(i) {
                return Some((key.clone(), (i + 1).min(events.len().max(1))));
            }
        }
    }
    want.iter().find(|(k, _)| !have.iter().any(|(h, _)| h == k)).map(|(k, _)| (k.clone(), 1))
}
