//! The fast path's reading of one event: its four header fields borrowed, its details object
//! typed, in a single pass and without allocating anything but the details themselves.

use crate::details::EventDetails;
use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;
use std::fmt;

/// The fields of an event read in a single pass (the fast path; the careful path re-reads an
/// event that fails here, to say what is wrong). Anything unusual (a repeated member, an
/// escaped key or type name, a malformed details object) is an error here.
#[derive(Default)]
pub(super) struct TypedEventFields<'a> {
    pub id: Option<&'a RawValue>,
    pub previous_event_id: Option<&'a RawValue>,
    pub event_type: Option<&'a str>,
    pub timestamp: Option<&'a RawValue>,
    /// The details objects in the order read: almost always exactly one.
    first: Option<(&'static str, EventDetails)>,
    more: Vec<(&'static str, EventDetails)>,
}

impl TypedEventFields<'_> {
    /// Takes the details stored under `key`.
    pub fn take_details(&mut self, key: &str) -> Option<EventDetails> {
        if self.first.as_ref().is_some_and(|(k, _)| *k == key) {
            return self.first.take().map(|(_, d)| d);
        }
        let index = self.more.iter().position(|(k, _)| *k == key)?;
        Some(self.more.remove(index).1)
    }

    /// Takes the details object of the key listed first in the API's order, whatever it is.
    pub fn take_first_details(&mut self) -> Option<EventDetails> {
        let key = self.first.iter().chain(&self.more).map(|(k, _)| *k).min_by_key(|k| rank(k))?;
        self.take_details(key)
    }

    fn add_details(&mut self, key: &'static str, details: EventDetails) -> Result<(), String> {
        if self.first.iter().chain(&self.more).any(|(k, _)| *k == key) {
            return Err(format!("duplicate field `{key}`"));
        }
        match self.first {
            None => self.first = Some((key, details)),
            Some(_) => self.more.push((key, details)),
        }
        Ok(())
    }
}

fn set_once<T, E: de::Error>(
    slot: &mut Option<T>,
    value: Option<T>,
    key: &'static str,
) -> Result<(), E> {
    if slot.is_some() {
        return Err(E::duplicate_field(key));
    }
    *slot = value;
    Ok(())
}

impl<'de> Deserialize<'de> for TypedEventFields<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(FieldsVisitor)
    }
}

struct FieldsVisitor;

impl<'de> Visitor<'de> for FieldsVisitor {
    type Value = TypedEventFields<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a history event object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut fields = TypedEventFields::default();
        while let Some(key) = map.next_key::<&'de str>()? {
            match key {
                "id" => set_once(&mut fields.id, map.next_value()?, "id")?,
                "previousEventId" => {
                    set_once(&mut fields.previous_event_id, map.next_value()?, "previousEventId")?
                }
                "type" => set_once(&mut fields.event_type, map.next_value()?, "type")?,
                "timestamp" => set_once(&mut fields.timestamp, map.next_value()?, "timestamp")?,
                _ => match next_details(key, &mut map)? {
                    Some(Some((key, details))) => {
                        fields.add_details(key, details).map_err(de::Error::custom)?
                    }
                    Some(None) => {}
                    None => {
                        map.next_value::<IgnoredAny>()?;
                    }
                },
            }
        }
        Ok(fields)
    }
}

macro_rules! typed_details {
    ($($field:ident => $key:literal: $ty:ident => $variant:ident),* $(,)?) => {
        /// Reads the value of member `key` when it is a details object: `None` when `key` is
        /// not one (the value is then still to be read), `Some(None)` for a null.
        #[allow(clippy::type_complexity)]
        fn next_details<'de, A: MapAccess<'de>>(
            key: &str,
            map: &mut A,
        ) -> Result<Option<Option<(&'static str, EventDetails)>>, A::Error> {
            Ok(Some(match key {
                $($key => map
                    .next_value::<Option<crate::details::$ty>>()?
                    .map(|d| ($key, EventDetails::$variant(d))),)*
                _ => return Ok(None),
            }))
        }

        /// Where a details key comes in the API's list.
        fn rank(key: &str) -> usize {
            [$($key),*].iter().position(|k| *k == key).unwrap_or(usize::MAX)
        }
    };
}

