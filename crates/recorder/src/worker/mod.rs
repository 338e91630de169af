//! An activity worker: polls GetActivityTask, runs each task (echo, or a command), keeps it alive
//! with heartbeats and reports the result. Reports what happens as [`WorkerEvent`]s.

pub mod exec;
mod task;

use crate::aws::errors::{Asked, AwsError};
use crate::token::TaskToken;
use aws_sdk_sfn::Client;
pub use exec::TaskFailure;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{mpsc, watch, Semaphore};
use tokio::task::JoinSet;

/// What the worker does with a task's input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Handler {
    /// The output is the input.
    Echo,
    /// A shell command: input on stdin, its stdout (JSON) is the output.
    Exec(String),
}

/// How a worker behaves.
#[derive(Debug, Clone)]
pub struct WorkerConfig {
    /// The activity ARN polled.
    pub activity_arn: String,
    /// The name shown in ActivityStarted events.
    pub worker_name: String,
    /// What to do with each task.
    pub handler: Handler,
    /// Send SendTaskHeartbeat this often while a task runs.
    pub heartbeat: Option<Duration>,
    /// Tasks run at the same time (at least 1).
    pub concurrency: usize,
    /// Stop polling after this many tasks.
    pub max_tasks: Option<u64>,
    /// Fail a task that runs longer than this (error `TaskTimeout`).
    pub task_timeout: Option<Duration>,
    /// On shutdown, fail running tasks (error `WorkerShutdown`) instead of letting them finish.
    pub fail_in_flight_on_shutdown: bool,
}

/// Something that happened in the worker, for the caller to show.
#[derive(Debug, Clone)]
pub enum WorkerEvent {
    /// A task was received.
    TaskReceived {
        /// Its token (shown shortened).
        token: TaskToken,
    },
    /// A heartbeat was sent.
    Heartbeat {
        /// The task.
        token: TaskToken,
    },
    /// The task was reported as succeeded.
    TaskSucceeded {
        /// The task.
        token: TaskToken,
        /// How long it ran.
        elapsed: Duration,
    },
    /// The task was reported as failed.
    TaskFailed {
        /// The task.
        token: TaskToken,
        /// The failure sent.
        failure: TaskFailure,
        /// How long it ran.
        elapsed: Duration,
    },
    /// The result could not be delivered because the task timed out or was closed meanwhile,
    /// or a heartbeat found the task gone.
    TaskLost {
        /// The task.
        token: TaskToken,
        /// Why.
        reason: String,
    },
    /// The SendTaskSuccess or SendTaskFailure call failed through every retry for another
    /// reason than the task being closed (the service could not be reached, most often): the
    /// service never learns the result and times the task out.
    ResultUndelivered {
        /// The task.
        token: TaskToken,
        /// The call's error.
        reason: String,
    },
    /// Polling failed; the worker waits and polls again.
    PollFailed {
        /// Why.
        reason: String,
    },
    /// Shutdown was asked for: no more polling.
    Stopping {
        /// Tasks still running.
        in_flight: usize,
    },
}

/// What a worker did in all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WorkerSummary {
    /// Tasks received.
    pub tasks: u64,
    /// Tasks reported as succeeded.
    pub succeeded: u64,
    /// Tasks reported as failed.
    pub failed: u64,
    /// Tasks closed by the service (timed out) before their result was delivered.
    pub lost: u64,
    /// Tasks whose result could not be delivered for another reason (the service could not be
    /// reached): the service will time them out.
    pub undelivered: u64,
}

/// How long to wait after a poll failed before polling again.
const POLL_RETRY_DELAY: Duration = Duration::from_secs(5);

/// Polls `config.activity_arn` and runs tasks until `shutdown` completes or `max_tasks` were
/// received, then waits for the running tasks (or fails them, with
/// `fail_in_flight_on_shutdown`). An outstanding poll is abandoned at shutdown. Errors that
/// polling again cannot cure (unknown activity, access denied, no credentials) end the worker.
pub async fn run_worker(
    client: Client,
    config: WorkerConfig,
    shutdown: impl Future<Output = ()>,
    events: mpsc::UnboundedSender<WorkerEvent>,
) -> Result<WorkerSummary, AwsError> {
    let config = Arc::new(config);
    let permits = Arc::new(Semaphore::new(config.concurrency.max(1)));
    let (abort_tx, abort_rx) = watch::channel(false);
    let mut running: JoinSet<task::Outcome> = JoinSet::new();
    let mut summary = WorkerSummary::default();
    tokio::pin!(shutdown);
    let result = loop {
        if config.max_tasks.is_some_and(|max| summary.tasks >= max) {
            break Ok(());
        }
        // Collect finished tasks so the set does not grow.
        while let Some(done) = running.try_join_next() {
            count(&mut summary, done);
        }
        let permit = tokio::select! {
            _ = &mut shutdown => break Ok(()),
            permit = permits.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break Ok(()),
            },
        };
        tracing::debug!("GetActivityTask on {}", config.activity_arn);
        let poll = client
            .get_activity_task()
            .activity_arn(&config.activity_arn)
            .worker_name(&config.worker_name)
            .send();
        let answer = tokio::select! {
            _ = &mut shutdown => break Ok(()),
            answer = poll => answer,
        };
        let answer = match answer {
            Ok(answer) => answer,
            Err(e) => {
                match AwsError::from_sdk(e, Asked::new("GetActivityTask", &config.activity_arn)) {
                    AwsError::Unreachable { message, .. } => {
                        tracing::warn!(
                            "GetActivityTask failed, polling again in {} s: {message}",
                            POLL_RETRY_DELAY.as_secs()
                        );
                        let _ = events.send(WorkerEvent::PollFailed { reason: message });
                        tokio::select! {
                            _ = &mut shutdown => break Ok(()),
                            _ = tokio::time::sleep(POLL_RETRY_DELAY) => continue,
                        }
                    }
                    fatal => break Err(fatal),
                }
            }
        };
        // No task within the long poll: an empty (or absent) token.
        let Some(token) = answer.task_token().filter(|t| !t.is_empty()) else {
            tracing::debug!(
                "GetActivityTask on {}: no task within the long poll",
                config.activity_arn
            );
            continue;
        };
        let token = TaskToken::new(token.to_owned());
        let input = answer.input().unwrap_or("{}").to_owned();
        tracing::info!(
            "GetActivityTask on {}: task {token} received ({} bytes of input)",
            config.activity_arn,
            input.len()
        );
        summary.tasks += 1;
        let _ = events.send(WorkerEvent::TaskReceived { token: token.clone() });
        let job = task::Job {
            client: client.clone(),
            config: config.clone(),
            token,
            input,
            abort: abort_rx.clone(),
            events: events.clone(),
        };
        running.spawn(async move {
            let outcome = job.run().await;
            drop(permit);
            outcome
        });
    };
    while let Some(done) = running.try_join_next() {
        count(&mut summary, done);
    }
    let _ = events.send(WorkerEvent::Stopping { in_flight: running.len() });
    if config.fail_in_flight_on_shutdown {
        let _ = abort_tx.send(true);
    }
    while let Some(done) = running.join_next().await {
        count(&mut summary, done);
    }
    result.map(|()| summary)
}

fn count(summary: &mut WorkerSummary, done: Result<task::Outcome, tokio::task::JoinError>) {
    match done {
        Ok(task::Outcome::Succeeded) => summary.succeeded += 1,
        Ok(task::Outcome::Failed) => summary.failed += 1,
        Ok(task::Outcome::Lost) | Err(_) => summary.lost += 1,
        Ok(task::Outcome::Undelivered) => summary.undelivered += 1,
    }
}
