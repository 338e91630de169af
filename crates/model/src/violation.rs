//! Findings about a history or a definition, returned as data by every validation rule.

use serde::Serialize;
use std::fmt;

/// How serious a finding is. Only `Error` makes `validate` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The history (or definition) is not one AWS would produce (or accept).
    Error,
    /// Suspicious but possible (jitter, truncated data, …).
    Warning,
    /// Worth knowing.
    Info,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        })
    }
}

/// One finding of one rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Violation {
    /// The rule's stable id, e.g. `history.ids-contiguous`.
    pub rule: &'static str,
    /// How serious it is.
    pub severity: Severity,
    /// The events concerned, most relevant first (empty when none applies).
    pub event_ids: Vec<i64>,
    /// What is wrong, in words a person understands.
    pub message: String,
}

impl Violation {
    /// A finding of severity error.
    pub fn error(rule: &'static str, event_ids: Vec<i64>, message: impl Into<String>) -> Self {
        Violation { rule, severity: Severity::Error, event_ids, message: message.into() }
    }

    /// A finding of severity warning.
    pub fn warning(rule: &'static str, event_ids: Vec<i64>, message: impl Into<String>) -> Self {
        Violation { rule, severity: Severity::Warning, event_ids, message: message.into() }
    }

    /// The most relevant event, if any.
    pub fn event_id(&self) -> Option<i64> {
        self.event_ids.first().copied()
    }
}
