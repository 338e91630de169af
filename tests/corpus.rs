//! The lifecycle rules on the real-AWS corpus (`SFN_LEDGER_CORPUS`): no errors on any recorded
//! history, at least one error on every masked one, and none on the emulator-only folder.

use sfn_ledger_model::validate::validate;
use sfn_ledger_model::{parse_history, Analysis, Severity, Violation};
use std::path::{Path, PathBuf};

/// The corpus folder; the tests fail (not skip) without it.
fn corpus() -> PathBuf {
    let dir = std::env::var_os("SFN_LEDGER_CORPUS")
        .expect("SFN_LEDGER_CORPUS must name the corpus folder (scripts/test sets it)");
    PathBuf::from(dir)
}

/// Every `.json` file of a corpus subfolder, sorted.
fn histories(folder: &str) -> Vec<PathBuf> {
    let dir = corpus().join(folder);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

/// Parses and validates one file.
fn findings(path: &Path) -> Vec<Violation> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let history = parse_history(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    validate(&history, &Analysis::new(&history))
}

fn errors(findings: &[Violation]) -> Vec<&Violation> {
    findings.iter().filter(|v| v.severity == Severity::Error).collect()
}

fn describe(v: &Violation) -> String {
    let event = v.event_id().map_or(String::new(), |id| format!(" event {id}"));
    format!("{}[{}]{event}: {}", v.severity, v.rule, v.message)
}

fn name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

#[test]
fn recorded_aws_histories_have_no_errors() {
    let files = histories("aws-recorded");
    assert_eq!(files.len(), 664, "the corpus README counts 664 recorded histories");
    let mut report = String::new();
    for path in &files {
        let findings = findings(path);
        let errors = errors(&findings);
        if !errors.is_empty() {
            report.push_str(&format!("{}\n", name(path)));
            for v in errors {
                report.push_str(&format!("  {}\n", describe(v)));
            }
        }
    }
    assert!(report.is_empty(), "real AWS histories with errors:\n{report}");
}

#[test]
fn masked_histories_each_have_an_error() {
    let files = histories("aws-recorded-masked");
    assert_eq!(files.len(), 10, "the corpus README counts 10 masked histories");
    let clean: Vec<String> =
        files.iter().filter(|p| errors(&findings(p)).is_empty()).map(|p| name(p)).collect();
    assert!(clean.is_empty(), "masked histories without an error: {clean:#?}");
}

#[test]
fn emulator_only_histories_have_no_errors() {
    // Not proven to come from AWS (see the corpus README), but they pass: keep it that way.
    let files = histories("emulator-only");
    assert_eq!(files.len(), 30, "the corpus README counts 30 emulator-only histories");
    let mut report = String::new();
    for path in &files {
        let findings = findings(path);
        let errors = errors(&findings);
        if !errors.is_empty() {
            report.push_str(&format!("{}\n", name(path)));
            for v in errors {
                report.push_str(&format!("  {}\n", describe(v)));
            }
        }
    }
    assert!(report.is_empty(), "emulator-only histories with errors:\n{report}");
}
