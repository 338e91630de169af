//! Faults while recording. The emulator keeps its state in memory, so it is not stopped: a proxy
//! in the test ([`crate::fault_proxy`]) stands between the binary and the emulator, forwards a
//! set number of requests, then closes every connection without an answer (the service gone
//! away) until it is switched back. Also a worker killed with SIGKILL, and the heartbeat
//! time-out the service then writes.

use crate::emulator_support::{types, unique, Emu};
use crate::fault_proxy::Fault;
use crate::util::{stderr, stdout};
use std::process::Stdio;
use std::sync::atomic::Ordering;
use std::time::Duration;

/// The SDK's attempts per call (`MAX_ATTEMPTS` of the recorder): the first and four retries.
pub const ATTEMPTS: usize = 5;

/// A state machine of one Pass state: every execution has 4 events (ExecutionStarted,
/// PassStateEntered, PassStateExited, ExecutionSucceeded).
const PASS: &str = r#"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#;

#[test]
fn record_stops_whole_when_the_service_goes_away_and_completes_when_it_is_back() {
    let Some(emu) = Emu::new() else { return };
    let machine = emu.state_machine(&unique("FaultRecordSm"), PASS);
    let arns: Vec<String> = (0..8).map(|i| emu.start(&machine, &format!("e{i}"), "{}")).collect();
    for arn in &arns {
        emu.wait_until(Duration::from_secs(30), "the executions to end", |e| {
            e.status(arn) == "SUCCEEDED"
        });
        assert_eq!(emu.event_count(arn), 4);
    }

    // ListExecutions, then three calls per execution (DescribeExecution, GetExecutionHistory,
    // DescribeStateMachineForExecution): 1 + 3 × 3 + 1 lets three executions through whole and
    // the fourth's description; its history call is the first to find the service gone.
    let (fault, proxy) = Fault::start(&emu, 11);
    let record = ["record", "--state-machine", &machine, "--concurrency", "1"];
    let out = emu.sfn_via(&proxy, &record);
    let (out_text, err_text) = (stdout(&out), stderr(&out));
    assert_eq!(out.status.code(), Some(2), "stdout: {out_text}\nstderr: {err_text}");
    let mut expected = vec!["ListExecutions".to_owned()];
    for _ in 0..3 {
        expected.extend(
            ["DescribeExecution", "GetExecutionHistory", "DescribeStateMachineForExecution"]
                .map(String::from),
        );
    }
    expected.push("DescribeExecution".to_owned());
    assert_eq!(fault.forwarded(), expected);
    // The failing call was tried again by the SDK (standard mode, 5 attempts), and no other
    // execution was tried after it.
    assert_eq!(fault.refused.load(Ordering::SeqCst), ATTEMPTS, "{out_text}");

    let stored: Vec<&str> = out_text
        .lines()
        .filter(|l| l.ends_with("SUCCEEDED inserted 4 already stored 0"))
        .filter_map(|l| l.split(' ').next())
        .collect();
    assert_eq!(stored.len(), 3, "{out_text}");
    let failed: Vec<&str> = out_text
        .lines()
        .filter(|l| l.contains(" error: cannot reach Step Functions for GetExecutionHistory on "))
        .collect();
    assert_eq!(failed.len(), 1, "{out_text}");
    let not_tried = out_text.lines().filter(|l| l.contains(" error: not tried: ")).count();
    assert_eq!(not_tried, 4, "{out_text}");
    let not_stored: Vec<&String> = arns.iter().filter(|a| !stored.contains(&a.as_str())).collect();
    let names: Vec<&str> = not_stored.iter().map(|a| a.rsplit(':').next().unwrap_or("")).collect();
    let names: std::collections::BTreeSet<&str> = names.into_iter().collect();
    // Without a terminal, the lines above also go to stderr as progress; the error comes last.
    let message = err_text.trim().lines().last().unwrap_or_default();
    assert!(message.starts_with("error: stored 3 of 8 execution(s); not stored: "), "{message}");
    let listed = message
        .trim_start_matches("error: stored 3 of 8 execution(s); not stored: ")
        .split(';')
        .next()
        .unwrap_or_default();
    assert_eq!(listed.split(", ").collect::<std::collections::BTreeSet<&str>>(), names);
    assert!(
        message.ends_with(
            "; the service could not be reached, 4 of them were not tried; run the same command \
             again to record them"
        ),
        "{message}"
    );

    // Only whole executions are in the ledger.
    let ledger = emu.ledger();
    for arn in &arns {
        let held = ledger.history(arn).map(|h| h.events.len()).unwrap_or(0);
        if stored.contains(&arn.as_str()) {
            assert_eq!(held, emu.event_count(arn), "{arn}");
        } else {
            assert_eq!(held, 0, "{arn}");
            assert!(ledger.execution(arn).expect("query").is_none(), "{arn}");
        }
    }
    drop(ledger);

    // The service is back: the same command stores the rest, and nothing twice.
    fault.heal();
    let out = emu.sfn_via(&proxy, &record);
    let out_text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "stdout: {out_text}\nstderr: {}", stderr(&out));
    assert_eq!(out_text.matches("SUCCEEDED unchanged (already recorded whole)").count(), 3);
    assert_eq!(out_text.matches("SUCCEEDED inserted 4 already stored 0").count(), 5);
    let ledger = emu.ledger();
    for arn in &arns {
        let ids: Vec<i64> =
            ledger.history(arn).expect("history").events.iter().map(|e| e.id).collect();
        assert_eq!(ids.len(), emu.event_count(arn), "{arn}");
        assert_eq!(ids, [1, 2, 3, 4], "{arn}");
    }
}

