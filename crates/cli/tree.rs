//! The `show --tree` rendering: events nested by scope, each Parallel branch and Map iteration
//! listed under the event that opened it.

use crate::events;
use sfn_ledger_model::{Analysis, History, ScopeId, ScopeStep};
use std::collections::HashMap;
use std::fmt::Write;

/// Renders the history as an indented tree of scopes.
pub fn render(history: &History, analysis: &Analysis) -> String {
    let mut events_in: HashMap<ScopeId, Vec<usize>> = HashMap::new();
    for (position, scope) in analysis.event_scope.iter().enumerate() {
        events_in.entry(*scope).or_default().push(position);
    }
    let mut opened_by: HashMap<i64, Vec<ScopeId>> = HashMap::new();
    for scope in (1..analysis.scopes.len()).map(ScopeId) {
        let opener = match analysis.scopes.step(scope) {
            Some(ScopeStep::Branch { started_event_id, .. }) => *started_event_id,
            Some(ScopeStep::Iteration { started_event_id, .. }) => *started_event_id,
            None => continue,
        };
        opened_by.entry(opener).or_default().push(scope);
    }
    let tree = Tree { history, analysis, events_in, opened_by };
    let mut out = String::new();
    tree.scope(ScopeId::TOP, 0, &mut out);
    out
}

struct Tree<'a> {
    history: &'a History,
    analysis: &'a Analysis,
    events_in: HashMap<ScopeId, Vec<usize>>,
    opened_by: HashMap<i64, Vec<ScopeId>>,
}

impl Tree<'_> {
    fn scope(&self, scope: ScopeId, depth: usize, out: &mut String) {
        let indent = "    ".repeat(depth);
        for &position in self.events_in.get(&scope).map_or(&[][..], Vec::as_slice) {
            let event = &self.history.events[position];
            let name = self.analysis.event_visit[position]
                .map(|v| self.analysis.visits[v].name.as_str())
                .unwrap_or("");
            let detail = events::detail(event);
            let line = format!(
                "{indent}{:>3} {:>9}  {:<22} {name}  {detail}",
                event.id,
                events::offset(self.history, event),
                event.event_type.as_str()
            );
            let _ = writeln!(out, "{}", line.trim_end());
            for &child in self.opened_by.get(&event.id).map_or(&[][..], Vec::as_slice) {
                if let Some(step) = self.analysis.scopes.step(child) {
                    let _ = writeln!(out, "{indent}    {step}:");
                }
                self.scope(child, depth + 2, out);
            }
        }
    }
}
