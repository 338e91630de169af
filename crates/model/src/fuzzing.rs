//! Entry points shared by the fuzz targets and the regression tests that replay their corpus:
//! each runs every stage on arbitrary bytes and must never panic.

use crate::analysis::Analysis;
use crate::asl::Definition;
use crate::parse::parse_history;
use crate::timing::Report;

/// Parses arbitrary bytes as a history and, when readable, runs every stage on it: DAG, scopes,
/// visits, lifecycle validation, timing report, redaction and writing back.
pub fn exercise_history(data: &[u8]) {
    let Ok(history) = parse_history(data) else { return };
    let analysis = Analysis::new(&history);
    let _ = analysis.top_level_path();
    for scope in 0..analysis.scopes.len() {
        let _ = analysis.scopes.label(crate::scope::ScopeId(scope));
    }
    let _ = crate::validate::validate(&history, &analysis);
    let report = Report::new(&history, &analysis);
    let sample = crate::stats::ExecutionSample::new(&history, &analysis, &report);
    let _ = crate::stats::Stats::new(&[(String::new(), sample)]);
    let _ = history.to_json();
    let _ = crate::redact::redact_history(&history);
}

/// Reads arbitrary bytes as `DEFINITION \0 HISTORY`: lints the definition and, when both parts
/// are readable, checks the history's conformance to it and the definition's coverage.
pub fn exercise_definition(data: &[u8]) {
    let (definition, history) = match data.iter().position(|&b| b == 0) {
        Some(split) => (&data[..split], Some(&data[split + 1..])),
        None => (data, None),
    };
    let Ok(definition) = Definition::parse(definition) else { return };
    let _ = crate::lint::lint(&definition);
    let Some(Ok(history)) = history.map(parse_history) else { return };
    let analysis = Analysis::new(&history);
    let _ = crate::conformance::check(&history, &analysis, &definition);
    let _ = crate::coverage::coverage(&definition, &[(history, analysis)]);
}
