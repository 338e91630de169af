//! `sfn-ledger worker` against the emulator: the concurrency limit, `--task-timeout`, and Ctrl-C
//! (finish running tasks, or fail them with `--fail-in-flight`).

use crate::emulator_support::{task_definition, types, unique, Emu};
use crate::util::{stderr, stdout};
use std::process::{Child, Output, Stdio};
use std::time::Duration;

/// An activity and a one-task state machine on it.
fn setup(emu: &Emu, prefix: &str) -> (String, String) {
    let name = unique(prefix);
    let activity = emu.activity(&name);
    let machine = emu.state_machine(&unique("WorkerSm"), &task_definition(&activity, "Work", None));
    (name, machine)
}

/// Starts the worker in the background against the emulator.
fn spawn_worker(emu: &Emu, args: &[&str]) -> Child {
    crate::util::sfn_ledger()
        .arg("worker")
        .args(args)
        .arg("--endpoint-url")
        .arg(&emu.url)
        .env("AWS_ACCESS_KEY_ID", "test")
        .env("AWS_SECRET_ACCESS_KEY", "test")
        .env("AWS_REGION", "us-east-1")
        .env_remove("AWS_PROFILE")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("worker starts")
}

/// Sends SIGINT (what Ctrl-C sends) to the worker and collects its output.
fn interrupt(child: Child) -> Output {
    let status = std::process::Command::new("kill")
        .arg("-INT")
        .arg(child.id().to_string())
        .status()
        .expect("kill runs");
    assert!(status.success());
    child.wait_with_output().expect("worker output")
}

/// Every task token in the log is shortened: `task XXXXXXXX…(N chars)`.
fn assert_tokens_shortened(log: &str) {
    for line in log.lines().filter(|l| l.starts_with("task ")) {
        let token = line.split(' ').nth(1).unwrap_or_default();
        assert!(token.contains("…(") && token.chars().count() < 24, "token shown whole: {line}");
    }
}

#[test]
fn concurrent_tasks_overlap_up_to_the_limit() {
    let Some(emu) = Emu::new() else { return };
    let (name, machine) = setup(&emu, "pair-act");
    let first = emu.start(&machine, "a", r#"{"n":1}"#);
    let second = emu.start(&machine, "b", r#"{"n":2}"#);
    for arn in [&first, &second] {
        emu.wait_until(Duration::from_secs(30), "scheduled", |e| e.event_count(arn) >= 3);
    }
    let out = emu.sfn(&[
        "worker",
        "--activity",
        &name,
        "--exec",
        "sleep 1; cat",
        "--concurrency",
        "2",
        "--max-tasks",
        "2",
    ]);
    assert_eq!(out.status.code(), Some(0), "stdout: {}\nstderr: {}", stdout(&out), stderr(&out));
    assert!(stderr(&out).contains("2 task(s): 2 succeeded, 0 failed, 0 lost"), "{}", stderr(&out));
    assert_tokens_shortened(&stderr(&out));
    for arn in [&first, &second] {
        emu.wait_until(Duration::from_secs(30), "success", |e| e.status(arn) == "SUCCEEDED");
    }
    let out = emu.sfn(&["record", "--execution", &first, "--execution", &second]);
    assert_eq!(out.status.code(), Some(0), "stdout: {}\nstderr: {}", stdout(&out), stderr(&out));
    let ledger = emu.ledger();
    let (a, b) = (ledger.history(&first).expect("a"), ledger.history(&second).expect("b"));
    // Each task started before the other one ended: they ran at the same time.
    let started = |h: &sfn_ledger_model::History| h.events[3].timestamp;
    let ended = |h: &sfn_ledger_model::History| h.events[4].timestamp;
    assert_eq!(a.events[3].event_type.as_str(), "ActivityStarted");
    assert_eq!(b.events[4].event_type.as_str(), "ActivitySucceeded");
    assert!(started(&a) < ended(&b) && started(&b) < ended(&a));
}

#[test]
fn a_hung_task_is_failed_after_the_task_timeout() {
    let Some(emu) = Emu::new() else { return };
    let (name, machine) = setup(&emu, "hung-act");
    let arn = emu.start(&machine, "hung", "{}");
    let out = emu.sfn(&[
        "worker",
        "--activity",
        &name,
        "--exec",
        "exec sleep 30",
        "--task-timeout",
        "1s",
        "--max-tasks",
        "1",
    ]);
    assert_eq!(out.status.code(), Some(0), "stdout: {}\nstderr: {}", stdout(&out), stderr(&out));
    assert!(stderr(&out).contains("TaskTimeout: no result within 1s"), "{}", stderr(&out));
    emu.wait_until(Duration::from_secs(30), "failure", |e| e.status(&arn) == "FAILED");
    let out = emu.sfn(&["record", "--execution", &arn]);
    assert_eq!(out.status.code(), Some(0), "stdout: {}\nstderr: {}", stdout(&out), stderr(&out));
    let history = emu.ledger().history(&arn).expect("history");
    assert_eq!(history.events[4].event_type.as_str(), "ActivityFailed");
    assert_eq!(history.events[4].error(), Some("TaskTimeout"));
    assert_eq!(history.events[4].cause(), Some("no result within 1s"));
}

#[test]
fn ctrl_c_lets_the_running_task_finish() {
    let Some(emu) = Emu::new() else { return };
    let (name, machine) = setup(&emu, "calm-act");
    let worker = spawn_worker(&emu, &["--activity", &name, "--exec", "sleep 2; cat"]);
    let arn = emu.start(&machine, "calm", r#"{"k":"v"}"#);
    emu.wait_until(Duration::from_secs(30), "ActivityStarted", |e| e.event_count(&arn) >= 4);
    let out = interrupt(worker);
    let log = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{log}");
    assert!(log.contains("stopping: no more polling, 1 task(s) still running"), "{log}");
    assert!(log.contains("1 task(s): 1 succeeded, 0 failed, 0 lost"), "{log}");
    assert_tokens_shortened(&log);
    emu.wait_until(Duration::from_secs(30), "success", |e| e.status(&arn) == "SUCCEEDED");
}

#[test]
fn ctrl_c_with_fail_in_flight_fails_the_running_task() {
    let Some(emu) = Emu::new() else { return };
    let (name, machine) = setup(&emu, "abrupt-act");
    let worker =
        spawn_worker(&emu, &["--activity", &name, "--exec", "exec sleep 30", "--fail-in-flight"]);
    let arn = emu.start(&machine, "abrupt", "{}");
    emu.wait_until(Duration::from_secs(30), "ActivityStarted", |e| e.event_count(&arn) >= 4);
    let out = interrupt(worker);
    let log = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{log}");
    assert!(log.contains("failed after"), "{log}");
    assert!(log.contains("WorkerShutdown"), "{log}");
    emu.wait_until(Duration::from_secs(30), "failure", |e| e.status(&arn) == "FAILED");
    let out = emu.sfn(&["record", "--execution", &arn]);
    assert_eq!(out.status.code(), Some(0), "stdout: {}\nstderr: {}", stdout(&out), stderr(&out));
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
    assert_eq!(ledger.history(&arn).expect("history").events[4].error(), Some("WorkerShutdown"));
}
