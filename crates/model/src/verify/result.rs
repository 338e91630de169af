//! The result of one expectation checked against one execution.

use serde::Serialize;

/// Whether an expectation held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CheckStatus {
    /// It held.
    Passed,
    /// It did not hold.
    Failed,
    /// It could not be evaluated (e.g. no validator available).
    Skipped,
}

/// One expectation's result: what was expected, what happened and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckResult {
    /// The expectation's key, e.g. `status` or `states.getGreeting.max_duration`.
    pub name: String,
    /// Whether it held.
    pub status: CheckStatus,
    /// What was expected, in words.
    pub expected: String,
    /// What happened, in words.
    pub actual: String,
    /// The event that shows it, when one does.
    pub event_id: Option<i64>,
    /// A warning attached to a passing result (e.g. close to a budget).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
    /// A longer explanation (e.g. a diff), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl CheckResult {
    /// A result that passes or fails depending on `ok`.
    pub fn new(
        name: impl Into<String>,
        ok: bool,
        expected: impl Into<String>,
        actual: impl Into<String>,
        event_id: Option<i64>,
    ) -> Self {
        CheckResult {
            name: name.into(),
            status: if ok { CheckStatus::Passed } else { CheckStatus::Failed },
            expected: expected.into(),
            actual: actual.into(),
            event_id,
            warning: None,
            detail: None,
        }
    }

    /// True when the expectation did not hold.
    pub fn failed(&self) -> bool {
        self.status == CheckStatus::Failed
    }

    /// One line: `expected …, got … (event id N)`.
    pub fn message(&self) -> String {
        let mut text = format!("expected {}, got {}", self.expected, self.actual);
        if let Some(id) = self.event_id {
            text.push_str(&format!(" (event id {id})"));
        }
        text
    }
}
