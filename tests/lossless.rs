//! Lossless: writing a parsed history back yields JSON equal to the input, event for event, for
//! every real-AWS history and every fixture; `show --format json` exports exactly that.

use crate::util::{fixture, run};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn corpus_files() -> Vec<PathBuf> {
    let corpus = std::env::var("SFN_LEDGER_CORPUS")
        .expect("SFN_LEDGER_CORPUS must name the corpus folder (scripts/test sets it)");
    let mut files = Vec::new();
    for folder in ["aws-recorded", "aws-recorded-masked", "emulator-only"] {
        for entry in std::fs::read_dir(Path::new(&corpus).join(folder)).unwrap() {
            files.push(entry.unwrap().path());
        }
    }
    files
}

/// The input's events, in id order when the file is a reverse-order listing.
fn events_of(path: &Path) -> Vec<Value> {
    let value: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let mut events = value["events"].as_array().unwrap().clone();
    let ids: Vec<i64> = events.iter().map(|e| e["id"].as_i64().unwrap()).collect();
    if ids.len() > 1 && ids.windows(2).all(|w| w[0] > w[1]) {
        events.reverse();
    }
    events
}

#[test]
fn every_real_history_is_written_back_equal_to_its_input() {
    let files = corpus_files();
    assert!(files.len() >= 700, "{} corpus files", files.len());
    for path in files {
        let history = sfn_ledger_model::parse_history(&std::fs::read(&path).unwrap()).unwrap();
        let written: Value = serde_json::from_str(&history.to_json()).unwrap();
        assert_eq!(written["events"].as_array().unwrap(), &events_of(&path), "{}", path.display());
    }
}

#[test]
fn show_exports_every_fixture_as_received() {
    for name in ["runbook-activity.json", "parallel-two-branches.json", "map-retry.json"] {
        let path = fixture(name);
        let out = run(&["show", "--format", "json", path.to_str().unwrap()]);
        assert!(out.status.success());
        let exported: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(exported["events"].as_array().unwrap(), &events_of(&path), "{name}");
    }
    // Byte for byte, each event's text is kept: the runbook sample's first event keeps its
    // original key order and number formatting.
    let out =
        run(&["show", "--format", "json", fixture("runbook-activity.json").to_str().unwrap()]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("\"timestamp\": 1489912589.005,\n\"executionStartedEventDetails\""),
        "{text}"
    );
}
