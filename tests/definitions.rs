//! `lint`, `coverage` and the hidden `conform` command on ASL definitions and recorded runs.

use crate::util::{run, stderr, stdout};

const ASL: &str = "tests/fixtures/asl";

macro_rules! snapshot {
    ($name:literal, $value:expr) => {
        insta::with_settings!({snapshot_path => concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots")}, {
            insta::assert_snapshot!($name, $value);
        })
    };
}

fn path(name: &str) -> String {
    format!("{ASL}/{name}")
}

#[test]
fn lint_passes_the_recorded_definitions() {
    let mut args = vec!["lint".to_owned()];
    for name in [
        "choice",
        "retry-catch",
        "parallel",
        "parallel-retry",
        "map",
        "map-catch",
        "fail",
        "nested",
    ] {
        args.push(path(&format!("{name}.asl.json")));
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = run(&args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), "8 files checked: 0 errors, 0 warnings\n");
}

#[test]
fn lint_reports_findings_with_exit_1() {
    let output = run(&["lint", &path("lint/clean.asl.json"), &path("lint/broken.asl.json")]);
    assert_eq!(output.status.code(), Some(1));
    snapshot!("definitions__lint_broken_text", stdout(&output));
}

#[test]
fn lint_json_lists_findings_per_file() {
    let output = run(&["lint", "--format", "json", &path("lint/broken.asl.json")]);
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let findings = json[0]["findings"].as_array().unwrap();
    assert_eq!(json[0]["file"], path("lint/broken.asl.json"));
    assert_eq!(findings.len(), 8);
    assert_eq!(findings[0]["rule"], "asl.next-exists");
    assert_eq!(findings[7]["severity"], "warning");
}

#[test]
fn lint_of_warnings_only_exits_0() {
    let dir = std::env::temp_dir().join(format!("sfn-ledger-lint-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("warn.asl.json");
    std::fs::write(&file, r#"{"StartAt": "$.x", "States": {"$.x": {"Type": "Succeed"}}}"#).unwrap();
    let output = run(&["lint", file.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains("warning asl.jsonpath-state-name: States.$.x:"));
}

#[test]
fn lint_of_an_unreadable_definition_exits_2_naming_the_field() {
    let output = run(&["lint", &path("lint/not-asl.asl.json")]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        format!(
            "error: {}: States.A.Next: expected a string, found 3\n",
            path("lint/not-asl.asl.json")
        )
    );
    let output = run(&["lint", &path("lint/missing.asl.json")]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with("error: cannot read tests/fixtures/asl/lint/missing.asl.json")
    );
}

#[test]
fn coverage_text_lists_counts_of_states_and_edges() {
    let output = run(&[
        "coverage",
        "--definition",
        &path("choice.asl.json"),
        &path("choice.history.json"),
        &path("choice.default.history.json"),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    snapshot!("definitions__coverage_choice_text", stdout(&output));
}

#[test]
fn coverage_json_counts_catch_edges() {
    let output = run(&[
        "coverage",
        "--format",
        "json",
        "--definition",
        &path("retry-catch.asl.json"),
        &path("retry-catch.history.json"),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let edges = json["coverage"]["edges"].as_array().unwrap();
    let catch = edges.iter().find(|e| e["kind"] == "catch").unwrap();
    assert_eq!(
        (catch["from"].as_str(), catch["to"].as_str(), catch["taken"].as_u64()),
        (Some("CallActivity"), Some("Recovered"), Some(1))
    );
    let unreachable = json["coverage"]["states"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Unreachable")
        .unwrap();
    assert_eq!(unreachable["visits"], 0);
    assert_eq!(json["coverage"]["runs"], 1);
}

#[test]
fn validate_definition_accepts_every_recorded_run_against_its_definition() {
    for (history, definition) in [
        ("choice.history.json", "choice.asl.json"),
        ("choice.default.history.json", "choice.asl.json"),
        ("retry-catch.history.json", "retry-catch.asl.json"),
        ("parallel.history.json", "parallel.asl.json"),
        ("parallel-retry.history.json", "parallel-retry.asl.json"),
        ("map.history.json", "map.asl.json"),
        ("map-catch.history.json", "map-catch.asl.json"),
        ("fail.history.json", "fail.asl.json"),
        ("nested.history.json", "nested.asl.json"),
    ] {
        let output = run(&["validate", &path(history), "--definition", &path(definition)]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{history}: {}{}",
            stdout(&output),
            stderr(&output)
        );
    }
}

#[test]
fn validate_definition_replays_a_run_against_another_definition() {
    let output =
        run(&["validate", &path("map.history.json"), "--definition", &path("map-catch.asl.json")]);
    assert_eq!(output.status.code(), Some(1));
    snapshot!("definitions__validate_replay_text", stdout(&output));
}

#[test]
fn validate_definition_survives_the_corpus_against_unrelated_definitions() {
    // No panic and no error exit on any real history: the corpus has no definitions, so the
    // runs are checked against fixture definitions they did not run (findings expected).
    let Ok(corpus) = std::env::var("SFN_LEDGER_CORPUS") else {
        eprintln!("SFN_LEDGER_CORPUS not set: skipped");
        return;
    };
    let mut files: Vec<String> =
        std::fs::read_dir(std::path::Path::new(&corpus).join("aws-recorded"))
            .unwrap()
            .map(|e| e.unwrap().path().display().to_string())
            .filter(|p| p.ends_with(".json"))
            .collect();
    files.sort();
    assert!(files.len() > 600, "{} files", files.len());
    for definition in ["nested.asl.json", "retry-catch.asl.json"] {
        let definition = path(definition);
        let mut args = vec!["validate", "--definition", definition.as_str()];
        args.extend(files.iter().map(String::as_str));
        let output = run(&args);
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        // Every file is reported, and the definition's findings reach the report.
        let text = stdout(&output);
        for file in &files {
            assert!(text.contains(file.as_str()), "{file} missing from the report");
        }
        assert!(text.contains("error[conformance."), "{}", stderr(&output));
    }
}
