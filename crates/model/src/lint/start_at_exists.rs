//! `asl.start-at-exists`: every scope has a `StartAt` naming one of its own states.

use super::{defined_elsewhere, Rule};
use crate::asl::Definition;
use crate::violation::Violation;

/// The rule.
pub const RULE: Rule = Rule {
    id: "asl.start-at-exists",
    summary: "StartAt is present and names a state of the same scope",
    check,
};

fn check(definition: &Definition, out: &mut Vec<Violation>) {
    for machine in definition.machines() {
        let path = machine.field_path("StartAt");
        let message = match &machine.start_at {
            None => format!("{path}: missing"),
            Some(name) if machine.state(name).is_some() => continue,
            Some(name) => match defined_elsewhere(definition, name) {
                Some(scope) => format!(
                    "{path}: state {name:?} is not in {}; it is defined in {scope}",
                    machine.label()
                ),
                None => format!("{path}: state {name:?} does not exist"),
            },
        };
        out.push(Violation::error(RULE.id, vec![], message));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_util::findings;
    use super::RULE;

    #[test]
    fn reports_a_missing_or_unknown_start() {
        let json = r#"{"StartAt": "Nope", "States": {
            "P": {"Type": "Parallel", "End": true, "Branches": [
                {"States": {"B": {"Type": "Pass", "End": true}}},
                {"StartAt": "P", "States": {"C": {"Type": "Pass", "End": true}}}]}}}"#;
        assert_eq!(
            findings(&RULE, json),
            [
                r#"error StartAt: state "Nope" does not exist"#,
                "error States.P.Branches[0].StartAt: missing",
                r#"error States.P.Branches[1].StartAt: state "P" is not in States.P.Branches[1]; it is defined in the top level"#,
            ]
        );
    }

    #[test]
    fn accepts_a_start_in_scope() {
        let json = r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#;
        assert!(findings(&RULE, json).is_empty());
    }
}
