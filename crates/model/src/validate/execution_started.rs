//! `history.execution-started`: exactly one `ExecutionStarted`, and it is the first event.

use super::Rule;
use crate::analysis::Analysis;
use crate::event_type::EventType;
use crate::history::History;
use crate::violation::{Severity, Violation};

/// The rule.
pub const RULE: Rule = Rule {
    id: "history.execution-started",
    severity: Severity::Error,
    description: "exactly one ExecutionStarted event, and it is the first event",
    check,
};

fn check(history: &History, _: &Analysis) -> Vec<Violation> {
    let mut findings = Vec::new();
    let started: Vec<usize> = (0..history.events.len())
        .filter(|&p| history.events[p].event_type == EventType::ExecutionStarted)
        .collect();
    match started.first() {
        None => {
            let first = history.events.first().map(|e| e.id);
            findings.push(Violation::error(
                RULE.id,
                first.into_iter().collect(),
                "the history has no ExecutionStarted event",
            ));
        }
        Some(&position) if position != 0 => {
            let first = &history.events[0];
            findings.push(Violation::error(
                RULE.id,
                vec![first.id, history.events[position].id],
                format!(
                    "the first event is {}, not ExecutionStarted (which comes at position {})",
                    first.event_type,
                    position + 1
                ),
            ));
        }
        Some(_) => {}
    }
    for &position in started.iter().skip(1) {
        findings.push(Violation::error(
            RULE.id,
            vec![history.events[position].id, history.events[started[0]].id],
            format!(
                "a second ExecutionStarted event (the first is event {})",
                history.events[started[0]].id
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
    fn flags_missing_late_and_repeated_starts() {
        let none = run(check, "1 0 PassStateEntered name=A; 2 1 PassStateExited name=A");
        assert_eq!(none[0].message, "the history has no ExecutionStarted event");
        let late = run(check, "1 0 PassStateEntered name=A; 2 0 ExecutionStarted");
        assert_eq!(
            late[0].message,
            "the first event is PassStateEntered, not ExecutionStarted (which comes at position 2)"
        );
        let twice = run(check, "1 0 ExecutionStarted; 2 0 ExecutionStarted");
        assert_eq!(twice.len(), 1);
        assert_eq!(twice[0].event_ids, vec![2, 1]);
    }

    #[test]
    fn accepts_one_start_first() {
        assert_eq!(run(check, GOOD), vec![]);
    }
}
