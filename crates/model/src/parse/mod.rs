//! Reads history JSON in every form users keep on disk into a [`History`].
//!
//! Accepted: `{"events": [...]}` (one GetExecutionHistory page), a bare array of events, an
//! array of pages, pages concatenated one after another, and `--reverse-order` listings.

use crate::details::EventDetails;
use crate::event::{HistoryEvent, RawEvent};
use crate::event_type::EventType;
use crate::history::{History, ParseWarning};
use crate::timestamp::parse_timestamp;
use one_pass::read_in_one_pass;
use serde::Deserialize;
use serde_json::value::RawValue;
use std::sync::Arc;
use typed_fields::TypedEventFields;

mod one_pass;
mod typed_fields;

/// Why a history could not be read. Findings about a readable history are not errors: see
/// [`crate::validate`].
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    /// The input holds no JSON at all.
    #[error("empty file: expected GetExecutionHistory JSON")]
    Empty,
    /// The input is not JSON (or is cut short).
    #[error("not valid JSON: {0}")]
    Json(#[source] serde_json::Error),
    /// The JSON is not shaped like a history.
    #[error("{0}")]
    Shape(String),
    /// The document holds no events.
    #[error("the history holds no events (an execution always has at least ExecutionStarted)")]
    NoEvents,
    /// One event cannot be read.
    #[error("{}: {message}", event_location(*index, *id))]
    Event {
        /// Position of the event in the document (0-based).
        index: usize,
        /// The event's id, when it could be read.
        id: Option<i64>,
        /// What is wrong.
        message: String,
    },
}

impl ParseError {
    /// The id of the event the error concerns, where known.
    pub fn event_id(&self) -> Option<i64> {
        match self {
            ParseError::Event { id, .. } => *id,
            _ => None,
        }
    }
}

fn event_location(index: usize, id: Option<i64>) -> String {
    match id {
        Some(id) => format!("event id {id} (position {})", index + 1),
        None => format!("event at position {}", index + 1),
    }
}

/// Reads a history from the bytes of a file.
pub fn parse_history(bytes: &[u8]) -> Result<History, ParseError> {
    let text = std::str::from_utf8(bytes).map_err(|e| not_utf8(bytes, e))?;
    read_history(text, None)
}

/// Reads a history from the bytes of a file, keeping them: the events' raw JSON is then
/// the file's own text, not a copy of it.
pub fn parse_history_owned(bytes: Vec<u8>) -> Result<History, ParseError> {
    let text = String::from_utf8(bytes).map_err(|e| not_utf8(e.as_bytes(), e.utf8_error()))?;
    let source = Arc::new(text);
    read_history(&source, Some(&source))
}

fn not_utf8(bytes: &[u8], e: std::str::Utf8Error) -> ParseError {
    let valid = &bytes[..e.valid_up_to()];
    let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = valid.len() - valid.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1) + 1;
    ParseError::Shape(format!(
        "not UTF-8 text: invalid byte at line {line} column {column} (offset {})",
        e.valid_up_to()
    ))
}

/// Reads `text`; `source`, when given, holds that same text for the events to share.
fn read_history(text: &str, source: Option<&Arc<String>>) -> Result<History, ParseError> {
    if text.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    let mut history = match read_in_one_pass(text, source) {
        Some(history) => history,
        None => read_document_by_document(text)?,
    };
    if history.events.is_empty() {
        return Err(ParseError::NoEvents);
    }
    if is_reverse_listing(&history.events) {
        history.events.reverse();
    }
    Ok(history)
}

/// Anything [`read_in_one_pass`] does not take, or input with something wrong in it: reads the
/// documents first, then each event, so that an error can name exactly what is wrong and where.
fn read_document_by_document(text: &str) -> Result<History, ParseError> {
    let mut raw_events: Vec<&RawValue> = Vec::new();
    let stream = serde_json::Deserializer::from_str(text).into_iter::<&RawValue>();
    for (document, value) in stream.enumerate() {
        let value = value.map_err(ParseError::Json)?;
        collect_document(value, document, &mut raw_events)?;
    }
    let mut history = History { events: Vec::with_capacity(raw_events.len()), warnings: vec![] };
    for (index, raw) in raw_events.into_iter().enumerate() {
        let event = parse_event(raw.get(), index, &mut history.warnings)?;
        history.events.push(event);
    }
    Ok(history)
}

