//! `asl.next-or-end`: a state other than Choice, Succeed and Fail has exactly one of `Next`
//! and `End: true`; Choice, Succeed and Fail have neither.

use super::Rule;
use crate::asl::{Definition, StateKind};
use crate::violation::Violation;

/// The rule.
pub const RULE: Rule = Rule {
    id: "asl.next-or-end",
    summary: "states other than Choice/Succeed/Fail have exactly one of Next and End: true",
    check,
};

fn check(definition: &Definition, out: &mut Vec<Violation>) {
    for (_, state) in definition.all_states() {
        let own_transition = !matches!(
            state.kind,
            StateKind::Choice { .. } | StateKind::Succeed | StateKind::Fail { .. }
        );
        let message = match (own_transition, state.next.is_some(), state.end) {
            (true, false, false) => format!("{}: needs Next or End: true", state.path),
            (true, true, true) => {
                format!("{}: has both Next and End: true", state.field_path("End"))
            }
            (false, true, _) => {
                format!(
                    "{}: a {} state cannot have Next",
                    state.field_path("Next"),
                    state.type_name()
                )
            }
            (false, false, true) => {
                format!(
                    "{}: a {} state cannot have End",
                    state.field_path("End"),
                    state.type_name()
                )
            }
            _ => continue,
        };
        out.push(Violation::error(RULE.id, vec![], message));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_util::findings;
    use super::RULE;

    #[test]
    fn reports_missing_double_and_forbidden_transitions() {
        let json = r#"{"StartAt": "A", "States": {
            "A": {"Type": "Pass"},
            "B": {"Type": "Pass", "Next": "A", "End": true},
            "C": {"Type": "Succeed", "Next": "A"},
            "D": {"Type": "Fail", "End": true}}}"#;
        assert_eq!(
            findings(&RULE, json),
            [
                "error States.A: needs Next or End: true",
                "error States.B.End: has both Next and End: true",
                "error States.C.Next: a Succeed state cannot have Next",
                "error States.D.End: a Fail state cannot have End",
            ]
        );
    }

    #[test]
    fn accepts_well_formed_transitions() {
        let json = r#"{"StartAt": "A", "States": {
            "A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "End": true},
            "C": {"Type": "Choice", "Choices": [], "Default": "A"}, "D": {"Type": "Fail"}}}"#;
        assert!(findings(&RULE, json).is_empty());
    }
}
