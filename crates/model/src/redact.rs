//! Replaces payloads (input, output, cause, parameters, assigned variables) with their size and
//! hash, so that reports can be shared outside the team without their data.

use crate::history::History;
use crate::parse::history_from_raw_events;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// The details fields that carry payloads.
const PAYLOAD_FIELDS: &[&str] = &["input", "output", "cause", "parameters"];

/// What a payload becomes: `<redacted: 123 bytes, sha256 0123456789ab>`.
pub fn redacted_placeholder(payload: &str) -> String {
    let digest = Sha256::digest(payload.as_bytes());
    let short: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
    format!("<redacted: {} bytes, sha256 {short}>", payload.len())
}

/// Redacts one event's JSON text.
pub fn redact_event_json(raw: &str) -> String {
    let Ok(mut value) = serde_json::from_str::<Value>(raw) else {
        return raw.to_owned();
    };
    if let Value::Object(event) = &mut value {
        for (key, details) in event.iter_mut() {
            if !key.ends_with("EventDetails") {
                continue;
            }
            let Value::Object(details) = details else { continue };
            for (field, payload) in details.iter_mut() {
                if PAYLOAD_FIELDS.contains(&field.as_str()) {
                    if let Value::String(text) = payload {
                        *text = redacted_placeholder(text);
                    }
                } else if field == "assignedVariables" {
                    if let Value::Object(vars) = payload {
                        for var in vars.values_mut() {
                            if let Value::String(text) = var {
                                *text = redacted_placeholder(text);
                            }
                        }
                    }
                }
            }
        }
    }
    value.to_string()
}

/// A copy of a history with every payload redacted.
pub fn redact_history(history: &History) -> History {
    let raws: Vec<String> = history.events.iter().map(|e| redact_event_json(e.raw.get())).collect();
    match history_from_raw_events(raws) {
        Ok(mut redacted) => {
            redacted.warnings = history.warnings.clone();
            redacted
        }
        Err(_) => history.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_history;

    #[test]
    fn payloads_become_size_and_hash_and_everything_else_stays() {
        let json = r#"{"events":[{"id":1,"previousEventId":0,"type":"ExecutionStarted",
            "timestamp":1,"executionStartedEventDetails":{"input":"{\"card\":\"4111\"}",
            "roleArn":"arn:role"}},{"id":2,"previousEventId":1,"type":"ExecutionFailed",
            "timestamp":2,"executionFailedEventDetails":{"error":"Boom","cause":"secret"}}]}"#;
        let history = parse_history(json.as_bytes()).unwrap();
        let redacted = redact_history(&history);
        let out = redacted.to_json();
        assert!(!out.contains("4111") && !out.contains("secret"), "{out}");
        assert_eq!(
            redacted.events[0].input().as_deref(),
            Some(redacted_placeholder("{\"card\":\"4111\"}").as_str())
        );
        assert!(redacted.events[0].input().unwrap().starts_with("<redacted: 15 bytes, sha256 "));
        assert_eq!(redacted.events[1].error(), Some("Boom"));
        assert!(out.contains("arn:role"));
        assert_eq!(redacted.events[1].id, 2);
    }
}
