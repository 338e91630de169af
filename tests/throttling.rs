//! Throttling and server errors, which the emulator never produces: the real SDK client, built
//! by the recorder's configuration code, against the scripted fake of `fake_sfn`. Retries must
//! wait (backoff), stop after the configured attempts, and end in a message a person reads.
//!
//! The SDK's standard mode waits `rand[0,1) × 2^(n-1) × 1 s` before retry n ("full jitter"), so
//! it guarantees no minimum gap and no growth from one gap to the next; what is asserted is that
//! every gap is positive and that the waits together are far above what back-to-back requests
//! take (a few milliseconds on 127.0.0.1), at a bound that random waits miss with a stated,
//! negligible chance.

use crate::fake_sfn::{ok, server_error, throttled, Fake, EXECUTION};
use crate::util::{stderr, stdout};
use aws_sdk_sfn::config::retry::RetryMode;
use sfn_ledger_recorder::aws::{AwsError, MAX_ATTEMPTS};
use sfn_ledger_recorder::budget::CallBudget;
use sfn_ledger_recorder::history::{fetch_history, HistoryError};
use std::sync::Arc;
use std::time::{Duration, Instant};

const HISTORY: &str = "GetExecutionHistory";

/// The gaps between consecutive arrivals.
fn gaps(arrivals: &[Instant]) -> Vec<Duration> {
    arrivals.windows(2).map(|w| w[1].duration_since(w[0])).collect()
}

#[tokio::test]
async fn throttled_calls_are_retried_with_backoff_until_they_succeed() {
    // K = 3 throttles, then the history: 4 requests, within the 5 attempts.
    let fake = Fake::start(Arc::new(|operation, nth, body| {
        if operation == HISTORY && nth < 3 {
            throttled()
        } else {
            ok(operation, body)
        }
    }))
    .await;
    let client = crate::fake_sfn::client(&fake.url).await;
    let retry = client.config().retry_config().expect("a retry configuration");
    assert_eq!(retry.mode(), RetryMode::Standard);
    assert_eq!(retry.max_attempts(), MAX_ATTEMPTS);

    let fetched = fetch_history(&client, EXECUTION, None, &CallBudget::unlimited())
        .await
        .expect("the fourth try succeeds");
    assert_eq!(fetched.events.iter().map(|e| e.id).collect::<Vec<_>>(), vec![1, 2]);
    assert_eq!(fetched.calls, 1, "the SDK's retries are one call for the recorder");

    let arrivals = fake.arrivals(HISTORY);
    assert_eq!(arrivals.len(), 4, "3 throttled requests and the successful one");
    let gaps = gaps(&arrivals);
    assert!(gaps.iter().all(|g| !g.is_zero()), "{gaps:?}");
    // The three waits are uniform on [0, 1 s), [0, 2 s), [0, 4 s): their total is below 50 ms
    // with probability 0.05^3 / (3! × 1 × 2 × 4) ≈ 2.6e-6. Without backoff it is ~1 ms.
    let total: Duration = gaps.iter().sum();
    assert!(total >= Duration::from_millis(50), "no backoff: {gaps:?}");
}

#[tokio::test]
async fn server_errors_are_retried_until_the_call_succeeds() {
    let fake = Fake::start(Arc::new(|operation, nth, body| match (operation, nth) {
        (HISTORY, 0) => server_error("503 Service Unavailable"),
        (HISTORY, 1) => server_error("500 Internal Server Error"),
        (HISTORY, 2) => server_error("502 Bad Gateway"),
        _ => ok(operation, body),
    }))
    .await;
    let client = crate::fake_sfn::client(&fake.url).await;
    let fetched = fetch_history(&client, EXECUTION, None, &CallBudget::unlimited())
        .await
        .expect("the fourth try succeeds");
    assert_eq!(fetched.events.len(), 2);
    let arrivals = fake.arrivals(HISTORY);
    assert_eq!(arrivals.len(), 4);
    let gaps = gaps(&arrivals);
    assert!(gaps.iter().all(|g| !g.is_zero()), "{gaps:?}");
}

