//! `sfn-ledger record`: stores existing executions (by ARN, or a state machine's) in the ledger,
//! fetching only the events the ledger lacks.

use crate::aws_args::{runtime, AwsArgs};
use crate::duration::parse_since;
use crate::exit::Outcome;
use crate::ledger_path::DbArgs;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use jiff::Timestamp;
use sfn_ledger_recorder::aws::client;
use sfn_ledger_recorder::budget::{CallBudget, DEFAULT_CALLS_PER_SECOND};
use sfn_ledger_recorder::record::{list_executions, record_executions, Listing, Recorded};
use sfn_ledger_recorder::resolve::state_machine_arn;
use std::io::{IsTerminal, Write};
use std::num::NonZeroU32;

/// Record existing executions into the ledger.
#[derive(Debug, Args)]
pub struct RecordArgs {
    /// Execution ARNs
    #[arg(long = "execution", value_name = "ARN", required_unless_present = "state_machine")]
    executions: Vec<String>,
    /// Every execution of this state machine (name or ARN), newest first
    #[arg(long, value_name = "NAME|ARN", conflicts_with = "executions")]
    state_machine: Option<String>,
    /// Only executions with this status (RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED)
    #[arg(long, requires = "state_machine")]
    status: Option<String>,
    /// Only executions started since then: a duration back (2h, 7d) or a time
    #[arg(long, value_name = "DURATION|TIME", value_parser = parse_since, requires = "state_machine")]
    since: Option<Timestamp>,
    /// At most this many executions
    #[arg(long, value_name = "N", requires = "state_machine")]
    max: Option<usize>,
    /// Executions fetched at the same time
    #[arg(long, value_name = "N", default_value_t = 4)]
    concurrency: usize,
    /// GetExecutionHistory calls per second at most, across all the concurrent fetches
    #[arg(long, value_name = "N", default_value_t = default_calls_per_second())]
    max_calls_per_second: NonZeroU32,
    #[command(flatten)]
    db: DbArgs,
    #[command(flatten)]
    aws: AwsArgs,
}

/// Records the executions; exit 2 when any could not be recorded.
pub fn run(args: RecordArgs) -> anyhow::Result<Outcome> {
    let db = args.db.path();
    let mut ledger = args.db.open()?;
    let results =
        runtime()?.block_on(async {
            let client = client(&args.aws.options()).await?;
            let arns = match &args.state_machine {
                Some(machine) => {
                    let listing = Listing {
                        state_machine_arn: state_machine_arn(&client, machine).await?,
                        status: args.status.clone(),
                        since: args.since,
                        max: args.max,
                    };
                    list_executions(&client, &listing).await?
                }
                None => args.executions.clone(),
            };
            let bar = progress_bar(arns.len());
            let budget = CallBudget::per_second(args.max_calls_per_second);
            let results =
                record_executions(&client, &mut ledger, arns, args.concurrency, &budget, |r| {
                    match &bar {
                        Some(bar) => {
                            bar.set_message(short_name(&r.arn).to_owned());
                            bar.inc(1);
                        }
                        None => {
                            let _ = writeln!(std::io::stderr(), "{}", line(r));
                        }
                    }
                })
                .await;
            if let Some(bar) = bar {
                bar.finish_and_clear();
            }
            anyhow::Ok(results)
        })?;
    let mut out = std::io::stdout().lock();
    let (mut inserted, mut failed) = (0, 0);
    for recorded in &results {
        writeln!(out, "{}", line(recorded))?;
        match &recorded.result {
            Ok((_, Some(summary))) => inserted += summary.inserted,
            Ok(_) => {}
            Err(_) => failed += 1,
        }
    }
    writeln!(
        out,
        "{} execution(s), {inserted} new event(s) in {}, {failed} failed",
        results.len(),
        db.display()
    )?;
    if failed > 0 {
        anyhow::bail!("{failed} execution(s) could not be recorded");
    }
    Ok(Outcome::Clean)
}

/// One line per execution: ARN, status, what was stored.
fn line(recorded: &Recorded) -> String {
    match &recorded.result {
        Ok((status, Some(summary))) => format!(
            "{} {} inserted {} already stored {}",
            recorded.arn,
            status.as_deref().unwrap_or("UNKNOWN"),
            summary.inserted,
            summary.already_stored
        ),
        Ok((status, None)) => format!(
            "{} {} unchanged (already recorded whole)",
            recorded.arn,
            status.as_deref().unwrap_or("UNKNOWN")
        ),
        Err(e) => format!("{} error: {e}", recorded.arn),
    }
}

/// The default of `--max-calls-per-second`.
pub fn default_calls_per_second() -> NonZeroU32 {
    NonZeroU32::new(DEFAULT_CALLS_PER_SECOND).unwrap_or(NonZeroU32::MIN)
}

fn short_name(arn: &str) -> &str {
    arn.rsplit(':').next().unwrap_or(arn)
}

/// A progress bar on stderr when it is a terminal; `None` otherwise.
fn progress_bar(len: usize) -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}") {
        bar.set_style(style);
    }
    Some(bar)
}
