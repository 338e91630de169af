//! The critical path: the chain of state visits that determined how long the execution took.
//!
//! Each scope's visits run one after another, so all of them are on the path of their scope.
//! For a Parallel or Map visit the path descends into the branch or iteration that finished
//! last, preceded by any branch or iteration that finished before it began (concurrency
//! limits and retried attempts chain them).

use super::{millis_between, Millis, VisitTiming};
use crate::analysis::{Analysis, VisitId};
use crate::history::History;
use crate::scope::ScopeId;
use jiff::Timestamp;

/// One visit on the critical path.
#[derive(Debug, Clone, PartialEq)]
pub struct CriticalStep {
    /// The visit.
    pub visit: VisitId,
    /// The state's name.
    pub name: String,
    /// The scope label.
    pub scope: String,
    /// Nesting depth (0 = top level).
    pub depth: usize,
    /// The visit's duration (to the end of the execution for a visit still open).
    pub duration_ms: Millis,
    /// `duration_ms` as a fraction of the execution's duration (0 when that is 0).
    pub share: f64,
}

/// Builds the critical path; `children` are the scopes each visit opened
/// ([`super::visits::child_scopes`]).
pub fn critical_path(
    history: &History,
    analysis: &Analysis,
    visits: &[VisitTiming],
    children: Vec<Vec<ScopeId>>,
    start: Option<Timestamp>,
    end: Option<Timestamp>,
) -> Vec<CriticalStep> {
    let (Some(start), Some(end)) = (start, end) else { return Vec::new() };
    let total = millis_between(start, end);
    let extents = scope_extents(history, analysis);
    let walker = Walker { analysis, visits, extents, children, total, end };
    let mut steps = Vec::new();
    walker.scope(ScopeId::TOP, &mut steps);
    steps
}

struct Walker<'a> {
    analysis: &'a Analysis,
    visits: &'a [VisitTiming],
    extents: Vec<Option<(Timestamp, Timestamp)>>,
    children: Vec<Vec<ScopeId>>,
    total: Millis,
    end: Timestamp,
}

impl Walker<'_> {
    fn scope(&self, scope: ScopeId, steps: &mut Vec<CriticalStep>) {
        for (id, _) in self.analysis.visits_in(scope) {
            let timing = &self.visits[id];
            let duration_ms = timing
                .duration_ms
                .unwrap_or_else(|| millis_between(timing.entered_at, self.end).max(0.0));
            let share = if self.total > 0.0 { duration_ms / self.total } else { 0.0 };
            steps.push(CriticalStep {
                visit: id,
                name: timing.name.clone(),
                scope: timing.scope_label.clone(),
                depth: timing.depth,
                duration_ms,
                share,
            });
            for child in self.chain(&self.children[id]) {
                self.scope(child, steps);
            }
        }
    }

    /// The branches/iterations on the path, in time order: the one that finished last, then
    /// repeatedly the latest one that finished before the current one began.
    fn chain(&self, scopes: &[ScopeId]) -> Vec<ScopeId> {
        let mut timed: Vec<(Timestamp, ScopeId, Timestamp)> = scopes
            .iter()
            .filter_map(|&s| self.extents[s.0].map(|(start, end)| (end, s, start)))
            .collect();
        timed.sort();
        let mut chain = Vec::new();
        let mut limit = timed.len();
        let mut began: Option<Timestamp> = None;
        while limit > 0 {
            let candidates = match began {
                None => limit,
                Some(t) => timed[..limit].partition_point(|&(end, _, _)| end <= t),
            };
            if candidates == 0 {
                break;
            }
            let (_, scope, start) = timed[candidates - 1];
            chain.push(scope);
            began = Some(start);
            limit = candidates - 1;
        }
        chain.reverse();
        chain
    }
}

/// First and last event time of every scope, nested scopes included.
fn scope_extents(history: &History, analysis: &Analysis) -> Vec<Option<(Timestamp, Timestamp)>> {
    let mut extents: Vec<Option<(Timestamp, Timestamp)>> = vec![None; analysis.scopes.len()];
    for (position, event) in history.events.iter().enumerate() {
        let t = event.timestamp;
        for scope in analysis.scopes.ancestors(analysis.event_scope[position]) {
            let slot = &mut extents[scope.0];
            *slot = Some(match *slot {
                None => (t, t),
                Some((a, b)) => (a.min(t), b.max(t)),
            });
        }
    }
    extents
}