/// Reads a history from the JSON text of each event (as the recorder and the ledger hold them).
pub fn history_from_raw_events(raw_events: Vec<String>) -> Result<History, ParseError> {
    let mut history = History { events: Vec::with_capacity(raw_events.len()), warnings: vec![] };
    for (index, raw) in raw_events.iter().enumerate() {
        history.events.push(parse_event(raw, index, &mut history.warnings)?);
    }
    Ok(history)
}

fn is_reverse_listing(events: &[HistoryEvent]) -> bool {
    events.len() > 1 && events.windows(2).all(|pair| pair[0].id > pair[1].id)
}

#[derive(Deserialize)]
struct Page<'a> {
    #[serde(borrow)]
    events: Option<Vec<&'a RawValue>>,
}

fn collect_document<'a>(
    value: &'a RawValue,
    document: usize,
    out: &mut Vec<&'a RawValue>,
) -> Result<(), ParseError> {
    let text = value.get();
    match text.as_bytes().first() {
        Some(b'{') => {
            let page: Page<'a> = serde_json::from_str(text).map_err(ParseError::Json)?;
            match page.events {
                Some(events) => out.extend(events),
                None if looks_like_event(text) => out.push(value),
                None => {
                    return Err(ParseError::Shape(format!(
                        "JSON document {} is an object without an `events` list",
                        document + 1
                    )))
                }
            }
        }
        Some(b'[') => {
            let items: Vec<&'a RawValue> = serde_json::from_str(text).map_err(ParseError::Json)?;
            let pages = items.first().is_some_and(|first| {
                first.get().starts_with('{')
                    && serde_json::from_str::<Page<'_>>(first.get())
                        .is_ok_and(|p| p.events.is_some())
            });
            if pages {
                for (i, item) in items.into_iter().enumerate() {
                    let page: Page<'a> = serde_json::from_str(item.get()).map_err(|e| {
                        ParseError::Shape(format!("page {} is not a history page: {e}", i + 1))
                    })?;
                    match page.events {
                        Some(events) => out.extend(events),
                        None => {
                            return Err(ParseError::Shape(format!(
                                "page {} has no `events` list",
                                i + 1
                            )))
                        }
                    }
                }
            } else {
                out.extend(items);
            }
        }
        _ => {
            return Err(ParseError::Shape(format!(
                "JSON document {} is not an object or array of history events",
                document + 1
            )))
        }
    }
    Ok(())
}

fn looks_like_event(text: &str) -> bool {
    #[derive(Deserialize)]
    struct Probe {
        #[serde(rename = "type")]
        event_type: Option<serde::de::IgnoredAny>,
    }
    serde_json::from_str::<Probe>(text).is_ok_and(|p| p.event_type.is_some())
}

macro_rules! event_fields {
    ($($field:ident => $key:literal),* $(,)?) => {
        /// The fields of an event read in one pass; details are kept raw until the type is known.
        #[derive(Deserialize)]
        struct EventFields<'a> {
            #[serde(borrow, default)]
            id: Option<&'a RawValue>,
            #[serde(rename = "previousEventId", borrow, default)]
            previous_event_id: Option<&'a RawValue>,
            #[serde(rename = "type", borrow, default)]
            event_type: Option<std::borrow::Cow<'a, str>>,
            #[serde(borrow, default)]
            timestamp: Option<&'a RawValue>,
            $(
                #[serde(rename = $key, borrow, default)]
                $field: Option<&'a RawValue>,
            )*
        }

        impl<'a> EventFields<'a> {
            fn details(&self, key: &str) -> Option<&'a RawValue> {
                match key {
                    $($key => self.$field,)*
                    _ => None,
                }
            }

            fn first_details(&self) -> Option<(&'static str, &'a RawValue)> {
                $(if let Some(v) = self.$field { return Some(($key, v)); })*
                None
            }
        }
    };
}

