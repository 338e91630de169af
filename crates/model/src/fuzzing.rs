//! Entry points shared by the fuzz targets and the regression tests that replay their corpus:
//! each runs every stage on arbitrary bytes and must never panic.

use crate::analysis::Analysis;
use crate::parse::parse_history;

/// Parses arbitrary bytes as a history and, when readable, runs every analysis on it.
pub fn exercise_history(data: &[u8]) {
    let Ok(history) = parse_history(data) else { return };
    let analysis = Analysis::new(&history);
    let _ = analysis.top_level_path();
    for scope in 0..analysis.scopes.len() {
        let _ = analysis.scopes.label(crate::scope::ScopeId(scope));
    }
    let report = crate::timing::Report::new(&history, &analysis);
    let sample = crate::stats::ExecutionSample::new(&history, &analysis, &report);
    let _ = crate::stats::Stats::new(&[(String::new(), sample)]);
    let _ = history.to_json();
    let _ = crate::redact::redact_history(&history);
}
