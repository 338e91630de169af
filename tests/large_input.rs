//! Large inputs: a history four times AWS's 25,000-event limit, and a 256 KiB payload in every
//! event, go through the readers without error (memory is measured in docs/performance.md, not
//! asserted here).

use crate::util::{run, stderr, stdout};
use sfn_ledger_bench::generate::{generate, Format};

#[test]
fn a_history_of_100_000_events_validates_and_reports() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("100k.json");
    let generated = generate(100_000, 7);
    std::fs::write(&path, generated.to_json(Format::V1)).unwrap();
    let path = path.to_str().unwrap();
    let validated = run(&["validate", path]);
    assert_eq!(validated.status.code(), Some(0), "{}{}", stdout(&validated), stderr(&validated));
    let report = run(&["report", "--format", "json", path]);
    assert!(report.status.code().is_some_and(|c| c < 2), "{}", stderr(&report));
    let json: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
    assert!(json["states"].as_array().unwrap().len() > 10_000);
}

#[test]
fn a_256_kib_payload_in_every_event_is_read_and_redacted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big-payloads.json");
    let mut generated = generate(120, 3);
    let payload = format!("{{\"blob\":\"{}\"}}", "x".repeat(256 * 1024));
    for event in &mut generated.events {
        if let Some((_, details)) = event.details.as_mut() {
            for field in ["input", "output", "cause"] {
                if details.get(field).is_some() {
                    details[field] = serde_json::Value::from(payload.clone());
                }
            }
        }
    }
    std::fs::write(&path, generated.to_json(Format::V2)).unwrap();
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size > 20 * 1024 * 1024, "{size} bytes");
    let path = path.to_str().unwrap();
    let validated = run(&["validate", path]);
    assert_eq!(validated.status.code(), Some(0), "{}{}", stdout(&validated), stderr(&validated));
    let redacted = run(&["show", "--format", "json", "--redact", path]);
    assert!(redacted.status.success());
    assert!(
        redacted.stdout.len() < 1024 * 1024,
        "payloads are gone: {} bytes",
        redacted.stdout.len()
    );
    let placeholder = format!("<redacted: {} bytes", payload.len());
    assert!(stdout(&redacted).contains(&placeholder));
}

#[test]
fn a_300_mb_history_file_is_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("300mb.json");
    let mut generated = generate(2_400, 11);
    let payload = format!("{{\"blob\":\"{}\"}}", "y".repeat(256 * 1024));
    for event in &mut generated.events {
        if let Some((_, details)) = event.details.as_mut() {
            for field in ["input", "output"] {
                if details.get(field).is_some() {
                    details[field] = serde_json::Value::from(payload.clone());
                }
            }
        }
    }
    std::fs::write(&path, generated.to_json(Format::V1)).unwrap();
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size > 300 * 1000 * 1000, "{size} bytes");
    let out = run(&["validate", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), stderr(&out));
}
