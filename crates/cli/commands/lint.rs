//! `sfn-ledger lint DEFINITION...`: static checks of state machine definitions.

use crate::asl_output::{self, FileFindings, Format};
use crate::definition_check::load_definition;
use crate::exit::Outcome;
use clap::Args;
use std::path::PathBuf;

/// Check Amazon States Language definitions for mistakes (exit 1 on error findings).
#[derive(Debug, Args)]
pub struct LintArgs {
    /// ASL definition files (JSON).
    #[arg(required = true, value_name = "DEFINITION")]
    definitions: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

/// Runs the lint rules on every definition; an unreadable one is an error (exit 2).
pub fn run(args: LintArgs) -> anyhow::Result<Outcome> {
    let mut files = Vec::new();
    for path in &args.definitions {
        let definition = load_definition(path)?;
        let findings = sfn_ledger_model::lint::lint(&definition);
        files.push(FileFindings { file: path.display().to_string(), findings });
    }
    asl_output::print(&files, args.format)?;
    Ok(if asl_output::has_errors(&files) { Outcome::Findings } else { Outcome::Clean })
}
