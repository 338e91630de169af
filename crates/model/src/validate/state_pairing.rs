//! `lifecycle.state-pairing`: `*StateExited` events close an open `*StateEntered` of the same
//! name and type in the same scope, and states are exited unless something failed.
//!
//! A visit may stay open (no `*StateExited`) only when it is a Fail state, was aborted, when the
//! execution failed, was aborted, timed out or is still running (JSONPath runtime errors go
//! straight from `*StateEntered` to `ExecutionFailed`), or when the Parallel branch or Map
//! iteration it ran in did not succeed.

use super::Rule;
use crate::analysis::{Analysis, AttemptOutcome, StateVisit, VisitId};
use crate::event_type::{EventType, StateType};
use crate::history::History;
use crate::history::Positions;
use crate::scope::{ScopeId, ScopeStep};
use crate::violation::{Severity, Violation};
use std::collections::HashMap;

/// The rule.
pub const RULE: Rule = Rule {
    id: "lifecycle.state-pairing",
    severity: Severity::Error,
    description: "state Entered/Exited events pair by name and type within a scope; a state \
                  is left before the next one of its scope is entered, and stays unexited only \
                  when it, its branch or iteration, or the execution failed",
    check,
};

fn check(history: &History, analysis: &Analysis) -> Vec<Violation> {
    let mut findings = Vec::new();
    for (position, event) in history.events.iter().enumerate() {
        if event.event_type.is_state_exited() && analysis.event_visit[position].is_none() {
            let name = event.state_name().unwrap_or("");
            let entered = event.event_type.as_str().replace("Exited", "Entered");
            findings.push(Violation::error(
                RULE.id,
                vec![event.id],
                format!(
                    "{} of state {name:?} has no open {entered} of that name in scope {}",
                    event.event_type,
                    analysis.scopes.label(analysis.event_scope[position])
                ),
            ));
        }
    }
    // A state entered while another visit in the same scope is still open: a state is left
    // (exited, aborted) before the next one in its scope is entered. A redrive starts afresh:
    // states left open by the failed attempt are entered again.
    let mut open: HashMap<ScopeId, Vec<VisitId>> = HashMap::new();
    let mut closing: Vec<(usize, ScopeId, VisitId)> = (0..analysis.visits.len())
        .filter_map(|id| {
            let v = &analysis.visits[id];
            v.closed_at().map(|end| (end, v.scope, id))
        })
        .collect();
    closing.sort_unstable_by_key(|(end, _, _)| *end);
    let mut closes = closing.into_iter().peekable();
    let mut redrives = history
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.event_type == EventType::ExecutionRedriven)
        .map(|(p, _)| p)
        .peekable();
    for (id, visit) in analysis.visits.iter().enumerate() {
        while let Some((_, scope, closed)) = closes.next_if(|(end, _, _)| *end < visit.entered) {
            if let Some(list) = open.get_mut(&scope) {
                list.retain(|&v| v != closed);
            }
        }
        if redrives.next_if(|&r| r < visit.entered).is_some() {
            while redrives.next_if(|&r| r < visit.entered).is_some() {}
            open.clear();
        }
        let list = open.entry(visit.scope).or_default();
        if let Some(&earlier) = list.last() {
            let entered = &history.events[visit.entered];
            let before = &analysis.visits[earlier];
            let earlier = before.entered;
            let what = if before.name == visit.name && before.state_type == visit.state_type {
                format!("state {:?} entered again", visit.name)
            } else {
                format!("state {:?} entered", visit.name)
            };
            findings.push(Violation::error(
                RULE.id,
                vec![entered.id, history.events[earlier].id],
                format!(
                    "{what} while state {:?} (entered at event {}) in the same scope had not \
                     exited",
                    before.name, history.events[earlier].id
                ),
            ));
        }
        list.push(id);
    }
    let positions = history.positions();
    for visit in &analysis.visits {
        if visit.is_open() && !may_stay_open(history, analysis, &positions, visit) {
            let entered = &history.events[visit.entered];
            findings.push(Violation::error(
                RULE.id,
                vec![entered.id],
                format!(
                    "state {:?} ({}) was entered but never exited, although neither it, its \
                     branch or iteration, nor the execution failed",
                    visit.name, visit.state_type
                ),
            ));
        }
    }
    findings
}

