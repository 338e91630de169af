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

/// The conformance findings of a history against the definition in a file (the definition it
/// ran, or a new one to replay it against). Errors only when the definition is unreadable.
pub fn conformance_findings(
    history: &History,
    definition_path: &Path,
) -> anyhow::Result<Vec<Violation>> {
    let definition = load_definition(definition_path)?;
    let analysis = Analysis::new(history);
    Ok(conformance::check(history, &analysis, &definition))
}
