//! `history.timestamps-monotonic`: no event is earlier than the event it follows.

use super::Rule;
use crate::analysis::Analysis;
use crate::history::History;
use crate::violation::{Severity, Violation};

/// The rule.
pub const RULE: Rule = Rule {
    id: "history.timestamps-monotonic",
    severity: Severity::Error,
    description: "no event's timestamp is earlier than that of the event it follows \
                  (previousEventId)",
    check,
};

fn check(history: &History, analysis: &Analysis) -> Vec<Violation> {
    let mut findings = Vec::new();
    for (position, event) in history.events.iter().enumerate() {
        let Some(parent) = analysis.dag.parent(position) else { continue };
        let before = &history.events[parent];
        if event.timestamp < before.timestamp {
            let gap = before.timestamp.duration_since(event.timestamp);
            findings.push(Violation::error(
                RULE.id,
                vec![event.id, before.id],
                format!(
                    "timestamp {} is {:.3}s earlier than that of event {} ({}) it follows",
                    event.timestamp,
                    gap.as_secs_f64(),
                    before.id,
                    before.timestamp
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
    fn flags_time_going_backwards_along_a_link() {
        let findings = run(
            check,
            "1 0 ExecutionStarted t=0; 2 0 PassStateEntered name=A t=5; \
             3 2 PassStateExited name=A t=4.5; 4 3 ExecutionSucceeded t=6",
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].event_ids, vec![3, 2]);
        assert_eq!(
            findings[0].message,
            "timestamp 2023-11-14T22:13:24.5Z is 0.500s earlier than that of event 2 \
             (2023-11-14T22:13:25Z) it follows"
        );
    }

    #[test]
    fn accepts_equal_and_increasing_times_and_unlinked_earlier_events() {
        assert_eq!(run(check, GOOD), vec![]);
        // Event 2 has no link (previousEventId 0), so it is not compared with event 1.
        let unlinked = "1 0 ExecutionStarted t=3; 2 0 PassStateEntered name=A t=1; \
            3 2 PassStateExited name=A t=1; 4 3 ExecutionSucceeded t=4";
        assert_eq!(run(check, unlinked), vec![]);
    }
}
