//! `asl.duplicate-state-name`: state names are unique across the whole definition, nested
//! scopes included (AWS rejects a name used twice).

use super::Rule;
use crate::asl::Definition;
use crate::violation::Violation;
use std::collections::HashMap;

/// The rule.
pub const RULE: Rule = Rule {
    id: "asl.duplicate-state-name",
    summary: "no state name is used twice across nested scopes",
    check,
};

fn check(definition: &Definition, out: &mut Vec<Violation>) {
    let mut first: HashMap<&str, &str> = HashMap::new();
    for (_, state) in definition.all_states() {
        match first.get(state.name.as_str()) {
            Some(earlier) => {
                let message = format!(
                    "{}: state name {:?} is already used at {earlier}",
                    state.path, state.name
                );
                out.push(Violation::error(RULE.id, vec![], message));
            }
            None => {
                first.insert(&state.name, &state.path);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_util::findings;
    use super::RULE;

    #[test]
    fn reports_a_name_reused_in_a_nested_scope() {
        let json = r#"{"StartAt": "A", "States": {
            "A": {"Type": "Parallel", "End": true, "Branches": [
                {"StartAt": "A", "States": {"A": {"Type": "Succeed"}}},
                {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}},
                {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}]}}}"#;
        assert_eq!(
            findings(&RULE, json),
            [
                r#"error States.A.Branches[0].States.A: state name "A" is already used at States.A"#,
                r#"error States.A.Branches[2].States.B: state name "B" is already used at States.A.Branches[1].States.B"#,
            ]
        );
    }

    #[test]
    fn accepts_distinct_names() {
        let json = r#"{"StartAt": "A", "States": {
            "A": {"Type": "Parallel", "End": true, "Branches": [
                {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}]}}}"#;
        assert!(findings(&RULE, json).is_empty());
    }
}
