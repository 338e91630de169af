//! What the ledger stores about an execution besides its events.

use jiff::Timestamp;
use serde::Serialize;

/// An execution's description, as DescribeExecution gives it (or as derived from a file).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ExecutionRecord {
    /// The execution ARN (the key).
    pub arn: String,
    /// The execution name.
    pub name: String,
    /// The state machine ARN, when known.
    pub state_machine_arn: Option<String>,
    /// The state machine name, when known.
    pub state_machine_name: Option<String>,
    /// RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED or PENDING_REDRIVE.
    pub status: Option<String>,
    /// When it started.
    pub start_date: Option<Timestamp>,
    /// When it stopped.
    pub stop_date: Option<Timestamp>,
    /// The execution input (JSON text).
    pub input: Option<String>,
    /// The execution output (JSON text).
    pub output: Option<String>,
    /// How many times it was redriven.
    pub redrive_count: Option<i64>,
}

/// What storing one execution did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StoreSummary {
    /// Events newly stored.
    pub inserted: usize,
    /// Events that were already stored (identical), left as they were.
    pub already_stored: usize,
}

/// One row of `sfn-ledger ls`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredExecution {
    /// The execution.
    pub record: ExecutionRecord,
    /// How many events are stored.
    pub events: i64,
    /// The SHA-256 of the recorded definition, if any.
    pub definition_hash: Option<String>,
}
