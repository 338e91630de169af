//! Builds small histories for the rules' unit tests from one line per event.

use crate::analysis::Analysis;
use crate::event_type::EventType;
use crate::history::History;
use crate::parse::parse_history;
use crate::violation::Violation;
use serde_json::{json, Map, Value};

/// Parses `"id prev Type key=value ..."` lines (`;`-separated) into a history.
///
/// Keys: `name`, `index`, `error` go into the type's details object; `t` sets the timestamp in
/// seconds after 1700000000 (default: `id / 100`).
pub fn history(spec: &str) -> History {
    let mut events = Vec::new();
    for line in spec.split(';').map(str::trim).filter(|l| !l.is_empty()) {
        let mut words = line.split_whitespace();
        let id: i64 = words.next().and_then(|w| w.parse().ok()).expect("id");
        let prev: i64 = words.next().and_then(|w| w.parse().ok()).expect("previous id");
        let ty = words.next().expect("type");
        let mut seconds = id as f64 / 100.0;
        let mut details = Map::new();
        for word in words {
            let (key, value) = word.split_once('=').expect("key=value");
            match key {
                "t" => seconds = value.parse().expect("seconds"),
                "index" => {
                    details.insert(key.into(), json!(value.parse::<i64>().expect("index")));
                }
                _ => {
                    details.insert(key.into(), json!(value));
                }
            }
        }
        let mut event = Map::new();
        event.insert("timestamp".into(), json!(1_700_000_000.0 + seconds));
        event.insert("type".into(), json!(ty));
        event.insert("id".into(), json!(id));
        event.insert("previousEventId".into(), json!(prev));
        if let Some(key) = EventType::parse(ty).details_key() {
            if !details.is_empty() {
                event.insert(key.into(), Value::Object(details));
            }
        }
        events.push(Value::Object(event));
    }
    let text = json!({ "events": events }).to_string();
    parse_history(text.as_bytes()).expect("test history parses")
}

/// Runs one rule's check on a history given as a spec.
pub fn check(rule: fn(&History, &Analysis) -> Vec<Violation>, spec: &str) -> Vec<Violation> {
    let history = history(spec);
    let analysis = Analysis::new(&history);
    rule(&history, &analysis)
}

/// A well-formed history: a Pass state, a Task with one retry, then success.
pub const GOOD: &str = "1 0 ExecutionStarted; 2 0 PassStateEntered name=A; \
    3 2 PassStateExited name=A; 4 3 TaskStateEntered name=B; 5 4 TaskScheduled; \
    6 5 TaskStarted; 7 6 TaskFailed error=E; 8 7 TaskScheduled; 9 8 TaskStarted; \
    10 9 TaskSucceeded; 11 10 TaskStateExited name=B; 12 11 ExecutionSucceeded";
