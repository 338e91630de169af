//! The typed `*EventDetails` objects of history events, one struct per API shape.
//!
//! Payloads (`input`, `output`, `parameters`, `assignedVariables`) and their `*Details`
//! (truncation flags) are not kept here: they are read from the event's raw JSON when asked
//! for (see [`crate::payload`]).

use serde::{Deserialize, Serialize};

/// `taskCredentials`: the role a task ran with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskCredentials {
    /// The role ARN.
    pub role_arn: Option<String>,
}

/// `error` and `cause` of every failure, abort and time-out event.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailureDetails {
    /// The error name (`States.Timeout`, a custom error, …).
    pub error: Option<String>,
    /// A human-readable cause, often JSON.
    pub cause: Option<String>,
}

/// Failure of a service-integration task (`taskFailedEventDetails`, `taskTimedOutEventDetails`, …).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskFailureDetails {
    /// The service (`lambda`, `sqs`, …).
    pub resource_type: Option<String>,
    /// The API action (`invoke`, `sendMessage.waitForTaskToken`, …).
    pub resource: Option<String>,
    /// The error name.
    pub error: Option<String>,
    /// The cause.
    pub cause: Option<String>,
}

/// `activityScheduledEventDetails`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActivityScheduledDetails {
    /// The activity ARN.
    pub resource: Option<String>,
    /// The task's `TimeoutSeconds`.
    pub timeout_in_seconds: Option<i64>,
    /// The task's `HeartbeatSeconds`.
    pub heartbeat_in_seconds: Option<i64>,
}

/// `activityStartedEventDetails`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActivityStartedDetails {
    /// The worker name given to GetActivityTask.
    pub worker_name: Option<String>,
}

/// Output of a successful step (`activitySucceeded…`, `executionSucceeded…`,
/// `lambdaFunctionSucceeded…`): only a payload, read with [`crate::HistoryEvent::output`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutputDetails {}

/// `taskScheduledEventDetails`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskScheduledDetails {
    /// The service.
    pub resource_type: Option<String>,
    /// The API action.
    pub resource: Option<String>,
    /// The region of the called service.
    pub region: Option<String>,
    /// The task's `TimeoutSeconds`.
    pub timeout_in_seconds: Option<i64>,
    /// The task's `HeartbeatSeconds`.
    pub heartbeat_in_seconds: Option<i64>,
    /// The credentials the task ran with.
    pub task_credentials: Option<TaskCredentials>,
}

/// `taskStartedEventDetails`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskStartedDetails {
    /// The service.
    pub resource_type: Option<String>,
    /// The API action.
    pub resource: Option<String>,
}

/// `taskSubmittedEventDetails` and `taskSucceededEventDetails`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskOutputDetails {
    /// The service.
    pub resource_type: Option<String>,
    /// The API action.
    pub resource: Option<String>,
}

/// `executionStartedEventDetails`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExecutionStartedDetails {
    /// The execution role.
    pub role_arn: Option<String>,
    /// The alias the execution was started through.
    pub state_machine_alias_arn: Option<String>,
    /// The version the execution ran.
    pub state_machine_version_arn: Option<String>,
}

/// `executionRedrivenEventDetails`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExecutionRedrivenDetails {
    /// How many times the execution has been redriven.
    pub redrive_count: Option<i64>,
}

/// `mapStateStartedEventDetails`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MapStateStartedDetails {
    /// The number of items.
    pub length: Option<i64>,
}

/// `mapIteration*EventDetails`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MapIterationDetails {
    /// The name of the Map state.
    pub name: Option<String>,
    /// The item's index.
    pub index: Option<i64>,
}

/// `lambdaFunctionScheduledEventDetails`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LambdaFunctionScheduledDetails {
    /// The function ARN.
    pub resource: Option<String>,
    /// The task's `TimeoutSeconds`.
    pub timeout_in_seconds: Option<i64>,
    /// The credentials the task ran with.
    pub task_credentials: Option<TaskCredentials>,
}

/// `stateEnteredEventDetails`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StateEnteredDetails {
    /// The state's name.
    pub name: Option<String>,
}

/// `stateExitedEventDetails`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StateExitedDetails {
    /// The state's name.
    pub name: Option<String>,
}

/// `mapRunStartedEventDetails`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MapRunStartedDetails {
    /// The Map Run's ARN.
    pub map_run_arn: Option<String>,
}

/// `mapRunRedrivenEventDetails`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MapRunRedrivenDetails {
    /// The Map Run's ARN.
    pub map_run_arn: Option<String>,
    /// How many times the Map Run has been redriven.
    pub redrive_count: Option<i64>,
}

/// `evaluationFailedEventDetails` (JSONata evaluation errors).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationFailedDetails {
    /// The error name.
    pub error: Option<String>,
    /// The cause.
    pub cause: Option<String>,
    /// The field whose expression failed.
    pub location: Option<String>,
    /// The state whose expression failed.
    pub state: Option<String>,
}

