//! `sfn-ledger validate`: checks histories against the lifecycle rules and, where a definition
//! is known, against the definition (conformance; replay when it is a new definition).

use crate::definition_check::{conformance_against, load_definition};
use crate::diagnostics::{self, FileReport};
use crate::exit::Outcome;
use crate::format::Format;
use crate::input::{self, LoadedHistory};
use crate::ledger_path::DbArgs;
use anyhow::Context;
use sfn_ledger_model::validate::validate;
use sfn_ledger_model::{Analysis, Definition};
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `validate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// History files (GetExecutionHistory JSON in any form the AWS CLI writes), or execution
    /// ARNs or names stored in the ledger.
    #[arg(value_name = "FILE|EXECUTION", required_unless_present = "state_machine")]
    files: Vec<String>,
    /// Also check every run against this ASL definition: the one it ran, or a new one, to see
    /// which recorded runs would no longer be legal paths under it (replay). Without it,
    /// executions from the ledger are checked against the definition recorded with them.
    #[arg(long, value_name = "FILE")]
    definition: Option<PathBuf>,
    /// Validate every execution of this state machine stored in the ledger.
    #[arg(long, value_name = "NAME|ARN")]
    state_machine: Option<String>,
    /// Output format: text lines, or one JSON array with an object per input.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    #[command(flatten)]
    db: DbArgs,
}

/// Loads every input first (an unreadable one is an error, exit 2), then validates each; exit 1
/// when any has an error-severity finding.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let definition = args.definition.as_deref().map(load_definition).transpose()?;
    let mut loaded =
        args.files.iter().map(|f| input::load(f, &args.db)).collect::<anyhow::Result<Vec<_>>>()?;
    if let Some(machine) = &args.state_machine {
        loaded.extend(input::stored_runs(machine, &args.db)?);
    }
    let mut reports = Vec::with_capacity(loaded.len());
    for l in loaded {
        let analysis = Analysis::new(&l.history);
        let mut findings = validate(&l.history, &analysis);
        if let Some(definition) = recorded_or_given(&l, definition.as_ref())? {
            findings.extend(conformance_against(&l.history, &analysis, &definition));
        }
        findings.sort_by_key(|f| f.event_id().unwrap_or(0));
        reports.push(FileReport::new(l.source, &l.history.warnings, &findings));
    }
    let text = match args.format {
        Format::Text => diagnostics::text(&reports),
        Format::Json => diagnostics::json(&reports)?,
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(if reports.iter().all(|r| r.valid) { Outcome::Clean } else { Outcome::Findings })
}

/// The definition to check a run against: the one given on the command line, else the one
/// recorded with it in the ledger.
fn recorded_or_given(
    loaded: &LoadedHistory,
    given: Option<&Definition>,
) -> anyhow::Result<Option<Definition>> {
    if let Some(definition) = given {
        return Ok(Some(definition.clone()));
    }
    match &loaded.definition {
        Some(text) => Definition::parse(text.as_bytes())
            .map(Some)
            .map_err(|e| anyhow::anyhow!("{e}"))
            .with_context(|| {
                format!("the definition recorded for {} is unreadable", loaded.source)
            }),
        None => Ok(None),
    }
}
