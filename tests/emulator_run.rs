//! `sfn-ledger run` against the emulator: the runbook's activity scenario, a failing command,
//! and heartbeats keeping a slow task alive.

use crate::emulator_support::{task_definition, types, unique, Emu};
use crate::util::{stderr, stdout};
use sfn_ledger_model::parse_history;

#[test]
fn runbook_activity_scenario_records_the_seven_events() {
    let Some(emu) = Emu::new() else { return };
    // The runbook's exact names; no other test creates these, so the emulator must be fresh.
    let taken = emu.rt.block_on(
        emu.client
            .describe_execution()
            .execution_arn(
                "arn:aws:states:us-east-1:000000000000:execution:ActivityStateMachine:act-1",
            )
            .send(),
    );
    assert!(
        taken.is_err(),
        "this emulator already ran act-1: start a fresh one (scripts/test does) for this test"
    );
    let activity = emu.activity("get-greeting");
    let machine =
        emu.state_machine("ActivityStateMachine", &task_definition(&activity, "getGreeting", None));
    let out = emu.sfn(&[
        "run",
        "--state-machine",
        "ActivityStateMachine",
        "--name",
        "act-1",
        "--worker",
        "get-greeting=echo",
        "--worker-name",
        "testWorker",
        "--timeout",
        "60s",
    ]);
    assert_eq!(out.status.code(), Some(0), "stdout: {}\nstderr: {}", stdout(&out), stderr(&out));
    let printed = stdout(&out);
    assert!(printed.contains("execution act-1 SUCCEEDED"), "{printed}");
    assert!(printed.contains("states entered: 1"), "{printed}");
    assert!(printed.contains("output: {}"), "{printed}");

    let arn = machine.replace(":stateMachine:", ":execution:") + ":act-1";
    let ledger = emu.ledger();
    let stored = ledger.execution(&arn).expect("query").expect("recorded");
    assert_eq!(stored.record.status.as_deref(), Some("SUCCEEDED"));
    assert_eq!(stored.record.output.as_deref(), Some("{}"));
    let history = ledger.history(&arn).expect("history");
    let runbook = parse_history(
        &std::fs::read(crate::util::fixture("runbook-activity.json")).expect("fixture"),
    )
    .expect("runbook parses");
    let expected: Vec<&str> = runbook.events.iter().map(|e| e.event_type.as_str()).collect();
    assert_eq!(types(&ledger, &arn), expected);
    let previous: Vec<i64> = history.events.iter().map(|e| e.previous_event_id).collect();
    assert_eq!(previous, vec![0, 0, 2, 3, 4, 5, 6]);
    let ids: Vec<i64> = history.events.iter().map(|e| e.id).collect();
    assert_eq!(ids, vec![1, 2, 3, 4, 5, 6, 7]);
    assert_eq!(history.events[3].worker_name(), Some("testWorker"));
    assert_eq!(history.events[1].state_name(), Some("getGreeting"));
    assert_eq!(history.events[2].resource(), Some(activity.as_str()));
    assert_eq!(history.events[6].output().as_deref(), Some("{}"));

    // The name is taken now.
    let out = emu.sfn(&["run", "--state-machine", "ActivityStateMachine", "--name", "act-1"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out).trim(),
        format!(
            "error: execution name act-1 is already used by an execution of {machine}; choose \
             another --name"
        )
    );
}

