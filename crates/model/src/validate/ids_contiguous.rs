//! `history.ids-contiguous`: event ids are 1, 2, …, N in the order listed.

use super::Rule;
use crate::analysis::Analysis;
use crate::history::History;
use crate::violation::{Severity, Violation};
use std::collections::BTreeSet;

/// The rule.
pub const RULE: Rule = Rule {
    id: "history.ids-contiguous",
    severity: Severity::Error,
    description: "event ids are 1..N in order, none missing",
    check,
};

fn check(history: &History, _: &Analysis) -> Vec<Violation> {
    let mut findings = Vec::new();
    let present: BTreeSet<i64> = history.events.iter().map(|e| e.id).collect();
    // Ids that should be there but are not, reported at the first event after each gap.
    let mut previous = 0;
    for &id in present.iter().filter(|&&id| id > 0) {
        if id > previous + 1 {
            let missing = if id == previous + 2 {
                format!("id {} is missing", previous + 1)
            } else {
                format!("ids {}..{} are missing", previous + 1, id - 1)
            };
            findings.push(Violation::error(RULE.id, vec![id], format!("{missing} before it")));
        }
        previous = id;
    }
    // Ids that are out of place: not positive, or not one more than the event before.
    for (position, event) in history.events.iter().enumerate() {
        if event.id < 1 {
            findings.push(Violation::error(
                RULE.id,
                vec![event.id],
                format!("event at position {} has id {}; ids start at 1", position + 1, event.id),
            ));
        } else if position > 0 && event.id <= history.events[position - 1].id {
            findings.push(Violation::error(
                RULE.id,
                vec![event.id],
                format!(
                    "event at position {} has id {} after id {}; ids must increase",
                    position + 1,
                    event.id,
                    history.events[position - 1].id
                ),
            ));
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::testing::{check as run, GOOD};

    #[test]
    fn flags_missing_and_misplaced_ids() {
        let findings = run(
            check,
            "1 0 ExecutionStarted; 2 0 PassStateEntered name=A; 0 0 PassStateExited name=A; \
             6 2 ExecutionSucceeded",
        );
        let messages: Vec<&str> = findings.iter().map(|v| v.message.as_str()).collect();
        assert_eq!(
            messages,
            vec!["ids 3..5 are missing before it", "event at position 3 has id 0; ids start at 1",]
        );
        assert_eq!(findings[0].event_ids, vec![6]);
    }

    #[test]
    fn flags_a_history_not_starting_at_one() {
        let findings = run(check, "2 0 ExecutionStarted; 3 2 ExecutionSucceeded");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].message, "id 1 is missing before it");
    }

    #[test]
    fn accepts_one_to_n() {
        assert_eq!(run(check, GOOD), vec![]);
    }
}
