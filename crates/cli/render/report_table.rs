//! The human report: a summary, then tables of states, the critical path and service time.

use super::report_rows::{
    caught_lines, critical_rows, failure_lines, gap_rows, state_rows, summary, STATE_HEADERS,
};
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{CellAlignment, Table};
use sfn_ledger_model::Report;
use std::fmt::Write;

fn table(headers: &[&str], right: &[usize]) -> Table {
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED).set_header(headers.iter().copied());
    for &column in right {
        if let Some(c) = table.column_mut(column) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    table
}

/// Renders the report for a terminal.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for (label, value) in summary(report) {
        let _ = writeln!(out, "{label:<9} {value}");
    }
    let failure = failure_lines(report);
    if !failure.is_empty() {
        let _ = writeln!(out, "\nFailure");
        for line in failure {
            let _ = writeln!(out, "  {line}");
        }
    }
    let caught = caught_lines(report);
    if !caught.is_empty() {
        let _ = writeln!(out, "\nCaught errors");
        for line in caught {
            let _ = writeln!(out, "  {line}");
        }
    }
    let mut states = table(&STATE_HEADERS, &[0, 4, 6, 7, 8, 9]);
    for row in state_rows(report) {
        states.add_row(row);
    }
    let _ = writeln!(out, "\nStates\n{states}");
    if !report.critical_path.is_empty() {
        let mut critical = table(&["State", "Scope", "Duration", "Share"], &[2, 3]);
        for row in critical_rows(report) {
            critical.add_row(row);
        }
        let _ = writeln!(out, "\nCritical path\n{critical}");
    }
    if !report.service_gaps.is_empty() {
        let mut gaps = table(&["Scope", "From", "To", "Events", "Duration"], &[4]);
        for row in gap_rows(report) {
            gaps.add_row(row);
        }
        let _ = writeln!(out, "\nTime in the service between states\n{gaps}");
    }
    out
}
