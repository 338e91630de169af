//! The history event types of the GetExecutionHistory API and the details field each one carries.

use std::fmt;

macro_rules! event_types {
    ($($variant:ident => $details:expr),* $(,)?) => {
        /// The `type` of a history event: every value of the API's `HistoryEventType`, plus
        /// [`EventType::Unknown`] for a type this version does not know (kept, never rejected).
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum EventType {
            $(
                #[doc = concat!("`", stringify!($variant), "`")]
                $variant,
            )*
            /// A type this version does not know; the string is the type as written.
            Unknown(String),
        }

        impl EventType {
            /// Every known event type, in the API's order.
            pub const ALL: &'static [EventType] = &[$(EventType::$variant),*];

            /// Reads a type name; an unknown name becomes [`EventType::Unknown`].
            pub fn parse(name: &str) -> EventType {
                match name {
                    $(stringify!($variant) => EventType::$variant,)*
                    other => EventType::Unknown(other.to_owned()),
                }
            }

            /// The type name as the API writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    $(EventType::$variant => stringify!($variant),)*
                    EventType::Unknown(name) => name,
                }
            }

            /// The JSON field that holds this type's details, if the type has any.
            pub fn details_key(&self) -> Option<&'static str> {
                match self {
                    $(EventType::$variant => $details,)*
                    EventType::Unknown(_) => None,
                }
            }
        }
    };
}

event_types! {
    ActivityFailed => Some("activityFailedEventDetails"),
    ActivityScheduleFailed => Some("activityScheduleFailedEventDetails"),
    ActivityScheduled => Some("activityScheduledEventDetails"),
    ActivityStarted => Some("activityStartedEventDetails"),
    ActivitySucceeded => Some("activitySucceededEventDetails"),
    ActivityTimedOut => Some("activityTimedOutEventDetails"),
    ChoiceStateEntered => Some("stateEnteredEventDetails"),
    ChoiceStateExited => Some("stateExitedEventDetails"),
    ExecutionAborted => Some("executionAbortedEventDetails"),
    ExecutionFailed => Some("executionFailedEventDetails"),
    ExecutionStarted => Some("executionStartedEventDetails"),
    ExecutionSucceeded => Some("executionSucceededEventDetails"),
    ExecutionTimedOut => Some("executionTimedOutEventDetails"),
    ExecutionRedriven => Some("executionRedrivenEventDetails"),
    FailStateEntered => Some("stateEnteredEventDetails"),
    LambdaFunctionFailed => Some("lambdaFunctionFailedEventDetails"),
    LambdaFunctionScheduleFailed => Some("lambdaFunctionScheduleFailedEventDetails"),
    LambdaFunctionScheduled => Some("lambdaFunctionScheduledEventDetails"),
    LambdaFunctionStartFailed => Some("lambdaFunctionStartFailedEventDetails"),
    LambdaFunctionStarted => None,
    LambdaFunctionSucceeded => Some("lambdaFunctionSucceededEventDetails"),
    LambdaFunctionTimedOut => Some("lambdaFunctionTimedOutEventDetails"),
    MapIterationAborted => Some("mapIterationAbortedEventDetails"),
    MapIterationFailed => Some("mapIterationFailedEventDetails"),
    MapIterationStarted => Some("mapIterationStartedEventDetails"),
    MapIterationSucceeded => Some("mapIterationSucceededEventDetails"),
    MapStateAborted => None,
    MapStateEntered => Some("stateEnteredEventDetails"),
    MapStateExited => Some("stateExitedEventDetails"),
    MapStateFailed => None,
    MapStateStarted => Some("mapStateStartedEventDetails"),
    MapStateSucceeded => None,
    MapRunAborted => None,
    MapRunFailed => Some("mapRunFailedEventDetails"),
    MapRunRedriven => Some("mapRunRedrivenEventDetails"),
    MapRunStarted => Some("mapRunStartedEventDetails"),
    MapRunSucceeded => None,
    ParallelStateAborted => None,
    ParallelStateEntered => Some("stateEnteredEventDetails"),
    ParallelStateExited => Some("stateExitedEventDetails"),
    ParallelStateFailed => None,
    ParallelStateStarted => None,
    ParallelStateSucceeded => None,
    PassStateEntered => Some("stateEnteredEventDetails"),
    PassStateExited => Some("stateExitedEventDetails"),
    SucceedStateEntered => Some("stateEnteredEventDetails"),
    SucceedStateExited => Some("stateExitedEventDetails"),
    TaskFailed => Some("taskFailedEventDetails"),
    TaskScheduled => Some("taskScheduledEventDetails"),
    TaskStartFailed => Some("taskStartFailedEventDetails"),
    TaskStarted => Some("taskStartedEventDetails"),
    TaskStateAborted => None,
    TaskStateEntered => Some("stateEnteredEventDetails"),
    TaskStateExited => Some("stateExitedEventDetails"),
    TaskSubmitFailed => Some("taskSubmitFailedEventDetails"),
    TaskSubmitted => Some("taskSubmittedEventDetails"),
    TaskSucceeded => Some("taskSucceededEventDetails"),
    TaskTimedOut => Some("taskTimedOutEventDetails"),
    WaitStateAborted => None,
    WaitStateEntered => Some("stateEnteredEventDetails"),
    WaitStateExited => Some("stateExitedEventDetails"),
    EvaluationFailed => Some("evaluationFailedEventDetails"),
}

