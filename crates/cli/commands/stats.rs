//! `sfn-ledger stats`: statistics across the stored runs of one state machine.

use super::report::ReportFormat;
use crate::exit::Outcome;
use crate::ledger_path::DbArgs;
use crate::render::{stats_json, stats_markdown, stats_table};
use anyhow::{anyhow, Context};
use clap::Args;
use jiff::{SignedDuration, Span, SpanRelativeTo, Timestamp};
use sfn_ledger_model::stats::Stats;
use sfn_ledger_recorder::ledger::{ExecutionFilter, StoredExecution};
use std::io::Write;

/// Statistics across the stored runs of a state machine: per-state percentiles, queue and work
/// time, failure and retry rates, top errors, executions by status, and warnings for
/// executions near or heading for the 25,000-event history limit (exit 1 when there are any).
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// The state machine: its name or ARN (imported files: the name inside the execution ARN).
    #[arg(long, value_name = "NAME|ARN")]
    state_machine: String,
    /// Only executions started within this long before now: `7d`, `24h`, `90m`, `1h 30m`.
    #[arg(long, value_name = "DURATION", value_parser = parse_since)]
    since: Option<SignedDuration>,
    /// Only executions with this status (SUCCEEDED, FAILED, TIMED_OUT, ABORTED, RUNNING,
    /// PENDING_REDRIVE; any case).
    #[arg(long, value_name = "STATUS", value_parser = parse_status)]
    status: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    format: ReportFormat,
    #[command(flatten)]
    db: DbArgs,
}

/// Parses a friendly duration (`7d`, `24h`, `90m`, `1 week`); days are 24 hours.
fn parse_since(text: &str) -> Result<SignedDuration, String> {
    let span: Span = text.trim().parse().map_err(|e| format!("not a duration: {e}"))?;
    let duration = span
        .to_duration(SpanRelativeTo::days_are_24_hours())
        .map_err(|e| format!("not a duration: {e}"))?;
    if duration.is_negative() {
        return Err("the duration must not be negative".to_owned());
    }
    Ok(duration)
}

/// The execution statuses the ledger records.
const STATUSES: [&str; 6] =
    ["SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "RUNNING", "PENDING_REDRIVE"];

/// Upper-cases a status and checks it is one the ledger records.
fn parse_status(text: &str) -> Result<String, String> {
    let status = text.trim().to_uppercase();
    if STATUSES.contains(&status.as_str()) {
        Ok(status)
    } else {
        Err(format!("unknown status; use one of {}", STATUSES.join(", ")))
    }
}

/// The state machine an execution belongs to: its recorded ARN or name, or the name inside its
/// execution ARN (`arn:aws:states:REGION:ACCOUNT:execution:MACHINE:NAME`).
fn belongs_to(execution: &StoredExecution, machine: &str) -> bool {
    let record = &execution.record;
    record.state_machine_arn.as_deref() == Some(machine)
        || record.state_machine_name.as_deref() == Some(machine)
        || record.arn.split(':').nth(6) == Some(machine)
        || machine.split(':').nth(6).is_some_and(|name| {
            machine.split(':').nth(5) == Some("stateMachine")
                && record.state_machine_arn.is_none()
                && record.arn.split(':').nth(6) == Some(name)
        })
}

/// Runs `stats`.
pub fn run(args: StatsArgs) -> anyhow::Result<Outcome> {
    let since = match args.since {
        Some(d) => Some(
            Timestamp::now()
                .checked_sub(d)
                .map_err(|e| anyhow!("--since reaches before the earliest time: {e}"))?,
        ),
        None => None,
    };
    let status = args.status;
    // Reading never creates a ledger: without one there are no runs.
    let samples = match args.db.open_existing()? {
        Some(mut ledger) => {
            let mut executions: Vec<StoredExecution> = ledger
                .executions(&ExecutionFilter { state_machine: None, status, since, limit: None })
                .context("cannot list the stored executions")?
                .into_iter()
                .filter(|e| belongs_to(e, &args.state_machine))
                .collect();
            // Oldest first: states are listed in the order the runs first reached them.
            executions.reverse();
            crate::stats_samples::load(&mut ledger, &args.db, &executions)?
        }
        None => Vec::new(),
    };
    let stats = Stats::new(&samples);
    let text = match args.format {
        ReportFormat::Table => stats_table::render(&args.state_machine, &stats),
        ReportFormat::Json => stats_json::render(&args.state_machine, &stats),
        ReportFormat::Markdown => stats_markdown::render(&args.state_machine, &stats),
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(if stats.warnings.is_empty() { Outcome::Clean } else { Outcome::Findings })
}
