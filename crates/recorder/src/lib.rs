//! Records AWS Step Functions executions into an event-sourced SQLite ledger.
