//! Failure attribution: which state and event really made an execution fail, and which errors
//! a Catch handled along the way.

use crate::analysis::{Analysis, VisitId};
use crate::event_type::{EventType, TaskPhase};
use crate::history::History;
use crate::timing::Status;

/// An error as an event reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorInfo {
    /// The error name (`States.Timeout`, `Exception`, …).
    pub error: Option<String>,
    /// The cause text.
    pub cause: Option<String>,
    /// The event that raised it.
    pub event_id: i64,
    /// That event's type.
    pub event_type: String,
}

/// What caused a failed, timed-out or aborted execution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The visit of the state that caused it, when one did.
    pub visit: Option<VisitId>,
    /// That state's name.
    pub state: Option<String>,
    /// That state's scope label.
    pub scope: Option<String>,
    /// The error of the causing event (the execution's error when that event carries none).
    pub error: ErrorInfo,
    /// The execution's own error and cause, from its terminal event.
    pub execution_error: Option<String>,
    /// The execution's cause text.
    pub execution_cause: Option<String>,
    /// The terminal event.
    pub terminal_event_id: i64,
    /// When the failure was re-raised by a Fail state reached through a Catch handler: that
    /// Fail state's name and its `FailStateEntered` event id.
    pub rethrown_by: Option<(String, i64)>,
}

/// An error that a Catch handled: the state exited and the execution went on in a handler.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaughtError {
    /// The visit of the state whose error was caught.
    pub visit: Option<VisitId>,
    /// That state's name.
    pub state: String,
    /// Its scope label.
    pub scope: String,
    /// The error and the event that raised it (inside a branch or iteration for Parallel/Map).
    pub error: ErrorInfo,
    /// The `*StateExited` event that left the failed state.
    pub exited_event_id: i64,
    /// The handler state entered next, if it was.
    pub handler: Option<String>,
}

/// True for events that raise an error: failed or timed-out task attempts, `EvaluationFailed`
/// and `FailStateEntered`.
pub fn is_error_origin(ty: &EventType) -> bool {
    matches!(ty.task_phase(), Some((_, TaskPhase::Failed | TaskPhase::TimedOut)))
        || matches!(ty, EventType::EvaluationFailed | EventType::FailStateEntered)
}

/// True for events that only pass a failure on (container failures, aborts, terminal events).
fn is_relay(ty: &EventType) -> bool {
    use EventType::*;
    matches!(
        ty,
        MapStateFailed
            | ParallelStateFailed
            | MapIterationFailed
            | MapIterationAborted
            | MapRunFailed
            | MapRunAborted
            | ExecutionFailed
            | ExecutionTimedOut
            | ExecutionAborted
    ) || ty.is_state_aborted()
}

/// Walks from a failure event back through the events that only relay it to the event that
/// raised it; returns `position` itself when it raised the error or links nowhere.
pub fn origin_of(history: &History, analysis: &Analysis, position: usize) -> usize {
    let mut current = position;
    let mut steps = 0;
    while is_relay(&history.events[current].event_type) && steps < history.events.len() {
        match analysis.dag.parent(current) {
            Some(parent) => current = parent,
            None => break,
        }
        steps += 1;
    }
    current
}

/// The error an event carries; for an event without one (a Fail state's entry), the error of
/// the first event that relays it.
pub fn error_at(history: &History, analysis: &Analysis, position: usize) -> Option<ErrorInfo> {
    let event = history.events.get(position)?;
    let (mut error, mut cause) =
        (event.error().map(str::to_owned), event.cause().map(str::to_owned));
    if error.is_none() && cause.is_none() {
        let relayed = analysis
            .dag
            .children(position)
            .into_iter()
            .map(|c| &history.events[c])
            .find(|e| e.error().is_some() || e.cause().is_some());
        if let Some(e) = relayed {
            error = e.error().map(str::to_owned);
            cause = e.cause().map(str::to_owned);
        }
    }
    Some(ErrorInfo { error, cause, event_id: event.id, event_type: event.event_type.to_string() })
}

