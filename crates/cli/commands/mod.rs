//! The subcommands, one file each, and the dispatch between them.

mod graph;
mod import;
mod ls;
mod report;
mod timeline;

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
    Import(import::ImportArgs),
    Ls(ls::LsArgs),
    /// Report durations, retries, failures and the critical path of an execution.
    Report(report::ReportArgs),
    /// Draw an execution's timeline: terminal Gantt chart, HTML page or Chrome trace.
    Timeline(timeline::TimelineArgs),
    /// Draw the event DAG or the path of states taken (Graphviz dot or Mermaid).
    Graph(graph::GraphArgs),
}

/// Runs the chosen command.
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    match cli.command {
        Command::Import(args) => import::run(args),
        Command::Ls(args) => ls::run(args),
        Command::Report(args) => report::run(args),
        Command::Timeline(args) => timeline::run(args),
        Command::Graph(args) => graph::run(args),
    }
}
