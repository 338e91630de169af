//! `lifecycle.activity`: activity attempts follow Scheduled → Started → Succeeded | Failed |
//! TimedOut (see [`super::task_lifecycle`]).

use super::{task_lifecycle, Rule};
use crate::analysis::Analysis;
use crate::event_type::TaskFamily;
use crate::history::History;
use crate::violation::{Severity, Violation};

/// The rule.
pub const RULE: Rule = Rule {
    id: "lifecycle.activity",
    severity: Severity::Error,
    description: "activity attempts go Scheduled → Started | ScheduleFailed | TimedOut, \
                  Started → Succeeded | Failed | TimedOut, inside a Task state, closed once",
    check,
};

fn check(history: &History, analysis: &Analysis) -> Vec<Violation> {
    task_lifecycle::check(history, analysis, TaskFamily::Activity, RULE.id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::testing::check as run;

    const OK: &str = "1 0 ExecutionStarted; 2 0 TaskStateEntered name=T; 3 2 ActivityScheduled; \
        4 3 ActivityStarted; 5 4 ActivityTimedOut; 6 5 ActivityScheduled; 7 6 ActivityStarted; \
        8 7 ActivitySucceeded; 9 8 TaskStateExited name=T; 10 9 ExecutionSucceeded";

    #[test]
    fn flags_a_start_without_schedule_and_a_double_close() {
        let findings = run(
            check,
            "1 0 ExecutionStarted; 2 0 TaskStateEntered name=T; 3 2 ActivityStarted; \
             4 3 ActivityScheduled; 5 4 ActivityStarted; 6 5 ActivitySucceeded; \
             7 6 ActivityFailed; 8 7 TaskStateExited name=T; 9 8 ExecutionSucceeded",
        );
        let messages: Vec<(i64, &str)> =
            findings.iter().map(|v| (v.event_ids[0], v.message.as_str())).collect();
        assert_eq!(
            messages,
            vec![
                (3, "ActivityStarted without a preceding ActivityScheduled"),
                (7, "ActivityFailed after the attempt already ended with ActivitySucceeded (event 6)"),
            ]
        );
    }

    #[test]
    fn flags_an_exit_while_the_activity_runs() {
        let findings = run(
            check,
            "1 0 ExecutionStarted; 2 0 TaskStateEntered name=T; 3 2 ActivityScheduled; \
             4 3 ActivityStarted; 5 4 TaskStateExited name=T; 6 5 ExecutionSucceeded",
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(
            findings[0].message,
            "TaskStateExited while the attempt scheduled at event 3 had not ended"
        );
    }

    #[test]
    fn accepts_a_timed_out_then_retried_activity() {
        assert_eq!(run(check, OK), vec![]);
    }
}
