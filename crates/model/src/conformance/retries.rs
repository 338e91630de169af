//! The retries of a visit: which failure each retry followed and which retrier allowed it.

use super::Context;
use crate::analysis::StateVisit;
use crate::asl::State;

/// One retry: attempt `attempt` failed and attempt `attempt + 1` began.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retry {
    /// Index of the failed attempt in `StateVisit::attempts`.
    pub attempt: usize,
    /// The failure's error name, when it can be told.
    pub error: Option<String>,
    /// The first retrier matching the error (index in `Retry`).
    pub retrier: Option<usize>,
    /// How many retries that retrier had allowed so far, this one included (1-based).
    pub number: u32,
}

/// The retries of a visit in order, each matched to the first retrier handling its error.
pub fn retries(context: &Context<'_>, visit: &StateVisit, state: &State) -> Vec<Retry> {
    let mut counts = vec![0u32; state.retry.len()];
    (0..visit.attempts.len().saturating_sub(1))
        .map(|attempt| {
            let error = context.attempt_error(visit, attempt);
            let retrier =
                error.as_deref().and_then(|e| state.retry.iter().position(|r| r.matches(e)));
            let number = match retrier {
                Some(r) => {
                    counts[r] += 1;
                    counts[r]
                }
                None => 0,
            };
            Retry { attempt, error, retrier, number }
        })
        .collect()
}

/// How many retries each retrier allowed over the whole visit.
pub fn counts(state: &State, retries: &[Retry]) -> Vec<u32> {
    let mut counts = vec![0u32; state.retry.len()];
    for retry in retries {
        if let Some(r) = retry.retrier {
            counts[r] += 1;
        }
    }
    counts
}
