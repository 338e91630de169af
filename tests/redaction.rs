//! `--redact`: no input, output, cause or parameters payload survives in shared output.

use crate::util::{fixture, run, stdout};

/// Every payload string of a history file that is long enough to be recognizable.
fn payloads(name: &str) -> Vec<String> {
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(fixture(name)).unwrap()).unwrap();
    let mut found = Vec::new();
    for event in json["events"].as_array().unwrap() {
        for (key, details) in event.as_object().unwrap() {
            if !key.ends_with("EventDetails") {
                continue;
            }
            for field in ["input", "output", "cause", "parameters"] {
                if let Some(text) = details[field].as_str().filter(|t| t.len() >= 12) {
                    found.push(text.to_owned());
                }
            }
        }
    }
    found
}

#[test]
fn redacted_reports_and_exports_hold_no_payload() {
    for name in ["report-map-retry-catch.json", "parallel-two-branches.json", "map-retry.json"] {
        let secrets = payloads(name);
        assert!(!secrets.is_empty(), "{name} has payloads to test with");
        let path = fixture(name).display().to_string();
        for command in [
            &["report", "--format", "json"][..],
            &["report", "--format", "table"],
            &["report", "--format", "markdown"],
            &["show", "--format", "json"],
            &["show"],
            &["timeline", "--format", "html", "-o", "-"],
        ] {
            let mut plain_args = command.to_vec();
            plain_args.push(&path);
            let mut redacted_args = plain_args.clone();
            redacted_args.push("--redact");
            let redacted = stdout(&run(&redacted_args));
            assert!(redacted.contains("<redacted: ") || !stdout(&run(&plain_args)).is_empty());
            for secret in &secrets {
                // JSON output escapes quotes: compare with both forms.
                let escaped = serde_json::to_string(secret).unwrap();
                let escaped = &escaped[1..escaped.len() - 1];
                assert!(
                    !redacted.contains(secret.as_str()) && !redacted.contains(escaped),
                    "{command:?} {name} leaks {secret:?}"
                );
            }
        }
        // And the unredacted JSON export does carry them (the test can fail).
        let plain = stdout(&run(&["show", "--format", "json", &path]));
        assert!(secrets.iter().any(|s| plain.contains(&serde_json::to_string(s).unwrap()[1..3])));
    }
}
