//! The transitions a state may take: `Next`, Choice targets, `Default` and `Catch`.

use super::state::{State, StateKind};
use serde::Serialize;

/// How a transition is written in the definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EdgeKind {
    /// `Next` of a non-Choice state.
    Next,
    /// `Choices[i].Next` of a Choice state.
    Choice,
    /// `Default` of a Choice state.
    Default,
    /// `Catch[i].Next`, taken after a matching failure.
    Catch,
}

impl EdgeKind {
    /// The lowercase name (`next`, `choice`, `default`, `catch`).
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::Next => "next",
            EdgeKind::Choice => "choice",
            EdgeKind::Default => "default",
            EdgeKind::Catch => "catch",
        }
    }
}

/// One transition written in a state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    /// The kind of transition.
    pub kind: EdgeKind,
    /// The target state's name.
    pub target: String,
    /// JSON path of the field naming the target (`States.A.Catch[1].Next`).
    pub path: String,
    /// For Choice and Catch edges, the index in `Choices` / `Catch`.
    pub index: Option<usize>,
}

impl State {
    /// Every transition written in the state, in definition order: `Next`, then `Choices`,
    /// `Default`, then `Catch`. Fields that are absent give no edge.
    pub fn edges(&self) -> Vec<Edge> {
        let mut edges = Vec::new();
        let mut push = |kind, target: Option<&String>, path: String, index| {
            if let Some(target) = target {
                edges.push(Edge { kind, target: target.clone(), path, index });
            }
        };
        push(EdgeKind::Next, self.next.as_ref(), self.field_path("Next"), None);
        if let StateKind::Choice { choices, default } = &self.kind {
            for (i, rule) in choices.iter().enumerate() {
                push(EdgeKind::Choice, rule.next.as_ref(), format!("{}.Next", rule.path), Some(i));
            }
            push(EdgeKind::Default, default.as_ref(), self.field_path("Default"), None);
        }
        for (i, catcher) in self.catch.iter().enumerate() {
            push(EdgeKind::Catch, catcher.next.as_ref(), format!("{}.Next", catcher.path), Some(i));
        }
        edges
    }
}
