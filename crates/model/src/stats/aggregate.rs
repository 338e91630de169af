//! Aggregating execution samples: per-state and per-execution distributions, rates, top
//! errors and event-limit warnings.

use super::percentile::percentile;
use super::projection::{LoopKind, WARN_AT};
use super::sample::{ExecutionSample, VisitSample};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// How many error names each state lists.
pub const TOP_ERRORS: usize = 5;

/// Percentiles of a set of values (nearest rank); all `None` when there are none.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Distribution {
    /// How many values.
    pub count: usize,
    /// Median.
    pub p50: Option<f64>,
    /// 90th percentile.
    pub p90: Option<f64>,
    /// 99th percentile.
    pub p99: Option<f64>,
    /// Largest value.
    pub max: Option<f64>,
}

impl Distribution {
    /// The distribution of some values (NaNs are ignored).
    pub fn of(mut values: Vec<f64>) -> Distribution {
        values.retain(|v| !v.is_nan());
        values.sort_by(f64::total_cmp);
        Distribution {
            count: values.len(),
            p50: percentile(&values, 50.0),
            p90: percentile(&values, 90.0),
            p99: percentile(&values, 99.0),
            max: values.last().copied(),
        }
    }
}

/// An error name and how often it was raised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorCount {
    /// The error name ([`super::UNNAMED`] when the event had none).
    pub error: String,
    /// How many times.
    pub count: usize,
}

/// One state in one scope shape across every execution.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StateStats {
    /// The state's name.
    pub name: String,
    /// Its type.
    #[serde(rename = "type")]
    pub state_type: String,
    /// The scope shape (`top`, `Par[branch 0]`, `Loop[*]`).
    pub scope: String,
    /// How many executions visited it.
    pub executions: usize,
    /// How many visits in all.
    pub visits: usize,
    /// Visit durations (closed visits only).
    pub duration_ms: Distribution,
    /// Task states: time waiting for a worker per visit.
    pub queue_ms: Distribution,
    /// Task states: time working per visit.
    pub work_ms: Distribution,
    /// Visits that ended with an error.
    pub failed: usize,
    /// `failed / visits`.
    pub failure_rate: f64,
    /// Visits with at least one retry.
    pub retried: usize,
    /// `retried / visits`.
    pub retry_rate: f64,
    /// Retries in all (attempts beyond the first).
    pub retries: usize,
    /// The most frequent errors, most frequent first (at most five).
    pub errors: Vec<ErrorCount>,
}

/// The executions as a whole.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExecutionStats {
    /// How many executions.
    pub count: usize,
    /// How many per status, by status name.
    pub by_status: BTreeMap<String, usize>,
    /// Durations of the executions that ended.
    pub duration_ms: Distribution,
    /// Events per execution.
    pub events: Distribution,
}

/// Why an execution is warned about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// It has at least [`WARN_AT`] events.
    NearLimit,
    /// It has fewer, but the forecast reaches [`WARN_AT`].
    Projected,
}

/// An execution near or heading for the 25,000-event history limit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LimitWarning {
    /// The execution (ARN).
    pub execution: String,
    /// Near the limit already, or on course to it.
    pub kind: WarningKind,
    /// Its status.
    pub status: String,
    /// Events it has.
    pub events: usize,
    /// Events forecast (equal to `events` when nothing repeats).
    pub projected_events: usize,
    /// The repeating part the forecast comes from.
    pub driver: Option<LimitDriver>,
}

/// The loop or Map state behind a forecast.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LimitDriver {
    /// Loop or Map.
    pub kind: LoopKind,
    /// The state.
    pub state: String,
    /// Events per iteration.
    pub events_per_iteration: f64,
    /// Iterations seen.
    pub iterations: usize,
    /// Iterations the forecast assumes.
    pub projected_iterations: usize,
}

/// Statistics across executions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    /// The executions as a whole.
    pub executions: ExecutionStats,
    /// One entry per state and scope shape, in the order first seen.
    pub states: Vec<StateStats>,
    /// Executions near or heading for the event limit, most events first.
    pub warnings: Vec<LimitWarning>,
}

#[derive(Default)]
struct StateAcc {
    executions: usize,
    visits: Vec<VisitSample>,
}

