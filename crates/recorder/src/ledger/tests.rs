//! Tests of the ledger against real SQLite files.

use super::*;
use crate::import::record_from_history;
use sfn_ledger_model::{parse_history, History};

const SAMPLE: &str = include_str!("../../../../tests/fixtures/runbook-activity.json");
const ARN: &str = "arn:aws:states:us-east-1:111111111111:execution:ActivityStateMachine:act-1";

fn sample() -> History {
    parse_history(SAMPLE.as_bytes()).unwrap()
}

fn open_temp() -> (tempfile::TempDir, Ledger) {
    let dir = tempfile::tempdir().unwrap();
    let ledger = Ledger::open(&dir.path().join("nested/ledger.sqlite3")).unwrap();
    (dir, ledger)
}

#[test]
fn stores_every_event_losslessly_and_reads_them_back() {
    let (_dir, mut ledger) = open_temp();
    let history = sample();
    let record = record_from_history(ARN, "act-1", &history);
    let summary =
        ledger.store_execution(&record, Some("{\"StartAt\":\"x\"}"), &history.events).unwrap();
    assert_eq!(summary, StoreSummary { inserted: 7, already_stored: 0 });
    let back = ledger.history(ARN).unwrap();
    assert_eq!(back.events.len(), 7);
    for (a, b) in back.events.iter().zip(&history.events) {
        assert_eq!(a.raw.get(), b.raw.get());
    }
    let stored = ledger.execution("act-1").unwrap().unwrap();
    assert_eq!(stored.record.status.as_deref(), Some("SUCCEEDED"));
    assert_eq!(stored.events, 7);
    assert_eq!(ledger.last_event_id(ARN).unwrap(), Some(7));
    assert_eq!(ledger.definition(ARN).unwrap().as_deref(), Some("{\"StartAt\":\"x\"}"));
}

#[test]
fn storing_again_is_idempotent_and_appends_only_new_events() {
    let (_dir, mut ledger) = open_temp();
    let history = sample();
    let mut record = record_from_history(ARN, "act-1", &history);
    record.status = Some("RUNNING".into());
    let first = ledger.store_execution(&record, None, &history.events[..4]).unwrap();
    assert_eq!(first.inserted, 4);
    record.status = Some("SUCCEEDED".into());
    let second = ledger.store_execution(&record, None, &history.events).unwrap();
    assert_eq!(second, StoreSummary { inserted: 3, already_stored: 4 });
    let third = ledger.store_execution(&record, None, &history.events).unwrap();
    assert_eq!(third, StoreSummary { inserted: 0, already_stored: 7 });
    assert_eq!(ledger.history(ARN).unwrap().events.len(), 7);
    let stored = ledger.execution(ARN).unwrap().unwrap();
    assert_eq!(stored.record.status.as_deref(), Some("SUCCEEDED"));
}

#[test]
fn a_conflicting_event_writes_nothing_at_all() {
    let (_dir, mut ledger) = open_temp();
    let history = sample();
    let record = record_from_history(ARN, "act-1", &history);
    ledger.store_execution(&record, None, &history.events[..3]).unwrap();
    let mut changed = history.events.clone();
    changed[2].previous_event_id = 1;
    let mut later = record.clone();
    later.status = Some("FAILED".into());
    let err = ledger.store_execution(&later, None, &changed).unwrap_err();
    assert!(matches!(err, LedgerError::Conflict { event_id: 3, .. }), "{err}");
    // Neither the new events nor the new status were written.
    assert_eq!(ledger.last_event_id(ARN).unwrap(), Some(3));
    assert_eq!(ledger.execution(ARN).unwrap().unwrap().record.status.as_deref(), Some("SUCCEEDED"));
}

#[test]
fn events_cannot_be_rewritten_or_deleted_even_by_hand() {
    let (_dir, mut ledger) = open_temp();
    let history = sample();
    ledger
        .store_execution(&record_from_history(ARN, "act-1", &history), None, &history.events)
        .unwrap();
    let update = ledger.conn.execute("UPDATE events SET raw = '{}' WHERE id = 1", []);
    assert!(update.unwrap_err().to_string().contains("append-only"));
    let delete = ledger.conn.execute("DELETE FROM events", []);
    assert!(delete.unwrap_err().to_string().contains("append-only"));
}

#[test]
fn definitions_are_stored_once_per_text() {
    let (_dir, mut ledger) = open_temp();
    let history = sample();
    for i in 0..3 {
        let arn = format!("{ARN}-{i}");
        let record = record_from_history(&arn, &format!("act-{i}"), &history);
        ledger.store_execution(&record, Some("{\"a\":1}"), &history.events).unwrap();
    }
    let count: i64 =
        ledger.conn.query_row("SELECT count(*) FROM definitions", [], |r| r.get(0)).unwrap();
    assert_eq!(count, 1);
}

