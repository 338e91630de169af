//! `conformance.fail-error`: when the execution fails in a top-level Fail state (uncaught), its
//! literal `Error` and `Cause` are the execution's error and cause.

use super::{Context, Rule};
use crate::asl::StateKind;
use crate::event_type::EventType;
use crate::scope::ScopeId;
use crate::violation::Violation;

/// The rule.
pub const RULE: Rule = Rule {
    id: "conformance.fail-error",
    summary: "a top-level Fail state's Error and Cause reach ExecutionFailed",
    check,
};

fn check(context: &Context<'_>, out: &mut Vec<Violation>) {
    let Some(terminal) = context.history.terminal() else { return };
    if terminal.event_type != EventType::ExecutionFailed {
        return;
    }
    let Some(last) = context.visits_in(ScopeId::TOP).last().copied() else { return };
    let Some(state) = context.state(last) else { return };
    let StateKind::Fail { error, cause } = &state.kind else { return };
    let fields = [("Error", error, terminal.error()), ("Cause", cause, terminal.cause())];
    for (field, expected, actual) in fields {
        let Some(expected) = expected else { continue }; // a path or expression: not known here
        if actual != Some(expected.as_str()) {
            let message = format!(
                "top: the execution failed (event {}) with {} {}, but {} is {expected:?}",
                terminal.id,
                field.to_lowercase(),
                actual.map_or("none".to_owned(), |a| format!("{a:?}")),
                state.field_path(field)
            );
            out.push(Violation::error(
                RULE.id,
                vec![terminal.id, context.id(last.entered)],
                message,
            ));
        }
    }
}
