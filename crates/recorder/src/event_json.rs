//! Writes an SDK `HistoryEvent` back in the JSON shape of the GetExecutionHistory API, so the
//! model reads recorded events exactly as it reads saved histories.

use aws_sdk_sfn::primitives::DateTime;
use aws_sdk_sfn::types::{
    AssignedVariablesDetails, HistoryEvent, HistoryEventExecutionDataDetails, TaskCredentials,
};
use serde_json::{Map, Value};

/// The event as API JSON: `timestamp` (epoch seconds, fraction at full precision), `type`, `id`,
/// `previousEventId` and its `*EventDetails` object with the API's camelCase field names;
/// absent optional fields are omitted.
pub fn event_to_json(event: &HistoryEvent) -> String {
    let mut text = String::with_capacity(256);
    text.push_str("{\"timestamp\":");
    text.push_str(&epoch_seconds(event.timestamp()));
    text.push_str(",\"type\":");
    text.push_str(&Value::String(event.r#type().as_str().to_owned()).to_string());
    text.push_str(&format!(
        ",\"id\":{},\"previousEventId\":{}",
        event.id(),
        event.previous_event_id()
    ));
    if let Some((key, details)) = details(event) {
        text.push_str(&format!(",\"{key}\":"));
        text.push_str(&Value::Object(details.0).to_string());
    }
    text.push('}');
    text
}

/// Epoch seconds as a JSON number, like `1489912589.005`, at the precision the API sends.
pub fn epoch_seconds(time: &DateTime) -> String {
    let (secs, nanos) = wire_time(time);
    let total = i128::from(secs) * 1_000_000_000 + i128::from(nanos);
    let sign = if total < 0 { "-" } else { "" };
    let (whole, nanos) = (total.abs() / 1_000_000_000, total.abs() % 1_000_000_000);
    let mut text = format!("{sign}{whole}");
    if nanos > 0 {
        let fraction = format!("{nanos:09}");
        text.push('.');
        text.push_str(fraction.trim_end_matches('0'));
    }
    text
}

/// The time as the API sent it: seconds and nanoseconds rounded to the microsecond.
///
/// The SDK reads epoch-second numbers through an `f64`, whose step near today's epoch is about
/// 0.24 µs, so `1489912589.005` arrives as `…589.004999881`. The API gives at most microseconds
/// (AWS milliseconds, LocalStack microseconds), so rounding to the microsecond restores exactly
/// what was sent.
pub fn wire_time(time: &DateTime) -> (i64, u32) {
    let micros = (time.subsec_nanos() + 500) / 1000;
    if micros >= 1_000_000 {
        (time.secs() + 1, 0)
    } else {
        (time.secs(), micros * 1000)
    }
}

/// A details object under construction.
struct Obj(Map<String, Value>);

impl Obj {
    fn new() -> Obj {
        Obj(Map::new())
    }

    fn s(mut self, key: &str, value: Option<&str>) -> Obj {
        if let Some(value) = value {
            self.0.insert(key.to_owned(), Value::String(value.to_owned()));
        }
        self
    }

    fn req(self, key: &str, value: &str) -> Obj {
        self.s(key, Some(value))
    }

    fn n(mut self, key: &str, value: Option<i64>) -> Obj {
        if let Some(value) = value {
            self.0.insert(key.to_owned(), Value::from(value));
        }
        self
    }

    fn data(mut self, key: &str, value: Option<&HistoryEventExecutionDataDetails>) -> Obj {
        if let Some(value) = value {
            self.0.insert(key.to_owned(), truncated(value.truncated()));
        }
        self
    }

    fn assigned(mut self, key: &str, value: Option<&AssignedVariablesDetails>) -> Obj {
        if let Some(value) = value {
            self.0.insert(key.to_owned(), truncated(value.truncated()));
        }
        self
    }

    fn credentials(mut self, key: &str, value: Option<&TaskCredentials>) -> Obj {
        if let Some(value) = value {
            let inner = Obj::new().s("roleArn", value.role_arn());
            self.0.insert(key.to_owned(), Value::Object(inner.0));
        }
        self
    }

    fn error_cause(self, error: Option<&str>, cause: Option<&str>) -> Obj {
        self.s("error", error).s("cause", cause)
    }
}

fn truncated(value: bool) -> Value {
    let mut map = Map::new();
    map.insert("truncated".to_owned(), Value::Bool(value));
    Value::Object(map)
}

/// Every `*EventDetails` member of the API with its JSON key (at most one is set per event).
fn details(e: &HistoryEvent) -> Option<(&'static str, Obj)> {
    let o = Obj::new;
    macro_rules! fail {
        ($getter:ident, $key:literal) => {
            if let Some(d) = e.$getter() {
                return Some(($key, o().error_cause(d.error(), d.cause())));
            }
        };
    }
    macro_rules! task_fail {
        ($getter:ident, $key:literal) => {
            if let Some(d) = e.$getter() {
                let obj = o().req("resourceType", d.resource_type()).req("resource", d.resource());
                return Some(($key, obj.error_cause(d.error(), d.cause())));
            }
        };
    }
    macro_rules! output {
        ($getter:ident, $key:literal) => {
            if let Some(d) = e.$getter() {
                return Some((
                    $key,
                    o().s("output", d.output()).data("outputDetails", d.output_details()),
                ));
            }
        };
    }
    macro_rules! task_output {
        ($getter:ident, $key:literal) => {
            if let Some(d) = e.$getter() {
                let obj = o().req("resourceType", d.resource_type()).req("resource", d.resource());
                return Some((
                    $key,
                    obj.s("output", d.output()).data("outputDetails", d.output_details()),
                ));
            }
        };
    }
    macro_rules! iteration {
        ($getter:ident, $key:literal) => {
            if let Some(d) = e.$getter() {
                return Some(($key, o().s("name", d.name()).n("index", Some(d.index().into()))));
            }
        };
    }

    fail!(activity_failed_event_details, "activityFailedEventDetails");
    fail!(activity_schedule_failed_event_details, "activityScheduleFailedEventDetails");
    if let Some(d) = e.activity_scheduled_event_details() {
        let obj = o()
            .req("resource", d.resource())
            .s("input", d.input())
            .data("inputDetails", d.input_details())
            .n("timeoutInSeconds", d.timeout_in_seconds())
            .n("heartbeatInSeconds", d.heartbeat_in_seconds());
        return Some(("activityScheduledEventDetails", obj));
    }
    if let Some(d) = e.activity_started_event_details() {
        return Some(("activityStartedEventDetails", o().s("workerName", d.worker_name())));
    }
    output!(activity_succeeded_event_details, "activitySucceededEventDetails");
    fail!(activity_timed_out_event_details, "activityTimedOutEventDetails");
    task_fail!(task_failed_event_details, "taskFailedEventDetails");
    if let Some(d) = e.task_scheduled_event_details() {
        let obj = o()
            .req("resourceType", d.resource_type())
            .req("resource", d.resource())
            .req("region", d.region())
            .req("parameters", d.parameters())
            .n("timeoutInSeconds", d.timeout_in_seconds())
            .n("heartbeatInSeconds", d.heartbeat_in_seconds())
            .credentials("taskCredentials", d.task_credentials());
        return Some(("taskScheduledEventDetails", obj));
    }
    task_fail!(task_start_failed_event_details, "taskStartFailedEventDetails");
    if let Some(d) = e.task_started_event_details() {
        let obj = o().req("resourceType", d.resource_type()).req("resource", d.resource());
        return Some(("taskStartedEventDetails", obj));
    }
    task_fail!(task_submit_failed_event_details, "taskSubmitFailedEventDetails");
    task_output!(task_submitted_event_details, "taskSubmittedEventDetails");
    task_output!(task_succeeded_event_details, "taskSucceededEventDetails");
    task_fail!(task_timed_out_event_details, "taskTimedOutEventDetails");
    fail!(execution_failed_event_details, "executionFailedEventDetails");
    if let Some(d) = e.execution_started_event_details() {
        let obj = o()
            .s("input", d.input())
            .data("inputDetails", d.input_details())
            .s("roleArn", d.role_arn())
            .s("stateMachineAliasArn", d.state_machine_alias_arn())
            .s("stateMachineVersionArn", d.state_machine_version_arn());
        return Some(("executionStartedEventDetails", obj));
    }
    output!(execution_succeeded_event_details, "executionSucceededEventDetails");
    fail!(execution_aborted_event_details, "executionAbortedEventDetails");
    fail!(execution_timed_out_event_details, "executionTimedOutEventDetails");
    if let Some(d) = e.execution_redriven_event_details() {
        let obj = o().n("redriveCount", d.redrive_count().map(i64::from));
        return Some(("executionRedrivenEventDetails", obj));
    }
    if let Some(d) = e.map_state_started_event_details() {
        return Some(("mapStateStartedEventDetails", o().n("length", Some(d.length().into()))));
    }
    iteration!(map_iteration_started_event_details, "mapIterationStartedEventDetails");
    iteration!(map_iteration_succeeded_event_details, "mapIterationSucceededEventDetails");
    iteration!(map_iteration_failed_event_details, "mapIterationFailedEventDetails");
    iteration!(map_iteration_aborted_event_details, "mapIterationAbortedEventDetails");
    fail!(lambda_function_failed_event_details, "lambdaFunctionFailedEventDetails");
    fail!(
        lambda_function_schedule_failed_event_details,
        "lambdaFunctionScheduleFailedEventDetails"
    );
    if let Some(d) = e.lambda_function_scheduled_event_details() {
        let obj = o()
            .req("resource", d.resource())
            .s("input", d.input())
            .data("inputDetails", d.input_details())
            .n("timeoutInSeconds", d.timeout_in_seconds())
            .credentials("taskCredentials", d.task_credentials());
        return Some(("lambdaFunctionScheduledEventDetails", obj));
    }
    fail!(lambda_function_start_failed_event_details, "lambdaFunctionStartFailedEventDetails");
    output!(lambda_function_succeeded_event_details, "lambdaFunctionSucceededEventDetails");
    fail!(lambda_function_timed_out_event_details, "lambdaFunctionTimedOutEventDetails");
    if let Some(d) = e.state_entered_event_details() {
        let obj =
            o().req("name", d.name()).s("input", d.input()).data("inputDetails", d.input_details());
        return Some(("stateEnteredEventDetails", obj));
    }
    if let Some(d) = e.state_exited_event_details() {
        let mut obj = o().req("name", d.name()).s("output", d.output());
        obj = obj.data("outputDetails", d.output_details());
        if let Some(vars) = d.assigned_variables() {
            let mut sorted: Vec<_> = vars.iter().collect();
            sorted.sort();
            let map = sorted.into_iter().map(|(k, v)| (k.clone(), Value::String(v.clone())));
            obj.0.insert("assignedVariables".to_owned(), Value::Object(map.collect()));
        }
        obj = obj.assigned("assignedVariablesDetails", d.assigned_variables_details());
        return Some(("stateExitedEventDetails", obj));
    }
    if let Some(d) = e.map_run_started_event_details() {
        return Some(("mapRunStartedEventDetails", o().s("mapRunArn", d.map_run_arn())));
    }
    fail!(map_run_failed_event_details, "mapRunFailedEventDetails");
    if let Some(d) = e.map_run_redriven_event_details() {
        let obj =
            o().s("mapRunArn", d.map_run_arn()).n("redriveCount", d.redrive_count().map(i64::from));
        return Some(("mapRunRedrivenEventDetails", obj));
    }
    if let Some(d) = e.evaluation_failed_event_details() {
        let obj = o()
            .error_cause(d.error(), d.cause())
            .s("location", d.location())
            .req("state", d.state());
        return Some(("evaluationFailedEventDetails", obj));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_sfn::types::{
        ActivityStartedEventDetails, HistoryEventType, StateEnteredEventDetails,
    };

    #[test]
    fn timestamps_keep_every_digit() {
        assert_eq!(
            epoch_seconds(&DateTime::from_secs_and_nanos(1489912589, 5_000_000)),
            "1489912589.005"
        );
        assert_eq!(epoch_seconds(&DateTime::from_secs_and_nanos(1489912589, 0)), "1489912589");
        assert_eq!(epoch_seconds(&DateTime::from_secs_and_nanos(1, 123_456_789)), "1.123457");
        assert_eq!(epoch_seconds(&DateTime::from_secs_and_nanos(1, 999_999_600)), "2");
        // What the SDK makes of the numbers AWS and LocalStack send.
        assert_eq!(epoch_seconds(&DateTime::from_secs_f64(1489912589.005)), "1489912589.005");
        assert_eq!(epoch_seconds(&DateTime::from_secs_f64(1764087115.480227)), "1764087115.480227");
        assert_eq!(epoch_seconds(&DateTime::from_secs_and_nanos(-2, 500_000_000)), "-1.5");
    }

    #[test]
    fn events_have_the_api_shape() {
        let event = HistoryEvent::builder()
            .timestamp(DateTime::from_secs_and_nanos(1489912606, 402_000_000))
            .r#type(HistoryEventType::ActivityStarted)
            .id(4)
            .previous_event_id(3)
            .activity_started_event_details(
                ActivityStartedEventDetails::builder().worker_name("testWorker").build(),
            )
            .build()
            .expect("complete");
        assert_eq!(
            event_to_json(&event),
            r#"{"timestamp":1489912606.402,"type":"ActivityStarted","id":4,"previousEventId":3,"activityStartedEventDetails":{"workerName":"testWorker"}}"#
        );
        let entered = HistoryEvent::builder()
            .timestamp(DateTime::from_secs(1))
            .r#type(HistoryEventType::TaskStateEntered)
            .id(2)
            .previous_event_id(0)
            .state_entered_event_details(
                StateEnteredEventDetails::builder()
                    .name("getGreeting")
                    .input("{}")
                    .build()
                    .expect("name"),
            )
            .build()
            .expect("complete");
        assert_eq!(
            event_to_json(&entered),
            r#"{"timestamp":1,"type":"TaskStateEntered","id":2,"previousEventId":0,"stateEnteredEventDetails":{"name":"getGreeting","input":"{}"}}"#
        );
    }
}
