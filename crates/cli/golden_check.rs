//! `check --golden`: reads a golden file and compares each execution's golden form with it.

use crate::input::LoadedHistory;
use anyhow::Context;
use serde_json::Value;
use sfn_ledger_model::golden::{compare, normalize, GoldenOptions};
use sfn_ledger_model::verify::CheckResult;
use sfn_ledger_model::Analysis;
use std::path::Path;

/// A golden file, read and checked.
pub struct Golden {
    path: String,
    doc: Value,
    options: GoldenOptions,
}

impl Golden {
    /// Reads a golden file written by `sfn-ledger golden`.
    pub fn read(path: &Path) -> anyhow::Result<Golden> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {shown}"))?;
        let doc: Value =
            serde_json::from_str(&text).map_err(|e| anyhow::anyhow!("{shown}: not JSON: {e}"))?;
        let options = GoldenOptions::from_doc(&doc).map_err(|e| anyhow::anyhow!("{shown}: {e}"))?;
        Ok(Golden { path: shown, doc, options })
    }

    /// The `golden` result of one execution: passes when its golden form equals the file's.
    pub fn check(&self, loaded: &LoadedHistory, analysis: &Analysis) -> CheckResult {
        let expected = format!(
            "the same history as {} (up to ids, timestamps, ARNs and interleaving)",
            self.path
        );
        let name = execution_name(loaded);
        let run = match normalize(&loaded.history, analysis, &self.options, name.as_deref()) {
            Ok(run) => run,
            Err(e) => return CheckResult::new("golden", false, expected, e, None),
        };
        match compare(&self.doc, &run) {
            None => CheckResult::new("golden", true, expected, "the same history", None),
            Some(mismatch) => {
                let changed = mismatch.diff.lines().filter(|l| is_change(l)).count();
                let at = mismatch.first_difference.as_deref().unwrap_or("the end");
                let mut result = CheckResult::new(
                    "golden",
                    false,
                    expected,
                    format!("a different history: {changed} changed lines, first at {at}"),
                    mismatch.event_id,
                );
                result.detail = Some(mismatch.diff);
                result
            }
        }
    }
}

fn is_change(line: &str) -> bool {
    (line.starts_with('+') && !line.starts_with("+++"))
        || (line.starts_with('-') && !line.starts_with("---"))
}

/// The execution's name when it came from the ledger.
pub fn execution_name(loaded: &LoadedHistory) -> Option<String> {
    loaded.stored.as_ref().map(|s| s.record.name.clone())
}
