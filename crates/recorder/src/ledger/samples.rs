//! The cache of per-execution statistics samples: derived data kept next to the events.

use super::error::LedgerError;
use super::open::Ledger;
use rusqlite::{params, OptionalExtension};

/// A cached sample of one execution, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedSample {
    /// The execution's stored event count when the sample was made.
    pub events: i64,
    /// The sample format version.
    pub version: i64,
    /// The sample (JSON text).
    pub sample: String,
}

impl Ledger {
    /// The cached sample of an execution, if any (the caller checks `events` and `version`).
    pub fn cached_sample(&self, execution_arn: &str) -> Result<Option<CachedSample>, LedgerError> {
        let mut statement = self.conn.prepare_cached(
            "SELECT s.events, s.version, s.sample FROM execution_samples s
             JOIN executions x ON x.key = s.execution WHERE x.arn = ?1",
        )?;
        Ok(statement
            .query_row(params![execution_arn], |row| {
                Ok(CachedSample { events: row.get(0)?, version: row.get(1)?, sample: row.get(2)? })
            })
            .optional()?)
    }

    /// Stores (or replaces) the cached sample of a stored execution; does nothing for an
    /// execution that is not stored.
    pub fn cache_samples<'a>(
        &mut self,
        samples: impl IntoIterator<Item = (&'a str, CachedSample)>,
    ) -> Result<(), LedgerError> {
        let tx = self.conn.transaction()?;
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO execution_samples (execution, events, version, sample)
                 SELECT key, ?2, ?3, ?4 FROM executions WHERE arn = ?1
                 ON CONFLICT (execution) DO UPDATE SET
                     events = excluded.events, version = excluded.version,
                     sample = excluded.sample",
            )?;
            for (arn, s) in samples {
                insert.execute(params![arn, s.events, s.version, s.sample])?;
            }
        }
        tx.commit()?;
        Ok(())
    }
}
