//! What `show` says about each event: time offset, state/scope and the key detail.

use sfn_ledger_model::{Analysis, EventDetails, History, HistoryEvent};

/// The time since the first event, like `+17.355s` (microseconds when the input has them).
pub fn offset(history: &History, event: &HistoryEvent) -> String {
    let Some(first) = history.first() else { return String::new() };
    let span = event.timestamp.duration_since(first.timestamp);
    let sign = if span.is_negative() { "-" } else { "+" };
    let span = span.abs();
    let (secs, nanos) = (span.as_secs(), span.subsec_nanos());
    if nanos % 1_000_000 == 0 {
        format!("{sign}{secs}.{:03}s", nanos / 1_000_000)
    } else {
        format!("{sign}{secs}.{:06}s", nanos / 1_000)
    }
}

/// The state the event belongs to and its scope: `getGreeting`, `Par[branch 1] / A`.
pub fn place(analysis: &Analysis, position: usize) -> String {
    let scope = analysis.event_scope[position];
    let state = analysis.event_visit[position].map(|v| analysis.visits[v].name.as_str());
    match (scope.0, state) {
        (0, Some(state)) => state.to_owned(),
        (0, None) => String::new(),
        (_, Some(state)) => format!("{} / {state}", analysis.scopes.label(scope)),
        (_, None) => analysis.scopes.label(scope),
    }
}

/// The key detail: error and cause, worker, iteration index, or what a task calls
/// (`lambda:invoke`, an activity or function ARN).
pub fn detail(event: &HistoryEvent) -> String {
    if let Some(error) = event.error() {
        return match event.cause() {
            Some(cause) => format!("{error}: {}", shorten(cause, 60)),
            None => error.to_owned(),
        };
    }
    if let Some(worker) = event.worker_name() {
        return format!("worker {worker}");
    }
    if let Some(index) = event.map_index() {
        return format!("index {index}");
    }
    if let Some(EventDetails::TaskScheduled(d)) = &event.details {
        if let (Some(service), Some(action)) = (&d.resource_type, &d.resource) {
            return format!("{service}:{action}");
        }
    }
    if event.event_type.as_str().ends_with("Scheduled") {
        if let Some(resource) = event.resource() {
            return shorten(resource, 60);
        }
    }
    String::new()
}

/// Cuts text to at most `max` characters on one line, marking the cut with `…`.
fn shorten(text: &str, max: usize) -> String {
    let line = text.replace(['\n', '\r'], " ");
    if line.chars().count() <= max {
        return line;
    }
    let cut: String = line.chars().take(max - 1).collect();
    format!("{cut}…")
}