#[tokio::test]
async fn endless_throttling_ends_after_max_attempts_with_a_clear_error() {
    let fake = Fake::start(Arc::new(|operation, _, body| match operation {
        HISTORY => throttled(),
        other => ok(other, body),
    }))
    .await;
    let client = crate::fake_sfn::client(&fake.url).await;
    let error = fetch_history(&client, EXECUTION, None, &CallBudget::unlimited())
        .await
        .expect_err("throttled to the end");
    assert!(
        matches!(&error, HistoryError::Aws(AwsError::Throttled { operation: HISTORY, subject, .. }) if subject == EXECUTION),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        format!(
            "Step Functions throttled GetExecutionHistory on {EXECUTION} (rate exceeded) through \
             every retry: ThrottlingException: Rate exceeded; wait and try again, or make fewer \
             calls at once"
        )
    );
    let arrivals = fake.arrivals(HISTORY);
    assert_eq!(arrivals.len(), MAX_ATTEMPTS as usize);
    let gaps = gaps(&arrivals);
    assert!(gaps.iter().all(|g| !g.is_zero()), "{gaps:?}");
    // Four waits uniform on [0, 1), [0, 2), [0, 4), [0, 8) s: below 100 ms together with
    // probability 0.1^4 / (4! × 64) ≈ 6.5e-8.
    assert!(gaps.iter().sum::<Duration>() >= Duration::from_millis(100), "no backoff: {gaps:?}");
}

#[test]
fn record_under_endless_throttling_says_so_and_exits_2() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let fake = rt.block_on(Fake::start(Arc::new(|operation, _, body| match operation {
        HISTORY => throttled(),
        other => ok(other, body),
    })));
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("ledger.sqlite3");
    let db = db.to_str().expect("a UTF-8 path");
    let out = fake_command(&fake.url, &["record", "--execution", EXECUTION, "--db", db])
        .output()
        .expect("sfn-ledger runs");
    let (out_text, err_text) = (stdout(&out), stderr(&out));
    assert_eq!(out.status.code(), Some(2), "stdout: {out_text}\nstderr: {err_text}");
    assert!(
        out_text.contains(&format!(
            "{EXECUTION} error: Step Functions throttled GetExecutionHistory on {EXECUTION} \
             (rate exceeded) through every retry: ThrottlingException: Rate exceeded"
        )),
        "{out_text}"
    );
    assert!(err_text.contains("stored 0 of 1 execution(s); not stored: run-1"), "{err_text}");
    assert_eq!(fake.arrivals(HISTORY).len(), MAX_ATTEMPTS as usize);
    assert_eq!(fake.arrivals("DescribeExecution").len(), 1);
}

/// The binary with `args`, pointed at the fake with test credentials and none of the caller's
/// AWS settings.
pub fn fake_command(url: &str, args: &[&str]) -> std::process::Command {
    let mut command = crate::util::sfn_ledger();
    command
        .args(args)
        .args(["--endpoint-url", url, "--region", "us-east-1"])
        .env("AWS_ACCESS_KEY_ID", "test")
        .env("AWS_SECRET_ACCESS_KEY", "test");
    for name in [
        "AWS_PROFILE",
        "AWS_SESSION_TOKEN",
        "AWS_RETRY_MODE",
        "AWS_MAX_ATTEMPTS",
        "AWS_ENDPOINT_URL",
        "AWS_ENDPOINT_URL_SFN",
        "SFN_LEDGER_DB",
    ] {
        command.env_remove(name);
    }
    command
}

#[test]
fn record_v_logs_each_throttled_attempt_and_each_retry() {
    // Two throttles, then the history: attempts 1 and 2 fail, attempt 3 succeeds.
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let fake = rt.block_on(Fake::start(Arc::new(|operation, nth, body| {
        if operation == HISTORY && nth < 2 {
            throttled()
        } else {
            ok(operation, body)
        }
    })));
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("ledger.sqlite3");
    let db = db.to_str().expect("a UTF-8 path");
    let out = fake_command(&fake.url, &["record", "-v", "--execution", EXECUTION, "--db", db])
        .output()
        .expect("sfn-ledger runs");
    let (out_text, err_text) = (stdout(&out), stderr(&out));
    assert_eq!(out.status.code(), Some(0), "stdout: {out_text}\nstderr: {err_text}");
    let attempts: Vec<&str> = err_text
        .lines()
        .filter(|l| l.contains(" INFO sfn_ledger_recorder::aws::trace: "))
        .map(|l| l.split(" INFO sfn_ledger_recorder::aws::trace: ").nth(1).unwrap_or_default())
        .collect();
    assert_eq!(
        attempts,
        [
            "GetExecutionHistory attempt 1 failed: ThrottlingException (HTTP 400)",
            "retrying GetExecutionHistory (attempt 2)",
            "GetExecutionHistory attempt 2 failed: ThrottlingException (HTTP 400)",
            "retrying GetExecutionHistory (attempt 3)",
        ],
        "{err_text}"
    );
    assert!(
        err_text
            .contains(&format!("history of {EXECUTION}: 2 event(s) listed in 1 call(s), 2 new")),
        "{err_text}"
    );
    assert_eq!(fake.arrivals(HISTORY).len(), 3);
}
