//! `sfn-ledger ls`: lists the executions stored in the ledger.

use crate::exit::Outcome;
use crate::ledger_path::DbArgs;
use clap::{Args, ValueEnum};
use sfn_ledger_recorder::ledger::{ExecutionFilter, StoredExecution};

/// List the executions stored in the ledger, newest first.
#[derive(Debug, Args)]
pub struct LsArgs {
    /// Only executions of this state machine (name or ARN).
    #[arg(long, value_name = "NAME|ARN")]
    state_machine: Option<String>,
    /// Only executions with this status (SUCCEEDED, FAILED, TIMED_OUT, ABORTED, RUNNING).
    #[arg(long, value_name = "STATUS")]
    status: Option<String>,
    /// At most this many.
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = LsFormat::Table)]
    format: LsFormat,
    #[command(flatten)]
    db: DbArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LsFormat {
    Table,
    Json,
}

/// Runs `ls`.
pub fn run(args: LsArgs) -> anyhow::Result<Outcome> {
    let executions = match args.db.open_existing()? {
        Some(ledger) => ledger.executions(&ExecutionFilter {
            state_machine: args.state_machine,
            status: args.status.map(|s| s.to_uppercase()),
            since: None,
            limit: args.limit,
        })?,
        None => Vec::new(),
    };
    match args.format {
        LsFormat::Json => println!("{}", serde_json::to_string_pretty(&executions)?),
        LsFormat::Table => print_table(&executions),
    }
    Ok(Outcome::Clean)
}

fn print_table(executions: &[StoredExecution]) {
    if executions.is_empty() {
        println!("no executions stored");
        return;
    }
    println!(
        "{:<24} {:<10} {:<25} {:>10} {:>6}  STATE MACHINE / ARN",
        "NAME", "STATUS", "STARTED", "DURATION", "EVENTS"
    );
    for e in executions {
        let r = &e.record;
        let started = r
            .start_date
            .map(|t| t.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string())
            .unwrap_or_default();
        let duration = match (r.start_date, r.stop_date) {
            (Some(a), Some(b)) => {
                format!("{:.3}s", (b.as_nanosecond() - a.as_nanosecond()) as f64 / 1e9)
            }
            _ => "-".to_owned(),
        };
        let machine = r.state_machine_name.as_deref().unwrap_or("-");
        println!(
            "{:<24} {:<10} {:<25} {:>10} {:>6}  {machine}  {}",
            r.name,
            r.status.as_deref().unwrap_or("-"),
            started,
            duration,
            e.events,
            r.arn
        );
    }
}