/// The kind of state a `*StateEntered` / `*StateExited` / `*StateAborted` event belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum StateType {
    /// A Task state (activity, Lambda or service integration).
    Task,
    /// A Pass state.
    Pass,
    /// A Choice state.
    Choice,
    /// A Wait state.
    Wait,
    /// A Succeed state.
    Succeed,
    /// A Fail state.
    Fail,
    /// A Parallel state.
    Parallel,
    /// A Map state (inline or distributed).
    Map,
}

impl StateType {
    /// The name as ASL writes it (`Task`, `Pass`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            StateType::Task => "Task",
            StateType::Pass => "Pass",
            StateType::Choice => "Choice",
            StateType::Wait => "Wait",
            StateType::Succeed => "Succeed",
            StateType::Fail => "Fail",
            StateType::Parallel => "Parallel",
            StateType::Map => "Map",
        }
    }
}

impl fmt::Display for StateType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a task-like event sits in the lifecycle of one attempt of a Task state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TaskPhase {
    /// The attempt was scheduled (Activity/Task/LambdaFunction `Scheduled`).
    Scheduled,
    /// A worker or service picked it up (`Started`).
    Started,
    /// A callback or `.sync` task was submitted (`TaskSubmitted`).
    Submitted,
    /// The attempt succeeded.
    Succeeded,
    /// The attempt failed (`Failed`, `ScheduleFailed`, `StartFailed`, `SubmitFailed`).
    Failed,
    /// The attempt timed out.
    TimedOut,
}

/// The family of a task-like event: activity, Lambda (legacy resource) or service integration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TaskFamily {
    /// `Activity*` events.
    Activity,
    /// `LambdaFunction*` events.
    Lambda,
    /// `Task*` events of service integrations.
    Service,
}

impl EventType {
    /// The state type of a `*StateEntered`, `*StateExited` or `*StateAborted` event.
    pub fn state_type(&self) -> Option<StateType> {
        use EventType::*;
        Some(match self {
            TaskStateEntered | TaskStateExited | TaskStateAborted => StateType::Task,
            PassStateEntered | PassStateExited => StateType::Pass,
            ChoiceStateEntered | ChoiceStateExited => StateType::Choice,
            WaitStateEntered | WaitStateExited | WaitStateAborted => StateType::Wait,
            SucceedStateEntered | SucceedStateExited => StateType::Succeed,
            FailStateEntered => StateType::Fail,
            ParallelStateEntered | ParallelStateExited | ParallelStateAborted => {
                StateType::Parallel
            }
            MapStateEntered | MapStateExited | MapStateAborted => StateType::Map,
            _ => return None,
        })
    }

