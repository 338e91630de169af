//! The text cells of `stats`, shared by the table and Markdown renderers.

use super::fmt::{duration, percent};
use sfn_ledger_model::stats::{
    Distribution, LimitWarning, LoopKind, StateStats, Stats, WarningKind, EVENT_LIMIT,
};

/// Headers of the per-state table.
pub const STATE_HEADERS: [&str; 14] = [
    "State",
    "Scope",
    "Type",
    "Runs",
    "Visits",
    "p50",
    "p90",
    "p99",
    "Max",
    "Queue p50/p90/max",
    "Work p50/p90/max",
    "Failed",
    "Retried",
    "Top errors",
];

/// Columns of the per-state table that hold numbers.
pub const STATE_NUMERIC: [usize; 10] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

fn ms(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_owned(), duration)
}

fn count(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_owned(), |v| format!("{v}"))
}

fn three(d: &Distribution) -> String {
    if d.count == 0 {
        return "-".to_owned();
    }
    format!("{} / {} / {}", ms(d.p50), ms(d.p90), ms(d.max))
}

fn four(d: &Distribution, show: fn(Option<f64>) -> String) -> String {
    if d.count == 0 {
        return "-".to_owned();
    }
    format!("p50 {} · p90 {} · p99 {} · max {}", show(d.p50), show(d.p90), show(d.p99), show(d.max))
}

/// The summary as label/value pairs.
pub fn summary(machine: &str, stats: &Stats) -> Vec<(&'static str, String)> {
    let e = &stats.executions;
    let statuses: Vec<String> = e.by_status.iter().map(|(s, n)| format!("{s} {n}")).collect();
    let executions = if statuses.is_empty() {
        "0".to_owned()
    } else {
        format!("{} ({})", e.count, statuses.join(", "))
    };
    vec![
        ("Machine", machine.to_owned()),
        ("Runs", executions),
        ("Duration", four(&e.duration_ms, ms)),
        ("Events", four(&e.events, count)),
    ]
}

/// One row per state and scope shape.
pub fn state_rows(stats: &Stats) -> Vec<[String; 14]> {
    stats.states.iter().map(state_row).collect()
}

fn state_row(s: &StateStats) -> [String; 14] {
    let d = &s.duration_ms;
    let errors: Vec<String> =
        s.errors.iter().map(|e| format!("{} ×{}", e.error, e.count)).collect();
    [
        s.name.clone(),
        s.scope.clone(),
        s.state_type.clone(),
        s.executions.to_string(),
        s.visits.to_string(),
        ms(d.p50),
        ms(d.p90),
        ms(d.p99),
        ms(d.max),
        three(&s.queue_ms),
        three(&s.work_ms),
        format!("{} ({})", s.failed, percent(s.failure_rate)),
        format!("{} ({})", s.retried, percent(s.retry_rate)),
        if errors.is_empty() { "-".to_owned() } else { errors.join(", ") },
    ]
}

/// One line per event-limit warning.
pub fn warning_lines(stats: &Stats) -> Vec<String> {
    stats.warnings.iter().map(warning_line).collect()
}

fn warning_line(w: &LimitWarning) -> String {
    let what = match w.kind {
        WarningKind::NearLimit => format!(
            "{} events, {} of the {EVENT_LIMIT}-event history limit",
            w.events,
            percent(w.events as f64 / EVENT_LIMIT as f64)
        ),
        WarningKind::Projected => format!(
            "{} events so far, on course for about {} ({} of the {EVENT_LIMIT}-event limit)",
            w.events,
            w.projected_events,
            percent(w.projected_events as f64 / EVENT_LIMIT as f64)
        ),
    };
    let driver = match &w.driver {
        Some(d) if d.kind == LoopKind::Map => format!(
            "; Map state {}: {:.1} events per iteration × {} items ({} run)",
            d.state, d.events_per_iteration, d.projected_iterations, d.iterations
        ),
        Some(d) => format!(
            "; loop through {}: {:.1} events per iteration × {} iterations ({} run)",
            d.state, d.events_per_iteration, d.projected_iterations, d.iterations
        ),
        None => String::new(),
    };
    format!("{} ({}): {what}{driver}", w.execution, w.status)
}
