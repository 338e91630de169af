//! What happened in one execution, in the terms expectations use: status, path, visits with
//! their durations and retries, output, errors, event count.

use crate::analysis::Analysis;
use crate::event_type::EventType;
use crate::history::History;
use crate::scope::ScopeId;
use jiff::SignedDuration;
use std::collections::BTreeMap;

/// One visit of a state, reduced to what expectations check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitFacts {
    /// The `*StateEntered` event id.
    pub entered_id: i64,
    /// The `*StateExited`/`*StateAborted` event id, if the visit ended.
    pub closed_id: Option<i64>,
    /// Closing (or, for an open visit, the last event's) timestamp minus the entered timestamp.
    pub duration: SignedDuration,
    /// Attempts beyond the first.
    pub retries: usize,
    /// The event ids that began each retry (the second attempt onwards).
    pub retry_ids: Vec<i64>,
    /// The readable scope label (`top`, `Par[branch 1]`, …).
    pub scope: String,
}

/// The facts of one execution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunFacts {
    /// `SUCCEEDED`, `FAILED`, `TIMED_OUT`, `ABORTED` or `RUNNING`.
    pub status: String,
    /// The event that set the status (the terminal event, or the last event while running).
    pub status_event: Option<i64>,
    /// Top-level states in the order entered, with their entered event ids.
    pub path: Vec<(String, i64)>,
    /// Every visit of every state, in any scope, by state name.
    pub states: BTreeMap<String, Vec<VisitFacts>>,
    /// From the first to the terminal (or last) event.
    pub duration: SignedDuration,
    /// The execution output (JSON text) and its event id, when it succeeded.
    pub output: Option<(String, i64)>,
    /// Every error name in the history (failures, time-outs, aborts, caught or not), with the
    /// event id, in history order.
    pub errors: Vec<(String, i64)>,
    /// The number of events.
    pub events: usize,
    /// The id of the last event.
    pub last_event_id: Option<i64>,
}

impl RunFacts {
    /// Gathers the facts of a history.
    pub fn new(history: &History, analysis: &Analysis) -> RunFacts {
        let events = &history.events;
        let last = events.last();
        let status_event = events.iter().rev().find(|e| {
            e.event_type.is_execution_terminal() || e.event_type == EventType::ExecutionRedriven
        });
        let status = match status_event.map(|e| &e.event_type) {
            Some(EventType::ExecutionSucceeded) => "SUCCEEDED",
            Some(EventType::ExecutionFailed) => "FAILED",
            Some(EventType::ExecutionTimedOut) => "TIMED_OUT",
            Some(EventType::ExecutionAborted) => "ABORTED",
            _ => "RUNNING",
        };
        let status_event = match status {
            "RUNNING" => last.map(|e| e.id),
            _ => status_event.map(|e| e.id),
        };
        let end = match status {
            "RUNNING" => last,
            _ => history.terminal(),
        };
        let start =
            events.iter().find(|e| e.event_type == EventType::ExecutionStarted).or(events.first());
        let duration = match (start, end) {
            (Some(a), Some(b)) => a.timestamp.duration_until(b.timestamp),
            _ => SignedDuration::ZERO,
        };
        let output = match history.terminal() {
            Some(e) if e.event_type == EventType::ExecutionSucceeded => {
                e.output().map(|o| (o.into_owned(), e.id))
            }
            _ => None,
        };
        let errors =
            events.iter().filter_map(|e| e.error().map(|name| (name.to_owned(), e.id))).collect();
        let path = analysis
            .visits_in(ScopeId::TOP)
            .map(|(_, v)| (v.name.clone(), events[v.entered].id))
            .collect();
        let mut states: BTreeMap<String, Vec<VisitFacts>> = BTreeMap::new();
        for visit in &analysis.visits {
            let entered = &events[visit.entered];
            let closed = visit.closed_at().map(|p| &events[p]);
            let until = closed.or(last).map_or(entered.timestamp, |e| e.timestamp);
            let retry_ids: Vec<i64> =
                visit.attempts.iter().skip(1).map(|a| events[a.begin].id).collect();
            states.entry(visit.name.clone()).or_default().push(VisitFacts {
                entered_id: entered.id,
                closed_id: closed.map(|e| e.id),
                duration: entered.timestamp.duration_until(until),
                retries: retry_ids.len(),
                retry_ids,
                scope: analysis.scopes.label(visit.scope),
            });
        }
        RunFacts {
            status: status.to_owned(),
            status_event,
            path,
            states,
            duration,
            output,
            errors,
            events: events.len(),
            last_event_id: last.map(|e| e.id),
        }
    }

    /// The top-level path as names.
    pub fn path_names(&self) -> Vec<&str> {
        self.path.iter().map(|(n, _)| n.as_str()).collect()
    }

    /// Every retry in the execution: (state, event id that began the retry), in event order.
    pub fn retries(&self) -> Vec<(&str, i64)> {
        let mut all: Vec<(&str, i64)> = self
            .states
            .iter()
            .flat_map(|(name, visits)| {
                visits
                    .iter()
                    .flat_map(move |v| v.retry_ids.iter().map(move |id| (name.as_str(), *id)))
            })
            .collect();
        all.sort_by_key(|(_, id)| *id);
        all
    }
}
