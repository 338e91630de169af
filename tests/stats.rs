//! End-to-end tests of `stats` over ledgers filled by `import`: every format over the
//! repository's fixtures, hand-computed percentiles, filters and the event-limit warnings.

use crate::util::{fixture, run, stderr, stdout};
use jiff::Timestamp;
use std::path::Path;

/// The state machine of the fixtures and runbook copies (from the imported ARNs).
const IMPORTED: &str = "imported";

fn db_arg(dir: &Path) -> String {
    dir.join("ledger.sqlite3").display().to_string()
}

fn import(db: &str, file: &Path, arn: Option<&str>) {
    let file = file.to_str().unwrap();
    let mut args = vec!["import", "--db", db, file];
    if let Some(arn) = arn {
        args.extend(["--execution-arn", arn]);
    }
    let out = run(&args);
    assert!(out.status.success(), "{}", stderr(&out));
}

fn stats(db: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["stats", "--db", db];
    args.extend(extra);
    run(&args)
}

fn json(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(out)))
}

/// A ledger with the repository's fixtures and three copies of the runbook sample.
fn fixture_ledger(dir: &Path) -> String {
    let db = db_arg(dir);
    for name in [
        "runbook-activity",
        "parallel-two-branches",
        "map-retry",
        "report-parallel",
        "report-map-retry-catch",
    ] {
        import(&db, &fixture(&format!("{name}.json")), None);
    }
    for copy in 1..=3 {
        let arn = format!("arn:aws:states:local:000000000000:execution:{IMPORTED}:runbook-{copy}");
        import(&db, &fixture("runbook-activity.json"), Some(&arn));
    }
    db
}

fn at(start_ms: i64, offset_ms: i64) -> String {
    Timestamp::from_millisecond(start_ms + offset_ms).unwrap().to_string()
}

/// One Wait state of `seconds`, then success or failure.
fn wait_history(start_ms: i64, seconds: i64, failed: bool) -> String {
    let end = seconds * 1000;
    let terminal = if failed {
        r#""type": "ExecutionFailed", "executionFailedEventDetails": {"error": "Late", "cause": "x"}"#
    } else {
        r#""type": "ExecutionSucceeded", "executionSucceededEventDetails": {"output": "{}"}"#
    };
    format!(
        r#"{{"events": [
 {{"id": 1, "previousEventId": 0, "timestamp": "{}", "type": "ExecutionStarted", "executionStartedEventDetails": {{"input": "{{}}"}}}},
 {{"id": 2, "previousEventId": 1, "timestamp": "{}", "type": "WaitStateEntered", "stateEnteredEventDetails": {{"name": "Sleep", "input": "{{}}"}}}},
 {{"id": 3, "previousEventId": 2, "timestamp": "{}", "type": "WaitStateExited", "stateExitedEventDetails": {{"name": "Sleep", "output": "{{}}"}}}},
 {{"id": 4, "previousEventId": 3, "timestamp": "{}", {terminal}}}
]}}"#,
        at(start_ms, 0),
        at(start_ms, 0),
        at(start_ms, end),
        at(start_ms, end)
    )
}

