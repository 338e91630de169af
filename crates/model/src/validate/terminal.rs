//! `history.terminal`: at most one terminal execution event per attempt, and nothing after it
//! but `ExecutionRedriven`, which starts a new attempt.

use super::Rule;
use crate::analysis::Analysis;
use crate::event_type::EventType;
use crate::history::History;
use crate::violation::{Severity, Violation};

/// The rule.
pub const RULE: Rule = Rule {
    id: "history.terminal",
    severity: Severity::Error,
    description: "at most one terminal execution event, followed by nothing but \
                  ExecutionRedriven (which only follows a failure, an abort or a time-out)",
    check,
};

fn check(history: &History, _: &Analysis) -> Vec<Violation> {
    let mut findings = Vec::new();
    // The terminal event of the current attempt, by position, and whether an event after it
    // was already reported (one finding per terminal event is enough).
    let mut ended: Option<usize> = None;
    let mut reported = false;
    for (position, event) in history.events.iter().enumerate() {
        let ty = &event.event_type;
        if *ty == EventType::ExecutionRedriven {
            match ended.map(|end| &history.events[end]) {
                None => findings.push(Violation::error(
                    RULE.id,
                    vec![event.id],
                    "ExecutionRedriven while the execution had not ended",
                )),
                Some(terminal) if terminal.event_type == EventType::ExecutionSucceeded => findings
                    .push(Violation::error(
                        RULE.id,
                        vec![event.id, terminal.id],
                        format!(
                            "ExecutionRedriven after ExecutionSucceeded (event {}); only failed, \
                             aborted or timed-out executions can be redriven",
                            terminal.id
                        ),
                    )),
                Some(_) => {}
            }
            ended = None;
            reported = false;
            continue;
        }
        if let Some(end) = ended {
            if !reported {
                let terminal = &history.events[end];
                let what = if ty.is_execution_terminal() {
                    format!("a second terminal event ({ty})")
                } else {
                    format!("{ty}")
                };
                findings.push(Violation::error(
                    RULE.id,
                    vec![event.id, terminal.id],
                    format!(
                        "{what} after the execution ended with {} (event {})",
                        terminal.event_type, terminal.id
                    ),
                ));
                reported = true;
            }
            continue;
        }
        if ty.is_execution_terminal() {
            ended = Some(position);
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::testing::{check as run, GOOD};

    #[test]
    fn flags_events_after_the_end() {
        let findings = run(
            check,
            "1 0 ExecutionStarted; 2 0 ExecutionFailed; 3 2 PassStateEntered name=A; \
             4 3 ExecutionSucceeded",
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].event_ids, vec![3, 2]);
        assert_eq!(
            findings[0].message,
            "PassStateEntered after the execution ended with ExecutionFailed (event 2)"
        );
        let twice = run(check, "1 0 ExecutionStarted; 2 0 ExecutionFailed; 3 2 ExecutionFailed");
        assert_eq!(
            twice[0].message,
            "a second terminal event (ExecutionFailed) after the execution ended with \
             ExecutionFailed (event 2)"
        );
    }

    #[test]
    fn flags_a_redrive_of_a_running_or_succeeded_execution() {
        let running = run(check, "1 0 ExecutionStarted; 2 0 ExecutionRedriven");
        assert_eq!(running.len(), 1);
        let succeeded =
            run(check, "1 0 ExecutionStarted; 2 0 ExecutionSucceeded; 3 2 ExecutionRedriven");
        assert_eq!(succeeded[0].event_ids, vec![3, 2]);
    }

    #[test]
    fn accepts_one_end_a_redrive_and_a_running_execution() {
        assert_eq!(run(check, GOOD), vec![]);
        let redriven = "1 0 ExecutionStarted; 2 0 PassStateEntered name=A; 3 2 ExecutionFailed; \
            4 3 ExecutionRedriven; 5 4 PassStateEntered name=A; 6 5 PassStateExited name=A; \
            7 6 ExecutionSucceeded";
        assert_eq!(run(check, redriven), vec![]);
        assert_eq!(run(check, "1 0 ExecutionStarted; 2 0 WaitStateEntered name=W"), vec![]);
    }
}
