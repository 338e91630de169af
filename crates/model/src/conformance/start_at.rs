//! `conformance.start-at`: the first state entered in each scope is the scope's `StartAt`.

use super::{Context, Rule};
use crate::violation::Violation;

/// The rule.
pub const RULE: Rule = Rule {
    id: "conformance.start-at",
    summary: "the first state of each scope is its StartAt",
    check,
};

fn check(context: &Context<'_>, out: &mut Vec<Violation>) {
    for scope in context.scope_ids() {
        let Some(machine) = context.machine(scope) else { continue };
        let Some(first) = context.visits_in(scope).first().copied() else { continue };
        let start = machine.start_at.as_deref().unwrap_or_default();
        if first.name != start {
            let id = context.id(first.entered);
            let message = format!(
                "{}: the first state entered is {:?} (event {id}) but {} is {start:?}",
                context.label(scope),
                first.name,
                machine.field_path("StartAt")
            );
            out.push(Violation::error(RULE.id, vec![id], message));
        }
    }
}
