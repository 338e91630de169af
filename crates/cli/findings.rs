//! The lifecycle and conformance findings that the `valid = true` expectation checks.
//!
//! WIRING POINT: the validators live in other modules (`sfn_ledger_model::validate::validate`
//! for the lifecycle rules, the ASL conformance check against `loaded.definition`). Until they
//! are wired here, this returns `None` and `check` reports `valid` as skipped, never as passed.

use crate::input::LoadedHistory;
use sfn_ledger_model::{Analysis, Violation};

/// Every lifecycle and conformance finding of a history, or `None` when no validator is
/// available.
pub fn collect(loaded: &LoadedHistory, analysis: &Analysis) -> Option<Vec<Violation>> {
    // The conformance check needs the definition recorded with the execution.
    let _ = (&loaded.history, &loaded.definition, analysis);
    None
}
