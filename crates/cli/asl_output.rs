//! Output of `lint`: findings per definition file as text or JSON.

use clap::ValueEnum;
use serde::Serialize;
use sfn_ledger_model::{Severity, Violation};
use std::io::{self, Write};

/// How a command prints its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Lines for people.
    Text,
    /// One JSON document.
    Json,
}

/// The findings about one file.
#[derive(Debug, Serialize)]
pub struct FileFindings {
    /// The file as named on the command line.
    pub file: String,
    /// The findings, in rule order.
    pub findings: Vec<Violation>,
}

/// True when any finding is an error.
pub fn has_errors(files: &[FileFindings]) -> bool {
    files.iter().flat_map(|f| &f.findings).any(|v| v.severity == Severity::Error)
}

/// Prints findings: `FILE: severity rule: message` lines and a summary, or a JSON array.
pub fn print(files: &[FileFindings], format: Format) -> anyhow::Result<()> {
    let mut out = io::stdout().lock();
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, files)?;
            writeln!(out)?;
        }
        Format::Text => {
            for file in files {
                for v in &file.findings {
                    writeln!(out, "{}: {} {}: {}", file.file, v.severity, v.rule, v.message)?;
                }
            }
            let all: Vec<_> = files.iter().flat_map(|f| &f.findings).collect();
            let errors = all.iter().filter(|v| v.severity == Severity::Error).count();
            let warnings = all.iter().filter(|v| v.severity == Severity::Warning).count();
            let noun = if files.len() == 1 { "file" } else { "files" };
            writeln!(out, "{} {noun} checked: {errors} errors, {warnings} warnings", files.len())?;
        }
    }
    Ok(())
}
