//! Why a definition could not be read.

use thiserror::Error;

/// A definition that is not JSON, or whose JSON does not have the shape of ASL.
#[derive(Debug, Error)]
pub enum DefinitionError {
    /// Not JSON at all.
    #[error("not valid JSON: {0}")]
    Json(#[source] serde_json::Error),
    /// A field of the wrong type or a missing required field; `path` is inside the definition.
    #[error("{path}: {message}")]
    Shape {
        /// Where, e.g. `States.getGreeting.Next`.
        path: String,
        /// What, e.g. `expected a string, found 3`.
        message: String,
    },
}

impl DefinitionError {
    pub(crate) fn shape(path: &str, message: impl Into<String>) -> Self {
        let path = if path.is_empty() { "definition".to_owned() } else { path.to_owned() };
        DefinitionError::Shape { path, message: message.into() }
    }
}
