//! `conformance.state-type`: a state was entered as the type the definition gives it.

use super::{Context, Rule};
use crate::violation::Violation;

/// The rule.
pub const RULE: Rule = Rule {
    id: "conformance.state-type",
    summary: "each state was entered with the type the definition gives it",
    check,
};

fn check(context: &Context<'_>, out: &mut Vec<Violation>) {
    for visit in &context.analysis.visits {
        let Some(state) = context.state(visit) else { continue };
        if visit.state_type.as_str() != state.type_name() {
            let id = context.id(visit.entered);
            let message = format!(
                "{}: state {:?} was entered as a {} (event {id}) but {} is a {}",
                context.label(visit.scope),
                visit.name,
                visit.state_type.as_str(),
                state.path,
                state.type_name()
            );
            out.push(Violation::error(RULE.id, vec![id], message));
        }
    }
}
