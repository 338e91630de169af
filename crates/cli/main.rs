//! The `sfn-ledger` command line: parses arguments, runs one command, maps the outcome to an
//! exit code (0 fine, 1 findings or failed checks, 2 errors).

mod asl_output;
mod aws_args;
mod check_report;
mod commands;
mod coverage_output;
mod definition_check;
mod diagnostics;
mod diff_report;
mod duration;
mod events;
mod exit;
mod findings;
mod format;
mod golden_check;
mod input;
mod junit;
mod ledger_path;
mod logging;
mod render;
mod select;
mod stats_samples;
mod table;
mod timed;
mod tree;
mod worker_log;

use clap::Parser;
use std::process::ExitCode;

/// jemalloc instead of the system allocator: reading a history makes tens of thousands of
/// small, short-lived allocations; `report` on a 25,000-event history took 85 ms with glibc's
/// malloc and 73 ms with jemalloc, at the same peak memory (docs/performance.md). mimalloc was
/// faster still (59 ms) but only through transparent huge pages, at 4.8× the file's size in
/// peak memory.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    let cli = commands::Cli::parse();
    logging::init(cli.verbose);
    match commands::run(cli) {
        Ok(outcome) => outcome.into(),
        Err(error) => exit::report_error(&error),
    }
}
