//! Expectations about one state (`[states.NAME]`): visit counts, retries, durations.

use super::duration::format_duration;
use super::expectations::StateExpectations;
use super::facts::{RunFacts, VisitFacts};
use super::result::CheckResult;

/// Checks one `[states.NAME]` table; `end` is the event that closes the execution (cited when
/// a state is missing).
pub(super) fn state_checks(
    facts: &RunFacts,
    name: &str,
    state: &StateExpectations,
    end: Option<i64>,
) -> Vec<CheckResult> {
    let mut out = Vec::new();
    let visits: &[VisitFacts] = facts.states.get(name).map_or(&[], Vec::as_slice);
    let key = |k: &str| format!("states.{name}.{k}");
    let count = visits.len() as u64;
    let visits_text = format!("{count} visit{}", if count == 1 { "" } else { "s" });
    // The event that shows a wrong count: the first visit too many, else the end.
    let count_event = |limit: u64| visits.get(limit as usize).map(|v| v.entered_id).or(end);
    if let Some(n) = state.visits {
        out.push(CheckResult::new(
            key("visits"),
            count == n,
            format!("{n} visits of {name}"),
            visits_text.clone(),
            (count != n).then(|| count_event(n)).flatten(),
        ));
    }
    if let Some(n) = state.min_visits {
        out.push(CheckResult::new(
            key("min_visits"),
            count >= n,
            format!("at least {n} visits of {name}"),
            visits_text.clone(),
            (count < n).then_some(end).flatten(),
        ));
    }
    if let Some(n) = state.max_visits {
        out.push(CheckResult::new(
            key("max_visits"),
            count <= n,
            format!("at most {n} visits of {name}"),
            visits_text.clone(),
            (count > n).then(|| count_event(n)).flatten(),
        ));
    }
    if let Some(n) = state.max_retries {
        let ids: Vec<i64> = visits.iter().flat_map(|v| v.retry_ids.iter().copied()).collect();
        out.push(CheckResult::new(
            key("max_retries"),
            ids.len() as u64 <= n,
            format!("at most {n} retries of {name}"),
            format!("{} retries", ids.len()),
            ids.get(n as usize).copied(),
        ));
    }
    if let Some(max) = state.max_duration {
        let longest = visits.iter().max_by_key(|v| v.duration);
        out.push(match longest {
            None => CheckResult::new(
                key("max_duration"),
                true,
                format!("each visit of {name} to take at most {}", format_duration(max)),
                "not visited",
                None,
            ),
            Some(v) => CheckResult::new(
                key("max_duration"),
                v.duration <= max,
                format!("each visit of {name} to take at most {}", format_duration(max)),
                format!(
                    "{}{} (entered at event id {}{})",
                    if visits.len() > 1 { "the longest took " } else { "it took " },
                    format_duration(v.duration),
                    v.entered_id,
                    if v.closed_id.is_none() { ", still open" } else { "" }
                ),
                (v.duration > max).then_some(v.closed_id.unwrap_or(v.entered_id)),
            ),
        });
    }
    out
}
