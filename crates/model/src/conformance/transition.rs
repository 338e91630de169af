//! `conformance.transition`: each move from one state to the next in a scope is an edge of
//! the definition: `Next`, a Choice target or `Default` after a normal exit, or the `Next` of
//! the first catcher matching the error after a failure. A failure that ended the execution
//! is reported when a catcher of the state matches it.

use super::{classify, Context, Rule, Step, VisitEnd};
use crate::violation::Violation;

/// The rule.
pub const RULE: Rule = Rule {
    id: "conformance.transition",
    summary: "consecutive states of a scope are joined by Next, a Choice target, Default or a matching Catch",
    check,
};

fn check(context: &Context<'_>, out: &mut Vec<Violation>) {
    uncaught(context, out);
    for scope in context.scope_ids() {
        if context.machine(scope).is_none() {
            continue;
        }
        let visits = context.visits_in(scope);
        for pair in visits.windows(2) {
            let (from, to) = (pair[0], pair[1]);
            if let Step::NotAnEdge(reason) = classify(context, from, &to.name) {
                let ids = vec![context.id(to.entered), context.id(from.entered)];
                let message = format!(
                    "{}: {:?} → {:?} (events {} → {}) is not a transition of the definition: {reason}",
                    context.label(scope),
                    from.name,
                    to.name,
                    ids[1],
                    ids[0]
                );
                out.push(Violation::error(RULE.id, ids, message));
            }
        }
    }
}

/// The last top-level state failed, the execution failed, yet a catcher matches the error.
fn uncaught(context: &Context<'_>, out: &mut Vec<Violation>) {
    let Some(last) = context.visits_in(crate::scope::ScopeId::TOP).last().copied() else { return };
    let Some(failed) = context.failed_execution_after(last) else { return };
    let VisitEnd::Failed(Some(error)) = context.visit_end(last) else { return };
    let Some(state) = context.state(last) else { return };
    let Some(catcher) = state.catch.iter().find(|c| c.matches(&error)) else { return };
    let message = format!(
        "top: the execution failed (event {}) after {:?} failed with {error}, but {} catches it, leading to {:?}",
        failed.id,
        last.name,
        catcher.path,
        catcher.next.as_deref().unwrap_or_default()
    );
    out.push(Violation::error(RULE.id, vec![failed.id, context.id(last.entered)], message));
}
