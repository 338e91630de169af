//! Which edge of the definition a transition between two consecutive visits took.

use super::{Context, VisitEnd};
use crate::analysis::StateVisit;
use crate::asl::{Edge, EdgeKind, State};

/// The verdict on one transition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// An edge of the definition; when a Choice rule and `Default` name the same target, the
    /// first in definition order is credited.
    Edge(Edge),
    /// Not an edge; the reason, for a message.
    NotAnEdge(String),
    /// The definition's state is unknown, so nothing can be said.
    Unknown,
}

/// Classifies the transition from visit `from` to the state named `to` in the same scope.
pub fn classify(context: &Context<'_>, from: &StateVisit, to: &str) -> Step {
    let Some(state) = context.state(from) else { return Step::Unknown };
    match context.visit_end(from) {
        VisitEnd::Failed(error) => after_failure(state, error.as_deref(), to),
        _ => after_exit(state, to),
    }
}

fn after_exit(state: &State, to: &str) -> Step {
    let edges = state.edges();
    if let Some(edge) = edges.iter().find(|e| e.kind != EdgeKind::Catch && e.target == to) {
        return Step::Edge(edge.clone());
    }
    if let Some(edge) = edges.iter().find(|e| e.target == to) {
        return Step::NotAnEdge(format!(
            "{} leads to {to:?} but the state did not fail",
            edge.path
        ));
    }
    Step::NotAnEdge(format!("{} has no transition to {to:?}", state.path))
}

fn after_failure(state: &State, error: Option<&str>, to: &str) -> Step {
    let edges = state.edges();
    let catch_edge =
        |index: usize| edges.iter().find(|e| e.kind == EdgeKind::Catch && e.index == Some(index));
    match error {
        Some(error) => match state.catch.iter().position(|c| c.matches(error)) {
            Some(index) if state.catch[index].next.as_deref() == Some(to) => {
                catch_edge(index).map_or(Step::Unknown, |e| Step::Edge(e.clone()))
            }
            Some(index) => Step::NotAnEdge(format!(
                "the state failed with {error}, which {} catches first, leading to {:?}",
                state.catch[index].path,
                state.catch[index].next.as_deref().unwrap_or_default()
            )),
            None => Step::NotAnEdge(format!(
                "the state failed with {error}, which no catcher of {} handles{}",
                state.path,
                normal_hint(state, to)
            )),
        },
        // The error name is unknown: any catcher's target is accepted.
        None => match edges.iter().find(|e| e.kind == EdgeKind::Catch && e.target == to) {
            Some(edge) => Step::Edge(edge.clone()),
            None => Step::NotAnEdge(format!(
                "the state failed and no catcher of {} leads to {to:?}{}",
                state.path,
                normal_hint(state, to)
            )),
        },
    }
}

/// ` (States.A.Next leads there only after success)` when a non-catch edge names the target.
fn normal_hint(state: &State, to: &str) -> String {
    match state.edges().into_iter().find(|e| e.kind != EdgeKind::Catch && e.target == to) {
        Some(edge) => format!(" ({} leads there only after success)", edge.path),
        None => String::new(),
    }
}
