//! `conformance.scope-end`: a scope that completed successfully ended after a terminal state
//! (`End: true` or Succeed), not after a state with a `Next` still to take, nor in a Fail state.

use super::{Context, Rule, VisitEnd};
use crate::analysis::AttemptOutcome;
use crate::asl::StateKind;
use crate::event_type::EventType;
use crate::scope::{ScopeId, ScopeStep};
use crate::violation::Violation;

/// The rule.
pub const RULE: Rule = Rule {
    id: "conformance.scope-end",
    summary: "a scope that succeeded ends after an End or Succeed state",
    check,
};

fn check(context: &Context<'_>, out: &mut Vec<Violation>) {
    for scope in context.scope_ids() {
        let Some(last) = context.visits_in(scope).last().copied() else { continue };
        let Some(state) = context.state(last) else { continue };
        if !succeeded(context, scope) || context.visit_end(last) != VisitEnd::Exited {
            continue;
        }
        let id = context.id(last.entered);
        let problem = if matches!(state.kind, StateKind::Fail { .. }) {
            format!("{} is a Fail state", state.path)
        } else if !state.is_terminal() {
            match &state.next {
                Some(next) => format!("{} still leads to {next:?}", state.field_path("Next")),
                None => format!("{} is not a terminal state", state.path),
            }
        } else {
            continue;
        };
        let message = format!(
            "{}: the scope succeeded after {:?} (event {id}), but {problem}",
            context.label(scope),
            last.name
        );
        out.push(Violation::error(RULE.id, vec![id], message));
    }
}

/// True when the run says the scope completed successfully: the execution succeeded (top
/// level), or the Parallel/Map attempt that opened the branch or iteration succeeded.
fn succeeded(context: &Context<'_>, scope: ScopeId) -> bool {
    let Some(step) = context.analysis.scopes.step(scope) else {
        return context
            .history
            .terminal()
            .is_some_and(|e| e.event_type == EventType::ExecutionSucceeded);
    };
    let started = match step {
        ScopeStep::Branch { started_event_id, .. } => *started_event_id,
        ScopeStep::Iteration { started_event_id, .. } => *started_event_id,
    };
    let Some(position) = context.position(started) else { return false };
    let Some(visit) = context.analysis.event_visit[position] else { return false };
    context.analysis.visits[visit].attempts.iter().any(|a| {
        a.begin <= position
            && a.end.is_none_or(|end| position <= end)
            && a.outcome == AttemptOutcome::Succeeded
    })
}
