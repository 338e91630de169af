//! `sfn-ledger record` and `sfn-ledger worker` against the emulator: executions started outside
//! the tool, a history over 1,000 events, re-recording, and a RUNNING execution recorded twice.

use crate::emulator_support::{task_definition, types, unique, Emu};
use crate::util::{stderr, stdout};
use std::time::Duration;

/// A Map over `items` numbers, each a Pass state: 4 events per item and 6 around them.
pub fn map_definition() -> &'static str {
    r#"{"StartAt":"Each","States":{"Each":{"Type":"Map","ItemsPath":"$.items","Iterator":{"StartAt":"Echo","States":{"Echo":{"Type":"Pass","End":true}}},"End":true}}}"#
}

/// Input for [`map_definition`] with `n` items.
pub fn map_input(n: usize) -> String {
    let items: Vec<String> = (0..n).map(|i| i.to_string()).collect();
    format!(r#"{{"items":[{}]}}"#, items.join(","))
}

#[test]
fn a_history_over_a_thousand_events_is_recorded_whole() {
    let Some(emu) = Emu::new() else { return };
    let machine = emu.state_machine(&unique("BigMap"), map_definition());
    let arn = emu.start(&machine, "big", &map_input(300));
    emu.wait_until(Duration::from_secs(60), "the map to finish", |e| e.status(&arn) != "RUNNING");
    assert_eq!(emu.status(&arn), "SUCCEEDED");
    // 300 items × (MapIterationStarted, PassStateEntered, PassStateExited,
    // MapIterationSucceeded) + ExecutionStarted, MapStateEntered, MapStateStarted,
    // MapStateSucceeded, MapStateExited, ExecutionSucceeded.
    assert_eq!(emu.event_count(&arn), 1206);

    let out = emu.sfn(&["record", "--execution", &arn]);
    assert_eq!(out.status.code(), Some(0), "stdout: {}\nstderr: {}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("SUCCEEDED inserted 1206 already stored 0"), "{}", stdout(&out));
    let ledger = emu.ledger();
    let history = ledger.history(&arn).expect("history");
    assert_eq!(history.events.len(), 1206);
    let ids: Vec<i64> = history.events.iter().map(|e| e.id).collect();
    assert_eq!(ids, (1..=1206).collect::<Vec<i64>>());
    let map_indexes = history.events.iter().filter_map(|e| e.map_index()).count();
    assert_eq!(map_indexes, 600, "MapIterationStarted and MapIterationSucceeded carry the index");
}

#[test]
fn record_by_state_machine_then_again_adds_nothing() {
    let Some(emu) = Emu::new() else { return };
    let machine_name = unique("PassSm");
    let machine = emu.state_machine(
        &machine_name,
        r#"{"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"ok":true},"End":true}}}"#,
    );
    let first = emu.start(&machine, "one", "{}");
    let second = emu.start(&machine, "two", "{}");
    for arn in [&first, &second] {
        emu.wait_until(Duration::from_secs(30), "pass", |e| e.status(arn) == "SUCCEEDED");
    }
    let out = emu.sfn(&["record", "--state-machine", &machine_name, "--status", "SUCCEEDED"]);
    assert_eq!(out.status.code(), Some(0), "stdout: {}\nstderr: {}", stdout(&out), stderr(&out));
    let printed = stdout(&out);
    assert!(
        printed.contains(&format!("{first} SUCCEEDED inserted 4 already stored 0")),
        "{printed}"
    );
    assert!(
        printed.contains(&format!("{second} SUCCEEDED inserted 4 already stored 0")),
        "{printed}"
    );
    assert!(printed.contains("2 execution(s), 8 new event(s)"), "{printed}");
    // Executions started before --since are not listed.
    let out = emu.sfn(&["record", "--state-machine", &machine, "--since", "2099-01-01T00:00:00Z"]);
    assert!(stdout(&out).contains("0 execution(s), 0 new event(s)"), "{}", stdout(&out));
    let ledger = emu.ledger();
    assert_eq!(
        types(&ledger, &first),
        ["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"]
    );

    // --max 1 takes the newest only; both are complete in the ledger: nothing is added.
    let out = emu.sfn(&["record", "--state-machine", &machine, "--max", "1"]);
    assert_eq!(out.status.code(), Some(0), "stdout: {}\nstderr: {}", stdout(&out), stderr(&out));
    let printed = stdout(&out);
    assert!(printed.contains(&format!("{second} SUCCEEDED unchanged")), "{printed}");
    assert!(printed.contains("1 execution(s), 0 new event(s)"), "{printed}");
    assert!(!printed.contains(&first), "{printed}");
    assert_eq!(ledger.history(&first).expect("history").events.len(), 4);
}

#[test]
fn a_running_execution_is_recorded_as_far_as_it_got_then_completed() {
    let Some(emu) = Emu::new() else { return };
    let name = unique("wait-act");
    let activity = emu.activity(&name);
    let machine = emu.state_machine(&unique("WaitSm"), &task_definition(&activity, "Work", None));
    let arn = emu.start(&machine, "pending", r#"{"x":1}"#);
    // No worker yet: the execution waits on its activity after three events.
    emu.wait_until(Duration::from_secs(30), "ActivityScheduled", |e| e.event_count(&arn) >= 3);

    let out = emu.sfn(&["record", "--execution", &arn]);
    assert_eq!(out.status.code(), Some(0), "stdout: {}\nstderr: {}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("RUNNING inserted 3 already stored 0"), "{}", stdout(&out));
    let ledger = emu.ledger();
    assert_eq!(types(&ledger, &arn), ["ExecutionStarted", "TaskStateEntered", "ActivityScheduled"]);
    assert_eq!(ledger.last_event_id(&arn).expect("query"), Some(3));

    // The worker command answers the one task and exits.
    let out = emu.sfn(&[
        "worker",
        "--activity",
        &name,
        "--exec",
        "cat",
        "--max-tasks",
        "1",
        "--worker-name",
        "late-worker",
    ]);
    assert_eq!(out.status.code(), Some(0), "stdout: {}\nstderr: {}", stdout(&out), stderr(&out));
    let log = stderr(&out);
    assert!(log.contains("1 task(s): 1 succeeded, 0 failed, 0 lost"), "{log}");
    emu.wait_until(Duration::from_secs(30), "the end", |e| e.status(&arn) == "SUCCEEDED");

    let out = emu.sfn(&["record", "--execution", &arn]);
    assert_eq!(out.status.code(), Some(0), "stdout: {}\nstderr: {}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("SUCCEEDED inserted 4 already stored 0"), "{}", stdout(&out));
    let ledger = emu.ledger();
    let history = ledger.history(&arn).expect("history");
    assert_eq!(history.events.len(), 7);
    assert_eq!(history.events[3].worker_name(), Some("late-worker"));
    assert_eq!(history.events[6].output().as_deref(), Some(r#"{"x":1}"#));
    let stored = ledger.execution(&arn).expect("query").expect("stored");
    assert_eq!(stored.record.status.as_deref(), Some("SUCCEEDED"));
}

#[test]
fn unknown_names_are_reported_plainly() {
    let Some(emu) = Emu::new() else { return };
    let missing = unique("NoSuchMachine");
    let out = emu.sfn(&["run", "--state-machine", &missing]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out).trim(),
        format!("error: state machine {missing} does not exist in this account and region")
    );
    let missing = unique("no-such-activity");
    let out = emu.sfn(&["worker", "--activity", &missing, "--echo"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out).trim(),
        format!("error: activity {missing} does not exist in this account and region")
    );

    // No credentials anywhere: an empty home, no AWS variables, no instance metadata.
    let home = tempfile::tempdir().expect("temp dir");
    let out = crate::util::sfn_ledger()
        .args(["record", "--execution", "arn:aws:states:us-east-1:000000000000:execution:A:b"])
        .arg("--db")
        .arg(emu.db())
        .args(["--endpoint-url", &emu.url])
        .env_clear()
        .env("HOME", home.path())
        .env("AWS_REGION", "us-east-1")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stdout(&out).contains("error: no AWS credentials found: set AWS_PROFILE"),
        "stdout: {}\nstderr: {}",
        stdout(&out),
        stderr(&out)
    );
}
