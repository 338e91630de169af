//! Records executions that already exist: lists them (by ARN, or by state machine with filters),
//! then fetches for each only what the ledger does not hold yet, a few at a time.

use crate::aws::errors::{Asked, AwsError};
use crate::budget::CallBudget;
use crate::describe::{definition_for_execution, describe_execution, is_finished, timestamp};
use crate::history::{fetch_history, HistoryError};
use crate::ledger::{ExecutionRecord, Ledger, LedgerError, StoreSummary};
use aws_sdk_sfn::types::ExecutionStatus;
use aws_sdk_sfn::Client;
use futures::stream::{self, StreamExt};
use jiff::Timestamp;
use sfn_ledger_model::HistoryEvent;
use std::sync::atomic::{AtomicBool, Ordering};

/// Which executions of a state machine to list.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    /// The state machine ARN.
    pub state_machine_arn: String,
    /// Only this status (RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED, PENDING_REDRIVE).
    pub status: Option<String>,
    /// Only executions started at or after this time.
    pub since: Option<Timestamp>,
    /// At most this many, newest first.
    pub max: Option<usize>,
}

/// Lists execution ARNs with ListExecutions, newest first, following every page until `since` or
/// `max` says stop.
pub async fn list_executions(client: &Client, listing: &Listing) -> Result<Vec<String>, AwsError> {
    let asked = Asked::new("ListExecutions", &listing.state_machine_arn);
    let page_size = listing.max.map_or(1000, |m| m.clamp(1, 1000)) as i32;
    let mut request = client
        .list_executions()
        .state_machine_arn(&listing.state_machine_arn)
        .max_results(page_size);
    if let Some(status) = &listing.status {
        request =
            request.status_filter(ExecutionStatus::from(status.to_ascii_uppercase().as_str()));
    }
    let mut pages = request.into_paginator().send();
    let mut arns = Vec::new();
    tracing::debug!("ListExecutions of {}", listing.state_machine_arn);
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| AwsError::from_sdk(e, asked))?;
        tracing::debug!("ListExecutions page: {} execution(s)", page.executions().len());
        for item in page.executions() {
            if listing.since.is_some_and(|since| timestamp(item.start_date()) < since) {
                return Ok(arns);
            }
            if listing.max.is_some_and(|max| arns.len() >= max) {
                return Ok(arns);
            }
            arns.push(item.execution_arn().to_owned());
        }
    }
    tracing::info!("listed {} execution(s) of {}", arns.len(), listing.state_machine_arn);
    Ok(arns)
}

/// What the ledger already knows of an execution.
#[derive(Debug, Clone, Default)]
pub struct Known {
    /// The largest stored event id.
    pub last_event_id: Option<i64>,
    /// The stored status.
    pub status: Option<String>,
    /// The stored redrive count.
    pub redrive_count: Option<i64>,
}

/// What fetching one execution gave.
#[derive(Debug)]
pub enum Fetch {
    /// The ledger holds the finished execution whole: no history call was made.
    Unchanged(ExecutionRecord),
    /// New description and events (maybe none) to store.
    New {
        /// The execution as described now.
        record: ExecutionRecord,
        /// Events the ledger lacks.
        events: Vec<HistoryEvent>,
        /// The definition, fetched the first time an execution is recorded.
        definition: Option<String>,
    },
}

/// Describes the execution and fetches the events after `known.last_event_id`. A finished
/// execution whose status and redrive count match what the ledger holds gets no history call.
/// History calls wait for their turn in `budget`.
pub async fn fetch_execution(
    client: &Client,
    arn: &str,
    known: &Known,
    budget: &CallBudget,
) -> Result<Fetch, RecordError> {
    let record = describe_execution(client, arn).await?;
    let unchanged = known.last_event_id.is_some()
        && known.status.as_deref().is_some_and(is_finished)
        && known.status == record.status
        && known.redrive_count.unwrap_or(0) == record.redrive_count.unwrap_or(0);
    if unchanged {
        tracing::info!("{arn} is recorded whole already: no history call");
        return Ok(Fetch::Unchanged(record));
    }
    let fetched = fetch_history(client, &record.arn, known.last_event_id, budget).await?;
    let definition = match known.last_event_id {
        None => Some(definition_for_execution(client, &record.arn).await?),
        Some(_) => None,
    };
    Ok(Fetch::New { record, events: fetched.events, definition })
}

