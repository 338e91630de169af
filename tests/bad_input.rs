//! Bad input: every unreadable file gets a one-line error naming the file (and the event where
//! known), exit code 2, no panic, and nothing stored; readable-but-wrong files are stored/reported.

use crate::util::{fixture, run, stderr};

/// Files that cannot be read as a history, with words their error must contain.
pub const UNREADABLE: &[(&str, &[&str])] = &[
    ("not-json.json", &["not valid JSON", "line 1 column"]),
    ("truncated.json", &["not valid JSON", "EOF"]),
    ("empty.json", &["empty file"]),
    ("no-events.json", &["no events"]),
    ("missing-id.json", &["event at position 3", "missing field `id`"]),
    ("missing-type.json", &["event id 3", "missing field `type`"]),
    ("missing-timestamp.json", &["event id 3", "missing field `timestamp`"]),
    ("id-as-string.json", &["event at position 3", "`id` must be a whole number", "\"3\""]),
    ("timestamp-as-object.json", &["event id 3", "`timestamp`", "found an object"]),
    ("timestamp-unknown-format.json", &["event id 3", "not a known format"]),
    ("details-wrong-type.json", &["event id 2", "stateEnteredEventDetails", "malformed"]),
    ("non-utf8.json", &["not UTF-8", "line 1 column"]),
];

/// Files that are readable (their problems are findings or warnings, not errors).
pub const READABLE: &[&str] = &[
    "previous-forward.json",
    "previous-self.json",
    "previous-missing.json",
    "unknown-type.json",
    "deep-payload-string.json",
    "deep-structure.json",
];

fn bad(name: &str) -> String {
    fixture(&format!("bad/{name}")).display().to_string()
}

/// Asserts the one-line error contract for a command run on every unreadable fixture.
pub fn assert_unreadable_rejected(command: &[&str]) {
    for (name, fragments) in UNREADABLE {
        let path = bad(name);
        let mut args = command.to_vec();
        args.push(&path);
        let out = run(&args);
        let message = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{command:?} {name}: {message}");
        assert_eq!(message.trim_end().lines().count(), 1, "{name}: one line expected: {message}");
        assert!(message.contains(&path), "{name}: the error must name the file: {message}");
        for fragment in *fragments {
            assert!(message.contains(fragment), "{name}: missing {fragment:?} in {message}");
        }
        assert!(!message.contains("panicked"), "{name}: {message}");
    }
}

#[test]
fn import_rejects_unreadable_files_and_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.sqlite3").display().to_string();
    assert_unreadable_rejected(&["import", "--db", &db]);
    // A good file given together with a bad one is not stored either.
    let sample = fixture("runbook-activity.json").display().to_string();
    let out = run(&["import", "--db", &db, &sample, &bad("truncated.json")]);
    assert_eq!(out.status.code(), Some(2));
    if std::path::Path::new(&db).exists() {
        let conn = rusqlite::Connection::open(&db).unwrap();
        let events: i64 = conn.query_row("SELECT count(*) FROM events", [], |r| r.get(0)).unwrap();
        assert_eq!(events, 0);
    }
}

#[test]
fn import_stores_readable_files_and_warns_about_unknown_types() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.sqlite3").display().to_string();
    for name in READABLE {
        let out = run(&["import", "--db", &db, &bad(name)]);
        assert!(out.status.success(), "{name}: {}", stderr(&out));
    }
    let out = run(&["import", "--db", &db, &bad("unknown-type.json")]);
    assert!(stderr(&out).contains("event id 3: unknown event type `QuantumStateEntangled`"));
}

#[test]
fn import_refuses_duplicate_ids_naming_the_event() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.sqlite3").display().to_string();
    let out = run(&["import", "--db", &db, &bad("duplicate-ids.json")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("event id 2 appears twice"), "{}", stderr(&out));
}

#[test]
fn validate_show_and_report_reject_unreadable_files_the_same_way() {
    for command in [&["validate"][..], &["validate", "--format", "json"], &["show"], &["report"]] {
        assert_unreadable_rejected(command);
    }
}

#[test]
fn broken_links_are_findings_not_errors() {
    for (name, rule) in [
        ("previous-forward.json", "history.previous-event"),
        ("previous-self.json", "history.previous-event"),
        ("previous-missing.json", "history.previous-event"),
        ("duplicate-ids.json", "history.ids-unique"),
    ] {
        let out = run(&["validate", &bad(name)]);
        assert_eq!(out.status.code(), Some(1), "{name}: {}", stderr(&out));
        let text = crate::util::stdout(&out);
        assert!(text.contains(&format!("error[{rule}]")), "{name}: {text}");
    }
}

#[test]
fn an_unknown_event_type_is_a_warning_and_deep_json_does_not_overflow() {
    let out = run(&["validate", &bad("unknown-type.json")]);
    let text = crate::util::stdout(&out);
    assert!(text.contains("QuantumStateEntangled"), "{text}");
    for name in ["deep-payload-string.json", "deep-structure.json"] {
        for command in ["validate", "report", "show"] {
            let out = run(&[command, &bad(name)]);
            assert!(out.status.code().is_some_and(|c| c < 2), "{command} {name}: {}", stderr(&out));
        }
    }
}
