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
    // Ids that are not positive: one finding for all of them.
    let below: Vec<usize> =
        (0..history.events.len()).filter(|&p| history.events[p].id < 1).collect();
    if let Some(&first) = below.first() {
        let places: Vec<String> = below.iter().map(|p| (p + 1).to_string()).collect();
        let what = if below.len() == 1 {
            format!("the event at position {} has id {}", first + 1, history.events[first].id)
        } else {
            format!("{} events have ids below 1 (at positions {})", below.len(), places.join(", "))
        };
        findings.push(Violation::error(
            RULE.id,
            vec![history.events[first].id],
            format!("{what}; ids start at 1"),
        ));
    }
    // Ids listed out of order: the first place, and how many more there are.
    let disorder: Vec<usize> = (1..history.events.len())
        .filter(|&p| history.events[p].id >= 1 && history.events[p].id <= history.events[p - 1].id)
        .collect();
    if let Some(&first) = disorder.first() {
        let more = match disorder.len() - 1 {
            0 => String::new(),
            n => format!(" ({n} more place{} like this)", if n == 1 { "" } else { "s" }),
        };
        findings.push(Violation::error(
            RULE.id,
            vec![history.events[first].id],
            format!(
                "the event at position {} has id {} after id {}; ids must increase{more}",
                first + 1,
                history.events[first].id,
                history.events[first - 1].id
            ),
        ));
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
            vec![
                "ids 3..5 are missing before it",
                "the event at position 3 has id 0; ids start at 1",
            ]
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
    fn flags_ids_out_of_order_once() {
        let findings = run(
            check,
            "1 0 ExecutionStarted; 3 0 PassStateEntered name=A; 2 0 PassStateExited name=A; \
             5 3 PassStateEntered name=B; 4 3 PassStateExited name=B; 6 4 ExecutionSucceeded",
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(
            findings[0].message,
            "the event at position 3 has id 2 after id 3; ids must increase (1 more place like this)"
        );
    }

    #[test]
    fn accepts_one_to_n() {
        assert_eq!(run(check, GOOD), vec![]);
    }
}
