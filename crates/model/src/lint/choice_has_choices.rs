//! `asl.choice-has-choices`: a Choice state has a non-empty `Choices` list, each with a `Next`.

use super::Rule;
use crate::asl::{Definition, StateKind};
use crate::violation::Violation;

/// The rule.
pub const RULE: Rule = Rule {
    id: "asl.choice-has-choices",
    summary: "a Choice state has at least one rule in Choices, each with a Next",
    check,
};

fn check(definition: &Definition, out: &mut Vec<Violation>) {
    for (_, state) in definition.all_states() {
        let StateKind::Choice { choices, .. } = &state.kind else { continue };
        if choices.is_empty() {
            let message =
                format!("{}: a Choice state needs at least one rule", state.field_path("Choices"));
            out.push(Violation::error(RULE.id, vec![], message));
        }
        for rule in choices.iter().filter(|r| r.next.is_none()) {
            let message = format!("{}: a choice rule needs a Next", rule.path);
            out.push(Violation::error(RULE.id, vec![], message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_util::findings;
    use super::RULE;

    #[test]
    fn reports_missing_empty_and_targetless_choices() {
        let json = r#"{"StartAt": "A", "States": {
            "A": {"Type": "Choice", "Default": "B"},
            "B": {"Type": "Choice", "Choices": [], "Default": "C"},
            "C": {"Type": "Choice", "Choices": [{"Variable": "$.a", "IsNull": true}], "Default": "D"},
            "D": {"Type": "Succeed"}}}"#;
        assert_eq!(
            findings(&RULE, json),
            [
                "error States.A.Choices: a Choice state needs at least one rule",
                "error States.B.Choices: a Choice state needs at least one rule",
                "error States.C.Choices[0]: a choice rule needs a Next",
            ]
        );
    }

    #[test]
    fn accepts_choices_with_targets() {
        let json = r#"{"StartAt": "A", "States": {
            "A": {"Type": "Choice", "Choices": [{"Not": {"Variable": "$.a", "IsNull": true}, "Next": "D"}]},
            "D": {"Type": "Succeed"}}}"#;
        assert!(findings(&RULE, json).is_empty());
    }
}
