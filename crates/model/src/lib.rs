//! Typed AWS Step Functions execution histories: reading, the event DAG, scopes, state visits
//! and validation. Pure and synchronous: no I/O but parsing what it is given.

pub mod analysis;
pub mod asl;
pub mod conformance;
pub mod coverage;
pub mod dag;
pub mod details;
pub mod event;
pub mod event_type;
pub mod fuzzing;
pub mod golden;
pub mod history;
pub mod lint;
pub mod parse;
pub mod payload;
pub mod redact;
pub mod scope;
pub mod stats;
pub mod timestamp;
pub mod timing;
pub mod validate;
pub mod verify;
pub mod violation;

#[cfg(test)]
mod fixture_snapshots;

pub use analysis::{Analysis, Attempt, AttemptOutcome, StateVisit, VisitId};
pub use asl::{Definition, DefinitionError};
pub use dag::EventDag;
pub use details::EventDetails;
pub use event::HistoryEvent;
pub use event_type::{EventType, StateType, TaskFamily, TaskPhase};
pub use history::{History, ParseWarning};
pub use parse::{parse_history, parse_history_owned, ParseError};
pub use scope::{ScopeId, ScopeStep, ScopeTree};
pub use timing::{Report, Status};
pub use violation::{Severity, Violation};
