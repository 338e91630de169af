//! Unit tests of the timing model: small hand-written histories and the real-AWS corpus.

use super::*;
use crate::parse_history;

fn report(json: &str) -> Report {
    let history = parse_history(json.as_bytes()).expect("parses");
    let analysis = Analysis::new(&history);
    Report::new(&history, &analysis)
}

#[test]
fn sub_millisecond_precision_is_kept() {
    // ISO timestamps with microseconds, as emulators write them.
    let r = report(
        r#"{"events":[
        {"timestamp":"2024-01-01T00:00:00.000100Z","type":"ExecutionStarted","id":1,"previousEventId":0},
        {"timestamp":"2024-01-01T00:00:00.000350Z","type":"PassStateEntered","id":2,"previousEventId":0,"stateEnteredEventDetails":{"name":"P"}},
        {"timestamp":"2024-01-01T00:00:00.001600Z","type":"PassStateExited","id":3,"previousEventId":2,"stateExitedEventDetails":{"name":"P"}},
        {"timestamp":"2024-01-01T00:00:00.001700Z","type":"ExecutionSucceeded","id":4,"previousEventId":3}
    ]}"#,
    );
    // 350 µs - 100 µs = 0.25 ms; 1600 µs - 350 µs = 1.25 ms; 1700 - 100 = 1.6 ms.
    assert_eq!(r.visits[0].duration_ms, Some(1.25));
    assert_eq!(r.summary.duration_ms, Some(1.6));
    assert_eq!(r.service_gaps[0].duration_ms, 0.25);
    assert_eq!(r.summary.status, Status::Succeeded);
}

#[test]
fn redrives_are_counted_and_a_running_execution_has_no_duration() {
    let r = report(
        r#"{"events":[
        {"timestamp":1700000000.0,"type":"ExecutionStarted","id":1,"previousEventId":0},
        {"timestamp":1700000001.0,"type":"ExecutionFailed","id":2,"previousEventId":0},
        {"timestamp":1700000005.0,"type":"ExecutionRedriven","id":3,"previousEventId":2,"executionRedrivenEventDetails":{"redriveCount":1}},
        {"timestamp":1700000006.0,"type":"WaitStateEntered","id":4,"previousEventId":3,"stateEnteredEventDetails":{"name":"W"}}
    ]}"#,
    );
    assert_eq!(r.summary.redrives, 1);
    // The failure before the redrive no longer ends the execution: it runs again.
    assert_eq!(r.summary.status, Status::Running);
    assert_eq!(r.summary.duration_ms, None);
    assert_eq!(r.failure, None);
    assert_eq!(r.summary.elapsed_ms, 6000.0);
}

