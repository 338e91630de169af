//! Conformance tests: recorded emulator runs against their own definitions, and hand-made
//! violations of each rule (snapshots under `snapshots/`).

use super::check;
use crate::analysis::Analysis;
use crate::asl::Definition;
use crate::parse::parse_history;
use crate::violation::{Severity, Violation};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/asl");

fn read(name: &str) -> Vec<u8> {
    std::fs::read(format!("{DIR}/{name}")).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Runs the check of a recorded history against a definition file.
fn findings(history: &str, definition: &str) -> Vec<Violation> {
    let history = parse_history(&read(history)).unwrap();
    let definition = Definition::parse(&read(definition)).unwrap();
    check(&history, &Analysis::new(&history), &definition)
}

/// The recorded histories with the definition each ran (`<name>[.<variant>].history.json`).
fn recorded() -> Vec<(String, String)> {
    let mut pairs: Vec<_> = std::fs::read_dir(DIR)
        .unwrap()
        .filter_map(|e| {
            let file = e.unwrap().file_name().to_string_lossy().into_owned();
            let stem = file.strip_suffix(".history.json")?.to_owned();
            let name = stem.split('.').next().unwrap_or_default().to_owned();
            Some((file, format!("{name}.asl.json")))
        })
        .collect();
    pairs.sort();
    pairs
}

#[test]
fn recorded_runs_conform_to_their_definitions() {
    let pairs = recorded();
    assert!(pairs.len() >= 8, "found {}", pairs.len());
    for (history, definition) in pairs {
        let found = findings(&history, &definition);
        assert_eq!(found, vec![], "{history} against {definition}");
    }
}

#[test]
fn recorded_runs_fail_against_other_definitions() {
    // Replay: the choice run against the parallel definition cannot conform.
    let found = findings("choice.history.json", "parallel.asl.json");
    assert!(found
        .iter()
        .any(|v| v.rule == "conformance.start-at" && v.severity == Severity::Error));
    assert!(found.iter().any(|v| v.rule == "conformance.unknown-state"));
}

/// The visit of a top-level state in a recorded run, with the context to ask about it.
fn top_visit_facts(
    history: &str,
    definition: &str,
    state: &str,
) -> (Vec<super::retries::Retry>, super::VisitEnd) {
    let history = parse_history(&read(history)).unwrap();
    let definition = Definition::parse(&read(definition)).unwrap();
    let analysis = Analysis::new(&history);
    let context = super::Context::new(&history, &analysis, &definition);
    let visit = analysis.visits.iter().find(|v| v.name == state).unwrap();
    let retries = super::retries::retries(&context, visit, context.state(visit).unwrap());
    (retries, context.visit_end(visit))
}

#[test]
fn failures_are_named_from_task_events_and_from_nested_fail_states() {
    use super::retries::Retry;
    use super::VisitEnd;
    let timeout = Some("States.Timeout".to_owned());
    let (retries, end) =
        top_visit_facts("retry-catch.history.json", "retry-catch.asl.json", "CallActivity");
    assert_eq!(
        retries,
        [
            Retry { attempt: 0, error: timeout.clone(), retrier: Some(0), number: 1 },
            Retry { attempt: 1, error: timeout.clone(), retrier: Some(0), number: 2 },
        ]
    );
    assert_eq!(end, VisitEnd::Failed(timeout));

    // ParallelStateFailed has no error: it comes from the Fail state "Breaks" in the branch.
    let broken = Some("Custom.Broken".to_owned());
    let (retries, end) =
        top_visit_facts("parallel-retry.history.json", "parallel-retry.asl.json", "Attempt");
    assert_eq!(retries, [Retry { attempt: 0, error: broken.clone(), retrier: Some(1), number: 1 }]);
    assert_eq!(end, VisitEnd::Failed(broken));

    let (retries, end) =
        top_visit_facts("map-catch.history.json", "map-catch.asl.json", "EachItem");
    assert_eq!(retries, []);
    assert_eq!(end, VisitEnd::Failed(Some("Item.Bad".to_owned())));
}

/// Checks a recorded history against its definition after `edit` changed the definition.
fn against_edited(name: &str, edit: impl FnOnce(&mut serde_json::Value)) -> Vec<Violation> {
    let history = parse_history(&read(&format!("{name}.history.json"))).unwrap();
    let mut json: serde_json::Value =
        serde_json::from_slice(&read(&format!("{name}.asl.json"))).unwrap();
    edit(&mut json);
    let definition = Definition::parse(json.to_string().as_bytes()).unwrap();
    check(&history, &Analysis::new(&history), &definition)
}

/// Checks a recorded history, after `edit` changed its events, against its own definition.
fn edited_history(name: &str, edit: impl FnOnce(&mut Vec<serde_json::Value>)) -> Vec<Violation> {
    let mut json: serde_json::Value =
        serde_json::from_slice(&read(&format!("{name}.history.json"))).unwrap();
    edit(json["events"].as_array_mut().unwrap());
    let history = parse_history(json.to_string().as_bytes()).unwrap();
    let definition = Definition::parse(&read(&format!("{name}.asl.json"))).unwrap();
    check(&history, &Analysis::new(&history), &definition)
}

/// Sets (or adds) the field at a JSON pointer.
fn set(json: &mut serde_json::Value, pointer: &str, value: serde_json::Value) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let parent = json.pointer_mut(parent).unwrap_or_else(|| panic!("{pointer}"));
    match parent {
        serde_json::Value::Array(items) => items[key.parse::<usize>().unwrap()] = value,
        other => {
            other
                .as_object_mut()
                .unwrap_or_else(|| panic!("{pointer}"))
                .insert(key.to_owned(), value);
        }
    }
}

