//! The validation report of `validate`: findings and parse warnings per file, as text or JSON.

use serde::Serialize;
use sfn_ledger_model::{ParseWarning, Severity, Violation};
use std::fmt::Write;

/// One finding as reported (a rule's violation or a parse warning).
#[derive(Debug, Serialize)]
pub struct Diagnostic {
    /// The rule id, or `parse` for warnings from reading the file.
    pub rule: String,
    /// `error`, `warning` or `info`.
    pub severity: Severity,
    /// The most relevant event, if any.
    pub event_id: Option<i64>,
    /// What is wrong.
    pub message: String,
}

/// The report for one file.
#[derive(Debug, Serialize)]
pub struct FileReport {
    /// The file as named on the command line.
    pub file: String,
    /// True when no diagnostic is an error.
    pub valid: bool,
    /// Parse warnings and rule findings, by event id.
    pub diagnostics: Vec<Diagnostic>,
}

impl FileReport {
    /// Builds a report from parse warnings and the findings of `validate`.
    pub fn new(file: String, warnings: &[ParseWarning], findings: &[Violation]) -> FileReport {
        let mut diagnostics: Vec<Diagnostic> = warnings
            .iter()
            .map(|w| Diagnostic {
                rule: "parse".to_owned(),
                severity: Severity::Warning,
                event_id: w.event_id,
                message: w.message.clone(),
            })
            .chain(findings.iter().map(|v| Diagnostic {
                rule: v.rule.to_owned(),
                severity: v.severity,
                event_id: v.event_id(),
                message: v.message.clone(),
            }))
            .collect();
        diagnostics.sort_by_key(|d| d.event_id);
        let valid = diagnostics.iter().all(|d| d.severity != Severity::Error);
        FileReport { file, valid, diagnostics }
    }
}

/// Text: one line per diagnostic (`FILE: error[rule] event 7: message`), then `FILE: valid` or
/// `FILE: invalid (N errors)`.
pub fn text(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for report in reports {
        for d in &report.diagnostics {
            let event = d.event_id.map_or(String::new(), |id| format!(" event {id}"));
            let _ =
                writeln!(out, "{}: {}[{}]{event}: {}", report.file, d.severity, d.rule, d.message);
        }
        if report.valid {
            let _ = writeln!(out, "{}: valid", report.file);
        } else {
            let errors =
                report.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
            let plural = if errors == 1 { "" } else { "s" };
            let _ = writeln!(out, "{}: invalid ({errors} error{plural})", report.file);
        }
    }
    out
}

/// JSON: one array with one object per file.
pub fn json(reports: &[FileReport]) -> anyhow::Result<String> {
    Ok(serde_json::to_string_pretty(reports)? + "\n")
}