event_fields! {
    activity_failed => "activityFailedEventDetails",
    activity_schedule_failed => "activityScheduleFailedEventDetails",
    activity_scheduled => "activityScheduledEventDetails",
    activity_started => "activityStartedEventDetails",
    activity_succeeded => "activitySucceededEventDetails",
    activity_timed_out => "activityTimedOutEventDetails",
    task_failed => "taskFailedEventDetails",
    task_scheduled => "taskScheduledEventDetails",
    task_start_failed => "taskStartFailedEventDetails",
    task_started => "taskStartedEventDetails",
    task_submit_failed => "taskSubmitFailedEventDetails",
    task_submitted => "taskSubmittedEventDetails",
    task_succeeded => "taskSucceededEventDetails",
    task_timed_out => "taskTimedOutEventDetails",
    execution_failed => "executionFailedEventDetails",
    execution_started => "executionStartedEventDetails",
    execution_succeeded => "executionSucceededEventDetails",
    execution_aborted => "executionAbortedEventDetails",
    execution_timed_out => "executionTimedOutEventDetails",
    execution_redriven => "executionRedrivenEventDetails",
    map_state_started => "mapStateStartedEventDetails",
    map_iteration_started => "mapIterationStartedEventDetails",
    map_iteration_succeeded => "mapIterationSucceededEventDetails",
    map_iteration_failed => "mapIterationFailedEventDetails",
    map_iteration_aborted => "mapIterationAbortedEventDetails",
    lambda_function_failed => "lambdaFunctionFailedEventDetails",
    lambda_function_schedule_failed => "lambdaFunctionScheduleFailedEventDetails",
    lambda_function_scheduled => "lambdaFunctionScheduledEventDetails",
    lambda_function_start_failed => "lambdaFunctionStartFailedEventDetails",
    lambda_function_succeeded => "lambdaFunctionSucceededEventDetails",
    lambda_function_timed_out => "lambdaFunctionTimedOutEventDetails",
    state_entered => "stateEnteredEventDetails",
    state_exited => "stateExitedEventDetails",
    map_run_started => "mapRunStartedEventDetails",
    map_run_failed => "mapRunFailedEventDetails",
    map_run_redriven => "mapRunRedrivenEventDetails",
    evaluation_failed => "evaluationFailedEventDetails",
}

fn read_integer(raw: &RawValue, field: &str) -> Result<i64, String> {
    let text = raw.get();
    text.parse::<i64>().map_err(|_| {
        let found = match text.as_bytes().first() {
            Some(b'"') => format!("the string {text}"),
            Some(b'{') => "an object".to_owned(),
            Some(b'[') => "an array".to_owned(),
            Some(b'n') => "null".to_owned(),
            _ => text.to_owned(),
        };
        format!("`{field}` must be a whole number, found {found}")
    })
}

/// Reads a well-formed event in one pass; `None` sends it to the careful path, which names
/// exactly what is wrong.
fn parse_event_fast(raw: &str, warnings: &mut Vec<ParseWarning>) -> Option<HistoryEvent> {
    let fields: TypedEventFields<'_> = serde_json::from_str(raw).ok()?;
    event_from_fields(fields, RawEvent::owned(raw), warnings)
}

/// Makes an event of its typed fields and its text; `None` if a field is wrong.
fn event_from_fields(
    mut fields: TypedEventFields<'_>,
    raw: RawEvent,
    warnings: &mut Vec<ParseWarning>,
) -> Option<HistoryEvent> {
    let id = read_integer(fields.id?, "id").ok()?;
    let previous_event_id = match fields.previous_event_id {
        Some(raw_prev) => read_integer(raw_prev, "previousEventId").ok()?,
        None => 0,
    };
    let event_type = EventType::parse(fields.event_type?);
    let timestamp = parse_timestamp(fields.timestamp?.get()).ok()?;
    let details = match event_type.details_key() {
        Some(key) => fields.take_details(key),
        None => {
            if let EventType::Unknown(name) = &event_type {
                warnings.push(ParseWarning {
                    event_id: Some(id),
                    message: format!("unknown event type `{name}` kept as raw JSON"),
                });
                fields.take_first_details()
            } else {
                None
            }
        }
    };
    Some(HistoryEvent { id, previous_event_id, timestamp, event_type, details, raw })
}

