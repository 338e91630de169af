//! `sfn-ledger coverage --definition FILE HISTORY...`: which states and transitions of a
//! definition the given runs exercised.

use crate::asl_output::Format;
use crate::coverage_output;
use crate::definition_check::load_definition;
use crate::exit::Outcome;
use crate::input::load_file;
use clap::Args;
use sfn_ledger_model::Analysis;
use std::path::PathBuf;

/// Report the states and transitions of a definition that runs exercised and never exercised.
#[derive(Debug, Args)]
pub struct CoverageArgs {
    /// The ASL definition the runs executed.
    #[arg(long, value_name = "FILE")]
    definition: PathBuf,
    /// Execution history files of runs of that definition.
    #[arg(required = true, value_name = "HISTORY")]
    histories: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

/// Computes and prints coverage; exits 0 unless an input is unreadable.
pub fn run(args: CoverageArgs) -> anyhow::Result<Outcome> {
    let definition = load_definition(&args.definition)?;
    let mut runs = Vec::new();
    for path in &args.histories {
        let history = load_file(path)?.history;
        let analysis = Analysis::new(&history);
        runs.push((history, analysis));
    }
    let coverage = sfn_ledger_model::coverage::coverage(&definition, &runs);
    coverage_output::print(&args.definition.display().to_string(), &coverage, args.format)?;
    Ok(Outcome::Clean)
}
