//! `stats` as Markdown: a summary list, the per-state pipe table and the warnings.

use super::stats_rows::{state_rows, summary, warning_lines, STATE_HEADERS};
use sfn_ledger_model::stats::Stats;
use std::fmt::Write;

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// Renders the statistics as Markdown.
pub fn render(machine: &str, stats: &Stats) -> String {
    let mut out = String::from("## Execution statistics\n\n");
    for (label, value) in summary(machine, stats) {
        let _ = writeln!(out, "- **{label}:** {}", cell(&value));
    }
    if !stats.states.is_empty() {
        out.push_str("\n### States\n\n");
        let _ = writeln!(out, "| {} |", STATE_HEADERS.join(" | "));
        let _ = writeln!(out, "|{}", "---|".repeat(STATE_HEADERS.len()));
        for row in state_rows(stats) {
            let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
    }
    let warnings = warning_lines(stats);
    if !warnings.is_empty() {
        out.push_str("\n### Event-limit warnings\n\n");
        for line in warnings {
            let _ = writeln!(out, "- {}", cell(&line));
        }
    }
    out
}
