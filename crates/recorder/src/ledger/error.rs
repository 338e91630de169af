//! Errors of the ledger, each naming the file or execution concerned.

use std::path::PathBuf;

/// What can go wrong with the ledger.
#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    /// The file could not be created, opened or migrated.
    #[error("cannot open ledger {path}: {source}")]
    Open {
        /// The ledger file.
        path: PathBuf,
        /// Why.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// The file was written by a newer sfn-ledger.
    #[error(
        "ledger {path} has schema version {found}, newer than this sfn-ledger knows ({known})"
    )]
    TooNew {
        /// The ledger file.
        path: PathBuf,
        /// Its version.
        found: i64,
        /// The newest version this build knows.
        known: i64,
    },
    /// An event arrived with the id of a stored event but different content.
    #[error(
        "event {event_id} of {execution} differs from the one already stored; events are \
         append-only, nothing was written for this execution"
    )]
    Conflict {
        /// The execution ARN.
        execution: String,
        /// The event id.
        event_id: i64,
    },
    /// The same event id appears twice in what was to be stored.
    #[error(
        "event id {event_id} appears twice in the history of {execution}; nothing was written"
    )]
    DuplicateEvent {
        /// The execution ARN.
        execution: String,
        /// The repeated id.
        event_id: i64,
    },
    /// A name matches executions of several state machines.
    #[error("execution name {name:?} is ambiguous; use one of these ARNs: {}", arns.join(", "))]
    Ambiguous {
        /// The name asked for.
        name: String,
        /// The matching ARNs.
        arns: Vec<String>,
    },
    /// A stored event cannot be read back (the file was edited by hand).
    #[error("stored event {event_id} of {execution} is unreadable: {message}")]
    Corrupt {
        /// The execution ARN.
        execution: String,
        /// The event id.
        event_id: i64,
        /// Why.
        message: String,
    },
    /// Any other SQLite error.
    #[error("ledger query failed: {0}")]
    Sqlite(#[from] rusqlite::Error),
}
