//! End-to-end tests of `diff`: two runs side by side (snapshots), and the regression check
//! against baseline medians with its exit codes. Fixtures: tests/fixtures/golden (emulator).

use crate::util::{fixture, run, stderr, stdout};

fn path(name: &str) -> String {
    fixture(&format!("golden/{name}")).to_str().expect("utf-8 path").to_owned()
}

/// Output with the machine-specific fixture directory removed.
fn clean(text: &str) -> String {
    text.replace(&format!("{}/", fixture("golden").display()), "")
}

fn snapshot(name: &str, text: &str) {
    insta::with_settings!({snapshot_path => concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots")}, {
        insta::assert_snapshot!(name, text);
    });
}

#[test]
fn two_runs_table_and_markdown() {
    let out = run(&["diff", &path("parallel-run1.json"), &path("parallel-changed.json")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    snapshot("diff_two_runs_table", &clean(&stdout(&out)));
    let out = run(&[
        "diff",
        "--format",
        "markdown",
        &path("parallel-run1.json"),
        &path("parallel-changed.json"),
    ]);
    snapshot("diff_two_runs_markdown", &clean(&stdout(&out)));
}

#[test]
fn two_runs_json() {
    let out = run(&[
        "diff",
        "--format",
        "json",
        &path("parallel-run1.json"),
        &path("parallel-changed.json"),
    ]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["status_changed"], false);
    assert_eq!(json["path_changed"], true);
    let added: Vec<&str> = json["states"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["change"] == "added")
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(added, ["Alternative"]);
    // run1: ExecutionStarted 16:37:02.372143, ExecutionSucceeded 16:37:03.389648 (the fixture).
    assert_eq!(json["a"]["duration"], 1017);
}

#[test]
fn a_slower_run_fails_the_regression_check() {
    let out = run(&[
        "diff",
        "--baseline",
        &path("parallel-run1.json"),
        "--baseline",
        &path("parallel-run2.json"),
        "--fail-slower",
        "20%",
        &path("parallel-slow.json"),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    snapshot("diff_regression_slower", &clean(&stdout(&out)));
}

#[test]
fn the_same_run_passes_and_small_deltas_never_fail() {
    // run2 against run1: the whole run and Fork are within 20 %; the branch Waits swapped
    // durations, so LeftWait is >1 s slower: a high --min-delta lets it pass.
    let args = |min_delta: &'static str| {
        run(&[
            "diff",
            "--baseline",
            &path("parallel-run1.json"),
            "--fail-slower",
            "20%",
            "--min-delta",
            min_delta,
            &path("parallel-run2.json"),
        ])
    };
    assert_eq!(args("50ms").status.code(), Some(1));
    assert_eq!(args("2s").status.code(), Some(0), "{}", stdout(&args("2s")));
    let same = run(&[
        "diff",
        "--fail-slower",
        "0%",
        &path("parallel-run1.json"),
        &path("parallel-run1.json"),
    ]);
    assert_eq!(same.status.code(), Some(0), "{}", stdout(&same));
    let bad = run(&[
        "diff",
        "--fail-slower",
        "fast",
        &path("parallel-run1.json"),
        &path("parallel-run2.json"),
    ]);
    assert_eq!(bad.status.code(), Some(2));
    let one = run(&["diff", &path("parallel-run1.json")]);
    assert_eq!(one.status.code(), Some(2));
}