typed_details! {
    activity_failed => "activityFailedEventDetails": FailureDetails => Failure,
    activity_schedule_failed => "activityScheduleFailedEventDetails": FailureDetails => Failure,
    activity_scheduled => "activityScheduledEventDetails": ActivityScheduledDetails => ActivityScheduled,
    activity_started => "activityStartedEventDetails": ActivityStartedDetails => ActivityStarted,
    activity_succeeded => "activitySucceededEventDetails": OutputDetails => Output,
    activity_timed_out => "activityTimedOutEventDetails": FailureDetails => Failure,
    task_failed => "taskFailedEventDetails": TaskFailureDetails => TaskFailure,
    task_scheduled => "taskScheduledEventDetails": TaskScheduledDetails => TaskScheduled,
    task_start_failed => "taskStartFailedEventDetails": TaskFailureDetails => TaskFailure,
    task_started => "taskStartedEventDetails": TaskStartedDetails => TaskStarted,
    task_submit_failed => "taskSubmitFailedEventDetails": TaskFailureDetails => TaskFailure,
    task_submitted => "taskSubmittedEventDetails": TaskOutputDetails => TaskOutput,
    task_succeeded => "taskSucceededEventDetails": TaskOutputDetails => TaskOutput,
    task_timed_out => "taskTimedOutEventDetails": TaskFailureDetails => TaskFailure,
    execution_failed => "executionFailedEventDetails": FailureDetails => Failure,
    execution_started => "executionStartedEventDetails": ExecutionStartedDetails => ExecutionStarted,
    execution_succeeded => "executionSucceededEventDetails": OutputDetails => Output,
    execution_aborted => "executionAbortedEventDetails": FailureDetails => Failure,
    execution_timed_out => "executionTimedOutEventDetails": FailureDetails => Failure,
    execution_redriven => "executionRedrivenEventDetails": ExecutionRedrivenDetails => ExecutionRedriven,
    map_state_started => "mapStateStartedEventDetails": MapStateStartedDetails => MapStateStarted,
    map_iteration_started => "mapIterationStartedEventDetails": MapIterationDetails => MapIteration,
    map_iteration_succeeded => "mapIterationSucceededEventDetails": MapIterationDetails => MapIteration,
    map_iteration_failed => "mapIterationFailedEventDetails": MapIterationDetails => MapIteration,
    map_iteration_aborted => "mapIterationAbortedEventDetails": MapIterationDetails => MapIteration,
    lambda_function_failed => "lambdaFunctionFailedEventDetails": FailureDetails => Failure,
    lambda_function_schedule_failed => "lambdaFunctionScheduleFailedEventDetails": FailureDetails => Failure,
    lambda_function_scheduled => "lambdaFunctionScheduledEventDetails": LambdaFunctionScheduledDetails => LambdaFunctionScheduled,
    lambda_function_start_failed => "lambdaFunctionStartFailedEventDetails": FailureDetails => Failure,
    lambda_function_succeeded => "lambdaFunctionSucceededEventDetails": OutputDetails => Output,
    lambda_function_timed_out => "lambdaFunctionTimedOutEventDetails": FailureDetails => Failure,
    state_entered => "stateEnteredEventDetails": StateEnteredDetails => StateEntered,
    state_exited => "stateExitedEventDetails": StateExitedDetails => StateExited,
    map_run_started => "mapRunStartedEventDetails": MapRunStartedDetails => MapRunStarted,
    map_run_failed => "mapRunFailedEventDetails": FailureDetails => Failure,
    map_run_redriven => "mapRunRedrivenEventDetails": MapRunRedrivenDetails => MapRunRedriven,
    evaluation_failed => "evaluationFailedEventDetails": EvaluationFailedDetails => EvaluationFailed,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<TypedEventFields<'_>, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn takes_details_by_key_and_the_first_in_api_order() {
        let mut fields = read(
            r#"{"id":1,"type":"X","timestamp":1,"stateExitedEventDetails":{"name":"B"},
                "activityFailedEventDetails":{"error":"E"},"somethingElse":[1,{"a":2}]}"#,
        )
        .unwrap();
        assert_eq!(fields.id.map(RawValue::get), Some("1"));
        let exited = fields.take_details("stateExitedEventDetails");
        assert!(
            matches!(exited, Some(EventDetails::StateExited(d)) if d.name.as_deref() == Some("B"))
        );
        let mut fields =
            read(r#"{"stateExitedEventDetails":{"name":"B"},"activityFailedEventDetails":{}}"#)
                .unwrap();
        assert!(matches!(fields.take_first_details(), Some(EventDetails::Failure(_))));
    }

    #[test]
    fn refuses_what_the_careful_path_must_word() {
        for json in [
            r#"{"id":1,"id":2}"#,
            r#"{"stateExitedEventDetails":{},"stateExitedEventDetails":{}}"#,
            r#"{"stateExitedEventDetails":{"name":7}}"#,
            r#"{"ty\u0070e":"X"}"#,
        ] {
            assert!(read(json).is_err(), "{json}");
        }
        assert!(read(r#"{"stateExitedEventDetails":null}"#).unwrap().first.is_none());
    }
}
