//! Golden tests on histories recorded from the emulator (tests/fixtures/golden/record.py): two
//! runs whose Parallel branches interleave differently, and one whose path changed.

use super::*;
use crate::golden::compare;
use crate::{parse_history, Analysis};

fn golden(bytes: &[u8], options: &GoldenOptions) -> Golden {
    let history = parse_history(bytes).expect("fixture parses");
    normalize(&history, &Analysis::new(&history), options, None).expect("options are valid")
}

const RUN1: &[u8] = include_bytes!("../../../../tests/fixtures/golden/parallel-run1.json");
const RUN2: &[u8] = include_bytes!("../../../../tests/fixtures/golden/parallel-run2.json");
const CHANGED: &[u8] = include_bytes!("../../../../tests/fixtures/golden/parallel-changed.json");

fn options() -> GoldenOptions {
    GoldenOptions { redact_keys: vec!["delays".to_owned()], ..GoldenOptions::default() }
}

#[test]
fn the_recorded_runs_really_interleave_differently() {
    let order = |bytes: &[u8]| {
        let h = parse_history(bytes).unwrap();
        h.events
            .iter()
            .filter_map(|e| {
                e.state_name().filter(|_| e.event_type.is_state_exited()).map(str::to_owned)
            })
            .collect::<Vec<_>>()
    };
    assert_ne!(order(RUN1), order(RUN2));
}

#[test]
fn branch_interleaving_does_not_matter() {
    let one = golden(RUN1, &options());
    let two = golden(RUN2, &options());
    assert_eq!(compare(&one.doc, &two), None);
    let scopes: Vec<&str> = one.doc["scopes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["scope"].as_str().unwrap())
        .collect();
    assert_eq!(scopes, ["top", "top/Fork#0/branch:LeftWait", "top/Fork#0/branch:RightWait"]);
    // Without hiding the delays the inputs differ, and only they do.
    let one = golden(RUN1, &GoldenOptions::default());
    let mismatch =
        compare(&one.doc, &golden(RUN2, &GoldenOptions::default())).expect("inputs differ");
    assert!(
        mismatch
            .diff
            .lines()
            .filter(|l| l.starts_with('+') && !l.starts_with("+++"))
            .all(|l| l.contains("\"left\"") || l.contains("\"right\"")),
        "{}",
        mismatch.diff
    );
}

#[test]
fn a_changed_path_shows_in_the_diff() {
    let one = golden(RUN1, &options());
    let changed = golden(CHANGED, &options());
    let mismatch = compare(&one.doc, &changed).expect("the path changed");
    assert!(mismatch.diff.contains("+    name: \"Alternative\"\n"), "{}", mismatch.diff);
    assert_eq!(mismatch.first_difference.as_deref(), Some("top#1"));
    assert_eq!(mismatch.event_id, Some(1));
}

#[test]
fn ids_timestamps_and_arns_are_gone() {
    let one = golden(RUN1, &options());
    let text = serde_json::to_string(&one.doc).unwrap();
    assert!(!text.contains("timestamp"));
    assert!(!text.contains("000000000000"), "{text}");
    assert!(text.contains("arn:aws:iam::<account>:role/sfn-ledger-tests"));
    let top = &one.doc["scopes"][0]["events"];
    assert_eq!(top[0]["n"], 1);
    assert_eq!(top[1]["prev"], serde_json::Value::Null);
    assert_eq!(top[2]["prev"], 2);
    // The first event of a branch points at ParallelStateStarted in the top scope.
    let branch = &one.doc["scopes"][1]["events"];
    assert_eq!(branch[0]["type"], "WaitStateEntered");
    assert!(branch[0]["prev"].as_str().unwrap().starts_with("top#"));
    let no_payloads = golden(RUN1, &GoldenOptions { payloads: false, ..options() });
    assert!(!serde_json::to_string(&no_payloads.doc).unwrap().contains("\"input\""));
    assert_eq!(
        GoldenOptions::from_doc(&no_payloads.doc).unwrap(),
        GoldenOptions { payloads: false, ..options() }
    );
}

const MAP1: &[u8] = include_bytes!("../../../../tests/fixtures/golden/map-run1.json");
const MAP2: &[u8] = include_bytes!("../../../../tests/fixtures/golden/map-run2.json");

#[test]
fn map_iterations_are_grouped_by_item_index_whatever_order_they_finish_in() {
    let finished = |bytes: &[u8]| {
        let h = parse_history(bytes).unwrap();
        h.events
            .iter()
            .filter(|e| e.event_type == crate::EventType::MapIterationSucceeded)
            .filter_map(|e| e.map_index())
            .collect::<Vec<_>>()
    };
    assert_eq!(finished(MAP1), [1, 0]);
    assert_eq!(finished(MAP2), [0, 1]);
    let options =
        GoldenOptions { redact_keys: vec!["wait".to_owned()], ..GoldenOptions::default() };
    let one = golden(MAP1, &options);
    assert_eq!(compare(&one.doc, &golden(MAP2, &options)), None);
    let scopes: Vec<&str> = one.doc["scopes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["scope"].as_str().unwrap())
        .collect();
    assert_eq!(scopes, ["top", "top/Fan#0/item:0", "top/Fan#0/item:1"]);
    // The iteration events live in their iteration, not in the top scope.
    let item = &one.doc["scopes"][1]["events"];
    assert_eq!(item[0]["type"], "MapIterationStarted");
    assert_eq!(item[item.as_array().unwrap().len() - 1]["type"], "MapIterationSucceeded");
    let top: Vec<&str> = one.doc["scopes"][0]["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["type"].as_str().unwrap())
        .collect();
    assert_eq!(
        top,
        [
            "ExecutionStarted",
            "MapStateEntered",
            "MapStateStarted",
            "MapStateSucceeded",
            "MapStateExited",
            "ExecutionSucceeded"
        ]
    );
}
