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
use sfn_ledger_recorder::record::{
    list_executions, record_executions, Listing, RecordError, Recorded,
};
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
        anyhow::bail!("{}", not_stored_message(&results));
    }
    Ok(Outcome::Clean)
}

/// How many names of executions not stored the final message lists.
const LISTED_NAMES: usize = 10;

/// What was and was not stored: `stored 3 of 8 executions; not stored: a, b, … (why)`.
fn not_stored_message(results: &[Recorded]) -> String {
    let missing: Vec<&Recorded> = results.iter().filter(|r| r.result.is_err()).collect();
    let stored = results.len() - missing.len();
    let names: Vec<&str> = missing.iter().take(LISTED_NAMES).map(|r| short_name(&r.arn)).collect();
    let more = missing.len().saturating_sub(LISTED_NAMES);
    let more = if more > 0 { format!(" and {more} more") } else { String::new() };
    let not_tried =
        missing.iter().filter(|r| matches!(r.result, Err(RecordError::NotTried))).count();
    let why = if not_tried > 0 {
        format!(
            "; the service could not be reached, {not_tried} of them were not tried; run the \
             same command again to record them"
        )
    } else {
        String::new()
    };
    format!(
        "stored {stored} of {} execution(s); not stored: {}{more}{why}",
        results.len(),
        names.join(", ")
    )
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

#[cfg(test)]
mod tests {
    use super::*;
    use sfn_ledger_recorder::ledger::StoreSummary;

    fn recorded(
        name: &str,
        result: Result<(Option<String>, Option<StoreSummary>), RecordError>,
    ) -> Recorded {
        Recorded { arn: format!("arn:aws:states:us-east-1:1:execution:Sm:{name}"), result }
    }

    #[test]
    fn the_message_lists_at_most_ten_executions_not_stored() {
        let mut results = vec![recorded("ok", Ok((Some("SUCCEEDED".into()), None)))];
        results.extend((0..12).map(|i| recorded(&format!("n{i}"), Err(RecordError::NotTried))));
        assert_eq!(
            not_stored_message(&results),
            "stored 1 of 13 execution(s); not stored: n0, n1, n2, n3, n4, n5, n6, n7, n8, n9 \
             and 2 more; the service could not be reached, 12 of them were not tried; run the \
             same command again to record them"
        );
    }
}
