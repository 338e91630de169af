//! Lifecycle validation of a history: one rule per module, each returning findings as data.
//!
//! [`validate`] runs every rule of [`RULES`] and sorts the findings by their first event id.
//! Rule ids are stable: tools and CI configurations may refer to them.

mod activity;
mod container;
mod execution_started;
mod ids_contiguous;
mod ids_unique;
mod lambda;
mod map;
mod parallel;
mod previous_event;
mod state_chain;
mod state_pairing;
mod task;
mod task_lifecycle;
mod terminal;
mod timestamps;

#[cfg(test)]
pub(crate) mod testing;

use crate::analysis::Analysis;
use crate::history::History;
use crate::violation::{Severity, Violation};

/// One lifecycle rule: its stable id, its severity, what it checks, and the check itself.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// The stable id, e.g. `history.ids-unique`.
    pub id: &'static str,
    /// The severity of its findings.
    pub severity: Severity,
    /// What the rule checks, in one line.
    pub description: &'static str,
    /// Runs the rule.
    pub check: fn(&History, &Analysis) -> Vec<Violation>,
}

/// Every lifecycle rule, in the order they are documented (docs/events.md).
pub const RULES: &[Rule] = &[
    ids_unique::RULE,
    ids_contiguous::RULE,
    previous_event::RULE,
    execution_started::RULE,
    terminal::RULE,
    timestamps::RULE,
    activity::RULE,
    task::RULE,
    lambda::RULE,
    state_pairing::RULE,
    state_chain::RULE,
    parallel::RULE,
    map::RULE,
];

/// Runs every rule on a history and its analysis; findings are sorted by first event id
/// (findings without an event first), then by rule order.
pub fn validate(history: &History, analysis: &Analysis) -> Vec<Violation> {
    let mut findings: Vec<(usize, Violation)> = Vec::new();
    for (order, rule) in RULES.iter().enumerate() {
        findings.extend((rule.check)(history, analysis).into_iter().map(|v| (order, v)));
    }
    findings.sort_by_key(|(order, v)| (v.event_id(), *order));
    findings.into_iter().map(|(_, v)| v).collect()
}

/// True when a finding list holds at least one error.
pub fn has_errors(findings: &[Violation]) -> bool {
    findings.iter().any(|v| v.severity == Severity::Error)
}

#[cfg(test)]
mod tests {
    use super::testing::{history, GOOD};
    use super::*;

    #[test]
    fn rule_ids_are_unique_and_namespaced() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        assert!(ids.iter().all(|id| id.starts_with("history.") || id.starts_with("lifecycle.")));
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
    }

    #[test]
    fn a_good_history_has_no_findings() {
        let h = history(GOOD);
        assert_eq!(validate(&h, &Analysis::new(&h)), vec![]);
    }

    #[test]
    fn a_redriven_history_has_no_findings() {
        let h = history(
            "1 0 ExecutionStarted; 2 0 TaskStateEntered name=T; 3 2 TaskScheduled; \
             4 3 TaskStarted; 5 4 TaskFailed; 6 5 ExecutionFailed; 7 6 ExecutionRedriven; \
             8 7 TaskStateEntered name=T; 9 8 TaskScheduled; 10 9 TaskStarted; \
             11 10 TaskSucceeded; 12 11 TaskStateExited name=T; 13 12 ExecutionSucceeded",
        );
        assert_eq!(validate(&h, &Analysis::new(&h)), vec![]);
    }

    #[test]
    fn aborts_pointing_at_a_failure_in_another_branch_have_no_findings() {
        let h = history(
            "1 0 ExecutionStarted; 2 0 ParallelStateEntered name=P; 3 2 ParallelStateStarted; \
             4 3 FailStateEntered name=F; 5 3 MapStateEntered name=M; 6 5 MapStateStarted; \
             7 6 MapIterationStarted name=M index=0; 8 7 TaskStateEntered name=T; \
             9 8 TaskScheduled; 10 9 TaskStarted; 11 4 TaskStateAborted; \
             12 4 MapIterationAborted name=M index=0; 13 4 MapStateAborted; \
             14 4 ParallelStateFailed; 15 14 ExecutionFailed",
        );
        assert_eq!(validate(&h, &Analysis::new(&h)), vec![]);
    }

    #[test]
    fn findings_are_sorted_by_event_id() {
        let h = history(
            "1 0 ExecutionStarted; 2 0 PassStateEntered name=A; 3 2 PassStateExited name=B; \
             5 3 ExecutionSucceeded",
        );
        let findings = validate(&h, &Analysis::new(&h));
        let ids: Vec<Option<i64>> = findings.iter().map(|v| v.event_id()).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted);
        assert!(has_errors(&findings));
        let rules: Vec<&str> = findings.iter().map(|v| v.rule).collect();
        assert!(rules.contains(&"history.ids-contiguous"), "{rules:?}");
        assert!(rules.contains(&"lifecycle.state-pairing"), "{rules:?}");
    }
}
