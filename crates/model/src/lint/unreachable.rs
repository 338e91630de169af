//! `asl.unreachable`: every state can be reached from its scope's `StartAt`.

use super::{reachable, Rule};
use crate::asl::Definition;
use crate::violation::Violation;

/// The rule.
pub const RULE: Rule = Rule {
    id: "asl.unreachable",
    summary: "every state is reachable from StartAt of its scope",
    check,
};

fn check(definition: &Definition, out: &mut Vec<Violation>) {
    for machine in definition.machines() {
        // Without a valid start, asl.start-at-exists reports the scope instead.
        if machine.start_at.as_deref().and_then(|s| machine.state(s)).is_none() {
            continue;
        }
        let seen = reachable(machine);
        for state in &machine.states {
            if !seen.contains(state.name.as_str()) {
                let message = format!(
                    "{}: state {:?} cannot be reached from StartAt {:?}",
                    state.path,
                    state.name,
                    machine.start_at.as_deref().unwrap_or_default()
                );
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
    fn reports_states_no_transition_leads_to() {
        let json = r#"{"StartAt": "A", "States": {
            "A": {"Type": "Pass", "End": true},
            "Island": {"Type": "Pass", "Next": "A"},
            "P": {"Type": "Parallel", "End": true, "Branches": [{"StartAt": "B", "States": {
                "B": {"Type": "Succeed"}, "Lost": {"Type": "Succeed"}}}]}}}"#;
        assert_eq!(
            findings(&RULE, json),
            [
                r#"error States.Island: state "Island" cannot be reached from StartAt "A""#,
                r#"error States.P: state "P" cannot be reached from StartAt "A""#,
                r#"error States.P.Branches[0].States.Lost: state "Lost" cannot be reached from StartAt "B""#,
            ]
        );
    }

    #[test]
    fn accepts_states_reached_through_choices_and_catchers() {
        let json = r#"{"StartAt": "C", "States": {
            "C": {"Type": "Choice", "Choices": [{"Variable": "$.a", "IsNull": true, "Next": "T"}],
                  "Default": "D"},
            "T": {"Type": "Task", "Resource": "r", "End": true,
                  "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}]},
            "D": {"Type": "Succeed"}, "Caught": {"Type": "Fail"}}}"#;
        assert!(findings(&RULE, json).is_empty());
    }
}
