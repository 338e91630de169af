//! `lifecycle.map`: Map visits go Entered → Started → iterations (or a map run) → Succeeded |
//! Failed | Aborted → Exited; iteration events pair by index within an attempt; a retry starts
//! again with a new `MapStateStarted`.

use super::container::{self, Kinds, Stage};
use super::Rule;
use crate::analysis::Analysis;
use crate::event_type::{EventType, StateType};
use crate::history::History;
use crate::violation::{Severity, Violation};
use std::collections::BTreeMap;

/// The rule.
pub const RULE: Rule = Rule {
    id: "lifecycle.map",
    severity: Severity::Error,
    description: "Map states go Entered → Started → iterations or map run → Succeeded | Failed \
                  | Aborted → Exited; MapIterationStarted and its Succeeded | Failed | Aborted \
                  pair by index; no success while an iteration or the map run is open",
    check,
};

const KINDS: Kinds = Kinds {
    state_type: StateType::Map,
    started: EventType::MapStateStarted,
    succeeded: EventType::MapStateSucceeded,
    failed: EventType::MapStateFailed,
};

/// Iterations and map runs of the current attempt.
#[derive(Default)]
struct Attempt {
    /// The `MapStateStarted` position this belongs to.
    start: Option<usize>,
    /// Open iterations by index: position of their `MapIterationStarted`.
    open: BTreeMap<Option<i64>, usize>,
    /// Closed iterations by index: position of their closing event.
    closed: BTreeMap<Option<i64>, usize>,
    /// The open map run's `MapRunStarted` position.
    run: Option<usize>,
}

