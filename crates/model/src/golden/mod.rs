//! Golden histories: a normalized form of an execution that ignores what legitimately varies
//! between runs (ARNs, names, timestamps, tokens, the interleaving of Parallel branches and Map
//! iterations) so that two runs of the same workflow compare equal, and a readable diff when
//! they do not.

pub mod compare;
pub mod normalize;
pub mod redact;

pub use compare::{compare, Mismatch};
pub use normalize::{normalize, Golden, GoldenOptions, FORMAT};
pub use redact::Redactor;
