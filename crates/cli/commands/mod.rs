//! The subcommands, one file each, and the dispatch between them.

mod record;
mod run;
mod worker;

use crate::exit::Outcome;
use clap::{Parser, Subcommand};

/// Record, validate, time and check AWS Step Functions executions.
#[derive(Debug, Parser)]
#[command(name = "sfn-ledger", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Start an execution, serve its activities, wait for it and record it
    Run(run::RunArgs),
    /// Serve an activity: poll for tasks and answer them
    Worker(worker::WorkerArgs),
    /// Record existing executions into the ledger
    Record(record::RecordArgs),
}

/// Runs the chosen command.
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    match cli.command {
        Command::Run(args) => run::run(args),
        Command::Worker(args) => worker::run(args),
        Command::Record(args) => record::run(args),
    }
}
