//! The cache of per-execution statistics samples: derived data kept next to the events.

use super::error::LedgerError;
use super::open::Ledger;
use rusqlite::{params, OptionalExtension, Transaction};
use sfn_ledger_model::stats::{ExecutionSample, SAMPLE_VERSION};
use sfn_ledger_model::{Analysis, History, HistoryEvent, Report};

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

/// Stores the statistics sample of an execution whose complete history (in id order) was just
/// written, in the writing transaction. Anything else (a partial append, events out of order)
/// leaves the cache as it is: a row whose event count differs is recomputed by its reader.
pub(super) fn cache_on_write(
    tx: &Transaction<'_>,
    key: i64,
    events: &[HistoryEvent],
    history: Option<&History>,
) -> Result<(), LedgerError> {
    let stored: i64 =
        tx.query_row("SELECT count(*) FROM events WHERE execution = ?1", params![key], |row| {
            row.get(0)
        })?;
    let in_order = events.windows(2).all(|pair| pair[0].id < pair[1].id);
    if stored != events.len() as i64 || !in_order || events.is_empty() {
        return Ok(());
    }
    let copy;
    let history = match history {
        Some(history) => history,
        None => {
            copy = History { events: events.to_vec(), warnings: Vec::new() };
            &copy
        }
    };
    let analysis = Analysis::new(history);
    let report = Report::new(history, &analysis);
    let sample = ExecutionSample::new(history, &analysis, &report);
    let Ok(text) = serde_json::to_string(&sample) else { return Ok(()) };
    tx.execute(
        "INSERT INTO execution_samples (execution, events, version, sample)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (execution) DO UPDATE SET
             events = excluded.events, version = excluded.version, sample = excluded.sample",
        params![key, stored, SAMPLE_VERSION, text],
    )?;
    Ok(())
}
