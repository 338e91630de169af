//! A loaded history together with its analysis and timing report, as the timing commands use it.

use crate::input::load;
use crate::ledger_path::DbArgs;
use sfn_ledger_model::{Analysis, History, Report};

/// A history, its analysis and its timing report.
pub struct Timed {
    /// What the user named.
    pub source: String,
    /// The events.
    pub history: History,
    /// The derived scopes and visits.
    pub analysis: Analysis,
    /// The timing report.
    pub report: Report,
}

impl Timed {
    /// Loads what the user named and times it. This is the one place the timing commands
    /// (`report`, `timeline`, `graph`) load their input: a history file, or an execution ARN or
    /// name stored in the ledger; with `redact`, every payload is replaced by its size and hash.
    pub fn load(input: &str, db: &DbArgs, redact: bool) -> anyhow::Result<Timed> {
        let loaded = load(input, db)?;
        let history = if redact {
            sfn_ledger_model::redact::redact_history(&loaded.history)
        } else {
            loaded.history
        };
        let analysis = Analysis::new(&history);
        let report = Report::new(&history, &analysis);
        Ok(Timed { source: loaded.source, history, analysis, report })
    }
}