    /// True for `*StateEntered` events.
    pub fn is_state_entered(&self) -> bool {
        use EventType::*;
        matches!(
            self,
            TaskStateEntered
                | PassStateEntered
                | ChoiceStateEntered
                | WaitStateEntered
                | SucceedStateEntered
                | FailStateEntered
                | ParallelStateEntered
                | MapStateEntered
        )
    }

    /// True for `*StateExited` events.
    pub fn is_state_exited(&self) -> bool {
        use EventType::*;
        matches!(
            self,
            TaskStateExited
                | PassStateExited
                | ChoiceStateExited
                | WaitStateExited
                | SucceedStateExited
                | ParallelStateExited
                | MapStateExited
        )
    }

    /// True for the `*StateAborted` events that close a visit without an exit.
    pub fn is_state_aborted(&self) -> bool {
        matches!(
            self,
            EventType::TaskStateAborted
                | EventType::WaitStateAborted
                | EventType::MapStateAborted
                | EventType::ParallelStateAborted
        )
    }

    /// True for the events that end an execution (or an attempt of it, before a redrive).
    pub fn is_execution_terminal(&self) -> bool {
        matches!(
            self,
            EventType::ExecutionSucceeded
                | EventType::ExecutionFailed
                | EventType::ExecutionTimedOut
                | EventType::ExecutionAborted
        )
    }

    /// The family and phase of a task-like event (Activity*, LambdaFunction*, Task* but not
    /// TaskState*).
    pub fn task_phase(&self) -> Option<(TaskFamily, TaskPhase)> {
        use EventType::*;
        use TaskFamily::*;
        use TaskPhase::*;
        Some(match self {
            ActivityScheduled => (Activity, Scheduled),
            ActivityStarted => (Activity, Started),
            ActivitySucceeded => (Activity, Succeeded),
            ActivityFailed | ActivityScheduleFailed => (Activity, Failed),
            ActivityTimedOut => (Activity, TimedOut),
            LambdaFunctionScheduled => (Lambda, Scheduled),
            LambdaFunctionStarted => (Lambda, Started),
            LambdaFunctionSucceeded => (Lambda, Succeeded),
            LambdaFunctionFailed | LambdaFunctionScheduleFailed | LambdaFunctionStartFailed => {
                (Lambda, Failed)
            }
            LambdaFunctionTimedOut => (Lambda, TimedOut),
            TaskScheduled => (Service, Scheduled),
            TaskStarted => (Service, Started),
            TaskSubmitted => (Service, Submitted),
            TaskSucceeded => (Service, Succeeded),
            TaskFailed | TaskStartFailed | TaskSubmitFailed => (Service, Failed),
            TaskTimedOut => (Service, TimedOut),
            _ => return None,
        })
    }

    /// True for events that belong to a Parallel or Map state itself rather than to one of its
    /// branches or iterations (`ParallelStateStarted`, `MapIterationStarted`, `MapRunFailed`, …).
    pub fn container(&self) -> Option<StateType> {
        use EventType::*;
        match self {
            ParallelStateStarted
            | ParallelStateSucceeded
            | ParallelStateFailed
            | ParallelStateAborted
            | ParallelStateExited => Some(StateType::Parallel),
            MapStateStarted
            | MapStateSucceeded
            | MapStateFailed
            | MapStateAborted
            | MapStateExited
            | MapIterationStarted
            | MapIterationSucceeded
            | MapIterationFailed
            | MapIterationAborted
            | MapRunStarted
            | MapRunSucceeded
            | MapRunFailed
            | MapRunAborted
            | MapRunRedriven => Some(StateType::Map),
            _ => None,
        }
    }
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_api_type_is_known_and_round_trips() {
        assert_eq!(EventType::ALL.len(), 62);
        for event_type in EventType::ALL {
            assert_eq!(&EventType::parse(event_type.as_str()), event_type);
        }
        assert_eq!(EventType::parse("Brand"), EventType::Unknown("Brand".into()));
        // Unknown types are never taken for state events, whatever their name looks like.
        let lookalike = EventType::parse("FancyStateExited");
        assert!(!lookalike.is_state_exited() && lookalike.state_type().is_none());
        assert!(!EventType::parse("FancyStateEntered").is_state_entered());
    }
}
