//! `sfn-ledger golden`: writes the normalized (golden) form of an execution to standard output.

use crate::exit::Outcome;
use crate::golden_check::execution_name;
use crate::input::load;
use crate::ledger_path::DbArgs;
use clap::Args;
use sfn_ledger_model::golden::{normalize, GoldenOptions};
use sfn_ledger_model::Analysis;

/// Write a normalized history for `check --golden`: ids, timestamps, ARNs, names and tokens
/// replaced; Parallel branches and Map iterations regrouped so their interleaving does not
/// matter.
#[derive(Debug, Args)]
pub struct GoldenArgs {
    /// The execution: a history file, or an execution ARN/name stored in the ledger.
    #[arg(value_name = "EXECUTION")]
    execution: String,
    /// Drop payloads (inputs, outputs, parameters).
    #[arg(long)]
    no_payloads: bool,
    /// Replace matches of this regular expression in every string by `<redacted>` (repeatable).
    #[arg(long, value_name = "REGEX")]
    redact: Vec<String>,
    /// Replace the value of this JSON key, anywhere in payloads and details, by `<redacted>`
    /// (repeatable).
    #[arg(long, value_name = "KEY")]
    redact_key: Vec<String>,
    #[command(flatten)]
    db: DbArgs,
}

/// Runs `golden`.
pub fn run(args: GoldenArgs) -> anyhow::Result<Outcome> {
    let loaded = load(&args.execution, &args.db)?;
    let options = GoldenOptions {
        payloads: !args.no_payloads,
        redact: args.redact,
        redact_keys: args.redact_key,
    };
    let analysis = Analysis::new(&loaded.history);
    let name = execution_name(&loaded);
    let golden = normalize(&loaded.history, &analysis, &options, name.as_deref())
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    println!("{}", serde_json::to_string_pretty(&golden.doc)?);
    Ok(Outcome::Clean)
}
