//! Reading the ledger back: executions, their events as a history, their definitions.

use super::error::LedgerError;
use super::open::Ledger;
use super::record::{ExecutionRecord, StoredExecution};
use jiff::Timestamp;
use rusqlite::{params, OptionalExtension, Row};
use sfn_ledger_model::History;
use sfn_ledger_model::ParseError;

/// Which stored executions to list.
#[derive(Debug, Clone, Default)]
pub struct ExecutionFilter {
    /// A state machine name or ARN.
    pub state_machine: Option<String>,
    /// A status (SUCCEEDED, FAILED, …).
    pub status: Option<String>,
    /// Only executions started at or after this time.
    pub since: Option<Timestamp>,
    /// At most this many, newest first.
    pub limit: Option<usize>,
}

const EXECUTION_COLUMNS: &str = "x.arn, x.name, x.state_machine_arn, m.name, x.status, \
     x.start_ns, x.stop_ns, x.input, x.output, x.redrive_count, x.definition_hash, \
     (SELECT count(*) FROM events e WHERE e.execution = x.key)";

fn timestamp(nanos: Option<i64>) -> Option<Timestamp> {
    nanos.and_then(|n| Timestamp::from_nanosecond(i128::from(n)).ok())
}

fn stored_execution(row: &Row<'_>) -> rusqlite::Result<StoredExecution> {
    Ok(StoredExecution {
        record: ExecutionRecord {
            arn: row.get(0)?,
            name: row.get(1)?,
            state_machine_arn: row.get(2)?,
            state_machine_name: row.get(3)?,
            status: row.get(4)?,
            start_date: timestamp(row.get(5)?),
            stop_date: timestamp(row.get(6)?),
            input: row.get(7)?,
            output: row.get(8)?,
            redrive_count: row.get(9)?,
        },
        definition_hash: row.get(10)?,
        events: row.get(11)?,
    })
}

impl Ledger {
    /// Finds an execution by ARN, or by name when exactly one stored execution has it.
    pub fn execution(&self, arn_or_name: &str) -> Result<Option<StoredExecution>, LedgerError> {
        let sql = format!(
            "SELECT {EXECUTION_COLUMNS} FROM executions x
             LEFT JOIN state_machines m ON m.arn = x.state_machine_arn
             WHERE x.arn = ?1 OR x.name = ?1 ORDER BY x.arn = ?1 DESC, x.start_ns DESC"
        );
        let mut statement = self.conn.prepare_cached(&sql)?;
        let found: Vec<StoredExecution> = statement
            .query_map(params![arn_or_name], stored_execution)?
            .collect::<Result<_, _>>()?;
        match found.as_slice() {
            [] => Ok(None),
            [first, ..] if first.record.arn == arn_or_name => Ok(found.into_iter().next()),
            [_] => Ok(found.into_iter().next()),
            many => Err(LedgerError::Ambiguous {
                name: arn_or_name.to_owned(),
                arns: many.iter().map(|e| e.record.arn.clone()).collect(),
            }),
        }
    }

    /// Lists stored executions, newest first.
    pub fn executions(
        &self,
        filter: &ExecutionFilter,
    ) -> Result<Vec<StoredExecution>, LedgerError> {
        let sql = format!(
            "SELECT {EXECUTION_COLUMNS} FROM executions x
             LEFT JOIN state_machines m ON m.arn = x.state_machine_arn
             WHERE (?1 IS NULL OR x.state_machine_arn = ?1 OR m.name = ?1)
               AND (?2 IS NULL OR x.status = ?2)
               AND (?3 IS NULL OR x.start_ns >= ?3)
             ORDER BY x.start_ns DESC, x.key DESC
             LIMIT ?4"
        );
        let since = filter.since.and_then(|t| i64::try_from(t.as_nanosecond()).ok());
        let limit = filter.limit.map_or(-1, |l| l as i64);
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement
            .query_map(
                params![filter.state_machine, filter.status, since, limit],
                stored_execution,
            )?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// The highest event id stored for an execution.
    pub fn last_event_id(&self, execution_arn: &str) -> Result<Option<i64>, LedgerError> {
        Ok(self
            .conn
            .query_row(
                "SELECT max(e.id) FROM events e JOIN executions x ON x.key = e.execution
                 WHERE x.arn = ?1",
                params![execution_arn],
                |row| row.get(0),
            )
            .optional()?
            .flatten())
    }

    /// The stored events of an execution as a history, in id order.
    pub fn history(&self, execution_arn: &str) -> Result<History, LedgerError> {
        let mut statement = self.conn.prepare_cached(
            "SELECT e.id, e.raw FROM events e JOIN executions x ON x.key = e.execution
             WHERE x.arn = ?1 ORDER BY e.id",
        )?;
        let (mut ids, mut raws) = (Vec::new(), Vec::new());
        let mut rows = statement.query(params![execution_arn])?;
        while let Some(row) = rows.next()? {
            ids.push(row.get::<_, i64>(0)?);
            raws.push(row.get::<_, String>(1)?);
        }
        sfn_ledger_model::parse::history_from_raw_events(raws).map_err(|e| {
            // The stored id names the event even when its text cannot be read at all.
            let stored_id = match &e {
                ParseError::Event { index, .. } => ids.get(*index).copied(),
                _ => None,
            };
            LedgerError::Corrupt {
                execution: execution_arn.to_owned(),
                event_id: stored_id.or(e.event_id()).unwrap_or(0),
                message: e.to_string(),
            }
        })
    }

    /// The definition recorded for an execution, if any.
    pub fn definition(&self, execution_arn: &str) -> Result<Option<String>, LedgerError> {
        Ok(self
            .conn
            .query_row(
                "SELECT d.body FROM executions x JOIN definitions d ON d.hash = x.definition_hash
                 WHERE x.arn = ?1",
                params![execution_arn],
                |row| row.get(0),
            )
            .optional()?)
    }
}
