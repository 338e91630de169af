//! The subcommands, one file each, and the dispatch between them.

mod conform;
mod coverage;
mod lint;

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
    /// Check Amazon States Language definitions for mistakes.
    Lint(lint::LintArgs),
    /// Report which states and transitions of a definition runs exercised.
    Coverage(coverage::CoverageArgs),
    /// Check histories against a definition (temporary; `validate --definition` replaces it).
    #[command(hide = true)]
    Conform(conform::ConformArgs),
}

/// Runs the chosen command.
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    match cli.command {
        Command::Lint(args) => lint::run(args),
        Command::Coverage(args) => coverage::run(args),
        Command::Conform(args) => conform::run(args),
    }
}
