//! `stats` for a terminal: a summary, the per-state table and the event-limit warnings.

use super::stats_rows::{state_rows, summary, warning_lines, STATE_HEADERS, STATE_NUMERIC};
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{CellAlignment, Table};
use sfn_ledger_model::stats::Stats;
use std::fmt::Write;

/// Renders the statistics for a terminal.
pub fn render(machine: &str, stats: &Stats) -> String {
    let mut out = String::new();
    for (label, value) in summary(machine, stats) {
        let _ = writeln!(out, "{label:<9} {value}");
    }
    if !stats.states.is_empty() {
        let mut table = Table::new();
        table.load_preset(UTF8_FULL_CONDENSED).set_header(STATE_HEADERS);
        for row in state_rows(stats) {
            table.add_row(row);
        }
        for column in STATE_NUMERIC {
            if let Some(c) = table.column_mut(column) {
                c.set_cell_alignment(CellAlignment::Right);
            }
        }
        let _ = writeln!(out, "\nStates (durations p50, p90, p99, max per visit)\n{table}");
    }
    let warnings = warning_lines(stats);
    if !warnings.is_empty() {
        let _ = writeln!(out, "\nEvent-limit warnings");
        for line in warnings {
            let _ = writeln!(out, "  {line}");
        }
    }
    out
}
