//! States and machines (scopes) of a definition.

use super::retry::{Catcher, Retrier};
use serde_json::{Map, Value};

/// A list of states with a start: the top level, a Parallel branch or a Map item processor.
#[derive(Debug, Clone, PartialEq)]
pub struct Machine {
    /// JSON path of the machine object (`""` for the top level,
    /// `States.Par.Branches[0]`, `States.Loop.ItemProcessor`).
    pub path: String,
    /// `StartAt`, if present.
    pub start_at: Option<String>,
    /// The states in definition order.
    pub states: Vec<State>,
    /// `Comment`.
    pub comment: Option<String>,
    /// `QueryLanguage` (`JSONPath` or `JSONata`).
    pub query_language: Option<String>,
    /// Fields this model does not know, kept as read.
    pub extra: Map<String, Value>,
}

impl Machine {
    /// The state of that name in this scope.
    pub fn state(&self, name: &str) -> Option<&State> {
        self.states.iter().find(|s| s.name == name)
    }

    /// The JSON path of a field of this machine (`StartAt`, `States`).
    pub fn field_path(&self, field: &str) -> String {
        join(&self.path, field)
    }

    /// A readable name of the scope: `the top level` or its path.
    pub fn label(&self) -> &str {
        if self.path.is_empty() {
            "the top level"
        } else {
            &self.path
        }
    }
}

/// One state.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The state's name (its key under `States`).
    pub name: String,
    /// JSON path of the state object, e.g. `States.A`.
    pub path: String,
    /// What kind of state, with the fields of that kind.
    pub kind: StateKind,
    /// `Next`.
    pub next: Option<String>,
    /// `End` (false when absent).
    pub end: bool,
    /// `Retry`, in order.
    pub retry: Vec<Retrier>,
    /// `Catch`, in order.
    pub catch: Vec<Catcher>,
    /// `TimeoutSeconds` when a number (a JSONata string stays in `extra`).
    pub timeout_seconds: Option<u64>,
    /// `HeartbeatSeconds` when a number.
    pub heartbeat_seconds: Option<u64>,
    /// `QueryLanguage`.
    pub query_language: Option<String>,
    /// `Comment`.
    pub comment: Option<String>,
    /// Fields this model does not interpret (`Parameters`, `ResultPath`, …), kept as read.
    pub extra: Map<String, Value>,
}

impl State {
    /// The JSON path of a field of this state, e.g. `States.A.Next`.
    pub fn field_path(&self, field: &str) -> String {
        join(&self.path, field)
    }

    /// True for states that may end their scope: `End: true`, Succeed and Fail.
    pub fn is_terminal(&self) -> bool {
        self.end || matches!(self.kind, StateKind::Succeed | StateKind::Fail { .. })
    }

    /// The nested machines: Parallel branches or the Map item processor.
    pub fn children(&self) -> Vec<&Machine> {
        match &self.kind {
            StateKind::Parallel { branches } => branches.iter().collect(),
            StateKind::Map { processor: Some(p), .. } => vec![p],
            _ => vec![],
        }
    }

    /// The type as AWS spells it (`Task`, `Choice`, …).
    pub fn type_name(&self) -> &str {
        match &self.kind {
            StateKind::Task { .. } => "Task",
            StateKind::Pass => "Pass",
            StateKind::Choice { .. } => "Choice",
            StateKind::Wait => "Wait",
            StateKind::Succeed => "Succeed",
            StateKind::Fail { .. } => "Fail",
            StateKind::Parallel { .. } => "Parallel",
            StateKind::Map { .. } => "Map",
        }
    }
}

/// The kind of a state and the fields that only that kind has.
#[derive(Debug, Clone, PartialEq)]
pub enum StateKind {
    /// `Task`.
    Task {
        /// `Resource`, if present.
        resource: Option<String>,
    },
    /// `Pass`.
    Pass,
    /// `Choice`.
    Choice {
        /// `Choices`, in order (empty when absent).
        choices: Vec<ChoiceRule>,
        /// `Default`.
        default: Option<String>,
    },
    /// `Wait`.
    Wait,
    /// `Succeed`.
    Succeed,
    /// `Fail`.
    Fail {
        /// `Error`, when a literal string.
        error: Option<String>,
        /// `Cause`, when a literal string.
        cause: Option<String>,
    },
    /// `Parallel`.
    Parallel {
        /// `Branches`, in order.
        branches: Vec<Machine>,
    },
    /// `Map`.
    Map {
        /// `ItemProcessor` or the older `Iterator`.
        processor: Option<Machine>,
        /// `ItemProcessor.ProcessorConfig.Mode`.
        mode: MapMode,
    },
}

/// How a Map state runs its iterations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MapMode {
    /// Iterations run inside the execution (the default; also every `Iterator`).
    Inline,
    /// Iterations run as child executions of a Map Run.
    Distributed,
}

/// One rule of `Choices`: its target and the rule itself as JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct ChoiceRule {
    /// JSON path, e.g. `States.Route.Choices[0]`.
    pub path: String,
    /// `Next`.
    pub next: Option<String>,
    /// The rule object (comparison, `And`/`Or`/`Not`, or JSONata `Condition`), as read.
    pub rule: Value,
}

pub(crate) fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_owned()
    } else {
        format!("{path}.{field}")
    }
}