#[test]
fn a_failing_command_fails_the_activity_with_the_end_of_stderr() {
    let Some(emu) = Emu::new() else { return };
    let name = unique("fail-act");
    let activity = emu.activity(&name);
    let machine = emu.state_machine(&unique("FailSm"), &task_definition(&activity, "Work", None));
    let worker = format!("{name}=exec:echo 'first line' >&2; echo 'disk on fire' >&2; exit 3");
    let out = emu.sfn(&["run", "--state-machine", &machine, "--name", "f1", "--worker", &worker]);
    assert_eq!(out.status.code(), Some(1), "stdout: {}\nstderr: {}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("FAILED"), "{}", stdout(&out));

    let arn = machine.replace(":stateMachine:", ":execution:") + ":f1";
    let ledger = emu.ledger();
    assert_eq!(
        types(&ledger, &arn),
        [
            "ExecutionStarted",
            "TaskStateEntered",
            "ActivityScheduled",
            "ActivityStarted",
            "ActivityFailed",
            "ExecutionFailed"
        ]
    );
    let history = ledger.history(&arn).expect("history");
    let failed = &history.events[4];
    assert_eq!(failed.error(), Some("ExecFailed"));
    assert_eq!(failed.cause(), Some("exit code 3; stderr: first line\ndisk on fire"));
    assert_eq!(
        ledger.execution(&arn).expect("query").expect("stored").record.status.as_deref(),
        Some("FAILED")
    );
}

/// A slow activity: a Task that must heartbeat every 3 s, served by a command taking 5 s.
/// Returns the state machine ARN and the `--worker` value.
fn slow_activity(emu: &Emu) -> (String, String) {
    let name = unique("slow-act");
    let activity = emu.activity(&name);
    let machine =
        emu.state_machine(&unique("SlowSm"), &task_definition(&activity, "Slow", Some(3)));
    (machine, format!("{name}=exec:sleep 5; cat"))
}

#[test]
fn heartbeats_keep_a_slow_task_alive() {
    let Some(emu) = Emu::new() else { return };
    let input = r#"{"n":1}"#;
    // Each run has its own activity: a run abandons its last poll when the execution ends, and
    // the emulator would hand the next task of that activity to the abandoned poll.
    let (machine, worker) = slow_activity(&emu);

    // Without heartbeats the emulator times the task out: the limit is real.
    let out = emu.sfn(&[
        "run",
        "--state-machine",
        &machine,
        "--name",
        "no-beat",
        "--input",
        input,
        "--worker",
        &worker,
    ]);
    assert_eq!(out.status.code(), Some(1), "stdout: {}\nstderr: {}", stdout(&out), stderr(&out));
    let arn = machine.replace(":stateMachine:", ":execution:") + ":no-beat";
    let ledger = emu.ledger();
    assert!(types(&ledger, &arn).contains(&"ActivityTimedOut".to_owned()));

    let (machine, worker) = slow_activity(&emu);
    let out = emu.sfn(&[
        "run",
        "--state-machine",
        &machine,
        "--name",
        "beat",
        "--input",
        input,
        "--worker",
        &worker,
        "--heartbeat",
        "1",
    ]);
    assert_eq!(out.status.code(), Some(0), "stdout: {}\nstderr: {}", stdout(&out), stderr(&out));
    assert!(stderr(&out).contains("heartbeat sent"), "{}", stderr(&out));
    let arn = machine.replace(":stateMachine:", ":execution:") + ":beat";
    let ledger = emu.ledger();
    let history = ledger.history(&arn).expect("history");
    assert_eq!(history.events.last().map(|e| e.event_type.as_str()), Some("ExecutionSucceeded"));
    assert_eq!(history.events.last().and_then(|e| e.output()).as_deref(), Some(input));
}

#[test]
fn a_run_still_going_at_the_timeout_is_recorded_as_far_as_it_got() {
    let Some(emu) = Emu::new() else { return };
    let activity = emu.activity(&unique("nobody-act"));
    let machine =
        emu.state_machine(&unique("WaitingSm"), &task_definition(&activity, "Waiting", None));
    // No worker serves the activity: the execution waits until the timeout.
    let out = emu.sfn(&["run", "--state-machine", &machine, "--name", "slow", "--timeout", "2s"]);
    assert_eq!(out.status.code(), Some(2), "stdout: {}\nstderr: {}", stdout(&out), stderr(&out));
    let arn = machine.replace(":stateMachine:", ":execution:") + ":slow";
    assert_eq!(
        stderr(&out).trim(),
        format!("error: execution {arn} still RUNNING after 2.000s; recorded as far as it got")
    );
    assert!(stdout(&out).contains("execution slow RUNNING"), "{}", stdout(&out));
    let ledger = emu.ledger();
    assert_eq!(types(&ledger, &arn), ["ExecutionStarted", "TaskStateEntered", "ActivityScheduled"]);
    let stored = ledger.execution(&arn).expect("query").expect("stored");
    assert_eq!(stored.record.status.as_deref(), Some("RUNNING"));
    assert!(ledger.definition(&arn).expect("query").is_some_and(|d| d.contains("Waiting")));
}