/// A Map state announcing `length` items of which `items` ran (one Pass state each, 4 events
/// per iteration), then success, or nothing more (still running) when `finished` is false.
fn map_history(items: usize, length: usize, finished: bool) -> String {
    let start = 1_700_000_000_000;
    let mut events = vec![
        format!(
            r#"{{"id": 1, "previousEventId": 0, "timestamp": "{}", "type": "ExecutionStarted", "executionStartedEventDetails": {{"input": "{{}}"}}}}"#,
            at(start, 0)
        ),
        format!(
            r#"{{"id": 2, "previousEventId": 1, "timestamp": "{}", "type": "MapStateEntered", "stateEnteredEventDetails": {{"name": "Fan", "input": "{{}}"}}}}"#,
            at(start, 0)
        ),
        format!(
            r#"{{"id": 3, "previousEventId": 2, "timestamp": "{}", "type": "MapStateStarted", "mapStateStartedEventDetails": {{"length": {length}}}}}"#,
            at(start, 0)
        ),
    ];
    let mut previous = 3;
    for index in 0..items {
        let id = events.len() + 1;
        let t = at(start, id as i64);
        events.push(format!(
            r#"{{"id": {id}, "previousEventId": 3, "timestamp": "{t}", "type": "MapIterationStarted", "mapIterationStartedEventDetails": {{"name": "Fan", "index": {index}}}}}"#
        ));
        events.push(format!(
            r#"{{"id": {}, "previousEventId": {id}, "timestamp": "{t}", "type": "PassStateEntered", "stateEnteredEventDetails": {{"name": "Step", "input": "{{}}"}}}}"#,
            id + 1
        ));
        events.push(format!(
            r#"{{"id": {}, "previousEventId": {}, "timestamp": "{t}", "type": "PassStateExited", "stateExitedEventDetails": {{"name": "Step", "output": "{{}}"}}}}"#,
            id + 2,
            id + 1
        ));
        events.push(format!(
            r#"{{"id": {}, "previousEventId": {}, "timestamp": "{t}", "type": "MapIterationSucceeded", "mapIterationSucceededEventDetails": {{"name": "Fan", "index": {index}}}}}"#,
            id + 3,
            id + 2
        ));
        previous = id + 3;
    }
    if finished {
        let id = events.len() + 1;
        let t = at(start, id as i64);
        events.push(format!(
            r#"{{"id": {id}, "previousEventId": {previous}, "timestamp": "{t}", "type": "MapStateSucceeded"}}"#
        ));
        events.push(format!(
            r#"{{"id": {}, "previousEventId": {previous}, "timestamp": "{t}", "type": "MapStateExited", "stateExitedEventDetails": {{"name": "Fan", "output": "[]"}}}}"#,
            id + 1
        ));
        events.push(format!(
            r#"{{"id": {}, "previousEventId": {}, "timestamp": "{t}", "type": "ExecutionSucceeded", "executionSucceededEventDetails": {{"output": "[]"}}}}"#,
            id + 2,
            id + 1
        ));
    }
    format!("{{\"events\": [\n{}\n]}}", events.join(",\n"))
}

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(format!("{name}.json"));
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn every_format_over_the_fixtures() {
    let dir = tempfile::tempdir().unwrap();
    let db = fixture_ledger(dir.path());
    for format in ["table", "json", "markdown"] {
        let out = stats(&db, &["--state-machine", IMPORTED, "--format", format]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        insta::with_settings!({snapshot_path => concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots")}, {
            insta::assert_snapshot!(format!("stats__fixtures_{format}"), stdout(&out));
        });
    }
}

#[test]
fn fixture_numbers_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let db = fixture_ledger(dir.path());
    let v = json(&stats(&db, &["--state-machine", IMPORTED, "--format", "json"]));
    // 8 runs: the runbook sample 4 times (7 events, 17.533 s), and the four other fixtures.
    assert_eq!(v["executions"]["count"], 8);
    assert_eq!(v["executions"]["by_status"]["SUCCEEDED"], 7);
    assert_eq!(v["executions"]["by_status"]["FAILED"], 1);
    // Durations sorted: the four other fixtures are shorter than 17.533 s, so ranks 5..8 (p90
    // is rank ⌈7.2⌉ = 8, p50 rank 4 is the longest of the others).
    assert_eq!(v["executions"]["duration_ms"]["p90"], 17533.0);
    assert_eq!(v["executions"]["duration_ms"]["max"], 17533.0);
    let greeting = v["states"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "getGreeting")
        .expect("getGreeting listed");
    assert_eq!(greeting["scope"], "top");
    assert_eq!(greeting["executions"], 4);
    assert_eq!(greeting["visits"], 4);
    // Map iterations are aggregated under one scope shape.
    let states = v["states"].as_array().unwrap();
    assert!(states.iter().any(|s| s["name"] == "Charge" && s["scope"] == "ProcessItems[*]"));
    assert!(!states.iter().any(|s| s["scope"].as_str().unwrap().contains("[0]")));
}