/// The typed details of one event, chosen by its type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum EventDetails {
    /// Error and cause (activity, Lambda, execution and Map Run failures).
    Failure(FailureDetails),
    /// Error and cause of a service-integration task.
    TaskFailure(TaskFailureDetails),
    /// `activityScheduledEventDetails`.
    ActivityScheduled(ActivityScheduledDetails),
    /// `activityStartedEventDetails`.
    ActivityStarted(ActivityStartedDetails),
    /// Output of an activity, Lambda function or execution.
    Output(OutputDetails),
    /// `taskScheduledEventDetails`.
    TaskScheduled(TaskScheduledDetails),
    /// `taskStartedEventDetails`.
    TaskStarted(TaskStartedDetails),
    /// `taskSubmittedEventDetails` / `taskSucceededEventDetails`.
    TaskOutput(TaskOutputDetails),
    /// `executionStartedEventDetails`.
    ExecutionStarted(ExecutionStartedDetails),
    /// `executionRedrivenEventDetails`.
    ExecutionRedriven(ExecutionRedrivenDetails),
    /// `mapStateStartedEventDetails`.
    MapStateStarted(MapStateStartedDetails),
    /// `mapIteration*EventDetails`.
    MapIteration(MapIterationDetails),
    /// `lambdaFunctionScheduledEventDetails`.
    LambdaFunctionScheduled(LambdaFunctionScheduledDetails),
    /// `stateEnteredEventDetails`.
    StateEntered(StateEnteredDetails),
    /// `stateExitedEventDetails`.
    StateExited(StateExitedDetails),
    /// `mapRunStartedEventDetails`.
    MapRunStarted(MapRunStartedDetails),
    /// `mapRunRedrivenEventDetails`.
    MapRunRedriven(MapRunRedrivenDetails),
    /// `evaluationFailedEventDetails`.
    EvaluationFailed(EvaluationFailedDetails),
}

impl EventDetails {
    /// Reads the details object stored under `key` (one of [`crate::EventType::details_key`]).
    pub fn from_json(key: &str, json: &str) -> serde_json::Result<Option<EventDetails>> {
        use serde_json::from_str as read;
        Ok(Some(match key {
            "activityFailedEventDetails"
            | "activityScheduleFailedEventDetails"
            | "activityTimedOutEventDetails"
            | "executionFailedEventDetails"
            | "executionAbortedEventDetails"
            | "executionTimedOutEventDetails"
            | "lambdaFunctionFailedEventDetails"
            | "lambdaFunctionScheduleFailedEventDetails"
            | "lambdaFunctionStartFailedEventDetails"
            | "lambdaFunctionTimedOutEventDetails"
            | "mapRunFailedEventDetails" => EventDetails::Failure(read(json)?),
            "taskFailedEventDetails"
            | "taskStartFailedEventDetails"
            | "taskSubmitFailedEventDetails"
            | "taskTimedOutEventDetails" => EventDetails::TaskFailure(read(json)?),
            "activityScheduledEventDetails" => EventDetails::ActivityScheduled(read(json)?),
            "activityStartedEventDetails" => EventDetails::ActivityStarted(read(json)?),
            "activitySucceededEventDetails"
            | "executionSucceededEventDetails"
            | "lambdaFunctionSucceededEventDetails" => EventDetails::Output(read(json)?),
            "taskScheduledEventDetails" => EventDetails::TaskScheduled(read(json)?),
            "taskStartedEventDetails" => EventDetails::TaskStarted(read(json)?),
            "taskSubmittedEventDetails" | "taskSucceededEventDetails" => {
                EventDetails::TaskOutput(read(json)?)
            }
            "executionStartedEventDetails" => EventDetails::ExecutionStarted(read(json)?),
            "executionRedrivenEventDetails" => EventDetails::ExecutionRedriven(read(json)?),
            "mapStateStartedEventDetails" => EventDetails::MapStateStarted(read(json)?),
            "mapIterationStartedEventDetails"
            | "mapIterationSucceededEventDetails"
            | "mapIterationFailedEventDetails"
            | "mapIterationAbortedEventDetails" => EventDetails::MapIteration(read(json)?),
            "lambdaFunctionScheduledEventDetails" => {
                EventDetails::LambdaFunctionScheduled(read(json)?)
            }
            "stateEnteredEventDetails" => EventDetails::StateEntered(read(json)?),
            "stateExitedEventDetails" => EventDetails::StateExited(read(json)?),
            "mapRunStartedEventDetails" => EventDetails::MapRunStarted(read(json)?),
            "mapRunRedrivenEventDetails" => EventDetails::MapRunRedriven(read(json)?),
            "evaluationFailedEventDetails" => EventDetails::EvaluationFailed(read(json)?),
            _ => return Ok(None),
        }))
    }
}
