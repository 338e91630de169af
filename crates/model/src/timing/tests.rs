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