fn parse_event(
    raw: &str,
    index: usize,
    warnings: &mut Vec<ParseWarning>,
) -> Result<HistoryEvent, ParseError> {
    match parse_event_fast(raw, warnings) {
        Some(event) => Ok(event),
        None => parse_event_carefully(raw, index, warnings),
    }
}

/// Reads an event field by field, so that an error says exactly which field is wrong.
fn parse_event_carefully(
    raw: &str,
    index: usize,
    warnings: &mut Vec<ParseWarning>,
) -> Result<HistoryEvent, ParseError> {
    let fail = |id: Option<i64>, message: String| ParseError::Event { index, id, message };
    if !raw.starts_with('{') {
        return Err(fail(None, "an event must be a JSON object".into()));
    }
    let fields: EventFields<'_> = serde_json::from_str(raw).map_err(|e| {
        fail(
            None,
            format!("{}", e).replace(" at line 1", " at column").replace("column column", "column"),
        )
    })?;
    let id = match fields.id {
        Some(raw_id) => read_integer(raw_id, "id").map_err(|m| fail(None, m))?,
        None => return Err(fail(None, "missing field `id`".into())),
    };
    let previous_event_id = match fields.previous_event_id {
        Some(raw_prev) => {
            read_integer(raw_prev, "previousEventId").map_err(|m| fail(Some(id), m))?
        }
        None => 0,
    };
    let event_type = match &fields.event_type {
        Some(name) => EventType::parse(name),
        None => return Err(fail(Some(id), "missing field `type`".into())),
    };
    let timestamp = match fields.timestamp {
        Some(raw_ts) => parse_timestamp(raw_ts.get()).map_err(|m| fail(Some(id), m))?,
        None => return Err(fail(Some(id), "missing field `timestamp`".into())),
    };
    let details = match event_type.details_key() {
        Some(key) => match fields.details(key) {
            Some(details) => EventDetails::from_json(key, details.get())
                .map_err(|e| fail(Some(id), format!("`{key}` is malformed: {e}")))?,
            None => None,
        },
        None => {
            if let EventType::Unknown(name) = &event_type {
                warnings.push(ParseWarning {
                    event_id: Some(id),
                    message: format!("unknown event type `{name}` kept as raw JSON"),
                });
                // Read what a known details object it carries says, if any.
                fields
                    .first_details()
                    .and_then(|(key, v)| EventDetails::from_json(key, v.get()).ok().flatten())
            } else {
                None
            }
        }
    };
    Ok(HistoryEvent {
        id,
        previous_event_id,
        timestamp,
        event_type,
        details,
        raw: RawEvent::owned(raw),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE: &str = r#"{"id":1,"previousEventId":0,"type":"ExecutionStarted","timestamp":1.5}"#;
    const TWO: &str = r#"{"id":2,"previousEventId":0,"type":"PassStateEntered","timestamp":2,
        "stateEnteredEventDetails":{"name":"A","input":"{}"}}"#;

    fn assert_paths_agree(json: &str) {
        let history = parse_history(json.as_bytes()).unwrap();
        for (index, event) in history.events.iter().enumerate() {
            let fast = parse_event_fast(event.raw.get(), &mut vec![]).expect("well-formed");
            let careful = parse_event_carefully(event.raw.get(), index, &mut vec![]).unwrap();
            assert_eq!(format!("{fast:?}"), format!("{careful:?}"));
        }
    }

    #[test]
    fn the_fast_and_careful_paths_read_events_the_same() {
        assert_paths_agree(include_str!("../../../../tests/fixtures/runbook-activity.json"));
        assert_paths_agree(include_str!("../../../../tests/fixtures/map-retry.json"));
        assert_paths_agree(include_str!("../../../../tests/fixtures/report-map-retry-catch.json"));
        let Ok(corpus) = std::env::var("SFN_LEDGER_CORPUS") else { return };
        let folder = std::path::Path::new(&corpus).join("aws-recorded");
        for entry in std::fs::read_dir(folder).unwrap() {
            assert_paths_agree(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
        }
    }

    #[test]
    fn the_one_pass_reader_takes_the_common_forms_and_reads_them_as_the_careful_path_does() {
        let unknown = r#"{"id":3,"previousEventId":2,"type":"FutureThing","timestamp":3}"#;
        let common = [
            format!(r#"{{"events":[{ONE},{TWO},{unknown}]}}"#),
            format!("{{ \"nextToken\" : null ,\n \"events\" : [ {ONE} ,\n{TWO} ] }}\n"),
            format!("{{\"events\":[{ONE}],\"nextToken\":\"x\"}}\n{{\"events\":[{TWO}]}}"),
            format!(" [ {ONE}, {TWO} ] "),
            include_str!("../../../../tests/fixtures/map-retry.json").to_owned(),
        ];
        for input in &common {
            let fast = read_in_one_pass(input, None).expect("read in one pass");
            let source = Arc::new(input.clone());
            let shared = read_in_one_pass(&source, Some(&source)).expect("read in one pass");
            assert_eq!(format!("{:?}", fast), format!("{:?}", shared), "{input}");
            let careful = read_document_by_document(input).unwrap();
            assert_eq!(format!("{:?}", fast), format!("{:?}", careful), "{input}");
        }
        let pages = format!(r#"[{{"events":[{ONE}]}},{{"events":[{TWO}]}}]"#);
        let wrong_id = r#"{"events":[{"id":"1","type":"X","timestamp":1}]}"#;
        let truncated = format!(r#"{{"events":[{ONE},"#);
        let no_events = r#"{"nextToken":"x"}"#;
        for input in [pages.as_str(), wrong_id, truncated.as_str(), no_events] {
            assert!(read_in_one_pass(input, None).is_none(), "{input}");
        }
    }

    #[test]
    fn an_escaped_member_name_is_read_by_the_careful_path() {
        let json = r#"[{"id":1,"previousEventId":0,"ty\u0070e":"ExecutionStarted","timestamp":1}]"#;
        assert!(read_in_one_pass(json, None).is_none());
        let history = parse_history(json.as_bytes()).unwrap();
        assert_eq!(history.events[0].event_type, EventType::ExecutionStarted);
    }

    #[test]
    fn reads_every_container_shape() {
        let page = format!(r#"{{"events":[{ONE},{TWO}]}}"#);
        let bare = format!("[{ONE},{TWO}]");
        let pages = format!(r#"[{{"events":[{ONE}]}},{{"events":[{TWO}],"nextToken":null}}]"#);
        let concatenated =
            format!("{{\"events\":[{ONE}],\"nextToken\":\"x\"}}\n{{\"events\":[{TWO}]}}");
        let reversed = format!(r#"{{"events":[{TWO},{ONE}]}}"#);
        for input in [page, bare, pages, concatenated, reversed] {
            let history = parse_history(input.as_bytes()).unwrap();
            let ids: Vec<i64> = history.events.iter().map(|e| e.id).collect();
            assert_eq!(ids, [1, 2], "{input}");
            assert_eq!(history.events[1].state_name(), Some("A"));
        }
    }

    #[test]
    fn names_the_event_and_field_that_cannot_be_read() {
        let err = parse_history(br#"[{"id":"1","type":"X","timestamp":1}]"#).unwrap_err();
        assert_eq!(
            err.to_string(),
            "event at position 1: `id` must be a whole number, found the string \"1\""
        );
        let err = parse_history(br#"[{"id":4,"type":"PassStateEntered"}]"#).unwrap_err();
        assert_eq!(err.to_string(), "event id 4 (position 1): missing field `timestamp`");
        assert!(matches!(parse_history(b"  \n"), Err(ParseError::Empty)));
        assert!(matches!(parse_history(br#"{"events":[]}"#), Err(ParseError::NoEvents)));
    }

    #[test]
    fn keeps_unknown_types_with_a_warning() {
        let history = parse_history(br#"[{"id":1,"type":"FutureThing","timestamp":1}]"#).unwrap();
        assert_eq!(history.events[0].event_type, EventType::Unknown("FutureThing".into()));
        assert_eq!(history.warnings.len(), 1);
    }
}
