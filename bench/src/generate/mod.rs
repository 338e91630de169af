//! Deterministic generator of large, well-formed execution histories that follow real AWS
//! event linkage (sequential and concurrent Map iterations, Parallel branches, activities,
//! retries, caught failures, aborted iterations), written as the AWS CLI v1 or v2 writes them.
//!
//! ```
//! use sfn_ledger_bench::generate::{generate, Format};
//! let json = generate(200, 1).to_json(Format::V1);
//! let history = sfn_ledger_model::parse_history(json.as_bytes()).unwrap();
//! assert!((195..=200).contains(&history.events.len()));
//! ```

mod containers;
mod payload;
mod render;
mod rng;
mod states;
mod track;
mod workflow;

pub use render::Format;
pub use rng::Rng;

use serde_json::Value;
use track::Prev;

/// One generated event.
#[derive(Debug, Clone)]
pub struct GeneratedEvent {
    /// The event id (1..N in order).
    pub id: i64,
    /// The `previousEventId`.
    pub previous_event_id: i64,
    /// Milliseconds since the execution started.
    pub time_ms: u64,
    /// The event type.
    pub event_type: &'static str,
    /// The `*EventDetails` member (key and object), if the type has one.
    pub details: Option<(&'static str, Value)>,
}

/// A generated history.
#[derive(Debug, Clone)]
pub struct Generated {
    /// When the execution started, in epoch milliseconds.
    pub start_epoch_ms: i64,
    /// The events in id order.
    pub events: Vec<GeneratedEvent>,
}

/// 2026-03-02T09:00:00Z in epoch milliseconds: the start of seed 0's execution.
const BASE_EPOCH_MS: i64 = 1_772_442_000_000;

/// Generates a history of about `events` events (within a few events of it; at least 6).
/// The same `(events, seed)` always gives the same history; each seed starts one hour later.
pub fn generate(events: usize, seed: u64) -> Generated {
    let track = workflow::build(events, seed);
    let events = track
        .evs
        .into_iter()
        .enumerate()
        .map(|(index, ev)| GeneratedEvent {
            id: index as i64 + 1,
            previous_event_id: match ev.prev {
                Prev::At(i) => i as i64 + 1,
                Prev::Zero | Prev::Anchor => 0,
            },
            time_ms: ev.t_ms,
            event_type: ev.ty,
            details: ev.details,
        })
        .collect();
    let offset = i64::try_from(seed % 100_000).unwrap_or(0) * 3_600_000;
    Generated { start_epoch_ms: BASE_EPOCH_MS + offset, events }
}
