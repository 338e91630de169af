//! The subcommands, one file each, and the dispatch between them.

mod check;
mod diff;
mod golden;
mod import;
mod ls;

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
    Check(check::CheckArgs),
    Diff(diff::DiffArgs),
    Golden(golden::GoldenArgs),
    Import(import::ImportArgs),
    Ls(ls::LsArgs),
}

/// Runs the chosen command.
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Golden(args) => golden::run(args),
        Command::Import(args) => import::run(args),
        Command::Ls(args) => ls::run(args),
    }
}