impl Stats {
    /// Aggregates samples, each with the execution's ARN; states are listed in the order first
    /// seen (pass executions oldest first for a stable, natural order).
    pub fn new(samples: &[(String, ExecutionSample)]) -> Stats {
        let mut by_status: BTreeMap<String, usize> = BTreeMap::new();
        for (_, s) in samples {
            *by_status.entry(s.status.clone()).or_default() += 1;
        }
        let executions = ExecutionStats {
            count: samples.len(),
            by_status,
            duration_ms: Distribution::of(
                samples.iter().filter_map(|(_, s)| s.duration_ms).collect(),
            ),
            events: Distribution::of(samples.iter().map(|(_, s)| s.events as f64).collect()),
        };
        let mut order: Vec<(String, String, String)> = Vec::new();
        let mut accs: HashMap<(String, String), StateAcc> = HashMap::new();
        for (_, sample) in samples {
            for state in &sample.states {
                let key = (state.name.clone(), state.scope.clone());
                let acc = accs.entry(key).or_insert_with(|| {
                    order.push((state.name.clone(), state.scope.clone(), state.state_type.clone()));
                    StateAcc::default()
                });
                acc.executions += 1;
                acc.visits.extend(state.visits.iter().cloned());
            }
        }
        let states = order
            .into_iter()
            .map(|(name, scope, state_type)| {
                let acc = accs.remove(&(name.clone(), scope.clone())).unwrap_or_default();
                state_stats(name, scope, state_type, acc)
            })
            .collect();
        Stats { executions, states, warnings: warnings(samples) }
    }
}

fn state_stats(name: String, scope: String, state_type: String, acc: StateAcc) -> StateStats {
    let visits = acc.visits.len();
    let rate = |n: usize| if visits == 0 { 0.0 } else { n as f64 / visits as f64 };
    let failed = acc.visits.iter().filter(|v| v.failed).count();
    let retried = acc.visits.iter().filter(|v| v.attempts > 1).count();
    let retries = acc.visits.iter().map(|v| v.attempts.saturating_sub(1)).sum();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for error in acc.visits.iter().flat_map(|v| &v.errors) {
        *counts.entry(error).or_default() += 1;
    }
    let mut errors: Vec<ErrorCount> =
        counts.into_iter().map(|(e, count)| ErrorCount { error: e.to_owned(), count }).collect();
    errors.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.error.cmp(&b.error)));
    errors.truncate(TOP_ERRORS);
    StateStats {
        name,
        state_type,
        scope,
        executions: acc.executions,
        visits,
        duration_ms: Distribution::of(acc.visits.iter().filter_map(|v| v.duration_ms).collect()),
        queue_ms: Distribution::of(acc.visits.iter().filter_map(|v| v.queue_ms).collect()),
        work_ms: Distribution::of(acc.visits.iter().filter_map(|v| v.work_ms).collect()),
        failed,
        failure_rate: rate(failed),
        retried,
        retry_rate: rate(retried),
        retries,
        errors,
    }
}

/// Warns about executions with at least [`WARN_AT`] events, and about running executions (or
/// ones whose Map states announce more items than ran) whose forecast reaches it. A running
/// execution's loop is forecast to run as many iterations as the most any execution had.
fn warnings(samples: &[(String, ExecutionSample)]) -> Vec<LimitWarning> {
    let mut most: HashMap<(LoopKind, &str), usize> = HashMap::new();
    for (_, s) in samples {
        for l in &s.loops {
            let seen = l.iterations.max(l.planned.unwrap_or(0));
            let entry = most.entry((l.kind, l.state.as_str())).or_default();
            *entry = (*entry).max(seen);
        }
    }
    let mut found: Vec<LimitWarning> = samples
        .iter()
        .filter_map(|(execution, s)| {
            let running = s.status == "RUNNING";
            let forecast = s
                .loops
                .iter()
                .filter(|l| l.events_per_iteration > 0.0)
                .map(|l| {
                    let mut target = l.iterations.max(l.planned.unwrap_or(0));
                    if running {
                        target = target.max(most[&(l.kind, l.state.as_str())]);
                    }
                    (l.projected_events(s.events, target), l, target)
                })
                .max_by_key(|(projected, ..)| *projected);
            let projected = forecast.as_ref().map_or(s.events, |f| f.0.max(s.events));
            let kind = if s.events >= WARN_AT {
                WarningKind::NearLimit
            } else if projected >= WARN_AT {
                WarningKind::Projected
            } else {
                return None;
            };
            Some(LimitWarning {
                execution: execution.clone(),
                kind,
                status: s.status.clone(),
                events: s.events,
                projected_events: projected,
                driver: forecast.map(|(_, l, target)| LimitDriver {
                    kind: l.kind,
                    state: l.state.clone(),
                    events_per_iteration: l.events_per_iteration,
                    iterations: l.iterations,
                    projected_iterations: target,
                }),
            })
        })
        .collect();
    found.sort_by(|a, b| {
        b.projected_events.cmp(&a.projected_events).then_with(|| a.execution.cmp(&b.execution))
    });
    found
}
