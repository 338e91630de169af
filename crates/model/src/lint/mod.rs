//! Static checks of a state machine definition, one rule per module, each with a stable id.

mod choice_has_choices;
mod duplicate_state_name;
mod inescapable_cycle;
mod jsonpath_state_name;
mod next_exists;
mod next_or_end;
mod retry_catch_fields;
mod start_at_exists;
mod states_all_last;
mod task_resource;
mod terminal_exists;
mod unreachable;

use crate::asl::Definition;
use crate::violation::Violation;

/// One lint rule: its id and the function that checks a definition.
pub struct Rule {
    /// The stable id, e.g. `asl.next-exists`.
    pub id: &'static str,
    /// What it checks, in a sentence.
    pub summary: &'static str,
    /// Appends the rule's findings.
    pub check: fn(&Definition, &mut Vec<Violation>),
}

/// Every lint rule, in the order findings are reported.
pub const RULES: &[Rule] = &[
    start_at_exists::RULE,
    next_exists::RULE,
    next_or_end::RULE,
    unreachable::RULE,
    terminal_exists::RULE,
    choice_has_choices::RULE,
    states_all_last::RULE,
    retry_catch_fields::RULE,
    task_resource::RULE,
    duplicate_state_name::RULE,
    inescapable_cycle::RULE,
    jsonpath_state_name::RULE,
];

/// Runs every rule. Findings have no event ids; each message starts with the JSON path of the
/// offending field (`States.A.Next: …`).
pub fn lint(definition: &Definition) -> Vec<Violation> {
    let mut out = Vec::new();
    for rule in RULES {
        (rule.check)(definition, &mut out);
    }
    out
}

/// Where a state name is defined anywhere in the definition, for hints in messages.
fn defined_elsewhere(definition: &Definition, name: &str) -> Option<String> {
    definition
        .machines()
        .into_iter()
        .find(|m| m.state(name).is_some())
        .map(|m| m.label().to_owned())
}

#[cfg(test)]
mod test_util {
    use crate::asl::Definition;
    use crate::violation::Violation;

    /// Runs one rule on a definition and returns `severity rule: message` lines.
    pub fn findings(rule: &super::Rule, json: &str) -> Vec<String> {
        let definition = Definition::parse(json.as_bytes()).expect("test definitions parse");
        let mut out: Vec<Violation> = Vec::new();
        (rule.check)(&definition, &mut out);
        assert!(out.iter().all(|v| v.rule == rule.id && v.event_ids.is_empty()));
        out.into_iter().map(|v| format!("{} {}", v.severity, v.message)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recorded_fixture_definitions_are_clean() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/asl");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.to_string_lossy().ends_with(".asl.json") {
                let definition = Definition::parse(&std::fs::read(&path).unwrap()).unwrap();
                assert_eq!(lint(&definition), vec![], "{}", path.display());
            }
        }
    }

    #[test]
    fn rule_ids_are_unique_and_prefixed() {
        let mut ids: Vec<_> = RULES.iter().map(|r| r.id).collect();
        assert!(ids.iter().all(|id| id.starts_with("asl.")));
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
    }
}

/// The names of the states reachable from `StartAt` through any edge of the same scope.
fn reachable(machine: &crate::asl::Machine) -> std::collections::HashSet<&str> {
    let mut seen = std::collections::HashSet::new();
    let mut stack: Vec<&str> = machine.start_at.as_deref().into_iter().collect();
    while let Some(name) = stack.pop() {
        let Some(state) = machine.state(name) else { continue };
        if !seen.insert(state.name.as_str()) {
            continue;
        }
        for edge in state.edges() {
            if let Some(target) = machine.state(&edge.target) {
                stack.push(target.name.as_str());
            }
        }
    }
    seen
}
