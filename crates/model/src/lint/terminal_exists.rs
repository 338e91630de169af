//! `asl.terminal-exists`: every scope has at least one terminal state (End, Succeed or Fail).

use super::Rule;
use crate::asl::Definition;
use crate::violation::Violation;

/// The rule.
pub const RULE: Rule = Rule {
    id: "asl.terminal-exists",
    summary: "every scope has a state with End: true, a Succeed or a Fail state",
    check,
};

fn check(definition: &Definition, out: &mut Vec<Violation>) {
    for machine in definition.machines() {
        if !machine.states.iter().any(|s| s.is_terminal()) {
            let message = format!(
                "{}: no state of {} ends it (End: true, Succeed or Fail)",
                machine.field_path("States"),
                machine.label()
            );
            out.push(Violation::error(RULE.id, vec![], message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_util::findings;
    use super::RULE;

    #[test]
    fn reports_scopes_without_an_end() {
        let json = r#"{"StartAt": "A", "States": {
            "A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "A"},
            "M": {"Type": "Map", "Next": "A", "ItemProcessor": {"StartAt": "I", "States": {
                "I": {"Type": "Wait", "Seconds": 1, "Next": "I"}}}}}}"#;
        assert_eq!(
            findings(&RULE, json),
            [
                "error States: no state of the top level ends it (End: true, Succeed or Fail)",
                "error States.M.ItemProcessor.States: no state of States.M.ItemProcessor ends it (End: true, Succeed or Fail)",
            ]
        );
    }

    #[test]
    fn accepts_end_succeed_or_fail() {
        for terminal in
            [r#"{"Type": "Pass", "End": true}"#, r#"{"Type": "Succeed"}"#, r#"{"Type": "Fail"}"#]
        {
            let json = format!(r#"{{"StartAt": "A", "States": {{"A": {terminal}}}}}"#);
            assert!(findings(&RULE, &json).is_empty(), "{terminal}");
        }
    }
}
