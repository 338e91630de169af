//! Several `record` processes writing one ledger file at once, from the emulator: the same
//! execution twice, and four different executions. Every event is stored exactly once and no
//! process meets "database is locked".

use crate::emulator_support::{unique, Emu};
use crate::util::{stderr, stdout};
use std::process::{Child, Output, Stdio};
use std::time::Duration;

/// A Map over `$.items` of a Pass state. With 50 items: ExecutionStarted, MapStateEntered,
/// MapStateStarted, 4 events per iteration (MapIterationStarted, PassStateEntered,
/// PassStateExited, MapIterationSucceeded), MapStateSucceeded, MapStateExited and
/// ExecutionSucceeded: 3 + 4 × 50 + 3 = 206 events.
const MAP: &str = r#"{"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items","Iterator":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}"#;
const EVENTS: usize = 206;

/// Starts `count` executions of the Map machine over 50 items and waits for their end.
fn executions(emu: &Emu, count: usize) -> Vec<String> {
    let machine = emu.state_machine(&unique("ConcurrentSm"), MAP);
    let items: Vec<usize> = (0..50).collect();
    let input = serde_json::json!({ "items": items }).to_string();
    let arns: Vec<String> =
        (0..count).map(|i| emu.start(&machine, &format!("c{i}"), &input)).collect();
    for arn in &arns {
        emu.wait_until(Duration::from_secs(60), "the end", |e| e.status(arn) == "SUCCEEDED");
        assert_eq!(emu.event_count(arn), EVENTS, "{arn}");
    }
    arns
}

/// Starts `record --execution ARN` for each ARN at once, then collects every process.
fn record_at_once(emu: &Emu, arns: &[&str]) -> Vec<Output> {
    let children: Vec<Child> = arns
        .iter()
        .map(|arn| {
            emu.command(&emu.url, &["record", "--execution", arn])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("record starts")
        })
        .collect();
    children.into_iter().map(|c| c.wait_with_output().expect("record output")).collect()
}

/// What `record` says it stored for `arn`: the numbers of `ARN STATUS inserted N already
/// stored M`.
fn stored(out: &Output, arn: &str) -> (usize, usize) {
    let text = stdout(out);
    let line = text.lines().find(|l| l.starts_with(&format!("{arn} "))).unwrap_or_default();
    let number = |after: &str| -> usize {
        let rest = line.split(after).nth(1).unwrap_or_default();
        rest.split(' ').next().and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("{text}"))
    };
    (number(" inserted "), number(" already stored "))
}

fn assert_clean(out: &Output) {
    let (out_text, err_text) = (stdout(out), stderr(out));
    assert_eq!(out.status.code(), Some(0), "stdout: {out_text}\nstderr: {err_text}");
    assert!(!err_text.contains("locked") && !out_text.contains("locked"), "{err_text}");
}

/// The stored event ids of `arn` are exactly 1 to [`EVENTS`], each once.
fn assert_stored_once(emu: &Emu, arn: &str) {
    let ledger = emu.ledger();
    let ids: Vec<i64> = ledger.history(arn).expect("history").events.iter().map(|e| e.id).collect();
    assert_eq!(ids, (1..=EVENTS as i64).collect::<Vec<_>>(), "{arn}");
}

#[test]
fn two_processes_recording_the_same_execution_store_each_event_once() {
    let Some(emu) = Emu::new() else { return };
    let arns = executions(&emu, 1);
    let arn = arns[0].as_str();
    assert!(!emu.db().exists(), "the two processes create the ledger file at once");
    let outs = record_at_once(&emu, &[arn, arn]);
    for out in &outs {
        assert_clean(out);
    }
    // Both read the empty ledger and fetched the whole history before either stored it (they
    // ran at the same time); whichever stored second found every event already there.
    let mut counts: Vec<(usize, usize)> = outs.iter().map(|o| stored(o, arn)).collect();
    counts.sort();
    assert_eq!(counts, [(0, EVENTS), (EVENTS, 0)]);
    assert_stored_once(&emu, arn);
}

#[test]
fn four_processes_recording_four_executions_into_one_file_store_every_event_once() {
    let Some(emu) = Emu::new() else { return };
    let arns = executions(&emu, 4);
    let refs: Vec<&str> = arns.iter().map(String::as_str).collect();
    assert!(!emu.db().exists(), "the four processes create the ledger file at once");
    let outs = record_at_once(&emu, &refs);
    for (out, arn) in outs.iter().zip(&refs) {
        assert_clean(out);
        assert_eq!(stored(out, arn), (EVENTS, 0), "{}", stdout(out));
        assert_stored_once(&emu, arn);
    }
}
