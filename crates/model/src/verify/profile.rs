//! The timing profile of one execution: status, top-level path, and per state the number of
//! visits and the time spent in them (summed over every visit in every scope).

use super::facts::RunFacts;
use crate::analysis::Analysis;
use crate::history::History;
use jiff::SignedDuration;
use serde::Serialize;

/// Visits and time of one state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StateProfile {
    /// The state's name.
    pub name: String,
    /// How many visits, over every scope.
    pub visits: usize,
    /// The sum of the visits' durations (entered → exited/aborted).
    #[serde(serialize_with = "millis")]
    pub total: SignedDuration,
}

/// One execution's profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RunProfile {
    /// Where it came from (file or ARN).
    pub source: String,
    /// The final status.
    pub status: String,
    /// Top-level states in the order entered.
    pub path: Vec<String>,
    /// First event to terminal (or last) event.
    #[serde(serialize_with = "millis")]
    pub duration: SignedDuration,
    /// Every state visited, in the order first entered.
    pub states: Vec<StateProfile>,
}

impl RunProfile {
    /// Profiles a history.
    pub fn new(source: impl Into<String>, history: &History, analysis: &Analysis) -> RunProfile {
        let facts = RunFacts::new(history, analysis);
        let mut states: Vec<(i64, StateProfile)> = facts
            .states
            .iter()
            .map(|(name, visits)| {
                let first = visits.iter().map(|v| v.entered_id).min().unwrap_or(0);
                let total = visits
                    .iter()
                    .map(|v| v.duration)
                    .fold(SignedDuration::ZERO, |a, b| a.saturating_add(b));
                (first, StateProfile { name: name.clone(), visits: visits.len(), total })
            })
            .collect();
        states.sort_by_key(|(first, _)| *first);
        RunProfile {
            source: source.into(),
            status: facts.status.clone(),
            path: facts.path_names().into_iter().map(str::to_owned).collect(),
            duration: facts.duration,
            states: states.into_iter().map(|(_, s)| s).collect(),
        }
    }

    /// The profile of a state, if visited.
    pub fn state(&self, name: &str) -> Option<&StateProfile> {
        self.states.iter().find(|s| s.name == name)
    }
}

/// Serializes a duration as integer milliseconds.
pub(crate) fn millis<S: serde::Serializer>(d: &SignedDuration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_i64(d.as_millis() as i64)
}

/// Serializes an optional duration as integer milliseconds or null.
pub(crate) fn opt_millis<S: serde::Serializer>(
    d: &Option<SignedDuration>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_i64(d.as_millis() as i64),
        None => s.serialize_none(),
    }
}
