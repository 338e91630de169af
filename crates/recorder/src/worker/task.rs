//! One activity task: run the handler with heartbeats and a time limit, then report the result.

use super::exec::{run_command, TaskFailure};
use super::{Handler, WorkerConfig, WorkerEvent};
use crate::aws::errors::{Asked, AwsError};
use crate::token::TaskToken;
use aws_sdk_sfn::Client;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, watch};

/// How a task ended, as far as the worker knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// SendTaskSuccess was accepted.
    Succeeded,
    /// SendTaskFailure was accepted.
    Failed,
    /// The task was closed (timed out) before its result was delivered.
    Lost,
    /// The result could not be delivered for another reason (the service could not be reached).
    Undelivered,
}

/// A received task and what it needs to run.
pub struct Job {
    pub client: Client,
    pub config: Arc<WorkerConfig>,
    pub token: TaskToken,
    pub input: String,
    pub abort: watch::Receiver<bool>,
    pub events: mpsc::UnboundedSender<WorkerEvent>,
}

impl Job {
    /// Runs the task to its end and reports the result.
    pub async fn run(mut self) -> Outcome {
        let started = Instant::now();
        tracing::debug!(
            "task {}: running {}",
            self.token,
            match &self.config.handler {
                Handler::Echo => "echo".to_owned(),
                Handler::Exec(command) => format!("`{command}`"),
            }
        );
        let work = async {
            let handled = async {
                match &self.config.handler {
                    Handler::Echo => Ok(self.input.clone()),
                    Handler::Exec(command) => run_command(command, &self.input).await,
                }
            };
            match self.config.task_timeout {
                Some(limit) => tokio::time::timeout(limit, handled).await.unwrap_or_else(|_| {
                    Err(TaskFailure::new(
                        "TaskTimeout",
                        &format!("no result within {}", humanize(limit)),
                    ))
                }),
                None => handled.await,
            }
        };
        let mut abort = self.abort.clone();
        let result = tokio::select! {
            result = work => result,
            reason = heartbeats(&self.client, &self.config, &self.token, &self.events) => {
                let _ = self.events.send(WorkerEvent::TaskLost { token: self.token.clone(), reason });
                return Outcome::Lost;
            }
            _ = abort.wait_for(|stop| *stop) => Err(TaskFailure::new(
                "WorkerShutdown",
                "the worker was stopped before the task finished",
            )),
        };
        self.report(result, started.elapsed()).await
    }

    async fn report(&mut self, result: Result<String, TaskFailure>, elapsed: Duration) -> Outcome {
        let token = self.token.clone();
        let short = token.short();
        match &result {
            Ok(output) => {
                tracing::debug!(
                    "SendTaskSuccess for task {token} ({} bytes of output)",
                    output.len()
                )
            }
            Err(failure) => tracing::debug!("SendTaskFailure for task {token}: {}", failure.error),
        }
        let sent = match &result {
            Ok(output) => self
                .client
                .send_task_success()
                .task_token(token.secret())
                .output(output)
                .send()
                .await
                .map(|_| ())
                .map_err(|e| AwsError::from_sdk(e, Asked::new("SendTaskSuccess", &short))),
            Err(failure) => self
                .client
                .send_task_failure()
                .task_token(token.secret())
                .error(&failure.error)
                .cause(&failure.cause)
                .send()
                .await
                .map(|_| ())
                .map_err(|e| AwsError::from_sdk(e, Asked::new("SendTaskFailure", &short))),
        };
        match &sent {
            Ok(()) => tracing::info!(
                "task {token}: {} accepted",
                if result.is_ok() { "SendTaskSuccess" } else { "SendTaskFailure" }
            ),
            Err(e) => tracing::warn!("task {token}: result not delivered: {e}"),
        }
        match (sent, result) {
            (Ok(()), Ok(_)) => {
                let _ = self.events.send(WorkerEvent::TaskSucceeded { token, elapsed });
                Outcome::Succeeded
            }
            (Ok(()), Err(failure)) => {
                let _ = self.events.send(WorkerEvent::TaskFailed { token, failure, elapsed });
                Outcome::Failed
            }
            (Err(e @ AwsError::TaskClosed { .. }), _) => {
                let _ = self.events.send(WorkerEvent::TaskLost { token, reason: e.to_string() });
                Outcome::Lost
            }
            (Err(e), _) => {
                let reason = e.to_string();
                let _ = self.events.send(WorkerEvent::ResultUndelivered { token, reason });
                Outcome::Undelivered
            }
        }
    }
}

/// Sends a heartbeat every period; returns only when one finds the task closed (never without
/// a period). Heartbeats that fail for other reasons are retried at the next period.
async fn heartbeats(
    client: &Client,
    config: &WorkerConfig,
    token: &TaskToken,
    events: &mpsc::UnboundedSender<WorkerEvent>,
) -> String {
    let Some(period) = config.heartbeat else {
        return std::future::pending().await;
    };
    let mut ticks = tokio::time::interval_at(tokio::time::Instant::now() + period, period);
    loop {
        ticks.tick().await;
        tracing::debug!("SendTaskHeartbeat for task {token}");
        let sent = client.send_task_heartbeat().task_token(token.secret()).send().await;
        match sent {
            Ok(_) => {
                tracing::debug!("heartbeat of task {token} accepted");
                let _ = events.send(WorkerEvent::Heartbeat { token: token.clone() });
            }
            Err(e) => {
                match AwsError::from_sdk(e, Asked::new("SendTaskHeartbeat", &token.short())) {
                    closed @ AwsError::TaskClosed { .. } => {
                        tracing::warn!("heartbeat of task {token}: {closed}");
                        return closed.to_string();
                    }
                    other => {
                        tracing::warn!("heartbeat of task {token} failed: {other}");
                        let _ = events.send(WorkerEvent::PollFailed { reason: other.to_string() });
                    }
                }
            }
        }
    }
}

/// A duration as `90s` / `1m 30s`.
fn humanize(duration: Duration) -> String {
    humantime::format_duration(Duration::from_secs(duration.as_secs().max(1))).to_string()
}
