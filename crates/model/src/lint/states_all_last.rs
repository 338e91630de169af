//! `asl.states-all-last`: `States.ALL` appears alone in its `ErrorEquals` and only in the last
//! retrier or catcher.

use super::Rule;
use crate::asl::Definition;
use crate::violation::Violation;

/// The rule.
pub const RULE: Rule = Rule {
    id: "asl.states-all-last",
    summary: "States.ALL is alone in ErrorEquals and in the last Retry/Catch element",
    check,
};

fn check(definition: &Definition, out: &mut Vec<Violation>) {
    for (_, state) in definition.all_states() {
        let lists = [
            ("retrier", state.retry.iter().map(|r| (&r.path, &r.error_equals)).collect::<Vec<_>>()),
            ("catcher", state.catch.iter().map(|c| (&c.path, &c.error_equals)).collect()),
        ];
        for (what, list) in lists {
            for (i, (path, errors)) in list.iter().enumerate() {
                if !errors.iter().any(|e| e == "States.ALL") {
                    continue;
                }
                if errors.len() > 1 {
                    let message =
                        format!("{path}.ErrorEquals: States.ALL must be the only error name");
                    out.push(Violation::error(RULE.id, vec![], message));
                }
                if i + 1 < list.len() {
                    let message =
                        format!("{path}.ErrorEquals: States.ALL must be in the last {what}");
                    out.push(Violation::error(RULE.id, vec![], message));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_util::findings;
    use super::RULE;

    #[test]
    fn reports_states_all_not_alone_or_not_last() {
        let json = r#"{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "r", "End": true,
            "Retry": [{"ErrorEquals": ["States.ALL"]}, {"ErrorEquals": ["X"]}],
            "Catch": [{"ErrorEquals": ["X", "States.ALL"], "Next": "A"}]}}}"#;
        assert_eq!(
            findings(&RULE, json),
            [
                "error States.A.Retry[0].ErrorEquals: States.ALL must be in the last retrier",
                "error States.A.Catch[0].ErrorEquals: States.ALL must be the only error name",
            ]
        );
    }

    #[test]
    fn accepts_states_all_alone_and_last() {
        let json = r#"{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "r", "End": true,
            "Retry": [{"ErrorEquals": ["X"]}, {"ErrorEquals": ["States.ALL"]}],
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "A"}]}}}"#;
        assert!(findings(&RULE, json).is_empty());
    }
}
