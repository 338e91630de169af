//! `sfn-ledger validate FILE...`: checks histories against the lifecycle rules.

use crate::diagnostics::{self, FileReport};
use crate::exit::Outcome;
use crate::format::Format;
use crate::input;
use sfn_ledger_model::validate::validate;
use sfn_ledger_model::Analysis;
use std::io::Write;

/// Arguments of `validate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// History files (GetExecutionHistory JSON in any form the AWS CLI writes).
    #[arg(required = true, value_name = "FILE")]
    files: Vec<String>,
    /// Output format: text lines, or one JSON array with an object per file.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

/// Loads every file first (an unreadable one is an error, exit 2), then validates each; exit 1
/// when any file has an error-severity finding.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let loaded = args.files.iter().map(|f| input::load(f)).collect::<anyhow::Result<Vec<_>>>()?;
    let reports: Vec<FileReport> = loaded
        .into_iter()
        .map(|l| {
            let findings = validate(&l.history, &Analysis::new(&l.history));
            FileReport::new(l.source, &l.history.warnings, &findings)
        })
        .collect();
    let text = match args.format {
        Format::Text => diagnostics::text(&reports),
        Format::Json => diagnostics::json(&reports)?,
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(if reports.iter().all(|r| r.valid) { Outcome::Clean } else { Outcome::Findings })
}
