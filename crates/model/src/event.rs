//! One history event: its identity, its type, its typed details and its raw JSON.

use crate::details::EventDetails;
use crate::event_type::{EventType, StateType};
use crate::payload::payload_field;
use jiff::Timestamp;
use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

/// A history event as read from GetExecutionHistory JSON.
///
/// The raw JSON is kept byte for byte, so a history can always be written back as received.
#[derive(Debug, Clone)]
pub struct HistoryEvent {
    /// The event id (1..N within an execution).
    pub id: i64,
    /// The id of the event this one follows in its chain; 0 for none.
    pub previous_event_id: i64,
    /// When the event happened, at full precision.
    pub timestamp: Timestamp,
    /// The event type.
    pub event_type: EventType,
    /// The typed details, when the event has a details object of the expected shape.
    pub details: Option<EventDetails>,
    /// The event exactly as read.
    pub raw: RawEvent,
}

/// The JSON text of one event exactly as read: a JSON object, already checked when it was read.
///
/// Events read from a whole file share that file's text (one allocation for the history
/// instead of one per event); events read one by one own theirs.
#[derive(Clone)]
pub struct RawEvent(RawText);

#[derive(Clone)]
enum RawText {
    Owned(Box<str>),
    Shared { source: Arc<String>, start: usize, end: usize },
}

impl RawEvent {
    /// Wraps the text of an event that was read as a JSON object.
    pub(crate) fn owned(text: &str) -> RawEvent {
        RawEvent(RawText::Owned(text.into()))
    }

    /// The event at `start..end` of a whole text that was read as a history.
    pub(crate) fn shared(source: &Arc<String>, start: usize, end: usize) -> RawEvent {
        RawEvent(RawText::Shared { source: Arc::clone(source), start, end })
    }

    /// The JSON text.
    pub fn get(&self) -> &str {
        match &self.0 {
            RawText::Owned(text) => text,
            RawText::Shared { source, start, end } => &source[*start..*end],
        }
    }
}

impl PartialEq for RawEvent {
    fn eq(&self, other: &RawEvent) -> bool {
        self.get() == other.get()
    }
}

impl Eq for RawEvent {}

impl fmt::Debug for RawEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RawEvent({})", self.get())
    }
}

impl HistoryEvent {
    /// The state name of a `*StateEntered`/`*StateExited` event, or the Map state's name of a
    /// `MapIteration*` event, or the failing state of an `EvaluationFailed` event.
    pub fn state_name(&self) -> Option<&str> {
        match &self.details {
            Some(EventDetails::StateEntered(d)) => d.name.as_deref(),
            Some(EventDetails::StateExited(d)) => d.name.as_deref(),
            Some(EventDetails::MapIteration(d)) => d.name.as_deref(),
            Some(EventDetails::EvaluationFailed(d)) => d.state.as_deref(),
            _ => None,
        }
    }

    /// The state type for state events.
    pub fn state_type(&self) -> Option<StateType> {
        self.event_type.state_type()
    }

    /// The item index of a `MapIteration*` event.
    pub fn map_index(&self) -> Option<i64> {
        match &self.details {
            Some(EventDetails::MapIteration(d)) => d.index,
            _ => None,
        }
    }

    /// The error name of a failure, abort or time-out event.
    pub fn error(&self) -> Option<&str> {
        match &self.details {
            Some(EventDetails::Failure(d)) => d.error.as_deref(),
            Some(EventDetails::TaskFailure(d)) => d.error.as_deref(),
            Some(EventDetails::EvaluationFailed(d)) => d.error.as_deref(),
            _ => None,
        }
    }

    /// The cause of a failure, abort or time-out event.
    pub fn cause(&self) -> Option<&str> {
        match &self.details {
            Some(EventDetails::Failure(d)) => d.cause.as_deref(),
            Some(EventDetails::TaskFailure(d)) => d.cause.as_deref(),
            Some(EventDetails::EvaluationFailed(d)) => d.cause.as_deref(),
            _ => None,
        }
    }

    /// The input payload (JSON text) of events that carry one (`parameters` of a
    /// `TaskScheduled` event), decoded from the raw JSON.
    pub fn input(&self) -> Option<Cow<'_, str>> {
        let field = match &self.details {
            Some(EventDetails::StateEntered(_))
            | Some(EventDetails::ExecutionStarted(_))
            | Some(EventDetails::ActivityScheduled(_))
            | Some(EventDetails::LambdaFunctionScheduled(_)) => "input",
            Some(EventDetails::TaskScheduled(_)) => "parameters",
            _ => return None,
        };
        payload_field(self.raw.get(), field)
    }

    /// The output payload (JSON text) of events that carry one, decoded from the raw JSON.
    pub fn output(&self) -> Option<Cow<'_, str>> {
        match &self.details {
            Some(EventDetails::StateExited(_))
            | Some(EventDetails::Output(_))
            | Some(EventDetails::TaskOutput(_)) => payload_field(self.raw.get(), "output"),
            _ => None,
        }
    }

    /// The resource (activity ARN, function ARN or service action) of task events.
    pub fn resource(&self) -> Option<&str> {
        match &self.details {
            Some(EventDetails::ActivityScheduled(d)) => d.resource.as_deref(),
            Some(EventDetails::LambdaFunctionScheduled(d)) => d.resource.as_deref(),
            Some(EventDetails::TaskScheduled(d)) => d.resource.as_deref(),
            Some(EventDetails::TaskStarted(d)) => d.resource.as_deref(),
            Some(EventDetails::TaskOutput(d)) => d.resource.as_deref(),
            Some(EventDetails::TaskFailure(d)) => d.resource.as_deref(),
            _ => None,
        }
    }

    /// The worker name of an `ActivityStarted` event.
    pub fn worker_name(&self) -> Option<&str> {
        match &self.details {
            Some(EventDetails::ActivityStarted(d)) => d.worker_name.as_deref(),
            _ => None,
        }
    }
}