/// True when an unexited visit is explained by a failure, an abort or a still-running execution.
fn may_stay_open(
    history: &History,
    analysis: &Analysis,
    positions: &Positions,
    visit: &StateVisit,
) -> bool {
    if visit.state_type == StateType::Fail {
        return true;
    }
    // In a branch or iteration that succeeded, every state exited, whatever happened later.
    if analysis.scopes.step(visit.scope).is_some()
        && !scope_failed(history, analysis, positions, visit.scope)
    {
        return false;
    }
    let end =
        history.events[visit.entered + 1..].iter().find(|e| e.event_type.is_execution_terminal());
    if end.is_none_or(|e| e.event_type != EventType::ExecutionSucceeded) {
        return true;
    }
    analysis
        .scopes
        .ancestors(visit.scope)
        .any(|scope| scope_failed(history, analysis, positions, scope))
}

/// True when a branch or iteration scope did not succeed.
fn scope_failed(
    history: &History,
    analysis: &Analysis,
    positions: &Positions,
    scope: ScopeId,
) -> bool {
    match analysis.scopes.step(scope) {
        None => false,
        Some(ScopeStep::Branch { started_event_id, .. }) => {
            let Some(&started) = positions.get(started_event_id) else { return true };
            let Some(parallel) = analysis.event_visit[started] else { return true };
            analysis.visits[parallel]
                .attempts
                .iter()
                .find(|a| a.begin == started)
                .is_none_or(|a| a.outcome != AttemptOutcome::Succeeded)
        }
        Some(ScopeStep::Iteration { started_event_id, index, .. }) => {
            let Some(&started) = positions.get(started_event_id) else { return true };
            let Some(map) = analysis.event_visit[started] else { return true };
            let close = analysis.visits[map].events.iter().map(|&p| &history.events[p]).find(|e| {
                e.id > *started_event_id
                    && e.map_index() == Some(*index)
                    && matches!(
                        e.event_type,
                        EventType::MapIterationSucceeded
                            | EventType::MapIterationFailed
                            | EventType::MapIterationAborted
                    )
            });
            close.is_none_or(|e| e.event_type != EventType::MapIterationSucceeded)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::testing::{check as run, GOOD};

    #[test]
    fn flags_an_exit_without_entry() {
        let findings = run(
            check,
            "1 0 ExecutionStarted; 2 0 PassStateEntered name=A; 3 2 PassStateExited name=B; \
             4 3 ExecutionSucceeded",
        );
        let messages: Vec<(i64, &str)> =
            findings.iter().map(|v| (v.event_ids[0], v.message.as_str())).collect();
        assert_eq!(
            messages,
            vec![
                (3, "PassStateExited of state \"B\" has no open PassStateEntered of that name in scope top"),
                (2, "state \"A\" (Pass) was entered but never exited, although neither it, its branch or iteration, nor the execution failed"),
            ]
        );
    }

    #[test]
    fn flags_a_type_mismatch_and_a_reentry() {
        let mismatch = run(
            check,
            "1 0 ExecutionStarted; 2 0 PassStateEntered name=A; 3 2 TaskStateExited name=A; \
             4 3 ExecutionFailed",
        );
        assert_eq!(mismatch.len(), 1);
        assert_eq!(mismatch[0].event_ids, vec![3]);
        let reentry = run(
            check,
            "1 0 ExecutionStarted; 2 0 WaitStateEntered name=W; 3 2 WaitStateEntered name=W; \
             4 3 WaitStateExited name=W; 5 4 ExecutionFailed",
        );
        assert_eq!(reentry.len(), 1);
        assert_eq!(reentry[0].event_ids, vec![3, 2]);
        assert_eq!(
            reentry[0].message,
            "state \"W\" entered again while state \"W\" (entered at event 2) in the same scope \
             had not exited"
        );
        // Moving on to the next state without leaving the previous one, in a failed execution.
        let skipped = run(
            check,
            "1 0 ExecutionStarted; 2 0 PassStateEntered name=A; 3 2 FailStateEntered name=F; \
             4 3 ExecutionFailed",
        );
        assert_eq!(skipped.len(), 1);
        assert_eq!(
            skipped[0].message,
            "state \"F\" entered while state \"A\" (entered at event 2) in the same scope had \
             not exited"
        );
    }

    #[test]
    fn flags_an_unexited_state_in_a_successful_iteration() {
        let findings = run(
            check,
            "1 0 ExecutionStarted; 2 0 MapStateEntered name=M; 3 2 MapStateStarted; \
             4 3 MapIterationStarted name=M index=0; 5 4 PassStateEntered name=P; \
             6 5 MapIterationSucceeded name=M index=0; 7 5 MapStateSucceeded; \
             8 5 MapStateExited name=M; 9 8 ExecutionSucceeded",
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].event_ids, vec![5]);
    }

    #[test]
    fn flags_an_unexited_state_in_a_successful_iteration_of_a_failed_execution() {
        let findings = run(
            check,
            "1 0 ExecutionStarted; 2 0 MapStateEntered name=M; 3 2 MapStateStarted; \
             4 3 MapIterationStarted name=M index=0; 5 4 PassStateEntered name=P; \
             6 5 MapIterationSucceeded name=M index=0; 7 5 MapIterationStarted name=M index=1; \
             8 7 FailStateEntered name=F; 9 8 MapIterationFailed name=M index=1; \
             10 8 MapStateFailed; 11 10 ExecutionFailed",
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].event_ids, vec![5]);
    }

    #[test]
    fn accepts_failures_aborts_and_running_executions() {
        assert_eq!(run(check, GOOD), vec![]);
        // A JSONPath runtime error: entered, then the execution fails.
        let runtime = "1 0 ExecutionStarted; 2 0 PassStateEntered name=A; 3 2 ExecutionFailed";
        assert_eq!(run(check, runtime), vec![]);
        // Still running.
        assert_eq!(run(check, "1 0 ExecutionStarted; 2 0 WaitStateEntered name=W"), vec![]);
        // Redriven: the state that failed is entered again.
        let redriven = "1 0 ExecutionStarted; 2 0 TaskStateEntered name=T; 3 2 TaskScheduled; \
            4 3 TaskStarted; 5 4 TaskFailed; 6 5 ExecutionFailed; 7 6 ExecutionRedriven; \
            8 7 TaskStateEntered name=T; 9 8 TaskScheduled; 10 9 TaskStarted; \
            11 10 TaskSucceeded; 12 11 TaskStateExited name=T; 13 12 ExecutionSucceeded";
        assert_eq!(run(check, redriven), vec![]);
        // A Fail state in a caught iteration, then success.
        let caught = "1 0 ExecutionStarted; 2 0 MapStateEntered name=M; 3 2 MapStateStarted; \
            4 3 MapIterationStarted name=M index=0; 5 4 FailStateEntered name=F; \
            6 5 MapIterationFailed name=M index=0; 7 5 MapStateFailed; \
            8 7 MapStateExited name=M; 9 8 ExecutionSucceeded";
        assert_eq!(run(check, caught), vec![]);
        // A branch of a failed Parallel attempt: its Choice never exits, the Parallel catches.
        let branch = "1 0 ExecutionStarted; 2 0 ParallelStateEntered name=P; \
            3 2 ParallelStateStarted; 4 3 ChoiceStateEntered name=C; 5 4 ParallelStateFailed; \
            6 5 ParallelStateExited name=P; 7 6 ExecutionSucceeded";
        assert_eq!(run(check, branch), vec![]);
    }
}
