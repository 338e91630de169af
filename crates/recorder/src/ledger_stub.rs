//! A stand-in for the ledger that is being written on the main branch, with the same API, so
//! the AWS side can be built and tested before the two meet. Replaced by the real ledger.

use jiff::Timestamp;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::value::RawValue;
use sfn_ledger_model::{History, HistoryEvent};
use std::path::Path;

/// What can go wrong with the ledger.
#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    /// Any SQLite error.
    #[error("ledger query failed: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A stored event cannot be read back.
    #[error("stored event unreadable: {0}")]
    Corrupt(String),
}

/// An execution's description, as DescribeExecution gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExecutionRecord {
    /// The execution ARN (the key).
    pub arn: String,
    /// The execution name.
    pub name: String,
    /// The state machine ARN, when known.
    pub state_machine_arn: Option<String>,
    /// The state machine name, when known.
    pub state_machine_name: Option<String>,
    /// RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED or PENDING_REDRIVE.
    pub status: Option<String>,
    /// When it started.
    pub start_date: Option<Timestamp>,
    /// When it stopped.
    pub stop_date: Option<Timestamp>,
    /// The execution input (JSON text).
    pub input: Option<String>,
    /// The execution output (JSON text).
    pub output: Option<String>,
    /// How many times it was redriven.
    pub redrive_count: Option<i64>,
}

/// What storing one execution did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StoreSummary {
    /// Events newly stored.
    pub inserted: usize,
    /// Events that were already stored, left as they were.
    pub already_stored: usize,
}

/// A stored execution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredExecution {
    /// The execution.
    pub record: ExecutionRecord,
    /// How many events are stored.
    pub events: i64,
}

/// An open ledger.
pub struct Ledger {
    conn: Connection,
}

impl Ledger {
    /// Opens (creating) a ledger.
    pub fn open(path: &Path) -> Result<Ledger, LedgerError> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(60))?;
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS executions (arn TEXT PRIMARY KEY, name TEXT, status TEXT,
               output TEXT, redrive_count INTEGER, definition TEXT);
             CREATE TABLE IF NOT EXISTS events (arn TEXT, id INTEGER, json TEXT,
               PRIMARY KEY (arn, id));",
        )?;
        Ok(Ledger { conn })
    }

    /// Stores an execution and its new events in one transaction.
    pub fn store_execution(
        &mut self,
        record: &ExecutionRecord,
        definition: Option<&str>,
        events: &[HistoryEvent],
    ) -> Result<StoreSummary, LedgerError> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO executions (arn, name, status, output, redrive_count, definition)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(arn) DO UPDATE SET status = ?3,
             output = ?4, redrive_count = ?5, definition = coalesce(?6, definition)",
            params![
                record.arn,
                record.name,
                record.status,
                record.output,
                record.redrive_count,
                definition
            ],
        )?;
        let mut summary = StoreSummary::default();
        for event in events {
            let n = tx.execute(
                "INSERT OR IGNORE INTO events (arn, id, json) VALUES (?1, ?2, ?3)",
                params![record.arn, event.id, event.raw.get()],
            )?;
            if n == 1 {
                summary.inserted += 1;
            } else {
                summary.already_stored += 1;
            }
        }
        tx.commit()?;
        Ok(summary)
    }

    /// The largest stored event id of an execution.
    pub fn last_event_id(&self, execution_arn: &str) -> Result<Option<i64>, LedgerError> {
        Ok(self.conn.query_row(
            "SELECT max(id) FROM events WHERE arn = ?1",
            [execution_arn],
            |row| row.get(0),
        )?)
    }

    /// A stored execution by ARN or name.
    pub fn execution(&self, arn_or_name: &str) -> Result<Option<StoredExecution>, LedgerError> {
        let row = self
            .conn
            .query_row(
                "SELECT arn, name, status, output, redrive_count,
                   (SELECT count(*) FROM events e WHERE e.arn = x.arn)
                 FROM executions x WHERE arn = ?1 OR name = ?1",
                [arn_or_name],
                |row| {
                    Ok(StoredExecution {
                        record: ExecutionRecord {
                            arn: row.get(0)?,
                            name: row.get(1)?,
                            status: row.get(2)?,
                            output: row.get(3)?,
                            redrive_count: row.get(4)?,
                            ..Default::default()
                        },
                        events: row.get(5)?,
                    })
                },
            )
            .optional()?;
        Ok(row)
    }

    /// The stored events of an execution, as a history.
    pub fn history(&self, execution_arn: &str) -> Result<History, LedgerError> {
        let mut stmt = self.conn.prepare("SELECT json FROM events WHERE arn = ?1 ORDER BY id")?;
        let rows = stmt.query_map([execution_arn], |row| row.get::<_, String>(0))?;
        let mut raw = Vec::new();
        for json in rows {
            raw.push(
                RawValue::from_string(json?).map_err(|e| LedgerError::Corrupt(e.to_string()))?,
            );
        }
        sfn_ledger_model::parse::history_from_raw_events(raw)
            .map_err(|e| LedgerError::Corrupt(e.to_string()))
    }

    /// The recorded definition of an execution's state machine.
    pub fn definition(&self, execution_arn: &str) -> Result<Option<String>, LedgerError> {
        Ok(self
            .conn
            .query_row("SELECT definition FROM executions WHERE arn = ?1", [execution_arn], |row| {
                row.get(0)
            })
            .optional()?
            .flatten())
    }
}
