//! Records AWS Step Functions executions into an event-sourced SQLite ledger.

pub mod aws;
pub mod budget;
pub mod describe;
pub mod event_json;
pub mod history;
pub mod import;
pub mod ledger;
pub mod record;
pub mod resolve;
pub mod run;
pub mod token;
pub mod worker;
