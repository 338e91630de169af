//! The event table of `show`: id, previous id, time offset, type, state/scope, detail.

use crate::events;
use comfy_table::{presets, CellAlignment, Table};
use sfn_ledger_model::{Analysis, History};

/// Renders every event as one table row.
pub fn render(history: &History, analysis: &Analysis) -> String {
    let mut table = Table::new();
    table.load_preset(presets::NOTHING);
    table.set_header(["id", "prev", "time", "type", "state", "detail"]);
    for (position, event) in history.events.iter().enumerate() {
        table.add_row([
            event.id.to_string(),
            event.previous_event_id.to_string(),
            events::offset(history, event),
            event.event_type.to_string(),
            events::place(analysis, position),
            events::detail(event),
        ]);
    }
    for column in 0..3 {
        if let Some(c) = table.column_mut(column) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    let mut text = table.trim_fmt();
    text.push('\n');
    text
}
