//! A call-rate budget shared by concurrent fetches: calls start at least `1/N` s apart.

use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::Duration;
use tokio::time::Instant;

/// The default budget of GetExecutionHistory calls per second: the refill rate of that API's
/// token bucket in AWS's Step Functions quotas, so that a bulk `record` alone never empties it.
pub const DEFAULT_CALLS_PER_SECOND: u32 = 20;

/// At most N calls per second, evenly spaced: a token bucket that holds one token and gains one
/// every `1/N` s. Each caller takes the next free start time and sleeps until it comes, so any
/// second holds at most N starts (N + 1 when both of its ends are counted). Shared by reference
/// between the concurrent fetches; a caller that is cancelled while it waits loses its turn.
#[derive(Debug)]
pub struct CallBudget {
    /// Time between two starts; `None` for no budget.
    interval: Option<Duration>,
    /// The earliest start time not yet taken.
    next: Mutex<Option<Instant>>,
}

impl CallBudget {
    /// At most `calls` calls per second.
    pub fn per_second(calls: NonZeroU32) -> CallBudget {
        let interval = Duration::from_secs(1) / calls.get();
        CallBudget { interval: Some(interval), next: Mutex::new(None) }
    }

    /// No limit: [`CallBudget::wait`] returns at once.
    pub fn unlimited() -> CallBudget {
        CallBudget { interval: None, next: Mutex::new(None) }
    }

    /// Waits for this caller's turn to make one call.
    pub async fn wait(&self) {
        let Some(interval) = self.interval else { return };
        let start = {
            // A poisoned lock only means another caller panicked; the time in it is still valid.
            let mut next = self.next.lock().unwrap_or_else(|e| e.into_inner());
            let now = Instant::now();
            let start = next.map_or(now, |n| n.max(now));
            *next = Some(start + interval);
            start
        };
        tokio::time::sleep_until(start).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    /// The start times of `calls` calls made by `tasks` concurrent tasks sharing `budget`.
    async fn starts(budget: Arc<CallBudget>, tasks: usize, calls: usize) -> Vec<Instant> {
        let started = Arc::new(Mutex::new(Vec::new()));
        let mut set = tokio::task::JoinSet::new();
        for task in 0..tasks {
            let (budget, started) = (budget.clone(), started.clone());
            set.spawn(async move {
                for _ in (task..calls).step_by(tasks) {
                    budget.wait().await;
                    started.lock().expect("lock").push(Instant::now());
                }
            });
        }
        while set.join_next().await.is_some() {}
        let mut starts = started.lock().expect("lock").clone();
        starts.sort();
        starts
    }

    #[tokio::test(start_paused = true)]
    async fn concurrent_callers_are_spaced_by_the_interval() {
        let budget = Arc::new(CallBudget::per_second(NonZeroU32::new(5).expect("non-zero")));
        let begin = Instant::now();
        let starts = starts(budget, 4, 15).await;
        assert_eq!(starts.len(), 15);
        // 5 per second: starts at 0, 200 ms, 400 ms, … 2800 ms, whichever task makes them.
        let offsets: Vec<u128> = starts.iter().map(|s| (*s - begin).as_millis()).collect();
        assert_eq!(offsets, (0..15).map(|i| i * 200).collect::<Vec<u128>>());
    }

    #[tokio::test(start_paused = true)]
    async fn an_idle_budget_does_not_save_up_a_burst() {
        let budget = CallBudget::per_second(NonZeroU32::new(2).expect("non-zero"));
        budget.wait().await;
        tokio::time::sleep(Duration::from_secs(10)).await;
        let begin = Instant::now();
        budget.wait().await;
        budget.wait().await;
        assert_eq!(begin.elapsed(), Duration::from_millis(500));
    }

    #[tokio::test(start_paused = true)]
    async fn unlimited_never_waits() {
        let budget = CallBudget::unlimited();
        let begin = Instant::now();
        for _ in 0..100 {
            budget.wait().await;
        }
        assert_eq!(begin.elapsed(), Duration::ZERO);
    }
}
