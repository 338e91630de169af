//! `history.ids-unique`: no two events share an id.

use super::Rule;
use crate::analysis::Analysis;
use crate::history::History;
use crate::violation::{Severity, Violation};
use std::collections::BTreeMap;

/// The rule.
pub const RULE: Rule = Rule {
    id: "history.ids-unique",
    severity: Severity::Error,
    description: "no two events share an id",
    check,
};

fn check(history: &History, _: &Analysis) -> Vec<Violation> {
    let mut positions: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
    for (position, event) in history.events.iter().enumerate() {
        positions.entry(event.id).or_default().push(position);
    }
    positions
        .into_iter()
        .filter(|(_, at)| at.len() > 1)
        .map(|(id, at)| {
            let places: Vec<String> = at.iter().map(|p| (p + 1).to_string()).collect();
            Violation::error(
                RULE.id,
                vec![id],
                format!("{} events have id {id} (at positions {})", at.len(), places.join(", ")),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::testing::{check as run, GOOD};

    #[test]
    fn flags_a_repeated_id() {
        let findings = run(
            check,
            "1 0 ExecutionStarted; 0 0 PassStateEntered name=A; 0 0 PassStateExited name=A; \
             4 0 ExecutionSucceeded",
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].event_ids, vec![0]);
        assert_eq!(findings[0].message, "2 events have id 0 (at positions 2, 3)");
    }

    #[test]
    fn accepts_distinct_ids() {
        assert_eq!(run(check, GOOD), vec![]);
    }
}
