//! `conformance.parallel-branches`: a Parallel attempt runs each branch of the definition at
//! most once, and all of them when it succeeds.

use super::{Context, Rule};
use crate::analysis::AttemptOutcome;
use crate::asl::StateKind;
use crate::scope::{ScopeId, ScopeStep};
use crate::violation::Violation;
use std::collections::HashMap;

/// The rule.
pub const RULE: Rule = Rule {
    id: "conformance.parallel-branches",
    summary: "a Parallel attempt runs as many branches as the definition has, each once",
    check,
};

fn check(context: &Context<'_>, out: &mut Vec<Violation>) {
    let mut branches_of: HashMap<i64, Vec<ScopeId>> = HashMap::new();
    for scope in context.scope_ids() {
        if let Some(ScopeStep::Branch { started_event_id, .. }) =
            context.analysis.scopes.step(scope)
        {
            branches_of.entry(*started_event_id).or_default().push(scope);
        }
    }
    for visit in &context.analysis.visits {
        let Some(state) = context.state(visit) else { continue };
        let StateKind::Parallel { branches } = &state.kind else { continue };
        for attempt in &visit.attempts {
            let started = context.id(attempt.begin);
            let scopes = branches_of.get(&started).map_or(&[][..], Vec::as_slice);
            let label = context.label(visit.scope);
            let mut seen = vec![0usize; branches.len()];
            for scope in scopes {
                if let Some(i) = context.scopes.branch_index(*scope) {
                    seen[i] += 1;
                }
            }
            for (i, &count) in seen.iter().enumerate().filter(|(_, &c)| c > 1) {
                let message = format!(
                    "{label}: {:?} ran {}.Branches[{i}] {count} times in the attempt started at event {started}",
                    visit.name, state.path
                );
                out.push(Violation::error(RULE.id, vec![started], message));
            }
            let ran = scopes.len();
            let too_few = attempt.outcome == AttemptOutcome::Succeeded && ran < branches.len();
            if ran > branches.len() || too_few {
                let message = format!(
                    "{label}: {:?} ran {ran} branches in the attempt started at event {started}, but {} has {}",
                    visit.name,
                    state.field_path("Branches"),
                    branches.len()
                );
                out.push(Violation::error(RULE.id, vec![started], message));
            }
        }
    }
}
