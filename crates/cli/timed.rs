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
    /// name stored in the ledger.
    pub fn load(input: &str, db: &DbArgs) -> anyhow::Result<Timed> {
        let loaded = load(input, db)?;
        let analysis = Analysis::new(&loaded.history);
        let report = Report::new(&loaded.history, &analysis);
        Ok(Timed { source: loaded.source, history: loaded.history, analysis, report })
    }
}
