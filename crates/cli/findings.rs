//! The lifecycle and conformance findings that the `valid = true` expectation checks.
//!
//! WIRING POINT: the validators live in other modules (`sfn_ledger_model::validate::validate`
//! for the lifecycle rules, `sfn_ledger_model::conformance::check` against the definition).
//! Until they are wired here, this returns `None` and `check` reports `valid` as skipped, never
//! as passed.

use crate::input::LoadedHistory;
use sfn_ledger_model::{Analysis, Violation};

/// Every lifecycle and conformance finding of a history, or `None` when no validator is
/// available. `definition` is the ASL text given with `check --definition`, which takes
/// precedence over the definition recorded with the execution in the ledger.
pub fn collect(
    loaded: &LoadedHistory,
    analysis: &Analysis,
    definition: Option<&str>,
) -> Option<Vec<Violation>> {
    // The conformance check needs the definition: the one given, else the recorded one.
    let definition = definition.or(loaded.definition.as_deref());
    let _ = (&loaded.history, analysis, definition);
    None
}
