//! Per-visit timing: entry to exit, each attempt's queue and work time, backoff gaps.

use super::failure::{error_at, origin_of};
use super::{millis_between, ErrorInfo, Millis};
use crate::analysis::{Analysis, Attempt, AttemptOutcome, StateVisit};
use crate::event_type::{EventType, StateType};
use crate::history::History;
use crate::scope::ScopeId;
use jiff::Timestamp;

/// How a visit ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closed {
    /// By its `*StateExited` event.
    Exited,
    /// By its `*StateAborted` event.
    Aborted,
    /// By the end of the execution (a Fail state, or a state running when the execution
    /// failed, timed out or was aborted): `closed_event_id` is the terminal event.
    ExecutionEnded,
    /// Not at all: still open when the history ends.
    Open,
}

/// One attempt of a Task, Parallel or Map state.
#[derive(Debug, Clone, PartialEq)]
pub struct AttemptTiming {
    /// 1 for the first attempt, 2 for the first retry, …
    pub number: usize,
    /// How it ended.
    pub outcome: AttemptOutcome,
    /// The event that began it (`*Scheduled` or `*StateStarted`).
    pub begin_event_id: i64,
    /// When it began.
    pub begin_at: Timestamp,
    /// The `*Started` event of a task attempt.
    pub started_event_id: Option<i64>,
    /// When the task attempt started.
    pub started_at: Option<Timestamp>,
    /// The event that closed it.
    pub end_event_id: Option<i64>,
    /// When it closed.
    pub end_at: Option<Timestamp>,
    /// Begin → close.
    pub duration_ms: Option<Millis>,
    /// Task attempts: scheduled → started (waiting for a worker); scheduled → close when the
    /// task never started.
    pub queue_ms: Option<Millis>,
    /// Task attempts: started → succeeded, failed or timed out.
    pub work_ms: Option<Millis>,
    /// The error that ended a failed or timed-out attempt.
    pub error: Option<ErrorInfo>,
}

/// The wait between the end of one attempt and the beginning of the next (the retry backoff).
#[derive(Debug, Clone, PartialEq)]
pub struct Backoff {
    /// The attempt that failed (1-based); the next one is `after_attempt + 1`.
    pub after_attempt: usize,
    /// The event that ended the failed attempt.
    pub from_event_id: i64,
    /// The event that began the next attempt.
    pub to_event_id: i64,
    /// When the failed attempt ended.
    pub from_at: Timestamp,
    /// When the next attempt began.
    pub to_at: Timestamp,
    /// The gap.
    pub duration_ms: Millis,
}

/// The timing of one state visit.
#[derive(Debug, Clone, PartialEq)]
pub struct VisitTiming {
    /// The state's name.
    pub name: String,
    /// The state's type.
    pub state_type: StateType,
    /// The scope the state ran in.
    pub scope: ScopeId,
    /// The scope's readable label (`top`, `Par[branch 1]`, `Loop[3]`).
    pub scope_label: String,
    /// Nesting depth of the scope (0 = top level).
    pub depth: usize,
    /// How many earlier visits of the same state in the same scope there were.
    pub visit_number: usize,
    /// The `*StateEntered` event.
    pub entered_event_id: i64,
    /// When the state was entered.
    pub entered_at: Timestamp,
    /// How the visit ended.
    pub closed: Closed,
    /// The `*StateExited` or `*StateAborted` event, or the terminal event (see [`Closed`]).
    pub closed_event_id: Option<i64>,
    /// When the visit ended.
    pub closed_at: Option<Timestamp>,
    /// Entered → closed (exited, aborted or execution ended).
    pub duration_ms: Option<Millis>,
    /// Attempts of Task, Parallel and Map states (more than one: retries).
    pub attempts: Vec<AttemptTiming>,
    /// The gaps between attempts.
    pub backoffs: Vec<Backoff>,
    /// Sum of the attempts' queue times (Task states).
    pub queue_ms: Option<Millis>,
    /// Sum of the attempts' work times (Task states).
    pub work_ms: Option<Millis>,
    /// The error that ended the visit, when its last attempt failed or it failed to evaluate.
    pub error: Option<ErrorInfo>,
}

