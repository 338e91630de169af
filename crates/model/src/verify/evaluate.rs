//! Checks expectations against one execution and returns one result per expectation.

use super::duration::format_duration;
use super::expectations::Expectations;
use super::facts::RunFacts;
use super::json_match;
use super::result::{CheckResult, CheckStatus};
use super::state_checks::state_checks;
use crate::analysis::Analysis;
use crate::history::History;
use crate::violation::{Severity, Violation};

/// Evaluates every expectation set in `expect` (plus the defaults `valid` and `max_events`).
///
/// `findings` are the lifecycle and conformance findings of the history; `None` means no
/// validator was available, and `valid` is then reported as skipped.
pub fn evaluate(
    expect: &Expectations,
    history: &History,
    analysis: &Analysis,
    findings: Option<&[Violation]>,
) -> Vec<CheckResult> {
    let facts = RunFacts::new(history, analysis);
    let mut out = Vec::new();
    let end = facts.status_event;
    if let Some(status) = &expect.status {
        let wanted = status.values();
        let expected = match wanted.as_slice() {
            [one] => format!("status {one}"),
            many => format!("status one of {}", many.join(", ")),
        };
        let ok = wanted.contains(&facts.status.as_str());
        out.push(CheckResult::new("status", ok, expected, format!("status {}", facts.status), end));
    }
    if let Some(path) = &expect.path {
        out.push(check_path(&facts, path));
    }
    if let Some(states) = &expect.path_contains {
        let names = facts.path_names();
        let missing: Vec<&str> =
            states.iter().map(String::as_str).filter(|s| !names.contains(s)).collect();
        out.push(CheckResult::new(
            "path_contains",
            missing.is_empty(),
            format!("the top-level path to contain {}", list(states)),
            if missing.is_empty() {
                show_path(&names)
            } else {
                format!("{} missing from {}", missing.join(", "), show_path(&names))
            },
            if missing.is_empty() { None } else { end },
        ));
    }
    if let Some(order) = &expect.path_in_order {
        out.push(check_in_order(&facts, order, end));
    }
    if let Some(never) = &expect.never_visits {
        let visited = never
            .iter()
            .find_map(|name| facts.states.get(name).and_then(|v| v.first()).map(|v| (name, v)));
        out.push(match visited {
            None => CheckResult::new(
                "never_visits",
                true,
                format!("no visit of {}", list(never)),
                "none visited",
                None,
            ),
            Some((name, v)) => CheckResult::new(
                "never_visits",
                false,
                format!("no visit of {}", list(never)),
                format!("{name} entered ({})", v.scope),
                Some(v.entered_id),
            ),
        });
    }
    if let Some(max) = expect.max_duration {
        out.push(CheckResult::new(
            "max_duration",
            facts.duration <= max,
            format!("the execution to take at most {}", format_duration(max)),
            format!("it took {}", format_duration(facts.duration)),
            end,
        ));
    }
    if let Some(max) = expect.max_retries {
        let retries = facts.retries();
        let over = retries.get(max as usize);
        out.push(CheckResult::new(
            "max_retries",
            over.is_none(),
            format!("at most {max} retries in the execution"),
            format!("{} retries", retries.len()),
            over.map(|(_, id)| *id),
        ));
    }
    if let Some(expected) = expect.output_json() {
        out.push(check_output(&facts, "output", &expected, false));
    }
    if let Some(expected) = expect.output_contains_json() {
        out.push(check_output(&facts, "output_contains", &expected, true));
    }
    if let Some(allowed) = &expect.allowed_errors {
        let any = allowed.iter().any(|a| a == "States.ALL");
        let bad = facts.errors.iter().find(|(e, _)| !any && !allowed.contains(e));
        out.push(CheckResult::new(
            "allowed_errors",
            bad.is_none(),
            format!("only errors {}", list(allowed)),
            match bad {
                Some((e, _)) => format!("error {e}"),
                None => errors_seen(&facts),
            },
            bad.map(|(_, id)| *id),
        ));
    }
    if let Some(forbidden) = &expect.forbidden_errors {
        let all = forbidden.iter().any(|f| f == "States.ALL");
        let bad = facts.errors.iter().find(|(e, _)| all || forbidden.contains(e));
        out.push(CheckResult::new(
            "forbidden_errors",
            bad.is_none(),
            format!("none of the errors {}", list(forbidden)),
            match bad {
                Some((e, _)) => format!("error {e}"),
                None => errors_seen(&facts),
            },
            bad.map(|(_, id)| *id),
        ));
    }
    for (name, state) in &expect.states {
        out.extend(state_checks(&facts, name, state, end));
    }
    if expect.valid {
        out.push(check_valid(findings));
    }
    out.push(check_events(&facts, expect.max_events));
    out
}

