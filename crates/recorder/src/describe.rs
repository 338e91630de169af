//! DescribeExecution and DescribeStateMachineForExecution, turned into what the ledger stores.

use crate::aws::errors::{Asked, AwsError};
use crate::event_json::wire_time;
use crate::ledger::ExecutionRecord;
use crate::resolve::name_from_arn;
use aws_sdk_sfn::primitives::DateTime;
use aws_sdk_sfn::types::ExecutionStatus;
use aws_sdk_sfn::Client;
use jiff::Timestamp;

/// Statuses after which an execution gets no new events (unless it is redriven).
pub fn is_finished(status: &str) -> bool {
    matches!(status, "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED")
}

/// The execution as DescribeExecution describes it.
pub async fn describe_execution(client: &Client, arn: &str) -> Result<ExecutionRecord, AwsError> {
    tracing::debug!("DescribeExecution {arn}");
    let out = client
        .describe_execution()
        .execution_arn(arn)
        .send()
        .await
        .map_err(|e| AwsError::from_sdk(e, Asked::new("DescribeExecution", arn)))?;
    let state_machine_arn = out.state_machine_arn().to_owned();
    tracing::debug!("DescribeExecution {arn}: {}", out.status().as_str());
    Ok(ExecutionRecord {
        arn: out.execution_arn().to_owned(),
        name: out.name().map(str::to_owned).unwrap_or_else(|| name_from_arn(arn).to_owned()),
        state_machine_name: Some(name_from_arn(&state_machine_arn).to_owned()),
        state_machine_arn: Some(state_machine_arn),
        status: Some(status_text(out.status())),
        start_date: Some(timestamp(out.start_date())),
        stop_date: out.stop_date().map(timestamp),
        input: out.input().map(str::to_owned),
        output: out.output().map(str::to_owned),
        redrive_count: out.redrive_count().map(i64::from),
    })
}

/// The definition of the state machine (version) the execution ran.
pub async fn definition_for_execution(client: &Client, arn: &str) -> Result<String, AwsError> {
    tracing::debug!("DescribeStateMachineForExecution {arn}");
    let out =
        client.describe_state_machine_for_execution().execution_arn(arn).send().await.map_err(
            |e| AwsError::from_sdk(e, Asked::new("DescribeStateMachineForExecution", arn)),
        )?;
    Ok(out.definition().to_owned())
}

/// The API's spelling of a status.
pub fn status_text(status: &ExecutionStatus) -> String {
    status.as_str().to_owned()
}

/// An SDK time as a `jiff` timestamp, at the precision the API sent (see
/// [`crate::event_json::wire_time`]); the epoch if out of range, which the API never sends.
pub fn timestamp(time: &DateTime) -> Timestamp {
    let (secs, nanos) = wire_time(time);
    let nanos = i32::try_from(nanos).unwrap_or(0);
    Timestamp::new(secs, nanos).unwrap_or(Timestamp::UNIX_EPOCH)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finished_statuses() {
        assert!(is_finished("SUCCEEDED"));
        assert!(is_finished("ABORTED"));
        assert!(!is_finished("RUNNING"));
        assert!(!is_finished("PENDING_REDRIVE"));
    }

    #[test]
    fn times_are_as_sent() {
        let t = timestamp(&DateTime::from_secs_f64(1489912589.005));
        assert_eq!(t.to_string(), "2017-03-19T08:36:29.005Z");
    }
}
