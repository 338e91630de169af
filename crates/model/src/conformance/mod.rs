//! Conformance of a recorded run to a state machine definition: every entered state exists
//! in its scope, every transition is an edge, retries stay within their retriers, and so on.
//!
//! Checking a run against the definition it ran proves the history consistent; checking it
//! against a *new* definition is the ASL analogue of replaying workflow histories in CI: a
//! finding means the new definition could not have produced a run the old one did.

mod fail_error;
mod outcome;
mod parallel_branches;
mod retries;
mod retry_attempts;
mod retry_interval;
mod scope_end;
mod scope_match;
mod scopes;
mod start_at;
mod state_type;
mod transition;
mod transitions;
mod unknown_state;

pub use outcome::VisitEnd;
pub use scopes::ScopeMap;
pub use transitions::{classify, Step};

use crate::analysis::{Analysis, StateVisit};
use crate::asl::{Definition, Machine, State};
use crate::event::HistoryEvent;
use crate::event_type::EventType;
use crate::history::History;
use crate::history::Positions;
use crate::scope::ScopeId;
use crate::violation::Violation;

/// One conformance rule: its id and the function that checks a run.
pub struct Rule {
    /// The stable id, e.g. `conformance.transition`.
    pub id: &'static str,
    /// What it checks, in a sentence.
    pub summary: &'static str,
    /// Appends the rule's findings.
    pub check: fn(&Context<'_>, &mut Vec<Violation>),
}

/// Every conformance rule, in the order findings are reported.
pub const RULES: &[Rule] = &[
    scope_match::RULE,
    unknown_state::RULE,
    state_type::RULE,
    start_at::RULE,
    transition::RULE,
    scope_end::RULE,
    retry_attempts::RULE,
    retry_interval::RULE,
    fail_error::RULE,
    parallel_branches::RULE,
];

/// Checks a run against a definition (the one it ran, or a new one to replay it against).
pub fn check(history: &History, analysis: &Analysis, definition: &Definition) -> Vec<Violation> {
    let context = Context::new(history, analysis, definition);
    let mut out = Vec::new();
    for rule in RULES {
        (rule.check)(&context, &mut out);
    }
    out
}

/// What the rules look at: the run, its analysis, the definition and the scope mapping.
pub struct Context<'a> {
    /// The history.
    pub history: &'a History,
    /// Its analysis.
    pub analysis: &'a Analysis,
    /// The definition checked against.
    pub definition: &'a Definition,
    /// Which machine of the definition each scope of the run ran.
    pub scopes: ScopeMap<'a>,
    by_scope: Vec<Vec<&'a StateVisit>>,
    positions: Positions,
}

impl<'a> Context<'a> {
    /// Maps the run's scopes onto the definition.
    pub fn new(history: &'a History, analysis: &'a Analysis, definition: &'a Definition) -> Self {
        let mut by_scope = vec![Vec::new(); analysis.scopes.len()];
        for visit in &analysis.visits {
            if let Some(list) = by_scope.get_mut(visit.scope.0) {
                list.push(visit);
            }
        }
        let first: Vec<Option<&str>> =
            by_scope.iter().map(|v| v.first().map(|v| v.name.as_str())).collect();
        let scopes = ScopeMap::new(analysis, definition, &first);
        Context { history, analysis, definition, scopes, by_scope, positions: history.positions() }
    }

    /// The machine a scope ran, when known.
    pub fn machine(&self, scope: ScopeId) -> Option<&'a Machine> {
        self.scopes.machine(scope)
    }

    /// The definition's state for a visit, when its scope and name are known.
    pub fn state(&self, visit: &StateVisit) -> Option<&'a State> {
        self.machine(visit.scope)?.state(&visit.name)
    }

    /// The event id at a position.
    pub fn id(&self, position: usize) -> i64 {
        self.history.events[position].id
    }

    /// The readable label of a scope (`top`, `Par[branch 1]`).
    pub fn label(&self, scope: ScopeId) -> String {
        self.analysis.scopes.label(scope)
    }

    /// Every scope id of the run.
    pub fn scope_ids(&self) -> impl Iterator<Item = ScopeId> {
        (0..self.analysis.scopes.len()).map(ScopeId)
    }

    /// The `ExecutionFailed` event when `visit` is the last top-level visit of an execution
    /// that failed, i.e. when the visit's failure, if any, ended the execution uncaught.
    pub fn failed_execution_after(&self, visit: &StateVisit) -> Option<&'a HistoryEvent> {
        let terminal = self.history.terminal()?;
        let last = self.visits_in(ScopeId::TOP).last().copied()?;
        (terminal.event_type == EventType::ExecutionFailed && std::ptr::eq(last, visit))
            .then_some(terminal)
    }

    /// The visits of a scope, in the order entered.
    pub fn visits_in(&self, scope: ScopeId) -> &[&'a StateVisit] {
        self.by_scope.get(scope.0).map_or(&[], Vec::as_slice)
    }

    /// The position of an event id in the history.
    pub fn position(&self, id: i64) -> Option<usize> {
        self.positions.get(&id).copied()
    }
}

#[cfg(test)]
mod tests;
