//! Performance regression: a candidate run against the median of baseline runs, per state and
//! for the whole execution, with a relative threshold and an absolute floor.

use super::profile::{millis, opt_millis, RunProfile};
use jiff::SignedDuration;
use serde::Serialize;

/// The row name used for the whole execution.
pub const EXECUTION_ROW: &str = "(execution)";

/// When a slowdown fails.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Threshold {
    /// Fail when slower than the baseline median by more than this fraction (0.2 = 20 %);
    /// `None` only reports.
    pub fail_slower: Option<f64>,
    /// Differences below this never fail.
    pub min_delta: SignedDuration,
}

/// One state (or the whole execution) of a candidate against the baseline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegressionRow {
    /// The state's name, or `(execution)`.
    pub name: String,
    /// The median over the baseline runs that visited the state (milliseconds in JSON).
    #[serde(serialize_with = "opt_millis")]
    pub baseline: Option<SignedDuration>,
    /// How many baseline runs visited it.
    pub samples: usize,
    /// The candidate's time (`None` when the candidate did not visit it).
    #[serde(serialize_with = "opt_millis")]
    pub candidate: Option<SignedDuration>,
    /// Candidate minus baseline.
    #[serde(serialize_with = "opt_millis")]
    pub delta: Option<SignedDuration>,
    /// Candidate / baseline − 1 (`None` when either is missing or the baseline is zero).
    pub change: Option<f64>,
    /// True when this row breaks the threshold.
    pub slower: bool,
}

/// A candidate against the baseline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Regression {
    /// The candidate's source.
    pub candidate: String,
    /// How many baseline runs.
    pub baseline_runs: usize,
    /// The absolute floor used (milliseconds in JSON).
    #[serde(serialize_with = "millis")]
    pub min_delta: SignedDuration,
    /// The relative threshold used.
    pub fail_slower: Option<f64>,
    /// The whole execution first, then every state in the candidate's order, then states only
    /// in the baseline.
    pub rows: Vec<RegressionRow>,
}

impl Regression {
    /// True when any row is slower than the threshold allows.
    pub fn failed(&self) -> bool {
        self.rows.iter().any(|r| r.slower)
    }
}

/// The median of durations (the mean of the two middle ones for an even count).
pub fn median(values: &[SignedDuration]) -> Option<SignedDuration> {
    let mut sorted = values.to_vec();
    sorted.sort();
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => {
            let sum = sorted[n / 2 - 1].as_nanos() + sorted[n / 2].as_nanos();
            Some(SignedDuration::from_nanos((sum / 2) as i64))
        }
    }
}

