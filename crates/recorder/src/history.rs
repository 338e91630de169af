//! Fetches an execution's history with GetExecutionHistory, following every page, and reads it
//! through the model's parser.

use crate::aws::errors::{Asked, AwsError};
use crate::budget::CallBudget;
use crate::event_json::event_to_json;
use aws_sdk_sfn::Client;
use sfn_ledger_model::parse::history_from_raw_events;
use sfn_ledger_model::HistoryEvent;

/// The largest page GetExecutionHistory gives.
pub const PAGE_SIZE: i32 = 1000;

/// Why a history could not be fetched.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    /// The call failed.
    #[error(transparent)]
    Aws(#[from] AwsError),
    /// An event the service sent could not be read.
    #[error("history of {execution}: {source}")]
    Parse {
        /// The execution ARN.
        execution: String,
        /// What is wrong.
        #[source]
        source: sfn_ledger_model::ParseError,
    },
}

/// The events fetched and what it took.
#[derive(Debug)]
pub struct Fetched {
    /// The events with ids above the `after` id asked for (all of them without one), oldest first.
    pub events: Vec<HistoryEvent>,
    /// How many GetExecutionHistory calls were made.
    pub calls: usize,
    /// How many events the service listed in all (including those skipped as already known).
    pub listed: usize,
}

/// Fetches the history of `execution_arn` page by page (`maxResults` 1000, every `nextToken`).
/// With `after`, only events with a larger id are kept: the ones a ledger does not hold yet.
/// Each call waits for its turn in `budget` (the SDK's retries of a call are not counted).
pub async fn fetch_history(
    client: &Client,
    execution_arn: &str,
    after: Option<i64>,
    budget: &CallBudget,
) -> Result<Fetched, HistoryError> {
    let asked = Asked::new("GetExecutionHistory", execution_arn);
    let mut raw: Vec<String> = Vec::new();
    let mut next_token: Option<String> = None;
    let (mut calls, mut listed) = (0, 0);
    loop {
        budget.wait().await;
        tracing::debug!("GetExecutionHistory page {} of {execution_arn}", calls + 1);
        let page = client
            .get_execution_history()
            .execution_arn(execution_arn)
            .max_results(PAGE_SIZE)
            .include_execution_data(true)
            .set_next_token(next_token.take())
            .send()
            .await
            .map_err(|e| AwsError::from_sdk(e, asked))?;
        calls += 1;
        listed += page.events().len();
        let more = page.next_token().is_some_and(|t| !t.is_empty());
        tracing::debug!(
            "GetExecutionHistory page {calls} of {execution_arn}: {} event(s), {}",
            page.events().len(),
            if more { "another page follows" } else { "the last page" }
        );
        for event in page.events() {
            if after.is_some_and(|last| event.id() <= last) {
                continue;
            }
            raw.push(event_to_json(event));
        }
        match page.next_token() {
            Some(token) if !token.is_empty() => next_token = Some(token.to_owned()),
            _ => break,
        }
    }
    let history = history_from_raw_events(raw)
        .map_err(|source| HistoryError::Parse { execution: execution_arn.to_owned(), source })?;
    let mut events = history.events;
    events.sort_by_key(|e| e.id);
    tracing::info!(
        "history of {execution_arn}: {listed} event(s) listed in {calls} call(s), {} new",
        events.len()
    );
    Ok(Fetched { events, calls, listed })
}
