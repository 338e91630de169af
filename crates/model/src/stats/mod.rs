//! Statistics across runs: per-state and per-execution percentiles, failure and retry rates,
//! and warnings for executions heading for the 25,000-event history limit.
//!
//! Each execution is first reduced to an [`ExecutionSample`] (from its history, analysis and
//! timing report: durations come from [`crate::timing`], never recomputed here); samples are
//! small, serializable and can be cached. [`Stats::new`] aggregates any number of them.

mod aggregate;
mod percentile;
mod projection;
mod sample;

pub use aggregate::{
    Distribution, ErrorCount, ExecutionStats, LimitDriver, LimitWarning, StateStats, Stats,
    WarningKind, TOP_ERRORS,
};
pub use percentile::percentile;
pub use projection::{LoopKind, LoopSample, EVENT_LIMIT, WARN_AT};
pub use sample::{scope_shape, ExecutionSample, StateSample, VisitSample, UNNAMED};

#[cfg(test)]
mod tests;

/// The version of the [`ExecutionSample`] format and meaning: bump it whenever what
/// [`ExecutionSample::new`] computes changes, so that cached samples of another version are
/// recomputed.
pub const SAMPLE_VERSION: i64 = 1;
