//! Loads the histories that commands are given: a file on disk, or an execution (ARN or name)
//! stored in the ledger.

use crate::ledger_path::DbArgs;
use anyhow::{bail, Context};
use sfn_ledger_model::{parse_history_owned, History};
use sfn_ledger_recorder::ledger::ExecutionFilter;
use sfn_ledger_recorder::ledger::StoredExecution;
use std::path::Path;

/// A history together with where it came from.
pub struct LoadedHistory {
    /// What the user named: a path, or an execution ARN/name.
    pub source: String,
    /// The events.
    pub history: History,
    /// The stored execution, when it came from the ledger.
    pub stored: Option<StoredExecution>,
    /// The definition recorded with it, when it came from the ledger and has one.
    pub definition: Option<String>,
}

/// Reads and parses a history file; errors name the file (and the event, where known).
pub fn load_file(path: &Path) -> anyhow::Result<LoadedHistory> {
    let source = path.display().to_string();
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {source}"))?;
    let history = parse_history_owned(bytes).map_err(|e| anyhow::anyhow!("{source}: {e}"))?;
    Ok(LoadedHistory { source, history, stored: None, definition: None })
}

/// Loads a file if `source` names one, otherwise the stored execution with that ARN or name.
pub fn load(source: &str, db: &DbArgs) -> anyhow::Result<LoadedHistory> {
    let path = Path::new(source);
    let looks_like_a_path = !source.starts_with("arn:")
        && (source.contains(std::path::MAIN_SEPARATOR) || source.ends_with(".json"));
    if path.exists() || looks_like_a_path {
        return load_file(path);
    }
    let Some(ledger) = db.open_existing()? else {
        bail!("{source}: no such file, and no ledger at {} to look it up in", db.path().display());
    };
    let Some(stored) = ledger.execution(source)? else {
        bail!(
            "{source}: no such file, and no execution with that ARN or name in {}",
            db.path().display()
        );
    };
    let history = ledger.history(&stored.record.arn)?;
    let definition = ledger.definition(&stored.record.arn)?;
    Ok(LoadedHistory {
        source: stored.record.arn.clone(),
        history,
        stored: Some(stored),
        definition,
    })
}

/// Every stored execution of a state machine, oldest first.
pub fn stored_runs(machine: &str, db: &DbArgs) -> anyhow::Result<Vec<LoadedHistory>> {
    let Some(ledger) = db.open_existing()? else {
        bail!("no ledger at {} to find executions of {machine} in", db.path().display());
    };
    let filter = ExecutionFilter { state_machine: Some(machine.to_owned()), ..Default::default() };
    let mut runs = ledger.executions(&filter)?;
    if runs.is_empty() {
        bail!("no executions of state machine {machine} in {}", db.path().display());
    }
    runs.reverse();
    runs.into_iter()
        .map(|stored| {
            let arn = stored.record.arn.clone();
            let history = ledger.history(&arn)?;
            let definition = ledger.definition(&arn)?;
            Ok(LoadedHistory { source: arn, history, stored: Some(stored), definition })
        })
        .collect()
}
