//! Records AWS Step Functions executions into an event-sourced SQLite ledger.

pub mod import;
pub mod ledger;