/// Attributes a failed, timed-out or aborted execution to the state and event that caused it.
pub fn attribute(history: &History, analysis: &Analysis, status: Status) -> Option<Failure> {
    if !status.is_failure() {
        return None;
    }
    let terminal_pos = history.events.iter().rposition(|e| e.event_type.is_execution_terminal())?;
    let terminal = &history.events[terminal_pos];
    let origin = origin_of(history, analysis, terminal_pos);
    let mut cause_pos = origin;
    let mut rethrown_by = None;
    if history.events[origin].event_type == EventType::FailStateEntered {
        if let Some(caught) = caught_before(history, analysis, origin) {
            let fail_state = history.events[origin].state_name().unwrap_or("?").to_owned();
            rethrown_by = Some((fail_state, history.events[origin].id));
            cause_pos = caught;
        }
    }
    let visit = if cause_pos == terminal_pos {
        running_at(analysis, terminal_pos)
    } else {
        analysis.event_visit[cause_pos]
    };
    let mut error = error_at(history, analysis, cause_pos)?;
    if error.error.is_none() && error.cause.is_none() {
        error.error = terminal.error().map(str::to_owned);
        error.cause = terminal.cause().map(str::to_owned);
    }
    Some(Failure {
        visit,
        state: visit.map(|v| analysis.visits[v].name.clone()),
        scope: visit.map(|v| analysis.scopes.label(analysis.visits[v].scope)),
        error,
        execution_error: terminal.error().map(str::to_owned),
        execution_cause: terminal.cause().map(str::to_owned),
        terminal_event_id: terminal.id,
        rethrown_by,
    })
}

/// Walks back from a Fail state through the chain of states before it (within its scope) to
/// the failure a Catch handled, if the chain starts at one.
fn caught_before(history: &History, analysis: &Analysis, from: usize) -> Option<usize> {
    let mut current = analysis.dag.parent(from)?;
    for _ in 0..history.events.len() {
        let ty = &history.events[current].event_type;
        if matches!(ty, EventType::ParallelStateStarted | EventType::MapIterationStarted) {
            return None;
        }
        let parent = analysis.dag.parent(current)?;
        if ty.is_state_exited() && is_caught_failure(&history.events[parent].event_type) {
            return Some(origin_of(history, analysis, parent));
        }
        current = parent;
    }
    None
}

fn is_caught_failure(ty: &EventType) -> bool {
    matches!(ty.task_phase(), Some((_, TaskPhase::Failed | TaskPhase::TimedOut)))
        || matches!(
            ty,
            EventType::MapStateFailed
                | EventType::ParallelStateFailed
                | EventType::EvaluationFailed
        )
}

/// The innermost visit still running when the execution stopped (the latest entered one).
fn running_at(analysis: &Analysis, terminal_pos: usize) -> Option<VisitId> {
    analysis
        .visits
        .iter()
        .enumerate()
        .rev()
        .find(|(_, v)| v.entered < terminal_pos && v.closed_at().is_none_or(|c| c >= terminal_pos))
        .map(|(id, _)| id)
}

/// Every error a Catch handled, in event order.
pub fn caught_errors(history: &History, analysis: &Analysis) -> Vec<CaughtError> {
    let mut caught = Vec::new();
    for (position, event) in history.events.iter().enumerate() {
        if !event.event_type.is_state_exited() {
            continue;
        }
        let Some(parent) = analysis.dag.parent(position) else { continue };
        if !is_caught_failure(&history.events[parent].event_type) {
            continue;
        }
        let origin = origin_of(history, analysis, parent);
        let Some(error) = error_at(history, analysis, origin) else { continue };
        let visit = analysis.event_visit[position];
        let handler = analysis
            .dag
            .children(position)
            .into_iter()
            .find(|&c| history.events[c].event_type.is_state_entered())
            .and_then(|c| history.events[c].state_name().map(str::to_owned));
        caught.push(CaughtError {
            visit,
            state: event.state_name().unwrap_or("?").to_owned(),
            scope: analysis.scopes.label(analysis.event_scope[position]),
            error,
            exited_event_id: event.id,
            handler,
        });
    }
    caught
}