/// Why an execution could not be recorded.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    /// A call failed.
    #[error(transparent)]
    Aws(#[from] AwsError),
    /// The history could not be fetched or read.
    #[error(transparent)]
    History(#[from] HistoryError),
    /// The ledger refused.
    #[error(transparent)]
    Ledger(#[from] LedgerError),
    /// Not asked for: an earlier execution found the service unreachable (after its retries).
    #[error("not tried: the service could not be reached for an earlier execution")]
    NotTried,
}

impl RecordError {
    /// Whether the service could not be reached (after the SDK's retries).
    pub fn is_unreachable(&self) -> bool {
        matches!(
            self,
            RecordError::Aws(AwsError::Unreachable { .. })
                | RecordError::History(HistoryError::Aws(AwsError::Unreachable { .. }))
        )
    }
}

/// What recording one execution did.
#[derive(Debug)]
pub struct Recorded {
    /// The execution ARN asked for.
    pub arn: String,
    /// Its status now, and the store summary (`None` when nothing needed storing), or why not.
    pub result: Result<(Option<String>, Option<StoreSummary>), RecordError>,
}

/// Records every execution in `arns`, `concurrency` at a time, storing each into `ledger` as soon
/// as it is fetched; `progress` sees each result. One failure does not stop the others, except
/// that once the service cannot be reached, the executions not started yet are not tried
/// ([`RecordError::NotTried`]): each would only wait through its own retries. The
/// GetExecutionHistory calls of all the concurrent fetches share `budget`.
pub async fn record_executions(
    client: &Client,
    ledger: &mut Ledger,
    arns: Vec<String>,
    concurrency: usize,
    budget: &CallBudget,
    mut progress: impl FnMut(&Recorded),
) -> Vec<Recorded> {
    let mut jobs = Vec::with_capacity(arns.len());
    let mut results = Vec::new();
    for arn in arns {
        match known(ledger, &arn) {
            Ok(known) => jobs.push((arn, known)),
            Err(e) => {
                let recorded = Recorded { arn, result: Err(e.into()) };
                progress(&recorded);
                results.push(recorded);
            }
        }
    }
    let unreachable = AtomicBool::new(false);
    let unreachable = &unreachable;
    let mut fetches = stream::iter(jobs)
        .map(|(arn, known)| async move {
            if unreachable.load(Ordering::SeqCst) {
                tracing::info!("{arn} not tried: the service is unreachable");
                return (arn, Err(RecordError::NotTried));
            }
            match known.last_event_id {
                Some(id) => {
                    tracing::debug!("fetching {arn}: the ledger holds its events to id {id}")
                }
                None => tracing::debug!("fetching {arn}: not in the ledger yet"),
            }
            let fetched = fetch_execution(client, &arn, &known, budget).await;
            if fetched.as_ref().is_err_and(RecordError::is_unreachable) {
                tracing::warn!("the service is unreachable: no more executions are tried");
                unreachable.store(true, Ordering::SeqCst);
            }
            (arn, fetched)
        })
        .buffer_unordered(concurrency.max(1));
    while let Some((arn, fetched)) = fetches.next().await {
        let result = match fetched {
            Ok(Fetch::Unchanged(record)) => Ok((record.status, None)),
            Ok(Fetch::New { record, events, definition }) => ledger
                .store_execution(&record, definition.as_deref(), &events)
                .map(|summary| (record.status.clone(), Some(summary)))
                .map_err(RecordError::from),
            Err(e) => Err(e),
        };
        log_stored(&arn, &result);
        let recorded = Recorded { arn, result };
        progress(&recorded);
        results.push(recorded);
    }
    results
}

/// Logs what storing one execution did.
fn log_stored(arn: &str, result: &Result<(Option<String>, Option<StoreSummary>), RecordError>) {
    match result {
        Ok((_, Some(summary))) => tracing::info!(
            "ledger: stored {arn}: {} new event(s), {} already stored",
            summary.inserted,
            summary.already_stored
        ),
        Ok((_, None)) => {}
        Err(e) => tracing::warn!("{arn} not stored: {e}"),
    }
}

/// What the ledger holds about `arn`.
pub fn known(ledger: &Ledger, arn: &str) -> Result<Known, LedgerError> {
    let last_event_id = ledger.last_event_id(arn)?;
    let stored = ledger.execution(arn)?;
    let (status, redrive_count) = match stored {
        Some(stored) => (stored.record.status, stored.record.redrive_count),
        None => (None, None),
    };
    Ok(Known { last_event_id, status, redrive_count })
}
