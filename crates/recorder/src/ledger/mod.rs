//! The event-sourced SQLite ledger: append-only events, one transaction per execution.

mod error;
mod migrate;
mod open;
mod read;
mod record;
mod samples;
mod write;

pub use error::LedgerError;
pub use open::{default_path, Ledger};
pub use read::ExecutionFilter;
pub use record::{ExecutionRecord, StoreSummary, StoredExecution};
pub use samples::CachedSample;

#[cfg(test)]
mod tests;
