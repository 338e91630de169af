//! Placeholders for values that differ between runs: ARNs (region, account, execution name),
//! UUIDs, ISO timestamps, task tokens, plus user-given patterns.

use regex::{Captures, Regex};
use serde_json::Value;

/// Replaces run-specific values in strings and JSON values.
#[derive(Debug, Clone)]
pub struct Redactor {
    arn: Regex,
    uuid: Regex,
    timestamp: Regex,
    extra: Vec<Regex>,
    keys: Vec<String>,
    execution_name: Option<String>,
}

impl Redactor {
    /// The built-in placeholders plus `extra` regular expressions (replaced by `<redacted>`)
    /// and object `keys` whose values (of any type) become `<redacted>`; `execution_name`,
    /// when known, is replaced wherever a whole string equals it.
    pub fn new(
        extra: &[String],
        keys: &[String],
        execution_name: Option<&str>,
    ) -> Result<Redactor, String> {
        let extra = extra
            .iter()
            .map(|p| Regex::new(p).map_err(|e| format!("bad --redact pattern {p:?}: {e}")))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Redactor {
            arn: Regex::new(
                r"arn:(aws[a-zA-Z-]*):([a-zA-Z0-9-]+):([a-z0-9-]*):([0-9]{12}|X{12})?:([^\s\x22',;]+)",
            )
            .expect("the ARN pattern compiles"),
            uuid: Regex::new(
                r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
            )
            .expect("the UUID pattern compiles"),
            timestamp: Regex::new(
                r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?",
            )
            .expect("the timestamp pattern compiles"),
            extra,
            keys: keys.to_vec(),
            execution_name: execution_name.map(str::to_owned),
        })
    }

    /// Replaces run-specific parts of a string.
    pub fn text(&self, text: &str) -> String {
        if self.execution_name.as_deref() == Some(text) {
            return "<execution-name>".to_owned();
        }
        let mut out = self.arn.replace_all(text, |c: &Captures| arn(c)).into_owned();
        for pattern in &self.extra {
            out = pattern.replace_all(&out, "<redacted>").into_owned();
        }
        out = self.uuid.replace_all(&out, "<uuid>").into_owned();
        self.timestamp.replace_all(&out, "<timestamp>").into_owned()
    }

    /// Replaces run-specific strings anywhere in a JSON value; values under keys that name a
    /// token (`taskToken`, `TaskToken`, …) become `<task-token>`.
    pub fn value(&self, value: &mut Value) {
        match value {
            Value::String(s) => *s = self.text(s),
            Value::Array(items) => items.iter_mut().for_each(|v| self.value(v)),
            Value::Object(map) => {
                for (key, v) in map.iter_mut() {
                    if self.keys.iter().any(|k| k == key) {
                        *v = Value::String("<redacted>".to_owned());
                    } else if key.to_ascii_lowercase().contains("token") && v.is_string() {
                        *v = Value::String("<task-token>".to_owned());
                    } else {
                        self.value(v);
                    }
                }
            }
            _ => {}
        }
    }
}

/// An ARN with region and account replaced, and the execution name of execution ARNs too.
fn arn(c: &Captures) -> String {
    let region = if c[3].is_empty() { "" } else { "<region>" };
    let account = if c.get(4).is_some() { "<account>" } else { "" };
    let service = &c[2];
    let mut resource = c[5].to_owned();
    if service == "states" {
        let parts: Vec<&str> = resource.split(':').collect();
        if matches!(parts.first(), Some(&"execution") | Some(&"express")) && parts.len() >= 3 {
            resource = format!("{}:{}:<execution>", parts[0], parts[1]);
        }
    }
    format!("arn:{}:{service}:{region}:{account}:{resource}", &c[1])
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn replaces_arns_uuids_timestamps_and_tokens() {
        let r = Redactor::new(&["order-[0-9]+".to_owned()], &["delays".to_owned()], Some("run-42"))
            .unwrap();
        assert_eq!(
            r.text("arn:aws:states:us-east-1:123456789012:execution:Machine:run-42"),
            "arn:aws:states:<region>:<account>:execution:Machine:<execution>"
        );
        assert_eq!(
            r.text("arn:aws:iam::123456789012:role/StepFunctionsRole"),
            "arn:aws:iam::<account>:role/StepFunctionsRole"
        );
        assert_eq!(r.text("id 0f8fad5b-d9cb-469f-a165-70867728950e"), "id <uuid>");
        assert_eq!(r.text("at 2024-05-01T10:00:00.123Z"), "at <timestamp>");
        assert_eq!(r.text("order-1234 done"), "<redacted> done");
        assert_eq!(r.text("run-42"), "<execution-name>");
        let mut v = json!({"TaskToken": "AAAA", "nested": [{"taskToken": "BBB", "n": 1}], "delays": {"left": 1}});
        r.value(&mut v);
        assert_eq!(
            v,
            json!({"TaskToken": "<task-token>", "nested": [{"taskToken": "<task-token>", "n": 1}], "delays": "<redacted>"})
        );
        assert!(Redactor::new(&["(".to_owned()], &[], None).is_err());
    }
}
