//! Loads the histories that commands are given: files on disk (and, later, ledger entries).

use anyhow::Context;
use sfn_ledger_model::{parse_history, History};
use std::path::Path;

/// A history together with the name it was loaded under (a file path).
pub struct LoadedHistory {
    /// What the user named: a path.
    pub source: String,
    /// The events.
    pub history: History,
}

/// Loads what a command argument names. Today that is a history file; this is the one place
/// to teach commands about execution ARNs or names from the ledger.
pub fn load(input: &str) -> anyhow::Result<LoadedHistory> {
    load_file(Path::new(input))
}

/// Reads and parses a history file; errors name the file (and the event, where known).
pub fn load_file(path: &Path) -> anyhow::Result<LoadedHistory> {
    let source = path.display().to_string();
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {source}"))?;
    let history = parse_history(&bytes).map_err(|e| anyhow::anyhow!("{source}: {e}"))?;
    Ok(LoadedHistory { source, history })
}