/// Compares a candidate with the median per state of the baseline runs.
pub fn regression(
    baseline: &[RunProfile],
    candidate: &RunProfile,
    threshold: Threshold,
) -> Regression {
    let row = |name: &str, base: Vec<SignedDuration>, cand: Option<SignedDuration>| {
        let samples = base.len();
        let baseline = median(&base);
        let delta = cand.zip(baseline).map(|(c, b)| c.saturating_sub(b));
        let change = cand
            .zip(baseline)
            .and_then(|(c, b)| (!b.is_zero()).then(|| c.as_secs_f64() / b.as_secs_f64() - 1.0));
        let slower = match (threshold.fail_slower, delta) {
            (Some(limit), Some(delta)) if delta >= threshold.min_delta && !delta.is_zero() => {
                change.is_none_or(|c| c > limit)
            }
            _ => false,
        };
        RegressionRow {
            name: name.to_owned(),
            baseline,
            samples,
            candidate: cand,
            delta,
            change,
            slower,
        }
    };
    let mut rows = vec![row(
        EXECUTION_ROW,
        baseline.iter().map(|r| r.duration).collect(),
        Some(candidate.duration),
    )];
    let times = |name: &str| {
        baseline.iter().filter_map(|r| r.state(name).map(|s| s.total)).collect::<Vec<_>>()
    };
    for state in &candidate.states {
        rows.push(row(&state.name, times(&state.name), Some(state.total)));
    }
    let mut only_baseline: Vec<&str> = Vec::new();
    for run in baseline {
        for state in &run.states {
            if candidate.state(&state.name).is_none()
                && !only_baseline.contains(&state.name.as_str())
            {
                only_baseline.push(&state.name);
            }
        }
    }
    for name in only_baseline {
        rows.push(row(name, times(name), None));
    }
    Regression {
        candidate: candidate.source.clone(),
        baseline_runs: baseline.len(),
        min_delta: threshold.min_delta,
        fail_slower: threshold.fail_slower,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verify::profile::StateProfile;

    fn ms(n: i64) -> SignedDuration {
        SignedDuration::from_millis(n)
    }

    fn run(source: &str, total: i64, states: &[(&str, i64)]) -> RunProfile {
        RunProfile {
            source: source.to_owned(),
            status: "SUCCEEDED".to_owned(),
            path: states.iter().map(|(n, _)| (*n).to_owned()).collect(),
            duration: ms(total),
            states: states
                .iter()
                .map(|(n, t)| StateProfile { name: (*n).to_owned(), visits: 1, total: ms(*t) })
                .collect(),
        }
    }

    #[test]
    fn medians() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[ms(5), ms(1), ms(3)]), Some(ms(3)));
        assert_eq!(median(&[ms(4), ms(1), ms(3), ms(100)]), Some(ms(3500) / 1000));
    }

    #[test]
    fn slower_than_the_threshold_fails_unless_under_the_floor() {
        let baseline = [
            run("b1", 1000, &[("A", 100), ("B", 900)]),
            run("b2", 1200, &[("A", 120), ("B", 1000)]),
            run("b3", 1100, &[("A", 10), ("B", 1100)]),
        ];
        let threshold = Threshold { fail_slower: Some(0.2), min_delta: ms(50) };
        // Medians: execution 1100, A 100, B 1000.
        let candidate = run("c", 1300, &[("A", 140), ("B", 1190), ("C", 5)]);
        let r = regression(&baseline, &candidate, threshold);
        let by = |n: &str| r.rows.iter().find(|row| row.name == n).unwrap();
        // Execution: +200 ms = +18.2 %: within 20 %.
        assert_eq!(by(EXECUTION_ROW).baseline, Some(ms(1100)));
        assert_eq!(by(EXECUTION_ROW).delta, Some(ms(200)));
        assert!(!by(EXECUTION_ROW).slower);
        // A: +40 % but only +40 ms, under the 50 ms floor.
        assert_eq!(by("A").delta, Some(ms(40)));
        assert!(!by("A").slower);
        // B: +190 ms = +19 %: within 20 %.
        assert!(!by("B").slower);
        // C is new: nothing to compare with.
        assert_eq!((by("C").baseline, by("C").samples, by("C").slower), (None, 0, false));
        assert!(!r.failed());
        let slow = run("c", 1000, &[("A", 100), ("B", 1260)]);
        let r = regression(&baseline, &slow, threshold);
        let b = r.rows.iter().find(|row| row.name == "B").unwrap();
        assert!(b.slower);
        assert!((b.change.unwrap() - 0.26).abs() < 1e-9);
        assert!(r.failed());
        // Without a threshold nothing fails.
        assert!(!regression(&baseline, &slow, Threshold { fail_slower: None, min_delta: ms(50) })
            .failed());
    }

    #[test]
    fn states_missing_from_the_candidate_are_listed_without_failing() {
        let baseline = [run("b", 100, &[("A", 50), ("Gone", 50)])];
        let r = regression(
            &baseline,
            &run("c", 100, &[("A", 50)]),
            Threshold { fail_slower: Some(0.0), min_delta: ms(0) },
        );
        let gone = r.rows.last().unwrap();
        assert_eq!((gone.name.as_str(), gone.candidate, gone.slower), ("Gone", None, false));
    }
}
