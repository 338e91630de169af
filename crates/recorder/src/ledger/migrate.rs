//! Schema migrations: numbered SQL files applied in order against `PRAGMA user_version`.

use rusqlite::Connection;

/// The migrations, oldest first; the schema version is the number applied.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_execution_samples.sql"),
    include_str!("migrations/0003_events_rowid.sql"),
];

/// The schema version this build writes.
pub const LATEST: i64 = MIGRATIONS.len() as i64;

/// Applies the migrations a ledger lacks, all in one transaction (a ledger is never left half
/// upgraded, and a new ledger is created with one commit). Returns the version found.
pub fn migrate(conn: &mut Connection) -> rusqlite::Result<i64> {
    migrate_up_to(conn, MIGRATIONS.len())
}

/// Applies the migrations a ledger lacks up to schema version `last`.
pub(super) fn migrate_up_to(conn: &mut Connection, last: usize) -> rusqlite::Result<i64> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if found >= last as i64 {
        return Ok(found);
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    // Another process may have migrated while we waited for the lock.
    let now: i64 = tx.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    for (index, sql) in MIGRATIONS.iter().enumerate().take(last).skip(now.max(0) as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
    }
    tx.commit()?;
    Ok(found)
}
