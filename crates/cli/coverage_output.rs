//! Output of `coverage`: states and edges with how often runs exercised them.

use crate::asl_output::Format;
use sfn_ledger_model::coverage::Coverage;
use std::io::{self, Write};

/// Prints a coverage report as text (counts, then what was never exercised) or JSON.
pub fn print(definition: &str, coverage: &Coverage, format: Format) -> anyhow::Result<()> {
    let mut out = io::stdout().lock();
    if format == Format::Json {
        let document = serde_json::json!({ "definition": definition, "coverage": coverage });
        serde_json::to_writer_pretty(&mut out, &document)?;
        writeln!(out)?;
        return Ok(());
    }
    let runs = if coverage.runs == 1 { "run" } else { "runs" };
    writeln!(out, "{definition}: {} {runs}", coverage.runs)?;
    let (entered, states) = coverage.state_ratio();
    writeln!(out, "states entered: {entered}/{states}")?;
    let width = coverage.states.iter().map(|s| s.name.chars().count()).max().unwrap_or(0);
    for state in &coverage.states {
        writeln!(out, "  {:>5}  {:<width$}  {}", state.visits, state.name, state.path)?;
    }
    let (taken, edges) = coverage.edge_ratio();
    writeln!(out, "edges taken: {taken}/{edges}")?;
    let arrows: Vec<String> =
        coverage.edges.iter().map(|e| format!("{} → {}", e.from, e.to)).collect();
    let width = arrows.iter().map(|a| a.chars().count()).max().unwrap_or(0);
    for (edge, arrow) in coverage.edges.iter().zip(&arrows) {
        let kind = edge.kind.as_str();
        writeln!(out, "  {:>5}  {kind:<7}  {arrow:<width$}  {}", edge.taken, edge.path)?;
    }
    let never: Vec<&str> = coverage.unvisited_states().map(|s| s.name.as_str()).collect();
    if !never.is_empty() {
        writeln!(out, "never entered: {}", never.join(", "))?;
    }
    let never: Vec<String> = coverage
        .untaken_edges()
        .map(|e| format!("{} → {} ({})", e.from, e.to, e.kind.as_str()))
        .collect();
    if !never.is_empty() {
        writeln!(out, "never taken: {}", never.join(", "))?;
    }
    if coverage.unmatched > 0 {
        writeln!(out, "transitions that are no edge of the definition: {}", coverage.unmatched)?;
    }
    Ok(())
}
