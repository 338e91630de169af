//! `sfn-ledger coverage --definition FILE HISTORY...|--state-machine NAME`: which states and
//! transitions of a definition the given runs exercised.

use crate::asl_output::Format;
use crate::coverage_output;
use crate::definition_check::load_definition;
use crate::exit::Outcome;
use crate::input::{load, stored_runs};
use crate::ledger_path::DbArgs;
use anyhow::bail;
use clap::Args;
use sfn_ledger_model::Analysis;
use sfn_ledger_model::Definition;
use std::path::PathBuf;

/// Report the states and transitions of a definition that runs exercised and never exercised.
#[derive(Debug, Args)]
pub struct CoverageArgs {
    /// The ASL definition the runs executed [default with --state-machine: the definition
    /// recorded with the newest stored run].
    #[arg(long, value_name = "FILE", required_unless_present = "state_machine")]
    definition: Option<PathBuf>,
    /// Runs of that definition: history files, or execution ARNs or names in the ledger.
    #[arg(value_name = "HISTORY|EXECUTION", required_unless_present = "state_machine")]
    histories: Vec<String>,
    /// Every stored run of this state machine (a CI suite's coverage of its workflow).
    #[arg(long, value_name = "NAME|ARN")]
    state_machine: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    #[command(flatten)]
    db: DbArgs,
}

/// Computes and prints coverage; exits 0 unless an input is unreadable.
pub fn run(args: CoverageArgs) -> anyhow::Result<Outcome> {
    let mut loaded =
        args.histories.iter().map(|h| load(h, &args.db)).collect::<anyhow::Result<Vec<_>>>()?;
    if let Some(machine) = &args.state_machine {
        loaded.extend(stored_runs(machine, &args.db)?);
    }
    let (definition, name) = match &args.definition {
        Some(path) => (load_definition(path)?, path.display().to_string()),
        None => match loaded.iter().rev().find_map(|l| l.definition.as_ref()) {
            Some(text) => (
                Definition::parse(text.as_bytes()).map_err(|e| anyhow::anyhow!("{e}"))?,
                format!(
                    "the definition recorded for {}",
                    args.state_machine.as_deref().unwrap_or("")
                ),
            ),
            None => bail!("no definition recorded with these runs: give one with --definition"),
        },
    };
    let runs: Vec<_> = loaded
        .into_iter()
        .map(|l| {
            let analysis = Analysis::new(&l.history);
            (l.history, analysis)
        })
        .collect();
    let coverage = sfn_ledger_model::coverage::coverage(&definition, &runs);
    coverage_output::print(&name, &coverage, args.format)?;
    Ok(Outcome::Clean)
}
