//! The `sfn-ledger` command line: parses arguments, runs one command, maps the outcome to an
//! exit code (0 fine, 1 findings or failed checks, 2 errors).

mod asl_output;
mod commands;
mod coverage_output;
mod definition_check;
mod diagnostics;
mod events;
mod exit;
mod format;
mod input;
mod ledger_path;
mod render;
mod stats_samples;
mod table;
mod timed;
mod tree;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = commands::Cli::parse();
    match commands::run(cli) {
        Ok(outcome) => outcome.into(),
        Err(error) => exit::report_error(&error),
    }
}