impl VisitTiming {
    /// The attempt count: 1 for states without attempts or retries.
    pub fn attempt_count(&self) -> usize {
        self.attempts.len().max(1)
    }
}

/// Times every visit of an analysis, in the same order. `stopped` is the position of the
/// event that ended the execution, if it has ended.
pub fn time_visits(
    history: &History,
    analysis: &Analysis,
    stopped: Option<usize>,
) -> Vec<VisitTiming> {
    analysis.visits.iter().map(|v| time_visit(history, analysis, v, stopped)).collect()
}

fn time_visit(
    history: &History,
    analysis: &Analysis,
    visit: &StateVisit,
    stopped: Option<usize>,
) -> VisitTiming {
    let events = &history.events;
    let entered = &events[visit.entered];
    let (closed, closed_pos) = match (visit.exited, visit.aborted, stopped) {
        (Some(p), _, _) => (Closed::Exited, Some(p)),
        (None, Some(p), _) => (Closed::Aborted, Some(p)),
        (None, None, Some(p)) if p > visit.entered => (Closed::ExecutionEnded, Some(p)),
        _ => (Closed::Open, None),
    };
    let closed_at = closed_pos.map(|p| events[p].timestamp);
    let attempts: Vec<AttemptTiming> = visit
        .attempts
        .iter()
        .enumerate()
        .map(|(i, a)| time_attempt(history, analysis, i + 1, a))
        .collect();
    let backoffs = attempts
        .windows(2)
        .filter_map(|pair| {
            let (a, b) = (&pair[0], &pair[1]);
            let (from_id, from_at) = a.end_event_id.zip(a.end_at)?;
            Some(Backoff {
                after_attempt: a.number,
                from_event_id: from_id,
                to_event_id: b.begin_event_id,
                from_at,
                to_at: b.begin_at,
                duration_ms: millis_between(from_at, b.begin_at),
            })
        })
        .collect();
    let sum = |f: fn(&AttemptTiming) -> Option<Millis>| {
        attempts
            .iter()
            .filter_map(f)
            .fold(None, |acc: Option<Millis>, x| Some(acc.unwrap_or(0.0) + x))
    };
    let queue_ms = sum(|a| a.queue_ms);
    let work_ms = sum(|a| a.work_ms);
    let error = visit_error(history, analysis, visit, &attempts);
    VisitTiming {
        name: visit.name.clone(),
        state_type: visit.state_type,
        scope: visit.scope,
        scope_label: analysis.scopes.label(visit.scope),
        depth: analysis.scopes.depth(visit.scope),
        visit_number: visit.visit_number,
        entered_event_id: entered.id,
        entered_at: entered.timestamp,
        closed,
        closed_event_id: closed_pos.map(|p| events[p].id),
        closed_at,
        duration_ms: closed_at.map(|t| millis_between(entered.timestamp, t)),
        attempts,
        backoffs,
        queue_ms,
        work_ms,
        error,
    }
}

