//! Describing an execution from its history alone, for files imported without AWS.

use crate::ledger::ExecutionRecord;
use sfn_ledger_model::{EventType, History};
use std::borrow::Cow;

/// The execution status a history shows: the terminal event's, or RUNNING.
pub fn status_of(history: &History) -> &'static str {
    match history.terminal().map(|e| &e.event_type) {
        Some(EventType::ExecutionSucceeded) => "SUCCEEDED",
        Some(EventType::ExecutionFailed) => "FAILED",
        Some(EventType::ExecutionTimedOut) => "TIMED_OUT",
        Some(EventType::ExecutionAborted) => "ABORTED",
        _ => "RUNNING",
    }
}

/// An ARN for a history that came from a file: `arn:aws:states:local:000000000000:execution:imported:NAME`.
pub fn imported_arn(name: &str) -> String {
    format!("arn:aws:states:local:000000000000:execution:imported:{name}")
}

/// Describes an execution from its events: status, start/stop, input/output, redrives.
pub fn record_from_history(arn: &str, name: &str, history: &History) -> ExecutionRecord {
    let started = history.events.iter().find(|e| e.event_type == EventType::ExecutionStarted);
    let terminal = history.terminal();
    let redrives =
        history.events.iter().filter(|e| e.event_type == EventType::ExecutionRedriven).count();
    ExecutionRecord {
        arn: arn.to_owned(),
        name: name.to_owned(),
        state_machine_arn: None,
        state_machine_name: None,
        status: Some(status_of(history).to_owned()),
        start_date: started.map(|e| e.timestamp),
        stop_date: terminal.map(|e| e.timestamp),
        input: started.and_then(|e| e.input().map(Cow::into_owned)),
        output: terminal.and_then(|e| e.output().map(Cow::into_owned)),
        redrive_count: Some(redrives as i64),
    }
}

/// The execution name and state machine ARN inside an execution ARN
/// (`arn:PARTITION:states:REGION:ACCOUNT:execution:MACHINE:NAME`).
pub fn parts_of_execution_arn(arn: &str) -> Option<(String, String)> {
    let parts: Vec<&str> = arn.split(':').collect();
    match parts.as_slice() {
        [prefix, partition, "states", region, account, "execution", machine, name, ..]
            if *prefix == "arn" && !machine.is_empty() && !name.is_empty() =>
        {
            let machine_arn =
                format!("arn:{partition}:states:{region}:{account}:stateMachine:{machine}");
            Some(((*name).to_owned(), machine_arn))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn execution_arns_name_their_execution_and_state_machine() {
        let arn = "arn:aws:states:ap-northeast-1:123456789012:execution:ActivityStateMachine:act-1";
        let (name, machine) = parts_of_execution_arn(arn).unwrap();
        assert_eq!(name, "act-1");
        assert_eq!(
            machine,
            "arn:aws:states:ap-northeast-1:123456789012:stateMachine:ActivityStateMachine"
        );
        assert_eq!(parts_of_execution_arn("not-an-arn"), None);
    }
}
