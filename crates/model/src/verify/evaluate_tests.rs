//! Unit tests of `evaluate`: every expectation kind, passing and failing, on small histories.

use super::*;
use crate::parse_history;
use crate::verify::Expectations;

/// One event: (type, previous id, seconds after start, details key and JSON).
fn history(events: &[(&str, i64, f64, &str)]) -> History {
    let mut out = Vec::new();
    for (i, (ty, prev, at, details)) in events.iter().enumerate() {
        let seconds = 1_700_000_000.0 + at;
        let mut event = format!(
            r#"{{"id":{},"previousEventId":{prev},"timestamp":{seconds:.3},"type":"{ty}""#,
            i + 1
        );
        if !details.is_empty() {
            event.push(',');
            event.push_str(details);
        }
        event.push('}');
        out.push(event);
    }
    parse_history(format!("[{}]", out.join(",")).as_bytes()).expect("test history parses")
}

fn entered(name: &str) -> String {
    format!(r#""stateEnteredEventDetails":{{"name":"{name}","input":"{{}}"}}"#)
}

fn exited(name: &str) -> String {
    format!(r#""stateExitedEventDetails":{{"name":"{name}","output":"{{}}"}}"#)
}

const SCHEDULED: &str = r#""taskScheduledEventDetails":{"resource":"invoke","resourceType":"lambda","region":"us-east-1","parameters":"{}"}"#;
const STARTED: &str = r#""taskStartedEventDetails":{"resource":"invoke","resourceType":"lambda"}"#;
const FAILED: &str = r#""taskFailedEventDetails":{"resource":"invoke","resourceType":"lambda","error":"Boom","cause":"bad luck"}"#;
const SUCCEEDED: &str =
    r#""taskSucceededEventDetails":{"resource":"invoke","resourceType":"lambda","output":"{}"}"#;
const OUTPUT: &str = r#""executionSucceededEventDetails":{"output":"{\"result\":{\"ok\":true,\"n\":3},\"id\":\"x\"}"}"#;

/// Prepare (Pass) → Work (Task, fails once with Boom, retried) → Done (Pass) → Work again, then success.
fn retried_run() -> History {
    let (pe, px, we, wx, de, dx) = (
        entered("Prepare"),
        exited("Prepare"),
        entered("Work"),
        exited("Work"),
        entered("Done"),
        exited("Done"),
    );
    history(&[
        (
            "ExecutionStarted",
            0,
            0.0,
            r#""executionStartedEventDetails":{"input":"{}","roleArn":"arn:aws:iam::123456789012:role/r"}"#,
        ),
        ("PassStateEntered", 1, 0.0, &pe),
        ("PassStateExited", 2, 0.1, &px),
        ("TaskStateEntered", 3, 0.1, &we),
        ("TaskScheduled", 4, 0.1, SCHEDULED),
        ("TaskStarted", 5, 0.2, STARTED),
        ("TaskFailed", 6, 1.0, FAILED),
        ("TaskScheduled", 7, 3.0, SCHEDULED),
        ("TaskStarted", 8, 3.1, STARTED),
        ("TaskSucceeded", 9, 4.0, SUCCEEDED),
        ("TaskStateExited", 10, 4.0, &wx),
        ("PassStateEntered", 11, 4.0, &de),
        ("PassStateExited", 12, 4.1, &dx),
        ("TaskStateEntered", 13, 4.1, &we),
        ("TaskScheduled", 14, 4.1, SCHEDULED),
        ("TaskStarted", 15, 4.2, STARTED),
        ("TaskSucceeded", 16, 4.4, SUCCEEDED),
        ("TaskStateExited", 17, 4.4, &wx),
        ("ExecutionSucceeded", 18, 4.5, OUTPUT),
    ])
}

fn check(toml: &str) -> Vec<CheckResult> {
    check_with(toml, &retried_run(), Some(&[]))
}

fn check_with(toml: &str, history: &History, findings: Option<&[Violation]>) -> Vec<CheckResult> {
    let expect = Expectations::from_toml(toml).expect("test expectations parse");
    evaluate(&expect, history, &Analysis::new(history), findings)
}

/// The result named `name`, as (passed, message).
fn result(results: &[CheckResult], name: &str) -> (bool, String) {
    let r = results
        .iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("no result {name}: {results:?}"));
    (r.status == CheckStatus::Passed, r.message())
}

#[test]
fn status_one_or_list() {
    assert_eq!(
        result(&check("status = 'SUCCEEDED'"), "status"),
        (true, "expected status SUCCEEDED, got status SUCCEEDED (event id 19)".into())
    );
    assert_eq!(
        result(&check("status = 'FAILED'"), "status"),
        (false, "expected status FAILED, got status SUCCEEDED (event id 19)".into())
    );
    assert!(result(&check("status = ['FAILED', 'SUCCEEDED']"), "status").0);
}

#[test]
fn exact_path() {
    assert!(result(&check("path = ['Prepare', 'Work', 'Done', 'Work']"), "path").0);
    assert_eq!(
        result(&check("path = ['Prepare', 'Done']"), "path"),
        (false, "expected path [Prepare → Done], got [Prepare → Work → Done → Work] (state 2 is Work, not Done) (event id 4)".into())
    );
    assert_eq!(
        result(&check("path = ['Prepare', 'Work', 'Done', 'Work', 'Last']"), "path"),
        (false, "expected path [Prepare → Work → Done → Work → Last], got [Prepare → Work → Done → Work] (ends before state 5: Last) (event id 19)".into())
    );
}

#[test]
fn path_contains_and_in_order() {
    assert!(result(&check("path_contains = ['Done', 'Prepare']"), "path_contains").0);
    let (ok, message) = result(&check("path_contains = ['Done', 'Cleanup']"), "path_contains");
    assert!(!ok);
    assert_eq!(message, "expected the top-level path to contain Done, Cleanup, got Cleanup missing from [Prepare → Work → Done → Work] (event id 19)");
    assert!(result(&check("path_in_order = ['Prepare', 'Done', 'Work']"), "path_in_order").0);
    let (ok, message) = result(&check("path_in_order = ['Done', 'Prepare']"), "path_in_order");
    assert!(!ok);
    assert!(message.ends_with("(no Prepare after Done) (event id 12)"), "{message}");
}

#[test]
fn never_visits() {
    assert!(result(&check("never_visits = ['Cleanup']"), "never_visits").0);
    assert_eq!(
        result(&check("never_visits = ['Cleanup', 'Done']"), "never_visits"),
        (false, "expected no visit of Cleanup, Done, got Done entered (top) (event id 12)".into())
    );
}

#[test]
fn visit_counts() {
    let results = check("[states.Work]\nvisits = 2\nmin_visits = 2\nmax_visits = 2\n");
    assert!(results
        .iter()
        .filter(|r| r.name.starts_with("states."))
        .all(|r| r.status == CheckStatus::Passed));
    assert_eq!(
        result(&check("[states.Work]\nvisits = 1"), "states.Work.visits"),
        (false, "expected 1 visits of Work, got 2 visits (event id 14)".into())
    );
    assert_eq!(
        result(&check("[states.Work]\nmax_visits = 1"), "states.Work.max_visits"),
        (false, "expected at most 1 visits of Work, got 2 visits (event id 14)".into())
    );
    assert_eq!(
        result(&check("[states.Done]\nmin_visits = 2"), "states.Done.min_visits"),
        (false, "expected at least 2 visits of Done, got 1 visit (event id 19)".into())
    );
}

#[test]
fn retries_per_state_and_overall() {
    assert!(result(&check("max_retries = 1"), "max_retries").0);
    assert_eq!(
        result(&check("max_retries = 0"), "max_retries"),
        (false, "expected at most 0 retries in the execution, got 1 retries (event id 8)".into())
    );
    assert!(result(&check("[states.Work]\nmax_retries = 1"), "states.Work.max_retries").0);
    assert_eq!(
        result(&check("[states.Work]\nmax_retries = 0"), "states.Work.max_retries"),
        (false, "expected at most 0 retries of Work, got 1 retries (event id 8)".into())
    );
}

#[test]
fn durations_per_state_and_execution() {
    // Work's visits: 0.1 → 4.0 (3.9 s) and 4.1 → 4.4 (0.3 s); the execution: 4.5 s.
    assert!(result(&check("[states.Work]\nmax_duration = '3900ms'"), "states.Work.max_duration").0);
    assert_eq!(
        result(&check("[states.Work]\nmax_duration = '3s'"), "states.Work.max_duration"),
        (false, "expected each visit of Work to take at most 3s, got the longest took 3.9s (entered at event id 4) (event id 11)".into())
    );
    assert!(result(&check("max_duration = '4.5s'"), "max_duration").0);
    assert_eq!(
        result(&check("max_duration = '4s'"), "max_duration"),
        (false, "expected the execution to take at most 4s, got it took 4.5s (event id 19)".into())
    );
}

#[test]
fn output_equal_and_contains() {
    assert!(result(&check("output = { result = { ok = true, n = 3 }, id = 'x' }"), "output").0);
    let (ok, message) = result(&check("output = { result = { ok = true, n = 3 } }"), "output");
    assert!(!ok);
    assert!(message.contains("(/: unexpected key \"id\") (event id 19)"), "{message}");
    assert!(result(&check("output_contains = '{\"result\": {\"n\": 3}}'"), "output_contains").0);
    let (ok, message) =
        result(&check("output_contains = { result = { n = 4 } }"), "output_contains");
    assert!(!ok);
    assert!(message.contains("(/result/n: expected 4, got 3) (event id 19)"), "{message}");
}

#[test]
fn allowed_and_forbidden_errors() {
    assert!(result(&check("allowed_errors = ['Boom']"), "allowed_errors").0);
    assert!(result(&check("allowed_errors = ['States.ALL']"), "allowed_errors").0);
    assert_eq!(
        result(&check("allowed_errors = ['States.Timeout']"), "allowed_errors"),
        (false, "expected only errors States.Timeout, got error Boom (event id 7)".into())
    );
    assert!(result(&check("forbidden_errors = ['States.Timeout']"), "forbidden_errors").0);
    assert_eq!(
        result(&check("forbidden_errors = ['Boom']"), "forbidden_errors"),
        (false, "expected none of the errors Boom, got error Boom (event id 7)".into())
    );
}

#[test]
fn valid_uses_the_findings_given() {
    let h = retried_run();
    let warning = [Violation::warning("x.warn", vec![3], "odd")];
    assert!(result(&check_with("", &h, Some(&warning)), "valid").0);
    let error = [Violation::error("history.ids-contiguous", vec![5], "id 5 repeats")];
    assert_eq!(
        result(&check_with("", &h, Some(&error)), "valid"),
        (false, "expected no lifecycle or conformance finding of severity error, got 1 error finding, first history.ids-contiguous: id 5 repeats (event id 5)".into())
    );
    let skipped = check_with("", &h, None);
    assert_eq!(skipped.iter().find(|r| r.name == "valid").unwrap().status, CheckStatus::Skipped);
    assert!(!check_with("valid = false", &h, Some(&error)).iter().any(|r| r.name == "valid"));
}

#[test]
fn event_budget_warns_at_80_percent_and_fails_above() {
    let r = check("max_events = 100");
    let budget = r.iter().find(|r| r.name == "max_events").unwrap();
    assert!(budget.status == CheckStatus::Passed && budget.warning.is_none());
    let r = check("max_events = 23");
    let budget = r.iter().find(|r| r.name == "max_events").unwrap();
    assert_eq!(budget.status, CheckStatus::Passed);
    assert_eq!(budget.warning.as_deref(), Some("19 events is at least 80% of the budget of 23"));
    assert_eq!(
        result(&check("max_events = 18"), "max_events"),
        (false, "expected at most 18 events, got 19 events (event id 19)".into())
    );
    // The default budget is present even in an empty file.
    assert_eq!(
        result(&check(""), "max_events"),
        (true, "expected at most 25000 events, got 19 events".into())
    );
}

#[test]
fn states_in_parallel_branches_and_map_iterations_count_everywhere() {
    let parallel =
        parse_history(include_bytes!("../../../../tests/fixtures/golden/parallel-run1.json"))
            .unwrap();
    let r = check_with(
        "path = ['Prepare', 'Fork', 'Route', 'Finish']\nnever_visits = ['Alternative', 'LeftDone']\n[states.LeftWait]\nvisits = 1\n",
        &parallel,
        Some(&[]),
    );
    assert!(result(&r, "path").0, "branch states are not on the top-level path");
    assert!(result(&r, "states.LeftWait.visits").0);
    let (ok, message) = result(&r, "never_visits");
    assert!(!ok);
    assert!(
        message.starts_with(
            "expected no visit of Alternative, LeftDone, got LeftDone entered (Fork[branch "
        ),
        "{message}"
    );
    let map =
        parse_history(include_bytes!("../../../../tests/fixtures/golden/map-run1.json")).unwrap();
    let r = check_with(
        "path = ['Fan']\n[states.Nap]\nvisits = 2\nmax_duration = '900ms'\n",
        &map,
        Some(&[]),
    );
    assert!(result(&r, "path").0);
    assert!(result(&r, "states.Nap.visits").0);
    // Item 0 waits 1 s: its Nap visit is over the limit; item 1's (0 s) is not.
    let (ok, message) = result(&r, "states.Nap.max_duration");
    assert!(!ok);
    assert!(message.contains("got the longest took 1."), "{message}");
}
