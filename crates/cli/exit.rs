//! Exit codes and how errors reach the terminal.

use std::io::{self, Write};
use std::process::ExitCode;

/// What a command that ran to the end found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing to report: exit 0.
    Clean,
    /// Findings, failed checks or a failed execution: exit 1.
    Findings,
}

impl From<Outcome> for ExitCode {
    fn from(outcome: Outcome) -> ExitCode {
        match outcome {
            Outcome::Clean => ExitCode::SUCCESS,
            Outcome::Findings => ExitCode::from(1),
        }
    }
}

/// Prints an error and returns exit code 2; a closed pipe exits quietly with 0.
pub fn report_error(error: &anyhow::Error) -> ExitCode {
    if error.chain().any(|cause| {
        cause.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    }) {
        return ExitCode::SUCCESS;
    }
    let mut message = format!("error: {error}");
    for cause in error.chain().skip(1) {
        message.push_str(&format!(": {cause}"));
    }
    let _ = writeln!(io::stderr(), "{message}");
    ExitCode::from(2)
}

/// Prints a warning about an input that was still read.
pub fn warn(source: &str, warning: &sfn_ledger_model::ParseWarning) {
    let location = warning.event_id.map(|id| format!(" event id {id}:")).unwrap_or_default();
    let _ = writeln!(io::stderr(), "warning: {source}:{location} {}", warning.message);
}
