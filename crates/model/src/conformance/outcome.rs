//! How a visit and each of its attempts ended, and the error name of a failure.
//!
//! Task failures carry their error in the closing event. `ParallelStateFailed` and
//! `MapStateFailed` carry none (in AWS as in the emulator), and a retried Parallel/Map attempt
//! has no closing event at all, so their error is looked up inside the attempt: the last
//! failure in a nested scope whose visit never exited, either an event with an error name or
//! a Fail state whose `Error` the definition gives.

use super::Context;
use crate::analysis::{Attempt, AttemptOutcome, StateVisit};
use crate::asl::StateKind;
use crate::event_type::EventType;

/// How a visit ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VisitEnd {
    /// Neither exited nor aborted (the history ends first).
    Open,
    /// Left normally, through `Next`, a Choice target or `Default` (or the end of its scope).
    Exited,
    /// Its last attempt failed or timed out (or it failed evaluating); the error name when known.
    Failed(Option<String>),
    /// Aborted because something else failed or the execution stopped.
    Aborted,
}

impl Context<'_> {
    /// How a visit ended.
    pub fn visit_end(&self, visit: &StateVisit) -> VisitEnd {
        if let Some(last) = visit.attempts.last() {
            if matches!(last.outcome, AttemptOutcome::Failed | AttemptOutcome::TimedOut) {
                return VisitEnd::Failed(self.attempt_error(visit, visit.attempts.len() - 1));
            }
        }
        let evaluation = visit
            .events
            .iter()
            .find(|&&p| self.history.events[p].event_type == EventType::EvaluationFailed);
        if let Some(&position) = evaluation {
            return VisitEnd::Failed(self.history.events[position].error().map(str::to_owned));
        }
        if visit.aborted.is_some() {
            VisitEnd::Aborted
        } else if visit.exited.is_some() {
            VisitEnd::Exited
        } else if visit.state_type == crate::event_type::StateType::Fail {
            VisitEnd::Failed(self.fail_state_error(visit))
        } else {
            VisitEnd::Open
        }
    }

    /// The error name that ended attempt `index` of a visit, when it can be told.
    pub fn attempt_error(&self, visit: &StateVisit, index: usize) -> Option<String> {
        let attempt: &Attempt = visit.attempts.get(index)?;
        if let Some(end) = attempt.end {
            let event = &self.history.events[end];
            if let Some(error) = event.error() {
                return Some(error.to_owned());
            }
            if attempt.outcome == AttemptOutcome::TimedOut {
                return Some("States.Timeout".to_owned());
            }
        }
        // A Parallel or Map attempt: look inside its nested scopes.
        let until = visit
            .attempts
            .get(index + 1)
            .map(|a| a.begin)
            .or(attempt.end)
            .or(visit.closed_at())
            .unwrap_or(self.history.events.len());
        let scopes = &self.analysis.scopes;
        (attempt.begin + 1..until.min(self.history.events.len())).rev().find_map(|position| {
            let scope = self.analysis.event_scope[position];
            if scope == visit.scope || !scopes.is_within(scope, visit.scope) {
                return None;
            }
            let inner = &self.analysis.visits[self.analysis.event_visit[position]?];
            if inner.exited.is_some() {
                return None;
            }
            let event = &self.history.events[position];
            if let Some(error) = event.error() {
                return Some(error.to_owned());
            }
            if event.event_type == EventType::FailStateEntered {
                return self.fail_state_error(inner);
            }
            None
        })
    }

    /// The literal `Error` of the Fail state a visit entered.
    fn fail_state_error(&self, visit: &StateVisit) -> Option<String> {
        match &self.state(visit)?.kind {
            StateKind::Fail { error, .. } => error.clone(),
            _ => None,
        }
    }
}