macro_rules! snapshot {
    ($name:literal, $findings:expr) => {
        insta::with_settings!({snapshot_path => concat!(env!("CARGO_MANIFEST_DIR"), "/../../snapshots")}, {
            insta::assert_json_snapshot!($name, $findings);
        })
    };
}

#[test]
fn unknown_state() {
    let found = edited_history("choice", |events| {
        for event in events.iter_mut().filter(|e| e["stateEnteredEventDetails"]["name"] == "Big") {
            event["stateEnteredEventDetails"]["name"] = "Huge".into();
        }
    });
    snapshot!("conformance__unknown_state", found);
}

#[test]
fn wrong_start_at() {
    let found = against_edited("choice", |d| {
        set(d, "/StartAt", "Route".into());
        set(d, "/States/Other/Next", "Prepare".into());
    });
    snapshot!("conformance__wrong_start_at", found);
}

#[test]
fn transition_the_definition_lacks() {
    let found = against_edited("choice", |d| set(d, "/States/Prepare/Next", "Other".into()));
    snapshot!("conformance__transition_missing", found);
}

#[test]
fn caught_by_a_catcher_that_does_not_match() {
    let found = against_edited("retry-catch", |d| {
        set(
            d,
            "/States/CallActivity/Catch/0/ErrorEquals",
            serde_json::json!(["States.TaskFailed"]),
        );
    });
    snapshot!("conformance__catch_does_not_match", found);
}

#[test]
fn caught_by_a_later_catcher_than_the_first_matching() {
    let found = against_edited("parallel-retry", |d| {
        set(d, "/States/Attempt/Catch/0/ErrorEquals", serde_json::json!(["States.ALL"]));
    });
    snapshot!("conformance__catch_not_first", found);
}

#[test]
fn left_through_next_after_a_failure_is_not_an_edge() {
    // "Recovered" is entered after the failure; with a Next to it instead of a Catch it is wrong.
    let found = against_edited("retry-catch", |d| {
        set(d, "/States/CallActivity/Next", "Recovered".into());
        set(d, "/States/CallActivity/Catch", serde_json::json!([]));
    });
    snapshot!("conformance__next_after_failure", found);
}

#[test]
fn too_many_retries() {
    let found = against_edited("retry-catch", |d| {
        set(d, "/States/CallActivity/Retry/0/MaxAttempts", 1.into())
    });
    snapshot!("conformance__too_many_retries", found);
}

#[test]
fn retried_an_error_no_retrier_matches() {
    let found = against_edited("parallel-retry", |d| {
        set(d, "/States/Attempt/Retry/1/ErrorEquals", serde_json::json!(["Custom.Other2"]));
    });
    snapshot!("conformance__retry_unmatched_error", found);
}

#[test]
fn gave_up_while_retries_were_left() {
    let found = against_edited("retry-catch", |d| {
        set(d, "/States/CallActivity/Retry/0/MaxAttempts", 4.into())
    });
    snapshot!("conformance__gave_up_early", found);
}

#[test]
fn retried_sooner_than_the_backoff_allows() {
    let found = against_edited("retry-catch", |d| {
        set(d, "/States/CallActivity/Retry/0/IntervalSeconds", 2.into());
        set(d, "/States/CallActivity/Retry/0/MaxDelaySeconds", 3.into());
    });
    // Retry 1 waited 1 s (expected 2), retry 2 waited 2 s (expected min(4, 3) = 3).
    assert!(found.iter().all(|v| v.severity == Severity::Warning));
    snapshot!("conformance__retry_interval", found);
}

#[test]
fn jitter_turns_the_interval_check_off() {
    let found = against_edited("retry-catch", |d| {
        set(d, "/States/CallActivity/Retry/0/IntervalSeconds", 2.into());
        set(d, "/States/CallActivity/Retry/0/JitterStrategy", "FULL".into());
    });
    assert_eq!(found, vec![]);
}

#[test]
fn scope_succeeded_after_a_state_with_next() {
    let found = against_edited("parallel", |d| {
        set(d, "/States/End", serde_json::json!({"Type": "Pass", "Next": "Pause"}));
        set(
            d,
            "/States/Both/Branches/1/States/RightPass",
            serde_json::json!({"Type": "Pass", "Next": "RightPass"}),
        );
    });
    snapshot!("conformance__scope_end", found);
}

#[test]
fn execution_failure_differs_from_the_fail_state() {
    let found = against_edited("fail", |d| set(d, "/States/Broken/Error", "Other.Error".into()));
    snapshot!("conformance__fail_error", found);
}

