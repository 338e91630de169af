//! Tests of the statistics over the repository's fixtures and hand-made samples.

use super::*;
use crate::{parse_history, Analysis, Report};

fn sample_of(text: &str) -> ExecutionSample {
    let history = parse_history(text.as_bytes()).unwrap();
    let analysis = Analysis::new(&history);
    let report = Report::new(&history, &analysis);
    ExecutionSample::new(&history, &analysis, &report)
}

const MAP_RETRY: &str = include_str!("../../../../tests/fixtures/map-retry.json");

#[test]
fn map_iterations_share_one_scope_shape() {
    let sample = sample_of(MAP_RETRY);
    let keys: Vec<(&str, &str)> =
        sample.states.iter().map(|s| (s.name.as_str(), s.scope.as_str())).collect();
    assert_eq!(
        keys,
        [("ProcessItems", "top"), ("Charge", "ProcessItems[*]"), ("Record", "ProcessItems[*]")]
    );
    let charge = &sample.states[1];
    assert_eq!(charge.visits.len(), 3);
    // Item B-7 failed once with Lambda.ServiceException and succeeded on its retry.
    let retried: Vec<&VisitSample> = charge.visits.iter().filter(|v| v.attempts > 1).collect();
    assert_eq!(retried.len(), 1);
    assert_eq!(retried[0].errors, ["Lambda.ServiceException"]);
    assert!(!retried[0].failed);
    // B-7: entered 10:30:00.337, exited 10:30:02.596.
    assert_eq!(retried[0].duration_ms, Some(2259.0));
    assert_eq!(sample.status, "SUCCEEDED");
    assert_eq!(sample.events, 36);
}

#[test]
fn a_top_level_map_is_a_loop_of_its_iterations() {
    let sample = sample_of(MAP_RETRY);
    // Events 4..=33 belong to the three iterations (their own and the Map's iteration events).
    assert_eq!(
        sample.loops,
        [LoopSample {
            kind: LoopKind::Map,
            state: "ProcessItems".into(),
            iterations: 3,
            planned: Some(3),
            events_per_iteration: 10.0,
        }]
    );
    // 6 events outside the Map's iterations + 10 per item.
    assert_eq!(sample.loops[0].projected_events(36, 2000), 20_006);
}

#[test]
fn a_state_entered_again_at_top_level_is_a_loop() {
    let t = |s: u32| format!("2024-01-01T00:00:{s:02}Z");
    let mut events = vec![format!(
        r#"{{"id":1,"previousEventId":0,"timestamp":"{}","type":"ExecutionStarted","executionStartedEventDetails":{{"input":"{{}}"}}}}"#,
        t(0)
    )];
    for round in 0..3 {
        for name in ["Poll", "Check"] {
            let id = events.len() + 1;
            events.push(format!(
                r#"{{"id":{id},"previousEventId":{},"timestamp":"{}","type":"PassStateEntered","stateEnteredEventDetails":{{"name":"{name}","input":"{{}}"}}}}"#,
                id - 1,
                t(round * 4 + 1)
            ));
            events.push(format!(
                r#"{{"id":{},"previousEventId":{id},"timestamp":"{}","type":"PassStateExited","stateExitedEventDetails":{{"name":"{name}","output":"{{}}"}}}}"#,
                id + 1,
                t(round * 4 + 2)
            ));
        }
    }
    let sample = sample_of(&format!("[{}]", events.join(",")));
    // Poll is entered at positions 1, 5 and 9: 8 events over 2 rounds.
    let poll = sample.loops.iter().find(|l| l.state == "Poll").unwrap();
    assert_eq!((poll.kind, poll.iterations, poll.planned), (LoopKind::Loop, 3, None));
    assert_eq!(poll.events_per_iteration, 4.0);
    assert_eq!(sample.status, "RUNNING");
    assert_eq!(sample.duration_ms, None);
}

fn visit(duration: f64, attempts: usize, failed: bool, errors: &[&str]) -> VisitSample {
    VisitSample {
        duration_ms: Some(duration),
        queue_ms: Some(duration / 10.0),
        work_ms: Some(duration - duration / 10.0),
        attempts,
        failed,
        errors: errors.iter().map(|e| e.to_string()).collect(),
    }
}

fn run(status: &str, duration: Option<f64>, visits: Vec<VisitSample>) -> ExecutionSample {
    ExecutionSample {
        status: status.into(),
        duration_ms: duration,
        events: 5 + 4 * visits.len(),
        states: vec![StateSample {
            name: "Work".into(),
            state_type: "Task".into(),
            scope: "top".into(),
            visits,
        }],
        loops: Vec::new(),
    }
}

