//! `sfn-ledger validate`: exit codes, text and JSON reports on the fixtures.

use crate::util::{run_in_root, stderr, stdout};
use std::path::PathBuf;

const VALID: [&str; 3] = [
    "tests/fixtures/runbook-activity.json",
    "tests/fixtures/parallel-two-branches.json",
    "tests/fixtures/map-retry.json",
];
const INVALID: &str = "tests/fixtures/invalid-masked-parallel.json";

macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({
            snapshot_path => concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"),
            prepend_module_to_snapshot => false,
        }, {
            insta::assert_snapshot!($name, $value);
        })
    };
}

#[test]
fn valid_fixtures_exit_0_with_one_line_each() {
    let output = run_in_root(&[&["validate"], &VALID[..]].concat());
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(&output));
    let text = stdout(&output);
    for file in VALID {
        assert!(text.contains(&format!("{file}: valid\n")), "{text}");
    }
    snapshot!("cli_validate__valid_text", text);
}

#[test]
fn an_invalid_history_exits_1_and_names_rules_and_events() {
    let output = run_in_root(&["validate", VALID[0], INVALID]);
    assert_eq!(output.status.code(), Some(1), "stderr: {}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains(&format!("{INVALID}: error[history.ids-unique] event 0: ")), "{text}");
    assert!(text.contains(&format!("{INVALID}: error[lifecycle.parallel] event 9: ")), "{text}");
    assert!(text.ends_with(&format!("{INVALID}: invalid (11 errors)\n")), "{text}");
    snapshot!("cli_validate__invalid_text", text);
}

#[test]
fn json_is_one_array_with_an_object_per_file() {
    let output = run_in_root(&["validate", "--format", "json", VALID[1], INVALID]);
    assert_eq!(output.status.code(), Some(1));
    let value: serde_json::Value =
        serde_json::from_str(&stdout(&output)).expect("one JSON document");
    let files = value.as_array().expect("an array");
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["file"], VALID[1]);
    assert_eq!(files[0]["valid"], true);
    assert_eq!(files[0]["diagnostics"], serde_json::json!([]));
    assert_eq!(files[1]["valid"], false);
    let first = &files[1]["diagnostics"][0];
    assert_eq!(first["rule"], "history.ids-unique");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["event_id"], 0);
    snapshot!("cli_validate__json", stdout(&output));
    // A single file is still an array.
    let single = run_in_root(&["validate", "--format", "json", VALID[0]]);
    assert_eq!(single.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_str(&stdout(&single)).expect("JSON");
    assert_eq!(value.as_array().map(Vec::len), Some(1));
}

#[test]
fn unreadable_input_exits_2_naming_the_file_and_event() {
    let missing = run_in_root(&["validate", VALID[0], "tests/fixtures/no-such-file.json"]);
    assert_eq!(missing.status.code(), Some(2));
    assert_eq!(stdout(&missing), "", "nothing is reported before every file is read");
    assert!(stderr(&missing).contains("cannot read tests/fixtures/no-such-file.json"));

    let path = scratch("no-timestamp.json");
    std::fs::write(&path, r#"{"events":[{"id":1,"previousEventId":0,"type":"ExecutionStarted"}]}"#)
        .expect("write scratch file");
    let output = crate::util::run(&["validate", path.to_str().expect("utf-8 path")]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(message.contains("event id 1"), "{message}");
    assert!(message.contains("missing field `timestamp`"), "{message}");
    let _ = std::fs::remove_file(path);
}

#[test]
fn parse_warnings_are_reported_without_failing() {
    let path = scratch("unknown-type.json");
    let history = r#"{"events":[
        {"id":1,"previousEventId":0,"type":"ExecutionStarted","timestamp":1700000000.0},
        {"id":2,"previousEventId":1,"type":"SomethingNew","timestamp":1700000001.0},
        {"id":3,"previousEventId":2,"type":"ExecutionSucceeded","timestamp":1700000002.0}]}"#;
    std::fs::write(&path, history).expect("write scratch file");
    let file = path.to_str().expect("utf-8 path");
    let output = crate::util::run(&["validate", file]);
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(&output));
    assert_eq!(
        stdout(&output),
        format!(
            "{file}: warning[parse] event 2: unknown event type `SomethingNew` kept as raw JSON\n\
             {file}: valid\n"
        )
    );
    let _ = std::fs::remove_file(path);
}

/// A path in the temporary directory, unique to this test process.
fn scratch(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("sfn-ledger-cli-validate-{}-{name}", std::process::id()))
}

#[test]
fn every_rule_is_documented_with_its_severity() {
    let docs = std::fs::read_to_string(crate::util::root().join("docs/events.md")).expect("docs");
    for rule in sfn_ledger_model::validate::RULES {
        let row = format!("| `{}` | {} | ", rule.id, rule.severity);
        let line = docs.lines().find(|l| l.starts_with(&row));
        let line = line.unwrap_or_else(|| panic!("docs/events.md has no row {row}"));
        let described = line[row.len()..].trim_end_matches(" |").replace("\\|", "|");
        assert_eq!(described, rule.description, "docs/events.md row of {}", rule.id);
    }
}
