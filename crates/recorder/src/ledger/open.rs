//! Opening (and creating) a ledger file: owner-only permissions, WAL, busy timeout, migrations.

use super::error::LedgerError;
use super::migrate::{migrate, LATEST};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a writer waits for another process's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// An open ledger. One per thread: a `Connection` is `Send` but not `Sync`.
pub struct Ledger {
    pub(super) conn: Connection,
    pub(super) path: PathBuf,
}

/// The default ledger file: `<platform data dir>/sfn-ledger/ledger.sqlite3`
/// (`~/.local/share/sfn-ledger/ledger.sqlite3` on Linux).
pub fn default_path() -> PathBuf {
    dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join("sfn-ledger").join("ledger.sqlite3")
}

impl Ledger {
    /// Opens a ledger, creating the file (readable only by its owner) and its folder if needed,
    /// and migrating its schema to the latest version.
    pub fn open(path: &Path) -> Result<Ledger, LedgerError> {
        let fail = |source: Box<dyn std::error::Error + Send + Sync>| LedgerError::Open {
            path: path.to_owned(),
            source,
        };
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(|e| fail(e.into()))?;
        }
        create_owner_only(path).map_err(|e| fail(e.into()))?;
        let mut conn = Connection::open(path).map_err(|e| fail(e.into()))?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| fail(e.into()))?;
        conn.pragma_update(None, "journal_mode", "WAL").map_err(|e| fail(e.into()))?;
        conn.pragma_update(None, "synchronous", "NORMAL").map_err(|e| fail(e.into()))?;
        conn.pragma_update(None, "foreign_keys", "ON").map_err(|e| fail(e.into()))?;
        let found = migrate(&mut conn).map_err(|e| fail(e.into()))?;
        if found > LATEST {
            return Err(LedgerError::TooNew { path: path.to_owned(), found, known: LATEST });
        }
        Ok(Ledger { conn, path: path.to_owned() })
    }

    /// The file this ledger lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(unix)]
fn create_owner_only(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    match std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

#[cfg(not(unix))]
fn create_owner_only(_path: &Path) -> std::io::Result<()> {
    Ok(())
}
