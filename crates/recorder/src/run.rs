//! Starts an execution, serves its activities with workers while it runs, waits for its end
//! and fetches what the ledger stores: its description, history and definition.

use crate::aws::errors::{Asked, AwsError};
use crate::budget::CallBudget;
use crate::describe::{definition_for_execution, describe_execution, is_finished};
use crate::history::{fetch_history, HistoryError};
use crate::ledger::ExecutionRecord;
use crate::worker::{run_worker, Handler, WorkerConfig, WorkerEvent, WorkerSummary};
use aws_sdk_sfn::Client;
use sfn_ledger_model::HistoryEvent;
use std::num::NonZeroU32;
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, watch};

/// What to run.
#[derive(Debug, Clone)]
pub struct RunRequest {
    /// The state machine ARN.
    pub state_machine_arn: String,
    /// The execution name (generated when absent).
    pub name: Option<String>,
    /// The execution input (JSON text).
    pub input: String,
    /// Workers to run meanwhile: activity ARN and handler.
    pub workers: Vec<(String, Handler)>,
    /// The worker name shown in ActivityStarted events.
    pub worker_name: String,
    /// Heartbeat period of the workers.
    pub heartbeat: Option<Duration>,
    /// How long to wait for the execution to end.
    pub timeout: Duration,
    /// GetExecutionHistory calls per second at most, when fetching the history at the end.
    pub history_calls_per_second: Option<NonZeroU32>,
}

/// What happened.
#[derive(Debug)]
pub struct RunOutcome {
    /// The execution as described at the end.
    pub record: ExecutionRecord,
    /// Its events.
    pub events: Vec<HistoryEvent>,
    /// The state machine definition, when it could be fetched.
    pub definition: Option<String>,
    /// Whether `timeout` passed while the execution was still running.
    pub timed_out_waiting: bool,
    /// What the workers did.
    pub workers: WorkerSummary,
    /// Things that did not stop the run but lost something (such as the definition).
    pub warnings: Vec<String>,
}

/// Why a run could not be carried out.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// A call failed.
    #[error(transparent)]
    Aws(#[from] AwsError),
    /// The history could not be fetched or read.
    #[error(transparent)]
    History(#[from] HistoryError),
    /// The execution started, then a call failed before it was fetched: nothing was stored.
    #[error(
        "execution {arn} was started but not recorded: {reason}; it goes on in the service: \
         record it later with `sfn-ledger record --execution {arn}`"
    )]
    NotRecorded {
        /// The execution ARN.
        arn: String,
        /// What failed.
        reason: Box<RunError>,
    },
}

/// A generated execution name: `sfn-ledger-` and a random suffix.
pub fn generated_name() -> String {
    let id = uuid::Uuid::new_v4().simple().to_string();
    format!("sfn-ledger-{}", &id[..12])
}

/// Starts the execution, runs the workers until it ends (or `timeout` passes), then fetches its
/// description, history and definition. Worker events go to `events`.
pub async fn run_execution(
    client: &Client,
    request: RunRequest,
    events: mpsc::UnboundedSender<WorkerEvent>,
) -> Result<RunOutcome, RunError> {
    let name = request.name.clone().unwrap_or_else(generated_name);
    tracing::debug!("StartExecution {name} of {}", request.state_machine_arn);
    let started = client
        .start_execution()
        .state_machine_arn(&request.state_machine_arn)
        .name(&name)
        .input(&request.input)
        .send()
        .await
        .map_err(|e| match AwsError::from_sdk(e, Asked::new("StartExecution", &name)) {
            AwsError::NameAlreadyUsed { name, .. } => {
                AwsError::NameAlreadyUsed { name, state_machine: request.state_machine_arn.clone() }
            }
            AwsError::UnknownStateMachine(_) => {
                AwsError::UnknownStateMachine(request.state_machine_arn.clone())
            }
            other => other,
        })?;
    let arn = started.execution_arn().to_owned();
    tracing::info!("started {arn}");
    follow(client, request, &arn, events)
        .await
        .map_err(|reason| RunError::NotRecorded { arn, reason: Box::new(reason) })
}