#[test]
fn rates_percentiles_and_top_errors_by_hand() {
    let samples = vec![
        ("a".to_owned(), run("SUCCEEDED", Some(1000.0), vec![visit(100.0, 1, false, &[])])),
        (
            "b".to_owned(),
            run("SUCCEEDED", Some(3000.0), vec![visit(300.0, 3, false, &["Busy", "Busy"])]),
        ),
        (
            "c".to_owned(),
            run(
                "FAILED",
                Some(2000.0),
                vec![visit(200.0, 2, true, &["Busy", "Boom"]), visit(400.0, 1, true, &["Boom"])],
            ),
        ),
        ("d".to_owned(), run("RUNNING", None, vec![])),
    ];
    let stats = Stats::new(&samples);
    let e = &stats.executions;
    assert_eq!(e.count, 4);
    assert_eq!(e.by_status.get("SUCCEEDED"), Some(&2));
    assert_eq!(e.by_status.get("RUNNING"), Some(&1));
    // Durations of ended runs: 1, 2, 3 s → p50 rank 2.
    assert_eq!(
        (e.duration_ms.count, e.duration_ms.p50, e.duration_ms.max),
        (3, Some(2000.0), Some(3000.0))
    );
    // Events 9, 9, 13, 5 → sorted 5, 9, 9, 13: p50 rank 2 = 9.
    assert_eq!(e.events.p50, Some(9.0));
    let work = &stats.states[0];
    assert_eq!((work.executions, work.visits), (4, 4));
    assert_eq!((work.failed, work.failure_rate), (2, 0.5));
    assert_eq!((work.retried, work.retries, work.retry_rate), (2, 3, 0.5));
    assert_eq!(work.duration_ms.p50, Some(200.0));
    assert_eq!(work.duration_ms.p90, Some(400.0));
    assert_eq!(work.queue_ms.max, Some(40.0));
    assert_eq!(work.work_ms.p50, Some(180.0));
    assert_eq!(
        work.errors,
        [
            ErrorCount { error: "Busy".into(), count: 3 },
            ErrorCount { error: "Boom".into(), count: 2 }
        ]
    );
    assert!(stats.warnings.is_empty());
}

fn looping(status: &str, iterations: usize, events: usize) -> ExecutionSample {
    ExecutionSample {
        status: status.into(),
        duration_ms: None,
        events,
        states: Vec::new(),
        loops: vec![LoopSample {
            kind: LoopKind::Loop,
            state: "Poll".into(),
            iterations,
            planned: None,
            events_per_iteration: 4.0,
        }],
    }
}

#[test]
fn a_running_loop_is_forecast_with_the_most_iterations_seen() {
    // A finished run looped 4,500 times (18,010 events: under 20,000, no warning); a running
    // one has looped 100 times so far (410 events): forecast 10 + 4 × 4,500 = 18,010, no
    // warning. With a 5,000-iteration run seen, the forecast is 10 + 20,000 = 20,010.
    let quiet = Stats::new(&[
        ("done".into(), looping("SUCCEEDED", 4500, 18_010)),
        ("now".into(), looping("RUNNING", 100, 410)),
    ]);
    assert!(quiet.warnings.is_empty(), "{:?}", quiet.warnings);
    let loud = Stats::new(&[
        ("done".into(), looping("SUCCEEDED", 5000, 20_010)),
        ("now".into(), looping("RUNNING", 100, 410)),
    ]);
    let kinds: Vec<(&str, WarningKind, usize)> =
        loud.warnings.iter().map(|w| (w.execution.as_str(), w.kind, w.projected_events)).collect();
    assert_eq!(
        kinds,
        [("done", WarningKind::NearLimit, 20_010), ("now", WarningKind::Projected, 20_010)]
    );
    assert_eq!(loud.warnings[1].driver.as_ref().unwrap().projected_iterations, 5000);
}

#[test]
fn samples_survive_their_json_form() {
    let sample = sample_of(MAP_RETRY);
    let text = serde_json::to_string(&sample).unwrap();
    assert_eq!(serde_json::from_str::<ExecutionSample>(&text).unwrap(), sample);
}

#[test]
fn a_fail_state_is_a_failed_visit_with_the_error_it_raised() {
    let sample = sample_of(include_str!("../../../../tests/fixtures/report-map-retry-catch.json"));
    let fail = sample.states.iter().find(|s| s.name == "PublishFailed").unwrap();
    assert_eq!(fail.state_type, "Fail");
    assert!(fail.visits[0].failed);
    assert_eq!(fail.visits[0].errors, ["PublishFailed"]);
    // The task whose error was caught also failed (the execution went on in a handler).
    let publish = sample.states.iter().find(|s| s.name == "Publish").unwrap();
    assert!(publish.visits[0].failed);
    assert_eq!(publish.visits[0].errors, ["SNS.InternalErrorException"]);
}
