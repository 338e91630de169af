//! Renders check results as text, Markdown (for a CI job summary or a PR comment) or JSON.

use serde::Serialize;
use sfn_ledger_model::verify::{CheckResult, CheckStatus};
use std::fmt::Write;

/// The results of every expectation for one execution.
#[derive(Debug, Serialize)]
pub struct ExecutionReport {
    /// The file, or the execution ARN when it came from the ledger.
    pub source: String,
    /// True when no expectation failed.
    pub passed: bool,
    /// One result per expectation.
    pub results: Vec<CheckResult>,
}

impl ExecutionReport {
    /// Bundles the results of one execution.
    pub fn new(source: String, results: Vec<CheckResult>) -> Self {
        ExecutionReport { source, passed: !results.iter().any(CheckResult::failed), results }
    }

    fn count(&self, status: CheckStatus) -> usize {
        self.results.iter().filter(|r| r.status == status).count()
    }

    fn summary(&self) -> String {
        let mut text = format!(
            "{} passed, {} failed",
            self.count(CheckStatus::Passed),
            self.count(CheckStatus::Failed)
        );
        let skipped = self.count(CheckStatus::Skipped);
        if skipped > 0 {
            text.push_str(&format!(", {skipped} skipped"));
        }
        text
    }
}

/// Plain text, one line per expectation, failures with expected/actual/event id.
pub fn text(reports: &[ExecutionReport]) -> String {
    let mut out = String::new();
    for report in reports {
        let _ = writeln!(out, "{}: {}", report.source, report.summary());
        for r in &report.results {
            match r.status {
                CheckStatus::Passed => {
                    let _ = writeln!(out, "  ok    {}: {}", r.name, r.actual);
                }
                CheckStatus::Skipped => {
                    let _ = writeln!(out, "  skip  {}: {}", r.name, r.actual);
                }
                CheckStatus::Failed => {
                    let _ = writeln!(out, "  FAIL  {}: {}", r.name, r.message());
                    if let Some(detail) = &r.detail {
                        for line in detail.lines() {
                            let _ = writeln!(out, "        {line}");
                        }
                    }
                }
            }
            if let Some(warning) = &r.warning {
                let _ = writeln!(out, "  warn  {}: {warning}", r.name);
            }
        }
    }
    out
}

/// Markdown: a heading with the verdict, a table per execution, diffs in collapsed blocks.
pub fn markdown(reports: &[ExecutionReport]) -> String {
    let failed = reports.iter().filter(|r| !r.passed).count();
    let mut out = String::new();
    if failed == 0 {
        let _ = writeln!(out, "## ✅ sfn-ledger check: {} execution(s) passed\n", reports.len());
    } else {
        let _ = writeln!(
            out,
            "## ❌ sfn-ledger check: {failed} of {} execution(s) failed\n",
            reports.len()
        );
    }
    for report in reports {
        let mark = if report.passed { "✅" } else { "❌" };
        let _ = writeln!(out, "### {mark} `{}`: {}\n", report.source, report.summary());
        out.push_str("| | Expectation | Expected | Actual | Event |\n|---|---|---|---|---|\n");
        for r in &report.results {
            let mark = match (r.status, &r.warning) {
                (CheckStatus::Failed, _) => "❌",
                (CheckStatus::Skipped, _) => "⏭️",
                (CheckStatus::Passed, Some(_)) => "⚠️",
                (CheckStatus::Passed, None) => "✅",
            };
            let mut actual = cell(&r.actual);
            if let Some(warning) = &r.warning {
                actual.push_str(&format!(" (warning: {})", cell(warning)));
            }
            let event = r.event_id.map(|id| id.to_string()).unwrap_or_default();
            let _ = writeln!(
                out,
                "| {mark} | `{}` | {} | {actual} | {event} |",
                r.name,
                cell(&r.expected)
            );
        }
        for r in report.results.iter().filter(|r| r.detail.is_some()) {
            let detail = r.detail.as_deref().unwrap_or_default();
            let lang = if r.name == "golden" { "diff" } else { "text" };
            let _ = write!(
                out,
                "\n<details><summary><code>{}</code></summary>\n\n```{lang}\n{detail}\n```\n\n</details>\n",
                r.name
            );
        }
        out.push('\n');
    }
    out
}

/// JSON: `{"passed": bool, "executions": [{"source", "passed", "results": [...]}]}`.
pub fn json(reports: &[ExecutionReport]) -> anyhow::Result<String> {
    let passed = reports.iter().all(|r| r.passed);
    Ok(serde_json::to_string_pretty(
        &serde_json::json!({ "passed": passed, "executions": reports }),
    )?)
}

/// Text safe inside a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', "<br>")
}
