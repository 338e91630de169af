//! Compares two executions: status, top-level path, and per state the visits and time spent.

use super::profile::{opt_millis, RunProfile};
use jiff::SignedDuration;
use serde::Serialize;

/// How a state differs between two runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StateChange {
    /// Visited in both, the same number of times.
    Same,
    /// Only visited in B.
    Added,
    /// Only visited in A.
    Removed,
    /// Visited in both, a different number of times.
    Visits,
}

/// One state's row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StateDiff {
    /// The state's name.
    pub name: String,
    /// What changed.
    pub change: StateChange,
    /// Visits in A.
    pub visits_a: usize,
    /// Visits in B.
    pub visits_b: usize,
    /// Time in the state in A (milliseconds in JSON).
    #[serde(serialize_with = "opt_millis")]
    pub time_a: Option<SignedDuration>,
    /// Time in the state in B.
    #[serde(serialize_with = "opt_millis")]
    pub time_b: Option<SignedDuration>,
}

impl StateDiff {
    /// B's time minus A's, when visited in both.
    pub fn delta(&self) -> Option<SignedDuration> {
        Some(self.time_b?.saturating_sub(self.time_a?))
    }
}

/// The difference between two runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RunDiff {
    /// Run A.
    pub a: RunProfile,
    /// Run B.
    pub b: RunProfile,
    /// True when the statuses differ.
    pub status_changed: bool,
    /// True when the top-level paths differ.
    pub path_changed: bool,
    /// Every state of either run: A's order first, then states only in B.
    pub states: Vec<StateDiff>,
}

/// Compares run A with run B.
pub fn diff(a: RunProfile, b: RunProfile) -> RunDiff {
    let mut states = Vec::new();
    for sa in &a.states {
        let sb = b.state(&sa.name);
        let visits_b = sb.map_or(0, |s| s.visits);
        states.push(StateDiff {
            name: sa.name.clone(),
            change: match sb {
                None => StateChange::Removed,
                Some(_) if visits_b != sa.visits => StateChange::Visits,
                Some(_) => StateChange::Same,
            },
            visits_a: sa.visits,
            visits_b,
            time_a: Some(sa.total),
            time_b: sb.map(|s| s.total),
        });
    }
    for sb in b.states.iter().filter(|s| a.state(&s.name).is_none()) {
        states.push(StateDiff {
            name: sb.name.clone(),
            change: StateChange::Added,
            visits_a: 0,
            visits_b: sb.visits,
            time_a: None,
            time_b: Some(sb.total),
        });
    }
    RunDiff { status_changed: a.status != b.status, path_changed: a.path != b.path, states, a, b }
}