/// Runs the workers of the started execution `arn` until it ends (or `timeout` passes), then
/// fetches its description, history and definition.
async fn follow(
    client: &Client,
    request: RunRequest,
    arn: &str,
    events: mpsc::UnboundedSender<WorkerEvent>,
) -> Result<RunOutcome, RunError> {
    let (done_tx, done_rx) = watch::channel(false);
    let mut workers = tokio::task::JoinSet::new();
    for (activity_arn, handler) in &request.workers {
        let config = WorkerConfig {
            activity_arn: activity_arn.clone(),
            worker_name: request.worker_name.clone(),
            handler: handler.clone(),
            heartbeat: request.heartbeat,
            concurrency: 4,
            max_tasks: None,
            task_timeout: None,
            fail_in_flight_on_shutdown: false,
        };
        let mut done = done_rx.clone();
        let shutdown = async move {
            let _ = done.wait_for(|d| *d).await;
        };
        workers.spawn(run_worker(client.clone(), config, shutdown, events.clone()));
    }

    let waited = wait_for_end(client, arn, request.timeout, &mut workers).await;
    let _ = done_tx.send(true);
    let mut summary = WorkerSummary::default();
    let mut worker_error = None;
    while let Some(joined) = workers.join_next().await {
        match joined {
            Ok(Ok(s)) => {
                summary.tasks += s.tasks;
                summary.succeeded += s.succeeded;
                summary.failed += s.failed;
                summary.lost += s.lost;
                summary.undelivered += s.undelivered;
            }
            Ok(Err(e)) => worker_error = Some(e),
            Err(_) => {}
        }
    }
    let timed_out_waiting = match waited {
        Ok(finished) => !finished,
        Err(e) => return Err(e.into()),
    };
    if let Some(e) = worker_error {
        return Err(e.into());
    }
    let record = describe_execution(client, arn).await?;
    let budget =
        request.history_calls_per_second.map_or_else(CallBudget::unlimited, CallBudget::per_second);
    let fetched = fetch_history(client, arn, None, &budget).await?;
    let mut warnings = Vec::new();
    let definition = match definition_for_execution(client, arn).await {
        Ok(definition) => Some(definition),
        Err(e) => {
            warnings.push(format!("the definition was not recorded: {e}"));
            None
        }
    };
    Ok(RunOutcome {
        record,
        events: fetched.events,
        definition,
        timed_out_waiting,
        workers: summary,
        warnings,
    })
}

/// Polls DescribeExecution with a growing delay until the execution is no longer running.
/// Returns `false` when `timeout` passed first. A worker that stops with an error ends the wait.
async fn wait_for_end(
    client: &Client,
    arn: &str,
    timeout: Duration,
    workers: &mut tokio::task::JoinSet<Result<WorkerSummary, AwsError>>,
) -> Result<bool, AwsError> {
    let deadline = Instant::now() + timeout;
    let mut delay = Duration::from_millis(200);
    loop {
        let record = describe_execution(client, arn).await?;
        let status = record.status.as_deref().unwrap_or("UNKNOWN");
        if is_finished(status) {
            tracing::info!("{arn} ended: {status}");
            return Ok(true);
        }
        let now = Instant::now();
        if now >= deadline {
            tracing::info!("{arn} still {status}: no longer waiting");
            return Ok(false);
        }
        tracing::debug!("{arn} still {status}");
        let pause = delay.min(deadline - now);
        // A worker ending early (an error) is noticed here; its result is collected later.
        if workers.is_empty() {
            tokio::time::sleep(pause).await;
        } else {
            tokio::select! {
                _ = tokio::time::sleep(pause) => {}
                Some(joined) = workers.join_next() => {
                    if let Ok(Err(e)) = joined {
                        return Err(e);
                    }
                }
            }
        }
        delay = (delay * 3 / 2).min(Duration::from_secs(2));
    }
}
