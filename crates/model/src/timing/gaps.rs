//! Time in the service between states: from a state's exit to the next state's entry in the
//! same scope, from the execution's start to the first state and from the last state to the end.

use super::{millis_between, Millis, VisitTiming};
use crate::analysis::{Analysis, VisitId};
use crate::history::History;
use crate::scope::ScopeId;
use std::collections::BTreeMap;

/// A stretch of time between states.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceGap {
    /// The scope label.
    pub scope: String,
    /// Nesting depth (0 = top level).
    pub depth: usize,
    /// The visit before the gap (`None`: the execution's start).
    pub from: Option<VisitId>,
    /// The visit after the gap (`None`: the execution's end).
    pub to: Option<VisitId>,
    /// The event that begins the gap (a state's exit, or `ExecutionStarted`).
    pub from_event_id: i64,
    /// The event that ends it (the next state's entry, or the terminal event).
    pub to_event_id: i64,
    /// Its length.
    pub duration_ms: Millis,
}

/// Every gap between consecutive visits of each scope, plus the top level's start and end.
pub fn service_gaps(
    history: &History,
    analysis: &Analysis,
    visits: &[VisitTiming],
    stopped: Option<(i64, jiff::Timestamp)>,
) -> Vec<ServiceGap> {
    let mut by_scope: BTreeMap<ScopeId, Vec<VisitId>> = BTreeMap::new();
    for (id, visit) in analysis.visits.iter().enumerate() {
        by_scope.entry(visit.scope).or_default().push(id);
    }
    let mut gaps = Vec::new();
    let first = history.first();
    for (scope, ids) in &by_scope {
        let label = analysis.scopes.label(*scope);
        let depth = analysis.scopes.depth(*scope);
        let gap = |from: Option<VisitId>,
                   to: Option<VisitId>,
                   a: (i64, jiff::Timestamp),
                   b: (i64, jiff::Timestamp)| {
            ServiceGap {
                scope: label.clone(),
                depth,
                from,
                to,
                from_event_id: a.0,
                to_event_id: b.0,
                duration_ms: millis_between(a.1, b.1),
            }
        };
        if *scope == ScopeId::TOP {
            if let (Some(start), Some(&id)) = (first, ids.first()) {
                let v = &visits[id];
                gaps.push(gap(
                    None,
                    Some(id),
                    (start.id, start.timestamp),
                    (v.entered_event_id, v.entered_at),
                ));
            }
        }
        for pair in ids.windows(2) {
            let (a, b) = (&visits[pair[0]], &visits[pair[1]]);
            if let Some(closed) = a.closed_event_id.zip(a.closed_at) {
                gaps.push(gap(
                    Some(pair[0]),
                    Some(pair[1]),
                    closed,
                    (b.entered_event_id, b.entered_at),
                ));
            }
        }
        if *scope == ScopeId::TOP {
            if let (Some(end), Some(&id)) = (stopped, ids.last()) {
                let closed = visits[id].closed_event_id.zip(visits[id].closed_at);
                if let Some(closed) = closed.filter(|c| c.0 != end.0) {
                    gaps.push(gap(Some(id), None, closed, end));
                }
            }
        }
    }
    gaps.sort_by_key(|g| (g.from_event_id, g.to_event_id));
    gaps
}
