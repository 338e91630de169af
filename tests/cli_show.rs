//! `sfn-ledger show`: the event table, the scope tree and the history as JSON.

use crate::util::{fixture, run_in_root, stderr, stdout};

const FIXTURES: [&str; 3] = ["runbook-activity", "parallel-two-branches", "map-retry"];

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

fn show(args: &[&str]) -> String {
    let output = run_in_root(&[&["show"], args].concat());
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(&output));
    stdout(&output)
}

#[test]
fn table_of_each_fixture() {
    for name in FIXTURES {
        let text = show(&[&format!("tests/fixtures/{name}.json")]);
        snapshot!(format!("cli_show__table_{name}"), text);
    }
}

#[test]
fn table_shows_offsets_scopes_and_details() {
    let text = show(&["tests/fixtures/runbook-activity.json"]);
    let line = text.lines().find(|l| l.contains("ActivityStarted")).expect("a row");
    // 1489912606.402 - 1489912589.005 = 17.397 seconds.
    assert!(line.contains("+17.397s"), "{line}");
    assert!(line.contains("getGreeting"), "{line}");
    assert!(line.contains("worker testWorker"), "{line}");
    let map = show(&["tests/fixtures/map-retry.json"]);
    let failed = map.lines().find(|l| l.contains("TaskFailed")).expect("a row");
    // 10:30:00.951 - 10:30:00.250 = 0.701 seconds.
    assert!(failed.contains("+0.701s"), "{failed}");
    assert!(failed.contains("ProcessItems[1] / Charge"), "{failed}");
    assert!(failed.contains("Lambda.ServiceException"), "{failed}");
}

#[test]
fn tree_of_each_fixture() {
    for name in FIXTURES {
        let text = show(&["--tree", &format!("tests/fixtures/{name}.json")]);
        snapshot!(format!("cli_show__tree_{name}"), text);
    }
}

#[test]
fn tree_nests_branches_under_the_parallel_state() {
    let text = show(&["--tree", "tests/fixtures/parallel-two-branches.json"]);
    let lines: Vec<&str> = text.lines().collect();
    let header = lines.iter().position(|l| l.trim() == "FetchBoth[branch 1]:").expect("branch 1");
    let pause = lines.iter().position(|l| l.contains("WaitStateEntered")).expect("Pause");
    assert_eq!(pause, header + 1, "{text}");
    assert!(lines[pause].starts_with("        "), "branch events are indented: {text}");
}

#[test]
fn json_is_the_history_as_read() {
    for name in FIXTURES {
        let text = show(&["--format", "json", &format!("tests/fixtures/{name}.json")]);
        let shown: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        let file = std::fs::read_to_string(fixture(&format!("{name}.json"))).expect("fixture");
        let original: serde_json::Value = serde_json::from_str(&file).expect("JSON");
        assert_eq!(shown, original, "{name}");
    }
    // Every field as received: the ISO timestamps stay strings with their offset.
    let text = show(&["--format", "json", "tests/fixtures/map-retry.json"]);
    assert!(text.contains(r#""timestamp": "2024-06-15T10:30:00.250000+02:00""#), "{text}");
}

#[test]
fn tree_and_json_do_not_combine() {
    let output =
        run_in_root(&["show", "--tree", "--format", "json", "tests/fixtures/map-retry.json"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--tree"), "{}", stderr(&output));
    let text = show(&["--tree", "--format", "text", "tests/fixtures/map-retry.json"]);
    assert!(text.contains("ProcessItems[1]:"), "{text}");
}

#[test]
fn a_missing_file_exits_2() {
    let output = run_in_root(&["show", "tests/fixtures/no-such-file.json"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("cannot read tests/fixtures/no-such-file.json"));
}
