//! `asl.jsonpath-state-name` (warning): a state named like a JSONPath (`$`, `$.x`), which is
//! easily mistaken for a path in `Next` or `Default`.

use super::Rule;
use crate::asl::Definition;
use crate::violation::Violation;

/// The rule.
pub const RULE: Rule = Rule {
    id: "asl.jsonpath-state-name",
    summary: "warns about state names that look like JSONPath expressions",
    check,
};

fn check(definition: &Definition, out: &mut Vec<Violation>) {
    for (_, state) in definition.all_states() {
        let name = state.name.as_str();
        if name == "$" || name.starts_with("$.") || name.starts_with("$[") || name.starts_with("$$")
        {
            let message = format!("{}: state name {name:?} looks like a JSONPath", state.path);
            out.push(Violation::warning(RULE.id, vec![], message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_util::findings;
    use super::RULE;

    #[test]
    fn warns_about_a_path_like_name() {
        let json = r#"{"StartAt": "$.next", "States": {"$.next": {"Type": "Succeed"}}}"#;
        assert_eq!(
            findings(&RULE, json),
            [r#"warning States.$.next: state name "$.next" looks like a JSONPath"#]
        );
    }

    #[test]
    fn accepts_names_with_a_dollar_inside() {
        let json = r#"{"StartAt": "Pay $5", "States": {"Pay $5": {"Type": "Succeed"}}}"#;
        assert!(findings(&RULE, json).is_empty());
    }
}
