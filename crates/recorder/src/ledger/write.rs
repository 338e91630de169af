//! Storing an execution: its description, its definition and its new events, in one transaction.

use super::error::LedgerError;
use super::open::Ledger;
use super::record::{ExecutionRecord, StoreSummary};
use rusqlite::{params, OptionalExtension, TransactionBehavior};
use sfn_ledger_model::{History, HistoryEvent};
use sha2::{Digest, Sha256};
use std::collections::HashSet;

/// The SHA-256 of a definition's exact text, in hex: its key in the `definitions` table.
pub fn definition_hash(definition: &str) -> String {
    let digest = Sha256::digest(definition.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn nanos(ts: Option<jiff::Timestamp>) -> Option<i64> {
    ts.and_then(|t| i64::try_from(t.as_nanosecond()).ok())
}

/// The state machine name inside an ARN (`…:stateMachine:NAME[:version]`).
fn name_from_arn(arn: &str) -> &str {
    let mut parts = arn.split(':').skip(6);
    parts.next().unwrap_or(arn)
}

impl Ledger {
    /// Stores an execution: upserts its description (status, stop date, output may change while
    /// it runs), stores its definition once per distinct text, and appends the events not yet
    /// stored. Everything happens in one transaction: on any error nothing is written.
    ///
    /// When `events` is the execution's whole history, its statistics sample is cached too
    /// (table `execution_samples`), so that `stats` need not re-read the events.
    ///
    /// An event whose id is already stored is left untouched when it is the same event (type,
    /// previous id, timestamp); a different event under a stored id is a [`LedgerError::Conflict`].
    pub fn store_execution(
        &mut self,
        record: &ExecutionRecord,
        definition: Option<&str>,
        events: &[HistoryEvent],
    ) -> Result<StoreSummary, LedgerError> {
        self.store(record, definition, events, None)
    }

    /// [`Ledger::store_execution`] of a whole history (every event from the first): its
    /// statistics sample is made from `history` itself rather than from a copy of its events.
    pub fn store_history(
        &mut self,
        record: &ExecutionRecord,
        definition: Option<&str>,
        history: &History,
    ) -> Result<StoreSummary, LedgerError> {
        self.store(record, definition, &history.events, Some(history))
    }

    fn store(
        &mut self,
        record: &ExecutionRecord,
        definition: Option<&str>,
        events: &[HistoryEvent],
        history: Option<&History>,
    ) -> Result<StoreSummary, LedgerError> {
        let mut seen = HashSet::with_capacity(events.len());
        if let Some(dup) = events.iter().find(|e| !seen.insert(e.id)) {
            return Err(LedgerError::DuplicateEvent {
                execution: record.arn.clone(),
                event_id: dup.id,
            });
        }
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if let Some(machine) = &record.state_machine_arn {
            let name = record.state_machine_name.as_deref().unwrap_or(name_from_arn(machine));
            tx.execute(
                "INSERT INTO state_machines (arn, name) VALUES (?1, ?2)
                 ON CONFLICT (arn) DO UPDATE SET name = excluded.name",
                params![machine, name],
            )?;
        }
        let hash = match definition {
            Some(text) => {
                let hash = definition_hash(text);
                tx.execute(
                    "INSERT INTO definitions (hash, body) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
                    params![hash, text],
                )?;
                Some(hash)
            }
            None => None,
        };
        let now = i64::try_from(jiff::Timestamp::now().as_nanosecond()).unwrap_or(i64::MAX);
        let key: i64 = tx.query_row(
            "INSERT INTO executions (arn, name, state_machine_arn, status, start_ns, stop_ns,
                                     input, output, redrive_count, definition_hash, recorded_ns)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
             ON CONFLICT (arn) DO UPDATE SET
                 name = excluded.name,
                 state_machine_arn = coalesce(excluded.state_machine_arn, state_machine_arn),
                 status = coalesce(excluded.status, status),
                 start_ns = coalesce(excluded.start_ns, start_ns),
                 stop_ns = coalesce(excluded.stop_ns, stop_ns),
                 input = coalesce(excluded.input, input),
                 output = coalesce(excluded.output, output),
                 redrive_count = coalesce(excluded.redrive_count, redrive_count),
                 definition_hash = coalesce(excluded.definition_hash, definition_hash),
                 recorded_ns = excluded.recorded_ns
             RETURNING key",
            params![
                record.arn,
                record.name,
                record.state_machine_arn,
                record.status,
                nanos(record.start_date),
                nanos(record.stop_date),
                record.input,
                record.output,
                record.redrive_count,
                hash,
                now,
            ],
            |row| row.get(0),
        )?;
        let mut summary = StoreSummary::default();
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO events (execution, id, previous_id, type, timestamp_ns, raw)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING",
            )?;
            let mut stored = tx.prepare_cached(
                "SELECT previous_id, type, timestamp_ns FROM events WHERE execution = ?1 AND id = ?2",
            )?;
            for event in events {
                let timestamp = nanos(Some(event.timestamp)).unwrap_or(i64::MAX);
                let changed = insert.execute(params![
                    key,
                    event.id,
                    event.previous_event_id,
                    event.event_type.as_str(),
                    timestamp,
                    event.raw.get(),
                ])?;
                if changed == 1 {
                    summary.inserted += 1;
                    continue;
                }
                let existing: Option<(i64, String, i64)> = stored
                    .query_row(params![key, event.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .optional()?;
                let same = existing.is_some_and(|(prev, ty, ts)| {
                    prev == event.previous_event_id
                        && ty == event.event_type.as_str()
                        && ts == timestamp
                });
                if !same {
                    return Err(LedgerError::Conflict {
                        execution: record.arn.clone(),
                        event_id: event.id,
                    });
                }
                summary.already_stored += 1;
            }
        }
        super::samples::cache_on_write(&tx, key, events, history)?;
        tx.commit()?;
        Ok(summary)
    }
}
