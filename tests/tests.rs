//! The integration-test binary: end-to-end CLI tests and emulator tests, one module each.

mod bad_input;
mod cli_check;
mod cli_diff;
mod cli_ledger;
mod cli_ledger_checks;
mod cli_show;
mod cli_validate;
mod corpus;
mod corpus_verify;
mod definitions;
mod emulator_definitions;
mod emulator_faults;
mod emulator_golden;
mod emulator_paging;
mod emulator_record;
mod emulator_run;
mod emulator_support;
mod emulator_worker;
mod fuzz_regressions;
mod lossless;
mod property;
mod redaction;
mod reports;
mod stats;
mod timeline_browser;
mod util;
