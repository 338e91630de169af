//! The timing model: durations of an execution, its state visits, attempts, backoffs and the
//! time spent in the service between states, plus failure attribution and the critical path.
//!
//! This is the one place durations are computed. Every duration is a number of milliseconds as
//! an `f64` ([`Millis`]): the exact nanosecond difference of two timestamps divided by 10⁶, so
//! sub-millisecond precision (emulators write microseconds) is kept and whole milliseconds are
//! exact.

mod critical;
pub mod failure;
mod gaps;
mod visits;

pub use critical::CriticalStep;
pub use failure::{CaughtError, ErrorInfo, Failure};
pub use gaps::ServiceGap;
pub use visits::{AttemptTiming, Backoff, Closed, VisitTiming};

use crate::analysis::Analysis;
use crate::event_type::EventType;
use crate::history::History;
use jiff::Timestamp;

/// A duration in milliseconds (fractions keep sub-millisecond precision).
pub type Millis = f64;

/// The milliseconds from `from` to `to` (negative when `to` is earlier).
pub fn millis_between(from: Timestamp, to: Timestamp) -> Millis {
    to.duration_since(from).as_nanos() as f64 / 1e6
}

/// How the execution ended, from its terminal event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// `ExecutionSucceeded`.
    Succeeded,
    /// `ExecutionFailed`.
    Failed,
    /// `ExecutionTimedOut`.
    TimedOut,
    /// `ExecutionAborted`.
    Aborted,
    /// No terminal event (yet).
    Running,
}

impl Status {
    /// The name the API uses: `SUCCEEDED`, `FAILED`, `TIMED_OUT`, `ABORTED`, `RUNNING`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Succeeded => "SUCCEEDED",
            Status::Failed => "FAILED",
            Status::TimedOut => "TIMED_OUT",
            Status::Aborted => "ABORTED",
            Status::Running => "RUNNING",
        }
    }

    /// True for failed, timed-out and aborted executions.
    pub fn is_failure(self) -> bool {
        matches!(self, Status::Failed | Status::TimedOut | Status::Aborted)
    }
}

/// The execution as a whole.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// How it ended (`Running` after a redrive that has not ended yet).
    pub status: Status,
    /// The first event's time (normally `ExecutionStarted`).
    pub started_at: Option<Timestamp>,
    /// The terminal event's time; `None` while running.
    pub stopped_at: Option<Timestamp>,
    /// The id of the first event.
    pub started_event_id: Option<i64>,
    /// The id of the terminal event.
    pub stopped_event_id: Option<i64>,
    /// `stopped_at - started_at`; `None` while running.
    pub duration_ms: Option<Millis>,
    /// The time from the first to the last event, whether or not the execution has ended.
    pub elapsed_ms: Millis,
    /// The last event's time: where a timeline of a running execution ends.
    pub last_event_at: Option<Timestamp>,
    /// How many state visits began (`*StateEntered` events), in every scope.
    pub states_entered: usize,
    /// Retries: attempts of Task, Parallel and Map states beyond the first of each visit.
    pub retries: usize,
    /// Errors raised: failed or timed-out task attempts, `EvaluationFailed` events and Fail
    /// states entered (caught, retried and fatal ones alike).
    pub errors: usize,
    /// `ExecutionRedriven` events.
    pub redrives: usize,
}

/// Everything the timing model derives from one history.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The execution as a whole.
    pub summary: Summary,
    /// The top-level state names in the order entered.
    pub path: Vec<String>,
    /// One entry per state visit, indexed like [`Analysis::visits`].
    pub visits: Vec<VisitTiming>,
    /// Visit ids in display order: each scope's visits in the order entered, a Parallel or Map
    /// visit followed by its branches or iterations (depth first).
    pub order: Vec<usize>,
    /// What caused a failed, timed-out or aborted execution.
    pub failure: Option<Failure>,
    /// Errors that a Catch handled (the execution went on in a handler state).
    pub caught: Vec<CaughtError>,
    /// The chain of visits that determined the execution's duration, outermost first.
    pub critical_path: Vec<CriticalStep>,
    /// Time in the service between states, in every scope, in time order.
    pub service_gaps: Vec<ServiceGap>,
    /// Sum of the top-level visits' durations.
    pub time_in_states_ms: Millis,
    /// Sum of the top-level service gaps (start → first state, between states, last → end).
    pub time_in_service_ms: Millis,
}

