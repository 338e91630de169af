//! End-to-end tests of `check`, `golden` and JUnit output with the runbook sample and the
//! golden fixtures recorded from the emulator.

use crate::util::{fixture, run, stderr, stdout};

fn path(name: &str) -> String {
    fixture(name).to_str().expect("utf-8 path").to_owned()
}

#[test]
fn the_minimal_expectations_pass_on_the_runbook_sample() {
    let out =
        run(&["check", "--expect", &path("check/minimal.toml"), &path("runbook-activity.json")]);
    assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("ok    status: status SUCCEEDED"), "{text}");
    assert!(text.contains("ok    states.getGreeting.max_duration: it took 17.491s"), "{text}");
}

#[test]
fn a_failing_expectation_exits_1_with_expected_actual_and_event_id() {
    let out =
        run(&["check", "--expect", &path("check/too-slow.toml"), &path("runbook-activity.json")]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stdout(&out).contains(
        "FAIL  states.getGreeting.max_duration: expected each visit of getGreeting to take at most \
         10s, got it took 17.491s (entered at event id 2) (event id 6)"
    ), "{}", stdout(&out));
    assert!(stdout(&out).contains("ok    states.getGreeting.max_retries: 0 retries"));
}

#[test]
fn bad_expectations_exit_2_naming_file_line_and_key() {
    let out = run(&["check", "--expect", &path("check/typo.toml"), &path("runbook-activity.json")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).ends_with(
        "check/typo.toml: line 4: key `states.getGreeting.max_duraton`: unknown key (did you mean `max_duration`?)\n"
    ), "{}", stderr(&out));
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.toml");
    std::fs::write(&broken, "status = \"SUCCEEDED\"\npath = [\"a\",\n").unwrap();
    let out = run(&["check", "--expect", broken.to_str().unwrap(), &path("runbook-activity.json")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("broken.toml: line 2: key `path`:"), "{}", stderr(&out));
    let out = run(&["check", "--expect", &path("check/minimal.toml"), "no-such-execution"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn junit_has_a_suite_per_execution_and_a_case_per_expectation() {
    let dir = tempfile::tempdir().unwrap();
    let xml_path = dir.path().join("junit.xml");
    let out = run(&[
        "check",
        "--expect",
        &path("check/too-slow.toml"),
        "--junit",
        xml_path.to_str().unwrap(),
        &path("runbook-activity.json"),
        &path("golden/parallel-run1.json"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let xml = std::fs::read_to_string(&xml_path).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    // Per execution: status, path, max_duration, max_retries, valid, max_events.
    assert_eq!(root.attribute("tests"), Some("12"));
    let suites: Vec<_> = root.children().filter(|n| n.has_tag_name("testsuite")).collect();
    assert_eq!(suites.len(), 2);
    let runbook = suites[0];
    assert!(runbook.attribute("name").unwrap().ends_with("runbook-activity.json"));
    assert_eq!(runbook.attribute("tests"), Some("6"));
    assert_eq!(runbook.attribute("failures"), Some("1"));
    assert_eq!(runbook.attribute("skipped"), Some("0"));
    let cases: Vec<_> = runbook.children().filter(|n| n.has_tag_name("testcase")).collect();
    let names: Vec<_> = cases.iter().map(|c| c.attribute("name").unwrap()).collect();
    assert_eq!(
        names,
        [
            "status",
            "path",
            "states.getGreeting.max_retries",
            "states.getGreeting.max_duration",
            "valid",
            "max_events"
        ]
    );
    let failure = cases[3].children().find(|n| n.has_tag_name("failure")).expect("a failure");
    assert!(failure.attribute("message").unwrap().ends_with("(event id 6)"));
    assert!(failure.text().unwrap().contains(
        "expected: each visit of getGreeting to take at most 10s\nactual: it took 17.491s"
    ));
    // The Parallel run fails only the path (it starts with Prepare).
    let parallel = suites[1];
    assert_eq!(parallel.attribute("failures"), Some("1"));
    let failed: Vec<_> = parallel
        .children()
        .filter(|c| c.children().any(|n| n.has_tag_name("failure")))
        .map(|c| c.attribute("name").unwrap())
        .collect();
    assert_eq!(failed, ["path"]);
    assert_eq!(root.attribute("failures"), Some("2"));
}

#[test]
fn markdown_and_json_formats() {
    let args = |format: &'static str| {
        run(&[
            "check",
            "--format",
            format,
            "--expect",
            &path("check/too-slow.toml"),
            &path("runbook-activity.json"),
        ])
    };
    let md = stdout(&args("markdown"));
    assert!(md.starts_with("## ❌ sfn-ledger check: 1 of 1 execution(s) failed"), "{md}");
    assert!(md.contains("| ❌ | `states.getGreeting.max_duration` | each visit of getGreeting to take at most 10s | it took 17.491s (entered at event id 2) | 6 |"), "{md}");
    let json: serde_json::Value = serde_json::from_str(&stdout(&args("json"))).unwrap();
    assert_eq!(json["passed"], false);
    let results = json["executions"][0]["results"].as_array().unwrap();
    assert_eq!(results[3]["name"], "states.getGreeting.max_duration");
    assert_eq!(results[3]["status"], "failed");
    assert_eq!(results[3]["event_id"], 6);
}

#[test]
fn golden_matches_a_differently_interleaved_run_and_diffs_a_changed_path() {
    let dir = tempfile::tempdir().unwrap();
    let golden = dir.path().join("golden.json");
    let out = run(&["golden", "--redact-key", "delays", &path("golden/parallel-run1.json")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    std::fs::write(&golden, &out.stdout).unwrap();
    let golden = golden.to_str().unwrap();
    let same = run(&["check", "--golden", golden, &path("golden/parallel-run2.json")]);
    assert_eq!(same.status.code(), Some(0), "{}", stdout(&same));
    let changed = run(&["check", "--golden", golden, &path("golden/parallel-changed.json")]);
    assert_eq!(changed.status.code(), Some(1));
    let text = stdout(&changed);
    assert!(text.contains("FAIL  golden: expected the same history as"), "{text}");
    assert!(text.contains("--- golden\n        +++ run\n"), "{text}");
    assert!(
        text.contains(" top#10 PassStateEntered <- 9\n        +    name: \"Alternative\"\n"),
        "{text}"
    );
    // Without --redact-key the two runs' inputs differ (the delays), so they do not match.
    let out = run(&["golden", &path("golden/parallel-run1.json")]);
    std::fs::write(dir.path().join("strict.json"), &out.stdout).unwrap();
    let strict = run(&[
        "check",
        "--golden",
        dir.path().join("strict.json").to_str().unwrap(),
        &path("golden/parallel-run2.json"),
    ]);
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn executions_come_from_the_ledger_by_name_or_state_machine() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.sqlite3");
    let db = db.to_str().unwrap();
    let imported = run(&[
        "import",
        "--db",
        db,
        &path("runbook-activity.json"),
        &path("golden/parallel-run1.json"),
    ]);
    assert!(imported.status.success(), "{}", stderr(&imported));
    let by_name =
        run(&["check", "--db", db, "--expect", &path("check/minimal.toml"), "runbook-activity"]);
    assert_eq!(by_name.status.code(), Some(0), "{}{}", stdout(&by_name), stderr(&by_name));
    assert!(stdout(&by_name)
        .starts_with("arn:aws:states:local:000000000000:execution:imported:runbook-activity: "));
    // Imported histories have no state machine: selecting by one names the ledger.
    let last = run(&[
        "check",
        "--db",
        db,
        "--expect",
        &path("check/minimal.toml"),
        "--state-machine",
        "Nowhere",
        "--last",
        "2",
    ]);
    assert_eq!(last.status.code(), Some(2));
    assert!(
        stderr(&last).contains("no execution of state machine Nowhere in "),
        "{}",
        stderr(&last)
    );
}

#[test]
fn the_committed_golden_file_is_what_golden_writes_and_matches_both_runs() {
    let golden = path("golden/parallel.golden.json");
    let written = run(&["golden", "--redact-key", "delays", &path("golden/parallel-run1.json")]);
    assert_eq!(stdout(&written), std::fs::read_to_string(&golden).unwrap());
    let both = run(&[
        "check",
        "--golden",
        &golden,
        &path("golden/parallel-run1.json"),
        &path("golden/parallel-run2.json"),
    ]);
    assert_eq!(both.status.code(), Some(0), "{}", stdout(&both));
}

#[test]
fn markdown_of_a_golden_failure_has_the_diff_in_a_details_block() {
    let dir = fixture("golden");
    let out = crate::util::sfn_ledger()
        .current_dir(&dir)
        .args([
            "check",
            "--format",
            "markdown",
            "--golden",
            "parallel.golden.json",
            "parallel-changed.json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    insta::with_settings!({snapshot_path => concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots")}, {
        insta::assert_snapshot!("check_golden_markdown", stdout(&out));
    });
}
