//! `lifecycle.parallel`: Parallel visits go Entered → Started → branches → Succeeded | Failed |
//! Aborted → Exited; a retry starts again with a new `ParallelStateStarted`.

use super::container::{self, Kinds};
use super::Rule;
use crate::analysis::Analysis;
use crate::event_type::{EventType, StateType};
use crate::history::History;
use crate::violation::{Severity, Violation};

/// The rule.
pub const RULE: Rule = Rule {
    id: "lifecycle.parallel",
    severity: Severity::Error,
    description: "Parallel states go Entered → Started → branches → Succeeded | Failed | \
                  Aborted → Exited (a retry starts again)",
    check,
};

const KINDS: Kinds = Kinds {
    state_type: StateType::Parallel,
    started: EventType::ParallelStateStarted,
    succeeded: EventType::ParallelStateSucceeded,
    failed: EventType::ParallelStateFailed,
};

fn check(history: &History, analysis: &Analysis) -> Vec<Violation> {
    container::check(history, analysis, &KINDS, RULE.id, |_, _, _, _| {})
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::testing::check as run;

    #[test]
    fn flags_an_exit_without_success_and_a_double_close() {
        // As LocalStack's masking leaves it: ParallelStateSucceeded dropped.
        let dropped = run(
            check,
            "1 0 ExecutionStarted; 2 0 ParallelStateEntered name=P; 3 2 ParallelStateStarted; \
             4 3 PassStateEntered name=A; 5 4 PassStateExited name=A; \
             6 5 ParallelStateExited name=P; 7 6 ExecutionSucceeded",
        );
        assert_eq!(dropped.len(), 1);
        assert_eq!(
            dropped[0].message,
            "ParallelStateExited while the attempt started at event 3 has neither \
             ParallelStateSucceeded nor ParallelStateFailed"
        );
        let twice = run(
            check,
            "1 0 ExecutionStarted; 2 0 ParallelStateEntered name=P; 3 2 ParallelStateStarted; \
             4 3 PassStateEntered name=A; 5 4 PassStateExited name=A; 6 5 ParallelStateSucceeded; \
             7 5 ParallelStateFailed; 8 5 ParallelStateExited name=P; 9 8 ExecutionSucceeded",
        );
        assert_eq!(twice.len(), 1);
        assert_eq!(twice[0].event_ids, vec![7, 6]);
    }

    #[test]
    fn flags_a_parallel_event_linked_outside_its_state() {
        let findings = run(
            check,
            "1 0 ExecutionStarted; 2 0 ParallelStateEntered name=P; 3 0 ParallelStateStarted; \
             4 3 PassStateEntered name=A; 5 4 PassStateExited name=A; 6 5 ParallelStateSucceeded; \
             7 5 ParallelStateExited name=P; 8 7 ExecutionSucceeded",
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(
            findings[0].message,
            "ParallelStateStarted follows no event, not an event of Parallel state \"P\" or of \
             its branches or iterations"
        );
    }

    #[test]
    fn flags_parallel_events_outside_a_parallel_state() {
        let findings =
            run(check, "1 0 ExecutionStarted; 2 0 ParallelStateStarted; 3 2 ExecutionFailed");
        assert_eq!(findings[0].message, "ParallelStateStarted outside any open Parallel state");
    }

    #[test]
    fn accepts_two_branches_and_a_retry() {
        let two = "1 0 ExecutionStarted; 2 0 ParallelStateEntered name=P; 3 2 ParallelStateStarted; \
            4 3 PassStateEntered name=A; 5 3 PassStateEntered name=B; 6 4 PassStateExited name=A; \
            7 5 PassStateExited name=B; 8 7 ParallelStateSucceeded; 9 7 ParallelStateExited name=P; \
            10 9 ExecutionSucceeded";
        assert_eq!(run(check, two), vec![]);
        let retry = "1 0 ExecutionStarted; 2 0 ParallelStateEntered name=P; \
            3 2 ParallelStateStarted; 4 3 FailStateEntered name=F; 5 4 ParallelStateStarted; \
            6 5 FailStateEntered name=F; 7 6 ParallelStateFailed; 8 7 ExecutionFailed";
        assert_eq!(run(check, retry), vec![]);
    }
}
