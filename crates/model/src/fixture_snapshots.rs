//! Snapshots of the model on the fixture histories: events with scopes and visits, the DAG,
//! and the validation report.

use crate::analysis::Analysis;
use crate::history::History;
use crate::parse::parse_history;
use crate::validate::validate;
use std::fmt::Write;

const FIXTURES: &[(&str, &str)] = &[
    ("runbook-activity", include_str!("../../../tests/fixtures/runbook-activity.json")),
    ("parallel-two-branches", include_str!("../../../tests/fixtures/parallel-two-branches.json")),
    ("map-retry", include_str!("../../../tests/fixtures/map-retry.json")),
];

/// Each event with its scope and visit, then each visit with its attempts.
fn model(history: &History, analysis: &Analysis) -> String {
    let mut out = String::new();
    for (position, event) in history.events.iter().enumerate() {
        let visit = analysis.event_visit[position]
            .map(|v| format!("{}#{}", analysis.visits[v].name, analysis.visits[v].visit_number))
            .unwrap_or_default();
        let line = format!(
            "{:>3} {:>3} {:<24} {} {:<26} {visit}",
            event.id,
            event.previous_event_id,
            event.event_type.as_str(),
            event.timestamp,
            analysis.scopes.label(analysis.event_scope[position]),
        );
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out.push_str("\nvisits:\n");
    let id = |p: usize| history.events[p].id;
    for visit in &analysis.visits {
        let end = match (visit.exited, visit.aborted) {
            (Some(e), _) => format!("exited {}", id(e)),
            (None, Some(a)) => format!("aborted {}", id(a)),
            (None, None) => "open".to_owned(),
        };
        let _ = write!(
            out,
            "  {} {} in {}: entered {}, {end}",
            visit.state_type,
            visit.name,
            analysis.scopes.label(visit.scope),
            id(visit.entered)
        );
        for attempt in &visit.attempts {
            let end = attempt.end.map_or("-".to_owned(), |e| id(e).to_string());
            let _ = write!(out, "; attempt {}..{end} {:?}", id(attempt.begin), attempt.outcome);
        }
        out.push('\n');
    }
    out
}

/// Every event that others follow, with those followers (`previousEventId` links).
fn dag(history: &History, analysis: &Analysis) -> String {
    let mut out = String::new();
    let roots: Vec<String> =
        analysis.dag.roots().iter().map(|&p| history.events[p].id.to_string()).collect();
    let _ = writeln!(out, "roots: {}", roots.join(", "));
    for (position, event) in history.events.iter().enumerate() {
        let children = analysis.dag.children(position);
        if children.is_empty() {
            continue;
        }
        let ids: Vec<String> = children.iter().map(|&c| history.events[c].id.to_string()).collect();
        let _ = writeln!(
            out,
            "{:>3} {:<24} -> {}",
            event.id,
            event.event_type.as_str(),
            ids.join(", ")
        );
    }
    out
}

fn settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/../../snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings
}

#[test]
fn fixtures_model_dag_and_validation() {
    for (name, text) in FIXTURES {
        let history = parse_history(text.as_bytes()).expect("fixture parses");
        let analysis = Analysis::new(&history);
        let findings = validate(&history, &analysis);
        assert_eq!(findings, vec![], "{name} validates with no findings");
        settings().bind(|| {
            insta::assert_snapshot!(format!("model__{name}"), model(&history, &analysis));
            insta::assert_snapshot!(format!("dag__{name}"), dag(&history, &analysis));
        });
    }
}

#[test]
fn broken_parallel_validation_report() {
    // The Parallel fixture as LocalStack's masking leaves such histories: branch events
    // renumbered to 0 and ParallelStateSucceeded dropped.
    let (_, text) = FIXTURES[1];
    let mut value: serde_json::Value = serde_json::from_str(text).expect("fixture is JSON");
    let events = value["events"].as_array_mut().expect("events");
    events.retain(|e| e["type"] != "ParallelStateSucceeded");
    for event in events.iter_mut() {
        let id = event["id"].as_i64().unwrap_or(0);
        if (6..=16).contains(&id) {
            event["id"] = 0.into();
            event["previousEventId"] = 0.into();
        }
    }
    let history = parse_history(value.to_string().as_bytes()).expect("still parses");
    let findings = validate(&history, &Analysis::new(&history));
    settings().bind(|| insta::assert_json_snapshot!("validation__broken-parallel", findings));
}