#[test]
fn every_corpus_history_times_without_panicking() {
    let Some(corpus) = std::env::var_os("SFN_LEDGER_CORPUS") else {
        eprintln!("SFN_LEDGER_CORPUS not set: corpus check skipped");
        return;
    };
    let mut checked = 0;
    for dir in ["aws-recorded", "aws-recorded-masked", "emulator-only"] {
        let Ok(entries) = std::fs::read_dir(std::path::Path::new(&corpus).join(dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            let bytes = std::fs::read(entry.path()).expect("readable");
            let Ok(history) = parse_history(&bytes) else { continue };
            let analysis = Analysis::new(&history);
            let r = Report::new(&history, &analysis);
            let name = entry.path().display().to_string();
            assert_eq!(r.visits.len(), analysis.visits.len(), "{name}");
            assert_eq!(r.order.len(), analysis.visits.len(), "{name}");
            if r.summary.status.is_failure() {
                assert!(r.failure.is_some(), "{name}: failed run without attribution");
            }
            if dir == "aws-recorded" && !name.contains("reversed") {
                for step in &r.critical_path {
                    assert!((0.0..=1.0 + 1e-9).contains(&step.share), "{name}: {step:?}");
                }
                assert!(r.visits.iter().all(|v| v.duration_ms.is_none_or(|d| d >= 0.0)), "{name}");
            }
            checked += 1;
        }
    }
    assert!(checked > 600, "only {checked} corpus histories read");
}

/// Builds `{"events":[...]}` from (id, previous, type, details) with timestamps 10 ms apart.
fn history_of(events: &[(i64, i64, &str, &str)]) -> String {
    let items: Vec<String> = events
        .iter()
        .map(|(id, prev, ty, details)| {
            let details = if details.is_empty() { String::new() } else { format!(",{details}") };
            format!(
                r#"{{"timestamp":{}.{:03},"type":"{ty}","id":{id},"previousEventId":{prev}{details}}}"#,
                1_700_000_000 + id / 100,
                (id % 100) * 10
            )
        })
        .collect();
    format!(r#"{{"events":[{}]}}"#, items.join(","))
}

const ENTERED_P: &str = r#""stateEnteredEventDetails":{"name":"Job"}"#;

#[test]
fn a_run_that_succeeded_after_a_caught_parallel_failure_lists_the_caught_error() {
    // The linkage of the real single-branch Parallel catch (callback ... SQS_PARALLEL_WAIT_FOR_TASK_TOKEN).
    let json = history_of(&[
        (1, 0, "ExecutionStarted", ""),
        (2, 0, "ParallelStateEntered", ENTERED_P),
        (3, 2, "ParallelStateStarted", ""),
        (4, 3, "TaskStateEntered", r#""stateEnteredEventDetails":{"name":"Send"}"#),
        (
            5,
            4,
            "TaskScheduled",
            r#""taskScheduledEventDetails":{"resource":"sendMessage","resourceType":"sqs","region":"eu-west-1","parameters":"{}"}"#,
        ),
        (
            6,
            5,
            "TaskStarted",
            r#""taskStartedEventDetails":{"resource":"sendMessage","resourceType":"sqs"}"#,
        ),
        (
            7,
            6,
            "TaskFailed",
            r#""taskFailedEventDetails":{"error":"Boom","cause":"bad","resource":"sendMessage","resourceType":"sqs"}"#,
        ),
        (8, 7, "TaskStateAborted", ""),
        (9, 7, "ParallelStateFailed", ""),
        (10, 9, "ParallelStateExited", r#""stateExitedEventDetails":{"name":"Job"}"#),
        (11, 10, "PassStateEntered", r#""stateEnteredEventDetails":{"name":"Caught"}"#),
        (12, 11, "PassStateExited", r#""stateExitedEventDetails":{"name":"Caught"}"#),
        (13, 12, "ExecutionSucceeded", ""),
    ]);
    let r = report(&json);
    assert_eq!(r.summary.status, Status::Succeeded);
    assert_eq!(r.failure, None);
    assert_eq!(r.caught.len(), 1);
    let caught = &r.caught[0];
    assert_eq!(caught.state, "Job");
    assert_eq!(
        caught.error.event_id, 7,
        "the failing task inside the branch, not ParallelStateFailed"
    );
    assert_eq!(caught.error.error.as_deref(), Some("Boom"));
    assert_eq!(caught.exited_event_id, 10);
    assert_eq!(caught.handler.as_deref(), Some("Caught"));
    // The Parallel visit's error is the task's.
    let job = r.visits.iter().find(|v| v.name == "Job").unwrap();
    assert_eq!(job.error.as_ref().map(|e| e.event_id), Some(7));
}

#[test]
fn a_map_retried_until_it_failed_blames_the_fail_state_in_the_last_attempt() {
    // The real linkage of scenarios ... test_map_state_retry: a Map retry restarts without a
    // MapStateFailed, pointing at the failing inner event.
    let entered_map = r#""stateEnteredEventDetails":{"name":"Map"}"#;
    let started = r#""mapStateStartedEventDetails":{"length":1}"#;
    let iteration = r#""mapIterationStartedEventDetails":{"index":0,"name":"Map"}"#;
    let failed_it = r#""mapIterationFailedEventDetails":{"index":0,"name":"Map"}"#;
    let fail = r#""stateEnteredEventDetails":{"name":"Fail"}"#;
    let json = history_of(&[
        (1, 0, "ExecutionStarted", ""),
        (2, 0, "MapStateEntered", entered_map),
        (3, 2, "MapStateStarted", started),
        (4, 3, "MapIterationStarted", iteration),
        (5, 4, "FailStateEntered", fail),
        (6, 5, "MapIterationFailed", failed_it),
        (7, 5, "MapStateStarted", started),
        (8, 7, "MapIterationStarted", iteration),
        (9, 8, "FailStateEntered", fail),
        (10, 9, "MapIterationFailed", failed_it),
        (11, 9, "MapStateFailed", ""),
        (
            12,
            11,
            "ExecutionFailed",
            r#""executionFailedEventDetails":{"error":"ItemFailed","cause":"no"}"#,
        ),
    ]);
    let r = report(&json);
    assert_eq!(r.summary.status, Status::Failed);
    assert_eq!(r.summary.retries, 1);
    let failure = r.failure.expect("attributed");
    assert_eq!(failure.state.as_deref(), Some("Fail"));
    assert_eq!(failure.error.event_id, 9, "the second attempt's Fail state");
    assert_eq!(failure.error.error.as_deref(), Some("ItemFailed"));
    assert_eq!(failure.rethrown_by, None, "no Catch on the way");
    let map = &r.visits[0];
    assert_eq!(map.attempts.len(), 2);
    // Attempt 1 ends at the failing inner event 5 (.050); attempt 2 begins at event 7 (.070).
    assert_eq!(map.backoffs.len(), 1);
    assert_eq!((map.backoffs[0].from_event_id, map.backoffs[0].to_event_id), (5, 7));
    assert_eq!(map.backoffs[0].duration_ms, 20.0);
    // The path descends into the second attempt's iteration only after the first one, which
    // finished before it began.
    let scopes: Vec<&str> = r.critical_path.iter().map(|c| c.scope.as_str()).collect();
    assert_eq!(scopes, vec!["top", "Map[0]", "Map[0]"]);
}

#[test]
fn an_aborted_execution_is_blamed_on_the_state_that_was_running() {
    // The one real StopExecution history: ExecutionAborted links nowhere.
    let json = history_of(&[
        (1, 0, "ExecutionStarted", ""),
        (2, 0, "WaitStateEntered", r#""stateEnteredEventDetails":{"name":"Wait"}"#),
        (3, 0, "ExecutionAborted", ""),
    ]);
    let r = report(&json);
    assert_eq!(r.summary.status, Status::Aborted);
    let failure = r.failure.expect("attributed");
    assert_eq!(failure.state.as_deref(), Some("Wait"));
    assert_eq!(failure.error.event_id, 3);
    assert_eq!(r.visits[0].closed, Closed::ExecutionEnded);
    assert_eq!(r.visits[0].duration_ms, Some(10.0));
}
