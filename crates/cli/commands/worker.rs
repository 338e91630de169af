//! `sfn-ledger worker`: serves an activity until stopped. The first Ctrl-C stops polling and lets
//! running tasks finish (or fails them with --fail-in-flight); a second Ctrl-C exits at once.

use crate::aws_args::{runtime, AwsArgs};
use crate::duration::parse_duration;
use crate::exit::Outcome;
use crate::worker_log::print_events;
use anyhow::Context;
use clap::Args;
use sfn_ledger_recorder::aws::client;
use sfn_ledger_recorder::resolve::activity_arn;
use sfn_ledger_recorder::worker::{run_worker, Handler, WorkerConfig};
use std::io::Write;
use std::time::Duration;

/// Serve an activity: poll for tasks and answer them (echo, or a command).
#[derive(Debug, Args)]
#[command(after_help = EXIT_CODES)]
pub struct WorkerArgs {
    /// The activity, by name or ARN
    #[arg(long, value_name = "NAME|ARN")]
    activity: String,
    /// Run this shell command per task: input on stdin, stdout (JSON) is the output
    #[arg(long, value_name = "COMMAND", conflicts_with = "echo", required_unless_present = "echo")]
    exec: Option<String>,
    /// Answer each task with its input
    #[arg(long)]
    echo: bool,
    /// The name shown in ActivityStarted events
    #[arg(long, value_name = "NAME", default_value = "sfn-ledger")]
    worker_name: String,
    /// Send a heartbeat this often (seconds) while a task runs
    #[arg(long, value_name = "SECONDS")]
    heartbeat: Option<u64>,
    /// Tasks run at the same time
    #[arg(long, value_name = "N", default_value_t = 1)]
    concurrency: usize,
    /// Stop after this many tasks
    #[arg(long, value_name = "N")]
    max_tasks: Option<u64>,
    /// Fail a task still running after this long (e.g. 30s, 5m)
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    task_timeout: Option<Duration>,
    /// On Ctrl-C, fail running tasks instead of waiting for them
    #[arg(long)]
    fail_in_flight: bool,
    #[command(flatten)]
    aws: AwsArgs,
}

/// The exit codes, shown at the end of `worker --help`.
const EXIT_CODES: &str = "Exit codes:
  0  every task's result was delivered (succeeded or failed)
  1  a task was closed by the service (timed out) before its result was delivered
  2  a result could not be delivered (the service could not be reached through every retry;
     the service times the task out), or the worker could not run at all";

/// Runs the worker until it is stopped or has served --max-tasks tasks.
pub fn run(args: WorkerArgs) -> anyhow::Result<Outcome> {
    let handler = match &args.exec {
        Some(command) => Handler::Exec(command.clone()),
        None => Handler::Echo,
    };
    runtime()?.block_on(async move {
        let client = client(&args.aws.options()).await?;
        let activity = activity_arn(&client, &args.activity).await?;
        let config = WorkerConfig {
            activity_arn: activity.clone(),
            worker_name: args.worker_name.clone(),
            handler,
            heartbeat: args.heartbeat.map(Duration::from_secs),
            concurrency: args.concurrency.max(1),
            max_tasks: args.max_tasks,
            task_timeout: args.task_timeout,
            fail_in_flight_on_shutdown: args.fail_in_flight,
        };
        let _ = writeln!(std::io::stderr(), "polling {activity} as {}", args.worker_name);
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        let printer = tokio::spawn(print_events(rx, ""));
        let summary = run_worker(client, config, ctrl_c_twice(), tx)
            .await
            .with_context(|| format!("worker for {activity} stopped"))?;
        let _ = printer.await;
        let undelivered = match summary.undelivered {
            0 => String::new(),
            n => format!(", {n} result(s) not delivered"),
        };
        let _ = writeln!(
            std::io::stderr(),
            "{} task(s): {} succeeded, {} failed, {} lost{undelivered}",
            summary.tasks,
            summary.succeeded,
            summary.failed,
            summary.lost
        );
        if summary.undelivered > 0 {
            anyhow::bail!(
                "the result of {} task(s) could not be delivered to Step Functions (see the \
                 lines above); the service does not know it and times the task(s) out after \
                 their HeartbeatSeconds or TimeoutSeconds",
                summary.undelivered
            );
        }
        Ok(if summary.lost > 0 { Outcome::Findings } else { Outcome::Clean })
    })
}

/// Completes at the first Ctrl-C; a second one ends the process at once (exit code 130).
async fn ctrl_c_twice() {
    if tokio::signal::ctrl_c().await.is_err() {
        return std::future::pending().await;
    }
    let _ = writeln!(
        std::io::stderr(),
        "stopping after the running tasks; press Ctrl-C again to exit now"
    );
    tokio::spawn(async {
        if tokio::signal::ctrl_c().await.is_ok() {
            std::process::exit(130);
        }
    });
}
