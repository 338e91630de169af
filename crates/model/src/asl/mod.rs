//! The Amazon States Language: a typed model of state machine definitions and its parser.
//!
//! A [`Definition`] holds the top-level [`Machine`]; Parallel branches and Map item processors
//! are machines of their own (scopes). Every state and rule keeps the JSON path it was read from
//! (`States.Par.Branches[0].States.A`), which findings put at the start of their message.

mod edges;
mod error;
mod parse;
mod retry;
mod state;

pub use edges::{Edge, EdgeKind};
pub use error::DefinitionError;
pub use retry::{error_matches, Catcher, Retrier};
pub use state::{ChoiceRule, Machine, MapMode, State, StateKind};

use serde_json::Value;

/// A parsed state machine definition.
#[derive(Debug, Clone, PartialEq)]
pub struct Definition {
    /// The top-level machine.
    pub machine: Machine,
    /// The definition's `Version`, if any.
    pub version: Option<String>,
    /// `TimeoutSeconds` of the whole execution, if a number.
    pub timeout_seconds: Option<u64>,
}

impl Definition {
    /// Parses ASL JSON. Unknown fields are kept; a field of the wrong type is an error naming
    /// its path inside the definition.
    pub fn parse(json: &[u8]) -> Result<Definition, DefinitionError> {
        let value: Value = serde_json::from_slice(json).map_err(DefinitionError::Json)?;
        parse::definition(&value)
    }

    /// Every machine (scope) in the definition, the top level first, then depth first.
    pub fn machines(&self) -> Vec<&Machine> {
        let mut out = Vec::new();
        collect(&self.machine, &mut out);
        out
    }

    /// Every state of every scope with the machine it belongs to.
    pub fn all_states(&self) -> Vec<(&Machine, &State)> {
        self.machines().into_iter().flat_map(|m| m.states.iter().map(move |s| (m, s))).collect()
    }
}

fn collect<'a>(machine: &'a Machine, out: &mut Vec<&'a Machine>) {
    out.push(machine);
    for state in &machine.states {
        for child in state.children() {
            collect(child, out);
        }
    }
}

#[cfg(test)]
mod tests;
