//! `sfn-ledger report`: the timing report of one execution (table, JSON or Markdown).

use crate::exit::Outcome;
use crate::render::{report_json, report_markdown, report_table};
use crate::timed::Timed;
use clap::{Args, ValueEnum};
use std::io::Write;

/// Output formats of `report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// A summary and tables for people.
    Table,
    /// Stable JSON (docs/json-output.md).
    Json,
    /// Markdown, for CI summaries and pull requests.
    Markdown,
}

/// Report durations, retries, failures and the critical path of an execution.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The execution: a history JSON file, or an execution ARN or name stored in the ledger.
    pub input: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
    /// Replace every input, output, cause and parameters payload by its size and hash, for
    /// sharing outside the team.
    #[arg(long)]
    redact: bool,
    #[command(flatten)]
    db: crate::ledger_path::DbArgs,
}

/// Prints the report; exits 1 when the execution failed, timed out or was aborted.
pub fn run(args: ReportArgs) -> anyhow::Result<Outcome> {
    let timed = Timed::load(&args.input, &args.db, args.redact)?;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match args.format {
        ReportFormat::Table => out.write_all(report_table::render(&timed.report).as_bytes())?,
        // Written as it is serialized: the JSON of a large history is megabytes.
        ReportFormat::Json => report_json::write(&timed.report, &mut out)?,
        ReportFormat::Markdown => {
            out.write_all(report_markdown::render(&timed.report).as_bytes())?
        }
    }
    out.flush()?;
    let outcome =
        if timed.report.summary.status.is_failure() { Outcome::Findings } else { Outcome::Clean };
    // The process ends next: freeing a large history piece by piece would only delay the exit.
    std::mem::forget(timed);
    Ok(outcome)
}