#[test]
fn run_losing_the_service_while_waiting_says_so_and_record_completes_it_later() {
    let Some(emu) = Emu::new() else { return };
    let definition = r#"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":2,"Next":"P"},"P":{"Type":"Pass","End":true}}}"#;
    let machine = emu.state_machine(&unique("FaultRunSm"), definition);
    // StartExecution and the first DescribeExecution (the execution still waits) go through;
    // the next DescribeExecution finds the service gone.
    let (fault, proxy) = Fault::start(&emu, 2);
    let out = emu.sfn_via(&proxy, &["run", "--state-machine", &machine, "--name", "gone"]);
    let (out_text, err_text) = (stdout(&out), stderr(&out));
    assert_eq!(out.status.code(), Some(2), "stdout: {out_text}\nstderr: {err_text}");
    assert_eq!(fault.forwarded(), ["StartExecution", "DescribeExecution"]);
    assert_eq!(fault.refused.load(Ordering::SeqCst), ATTEMPTS);
    let arn = machine.replace(":stateMachine:", ":execution:") + ":gone";
    let message = err_text.trim();
    assert!(
        message.starts_with(&format!(
            "error: execution {arn} was started but not recorded: cannot reach Step Functions \
             for DescribeExecution on {arn}: "
        )),
        "{message}"
    );
    assert!(
        message.ends_with(&format!(
            "; it goes on in the service: record it later with `sfn-ledger record --execution \
             {arn}`"
        )),
        "{message}"
    );
    assert!(emu.ledger().execution(&arn).expect("query").is_none());

    // The execution went on without the tool; once the service is back, record completes it.
    emu.wait_until(Duration::from_secs(30), "the execution to end", |e| {
        e.status(&arn) == "SUCCEEDED"
    });
    fault.heal();
    let out = emu.sfn_via(&proxy, &["record", "--execution", &arn]);
    assert_eq!(out.status.code(), Some(0), "stdout: {}\nstderr: {}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains(&format!("{arn} SUCCEEDED inserted 6 already stored 0")));
    let ledger = emu.ledger();
    assert_eq!(
        types(&ledger, &arn),
        [
            "ExecutionStarted",
            "WaitStateEntered",
            "WaitStateExited",
            "PassStateEntered",
            "PassStateExited",
            "ExecutionSucceeded"
        ]
    );
    assert_eq!(emu.event_count(&arn), 6);
    assert!(ledger.definition(&arn).expect("query").is_some_and(|d| d.contains("\"Wait\"")));
}

/// Pid and process group of every process whose parent is `parent` (read from `/proc`).
fn children(parent: u32) -> Vec<(u32, u32)> {
    let Ok(entries) = std::fs::read_dir("/proc") else { return Vec::new() };
    entries
        .filter_map(|entry| {
            let pid: u32 = entry.ok()?.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            // `pid (comm) state ppid pgrp ...`; comm may hold spaces, so start after `)`.
            let mut fields = stat.rsplit_once(')')?.1.split_whitespace().skip(1);
            let ppid: u32 = fields.next()?.parse().ok()?;
            let pgrp: u32 = fields.next()?.parse().ok()?;
            (ppid == parent).then_some((pid, pgrp))
        })
        .collect()
}

#[test]
fn a_worker_killed_with_sigkill_leaves_a_heartbeat_time_out() {
    let Some(emu) = Emu::new() else { return };
    let name = unique("killed-act");
    let activity = emu.activity(&name);
    let definition = format!(
        r#"{{"StartAt":"Work","States":{{"Work":{{"Type":"Task","Resource":"{activity}","HeartbeatSeconds":2,"TimeoutSeconds":60,"End":true}}}}}}"#
    );
    let machine = emu.state_machine(&unique("KilledSm"), &definition);
    let mut worker = crate::util::sfn_ledger()
        .args(["worker", "--activity", &name, "--exec", "sleep 30", "--heartbeat", "1"])
        .arg("--endpoint-url")
        .arg(&emu.url)
        .env("AWS_ACCESS_KEY_ID", "test")
        .env("AWS_SECRET_ACCESS_KEY", "test")
        .env("AWS_REGION", "us-east-1")
        .env_remove("AWS_PROFILE")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("worker starts");
    let arn = emu.start(&machine, "killed", "{}");
    emu.wait_until(Duration::from_secs(30), "ActivityStarted", |e| e.event_count(&arn) >= 4);
    let mut command = Vec::new();
    emu.wait_until(Duration::from_secs(10), "the command to start", |_| {
        command = children(worker.id());
        !command.is_empty()
    });
    // Let at least one heartbeat through, then kill the worker without warning.
    std::thread::sleep(Duration::from_millis(1500));
    worker.kill().expect("SIGKILL");
    let _ = worker.wait();
    // The command runs in a process group of its own, so it outlives the worker: kill it too.
    for (pid, group) in &command {
        assert_eq!(pid, group, "the command leads its own process group");
        let _ =
            std::process::Command::new("kill").args(["-KILL", "--", &format!("-{group}")]).status();
    }

    // No more heartbeats: after 2 s the service times the task out, long before TimeoutSeconds.
    emu.wait_until(Duration::from_secs(30), "the execution to end", |e| {
        e.status(&arn) != "RUNNING"
    });
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
            "ActivityTimedOut",
            "ExecutionFailed"
        ]
    );
    let history = ledger.history(&arn).expect("history");
    // What the emulator (LocalStack) writes for a missed heartbeat: `States.Timeout`, in the
    // ActivityTimedOut event and the ExecutionFailed event. (AWS documents
    // `States.HeartbeatTimeout` for this case; the timing below shows it was the heartbeat.)
    assert_eq!(history.events[4].error(), Some("States.Timeout"));
    assert_eq!(history.events[5].error(), Some("States.Timeout"));
    let started = history.events[3].timestamp;
    let timed_out = history.events[4].timestamp;
    let waited = timed_out.duration_since(started).as_secs_f64();
    // At least the heartbeats sent before the kill plus 2 s, far below TimeoutSeconds (60).
    assert!((3.0..30.0).contains(&waited), "timed out {waited} s after it started");
    assert_eq!(
        ledger.execution(&arn).expect("query").expect("stored").record.status.as_deref(),
        Some("FAILED")
    );
}
