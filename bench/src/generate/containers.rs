//! Emits Map and Parallel states with the linkage AWS writes: sequential and concurrent
//! iterations, Parallel branches, and a Map whose failing iteration aborts the others and is
//! caught.

use super::states::{entered, exited, Gen, TaskKind, TaskPlan};
use super::track::{Prev, Track};
use serde_json::{json, Value};

/// Builds the events of one iteration or branch on a track; returns the iteration's output.
pub type Body<'a> = dyn FnMut(&mut Gen, &mut Track, usize) -> Value + 'a;

fn iteration(ty: &'static str, name: &str, index: usize) -> Option<(&'static str, Value)> {
    let key = match ty {
        "MapIterationStarted" => "mapIterationStartedEventDetails",
        "MapIterationSucceeded" => "mapIterationSucceededEventDetails",
        "MapIterationFailed" => "mapIterationFailedEventDetails",
        _ => "mapIterationAbortedEventDetails",
    };
    Some((key, json!({"name": name, "index": index})))
}

impl Gen {
    /// An inline Map whose iterations run one after another (MaxConcurrency 1): each
    /// `MapIterationStarted` after the first points at the last event inside the previous
    /// iteration, `MapStateSucceeded` and `MapStateExited` at the last `MapIterationSucceeded`.
    pub fn map_sequential(
        &mut self,
        tr: &mut Track,
        name: &'static str,
        input: &Value,
        count: usize,
        body: &mut Body<'_>,
    ) -> Value {
        let dt = self.tick();
        tr.chain(dt, "MapStateEntered", entered(name, input));
        let dt = self.tick();
        let started = tr.chain(dt, "MapStateStarted", map_length(count));
        let mut anchor = Prev::At(started);
        let mut last_succeeded = Prev::At(started);
        let mut outputs = Vec::with_capacity(count);
        for index in 0..count {
            let dt = self.tick();
            let it = tr.push(
                dt,
                "MapIterationStarted",
                anchor,
                iteration("MapIterationStarted", name, index),
            );
            tr.cursor = Prev::At(it);
            outputs.push(body(self, tr, index));
            anchor = tr.cursor;
            let dt = self.tick();
            let done = tr.push(
                dt,
                "MapIterationSucceeded",
                anchor,
                iteration("MapIterationSucceeded", name, index),
            );
            last_succeeded = Prev::At(done);
        }
        self.close_container(
            tr,
            name,
            "MapStateSucceeded",
            "MapStateExited",
            last_succeeded,
            outputs,
        )
    }

    /// An inline Map whose iterations all run at once: every `MapIterationStarted` points at
    /// `MapStateStarted`, the iterations' events interleave by time.
    pub fn map_concurrent(
        &mut self,
        tr: &mut Track,
        name: &'static str,
        input: &Value,
        count: usize,
        body: &mut Body<'_>,
    ) -> Value {
        let dt = self.tick();
        tr.chain(dt, "MapStateEntered", entered(name, input));
        let dt = self.tick();
        let started = tr.chain(dt, "MapStateStarted", map_length(count));
        let mut tracks = Vec::with_capacity(count);
        let mut outputs = Vec::with_capacity(count);
        let iterations = self.start_iterations(tr, name, started, count);
        for (index, it) in iterations.into_iter().enumerate() {
            let mut branch = Track::new(tr.now + self.rng.range(1, 30), Prev::Anchor);
            outputs.push(body(self, &mut branch, index));
            let dt = self.tick();
            branch.chain(
                dt,
                "MapIterationSucceeded",
                iteration("MapIterationSucceeded", name, index),
            );
            tracks.push((Prev::At(it), branch));
        }
        tr.merge(tracks);
        let last = tr.last();
        self.close_container(tr, name, "MapStateSucceeded", "MapStateExited", last, outputs)
    }

    /// A Parallel state: each branch's first event points at `ParallelStateStarted`, branches
    /// interleave by time, `ParallelStateSucceeded` and `ParallelStateExited` point at the last
    /// branch event.
    pub fn parallel(
        &mut self,
        tr: &mut Track,
        name: &'static str,
        input: &Value,
        branches: usize,
        body: &mut Body<'_>,
    ) -> Value {
        let dt = self.tick();
        tr.chain(dt, "ParallelStateEntered", entered(name, input));
        let dt = self.tick();
        let started = tr.chain(dt, "ParallelStateStarted", None);
        let mut tracks = Vec::with_capacity(branches);
        let mut outputs = Vec::with_capacity(branches);
        for index in 0..branches {
            let mut branch = Track::new(tr.now + self.rng.range(0, 5), Prev::Anchor);
            outputs.push(body(self, &mut branch, index));
            tracks.push((Prev::At(started), branch));
        }
        tr.merge(tracks);
        let last = tr.last();
        self.close_container(
            tr,
            name,
            "ParallelStateSucceeded",
            "ParallelStateExited",
            last,
            outputs,
        )
    }

