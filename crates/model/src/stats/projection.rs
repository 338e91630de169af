//! Loops and Map states of one execution, for forecasting the 25,000-event history limit.
//!
//! A loop is a top-level state entered more than once: its events per iteration are the events
//! from its first entry to its last divided by the entries between them. A top-level Map state
//! contributes its iterations (events within them ÷ iterations seen) and the item count its
//! `MapStateStarted` events announce. The forecast of an execution is its event count with the
//! loop's iterations replaced by the planned ones (see [`LoopSample::projected_events`]).

use crate::analysis::Analysis;
use crate::details::EventDetails;
use crate::event_type::{EventType, StateType};
use crate::history::History;
use crate::scope::{ScopeId, ScopeStep};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The most events an execution history can have (AWS Step Functions quota).
pub const EVENT_LIMIT: usize = 25_000;

/// Executions with this many events, actual or projected (80 % of the limit), are warned about.
pub const WARN_AT: usize = 20_000;

/// What repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LoopKind {
    /// A top-level state entered several times.
    Loop,
    /// The iterations of a top-level Map state.
    Map,
}

/// One repeating part of an execution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoopSample {
    /// Loop or Map.
    pub kind: LoopKind,
    /// The repeated state, or the Map state.
    pub state: String,
    /// Iterations seen (entries of a loop state; Map iterations of every attempt).
    pub iterations: usize,
    /// Map states: the items announced by `MapStateStarted` (summed over attempts).
    pub planned: Option<usize>,
    /// Events per iteration.
    pub events_per_iteration: f64,
}

impl LoopSample {
    /// The events the execution would have with `iterations` iterations of this loop: the
    /// events outside the loop plus events per iteration × iterations.
    pub fn projected_events(&self, events: usize, iterations: usize) -> usize {
        let inside = self.events_per_iteration * self.iterations as f64;
        let outside = (events as f64 - inside).max(0.0);
        (outside + self.events_per_iteration * iterations as f64).round() as usize
    }
}

/// Finds the loops and top-level Map states of an execution.
pub fn loops(history: &History, analysis: &Analysis) -> Vec<LoopSample> {
    let mut found = repeated_states(analysis);
    found.extend(map_states(history, analysis));
    found
}

fn repeated_states(analysis: &Analysis) -> Vec<LoopSample> {
    let mut entries: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (_, visit) in analysis.visits_in(ScopeId::TOP) {
        entries.entry(visit.name.as_str()).or_default().push(visit.entered);
    }
    entries
        .into_iter()
        .filter(|(_, at)| at.len() > 1)
        .map(|(state, at)| {
            let span = at[at.len() - 1].saturating_sub(at[0]);
            LoopSample {
                kind: LoopKind::Loop,
                state: state.to_owned(),
                iterations: at.len(),
                planned: None,
                events_per_iteration: span as f64 / (at.len() - 1) as f64,
            }
        })
        .collect()
}

fn map_states(history: &History, analysis: &Analysis) -> Vec<LoopSample> {
    // The Map state whose iteration each top-level iteration scope is.
    let mut iteration_of: BTreeMap<ScopeId, &str> = BTreeMap::new();
    for index in 1..analysis.scopes.len() {
        let scope = ScopeId(index);
        if analysis.scopes.parent(scope) == Some(ScopeId::TOP) {
            if let Some(ScopeStep::Iteration { state, .. }) = analysis.scopes.step(scope) {
                iteration_of.insert(scope, state);
            }
        }
    }
    let mut iterations: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for state in iteration_of.values() {
        iterations.entry(state).or_default().0 += 1;
    }
    let mut top_child: BTreeMap<ScopeId, Option<ScopeId>> = BTreeMap::new();
    for scope in &analysis.event_scope {
        let child = *top_child.entry(*scope).or_insert_with(|| {
            analysis.scopes.ancestors(*scope).find(|s| iteration_of.contains_key(s))
        });
        if let Some(state) = child.and_then(|c| iteration_of.get(&c)) {
            if let Some(entry) = iterations.get_mut(state) {
                entry.1 += 1;
            }
        }
    }
    let mut planned: BTreeMap<&str, usize> = BTreeMap::new();
    for (position, event) in history.events.iter().enumerate() {
        let visit = analysis.event_visit.get(position).copied().flatten();
        let Some(visit) = visit.and_then(|v| analysis.visits.get(v)) else { continue };
        if visit.scope != ScopeId::TOP || visit.state_type != StateType::Map {
            continue;
        }
        if is_iteration_event(&event.event_type) {
            // The Map state's own events about an iteration count as the iteration's.
            if let Some(entry) = iterations.get_mut(visit.name.as_str()) {
                entry.1 += 1;
            }
        } else if let Some(EventDetails::MapStateStarted(details)) = &event.details {
            let length = details.length.unwrap_or(0).max(0) as usize;
            *planned.entry(visit.name.as_str()).or_default() += length;
        }
    }
    let mut names: Vec<&str> = iterations.keys().chain(planned.keys()).copied().collect();
    names.sort_unstable();
    names.dedup();
    names
        .into_iter()
        .map(|state| {
            let (seen, events) = iterations.get(state).copied().unwrap_or_default();
            LoopSample {
                kind: LoopKind::Map,
                state: state.to_owned(),
                iterations: seen,
                planned: planned.get(state).copied(),
                events_per_iteration: if seen == 0 { 0.0 } else { events as f64 / seen as f64 },
            }
        })
        .collect()
}

fn is_iteration_event(ty: &EventType) -> bool {
    matches!(
        ty,
        EventType::MapIterationStarted
            | EventType::MapIterationSucceeded
            | EventType::MapIterationFailed
            | EventType::MapIterationAborted
    )
}
