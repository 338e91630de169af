//! The timeline as Chrome trace-event JSON (Perfetto, chrome://tracing): one track (tid) per
//! scope, named by metadata events; visits, attempts, queue/work and backoffs as nested slices.

use serde_json::{json, Value};
use sfn_ledger_model::timing::millis_between;
use sfn_ledger_model::{Report, ScopeId};

fn micros(ms: f64) -> f64 {
    (ms * 1000.0 * 1000.0).round() / 1000.0
}

/// Renders the trace JSON.
pub fn render(report: &Report) -> String {
    let mut events: Vec<Value> = Vec::new();
    let Some(start) = report.summary.started_at else {
        return "{\"traceEvents\":[]}\n".to_owned();
    };
    let end = report.summary.stopped_at.or(report.summary.last_event_at).unwrap_or(start);
    let end = report.visits.iter().filter_map(|v| v.closed_at).fold(end, |a, b| a.max(b));
    let at = |t: jiff::Timestamp| micros(millis_between(start, t));
    let span =
        |from: jiff::Timestamp, to: jiff::Timestamp| micros(millis_between(from, to).max(0.0));
    events.push(json!({
        "name": "process_name", "ph": "M", "pid": 1, "tid": 0,
        "args": {"name": format!("execution ({})", report.summary.status.as_str())}
    }));
    let mut scopes: Vec<ScopeId> = Vec::new();
    for &id in &report.order {
        let scope = report.visits[id].scope;
        if !scopes.contains(&scope) {
            let label = report.visits[id].scope_label.clone();
            let tid = scope.0 + 1;
            events.push(json!({"name": "thread_name", "ph": "M", "pid": 1, "tid": tid, "args": {"name": label}}));
            events.push(json!({"name": "thread_sort_index", "ph": "M", "pid": 1, "tid": tid, "args": {"sort_index": scopes.len()}}));
            scopes.push(scope);
        }
    }
    events.push(json!({
        "name": "execution", "cat": "execution", "ph": "X", "pid": 1, "tid": 1,
        "ts": 0.0, "dur": span(start, end),
        "args": {"status": report.summary.status.as_str(), "duration_ms": report.summary.duration_ms}
    }));
    for &id in &report.order {
        let v = &report.visits[id];
        let tid = v.scope.0 + 1;
        let closed = v.closed_at.unwrap_or(end);
        events.push(json!({
            "name": v.name, "cat": v.state_type.as_str(), "ph": "X", "pid": 1, "tid": tid,
            "ts": at(v.entered_at), "dur": span(v.entered_at, closed),
            "args": {
                "visit": id, "scope": v.scope_label, "entered_event_id": v.entered_event_id,
                "exited_event_id": v.closed_event_id, "attempts": v.attempt_count(),
                "queue_ms": v.queue_ms, "work_ms": v.work_ms,
                "error": v.error.as_ref().and_then(|e| e.error.clone()),
            }
        }));
        for a in &v.attempts {
            let attempt_end = a.end_at.unwrap_or(closed);
            events.push(json!({
                "name": format!("attempt {}", a.number), "cat": "attempt", "ph": "X", "pid": 1,
                "tid": tid, "ts": at(a.begin_at), "dur": span(a.begin_at, attempt_end),
                "args": {
                    "outcome": a.outcome, "begin_event_id": a.begin_event_id,
                    "end_event_id": a.end_event_id,
                    "error": a.error.as_ref().and_then(|e| e.error.clone()),
                }
            }));
            if let Some(started) = a.started_at {
                events
                    .push(json!({"name": "queue", "cat": "queue", "ph": "X", "pid": 1, "tid": tid,
                    "ts": at(a.begin_at), "dur": span(a.begin_at, started)}));
                events.push(json!({"name": "work", "cat": "work", "ph": "X", "pid": 1, "tid": tid,
                    "ts": at(started), "dur": span(started, attempt_end)}));
            }
        }
        for b in &v.backoffs {
            events.push(json!({
                "name": "backoff", "cat": "backoff", "ph": "X", "pid": 1, "tid": tid,
                "ts": at(b.from_at), "dur": span(b.from_at, b.to_at),
                "args": {"after_attempt": b.after_attempt, "from_event_id": b.from_event_id, "to_event_id": b.to_event_id}
            }));
        }
    }
    let trace = json!({"displayTimeUnit": "ms", "traceEvents": events});
    let mut text = serde_json::to_string_pretty(&trace).unwrap_or_default();
    text.push('\n');
    text
}
