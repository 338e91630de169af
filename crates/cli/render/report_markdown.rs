//! The report as Markdown: a summary list and pipe tables, for CI summaries and pull requests.

use super::report_rows::{
    caught_lines, critical_rows, failure_lines, gap_rows, state_rows, summary, STATE_HEADERS,
};
use sfn_ledger_model::Report;
use std::fmt::Write;

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn pipe_table<const N: usize>(out: &mut String, headers: [&str; N], rows: &[[String; N]]) {
    let _ = writeln!(out, "| {} |", headers.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(N));
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| cell(c.trim_start())).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
}

/// Renders the report as Markdown.
pub fn render(report: &Report) -> String {
    let mut out = String::from("## Execution report\n\n");
    for (label, value) in summary(report) {
        let _ = writeln!(out, "- **{label}:** {}", cell(&value));
    }
    let failure = failure_lines(report);
    if !failure.is_empty() {
        out.push_str("\n### Failure\n\n");
        for line in failure {
            let _ = writeln!(out, "- {}", cell(&line));
        }
    }
    let caught = caught_lines(report);
    if !caught.is_empty() {
        out.push_str("\n### Caught errors\n\n");
        for line in caught {
            let _ = writeln!(out, "- {}", cell(&line));
        }
    }
    out.push_str("\n### States\n\n");
    let mut rows = state_rows(report);
    for row in &mut rows {
        // Keep the nesting visible: Markdown drops leading spaces.
        let depth = row[1].len() - row[1].trim_start().len();
        row[1] = format!("{}{}", "↳ ".repeat(depth / 2), row[1].trim_start());
    }
    pipe_table(&mut out, STATE_HEADERS, &rows);
    if !report.critical_path.is_empty() {
        out.push_str("\n### Critical path\n\n");
        pipe_table(&mut out, ["State", "Scope", "Duration", "Share"], &critical_rows(report));
    }
    if !report.service_gaps.is_empty() {
        out.push_str("\n### Time in the service between states\n\n");
        pipe_table(&mut out, ["Scope", "From", "To", "Events", "Duration"], &gap_rows(report));
    }
    out
}