fn check(history: &History, analysis: &Analysis) -> Vec<Violation> {
    let mut current = Attempt::default();
    container::check(history, analysis, &KINDS, RULE.id, |_, position, stage, findings| {
        let event = &history.events[position];
        let ty = &event.event_type;
        let mut report = |message: String, related: Option<usize>| {
            let mut ids = vec![event.id];
            ids.extend(related.map(|p| history.events[p].id));
            findings.push(Violation::error(RULE.id, ids, message));
        };
        if *ty == EventType::MapStateStarted {
            current = Attempt { start: Some(position), ..Attempt::default() };
            return;
        }
        if *ty == EventType::MapRunRedriven {
            current = Attempt { start: Some(position), run: Some(position), ..Attempt::default() };
            return;
        }
        let is_iteration = matches!(
            ty,
            EventType::MapIterationStarted
                | EventType::MapIterationSucceeded
                | EventType::MapIterationFailed
                | EventType::MapIterationAborted
        );
        let is_run = matches!(
            ty,
            EventType::MapRunStarted
                | EventType::MapRunSucceeded
                | EventType::MapRunFailed
                | EventType::MapRunAborted
        );
        let running = match stage {
            Stage::Running(start) => current.start == Some(start),
            _ => false,
        };
        if (is_iteration || is_run) && !running {
            report(format!("{ty} outside a running attempt of the Map state"), None);
            return;
        }
        let index = event.map_index();
        let shown = index.map_or("?".to_owned(), |i| i.to_string());
        match ty {
            EventType::MapIterationStarted => {
                if let Some(&closed) = current.closed.get(&index) {
                    report(
                        format!(
                            "iteration {shown} started again after it ended with {} (event {}) \
                             in the same attempt",
                            history.events[closed].event_type, history.events[closed].id
                        ),
                        Some(closed),
                    );
                }
                if let Some(&earlier) = current.open.get(&index) {
                    report(
                        format!(
                            "iteration {shown} started again while open since event {}",
                            history.events[earlier].id
                        ),
                        Some(earlier),
                    );
                }
                current.closed.remove(&index);
                current.open.insert(index, position);
            }
            EventType::MapIterationSucceeded
            | EventType::MapIterationFailed
            | EventType::MapIterationAborted => {
                if current.open.remove(&index).is_some() {
                    current.closed.insert(index, position);
                } else if let Some(&closed) = current.closed.get(&index) {
                    report(
                        format!(
                            "{ty} of iteration {shown}, which already ended with {} (event {})",
                            history.events[closed].event_type, history.events[closed].id
                        ),
                        Some(closed),
                    );
                } else {
                    report(format!("{ty} of iteration {shown}, which never started"), None);
                }
            }
            EventType::MapRunStarted => {
                if let Some(run) = current.run {
                    report(
                        format!(
                            "MapRunStarted while the map run of event {} is open",
                            history.events[run].id
                        ),
                        Some(run),
                    );
                }
                current.run = Some(position);
            }
            EventType::MapRunSucceeded | EventType::MapRunFailed | EventType::MapRunAborted => {
                let started = current.run.take();
                if started.is_none() {
                    report(format!("{ty} without an open MapRunStarted"), None);
                }
            }
            EventType::MapStateSucceeded if running && current.run.is_some() => {
                let run = current.run.unwrap_or(position);
                report(
                    format!(
                        "MapStateSucceeded while the map run of event {} has not ended",
                        history.events[run].id
                    ),
                    Some(run),
                );
            }
            EventType::MapStateSucceeded if running => {
                if let Some((index, &open)) = current.open.iter().next() {
                    let shown = index.map_or("?".to_owned(), |i| i.to_string());
                    report(
                        format!(
                            "MapStateSucceeded while iteration {shown} (started at event {}) has not ended",
                            history.events[open].id
                        ),
                        Some(open),
                    );
                }
            }
            _ => {}
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::testing::check as run;

    #[test]
    fn flags_unpaired_iterations() {
        let findings = run(
            check,
            "1 0 ExecutionStarted; 2 0 MapStateEntered name=M; 3 2 MapStateStarted; \
             4 3 MapIterationStarted name=M index=0; 5 4 PassStateEntered name=P; \
             6 5 PassStateExited name=P; 7 6 MapIterationSucceeded name=M index=1; \
             8 6 MapStateSucceeded; 9 6 MapStateExited name=M; 10 9 ExecutionSucceeded",
        );
        let messages: Vec<(i64, &str)> =
            findings.iter().map(|v| (v.event_ids[0], v.message.as_str())).collect();
        assert_eq!(
            messages,
            vec![
                (7, "MapIterationSucceeded of iteration 1, which never started"),
                (8, "MapStateSucceeded while iteration 0 (started at event 4) has not ended"),
            ]
        );
    }

    #[test]
    fn flags_an_iteration_run_twice_in_one_attempt() {
        let findings = run(
            check,
            "1 0 ExecutionStarted; 2 0 MapStateEntered name=M; 3 2 MapStateStarted; \
             4 3 MapIterationStarted name=M index=0; 5 4 FailStateEntered name=F; \
             6 5 MapIterationFailed name=M index=0; 7 5 MapIterationStarted name=M index=0; \
             8 7 FailStateEntered name=F; 9 8 MapIterationFailed name=M index=0; \
             10 8 MapStateFailed; 11 10 ExecutionFailed",
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(
            findings[0].message,
            "iteration 0 started again after it ended with MapIterationFailed (event 6) in the \
             same attempt"
        );
    }

    #[test]
    fn accepts_a_map_aborted_by_a_failure_in_another_branch() {
        // Branch 0 fails; the Map in branch 1 and its iteration are aborted, pointing at it.
        let aborted = "1 0 ExecutionStarted; 2 0 ParallelStateEntered name=P; \
            3 2 ParallelStateStarted; 4 3 FailStateEntered name=F; 5 3 MapStateEntered name=M; \
            6 5 MapStateStarted; 7 6 MapIterationStarted name=M index=0; \
            8 7 WaitStateEntered name=W; 9 4 WaitStateAborted; \
            10 4 MapIterationAborted name=M index=0; 11 4 MapStateAborted; \
            12 4 ParallelStateFailed; 13 12 ExecutionFailed";
        assert_eq!(run(check, aborted), vec![]);
    }

    #[test]
    fn flags_success_while_the_map_run_is_open() {
        let findings = run(
            check,
            "1 0 ExecutionStarted; 2 0 MapStateEntered name=M; 3 2 MapStateStarted; \
             4 3 MapRunStarted; 5 4 MapStateSucceeded; 6 4 MapStateExited name=M; \
             7 6 ExecutionSucceeded",
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(
            findings[0].message,
            "MapStateSucceeded while the map run of event 4 has not ended"
        );
    }

    #[test]
    fn flags_a_double_close_and_an_iteration_before_start() {
        let findings = run(
            check,
            "1 0 ExecutionStarted; 2 0 MapStateEntered name=M; \
             3 2 MapIterationStarted name=M index=0; 4 3 MapStateStarted; \
             5 4 MapIterationStarted name=M index=0; 6 5 FailStateEntered name=F; \
             7 6 MapIterationFailed name=M index=0; 8 6 MapIterationAborted name=M index=0; \
             9 6 MapStateFailed; 10 9 ExecutionFailed",
        );
        let messages: Vec<(i64, &str)> =
            findings.iter().map(|v| (v.event_ids[0], v.message.as_str())).collect();
        assert_eq!(
            messages,
            vec![
                (3, "MapIterationStarted outside a running attempt of the Map state"),
                (8, "MapIterationAborted of iteration 0, which already ended with MapIterationFailed (event 7)"),
            ]
        );
    }

    #[test]
    fn accepts_sequential_iterations_a_retry_and_a_map_run() {
        // Sequential iterations: the next MapIterationStarted points inside the previous one;
        // the first attempt fails in iteration 0 and the Map is retried.
        let retried = "1 0 ExecutionStarted; 2 0 MapStateEntered name=M; 3 2 MapStateStarted; \
            4 3 MapIterationStarted name=M index=0; 5 4 FailStateEntered name=F; \
            6 5 MapIterationFailed name=M index=0; 7 5 MapStateStarted; \
            8 7 MapIterationStarted name=M index=0; 9 8 PassStateEntered name=P; \
            10 9 PassStateExited name=P; 11 10 MapIterationSucceeded name=M index=0; \
            12 10 MapIterationStarted name=M index=1; 13 12 PassStateEntered name=P; \
            14 13 PassStateExited name=P; 15 14 MapIterationSucceeded name=M index=1; \
            16 14 MapStateSucceeded; 17 14 MapStateExited name=M; 18 17 ExecutionSucceeded";
        assert_eq!(run(check, retried), vec![]);
        // Items that cannot be evaluated: the Map fails before it starts.
        let items = "1 0 ExecutionStarted; 2 0 MapStateEntered name=M; 3 0 EvaluationFailed; \
            4 3 MapStateFailed; 5 4 ExecutionFailed";
        assert_eq!(run(check, items), vec![]);
        let distributed = "1 0 ExecutionStarted; 2 0 MapStateEntered name=M; 3 2 MapStateStarted; \
            4 3 MapRunStarted; 5 4 MapRunSucceeded; 6 5 MapStateSucceeded; \
            7 4 MapStateExited name=M; 8 7 ExecutionSucceeded";
        assert_eq!(run(check, distributed), vec![]);
        let redriven = "1 0 ExecutionStarted; 2 0 MapStateEntered name=M; 3 2 MapStateStarted; \
            4 3 MapRunStarted; 5 4 MapRunFailed; 6 5 MapStateFailed; 7 6 ExecutionFailed; \
            8 7 ExecutionRedriven; 9 8 MapRunRedriven; 10 9 MapRunSucceeded; \
            11 10 MapStateSucceeded; 12 10 MapStateExited name=M; 13 12 ExecutionSucceeded";
        assert_eq!(run(check, redriven), vec![]);
    }
}