fn check_path(facts: &RunFacts, expected: &[String]) -> CheckResult {
    let names = facts.path_names();
    let ok = names.len() == expected.len() && names.iter().zip(expected).all(|(a, b)| *a == b);
    let mismatch = (0..names.len().max(expected.len()))
        .find(|&i| names.get(i).copied() != expected.get(i).map(String::as_str));
    let event = match mismatch {
        _ if ok => None,
        Some(i) => facts.path.get(i).map(|(_, id)| *id).or(facts.status_event),
        None => facts.status_event,
    };
    let actual = match mismatch {
        Some(i) if !ok => {
            let position = i + 1;
            match (names.get(i), expected.get(i)) {
                (Some(have), Some(want)) => {
                    format!("{} (state {position} is {have}, not {want})", show_path(&names))
                }
                (Some(have), None) => {
                    format!("{} (unexpected state {position}: {have})", show_path(&names))
                }
                _ => {
                    format!(
                        "{} (ends before state {position}: {})",
                        show_path(&names),
                        expected.get(i).map_or("", String::as_str)
                    )
                }
            }
        }
        _ => show_path(&names),
    };
    CheckResult::new(
        "path",
        ok,
        format!("path {}", show_path(&expected.iter().map(String::as_str).collect::<Vec<_>>())),
        actual,
        event,
    )
}

fn check_in_order(facts: &RunFacts, order: &[String], end: Option<i64>) -> CheckResult {
    let mut next = 0;
    let mut last_matched = None;
    for (name, id) in &facts.path {
        if order.get(next) == Some(name) {
            next += 1;
            last_matched = Some(*id);
        }
    }
    let names = facts.path_names();
    let ok = next == order.len();
    let actual = if ok {
        show_path(&names)
    } else {
        format!(
            "{} (no {} after {})",
            show_path(&names),
            order[next],
            if next == 0 { "the start".to_owned() } else { order[next - 1].clone() }
        )
    };
    CheckResult::new(
        "path_in_order",
        ok,
        format!("the top-level path to pass through {} in that order", order.join(" → ")),
        actual,
        if ok { None } else { last_matched.or(end) },
    )
}

fn check_output(
    facts: &RunFacts,
    name: &str,
    expected: &serde_json::Value,
    subset: bool,
) -> CheckResult {
    let what = if subset { "output containing" } else { "output" };
    let expected_text = format!("{what} {}", json_match::compact(expected));
    let Some((text, id)) = &facts.output else {
        return CheckResult::new(
            name,
            false,
            expected_text,
            format!("no output (status {})", facts.status),
            facts.status_event,
        );
    };
    let actual: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(_) => {
            return CheckResult::new(
                name,
                false,
                expected_text,
                format!("output that is not JSON: {text}"),
                Some(*id),
            )
        }
    };
    let matched = if subset {
        json_match::contains(&actual, expected)
    } else {
        json_match::equals(&actual, expected)
    };
    match matched {
        Ok(()) => CheckResult::new(
            name,
            true,
            expected_text,
            format!("output {}", json_match::compact(&actual)),
            None,
        ),
        Err(difference) => CheckResult::new(
            name,
            false,
            expected_text,
            format!("output {} ({difference})", json_match::compact(&actual)),
            Some(*id),
        ),
    }
}

fn check_valid(findings: Option<&[Violation]>) -> CheckResult {
    let expected = "no lifecycle or conformance finding of severity error";
    let Some(findings) = findings else {
        let mut result = CheckResult::new(
            "valid",
            true,
            expected,
            "not evaluated: no validator available",
            None,
        );
        result.status = CheckStatus::Skipped;
        return result;
    };
    let errors: Vec<&Violation> =
        findings.iter().filter(|v| v.severity == Severity::Error).collect();
    match errors.first() {
        None => CheckResult::new("valid", true, expected, "no errors", None),
        Some(first) => {
            let mut result = CheckResult::new(
                "valid",
                false,
                expected,
                format!(
                    "{} error finding{}, first {}: {}",
                    errors.len(),
                    if errors.len() == 1 { "" } else { "s" },
                    first.rule,
                    first.message
                ),
                first.event_id(),
            );
            result.detail = Some(
                errors
                    .iter()
                    .map(|v| {
                        format!(
                            "{} {}: {}",
                            v.event_id().map_or("-".to_owned(), |i| format!("event {i}")),
                            v.rule,
                            v.message
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n"),
            );
            result
        }
    }
}

fn check_events(facts: &RunFacts, max: u64) -> CheckResult {
    let count = facts.events as u64;
    let over = count > max;
    let mut result = CheckResult::new(
        "max_events",
        !over,
        format!("at most {max} events"),
        format!("{count} events"),
        if over { facts.last_event_id } else { None },
    );
    // Warn from 80 % of the budget on.
    if !over && count * 5 >= max * 4 {
        result.warning = Some(format!("{count} events is at least 80% of the budget of {max}"));
    }
    result
}

fn errors_seen(facts: &RunFacts) -> String {
    if facts.errors.is_empty() {
        return "no errors".to_owned();
    }
    let mut names: Vec<&str> = facts.errors.iter().map(|(e, _)| e.as_str()).collect();
    names.dedup();
    format!("errors {}", names.join(", "))
}

fn list(items: &[String]) -> String {
    items.join(", ")
}

fn show_path(names: &[&str]) -> String {
    if names.is_empty() {
        "no states".to_owned()
    } else {
        format!("[{}]", names.join(" → "))
    }
}

#[cfg(test)]
#[path = "evaluate_tests.rs"]
mod tests;
