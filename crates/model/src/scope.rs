//! Scopes: the top level, a Parallel branch or a Map iteration, nested to any depth.

use serde::Serialize;
use std::fmt;

/// Identifies a scope inside one [`ScopeTree`]. `ScopeId::TOP` is the top level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct ScopeId(pub usize);

impl ScopeId {
    /// The execution's top level.
    pub const TOP: ScopeId = ScopeId(0);
}

/// One step down from a scope into a Parallel branch or a Map iteration.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ScopeStep {
    /// A branch of a Parallel state, numbered from 0 in the order its first event appeared.
    Branch {
        /// The Parallel state's name.
        state: String,
        /// The `ParallelStateStarted` event that opened the branch (one per attempt).
        started_event_id: i64,
        /// The branch number within that attempt.
        index: usize,
    },
    /// An iteration of a Map state.
    Iteration {
        /// The Map state's name.
        state: String,
        /// The `MapIterationStarted` event that opened the iteration.
        started_event_id: i64,
        /// The item index from the event.
        index: i64,
    },
}

impl fmt::Display for ScopeStep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScopeStep::Branch { state, index, .. } => write!(f, "{state}[branch {index}]"),
            ScopeStep::Iteration { state, index, .. } => write!(f, "{state}[{index}]"),
        }
    }
}

#[derive(Debug, Clone)]
struct ScopeNode {
    parent: Option<ScopeId>,
    step: Option<ScopeStep>,
    /// The readable path, made once when the scope is added.
    label: String,
}

/// Every scope of one execution, as a tree under the top level.
#[derive(Debug, Clone)]
pub struct ScopeTree {
    nodes: Vec<ScopeNode>,
}

impl Default for ScopeTree {
    fn default() -> Self {
        ScopeTree { nodes: vec![ScopeNode { parent: None, step: None, label: "top".to_owned() }] }
    }
}

impl ScopeTree {
    /// Adds a child scope and returns its id.
    pub fn push(&mut self, parent: ScopeId, step: ScopeStep) -> ScopeId {
        let label = match self.nodes.get(parent.0) {
            Some(node) if parent != ScopeId::TOP => format!("{}/{step}", node.label),
            _ => step.to_string(),
        };
        self.nodes.push(ScopeNode { parent: Some(parent), step: Some(step), label });
        ScopeId(self.nodes.len() - 1)
    }

    /// The scope a scope sits in (`None` for the top level).
    pub fn parent(&self, scope: ScopeId) -> Option<ScopeId> {
        self.nodes[scope.0].parent
    }

    /// The step that leads into a scope (`None` for the top level).
    pub fn step(&self, scope: ScopeId) -> Option<&ScopeStep> {
        self.nodes[scope.0].step.as_ref()
    }

    /// How many scopes there are, the top level included.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Always false: the top level exists.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// Nesting depth (0 for the top level).
    pub fn depth(&self, scope: ScopeId) -> usize {
        self.ancestors(scope).count() - 1
    }

    /// The scope and every scope above it, innermost first, ending with the top level.
    pub fn ancestors(&self, scope: ScopeId) -> impl Iterator<Item = ScopeId> + '_ {
        std::iter::successors(Some(scope), move |s| self.parent(*s))
    }

    /// True when `inner` is `outer` or nested inside it.
    pub fn is_within(&self, inner: ScopeId, outer: ScopeId) -> bool {
        self.ancestors(inner).any(|s| s == outer)
    }

    /// The steps from the top level down to a scope.
    pub fn path(&self, scope: ScopeId) -> Vec<&ScopeStep> {
        let mut steps: Vec<&ScopeStep> =
            self.ancestors(scope).filter_map(|s| self.step(s)).collect();
        steps.reverse();
        steps
    }

    /// A readable path: `top`, or `Par[branch 1]/Loop[3]`.
    pub fn label(&self, scope: ScopeId) -> String {
        self.label_str(scope).to_owned()
    }

    /// [`ScopeTree::label`] without a copy.
    pub fn label_str(&self, scope: ScopeId) -> &str {
        &self.nodes[scope.0].label
    }
}
