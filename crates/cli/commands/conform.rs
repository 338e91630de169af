//! `sfn-ledger conform HISTORY --definition FILE` (hidden, temporary): conformance of runs to
//! a definition, until `validate --definition` takes it over.

use crate::asl_output::{self, FileFindings, Format};
use crate::definition_check::conformance_findings;
use crate::exit::Outcome;
use crate::input::load_file;
use clap::Args;
use std::path::PathBuf;

/// Check histories against a state machine definition (exit 1 on error findings).
#[derive(Debug, Args)]
pub struct ConformArgs {
    /// Execution history files.
    #[arg(required = true, value_name = "HISTORY")]
    histories: Vec<PathBuf>,
    /// The ASL definition to check them against (the one they ran, or a new one: replay).
    #[arg(long, value_name = "FILE")]
    definition: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

/// Checks every history; an unreadable input is an error (exit 2).
pub fn run(args: ConformArgs) -> anyhow::Result<Outcome> {
    let mut files = Vec::new();
    for path in &args.histories {
        let loaded = load_file(path)?;
        let findings = conformance_findings(&loaded.history, &args.definition)?;
        files.push(FileFindings { file: loaded.source, findings });
    }
    asl_output::print(&files, args.format)?;
    Ok(if asl_output::has_errors(&files) { Outcome::Findings } else { Outcome::Clean })
}
