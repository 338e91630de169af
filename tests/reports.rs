//! `report`, `timeline` and `graph` end to end: hand-checked numbers for the three fixtures and
//! snapshots of every output format.

use crate::util::{fixture, root, sfn_ledger, stdout};
use serde_json::Value;
use std::process::Output;

const FIXTURES: [&str; 3] = ["runbook-activity", "report-parallel", "report-map-retry-catch"];

/// Runs the binary from the repository root with a relative fixture path, so outputs that name
/// the file are stable.
fn run_on(name: &str, args: &[&str]) -> Output {
    let path = format!("tests/fixtures/{name}.json");
    assert!(fixture(&format!("{name}.json")).exists());
    let mut all = vec![args[0], path.as_str()];
    all.extend_from_slice(&args[1..]);
    sfn_ledger().current_dir(root()).args(&all).output().expect("sfn-ledger runs")
}

fn report_json(name: &str) -> Value {
    let output = run_on(name, &["report", "--format", "json"]);
    serde_json::from_slice(&output.stdout).expect("report JSON parses")
}

fn state<'a>(report: &'a Value, name: &str, scope: &str) -> &'a Value {
    report["states"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == name && s["scope"] == scope)
        .unwrap_or_else(|| panic!("no state {name} in {scope}"))
}

fn critical_names(report: &Value) -> Vec<(String, String)> {
    report["critical_path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["name"].as_str().unwrap().to_owned(), c["scope"].as_str().unwrap().to_owned()))
        .collect()
}

#[test]
fn runbook_sample_numbers_are_the_hand_computed_ones() {
    let report = report_json("runbook-activity");
    assert_eq!(report["status"], "SUCCEEDED");
    // ExecutionStarted 1489912589.005 -> ExecutionSucceeded 1489912606.538 = 17.533 s.
    assert_eq!(report["duration_ms"], 17533.0);
    assert_eq!(report["started_at"], "2017-03-19T08:36:29.005Z");
    assert_eq!(report["path"], serde_json::json!(["getGreeting"]));
    let task = state(&report, "getGreeting", "top");
    assert_eq!(task["type"], "Task");
    assert_eq!(task["attempt"], 1);
    assert_eq!(task["entered_event_id"], 2);
    assert_eq!(task["exited_event_id"], 6);
    // ActivityScheduled 1489912589.047 -> ActivityStarted 1489912606.402 = 17.355 s queued.
    assert_eq!(task["queue_ms"], 17355.0);
    // ActivityStarted 1489912606.402 -> ActivitySucceeded 1489912606.538 = 0.136 s of work.
    assert_eq!(task["work_ms"], 136.0);
    // TaskStateEntered .047 -> TaskStateExited .538 (17 s later) = 17.491 s in the state.
    assert_eq!(task["duration_ms"], 17491.0);
    // Service: start .005 -> entered .047 = 42 ms, exited .538 -> end .538 = 0 ms.
    assert_eq!(report["time_in_service_ms"], 42.0);
    assert_eq!(report["failure"], Value::Null);
    // 17491 / 17533 = 0.997604...
    let share = report["critical_path"][0]["share"].as_f64().unwrap();
    assert!((share - 17491.0 / 17533.0).abs() < 1e-6, "{share}");
}

#[test]
fn parallel_critical_path_goes_through_the_branch_that_finished_last() {
    let report = report_json("report-parallel");
    assert_eq!(report["status"], "SUCCEEDED");
    // 1700000000.000 -> 1700000002.650.
    assert_eq!(report["duration_ms"], 2650.0);
    assert_eq!(report["path"], serde_json::json!(["Prepare", "Fanout", "Done"]));
    // Branch 0 (FetchA, ShapeA) ends at 1.350 s, branch 1 (Pause, FetchB) at 2.612 s.
    let expected = [
        ("Prepare", "top"),
        ("Fanout", "top"),
        ("Pause", "Fanout[branch 1]"),
        ("FetchB", "Fanout[branch 1]"),
        ("Done", "top"),
    ];
    let names: Vec<(String, String)> =
        expected.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(critical_names(&report), names);
    let durations: Vec<f64> = report["critical_path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["duration_ms"].as_f64().unwrap())
        .collect();
    // Prepare .012->.020, Fanout .031->2.630, Pause .062->2.062, FetchB 2.070->2.612, Done 2.641->2.645.
    assert_eq!(durations, vec![8.0, 2599.0, 2000.0, 542.0, 4.0]);
    // Fanout's share: 2599 / 2650.
    let share = report["critical_path"][1]["share"].as_f64().unwrap();
    assert!((share - 2599.0 / 2650.0).abs() < 1e-6);
    let fetch_a = state(&report, "FetchA", "Fanout[branch 0]");
    // TaskScheduled .070 -> TaskStarted .118 -> TaskSucceeded 1.318.
    assert_eq!(fetch_a["queue_ms"], 48.0);
    assert_eq!(fetch_a["work_ms"], 1200.0);
    // Top-level service time: 12 (start->Prepare) + 11 + 11 + 5 (Done->end) = 39 ms;
    // in states 8 + 2599 + 4 = 2611 ms; together the 2650 ms.
    assert_eq!(report["time_in_service_ms"], 39.0);
    assert_eq!(report["time_in_states_ms"], 2611.0);
    assert_eq!(report["caught"], serde_json::json!([]));
}

#[test]
fn map_retry_catch_attribution_backoff_and_path() {
    let output = run_on("report-map-retry-catch", &["report", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1), "a failed execution exits 1");
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["status"], "FAILED");
    assert_eq!(report["duration_ms"], 1940.0);
    assert_eq!(report["retries"], 1);
    // TaskFailed 19, TaskFailed 33, FailStateEntered 37.
    assert_eq!(report["errors"], 3);
    assert_eq!(report["states_entered"], 7);
    // The execution failed in Fail state PublishFailed (event 37), reached from the Catch of
    // Publish whose TaskFailed (event 33) is the real cause.
    let failure = &report["failure"];
    assert_eq!(failure["state"], "Publish");
    assert_eq!(failure["event_id"], 33);
    assert_eq!(failure["error"], "SNS.InternalErrorException");
    assert_eq!(failure["execution_error"], "PublishFailed");
    assert_eq!(failure["terminal_event_id"], 38);
    assert_eq!(failure["rethrown_by"]["state"], "PublishFailed");
    assert_eq!(failure["rethrown_by"]["event_id"], 37);
    // The iteration-1 failure (event 19) was recovered by a retry: it is not blamed.
    let caught = report["caught"].as_array().unwrap();
    assert_eq!(caught.len(), 1);
    assert_eq!(caught[0]["state"], "Publish");
    assert_eq!(caught[0]["handler"], "RecordFailure");
    assert_eq!(caught[0]["exited_event_id"], 34);
    // Iteration 1's Transform: TaskFailed at .350, re-scheduled at 1.350 = 1000 ms backoff.
    let retried = state(&report, "Transform", "ProcessItems[1]");
    assert_eq!(retried["attempt"], 2);
    let backoff = &retried["backoffs"][0];
    assert_eq!(backoff["after_attempt"], 1);
    assert_eq!(backoff["from_event_id"], 19);
    assert_eq!(backoff["to_event_id"], 23);
    assert_eq!(backoff["duration_ms"], 1000.0);
    // Queue: (.061 - .051) + (1.362 - 1.350) = 22 ms; work: (.350 - .061) + (1.600 - 1.362) = 527 ms.
    assert_eq!(retried["queue_ms"], 22.0);
    assert_eq!(retried["work_ms"], 527.0);
    assert_eq!(retried["attempts"][0]["error"]["error"], "Lambda.ServiceException");
    // Iteration 1 finished last (1.612 s): the path descends into it.
    let expected = [
        ("ProcessItems", "top"),
        ("Transform", "ProcessItems[1]"),
        ("Publish", "top"),
        ("RecordFailure", "top"),
        ("PublishFailed", "top"),
    ];
    let names: Vec<(String, String)> =
        expected.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(critical_names(&report), names);
    // The Fail state is closed by the execution's end: 1.930 -> 1.940.
    let fail = state(&report, "PublishFailed", "top");
    assert_eq!(fail["closed"], "execution_ended");
    assert_eq!(fail["exited_event_id"], 38);
    assert_eq!(fail["duration_ms"], 10.0);
    // In states: 1630 (ProcessItems) + 260 (Publish) + 5 (RecordFailure) + 10 = 1905 ms; in the
    // service: 10 (start) + 10 (29->30) + 10 (34->35) + 5 (36->37) = 35 ms; 1905 + 35 = 1940.
    assert_eq!(report["time_in_states_ms"], 1905.0);
    assert_eq!(report["time_in_service_ms"], 35.0);
    // Transform in iteration 1: entered .041, exited 1.612 = 1571 ms.
    assert_eq!(report["critical_path"][1]["duration_ms"], 1571.0);
}

#[test]
fn snapshots_of_every_format() {
    let cases: &[(&str, &[&str])] = &[
        ("report-table", &["report"]),
        ("report-json", &["report", "--format", "json"]),
        ("report-markdown", &["report", "--format", "markdown"]),
        ("timeline-text", &["timeline", "--width", "100", "--color", "never"]),
        ("timeline-trace", &["timeline", "--format", "trace"]),
        ("timeline-html", &["timeline", "--format", "html"]),
        ("graph-states-dot", &["graph", "--of", "states", "--format", "dot"]),
        ("graph-states-mermaid", &["graph", "--of", "states", "--format", "mermaid"]),
        ("graph-events-dot", &["graph", "--of", "events", "--format", "dot"]),
        ("graph-events-mermaid", &["graph", "--of", "events", "--format", "mermaid"]),
    ];
    for name in FIXTURES {
        for (kind, args) in cases {
            let output = run_on(name, args);
            assert!(output.status.code().is_some_and(|c| c <= 1), "{kind} {name}: {output:?}");
            insta::with_settings!({snapshot_path => concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots")}, {
                insta::assert_snapshot!(format!("{kind}__{name}"), stdout(&output));
            });
        }
    }
}

#[test]
fn trace_has_one_named_track_per_scope() {
    let output = run_on("report-parallel", &["timeline", "--format", "trace"]);
    let trace: Value = serde_json::from_slice(&output.stdout).unwrap();
    let names: Vec<&str> = trace["traceEvents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["name"] == "thread_name")
        .map(|e| e["args"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["top", "Fanout[branch 0]", "Fanout[branch 1]"]);
    let fetch_b =
        trace["traceEvents"].as_array().unwrap().iter().find(|e| e["name"] == "FetchB").unwrap();
    // Entered 2.070 s after the start, for 542 ms: microseconds.
    assert_eq!(fetch_b["ts"], 2_070_000.0);
    assert_eq!(fetch_b["dur"], 542_000.0);
}

#[test]
fn text_timeline_has_no_colour_when_not_a_terminal() {
    let output = run_on("report-map-retry-catch", &["timeline"]);
    let text = stdout(&output);
    assert!(!text.contains('\x1b'), "{text}");
    assert!(text.contains("·"), "the backoff is drawn: {text}");
    let coloured = stdout(&run_on("report-map-retry-catch", &["timeline", "--color", "always"]));
    assert!(coloured.contains("\x1b[35m"), "backoff in magenta");
}
