//! Parsing tests of the ASL model.

use super::*;

fn parse(json: &str) -> Result<Definition, DefinitionError> {
    Definition::parse(json.as_bytes())
}

#[test]
fn reads_states_transitions_and_defaults() {
    let definition = parse(
        r#"{"Comment": "c", "StartAt": "A", "QueryLanguage": "JSONPath", "Custom": 1, "States": {
            "A": {"Type": "Task", "Resource": "arn:x", "TimeoutSeconds": 5, "HeartbeatSeconds": 2,
                  "Retry": [{"ErrorEquals": ["States.Timeout"]},
                            {"ErrorEquals": ["X"], "MaxAttempts": 0, "IntervalSeconds": 3,
                             "BackoffRate": 1.5, "MaxDelaySeconds": 9, "JitterStrategy": "FULL"}],
                  "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "F", "ResultPath": "$.e"}],
                  "Next": "C", "Parameters": {"a": 1}},
            "C": {"Type": "Choice", "Choices": [
                    {"And": [{"Variable": "$.a", "IsPresent": true}], "Next": "W"},
                    {"Condition": "{% $x %}", "Next": "S"}], "Default": "F"},
            "W": {"Type": "Wait", "Seconds": 1, "Next": "S"},
            "S": {"Type": "Succeed"},
            "F": {"Type": "Fail", "Error": "E", "Cause": "{% $c %}"}
        }}"#,
    )
    .unwrap();
    let top = &definition.machine;
    assert_eq!(top.start_at.as_deref(), Some("A"));
    assert_eq!(top.comment.as_deref(), Some("c"));
    assert_eq!(top.query_language.as_deref(), Some("JSONPath"));
    assert_eq!(top.extra.get("Custom"), Some(&serde_json::json!(1)));
    let names: Vec<_> = top.states.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["A", "C", "W", "S", "F"]);

    let a = top.state("A").unwrap();
    assert_eq!(a.path, "States.A");
    assert_eq!(a.kind, StateKind::Task { resource: Some("arn:x".into()) });
    assert_eq!((a.timeout_seconds, a.heartbeat_seconds), (Some(5), Some(2)));
    assert_eq!(a.extra.get("Parameters"), Some(&serde_json::json!({"a": 1})));
    let (r0, r1) = (&a.retry[0], &a.retry[1]);
    assert_eq!((r0.max_attempts, r0.interval_seconds, r0.backoff_rate), (3, 1.0, 2.0));
    assert_eq!((r0.max_delay_seconds, r0.jitter_strategy.as_deref()), (None, None));
    assert_eq!((r1.max_attempts, r1.interval_seconds, r1.backoff_rate), (0, 3.0, 1.5));
    assert_eq!((r1.max_delay_seconds, r1.jitter_strategy.as_deref()), (Some(9.0), Some("FULL")));
    assert_eq!(r1.path, "States.A.Retry[1]");
    assert_eq!(a.catch[0].next.as_deref(), Some("F"));
    assert_eq!(a.catch[0].extra.get("ResultPath"), Some(&serde_json::json!("$.e")));

    let c = top.state("C").unwrap();
    let edges: Vec<_> = c.edges().into_iter().map(|e| (e.kind, e.target, e.path)).collect();
    assert_eq!(
        edges,
        [
            (EdgeKind::Choice, "W".into(), "States.C.Choices[0].Next".into()),
            (EdgeKind::Choice, "S".into(), "States.C.Choices[1].Next".into()),
            (EdgeKind::Default, "F".into(), "States.C.Default".into()),
        ]
    );
    let f = top.state("F").unwrap();
    assert_eq!(f.kind, StateKind::Fail { error: Some("E".into()), cause: None });
    assert!(f.is_terminal() && top.state("S").unwrap().is_terminal() && !c.is_terminal());
}

#[test]
fn reads_nested_scopes_with_their_paths() {
    let definition = parse(
        r#"{"StartAt": "P", "States": {
            "P": {"Type": "Parallel", "Next": "M", "Branches": [
                {"StartAt": "B1", "States": {"B1": {"Type": "Pass", "End": true}}},
                {"StartAt": "B2", "States": {"B2": {"Type": "Pass", "End": true}}}]},
            "M": {"Type": "Map", "Next": "L", "ItemProcessor": {
                "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                "StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}},
            "L": {"Type": "Map", "End": true, "Iterator": {
                "StartAt": "J", "States": {"J": {"Type": "Succeed"}}}}
        }}"#,
    )
    .unwrap();
    let paths: Vec<_> = definition.machines().iter().map(|m| m.path.clone()).collect();
    assert_eq!(
        paths,
        [
            "",
            "States.P.Branches[0]",
            "States.P.Branches[1]",
            "States.M.ItemProcessor",
            "States.L.Iterator"
        ]
    );
    let StateKind::Map { processor: Some(processor), mode } = &definition.machine.states[1].kind
    else {
        panic!("M is a Map with a processor");
    };
    assert_eq!(*mode, MapMode::Distributed);
    assert_eq!(processor.state("I").unwrap().path, "States.M.ItemProcessor.States.I");
    assert!(processor.extra.contains_key("ProcessorConfig"));
    let StateKind::Map { mode, .. } = &definition.machine.states[2].kind else { panic!() };
    assert_eq!(*mode, MapMode::Inline);
    assert_eq!(definition.all_states().len(), 7);
}

#[test]
fn errors_name_the_path_of_the_offending_field() {
    let error = |json: &str| parse(json).unwrap_err().to_string();
    assert_eq!(
        error(r#"{"StartAt": "g", "States": {"getGreeting": {"Type": "Pass", "Next": 3}}}"#),
        "States.getGreeting.Next: expected a string, found 3"
    );
    assert_eq!(error(r#"[1]"#), "definition: expected an object, found an array");
    assert_eq!(error(r#"{"StartAt": "A"}"#), "States: missing field");
    assert_eq!(
        error(r#"{"States": {"A": {"Type": "Sleep"}}}"#),
        r#"States.A.Type: unknown state type "Sleep""#
    );
    assert_eq!(
        error(
            r#"{"States": {"P": {"Type": "Parallel", "Branches": [{"States": {"B": {"Type": "Task",
                "Retry": [{"ErrorEquals": ["X", 1]}]}}}]}}}"#
        ),
        "States.P.Branches[0].States.B.Retry[0].ErrorEquals[1]: expected a string, found 1"
    );
    assert_eq!(
        error(r#"{"States": {"A": {"Type": "Pass", "End": "yes"}}}"#),
        r#"States.A.End: expected a boolean, found "yes""#
    );
    assert_eq!(
        error(r#"{"States": {"A": {"Type": "Task", "Retry": [{"MaxAttempts": -1}]}}}"#),
        "States.A.Retry[0].MaxAttempts: expected a non-negative integer, found -1"
    );
    assert!(error("{").starts_with("not valid JSON: "));
}

#[test]
fn every_recorded_fixture_definition_parses() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/asl");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.to_string_lossy().ends_with(".asl.json") {
            Definition::parse(&std::fs::read(&path).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            count += 1;
        }
    }
    assert!(count >= 7, "found {count} definitions");
}
