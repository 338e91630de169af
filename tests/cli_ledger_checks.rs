//! `check` and `diff` on executions selected from the ledger by state machine (`--state-machine
//! NAME --last N`), with the emulator-recorded fixtures stored as runs of one state machine.

use crate::util::{fixture, run, stderr, stdout};
use sfn_ledger_model::parse_history;
use sfn_ledger_recorder::ledger::{ExecutionRecord, Ledger};

const MACHINE: &str = "arn:aws:states:us-east-1:000000000000:stateMachine:GoldenParallel";

/// A ledger holding parallel-run1, parallel-run2 and parallel-slow (newest) as runs of
/// GoldenParallel, named run1, run2 and slow.
fn seeded() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = Ledger::open(&dir.path().join("ledger.sqlite3")).unwrap();
    for (name, file) in [
        ("run1", "parallel-run1.json"),
        ("run2", "parallel-run2.json"),
        ("slow", "parallel-slow.json"),
    ] {
        let bytes = std::fs::read(fixture(&format!("golden/{file}"))).unwrap();
        let history = parse_history(&bytes).unwrap();
        let record = ExecutionRecord {
            arn: format!("arn:aws:states:us-east-1:000000000000:execution:GoldenParallel:{name}"),
            name: name.to_owned(),
            state_machine_arn: Some(MACHINE.to_owned()),
            state_machine_name: Some("GoldenParallel".to_owned()),
            status: Some("SUCCEEDED".to_owned()),
            start_date: history.first().map(|e| e.timestamp),
            stop_date: history.terminal().map(|e| e.timestamp),
            ..ExecutionRecord::default()
        };
        ledger.store_execution(&record, None, &history.events).unwrap();
    }
    dir
}

#[test]
fn check_the_last_runs_of_a_state_machine() {
    let dir = seeded();
    let db = dir.path().join("ledger.sqlite3");
    let db = db.to_str().unwrap();
    let golden = run(&["golden", "--db", db, "--redact-key", "delays", "run1"]);
    assert!(golden.status.success(), "{}", stderr(&golden));
    let golden_path = dir.path().join("golden.json");
    std::fs::write(&golden_path, &golden.stdout).unwrap();
    let out = run(&[
        "check",
        "--db",
        db,
        "--golden",
        golden_path.to_str().unwrap(),
        "--state-machine",
        "GoldenParallel",
        "--last",
        "2",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), stderr(&out));
    let text = stdout(&out);
    // The two newest: slow, then run2.
    let sources: Vec<&str> = text.lines().filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(
        sources,
        [
            "arn:aws:states:us-east-1:000000000000:execution:GoldenParallel:slow: 1 passed, 0 failed",
            "arn:aws:states:us-east-1:000000000000:execution:GoldenParallel:run2: 1 passed, 0 failed",
        ]
    );
}

#[test]
fn diff_against_the_stored_runs_excludes_the_candidate() {
    let dir = seeded();
    let db = dir.path().join("ledger.sqlite3");
    let db = db.to_str().unwrap();
    let diff = |candidate: &str| {
        run(&[
            "diff",
            "--db",
            db,
            "--state-machine",
            "GoldenParallel",
            "--last",
            "10",
            "--fail-slower",
            "20%",
            candidate,
        ])
    };
    // slow against run1 and run2: about twice as long.
    let out = diff("slow");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stdout(&out)
            .contains("GoldenParallel:slow: SLOWER (against the median of 2 baseline runs;"),
        "{}",
        stdout(&out)
    );
    // run2 against run1 and slow: the medians lie between them, run2 is not slower.
    let out = diff("run2");
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("GoldenParallel:run2: ok (against the median of 2 baseline runs;")
    );
}
