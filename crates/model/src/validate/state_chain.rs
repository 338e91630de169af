//! `lifecycle.state-chain`: state events link the way AWS links them. A `*StateEntered`
//! follows the previous state's `*StateExited`, or opens a Parallel branch
//! (`ParallelStateStarted`) or a Map iteration (`MapIterationStarted`); only the first state
//! has `previousEventId` 0. The `*StateExited` of a state without branches or iterations
//! follows an event of the same visit. `EvaluationFailed` belongs to an open state.

use super::Rule;
use crate::analysis::Analysis;
use crate::event_type::EventType;
use crate::history::History;
use crate::violation::{Severity, Violation};

/// The rule.
pub const RULE: Rule = Rule {
    id: "lifecycle.state-chain",
    severity: Severity::Error,
    description: "a state is entered after the previous state's exit or at the start of a \
                  branch or iteration (only the first state follows no event), and exits after \
                  an event of its own visit; EvaluationFailed belongs to an open state",
    check,
};

fn check(history: &History, analysis: &Analysis) -> Vec<Violation> {
    let mut findings = Vec::new();
    let mut first_entered = true;
    for (position, event) in history.events.iter().enumerate() {
        let ty = &event.event_type;
        let parent = analysis.dag.parent(position);
        if parent.is_none() && event.previous_event_id != 0 {
            // A link to a missing or later event: history.previous-event reports it.
            first_entered &= !ty.is_state_entered();
            continue;
        }
        if ty.is_state_entered() {
            let name = event.state_name().unwrap_or("");
            match parent {
                None if first_entered => {}
                None => findings.push(Violation::error(
                    RULE.id,
                    vec![event.id],
                    format!(
                        "{ty} of state {name:?} follows no event; only the first state has \
                         previousEventId 0"
                    ),
                )),
                Some(p) => {
                    let before = &history.events[p];
                    let allowed = before.event_type.is_state_exited()
                        || matches!(
                            before.event_type,
                            EventType::ParallelStateStarted
                                | EventType::MapIterationStarted
                                | EventType::ExecutionRedriven
                        );
                    if !allowed {
                        findings.push(Violation::error(
                            RULE.id,
                            vec![event.id, before.id],
                            format!(
                                "{ty} of state {name:?} follows event {} ({}), not a state's exit \
                                 or the start of a branch or iteration",
                                before.id, before.event_type
                            ),
                        ));
                    }
                }
            }
            first_entered = false;
        } else if *ty == EventType::EvaluationFailed && analysis.event_visit[position].is_none() {
            let name = event.state_name().unwrap_or("");
            findings.push(Violation::error(
                RULE.id,
                vec![event.id],
                format!(
                    "EvaluationFailed of state {name:?} belongs to no open state (it repeats the \
                     previousEventId of its state's Entered event)"
                ),
            ));
        } else if ty.is_state_exited() && ty.container().is_none() {
            let Some(visit) = analysis.event_visit[position] else { continue };
            let own = parent.is_some_and(|p| analysis.event_visit[p] == Some(visit));
            if !own {
                let state = &analysis.visits[visit];
                let message = match parent {
                    None => format!(
                        "{ty} of state {:?} follows no event, not an event of its own visit",
                        state.name
                    ),
                    Some(p) => format!(
                        "{ty} of state {:?} follows event {} ({}), which is not part of that {} \
                         state's visit",
                        state.name,
                        history.events[p].id,
                        history.events[p].event_type,
                        state.state_type
                    ),
                };
                let mut ids = vec![event.id];
                ids.extend(parent.map(|p| history.events[p].id));
                findings.push(Violation::error(RULE.id, ids, message));
            }
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::testing::{check as run, GOOD};

    #[test]
    fn flags_an_unlinked_state_and_a_misplaced_exit() {
        let findings = run(
            check,
            "1 0 ExecutionStarted; 2 0 PassStateEntered name=A; 3 2 PassStateExited name=A; \
             4 0 WaitStateEntered name=W; 5 3 WaitStateExited name=W; 6 5 ExecutionSucceeded",
        );
        let messages: Vec<(i64, &str)> =
            findings.iter().map(|v| (v.event_ids[0], v.message.as_str())).collect();
        assert_eq!(
            messages,
            vec![
                (
                    4,
                    "WaitStateEntered of state \"W\" follows no event; only the first state has \
                     previousEventId 0"
                ),
                (
                    5,
                    "WaitStateExited of state \"W\" follows event 3 (PassStateExited), which is \
                     not part of that Wait state's visit"
                ),
            ]
        );
    }

    #[test]
    fn flags_an_evaluation_failure_of_no_state() {
        let findings =
            run(check, "1 0 ExecutionStarted; 2 0 EvaluationFailed; 3 2 ExecutionFailed");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].event_ids, vec![2]);
        let state = "1 0 ExecutionStarted; 2 0 PassStateEntered name=A; 3 0 EvaluationFailed; \
            4 3 ExecutionFailed";
        assert_eq!(run(check, state), vec![]);
    }

    #[test]
    fn flags_a_state_entered_from_inside_another() {
        let findings = run(
            check,
            "1 0 ExecutionStarted; 2 0 TaskStateEntered name=T; 3 2 TaskScheduled; \
             4 3 PassStateEntered name=P; 5 4 PassStateExited name=P; 6 5 ExecutionFailed",
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].event_ids, vec![4, 3]);
    }

    #[test]
    fn accepts_chains_branches_and_iterations() {
        assert_eq!(run(check, GOOD), vec![]);
        let branches = "1 0 ExecutionStarted; 2 0 ParallelStateEntered name=P; \
            3 2 ParallelStateStarted; 4 3 PassStateEntered name=A; 5 3 PassStateEntered name=B; \
            6 4 PassStateExited name=A; 7 5 PassStateExited name=B; 8 7 ParallelStateSucceeded; \
            9 7 ParallelStateExited name=P; 10 9 ChoiceStateEntered name=C; \
            11 10 ChoiceStateExited name=C; 12 11 ExecutionSucceeded";
        assert_eq!(run(check, branches), vec![]);
    }
}
