//! The integration-test binary: end-to-end CLI tests and emulator tests, one module each.

mod bad_input;
mod cli_ledger;
mod cli_show;
mod cli_validate;
mod corpus;
mod definitions;
mod fuzz_regressions;
mod reports;
mod stats;
mod timeline_browser;
mod util;
