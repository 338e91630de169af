//! `conformance.unknown-state`: every entered state exists in the scope it was entered in.

use super::{Context, Rule};
use crate::violation::Violation;

/// The rule.
pub const RULE: Rule = Rule {
    id: "conformance.unknown-state",
    summary: "every entered state exists in the scope of the definition it was entered in",
    check,
};

fn check(context: &Context<'_>, out: &mut Vec<Violation>) {
    for visit in &context.analysis.visits {
        let Some(machine) = context.machine(visit.scope) else { continue };
        if machine.state(&visit.name).is_some() {
            continue;
        }
        let elsewhere = context
            .definition
            .machines()
            .into_iter()
            .find(|m| m.state(&visit.name).is_some())
            .map(|m| format!("; it is defined in {}", m.label()))
            .unwrap_or_default();
        let message = format!(
            "{}: state {:?} (event {}) is not in {} of the definition{elsewhere}",
            context.label(visit.scope),
            visit.name,
            context.id(visit.entered),
            machine.label()
        );
        out.push(Violation::error(RULE.id, vec![context.id(visit.entered)], message));
    }
}