    /// Emits every `MapIterationStarted` of a concurrent Map, pointing at `MapStateStarted`.
    fn start_iterations(
        &mut self,
        tr: &mut Track,
        name: &str,
        started: usize,
        count: usize,
    ) -> Vec<usize> {
        (0..count)
            .map(|index| {
                let dt = self.rng.range(0, 2);
                let details = iteration("MapIterationStarted", name, index);
                tr.push(dt, "MapIterationStarted", Prev::At(started), details)
            })
            .collect()
    }

    fn close_container(
        &mut self,
        tr: &mut Track,
        name: &'static str,
        succeeded: &'static str,
        exited_type: &'static str,
        last: Prev,
        outputs: Vec<Value>,
    ) -> Value {
        let dt = self.tick();
        tr.push(dt, succeeded, last, None);
        let output = Value::Array(outputs);
        let dt = self.tick();
        let exit = tr.push(dt, exited_type, last, exited(name, &output));
        tr.cursor = Prev::At(exit);
        output
    }

    /// A concurrent inline Map of single-Task iterations where iteration `failing` fails: the
    /// iterations still running are aborted (`MapIterationAborted`, then `TaskStateAborted` for
    /// a Task still open), every abort points at the failure, then `MapStateFailed` and a Catch
    /// (`MapStateExited` pointing at `MapStateFailed`). Returns the caught output.
    pub fn map_failing_caught(
        &mut self,
        tr: &mut Track,
        name: &'static str,
        task: &'static str,
        input: &Value,
        items: &[Value],
        failing: usize,
    ) -> Value {
        let dt = self.tick();
        tr.chain(dt, "MapStateEntered", entered(name, input));
        let dt = self.tick();
        let started = tr.chain(dt, "MapStateStarted", map_length(items.len()));
        let mut tracks = Vec::with_capacity(items.len());
        let iterations = self.start_iterations(tr, name, started, items.len());
        for ((index, item), it) in items.iter().enumerate().zip(iterations) {
            let mut branch = Track::new(tr.now + self.rng.range(1, 30), Prev::Anchor);
            let plan = TaskPlan { retries: 0, caught: index == failing };
            self.task(&mut branch, task, TaskKind::Lambda("charge-order"), item, plan);
            if index == failing {
                // Not caught inside the iteration: drop the TaskStateExited the plan produced.
                branch.evs.pop();
            } else {
                let dt = self.tick();
                branch.chain(
                    dt,
                    "MapIterationSucceeded",
                    iteration("MapIterationSucceeded", name, index),
                );
            }
            tracks.push((Prev::At(it), branch));
        }
        let failed_at = tracks[failing].1.evs.last().map_or(0, |e| e.t_ms);
        // What each other iteration had done when the failure happened.
        let mut running = Vec::new();
        for (index, (_, branch)) in tracks.iter_mut().enumerate() {
            if index == failing {
                continue;
            }
            branch.evs.retain(|e| e.t_ms < failed_at);
            let done = branch.evs.iter().any(|e| e.ty == "MapIterationSucceeded");
            let task_open = branch.evs.iter().any(|e| e.ty == "TaskStateEntered")
                && !branch.evs.iter().any(|e| e.ty == "TaskStateExited");
            if !done {
                running.push((index, task_open));
            }
        }
        let mapping = tr.merge(tracks);
        let failure = Prev::At(*mapping[failing].last().unwrap_or(&started));
        let dt = self.tick();
        tr.push(dt, "MapIterationFailed", failure, iteration("MapIterationFailed", name, failing));
        tr.push(0, "TaskStateAborted", failure, None);
        for (index, task_open) in running {
            let dt = self.rng.range(0, 1);
            tr.push(
                dt,
                "MapIterationAborted",
                failure,
                iteration("MapIterationAborted", name, index),
            );
            if task_open {
                tr.push(0, "TaskStateAborted", failure, None);
            }
        }
        let dt = self.tick();
        let failed = tr.push(dt, "MapStateFailed", failure, None);
        let output = crate::generate::payload::with(
            input,
            "error",
            json!({"Error": "OrderValidationError", "Cause": "An error occurred while executing an iteration of the Map state"}),
        );
        let dt = self.tick();
        let exit = tr.push(dt, "MapStateExited", Prev::At(failed), exited(name, &output));
        tr.cursor = Prev::At(exit);
        output
    }
}

fn map_length(count: usize) -> Option<(&'static str, Value)> {
    Some(("mapStateStartedEventDetails", json!({"length": count})))
}
