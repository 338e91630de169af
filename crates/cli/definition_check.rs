//! Reads state machine definitions and checks histories against them (conformance).

use anyhow::Context;
use sfn_ledger_model::{conformance, Analysis, Definition, History, Violation};
use std::path::Path;

/// Reads and parses an ASL definition; errors name the file and the path inside it.
pub fn load_definition(path: &Path) -> anyhow::Result<Definition> {
    let source = path.display();
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {source}"))?;
    Definition::parse(&bytes).map_err(|e| anyhow::anyhow!("{source}: {e}"))
}

/// The conformance findings of an analysed history against a parsed definition.
pub fn conformance_against(
    history: &History,
    analysis: &Analysis,
    definition: &Definition,
) -> Vec<Violation> {
    conformance::check(history, analysis, definition)
}
