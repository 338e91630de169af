//! `asl.task-resource`: a Task state has a `Resource`.

use super::Rule;
use crate::asl::{Definition, StateKind};
use crate::violation::Violation;

/// The rule.
pub const RULE: Rule =
    Rule { id: "asl.task-resource", summary: "a Task state has a Resource", check };

fn check(definition: &Definition, out: &mut Vec<Violation>) {
    for (_, state) in definition.all_states() {
        if let StateKind::Task { resource } = &state.kind {
            if resource.as_deref().is_none_or(str::is_empty) {
                let message =
                    format!("{}: a Task state needs a Resource", state.field_path("Resource"));
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
    fn reports_a_task_without_resource() {
        let json = r#"{"StartAt": "A", "States": {"A": {"Type": "Task", "End": true}}}"#;
        assert_eq!(
            findings(&RULE, json),
            ["error States.A.Resource: a Task state needs a Resource"]
        );
    }

    #[test]
    fn accepts_a_task_with_resource() {
        let json = r#"{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}"#;
        assert!(findings(&RULE, json).is_empty());
    }
}
