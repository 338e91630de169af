//! `sfn-ledger import`: stores history files in the ledger.

use crate::exit::Outcome;
use crate::input::load_file;
use crate::ledger_path::DbArgs;
use anyhow::{bail, Context};
use clap::Args;
use sfn_ledger_recorder::import::{imported_arn, parts_of_execution_arn, record_from_history};
use std::path::PathBuf;

/// Store history JSON files (any format `validate` reads) in the ledger.
///
/// Each file becomes one execution, stored in one transaction: a file that cannot be read
/// stores nothing. Importing the same file again stores nothing new.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// History files.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// The execution ARN to store the history under (only with one file) [default: derived from
    /// the file name: arn:aws:states:local:000000000000:execution:imported:NAME]
    #[arg(long, value_name = "ARN")]
    execution_arn: Option<String>,
    /// A definition (ASL JSON) to store with the execution.
    #[arg(long, value_name = "FILE")]
    definition: Option<PathBuf>,
    #[command(flatten)]
    db: DbArgs,
}

/// Runs `import`.
pub fn run(args: ImportArgs) -> anyhow::Result<Outcome> {
    if args.execution_arn.is_some() && args.files.len() > 1 {
        bail!("--execution-arn names one execution: give one file with it");
    }
    let definition = match &args.definition {
        Some(path) => Some(
            std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?,
        ),
        None => None,
    };
    // Read everything first: a bad file stores nothing at all.
    let loaded = args.files.iter().map(|f| load_file(f)).collect::<anyhow::Result<Vec<_>>>()?;
    for history in &loaded {
        tracing::debug!("read {}: {} event(s)", history.source, history.history.events.len());
    }
    let mut ledger = args.db.open()?;
    tracing::info!("ledger: {}", args.db.path().display());
    for (file, loaded) in args.files.iter().zip(loaded) {
        let name = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let name = name.strip_suffix(".history").unwrap_or(&name).to_owned();
        let arn = args.execution_arn.clone().unwrap_or_else(|| imported_arn(&name));
        for warning in &loaded.history.warnings {
            crate::exit::warn(&loaded.source, warning);
        }
        let mut record = record_from_history(&arn, &name, &loaded.history);
        if let Some((name, machine)) = parts_of_execution_arn(&arn) {
            record.name = name;
            record.state_machine_arn = Some(machine);
        }
        let summary = ledger
            .store_history(&record, definition.as_deref(), &loaded.history)
            .with_context(|| format!("{}: not stored", loaded.source))?;
        tracing::info!(
            "ledger: stored {arn}: {} new event(s), {} already stored",
            summary.inserted,
            summary.already_stored
        );
        println!(
            "{}: {} events stored, {} already stored, as {arn}",
            loaded.source, summary.inserted, summary.already_stored
        );
    }
    Ok(Outcome::Clean)
}
