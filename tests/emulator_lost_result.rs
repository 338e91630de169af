//! The service going away while `worker` runs a task: the result cannot be delivered. The
//! worker says so, exits 2, and the service times the task out once it is back. The emulator is
//! not stopped (it keeps its state in memory): the fault proxy cuts it off.

use crate::emulator_faults::ATTEMPTS;
use crate::emulator_support::{types, unique, Emu};
use crate::fault_proxy::Fault;
use crate::util::{stderr, stdout};
use std::process::Stdio;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

/// The task's TimeoutSeconds. It may pass while the worker still retries: the proxy refuses
/// every request until the worker has exited, so the worker meets only the unreachable service.
const TIMEOUT_SECONDS: u64 = 8;

#[test]
fn a_worker_losing_the_service_mid_task_says_the_result_was_not_delivered_and_exits_2() {
    let Some(emu) = Emu::new() else { return };
    let name = unique("lost-act");
    let activity = emu.activity(&name);
    let definition = format!(
        r#"{{"StartAt":"Work","States":{{"Work":{{"Type":"Task","Resource":"{activity}","TimeoutSeconds":{TIMEOUT_SECONDS},"End":true}}}}}}"#
    );
    let machine = emu.state_machine(&unique("LostSm"), &definition);
    let arn = emu.start(&machine, "lost", r#"{"n":1}"#);
    emu.wait_until(Duration::from_secs(30), "scheduled", |e| e.event_count(&arn) >= 3);

    let (fault, proxy) = Fault::start(&emu, usize::MAX);
    let marker = emu.dir.path().join("command-started");
    let command = format!("touch '{}'; sleep 3; cat", marker.display());
    let worker = emu
        .command(&proxy, &["worker", "-v", "--activity", &name, "--exec", &command])
        .args(["--max-tasks", "1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("worker starts");
    emu.wait_until(Duration::from_secs(30), "the command to start", |_| marker.exists());
    // The service goes away while the command runs.
    fault.cut();
    let cut = Instant::now();
    let out = worker.wait_with_output().expect("worker output");
    let took = cut.elapsed();
    let (out_text, err_text) = (stdout(&out), stderr(&out));
    assert_eq!(out.status.code(), Some(2), "stdout: {out_text}\nstderr: {err_text}");
    // The command's 3 s, then 5 attempts with the SDK's backoff (at most 1 + 2 + 4 + 8 s).
    assert!(took >= Duration::from_secs(2), "exited {took:?} after the cut");
    assert!(took < Duration::from_secs(40), "exited {took:?} after the cut");
    assert_eq!(fault.forwarded(), ["ListActivities", "GetActivityTask"]);
    assert_eq!(fault.refused.load(Ordering::SeqCst), ATTEMPTS, "{err_text}");

    let answers = fault.answers("GetActivityTask");
    let answer: serde_json::Value = serde_json::from_slice(&answers[0]).expect("JSON answer");
    let token = answer["taskToken"].as_str().expect("a task token");
    let short = format!("{}…({} chars)", &token[..8], token.chars().count());
    assert!(!out_text.contains(token) && !err_text.contains(token), "{err_text}");
    assert!(!err_text.contains("panicked"), "{err_text}");
    for line in [
        format!(
            "task {short} result not delivered: cannot reach Step Functions for SendTaskSuccess \
             on {short}: "
        ),
        "SendTaskSuccess attempt 1 failed: no answer".to_owned(),
        "retrying SendTaskSuccess (attempt 5)".to_owned(),
        "SendTaskSuccess attempt 5 failed: no answer".to_owned(),
        "1 task(s): 0 succeeded, 0 failed, 0 lost, 1 result(s) not delivered\n".to_owned(),
    ] {
        assert!(err_text.contains(&line), "no {line:?} in:\n{err_text}");
    }
    let last = err_text.trim_end().lines().last().unwrap_or_default();
    assert_eq!(
        last,
        "error: the result of 1 task(s) could not be delivered to Step Functions (see the lines \
         above); the service does not know it and times the task(s) out after their \
         HeartbeatSeconds or TimeoutSeconds"
    );

    // The service is back: it never got the result, so the task times out after TimeoutSeconds.
    fault.heal();
    emu.wait_until(Duration::from_secs(60), "the time-out", |e| e.status(&arn) != "RUNNING");
    let out = emu.sfn_via(&proxy, &["record", "--execution", &arn]);
    assert_eq!(out.status.code(), Some(0), "stdout: {}\nstderr: {}", stdout(&out), stderr(&out));
    let ledger = emu.ledger();
    assert_eq!(
        types(&ledger, &arn),
        [
            "ExecutionStarted",
            "TaskStateEntered",
            "ActivityScheduled",
            "ActivityStarted",
            "ActivityTimedOut",
            "ExecutionFailed"
        ]
    );
    assert_eq!(emu.event_count(&arn), 6);
    let history = ledger.history(&arn).expect("history");
    let waited = history.events[4].timestamp.duration_since(history.events[3].timestamp);
    let waited = waited.as_secs_f64();
    let limit = TIMEOUT_SECONDS as f64;
    assert!((limit - 1.0..limit + 10.0).contains(&waited), "timed out {waited} s after it started");
}
