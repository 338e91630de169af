//! End-to-end tests of `import` and `ls` against a real ledger file, concurrent writers included.

use crate::util::{fixture, run, sfn_ledger, stderr, stdout};
use std::path::Path;
use std::process::Child;

fn db_arg(dir: &Path) -> String {
    dir.join("ledger.sqlite3").display().to_string()
}

fn count(db: &str, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn import_stores_the_sample_once_and_ls_lists_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_arg(dir.path());
    let sample = fixture("runbook-activity.json");
    let sample = sample.to_str().unwrap();
    let first = run(&["import", "--db", &db, sample]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(stdout(&first).contains("7 events stored, 0 already stored"), "{}", stdout(&first));
    assert_eq!(stderr(&first), "", "no log without -v");
    let again = run(&["-v", "import", "--db", &db, sample]);
    assert!(stdout(&again).contains("0 events stored, 7 already stored"), "{}", stdout(&again));
    assert!(
        stderr(&again).contains("ledger: stored arn:aws:states:local:000000000000:execution:imported:runbook-activity: 0 new event(s), 7 already stored"),
        "{}",
        stderr(&again)
    );
    assert_eq!(count(&db, "SELECT count(*) FROM events"), 7);

    let listed = run(&["ls", "--db", &db, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(json[0]["record"]["name"], "runbook-activity");
    assert_eq!(json[0]["record"]["status"], "SUCCEEDED");
    assert_eq!(json[0]["events"], 7);
}

#[test]
fn a_bad_file_among_good_ones_stores_nothing_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_arg(dir.path());
    let bad = dir.path().join("truncated.json");
    std::fs::write(&bad, r#"{"events": [{"id": 1, "type": "ExecutionStarted""#).unwrap();
    let sample = fixture("runbook-activity.json");
    let out = run(&["import", "--db", &db, sample.to_str().unwrap(), bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert!(message.contains("truncated.json") && message.contains("not valid JSON"), "{message}");
    assert!(!Path::new(&db).exists() || count(&db, "SELECT count(*) FROM events") == 0);
}

#[test]
fn the_sqlite_file_is_created_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = db_arg(dir.path());
    let sample = fixture("runbook-activity.json");
    assert!(run(&["import", "--db", &db, sample.to_str().unwrap()]).status.success());
    let mode = std::fs::metadata(&db).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

/// Copies the sample under `n` file names with a prefix, so that each becomes its own execution.
fn copies(dir: &Path, prefix: &str, n: usize) -> Vec<String> {
    let sample = std::fs::read(fixture("runbook-activity.json")).unwrap();
    (0..n)
        .map(|i| {
            let path = dir.join(format!("{prefix}-{i:03}.json"));
            std::fs::write(&path, &sample).unwrap();
            path.display().to_string()
        })
        .collect()
}

fn spawn_import(db: &str, files: &[String]) -> Child {
    sfn_ledger()
        .args(["import", "--db", db])
        .args(files)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
fn concurrent_writers_store_every_event_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_arg(dir.path());
    let per_process = 40;
    // Four processes recording different executions into one file at once, and two more
    // recording the same executions as each other.
    let mut children: Vec<Child> = (0..4)
        .map(|p| spawn_import(&db, &copies(dir.path(), &format!("writer{p}"), per_process)))
        .collect();
    let shared = copies(dir.path(), "shared", per_process);
    children.push(spawn_import(&db, &shared));
    children.push(spawn_import(&db, &shared));
    for child in children {
        let out = child.wait_with_output().unwrap();
        let message = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "a writer failed: {message}");
        assert!(!message.contains("locked"), "{message}");
    }
    let executions = 5 * per_process as i64;
    assert_eq!(count(&db, "SELECT count(*) FROM executions"), executions);
    assert_eq!(count(&db, "SELECT count(*) FROM events"), 7 * executions);
    assert_eq!(
        count(&db, "SELECT count(*) FROM (SELECT execution, id FROM events GROUP BY 1, 2 HAVING count(*) > 1)"),
        0
    );
}

#[test]
fn processes_creating_a_new_ledger_at_once_all_succeed() {
    // While one process turns a brand-new file into a WAL ledger, SQLite told the others the
    // file was locked at once instead of waiting: about 1 process in 27 failed this way before
    // opening retried. 40 rounds of 4 processes each create a fresh ledger together.
    let dir = tempfile::tempdir().unwrap();
    let sample = fixture("runbook-activity.json").display().to_string();
    for round in 0..40 {
        let db = dir.path().join(format!("round-{round}.sqlite3")).display().to_string();
        let children: Vec<Child> =
            (0..4).map(|_| spawn_import(&db, std::slice::from_ref(&sample))).collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            let message = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "round {round}: {message}");
        }
        assert_eq!(count(&db, "SELECT count(*) FROM events"), 7);
    }
}
