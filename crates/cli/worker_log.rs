//! Shows worker events on stderr, one line each; task tokens appear only shortened.

use crate::duration::show;
use sfn_ledger_recorder::worker::WorkerEvent;
use std::io::Write;
use tokio::sync::mpsc;

/// One line for an event.
pub fn line(event: &WorkerEvent) -> String {
    match event {
        WorkerEvent::TaskReceived { token } => format!("task {token} received"),
        WorkerEvent::Heartbeat { token } => format!("task {token} heartbeat sent"),
        WorkerEvent::TaskSucceeded { token, elapsed } => {
            format!("task {token} succeeded after {}", show(*elapsed))
        }
        WorkerEvent::TaskFailed { token, failure, elapsed } => {
            let cause = failure.cause.lines().last().unwrap_or("");
            let cause: String = cause.chars().take(200).collect();
            format!("task {token} failed after {}: {}: {cause}", show(*elapsed), failure.error)
        }
        WorkerEvent::TaskLost { token, reason } => format!("task {token} lost: {reason}"),
        WorkerEvent::ResultUndelivered { token, reason } => {
            format!("task {token} result not delivered: {reason}")
        }
        WorkerEvent::PollFailed { reason } => format!("poll failed, retrying: {reason}"),
        WorkerEvent::Stopping { in_flight } => {
            format!("stopping: no more polling, {in_flight} task(s) still running")
        }
    }
}

/// Prints every event received until the senders are gone.
pub async fn print_events(mut events: mpsc::UnboundedReceiver<WorkerEvent>, prefix: &'static str) {
    while let Some(event) = events.recv().await {
        let _ = writeln!(std::io::stderr(), "{prefix}{}", line(&event));
    }
}
