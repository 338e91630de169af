//! `history.previous-event`: `previousEventId` is 0 or the id of an earlier event.

use super::Rule;
use crate::analysis::Analysis;
use crate::history::History;
use crate::violation::{Severity, Violation};
use std::collections::HashMap;

/// The rule.
pub const RULE: Rule = Rule {
    id: "history.previous-event",
    severity: Severity::Error,
    description: "previousEventId is 0 or the id of an earlier event in the history (not \
                  itself, not a later one, not a missing one)",
    check,
};

fn check(history: &History, _: &Analysis) -> Vec<Violation> {
    let mut first_position: HashMap<i64, usize> = HashMap::new();
    for (position, event) in history.events.iter().enumerate() {
        first_position.entry(event.id).or_insert(position);
    }
    let mut findings = Vec::new();
    for (position, event) in history.events.iter().enumerate() {
        let (id, prev) = (event.id, event.previous_event_id);
        let problem = if prev == 0 {
            None
        } else if prev < 0 {
            Some(format!("previousEventId {prev} is negative"))
        } else if prev == id {
            Some(format!("previousEventId {prev} points at the event itself"))
        } else if prev > id {
            Some(format!("previousEventId {prev} points forward to a later id"))
        } else {
            match first_position.get(&prev) {
                None => Some(format!(
                    "previousEventId {prev} names an event that is not in the history"
                )),
                Some(&at) if at > position => {
                    Some(format!("previousEventId {prev} names an event listed after this one"))
                }
                Some(_) => None,
            }
        };
        if let Some(message) = problem {
            findings.push(Violation::error(RULE.id, vec![id, prev], message));
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::testing::{check as run, GOOD};

    #[test]
    fn flags_forward_self_and_missing_links() {
        let findings = run(
            check,
            "1 0 ExecutionStarted; 2 0 PassStateEntered name=A; 3 3 PassStateExited name=A; \
             4 9 PassStateEntered name=B; 5 7 PassStateExited name=B; 7 5 ExecutionSucceeded",
        );
        let messages: Vec<(i64, &str)> =
            findings.iter().map(|v| (v.event_ids[0], v.message.as_str())).collect();
        assert_eq!(
            messages,
            vec![
                (3, "previousEventId 3 points at the event itself"),
                (4, "previousEventId 9 points forward to a later id"),
                (5, "previousEventId 7 points forward to a later id"),
            ]
        );
        let missing = run(check, "1 0 ExecutionStarted; 3 2 ExecutionSucceeded");
        assert_eq!(
            missing[0].message,
            "previousEventId 2 names an event that is not in the history"
        );
    }

    #[test]
    fn accepts_zero_and_earlier_ids() {
        assert_eq!(run(check, GOOD), vec![]);
    }
}
