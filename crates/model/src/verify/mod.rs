//! CI verification of executions: expectations from TOML, the facts they are checked against,
//! and their evaluation into pass/fail results.

pub mod diff;
pub mod duration;
pub mod evaluate;
pub mod expectations;
pub mod facts;
pub mod json_match;
pub mod profile;
pub mod regression;
pub mod result;
mod state_checks;

pub use diff::{diff, RunDiff, StateChange, StateDiff};
pub use evaluate::evaluate;
pub use expectations::{Expectations, ExpectationsError, StateExpectations};
pub use facts::{RunFacts, VisitFacts};
pub use profile::{RunProfile, StateProfile};
pub use regression::{regression, Regression, RegressionRow, Threshold};
pub use result::{CheckResult, CheckStatus};
