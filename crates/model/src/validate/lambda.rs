//! `lifecycle.lambda`: legacy Lambda-resource attempts follow Scheduled → Started → Succeeded |
//! Failed | TimedOut (see [`super::task_lifecycle`]).

use super::{task_lifecycle, Rule};
use crate::analysis::Analysis;
use crate::event_type::TaskFamily;
use crate::history::History;
use crate::violation::{Severity, Violation};

/// The rule.
pub const RULE: Rule = Rule {
    id: "lifecycle.lambda",
    severity: Severity::Error,
    description: "LambdaFunction attempts go Scheduled → Started | ScheduleFailed | \
                  StartFailed | TimedOut, Started → Succeeded | Failed | TimedOut, inside a \
                  Task state, closed once",
    check,
};

fn check(history: &History, analysis: &Analysis) -> Vec<Violation> {
    task_lifecycle::check(history, analysis, TaskFamily::Lambda, RULE.id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::testing::check as run;

    #[test]
    fn flags_lambda_events_outside_a_task_state_and_a_second_schedule() {
        let outside = run(
            check,
            "1 0 ExecutionStarted; 2 0 PassStateEntered name=P; 3 2 LambdaFunctionScheduled; \
             4 3 PassStateExited name=P; 5 4 ExecutionSucceeded",
        );
        assert_eq!(outside.len(), 1);
        assert_eq!(outside[0].message, "LambdaFunctionScheduled outside any open Task state");
        let twice = run(
            check,
            "1 0 ExecutionStarted; 2 0 TaskStateEntered name=T; 3 2 LambdaFunctionScheduled; \
             4 3 LambdaFunctionScheduled; 5 4 LambdaFunctionStarted; \
             6 5 LambdaFunctionSucceeded; 7 6 TaskStateExited name=T; 8 7 ExecutionSucceeded",
        );
        assert_eq!(twice.len(), 1);
        assert_eq!(
            twice[0].message,
            "LambdaFunctionScheduled while the attempt scheduled at event 3 is still open"
        );
    }

    #[test]
    fn accepts_a_failed_then_retried_lambda_and_a_start_failure() {
        let retried = "1 0 ExecutionStarted; 2 0 TaskStateEntered name=T; \
            3 2 LambdaFunctionScheduled; 4 3 LambdaFunctionStarted; 5 4 LambdaFunctionFailed; \
            6 5 LambdaFunctionScheduled; 7 6 LambdaFunctionStartFailed; \
            8 7 TaskStateExited name=T; 9 8 ExecutionSucceeded";
        assert_eq!(run(check, retried), vec![]);
    }
}