#[test]
fn parallel_with_more_branches_in_the_definition() {
    let found = against_edited("parallel", |d| {
        let extra = serde_json::json!({"StartAt": "Third", "States": {"Third": {"Type": "Pass", "End": true}}});
        d["States"]["Both"]["Branches"].as_array_mut().unwrap().push(extra);
    });
    snapshot!("conformance__parallel_branch_count", found);
}

#[test]
fn parallel_running_one_branch_twice() {
    // One branch holding both recorded branches' states: both run scopes match it.
    let found = against_edited("parallel", |d| {
        let right = d["States"]["Both"]["Branches"][1]["States"]["RightPass"].clone();
        d["States"]["Both"]["Branches"][0]["States"]["RightPass"] = right;
        d["States"]["Both"]["Branches"].as_array_mut().unwrap().truncate(1);
    });
    snapshot!("conformance__parallel_branch_twice", found);
}

#[test]
fn state_of_another_type() {
    let found = against_edited("map", |d| {
        set(
            d,
            "/States/EachItem/ItemProcessor/States/Large",
            serde_json::json!({"Type": "Task", "Resource": "r", "End": true}),
        );
    });
    snapshot!("conformance__state_type", found);
}

#[test]
fn map_iterations_against_a_distributed_map_or_a_parallel() {
    let mut found = against_edited("map", |d| {
        set(d, "/States/EachItem/ItemProcessor/ProcessorConfig/Mode", "DISTRIBUTED".into())
    });
    found.extend(against_edited("parallel", |d| {
        let branches = d["States"]["Both"]["Branches"][0].clone();
        set(
            d,
            "/States/Both",
            serde_json::json!({"Type": "Map", "ItemProcessor": branches, "Next": "Pause"}),
        );
    }));
    snapshot!("conformance__scope_match", found);
}

#[test]
fn iteration_state_outside_the_item_processor() {
    let found = edited_history("map", |events| {
        for event in events.iter_mut().filter(|e| e["stateEnteredEventDetails"]["name"] == "Small")
        {
            event["stateEnteredEventDetails"]["name"] = "Items".into();
        }
    });
    snapshot!("conformance__unknown_state_in_iteration", found);
}

#[test]
fn catch_inside_a_map_iteration_is_checked_in_that_scope() {
    // The Parallel inside iteration 1 failed with Item.Odd (from the Fail state "Odd" in its
    // first branch); a catcher for another error cannot have led to "Flagged".
    let found = against_edited("nested", |d| {
        set(
            d,
            "/States/PerItem/ItemProcessor/States/Split/Catch/0/ErrorEquals",
            serde_json::json!(["Item.Even"]),
        );
    });
    snapshot!("conformance__nested_catch", found);
}

/// The retry-catch run, cut after the third time-out and ended by ExecutionFailed.
fn failed_uncaught(events: &mut Vec<serde_json::Value>) {
    events.retain(|e| e["id"].as_i64().is_some_and(|id| id <= 8 || id == 14));
    let last = events.last_mut().unwrap();
    last["type"] = "ExecutionFailed".into();
    last["previousEventId"] = 8.into();
    last.as_object_mut().unwrap().remove("executionSucceededEventDetails");
    last["executionFailedEventDetails"] =
        serde_json::json!({"error": "States.Timeout", "cause": ""});
}

#[test]
fn execution_failed_although_a_catcher_and_a_retrier_match() {
    let history_json = {
        let mut json: serde_json::Value =
            serde_json::from_slice(&read("retry-catch.history.json")).unwrap();
        failed_uncaught(json["events"].as_array_mut().unwrap());
        json.to_string()
    };
    let history = parse_history(history_json.as_bytes()).unwrap();
    let mut definition: serde_json::Value =
        serde_json::from_slice(&read("retry-catch.asl.json")).unwrap();
    set(&mut definition, "/States/CallActivity/Retry/0/MaxAttempts", 4.into());
    let definition = Definition::parse(definition.to_string().as_bytes()).unwrap();
    let found = check(&history, &Analysis::new(&history), &definition);
    snapshot!("conformance__uncaught_failure", found);
}

#[test]
fn an_uncaught_failure_with_no_matching_catcher_conforms() {
    let found = edited_history("retry-catch", failed_uncaught);
    let mut json: serde_json::Value =
        serde_json::from_slice(&read("retry-catch.asl.json")).unwrap();
    set(
        &mut json,
        "/States/CallActivity/Catch/0/ErrorEquals",
        serde_json::json!(["States.TaskFailed"]),
    );
    let definition = Definition::parse(json.to_string().as_bytes()).unwrap();
    let mut history: serde_json::Value =
        serde_json::from_slice(&read("retry-catch.history.json")).unwrap();
    failed_uncaught(history["events"].as_array_mut().unwrap());
    let history = parse_history(history.to_string().as_bytes()).unwrap();
    assert_eq!(check(&history, &Analysis::new(&history), &definition), vec![]);
    // Against the recorded definition, whose States.ALL catcher matches, it does not.
    assert_eq!(found.iter().map(|v| v.rule).collect::<Vec<_>>(), ["conformance.transition"]);
}
