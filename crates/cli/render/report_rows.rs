//! The text cells of a report's sections, shared by the table and Markdown renderers.

use super::fmt::{duration, maybe_duration, percent, timestamp};
use sfn_ledger_model::timing::{millis_between, ErrorInfo, VisitTiming};
use sfn_ledger_model::Report;

/// The summary as label/value pairs.
pub fn summary(report: &Report) -> Vec<(&'static str, String)> {
    let s = &report.summary;
    let at = |t: Option<jiff::Timestamp>, id: Option<i64>| match (t, id) {
        (Some(t), Some(id)) => format!("{} (event {id})", timestamp(t)),
        _ => "-".to_owned(),
    };
    let total = match s.duration_ms {
        Some(d) => format!(
            "{} (in states {}, in the service between states {})",
            duration(d),
            duration(report.time_in_states_ms),
            duration(report.time_in_service_ms)
        ),
        None => format!("- (running; {} so far)", duration(s.elapsed_ms)),
    };
    vec![
        ("Status", s.status.as_str().to_owned()),
        ("Started", at(s.started_at, s.started_event_id)),
        ("Stopped", at(s.stopped_at, s.stopped_event_id)),
        ("Duration", total),
        (
            "States",
            format!(
                "{} entered, {} retries, {} errors, {} redrives",
                s.states_entered, s.retries, s.errors, s.redrives
            ),
        ),
        ("Path", if report.path.is_empty() { "-".to_owned() } else { report.path.join(" → ") }),
    ]
}

/// Headers of the per-state table.
pub const STATE_HEADERS: [&str; 11] = [
    "#", "State", "Type", "Scope", "Attempt", "Events", "Start", "Duration", "Queue", "Work",
    "Error",
];

/// One short error text: `Name: cause` cut to 60 characters.
pub fn error_text(error: Option<&ErrorInfo>) -> String {
    let Some(e) = error else { return String::new() };
    let mut text = e.error.clone().unwrap_or_else(|| e.event_type.clone());
    if let Some(cause) = &e.cause {
        text.push_str(": ");
        text.push_str(cause);
    }
    let text = text.replace(['\n', '\r'], " ");
    if text.chars().count() > 60 {
        format!("{}…", text.chars().take(59).collect::<String>())
    } else {
        text
    }
}

fn events(v: &VisitTiming) -> String {
    match v.closed_event_id {
        Some(id) => format!("{}→{id}", v.entered_event_id),
        None => format!("{}→", v.entered_event_id),
    }
}

/// Rows of the per-state table: one per visit, then one per attempt and backoff of retried
/// states (the `#` cell of those is empty).
pub fn state_rows(report: &Report) -> Vec<[String; 11]> {
    let start = report.summary.started_at;
    let offset =
        |t: jiff::Timestamp| start.map_or_else(String::new, |s| duration(millis_between(s, t)));
    let mut rows = Vec::new();
    for &id in &report.order {
        let v = &report.visits[id];
        let indent = "  ".repeat(v.depth);
        rows.push([
            id.to_string(),
            format!("{indent}{}", v.name),
            v.state_type.as_str().to_owned(),
            v.scope_label.clone(),
            v.attempt_count().to_string(),
            events(v),
            offset(v.entered_at),
            maybe_duration(v.duration_ms),
            maybe_duration(v.queue_ms),
            maybe_duration(v.work_ms),
            error_text(v.error.as_ref()),
        ]);
        if v.attempts.len() < 2 {
            continue;
        }
        for a in &v.attempts {
            let outcome = format!("{:?}", a.outcome).to_lowercase();
            rows.push([
                String::new(),
                format!("{indent}  attempt {} ({outcome})", a.number),
                String::new(),
                String::new(),
                a.number.to_string(),
                match a.end_event_id {
                    Some(end) => format!("{}→{end}", a.begin_event_id),
                    None => format!("{}→", a.begin_event_id),
                },
                offset(a.begin_at),
                maybe_duration(a.duration_ms),
                maybe_duration(a.queue_ms),
                maybe_duration(a.work_ms),
                error_text(a.error.as_ref()),
            ]);
            if let Some(b) = v.backoffs.iter().find(|b| b.after_attempt == a.number) {
                rows.push([
                    String::new(),
                    format!("{indent}  backoff before attempt {}", b.after_attempt + 1),
                    String::new(),
                    String::new(),
                    String::new(),
                    format!("{}→{}", b.from_event_id, b.to_event_id),
                    offset(b.from_at),
                    duration(b.duration_ms),
                    String::new(),
                    String::new(),
                    String::new(),
                ]);
            }
        }
    }
    rows
}

/// The failure section's lines (empty when the execution did not fail).
pub fn failure_lines(report: &Report) -> Vec<String> {
    let Some(f) = &report.failure else { return Vec::new() };
    let mut lines = vec![format!(
        "{}: caused by state {} ({}) at event {} {}: {}",
        report.summary.status.as_str(),
        f.state.as_deref().unwrap_or("-"),
        f.scope.as_deref().unwrap_or("-"),
        f.error.event_id,
        f.error.event_type,
        error_text(Some(&f.error)),
    )];
    if let Some((state, id)) = &f.rethrown_by {
        lines.push(format!("caught, then re-raised by Fail state {state} (event {id})"));
    }
    if f.execution_error.is_some() || f.execution_cause.is_some() {
        lines.push(format!(
            "execution error (event {}): {}",
            f.terminal_event_id,
            [f.execution_error.as_deref(), f.execution_cause.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(": ")
        ));
    }
    lines
}

/// The caught-errors lines.
pub fn caught_lines(report: &Report) -> Vec<String> {
    report
        .caught
        .iter()
        .map(|c| {
            format!(
                "{} ({}) event {} {}: {} → handled by {}",
                c.state,
                c.scope,
                c.error.event_id,
                c.error.event_type,
                error_text(Some(&c.error)),
                c.handler.as_deref().unwrap_or("-")
            )
        })
        .collect()
}

/// Rows of the critical-path table: state (indented), scope, duration, share.
pub fn critical_rows(report: &Report) -> Vec<[String; 4]> {
    report
        .critical_path
        .iter()
        .map(|c| {
            [
                format!("{}{}", "  ".repeat(c.depth), c.name),
                c.scope.clone(),
                duration(c.duration_ms),
                percent(c.share),
            ]
        })
        .collect()
}

/// Rows of the service-time table: scope, from, to, events, duration.
pub fn gap_rows(report: &Report) -> Vec<[String; 5]> {
    let name = |v: Option<usize>, edge: &str| {
        v.map_or_else(|| edge.to_owned(), |v| report.visits[v].name.clone())
    };
    report
        .service_gaps
        .iter()
        .map(|g| {
            [
                g.scope.clone(),
                name(g.from, "(start)"),
                name(g.to, "(end)"),
                format!("{}→{}", g.from_event_id, g.to_event_id),
                duration(g.duration_ms),
            ]
        })
        .collect()
}
