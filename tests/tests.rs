//! The integration-test binary: end-to-end CLI tests and emulator tests, one module each.

mod cli_check;
mod cli_diff;
mod cli_ledger;
mod cli_ledger_checks;
mod corpus_verify;
mod emulator_golden;
mod util;
