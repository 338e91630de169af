//! One execution reduced to what statistics need: per-state duration samples and counts.

use super::projection::{loops, LoopSample};
use crate::analysis::Analysis;
use crate::event_type::StateType;
use crate::history::History;
use crate::scope::{ScopeId, ScopeStep, ScopeTree};
use crate::timing::failure::error_at;
use crate::timing::{Millis, Report};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How an error without a name is counted.
pub const UNNAMED: &str = "(unnamed)";

/// One execution's contribution to the statistics. Small and serializable, so a ledger can
/// keep it instead of re-reading every event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExecutionSample {
    /// `SUCCEEDED`, `FAILED`, `TIMED_OUT`, `ABORTED` or `RUNNING` (from the timing report).
    pub status: String,
    /// Start → terminal event; `None` while running.
    pub duration_ms: Option<Millis>,
    /// How many events the history has.
    pub events: usize,
    /// One entry per state and scope shape, in the order first entered.
    pub states: Vec<StateSample>,
    /// Loops (repeated top-level states) and top-level Map states, for the event-limit forecast.
    pub loops: Vec<LoopSample>,
}

/// The visits of one state in one scope shape, within one execution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StateSample {
    /// The state's name.
    pub name: String,
    /// The state's type (`Task`, `Map`, …).
    pub state_type: String,
    /// The scope shape (see [`scope_shape`]).
    pub scope: String,
    /// The visits, in the order entered.
    pub visits: Vec<VisitSample>,
}

/// The numbers of one visit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VisitSample {
    /// Entered → closed; `None` while open.
    #[serde(rename = "d", default, skip_serializing_if = "Option::is_none")]
    pub duration_ms: Option<Millis>,
    /// Task states: time waiting for a worker, summed over attempts.
    #[serde(rename = "q", default, skip_serializing_if = "Option::is_none")]
    pub queue_ms: Option<Millis>,
    /// Task states: time working, summed over attempts.
    #[serde(rename = "w", default, skip_serializing_if = "Option::is_none")]
    pub work_ms: Option<Millis>,
    /// Attempts (1 without retries).
    #[serde(rename = "a")]
    pub attempts: usize,
    /// True when the visit ended with an error (its last attempt failed, it failed to
    /// evaluate, or it is a Fail state).
    #[serde(rename = "f", default, skip_serializing_if = "std::ops::Not::not")]
    pub failed: bool,
    /// The names of the errors raised in the visit (failed or timed-out attempts, the visit's
    /// own error); [`UNNAMED`] for an error without a name.
    #[serde(rename = "e", default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<String>,
}

/// The shape of a scope: its label with Map iteration indexes replaced by `*`, so that every
/// iteration of a Map is aggregated together: `top`, `Par[branch 1]`, `Loop[*]`,
/// `Par[branch 0]/Loop[*]`.
pub fn scope_shape(scopes: &ScopeTree, scope: ScopeId) -> String {
    let path = scopes.path(scope);
    if path.is_empty() {
        return "top".to_owned();
    }
    let steps: Vec<String> = path
        .iter()
        .map(|step| match step {
            ScopeStep::Iteration { state, .. } => format!("{state}[*]"),
            branch => branch.to_string(),
        })
        .collect();
    steps.join("/")
}

impl ExecutionSample {
    /// Reduces one execution. Durations are the timing report's.
    pub fn new(history: &History, analysis: &Analysis, report: &Report) -> ExecutionSample {
        let mut shapes: BTreeMap<ScopeId, String> = BTreeMap::new();
        let mut index: BTreeMap<(String, String), usize> = BTreeMap::new();
        let mut states: Vec<StateSample> = Vec::new();
        for (visit, timing) in report.visits.iter().enumerate() {
            let scope = shapes
                .entry(timing.scope)
                .or_insert_with(|| scope_shape(&analysis.scopes, timing.scope))
                .clone();
            let key = (timing.name.clone(), scope);
            let slot = *index.entry(key.clone()).or_insert_with(|| {
                states.push(StateSample {
                    name: key.0.clone(),
                    state_type: timing.state_type.as_str().to_owned(),
                    scope: key.1.clone(),
                    visits: Vec::new(),
                });
                states.len() - 1
            });
            let mut errors = Vec::new();
            let mut seen = Vec::new();
            for error in timing.attempts.iter().filter_map(|a| a.error.as_ref()) {
                seen.push(error.event_id);
                errors.push(error.error.clone().unwrap_or_else(|| UNNAMED.to_owned()));
            }
            // A Fail state raises its error on entry (named by the event that relays it).
            let raised = match (&timing.error, timing.state_type) {
                (None, StateType::Fail) => {
                    analysis.visits.get(visit).and_then(|v| error_at(history, analysis, v.entered))
                }
                (error, _) => error.clone(),
            };
            if let Some(error) = raised.as_ref().filter(|e| !seen.contains(&e.event_id)) {
                errors.push(error.error.clone().unwrap_or_else(|| UNNAMED.to_owned()));
            }
            states[slot].visits.push(VisitSample {
                duration_ms: timing.duration_ms,
                queue_ms: timing.queue_ms,
                work_ms: timing.work_ms,
                attempts: timing.attempt_count(),
                failed: raised.is_some(),
                errors,
            });
        }
        ExecutionSample {
            status: report.summary.status.as_str().to_owned(),
            duration_ms: report.summary.duration_ms,
            events: history.events.len(),
            states,
            loops: loops(history, analysis),
        }
    }
}
