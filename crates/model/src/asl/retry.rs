//! `Retry` and `Catch` fields and how error names match them.

use serde_json::{Map, Value};

/// One element of `Retry`.
#[derive(Debug, Clone, PartialEq)]
pub struct Retrier {
    /// JSON path, e.g. `States.A.Retry[0]`.
    pub path: String,
    /// `ErrorEquals`.
    pub error_equals: Vec<String>,
    /// `MaxAttempts` (default 3; 0 means never retry).
    pub max_attempts: u64,
    /// `IntervalSeconds` (default 1).
    pub interval_seconds: f64,
    /// `BackoffRate` (default 2.0).
    pub backoff_rate: f64,
    /// `MaxDelaySeconds`, if set.
    pub max_delay_seconds: Option<f64>,
    /// `JitterStrategy` (`FULL` or `NONE`), if set.
    pub jitter_strategy: Option<String>,
    /// Fields this model does not know.
    pub extra: Map<String, Value>,
}

impl Retrier {
    /// True when this retrier handles an error name.
    pub fn matches(&self, error: &str) -> bool {
        error_matches(&self.error_equals, error)
    }

    /// The least delay before retry number `n` (1-based) without jitter:
    /// `IntervalSeconds × BackoffRate^(n-1)`, capped by `MaxDelaySeconds`.
    pub fn delay_before(&self, n: u32) -> f64 {
        let exponent = i32::try_from(n.saturating_sub(1)).unwrap_or(i32::MAX);
        let delay = self.interval_seconds * self.backoff_rate.powi(exponent);
        match self.max_delay_seconds {
            Some(cap) => delay.min(cap),
            None => delay,
        }
    }

    /// True when AWS randomises the delay (`JitterStrategy: FULL`).
    pub fn has_jitter(&self) -> bool {
        self.jitter_strategy.as_deref() == Some("FULL")
    }
}

/// One element of `Catch`.
#[derive(Debug, Clone, PartialEq)]
pub struct Catcher {
    /// JSON path, e.g. `States.A.Catch[0]`.
    pub path: String,
    /// `ErrorEquals`.
    pub error_equals: Vec<String>,
    /// `Next`.
    pub next: Option<String>,
    /// Fields this model does not know (`ResultPath`, `Output`, …).
    pub extra: Map<String, Value>,
}

impl Catcher {
    /// True when this catcher handles an error name.
    pub fn matches(&self, error: &str) -> bool {
        error_matches(&self.error_equals, error)
    }
}

/// Whether an `ErrorEquals` list matches an error name: the name itself, `States.ALL`
/// (everything), or `States.TaskFailed` (everything but `States.Timeout`).
pub fn error_matches(error_equals: &[String], error: &str) -> bool {
    error_equals.iter().any(|e| {
        e == error || e == "States.ALL" || (e == "States.TaskFailed" && error != "States.Timeout")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn error_names_match_exactly_or_through_wildcards() {
        assert!(error_matches(&list(&["A", "B"]), "B"));
        assert!(!error_matches(&list(&["A"]), "B"));
        assert!(error_matches(&list(&["States.ALL"]), "States.Timeout"));
        assert!(error_matches(&list(&["States.TaskFailed"]), "Custom"));
        assert!(!error_matches(&list(&["States.TaskFailed"]), "States.Timeout"));
    }

    #[test]
    fn delays_grow_by_the_backoff_rate_up_to_the_cap() {
        let retrier = Retrier {
            path: String::new(),
            error_equals: vec![],
            max_attempts: 5,
            interval_seconds: 2.0,
            backoff_rate: 3.0,
            max_delay_seconds: Some(10.0),
            jitter_strategy: None,
            extra: Map::new(),
        };
        assert_eq!(retrier.delay_before(1), 2.0);
        assert_eq!(retrier.delay_before(2), 6.0);
        assert_eq!(retrier.delay_before(3), 10.0);
    }
}
