//! The stable JSON form of `stats` (documented in docs/json-output.md).

use super::fmt::round_ms;
use serde::Serialize;
use sfn_ledger_model::stats::{Distribution, LimitWarning, StateStats, Stats};
use std::collections::BTreeMap;

/// The version of this JSON shape; bumped only for incompatible changes.
pub const STATS_JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct StatsJson<'a> {
    version: u32,
    state_machine: &'a str,
    executions: ExecutionsJson<'a>,
    states: Vec<StateStats>,
    warnings: &'a [LimitWarning],
}

#[derive(Serialize)]
struct ExecutionsJson<'a> {
    count: usize,
    by_status: &'a BTreeMap<String, usize>,
    duration_ms: Distribution,
    events: &'a Distribution,
}

fn rounded(d: &Distribution) -> Distribution {
    Distribution {
        count: d.count,
        p50: d.p50.map(round_ms),
        p90: d.p90.map(round_ms),
        p99: d.p99.map(round_ms),
        max: d.max.map(round_ms),
    }
}

/// Renders the statistics as one pretty-printed JSON document.
pub fn render(machine: &str, stats: &Stats) -> String {
    let states = stats
        .states
        .iter()
        .map(|s| StateStats {
            duration_ms: rounded(&s.duration_ms),
            queue_ms: rounded(&s.queue_ms),
            work_ms: rounded(&s.work_ms),
            ..s.clone()
        })
        .collect();
    let json = StatsJson {
        version: STATS_JSON_VERSION,
        state_machine: machine,
        executions: ExecutionsJson {
            count: stats.executions.count,
            by_status: &stats.executions.by_status,
            duration_ms: rounded(&stats.executions.duration_ms),
            events: &stats.executions.events,
        },
        states,
        warnings: &stats.warnings,
    };
    let mut text = serde_json::to_string_pretty(&json).unwrap_or_default();
    text.push('\n');
    text
}