#[test]
fn percentiles_rates_and_the_status_filter_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_arg(dir.path());
    // Ten runs waiting 1..=10 s; the 9 s and 10 s ones failed.
    for seconds in 1..=10 {
        let file = write(
            dir.path(),
            &format!("w{seconds}"),
            &wait_history(1_700_000_000_000 + seconds * 60_000, seconds, seconds >= 9),
        );
        let arn = format!("arn:aws:states:us-east-1:1:execution:Waiter:w{seconds}");
        import(&db, &file, Some(&arn));
    }
    let v = json(&stats(&db, &["--state-machine", "Waiter", "--format", "json"]));
    let d = &v["executions"]["duration_ms"];
    // Nearest rank over 1..=10 s: p50 rank 5, p90 rank 9, p99 rank 10.
    assert_eq!((d["p50"].as_f64(), d["p90"].as_f64()), (Some(5000.0), Some(9000.0)));
    assert_eq!((d["p99"].as_f64(), d["max"].as_f64()), (Some(10000.0), Some(10000.0)));
    assert_eq!(v["executions"]["by_status"]["FAILED"], 2);
    assert_eq!(v["executions"]["events"]["max"], 4.0);
    let sleep = &v["states"][0];
    assert_eq!((sleep["name"].as_str(), sleep["visits"].as_u64()), (Some("Sleep"), Some(10)));
    assert_eq!(sleep["duration_ms"]["p50"], 5000.0);
    assert_eq!(sleep["failure_rate"], 0.0);

    let failed =
        json(&stats(&db, &["--state-machine", "Waiter", "--status", "failed", "--format", "json"]));
    assert_eq!(failed["executions"]["count"], 2);
    // Two values: p50 is rank 1 (9 s), max 10 s.
    assert_eq!(failed["executions"]["duration_ms"]["p50"], 9000.0);
    assert_eq!(failed["executions"]["duration_ms"]["max"], 10000.0);

    let unknown = stats(&db, &["--state-machine", "Waiter", "--status", "done"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("unknown status"), "{}", stderr(&unknown));

    // The state machine may be given as an ARN.
    let by_arn = json(&stats(
        &db,
        &["--state-machine", "arn:aws:states:us-east-1:1:stateMachine:Waiter", "--format", "json"],
    ));
    assert_eq!(by_arn["executions"]["count"], 10);
    let other = json(&stats(&db, &["--state-machine", "Other", "--format", "json"]));
    assert_eq!(other["executions"]["count"], 0);
}

#[test]
fn since_keeps_recent_runs_only() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_arg(dir.path());
    let now = Timestamp::now().as_millisecond();
    let old = write(dir.path(), "old", &wait_history(now - 3 * 86_400_000, 1, false));
    let recent = write(dir.path(), "recent", &wait_history(now - 2 * 3_600_000, 2, false));
    import(&db, &old, Some("arn:aws:states:us-east-1:1:execution:Waiter:old"));
    import(&db, &recent, Some("arn:aws:states:us-east-1:1:execution:Waiter:recent"));
    let count = |since: &str| {
        let v =
            json(&stats(&db, &["--state-machine", "Waiter", "--since", since, "--format", "json"]));
        v["executions"]["count"].as_u64().unwrap()
    };
    assert_eq!(count("7d"), 2);
    assert_eq!(count("24h"), 1);
    assert_eq!(count("150m"), 1);
    assert_eq!(count("90m"), 0);
    let bad = stats(&db, &["--state-machine", "Waiter", "--since", "soon"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("not a duration"), "{}", stderr(&bad));
}

