//! Compares a run's golden form with a golden file: equal, or a unified diff and the first
//! event that differs.

use super::normalize::Golden;
use serde_json::Value;

/// How a run differs from the golden file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// A unified diff, golden (`-`) against the run (`+`).
    pub diff: String,
    /// The scope and position of the first differing event, e.g. `top/Par#0/branch:Left#3`.
    pub first_difference: Option<String>,
    /// The run's original id of that event, when the run has it.
    pub event_id: Option<i64>,
}

/// `None` when the run's golden form equals the golden file's (options included).
pub fn compare(golden: &Value, run: &Golden) -> Option<Mismatch> {
    let expected = pretty(golden);
    let actual = pretty(&run.doc);
    if expected == actual {
        return None;
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
