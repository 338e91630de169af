//! `asl.next-exists`: every `Next`, Choice target, `Default` and `Catch.Next` names a state of
//! the same scope.

use super::{defined_elsewhere, Rule};
use crate::asl::Definition;
use crate::violation::Violation;

/// The rule.
pub const RULE: Rule = Rule {
    id: "asl.next-exists",
    summary: "Next, Choices[].Next, Default and Catch[].Next name a state of the same scope",
    check,
};

fn check(definition: &Definition, out: &mut Vec<Violation>) {
    for machine in definition.machines() {
        for state in &machine.states {
            for edge in state.edges() {
                if machine.state(&edge.target).is_some() {
                    continue;
                }
                let name = &edge.target;
                let message = match defined_elsewhere(definition, name) {
                    Some(scope) => format!(
                        "{}: state {name:?} is not in {}; it is defined in {scope}",
                        edge.path,
                        machine.label()
                    ),
                    None => format!("{}: state {name:?} does not exist", edge.path),
                };
                out.push(Violation::error(RULE.id, vec![], message));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_util::findings;
    use super::RULE;

    #[test]
    fn reports_targets_that_do_not_exist_in_scope() {
        let json = r#"{"StartAt": "A", "States": {
            "A": {"Type": "Task", "Resource": "r", "Next": "Missing",
                  "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Inner"}]},
            "C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsNull": true, "Next": "Gone"}],
                  "Default": "Away"},
            "P": {"Type": "Parallel", "End": true, "Branches": [
                {"StartAt": "Inner", "States": {"Inner": {"Type": "Pass", "End": true}}}]}}}"#;
        assert_eq!(
            findings(&RULE, json),
            [
                r#"error States.A.Next: state "Missing" does not exist"#,
                r#"error States.A.Catch[0].Next: state "Inner" is not in the top level; it is defined in States.P.Branches[0]"#,
                r#"error States.C.Choices[0].Next: state "Gone" does not exist"#,
                r#"error States.C.Default: state "Away" does not exist"#,
            ]
        );
    }

    #[test]
    fn accepts_targets_in_scope() {
        let json = r#"{"StartAt": "A", "States": {
            "A": {"Type": "Task", "Resource": "r", "Next": "B",
                  "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "B"}]},
            "B": {"Type": "Succeed"}}}"#;
        assert!(findings(&RULE, json).is_empty());
    }
}
