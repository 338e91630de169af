//! Which executions a command works on: files, ARNs or names given on the command line, or the
//! last N executions of a state machine in the ledger.

use crate::input::{load, LoadedHistory};
use crate::ledger_path::DbArgs;
use anyhow::bail;
use sfn_ledger_recorder::ledger::ExecutionFilter;

/// Loads every named execution, then the `last` newest of `state_machine` (when given).
pub fn load_all(
    sources: &[String],
    state_machine: Option<&str>,
    last: Option<usize>,
    db: &DbArgs,
) -> anyhow::Result<Vec<LoadedHistory>> {
    let mut out = Vec::new();
    for source in sources {
        out.push(load(source, db)?);
    }
    if let Some(machine) = state_machine {
        out.extend(last_of(machine, last, db)?);
    }
    Ok(out)
}

/// The `last` newest executions of a state machine stored in the ledger (all when `None`).
pub fn last_of(
    machine: &str,
    last: Option<usize>,
    db: &DbArgs,
) -> anyhow::Result<Vec<LoadedHistory>> {
    let Some(ledger) = db.open_existing()? else {
        bail!("no ledger at {} to find executions of {machine} in", db.path().display());
    };
    let filter = ExecutionFilter {
        state_machine: Some(machine.to_owned()),
        status: None,
        since: None,
        limit: last,
    };
    let stored = ledger.executions(&filter)?;
    if stored.is_empty() {
        bail!("no execution of state machine {machine} in {}", db.path().display());
    }
    stored.iter().map(|e| load(&e.record.arn, db)).collect()
}