fn time_attempt(
    history: &History,
    analysis: &Analysis,
    number: usize,
    attempt: &Attempt,
) -> AttemptTiming {
    let events = &history.events;
    let begin = &events[attempt.begin];
    let started = attempt.started.map(|p| &events[p]);
    let end = attempt.end.map(|p| &events[p]);
    let is_task = attempt.family.is_some();
    let queue_ms = match (is_task, started, end) {
        (false, _, _) => None,
        (true, Some(s), _) => Some(millis_between(begin.timestamp, s.timestamp)),
        (true, None, Some(e)) => Some(millis_between(begin.timestamp, e.timestamp)),
        (true, None, None) => None,
    };
    let work_ms = match (is_task, started, end) {
        (true, Some(s), Some(e)) => Some(millis_between(s.timestamp, e.timestamp)),
        _ => None,
    };
    let error = match (attempt.outcome, attempt.end) {
        (AttemptOutcome::Failed | AttemptOutcome::TimedOut, Some(p)) => {
            error_at(history, analysis, origin_of(history, analysis, p))
        }
        _ => None,
    };
    AttemptTiming {
        number,
        outcome: attempt.outcome,
        begin_event_id: begin.id,
        begin_at: begin.timestamp,
        started_event_id: started.map(|e| e.id),
        started_at: started.map(|e| e.timestamp),
        end_event_id: end.map(|e| e.id),
        end_at: end.map(|e| e.timestamp),
        duration_ms: end.map(|e| millis_between(begin.timestamp, e.timestamp)),
        queue_ms,
        work_ms,
        error,
    }
}

fn visit_error(
    history: &History,
    analysis: &Analysis,
    visit: &StateVisit,
    attempts: &[AttemptTiming],
) -> Option<ErrorInfo> {
    if let Some(last) = attempts.last() {
        if matches!(last.outcome, AttemptOutcome::Failed | AttemptOutcome::TimedOut) {
            return last.error.clone();
        }
    }
    let evaluation = visit
        .events
        .iter()
        .rev()
        .find(|&&p| history.events[p].event_type == EventType::EvaluationFailed);
    if let Some(&p) = evaluation {
        return error_at(history, analysis, p);
    }
    // A Parallel or Map visit aborted by its own failure: the failing inner event.
    if let Some(p) = visit.aborted {
        let origin = origin_of(history, analysis, p);
        if origin != p {
            return error_at(history, analysis, origin);
        }
    }
    None
}

/// The branches or iterations each visit opened (empty for states that are not Parallel/Map),
/// indexed by visit id, in scope order.
pub fn child_scopes(history: &History, analysis: &Analysis) -> Vec<Vec<ScopeId>> {
    let mut children = vec![Vec::new(); analysis.visits.len()];
    let positions = history.positions();
    for index in 1..analysis.scopes.len() {
        let scope = ScopeId(index);
        let started = match analysis.scopes.step(scope) {
            Some(crate::scope::ScopeStep::Branch { started_event_id, .. })
            | Some(crate::scope::ScopeStep::Iteration { started_event_id, .. }) => {
                *started_event_id
            }
            None => continue,
        };
        let owner = positions.get(&started).and_then(|&p| analysis.event_visit[p]);
        if let Some(visit) = owner {
            children[visit].push(scope);
        }
    }
    children
}

/// Visit ids depth first: each scope's visits in order entered, a Parallel/Map visit followed
/// by the visits of its branches or iterations.
pub fn display_order(analysis: &Analysis, children: &[Vec<ScopeId>]) -> Vec<usize> {
    let mut by_scope: Vec<Vec<usize>> = vec![Vec::new(); analysis.scopes.len()];
    for (id, visit) in analysis.visits.iter().enumerate() {
        if let Some(list) = by_scope.get_mut(visit.scope.0) {
            list.push(id);
        }
    }
    let mut order = Vec::with_capacity(analysis.visits.len());
    let mut seen = vec![false; analysis.visits.len()];
    // Depth first without recursion: a stack of (scope, next index into its visits).
    let mut stack = vec![(ScopeId::TOP, 0usize)];
    while let Some((scope, next)) = stack.pop() {
        let Some(&id) = by_scope[scope.0].get(next) else { continue };
        stack.push((scope, next + 1));
        if seen[id] {
            continue;
        }
        seen[id] = true;
        order.push(id);
        for &child in children[id].iter().rev() {
            stack.push((child, 0));
        }
    }
    // Visits whose scope no visit owns (malformed links) come last, in order entered.
    for (id, done) in seen.iter().enumerate() {
        if !done {
            order.push(id);
        }
    }
    order
}
