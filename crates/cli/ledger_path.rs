//! Where the ledger lives: `--db PATH`, else `SFN_LEDGER_DB`, else the platform data directory.

use anyhow::Context;
use clap::Args;
use sfn_ledger_recorder::ledger::{default_path, Ledger};
use std::path::PathBuf;

/// The `--db` option shared by every command that reads or writes the ledger.
#[derive(Debug, Clone, Args)]
pub struct DbArgs {
    /// The ledger file [default: the platform data directory, e.g.
    /// ~/.local/share/sfn-ledger/ledger.sqlite3]
    #[arg(long, env = "SFN_LEDGER_DB", value_name = "PATH", global = true)]
    pub db: Option<PathBuf>,
}

impl DbArgs {
    /// The ledger file to use.
    pub fn path(&self) -> PathBuf {
        self.db.clone().unwrap_or_else(default_path)
    }

    /// Opens (creating if needed) the ledger.
    pub fn open(&self) -> anyhow::Result<Ledger> {
        let path = self.path();
        Ledger::open(&path).with_context(|| "the ledger could not be used".to_string())
    }

    /// Opens the ledger only if the file exists (read-only uses never create one).
    pub fn open_existing(&self) -> anyhow::Result<Option<Ledger>> {
        if self.path().exists() {
            self.open().map(Some)
        } else {
            Ok(None)
        }
    }
}
