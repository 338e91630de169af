//! A loaded history together with its analysis and timing report, as the timing commands use it.

use crate::input::{load_input, LoadedHistory};
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
    /// Loads what the user named and times it.
    pub fn load(input: &str) -> anyhow::Result<Timed> {
        let LoadedHistory { source, history } = load_input(input)?;
        let analysis = Analysis::new(&history);
        let report = Report::new(&history, &analysis);
        Ok(Timed { source, history, analysis, report })
    }
}
