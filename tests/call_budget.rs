//! `record --max-calls-per-second`: the GetExecutionHistory calls of concurrent fetches share one
//! budget, checked from the arrival times at the scripted fake of `fake_sfn`.

use crate::fake_sfn::{ok, Fake};
use crate::throttling::fake_command;
use crate::util::{stderr, stdout};
use std::sync::Arc;
use std::time::{Duration, Instant};

const EXECUTIONS: usize = 15;

/// The largest number of `arrivals` within any half-open second `[t, t + 1 s)` that starts at
/// an arrival (the busiest second always starts at one).
fn busiest_second(arrivals: &[Instant]) -> usize {
    arrivals
        .iter()
        .map(|start| {
            arrivals
                .iter()
                .filter(|t| **t >= *start && **t - *start < Duration::from_secs(1))
                .count()
        })
        .max()
        .unwrap_or(0)
}

/// Records 15 executions with 8 fetched at once under `budget` calls per second; returns the
/// arrival times of the GetExecutionHistory requests.
fn record_fifteen(budget: &str) -> Vec<Instant> {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let fake = rt.block_on(Fake::start(Arc::new(|operation, _, body| ok(operation, body))));
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("ledger.sqlite3");
    let arns: Vec<String> = (1..=EXECUTIONS)
        .map(|i| format!("arn:aws:states:us-east-1:123456789012:execution:Fake:run-{i}"))
        .collect();
    let mut args = vec!["record", "--db", db.to_str().expect("a UTF-8 path")];
    for arn in &arns {
        args.extend(["--execution", arn]);
    }
    args.extend(["--concurrency", "8", "--max-calls-per-second", budget]);
    let out = fake_command(&fake.url, &args).output().expect("sfn-ledger runs");
    let (out_text, err_text) = (stdout(&out), stderr(&out));
    assert_eq!(out.status.code(), Some(0), "stdout: {out_text}\nstderr: {err_text}");
    assert!(out_text.contains("15 execution(s), 30 new event(s)"), "{out_text}");
    fake.arrivals("GetExecutionHistory")
}

#[test]
fn history_calls_stay_within_the_budget_across_concurrent_fetches() {
    let arrivals = record_fifteen("5");
    assert_eq!(arrivals.len(), EXECUTIONS);
    // 5 per second: starts 200 ms apart. A call delayed on its way may arrive closer to the next
    // one, hence the tolerance of one.
    let busiest = busiest_second(&arrivals);
    assert!(busiest <= 5 + 1, "{busiest} calls within one second");
    // 15 starts 200 ms apart span 2.8 s; without the budget they take a few milliseconds.
    let span = *arrivals.last().expect("calls") - arrivals[0];
    assert!(span >= Duration::from_secs(2), "15 calls within {span:?}");
}

#[test]
fn a_large_budget_lets_the_same_calls_through_at_once() {
    // The control: the measure above does see a burst when the budget allows one.
    let arrivals = record_fifteen("1000");
    assert_eq!(arrivals.len(), EXECUTIONS);
    assert!(busiest_second(&arrivals) > 6, "{arrivals:?}");
}

#[test]
fn a_zero_budget_is_refused() {
    let out = fake_command(
        "http://127.0.0.1:9",
        &["record", "--execution", "x", "--max-calls-per-second", "0"],
    )
    .output()
    .expect("sfn-ledger runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--max-calls-per-second"), "{}", stderr(&out));
}
