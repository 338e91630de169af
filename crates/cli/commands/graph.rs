//! `sfn-ledger graph`: the event DAG or the path of states taken, as Graphviz dot or Mermaid.

use crate::exit::Outcome;
use crate::render::graph::{self, Notation};
use crate::timed::Timed;
use clap::{Args, ValueEnum};
use std::io::Write;

/// Graph notations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// Graphviz dot.
    Dot,
    /// Mermaid flowchart.
    Mermaid,
}

/// What to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphOf {
    /// Every event, linked by previousEventId; edges show the time between linked events.
    Events,
    /// The states taken (merged across Map iterations); nodes show visits and total time,
    /// edges how often a transition was taken and the total time spent between the states.
    States,
}

/// Draw the event DAG or the path of states taken.
#[derive(Debug, Args)]
pub struct GraphArgs {
    /// The execution: a history JSON file, or an execution ARN or name stored in the ledger.
    pub input: String,
    /// Notation.
    #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
    pub format: GraphFormat,
    /// What to draw.
    #[arg(long = "of", value_enum, default_value_t = GraphOf::States)]
    pub of: GraphOf,
    /// Replace every input, output, cause and parameters payload by its size and hash, for
    /// sharing outside the team.
    #[arg(long)]
    redact: bool,
    #[command(flatten)]
    db: crate::ledger_path::DbArgs,
}

/// Prints the graph.
pub fn run(args: GraphArgs) -> anyhow::Result<Outcome> {
    let timed = Timed::load(&args.input, &args.db, args.redact)?;
    let notation = match args.format {
        GraphFormat::Dot => Notation::Dot,
        GraphFormat::Mermaid => Notation::Mermaid,
    };
    let text = match args.of {
        GraphOf::Events => graph::events(&timed, notation),
        GraphOf::States => graph::states(&timed, notation),
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(Outcome::Clean)
}
