//! `asl.retry-catch-fields`: every retrier and catcher names at least one error, a catcher
//! has a `Next`, and retrier values are in the ranges AWS accepts (`IntervalSeconds` ≥ 1,
//! `BackoffRate` ≥ 1.0, `MaxDelaySeconds` ≥ 1, `JitterStrategy` `FULL` or `NONE`).

use super::Rule;
use crate::asl::Definition;
use crate::violation::Violation;

/// The rule.
pub const RULE: Rule = Rule {
    id: "asl.retry-catch-fields",
    summary: "retriers and catchers have ErrorEquals (catchers a Next) and values in range",
    check,
};

fn check(definition: &Definition, out: &mut Vec<Violation>) {
    let mut report = |message: String| out.push(Violation::error(RULE.id, vec![], message));
    for (_, state) in definition.all_states() {
        for retrier in &state.retry {
            let path = &retrier.path;
            if retrier.error_equals.is_empty() {
                report(format!("{path}.ErrorEquals: needs at least one error name"));
            }
            if retrier.interval_seconds < 1.0 || retrier.interval_seconds.fract() != 0.0 {
                let value = retrier.interval_seconds;
                report(format!(
                    "{path}.IntervalSeconds: must be a whole number of at least 1, found {value}"
                ));
            }
            if retrier.backoff_rate < 1.0 {
                let value = retrier.backoff_rate;
                report(format!("{path}.BackoffRate: must be at least 1.0, found {value}"));
            }
            if let Some(value) = retrier.max_delay_seconds.filter(|v| *v < 1.0) {
                report(format!("{path}.MaxDelaySeconds: must be at least 1, found {value}"));
            }
            if let Some(value) =
                retrier.jitter_strategy.as_deref().filter(|v| !matches!(*v, "FULL" | "NONE"))
            {
                report(format!("{path}.JitterStrategy: must be FULL or NONE, found {value:?}"));
            }
        }
        for catcher in &state.catch {
            if catcher.error_equals.is_empty() {
                report(format!("{}.ErrorEquals: needs at least one error name", catcher.path));
            }
            if catcher.next.is_none() {
                report(format!("{}: a catcher needs a Next", catcher.path));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_util::findings;
    use super::RULE;

    #[test]
    fn reports_empty_lists_missing_targets_and_values_out_of_range() {
        let json = r#"{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "r", "End": true,
            "Retry": [{"ErrorEquals": [], "IntervalSeconds": 0, "BackoffRate": 0.5,
                       "MaxDelaySeconds": 0, "JitterStrategy": "SOME"},
                      {"ErrorEquals": ["X"], "IntervalSeconds": 1.5}],
            "Catch": [{"ErrorEquals": []}]}}}"#;
        assert_eq!(
            findings(&RULE, json),
            [
                "error States.A.Retry[0].ErrorEquals: needs at least one error name",
                "error States.A.Retry[0].IntervalSeconds: must be a whole number of at least 1, found 0",
                "error States.A.Retry[0].BackoffRate: must be at least 1.0, found 0.5",
                "error States.A.Retry[0].MaxDelaySeconds: must be at least 1, found 0",
                r#"error States.A.Retry[0].JitterStrategy: must be FULL or NONE, found "SOME""#,
                "error States.A.Retry[1].IntervalSeconds: must be a whole number of at least 1, found 1.5",
                "error States.A.Catch[0].ErrorEquals: needs at least one error name",
                "error States.A.Catch[0]: a catcher needs a Next",
            ]
        );
    }

    #[test]
    fn accepts_defaults_and_values_in_range() {
        let json = r#"{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "r", "End": true,
            "Retry": [{"ErrorEquals": ["X"]},
                      {"ErrorEquals": ["States.ALL"], "IntervalSeconds": 2, "BackoffRate": 1.0,
                       "MaxDelaySeconds": 30, "JitterStrategy": "FULL", "MaxAttempts": 0}],
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "A"}]}}}"#;
        assert!(findings(&RULE, json).is_empty());
    }
}