#[test]
fn an_ambiguous_name_lists_the_arns() {
    let (_dir, mut ledger) = open_temp();
    let history = sample();
    for machine in ["A", "B"] {
        let arn = format!("arn:aws:states:us-east-1:1:execution:{machine}:same");
        ledger
            .store_execution(&record_from_history(&arn, "same", &history), None, &history.events)
            .unwrap();
    }
    let err = ledger.execution("same").unwrap_err().to_string();
    assert!(
        err.contains("ambiguous") && err.contains(":A:same") && err.contains(":B:same"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn the_file_is_readable_only_by_its_owner() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, _ledger) = open_temp();
    let mode =
        std::fs::metadata(dir.path().join("nested/ledger.sqlite3")).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn reopening_keeps_the_schema_version() {
    let (dir, ledger) = open_temp();
    drop(ledger);
    let ledger = Ledger::open(&dir.path().join("nested/ledger.sqlite3")).unwrap();
    let version: i64 = ledger.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, super::migrate::LATEST);
}

#[test]
fn a_version_2_ledger_keeps_every_event_through_the_rowid_migration() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite3");
    let history = sample();
    {
        // A ledger as version 2 wrote it: events in the WITHOUT ROWID table.
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        super::migrate::migrate_up_to(&mut conn, 2).unwrap();
        conn.execute(
            "INSERT INTO executions (arn, name, recorded_ns) VALUES (?1, 'act-1', 0)",
            [ARN],
        )
        .unwrap();
        for e in &history.events {
            conn.execute(
                "INSERT INTO events (execution, id, previous_id, type, timestamp_ns, raw)
                 VALUES (1, ?1, ?2, ?3, ?4, ?5)",
                rusqlite::params![
                    e.id,
                    e.previous_event_id,
                    e.event_type.as_str(),
                    e.timestamp.as_nanosecond() as i64,
                    e.raw.get()
                ],
            )
            .unwrap();
        }
        let without_rowid: String = conn
            .query_row("SELECT sql FROM sqlite_schema WHERE name = 'events'", [], |r| r.get(0))
            .unwrap();
        assert!(without_rowid.contains("WITHOUT ROWID"), "{without_rowid}");
    }
    let mut ledger = Ledger::open(&path).unwrap();
    let schema: String = ledger
        .conn
        .query_row("SELECT sql FROM sqlite_schema WHERE name = 'events'", [], |r| r.get(0))
        .unwrap();
    assert!(!schema.contains("WITHOUT ROWID") && schema.contains("UNIQUE (execution, id)"));
    let back = ledger.history(ARN).unwrap();
    let raws = |h: &History| h.events.iter().map(|e| e.raw.get().to_owned()).collect::<Vec<_>>();
    assert_eq!(raws(&back), raws(&history));
    let logged: i64 =
        ledger.conn.query_row("SELECT count(*) FROM event_log", [], |r| r.get(0)).unwrap();
    assert_eq!(logged, 7);
    // Still append-only, still one row per (execution, id).
    let update = ledger.conn.execute("UPDATE events SET type = 'X' WHERE id = 1", []);
    assert!(update.unwrap_err().to_string().contains("append-only"));
    let delete = ledger.conn.execute("DELETE FROM events", []);
    assert!(delete.unwrap_err().to_string().contains("append-only"));
    let record = record_from_history(ARN, "act-1", &history);
    let again = ledger.store_execution(&record, None, &history.events).unwrap();
    assert_eq!(again, StoreSummary { inserted: 0, already_stored: 7 });
}

#[test]
fn a_whole_history_caches_its_stats_sample_and_an_append_does_not() {
    let (_dir, mut ledger) = open_temp();
    let history = sample();
    let record = record_from_history(ARN, "act-1", &history);
    // The first four events are all that is stored: a running execution's sample.
    ledger.store_execution(&record, None, &history.events[..4]).unwrap();
    let running = ledger.cached_sample(ARN).unwrap().expect("cached");
    assert_eq!(running.events, 4);
    assert!(running.sample.contains("\"RUNNING\""), "{}", running.sample);
    // Appending the rest alone is not the whole history: the sample stays as it was (its
    // event count no longer matches, so readers recompute it).
    ledger.store_execution(&record, None, &history.events[4..]).unwrap();
    assert_eq!(ledger.cached_sample(ARN).unwrap(), Some(running));
    ledger.store_execution(&record, None, &history.events).unwrap();
    let cached = ledger.cached_sample(ARN).unwrap().expect("cached");
    assert_eq!((cached.events, cached.version), (7, sfn_ledger_model::stats::SAMPLE_VERSION));
    let sample: sfn_ledger_model::stats::ExecutionSample =
        serde_json::from_str(&cached.sample).unwrap();
    assert_eq!((sample.status.as_str(), sample.events), ("SUCCEEDED", 7));
    assert_eq!(sample.duration_ms, Some(17533.0));
}

#[test]
fn opening_waits_for_another_connection_creating_the_same_file() {
    // Another connection is creating the ledger file and holds it exclusively for a moment,
    // as a second process would while it sets up a new ledger.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.sqlite3");
    let holder = rusqlite::Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE; CREATE TABLE hold (x);").unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(300));
        holder.execute_batch("ROLLBACK").unwrap();
    });
    let ledger = Ledger::open(&path);
    release.join().unwrap();
    let ledger = ledger.expect("waits instead of failing with 'database is locked'");
    let version: i64 = ledger.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, super::migrate::LATEST);
}
