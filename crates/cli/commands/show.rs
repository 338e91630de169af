//! `sfn-ledger show FILE`: prints a history as an event table, a scope tree or JSON.

use crate::exit::Outcome;
use crate::format::Format;
use crate::{input, table, tree};
use sfn_ledger_model::Analysis;
use std::io::Write;

/// Arguments of `show`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A history file (GetExecutionHistory JSON in any form the AWS CLI writes), or an
    /// execution ARN or name stored in the ledger.
    #[arg(value_name = "FILE|EXECUTION")]
    file: String,
    /// Print the events nested by scope (Parallel branches, Map iterations) instead of a table.
    #[arg(long)]
    tree: bool,
    /// Output format: a table, or the history as `{"events":[...]}` with every event as read.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// Replace every input, output, cause and parameters payload by its size and hash.
    #[arg(long)]
    redact: bool,
    #[command(flatten)]
    db: crate::ledger_path::DbArgs,
}

/// Prints the history; always exit 0 once it could be read.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    if args.tree && args.format == Format::Json {
        anyhow::bail!("--tree prints text; it cannot be combined with --format json");
    }
    let loaded = input::load(&args.file, &args.db)?;
    let redacted = args.redact.then(|| sfn_ledger_model::redact::redact_history(&loaded.history));
    let history = redacted.as_ref().unwrap_or(&loaded.history);
    let text = match args.format {
        Format::Json => history.to_json() + "\n",
        Format::Text => {
            let analysis = Analysis::new(history);
            if args.tree {
                tree::render(history, &analysis)
            } else {
                table::render(history, &analysis)
            }
        }
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(Outcome::Clean)
}
