//! `bare-insert`: the storage baseline. Parses a history file with serde_json and inserts every
//! event (id, previous_id, type, timestamp_ns and the raw JSON text) into a fresh SQLite file,
//! in one transaction with one prepared statement; prints the rates it reached.
//!
//! `bare-insert HISTORY.json NEW.sqlite3 [--ledger-schema]`: with `--ledger-schema` the table
//! is shaped like the ledger's (schema version 3: a rowid table with a unique `(execution, id)`
//! index), to tell the cost of the schema from the cost of the rest of `sfn-ledger import`.

use rusqlite::{params, Connection};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::time::Instant;

#[derive(Deserialize)]
struct Page<'a> {
    #[serde(borrow)]
    events: Vec<&'a RawValue>,
}

#[derive(Deserialize)]
struct Event<'a> {
    id: i64,
    #[serde(rename = "previousEventId", default)]
    previous_event_id: i64,
    #[serde(rename = "type")]
    event_type: &'a str,
    timestamp: &'a RawValue,
}

/// Nanoseconds of a CLI v1 number or CLI v2 string timestamp.
fn timestamp_ns(raw: &RawValue) -> anyhow::Result<i64> {
    let text = raw.get();
    if let Some(quoted) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        let ts: jiff::Timestamp = quoted.parse()?;
        return Ok(i64::try_from(ts.as_nanosecond())?);
    }
    let seconds: f64 = text.parse()?;
    Ok((seconds * 1000.0).round() as i64 * 1_000_000)
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(path), Some(db)) = (args.next(), args.next()) else {
        anyhow::bail!("usage: bare-insert HISTORY.json NEW.sqlite3 [--ledger-schema]");
    };
    let ledger_schema = args.next().is_some_and(|a| a == "--ledger-schema");
    let begin = Instant::now();
    let bytes = std::fs::read(&path)?;
    let page: Page = serde_json::from_slice(&bytes)?;
    let mut conn = Connection::open(&db)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.execute_batch(if ledger_schema {
        "CREATE TABLE IF NOT EXISTS events (
             execution INTEGER NOT NULL, id INTEGER NOT NULL, previous_id INTEGER NOT NULL,
             type TEXT NOT NULL, timestamp_ns INTEGER NOT NULL, raw TEXT NOT NULL,
             UNIQUE (execution, id))"
    } else {
        "CREATE TABLE IF NOT EXISTS events (
             id INTEGER PRIMARY KEY, previous_id INTEGER NOT NULL, type TEXT NOT NULL,
             timestamp_ns INTEGER NOT NULL, raw TEXT NOT NULL)"
    })?;
    let parsed = Instant::now();
    let tx = conn.transaction()?;
    {
        let mut insert = tx.prepare(if ledger_schema {
            "INSERT INTO events (execution, id, previous_id, type, timestamp_ns, raw)
             VALUES (1, ?1, ?2, ?3, ?4, ?5)"
        } else {
            "INSERT INTO events (id, previous_id, type, timestamp_ns, raw) VALUES (?1, ?2, ?3, ?4, ?5)"
        })?;
        for raw in &page.events {
            let event: Event = serde_json::from_str(raw.get())?;
            let ts = timestamp_ns(event.timestamp)?;
            insert.execute(params![
                event.id,
                event.previous_event_id,
                event.event_type,
                ts,
                raw.get()
            ])?;
        }
    }
    tx.commit()?;
    let end = Instant::now();
    let n = page.events.len() as f64;
    println!(
        "{} events; {:.0} events/s overall, {:.0} events/s in the insert loop",
        page.events.len(),
        n / (end - begin).as_secs_f64(),
        n / (end - parsed).as_secs_f64()
    );
    Ok(())
}
