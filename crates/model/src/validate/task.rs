//! `lifecycle.task`: service-integration attempts follow Scheduled → Started → (Submitted →)
//! Succeeded | Failed | TimedOut (see [`super::task_lifecycle`]).

use super::{task_lifecycle, Rule};
use crate::analysis::Analysis;
use crate::event_type::TaskFamily;
use crate::history::History;
use crate::violation::{Severity, Violation};

/// The rule.
pub const RULE: Rule = Rule {
    id: "lifecycle.task",
    severity: Severity::Error,
    description: "service task attempts go Scheduled → Started | StartFailed | TimedOut, \
                  Started → Submitted | SubmitFailed | Succeeded | Failed | TimedOut, inside a \
                  Task state, following its chain, closed once",
    check,
};

fn check(history: &History, analysis: &Analysis) -> Vec<Violation> {
    task_lifecycle::check(history, analysis, TaskFamily::Service, RULE.id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::testing::{check as run, GOOD};

    #[test]
    fn flags_success_before_start_and_a_broken_chain() {
        let findings = run(
            check,
            "1 0 ExecutionStarted; 2 0 PassStateEntered name=P; 3 2 PassStateExited name=P; \
             4 3 TaskStateEntered name=T; 5 3 TaskScheduled; 6 5 TaskSucceeded; \
             7 6 TaskStateExited name=T; 8 7 ExecutionSucceeded",
        );
        let messages: Vec<(i64, &str)> =
            findings.iter().map(|v| (v.event_ids[0], v.message.as_str())).collect();
        assert_eq!(
            messages,
            vec![
                (5, "TaskScheduled follows event 3 (PassStateExited), which is not part of state \"T\""),
                (6, "TaskSucceeded before the attempt scheduled at event 5 started"),
                (7, "TaskStateExited while the attempt scheduled at event 5 had not ended"),
            ]
        );
    }

    #[test]
    fn flags_a_task_event_linked_to_nothing() {
        let findings = run(
            check,
            "1 0 ExecutionStarted; 2 0 TaskStateEntered name=T; 3 0 TaskScheduled; \
             4 3 TaskStarted; 5 4 TaskSucceeded; 6 5 TaskStateExited name=T; 7 6 ExecutionSucceeded",
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].message, "TaskScheduled follows no earlier event of state \"T\"");
    }

    #[test]
    fn flags_an_execution_failing_while_the_task_runs() {
        let findings = run(
            check,
            "1 0 ExecutionStarted; 2 0 TaskStateEntered name=T; 3 2 TaskScheduled; \
             4 3 TaskStarted; 5 4 ExecutionFailed",
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].event_ids, vec![5, 3]);
        assert_eq!(
            findings[0].message,
            "ExecutionFailed while the attempt scheduled at event 3 had not ended"
        );
    }

    #[test]
    fn accepts_tasks_cut_short_by_an_abort_or_a_time_out() {
        let aborted = "1 0 ExecutionStarted; 2 0 TaskStateEntered name=T; 3 2 TaskScheduled; \
            4 3 TaskStarted; 5 4 ExecutionAborted";
        assert_eq!(run(check, aborted), vec![]);
        let timed_out = "1 0 ExecutionStarted; 2 0 TaskStateEntered name=T; 3 2 TaskScheduled; \
            4 3 TaskStarted; 5 4 ExecutionTimedOut";
        assert_eq!(run(check, timed_out), vec![]);
    }

    #[test]
    fn accepts_retries_and_callback_tasks() {
        assert_eq!(run(check, GOOD), vec![]);
        let callback = "1 0 ExecutionStarted; 2 0 TaskStateEntered name=T; 3 2 TaskScheduled; \
            4 3 TaskStarted; 5 4 TaskSubmitted; 6 5 TaskTimedOut; 7 6 TaskScheduled; \
            8 7 TaskStartFailed; 9 8 ExecutionFailed";
        assert_eq!(run(check, callback), vec![]);
    }
}