impl Report {
    /// Builds the report of a history and its analysis. Never fails; missing events leave
    /// `None` values.
    pub fn new(history: &History, analysis: &Analysis) -> Report {
        let summary = summarize(history, analysis);
        let stopped =
            summary.stopped_event_id.and_then(|id| history.events.iter().rposition(|e| e.id == id));
        let visits = visits::time_visits(history, analysis, stopped);
        let children = visits::child_scopes(history, analysis);
        let order = visits::display_order(analysis, &children);
        let failure = failure::attribute(history, analysis, summary.status);
        let caught = failure::caught_errors(history, analysis);
        let end = summary.stopped_at.or_else(|| history.events.last().map(|e| e.timestamp));
        let critical_path =
            critical::critical_path(history, analysis, &visits, children, summary.started_at, end);
        let service_gaps = gaps::service_gaps(
            history,
            analysis,
            &visits,
            summary.stopped_event_id.zip(summary.stopped_at),
        );
        let time_in_states_ms =
            visits.iter().filter(|v| v.depth == 0).filter_map(|v| v.duration_ms).sum();
        let time_in_service_ms =
            service_gaps.iter().filter(|g| g.depth == 0).map(|g| g.duration_ms).sum();
        Report {
            summary,
            path: analysis.top_level_path().into_iter().map(str::to_owned).collect(),
            visits,
            order,
            failure,
            caught,
            critical_path,
            service_gaps,
            time_in_states_ms,
            time_in_service_ms,
        }
    }
}

fn summarize(history: &History, analysis: &Analysis) -> Summary {
    let first = history.first();
    // A redrive after the terminal event reopens the execution.
    let terminal = history.events.iter().rposition(|e| e.event_type.is_execution_terminal());
    let redriven_after = terminal.is_some_and(|t| {
        history.events[t..].iter().any(|e| e.event_type == EventType::ExecutionRedriven)
    });
    let terminal = terminal.filter(|_| !redriven_after).map(|t| &history.events[t]);
    let status = match terminal.map(|e| &e.event_type) {
        Some(EventType::ExecutionSucceeded) => Status::Succeeded,
        Some(EventType::ExecutionFailed) => Status::Failed,
        Some(EventType::ExecutionTimedOut) => Status::TimedOut,
        Some(EventType::ExecutionAborted) => Status::Aborted,
        _ => Status::Running,
    };
    let started_at = first.map(|e| e.timestamp);
    let stopped_at = terminal.map(|e| e.timestamp);
    let duration_ms = started_at.zip(stopped_at).map(|(a, b)| millis_between(a, b));
    let elapsed_ms = match (history.events.first(), history.events.last()) {
        (Some(a), Some(b)) => millis_between(a.timestamp, b.timestamp),
        _ => 0.0,
    };
    let retries = analysis.visits.iter().map(|v| v.attempts.len().saturating_sub(1)).sum();
    let errors = history.events.iter().filter(|e| failure::is_error_origin(&e.event_type)).count();
    let redrives =
        history.events.iter().filter(|e| e.event_type == EventType::ExecutionRedriven).count();
    Summary {
        status,
        started_at,
        stopped_at,
        started_event_id: first.map(|e| e.id),
        stopped_event_id: terminal.map(|e| e.id),
        duration_ms,
        elapsed_ms,
        last_event_at: history.events.last().map(|e| e.timestamp),
        states_entered: analysis.visits.len(),
        retries,
        errors,
        redrives,
    }
}

#[cfg(test)]
mod tests;
