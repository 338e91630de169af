//! The subcommands, one file each, and the dispatch between them.

mod show;
mod validate;

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
    /// Check execution histories against the event lifecycle rules.
    Validate(validate::Args),
    /// Print an execution history as a table, a tree or JSON.
    Show(show::Args),
}

/// Runs the chosen command.
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    match cli.command {
        Command::Validate(args) => validate::run(args),
        Command::Show(args) => show::run(args),
    }
}
