//! The subcommands, one file each, and the dispatch between them.

mod check;
mod coverage;
mod diff;
mod golden;
mod graph;
mod import;
mod lint;
mod ls;
mod record;
mod report;
mod run;
mod show;
mod stats;
mod timeline;
mod validate;
mod worker;

use crate::exit::Outcome;
use clap::{Parser, Subcommand};

/// Record, validate, time and check AWS Step Functions executions.
#[derive(Debug, Parser)]
#[command(name = "sfn-ledger", version, about, long_about = None)]
pub struct Cli {
    /// Log the AWS calls, retries, ledger writes and worker steps to stderr (-v info, -vv
    /// debug). Task tokens are shown shortened, credentials never. Only sfn-ledger's own logs:
    /// the AWS SDK's stay off (they show the access key id and request details, and what they
    /// hide is up to the SDK) unless RUST_LOG asks for them; RUST_LOG replaces this filter,
    /// e.g. RUST_LOG=sfn_ledger_recorder=debug,aws_smithy_runtime=debug
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Start an execution, serve its activities, wait for it and record it.
    Run(run::RunArgs),
    /// Serve an activity: poll for tasks and answer them.
    Worker(worker::WorkerArgs),
    /// Record existing executions into the ledger.
    Record(record::RecordArgs),
    /// Print an execution history as a table, a tree or JSON.
    Show(show::Args),
    /// Check histories against the event lifecycle rules and their definition (replay).
    Validate(validate::Args),
    /// Report durations, retries, failures and the critical path of an execution.
    Report(report::ReportArgs),
    /// Statistics across the stored runs of a state machine.
    Stats(stats::StatsArgs),
    /// Draw an execution's timeline: terminal Gantt chart, HTML page or Chrome trace.
    Timeline(timeline::TimelineArgs),
    /// Draw the event DAG or the path of states taken (Graphviz dot or Mermaid).
    Graph(graph::GraphArgs),
    /// Check executions against expectations (TOML) or a golden history, for CI.
    Check(check::CheckArgs),
    /// Write a normalized history for `check --golden`, independent of branch interleaving.
    Golden(golden::GoldenArgs),
    /// Compare two executions, or candidates with the median of baseline runs.
    Diff(diff::DiffArgs),
    /// Check Amazon States Language definitions for mistakes.
    Lint(lint::LintArgs),
    /// Report which states and transitions of a definition runs exercised.
    Coverage(coverage::CoverageArgs),
    /// Store history JSON files in the ledger.
    Import(import::ImportArgs),
    /// List the executions stored in the ledger.
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
        Command::Report(args) => report::run(args),
        Command::Stats(args) => stats::run(args),
        Command::Timeline(args) => timeline::run(args),
        Command::Graph(args) => graph::run(args),
        Command::Lint(args) => lint::run(args),
        Command::Coverage(args) => coverage::run(args),
        Command::Validate(args) => validate::run(args),
        Command::Show(args) => show::run(args),
        Command::Run(args) => run::run(args),
        Command::Worker(args) => worker::run(args),
        Command::Record(args) => record::run(args),
    }
}
