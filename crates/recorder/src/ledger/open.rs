//! Opening (and creating) a ledger file: owner-only permissions, WAL, busy timeout, migrations.

use super::error::LedgerError;
use super::migrate::{migrate, LATEST};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

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
        let started = Instant::now();
        let mut pause = Duration::from_millis(5);
        let (conn, found) = loop {
            match connect(path) {
                Ok(opened) => break opened,
                // While another process turns a new file into a WAL ledger, SQLite reports the
                // file locked at once, without waiting in the busy handler: wait and retry
                // (opening is idempotent).
                Err(e) if is_locked(&e) && started.elapsed() < BUSY_TIMEOUT => {
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(200));
                }
                Err(e) => return Err(fail(e.into())),
            }
        };
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

/// Connects, sets WAL, the busy timeout and the pragmas, and migrates; returns the schema
/// version found.
fn connect(path: &Path) -> rusqlite::Result<(Connection, i64)> {
    let mut conn = Connection::open(path)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    let found = migrate(&mut conn)?;
    Ok((conn, found))
}

fn is_locked(error: &rusqlite::Error) -> bool {
    matches!(
        error.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
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
