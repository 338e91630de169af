//! `conformance.transition`: each move from one state to the next in a scope is an edge of
//! the definition: `Next`, a Choice target or `Default` after a normal exit, or the `Next` of
//! the first catcher matching the error after a failure.

use super::{classify, Context, Rule, Step};
use crate::violation::Violation;

/// The rule.
pub const RULE: Rule = Rule {
    id: "conformance.transition",
    summary: "consecutive states of a scope are joined by Next, a Choice target, Default or a matching Catch",
    check,
};

fn check(context: &Context<'_>, out: &mut Vec<Violation>) {
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
