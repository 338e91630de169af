//! `sfn-ledger run`: starts an execution, serves its activities, waits for it and records it.

use super::record::default_calls_per_second;
use crate::aws_args::{runtime, AwsArgs};
use crate::duration::{parse_duration, show};
use crate::exit::Outcome;
use crate::ledger_path::DbArgs;
use crate::worker_log::print_events;
use anyhow::{bail, Context};
use clap::Args;
use sfn_ledger_recorder::aws::client;
use sfn_ledger_recorder::resolve::{activity_arn, state_machine_arn};
use sfn_ledger_recorder::run::{run_execution, RunOutcome, RunRequest};
use sfn_ledger_recorder::worker::Handler;
use std::io::Write;
use std::num::NonZeroU32;
use std::time::Duration;

/// Start an execution, serve its activities, wait for its end and record it.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// The state machine, by name or ARN
    #[arg(long, value_name = "NAME|ARN")]
    state_machine: String,
    /// The execution name (default: generated)
    #[arg(long, value_name = "NAME")]
    name: Option<String>,
    /// The execution input: JSON text, or @FILE
    #[arg(long, value_name = "JSON|@FILE", default_value = "{}")]
    input: String,
    /// Serve an activity while the execution runs: ACTIVITY=echo or ACTIVITY=exec:COMMAND
    #[arg(long = "worker", value_name = "ACTIVITY=echo|ACTIVITY=exec:COMMAND")]
    workers: Vec<String>,
    /// The name the workers show in ActivityStarted events
    #[arg(long, value_name = "NAME", default_value = "sfn-ledger")]
    worker_name: String,
    /// Heartbeat period of the workers, in seconds
    #[arg(long, value_name = "SECONDS")]
    heartbeat: Option<u64>,
    /// Give up waiting after this long (the execution goes on; what it did so far is recorded)
    #[arg(long, value_name = "DURATION", default_value = "5m", value_parser = parse_duration)]
    timeout: Duration,
    /// GetExecutionHistory calls per second at most, when fetching the history at the end
    #[arg(long, value_name = "N", default_value_t = default_calls_per_second())]
    max_calls_per_second: NonZeroU32,
    #[command(flatten)]
    db: DbArgs,
    #[command(flatten)]
    aws: AwsArgs,
}

/// Runs the execution: exit 0 when it succeeded, 1 when it failed, timed out or was aborted.
pub fn run(args: RunArgs) -> anyhow::Result<Outcome> {
    let input = read_input(&args.input)?;
    let specs = args.workers.iter().map(|w| parse_worker(w)).collect::<anyhow::Result<Vec<_>>>()?;
    let db = args.db.path();
    let mut ledger = args.db.open()?;
    let outcome = runtime()?.block_on(async {
        let client = client(&args.aws.options()).await?;
        let state_machine = state_machine_arn(&client, &args.state_machine).await?;
        let mut workers = Vec::new();
        for (activity, handler) in specs {
            workers.push((activity_arn(&client, &activity).await?, handler));
        }
        let request = RunRequest {
            state_machine_arn: state_machine,
            name: args.name.clone(),
            input,
            workers,
            worker_name: args.worker_name.clone(),
            heartbeat: args.heartbeat.map(Duration::from_secs),
            timeout: args.timeout,
            history_calls_per_second: Some(args.max_calls_per_second),
        };
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        let printer = tokio::spawn(print_events(rx, "worker: "));
        let outcome = run_execution(&client, request, tx).await;
        let _ = printer.await;
        anyhow::Ok(outcome?)
    })?;
    let stored = ledger
        .store_execution(&outcome.record, outcome.definition.as_deref(), &outcome.events)
        .with_context(|| format!("cannot record {} in {}", outcome.record.arn, db.display()))?;
    tracing::info!(
        "ledger: stored {}: {} new event(s), {} already stored",
        outcome.record.arn,
        stored.inserted,
        stored.already_stored
    );
    for warning in &outcome.warnings {
        let _ = writeln!(std::io::stderr(), "warning: {warning}");
    }
    print_summary(&outcome, stored.inserted, &db)?;
    if outcome.timed_out_waiting {
        bail!(
            "execution {} still RUNNING after {}; recorded as far as it got",
            outcome.record.arn,
            show(args.timeout)
        );
    }
    Ok(match outcome.record.status.as_deref() {
        Some("SUCCEEDED") => Outcome::Clean,
        _ => Outcome::Findings,
    })
}

fn print_summary(
    outcome: &RunOutcome,
    inserted: usize,
    db: &std::path::Path,
) -> anyhow::Result<()> {
    let record = &outcome.record;
    let status = record.status.as_deref().unwrap_or("UNKNOWN");
    let duration = match (record.start_date, record.stop_date) {
        (Some(start), Some(stop)) => {
            let span = stop.duration_since(start);
            format!(" in {}", show(Duration::try_from(span).unwrap_or_default()))
        }
        _ => String::new(),
    };
    let entered = outcome.events.iter().filter(|e| e.event_type.is_state_entered()).count();
    let mut out = std::io::stdout().lock();
    writeln!(out, "execution {} {status}{duration}", record.name)?;
    writeln!(out, "  arn: {}", record.arn)?;
    writeln!(out, "  states entered: {entered}")?;
    writeln!(out, "  events: {} ({inserted} new in {})", outcome.events.len(), db.display())?;
    if let Some(output) = &record.output {
        writeln!(out, "  output: {output}")?;
    }
    if let Some(failure) =
        outcome.events.iter().rev().find(|e| e.event_type.is_execution_terminal())
    {
        if let Some(error) = failure.error() {
            writeln!(out, "  error: {error}")?;
        }
        if let Some(cause) = failure.cause() {
            writeln!(out, "  cause: {cause}")?;
        }
    }
    Ok(())
}

/// Reads `--input`: JSON text, or `@FILE`; it must be a JSON document.
fn read_input(text: &str) -> anyhow::Result<String> {
    let json = match text.strip_prefix('@') {
        Some(path) => {
            std::fs::read_to_string(path).with_context(|| format!("cannot read {path}"))?
        }
        None => text.to_owned(),
    };
    serde_json::from_str::<serde::de::IgnoredAny>(&json)
        .with_context(|| format!("--input {text} is not a JSON document"))?;
    Ok(json)
}

/// Reads `ACTIVITY=echo` or `ACTIVITY=exec:COMMAND`.
fn parse_worker(spec: &str) -> anyhow::Result<(String, Handler)> {
    let Some((activity, handler)) = spec.split_once('=') else {
        bail!("--worker {spec}: expected ACTIVITY=echo or ACTIVITY=exec:COMMAND");
    };
    let handler = match handler.strip_prefix("exec:") {
        Some(command) if !command.trim().is_empty() => Handler::Exec(command.to_owned()),
        Some(_) => bail!("--worker {spec}: exec: needs a command"),
        None if handler == "echo" => Handler::Echo,
        None => bail!("--worker {spec}: expected echo or exec:COMMAND after ="),
    };
    if activity.is_empty() {
        bail!("--worker {spec}: the activity name is missing");
    }
    Ok((activity.to_owned(), handler))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worker_specs() {
        assert_eq!(
            parse_worker("get-greeting=echo").unwrap(),
            ("get-greeting".into(), Handler::Echo)
        );
        assert_eq!(
            parse_worker("a=exec:jq -c .").unwrap(),
            ("a".into(), Handler::Exec("jq -c .".into()))
        );
        assert!(parse_worker("a=cat").is_err());
        assert!(parse_worker("=echo").is_err());
        assert!(parse_worker("a").is_err());
    }
}