#[test]
fn histories_near_the_event_limit_are_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_arg(dir.path());
    // 3 + 5,000 × 4 + 3 = 20,006 events: at least 80 % of 25,000.
    let big = write(dir.path(), "big", &map_history(5000, 5000, true));
    // Running: 100 of 6,000 items done, 4 events each: 403 events, on course for 24,003.
    let running = write(dir.path(), "running", &map_history(100, 6000, false));
    // Small: 3 items.
    let small = write(dir.path(), "small", &map_history(3, 3, true));
    import(&db, &big, Some("arn:aws:states:us-east-1:1:execution:Fans:big"));
    import(&db, &running, Some("arn:aws:states:us-east-1:1:execution:Fans:running"));
    import(&db, &small, Some("arn:aws:states:us-east-1:1:execution:Fans:small"));

    let out = stats(&db, &["--state-machine", "Fans", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "warnings are findings");
    let v = json(&out);
    let warnings = v["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert_eq!(warnings[0]["execution"], "arn:aws:states:us-east-1:1:execution:Fans:running");
    assert_eq!(warnings[0]["kind"], "projected");
    assert_eq!(warnings[0]["events"], 403);
    assert_eq!(warnings[0]["projected_events"], 24003);
    assert_eq!(warnings[0]["driver"]["events_per_iteration"], 4.0);
    assert_eq!(warnings[0]["driver"]["projected_iterations"], 6000);
    assert_eq!(warnings[1]["execution"], "arn:aws:states:us-east-1:1:execution:Fans:big");
    assert_eq!(warnings[1]["kind"], "near_limit");
    assert_eq!(warnings[1]["events"], 20006);

    let table = stdout(&stats(&db, &["--state-machine", "Fans"]));
    assert!(table.contains("on course for about 24003"), "{table}");
    let markdown = stdout(&stats(&db, &["--state-machine", "Fans", "--format", "markdown"]));
    insta::with_settings!({snapshot_path => concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots")}, {
        insta::assert_snapshot!("stats__warnings_markdown", markdown);
    });

    // Succeeded runs only: the running one is filtered out, the big one still warned about.
    let succeeded = json(&stats(
        &db,
        &["--state-machine", "Fans", "--status", "succeeded", "--format", "json"],
    ));
    assert_eq!(succeeded["executions"]["count"], 2);
    assert_eq!(succeeded["warnings"].as_array().unwrap().len(), 1);
    // The small run alone: nothing to warn about.
    let dir2 = tempfile::tempdir().unwrap();
    let db2 = db_arg(dir2.path());
    import(&db2, &small, Some("arn:aws:states:us-east-1:1:execution:Fans:small"));
    let quiet = stats(&db2, &["--state-machine", "Fans", "--format", "json"]);
    assert_eq!(quiet.status.code(), Some(0));
    assert_eq!(json(&quiet)["warnings"], serde_json::json!([]));
}

#[test]
fn without_cached_samples_the_events_are_read_and_the_cache_refilled() {
    let dir = tempfile::tempdir().unwrap();
    let db = fixture_ledger(dir.path());
    let args = ["--state-machine", IMPORTED, "--format", "json"];
    let cached = stdout(&stats(&db, &args));
    let conn = rusqlite::Connection::open(&db).unwrap();
    // A sample whose event count is not the stored one is stale: it must not be used.
    conn.execute("UPDATE execution_samples SET events = 999, sample = '{}'", []).unwrap();
    assert_eq!(stdout(&stats(&db, &args)), cached);
    conn.execute("DELETE FROM execution_samples", []).unwrap();
    assert_eq!(stdout(&stats(&db, &args)), cached);
    let refilled: i64 = conn
        .query_row("SELECT count(*) FROM execution_samples WHERE events < 999", [], |r| r.get(0))
        .unwrap();
    assert_eq!(refilled, 8);
}

#[test]
fn no_ledger_means_no_runs_and_none_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_arg(dir.path());
    let out = stats(&db, &["--state-machine", "Anything", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json(&out)["executions"]["count"], 0);
    assert!(!Path::new(&db).exists());
    let table = stdout(&stats(&db, &["--state-machine", "Anything"]));
    assert!(table.contains("Runs      0"), "{table}");
}
