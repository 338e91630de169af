//! The lifecycle and conformance findings that the `valid = true` expectation checks.

use crate::input::LoadedHistory;
use sfn_ledger_model::{conformance, validate, Analysis, Definition, Violation};

/// Every lifecycle finding of a history and, when a definition is known, every conformance
/// finding against it. `definition` is the one given with `check --definition`, which takes
/// precedence over the definition recorded with the execution in the ledger. Always `Some`:
/// the `Option` lets callers that have no validators report `valid` as skipped.
pub fn collect(
    loaded: &LoadedHistory,
    analysis: &Analysis,
    definition: Option<&Definition>,
) -> Option<Vec<Violation>> {
    let mut found = validate::validate(&loaded.history, analysis);
    let recorded = match definition {
        Some(_) => None,
        None => loaded.definition.as_deref().and_then(|t| Definition::parse(t.as_bytes()).ok()),
    };
    if let Some(definition) = definition.or(recorded.as_ref()) {
        found.extend(conformance::check(&loaded.history, analysis, definition));
    }
    Some(found)
}
