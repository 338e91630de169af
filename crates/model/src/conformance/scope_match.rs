//! `conformance.scope-match`: every Parallel branch and Map iteration of the run matches a
//! scope of the definition (a branch whose `StartAt` is the branch's first state, the Map's
//! item processor run inline).

use super::{Context, Rule};
use crate::violation::Violation;

/// The rule.
pub const RULE: Rule = Rule {
    id: "conformance.scope-match",
    summary: "each Parallel branch and Map iteration matches a branch or item processor of the definition",
    check,
};

fn check(context: &Context<'_>, out: &mut Vec<Violation>) {
    for (scope, problem) in &context.scopes.problems {
        let first = context.visits_in(*scope).first().map(|v| context.id(v.entered));
        let message = format!("{}: {problem}", context.label(*scope));
        out.push(Violation::error(RULE.id, first.into_iter().collect(), message));
    }
}
