//! The generated execution: an order-processing loop whose rounds fetch a batch (with
//! retries), run a Map over its orders (sequential, concurrent, or failing and caught), enrich
//! the batch in a three-branch Parallel (an activity and two Lambda tasks), publish it (a
//! failure sometimes caught), wait and loop; rounds are added until the target size is near.

use super::payload::{self, ACCOUNT};
use super::rng::Rng;
use super::states::{entered, exited, Gen, TaskKind, TaskPlan};
use super::track::{Prev, Track};
use serde_json::{json, Value};

/// Events a round needs besides its Map iterations (retries included, with margin).
const ROUND_OVERHEAD: usize = 60;
/// Events one Map iteration needs (with margin for retries).
const PER_ITERATION: usize = 10;
/// Events after the last round: `Done` entered/exited and `ExecutionSucceeded`.
const TAIL: usize = 3;

/// Builds the events of one execution of about `target` events (at least 6).
pub fn build(target: usize, seed: u64) -> Track {
    let mut g = Gen { rng: Rng::new(seed), next_order: 1 };
    let mut tr = Track::new(0, Prev::Zero);
    let input = json!({
        "queue": format!("https://sqs.eu-west-1.amazonaws.com/{ACCOUNT}/orders-inbox"),
        "requestedBy": "nightly-orders-scheduler",
        "maxBatchSize": 60,
        "runDate": "2026-03-02",
    });
    let started = json!({
        "input": input.to_string(),
        "inputDetails": {"truncated": false},
        "roleArn": format!("arn:aws:iam::{ACCOUNT}:role/service-role/StepFunctions-orders-role"),
    });
    tr.push(0, "ExecutionStarted", Prev::Zero, Some(("executionStartedEventDetails", started)));
    // Nothing points at ExecutionStarted: the first state's entered event has previousEventId 0.
    tr.cursor = Prev::Zero;
    let mut state = g.pass(&mut tr, "Init", &input);
    let mut round = 0;
    while let Some(room) = target.checked_sub(tr.evs.len() + TAIL + ROUND_OVERHEAD) {
        if room < PER_ITERATION {
            break;
        }
        let iterations = (g.rng.range(10, 60) as usize).min(room / PER_ITERATION);
        state = run_round(&mut g, &mut tr, round, iterations, &state);
        round += 1;
    }
    while tr.evs.len() + TAIL + 2 <= target {
        state = g.pass(&mut tr, "Checkpoint", &state);
    }
    let dt = g.tick();
    tr.chain(dt, "SucceedStateEntered", entered("Done", &state));
    let dt = g.tick();
    tr.chain(dt, "SucceedStateExited", exited("Done", &state));
    let output = json!({"status": "DONE", "batches": round, "summary": state});
    let details = json!({"output": output.to_string(), "outputDetails": {"truncated": false}});
    let dt = g.tick();
    tr.chain(dt, "ExecutionSucceeded", Some(("executionSucceededEventDetails", details)));
    tr
}

fn run_round(g: &mut Gen, tr: &mut Track, round: u64, iterations: usize, input: &Value) -> Value {
    let first_order = g.next_order;
    g.next_order += iterations as u64;
    // FetchBatch: sometimes throttled and retried.
    let retries = if g.rng.chance(15) { g.rng.range(1, 2) as u32 } else { 0 };
    let plan = TaskPlan { retries, caught: false };
    let request = json!({"round": round, "after": format!("ORD-2026-{first_order:06}")});
    let request = payload::with(input, "fetch", request);
    g.task(tr, "FetchBatch", TaskKind::Lambda("fetch-batch"), &request, plan);
    let batch = payload::batch(round, first_order, iterations as u64);
    // ProcessOrders: a Map over the batch.
    let mode = g.rng.range(0, 99);
    let processed = if mode < 10 && iterations >= 2 {
        let items: Vec<Value> =
            (0..iterations).map(|i| payload::order(&mut g.rng, first_order + i as u64)).collect();
        let failing = g.rng.range(0, iterations as u64 - 1) as usize;
        let caught =
            g.map_failing_caught(tr, "ChargeOrders", "ChargeOrder", &batch, &items, failing);
        g.pass(tr, "RecordBatchFailure", &caught)
    } else {
        let mut body = |g: &mut Gen, t: &mut Track, i: usize| {
            let order = payload::order(&mut g.rng, first_order + i as u64);
            let plan = TaskPlan { retries: u32::from(g.rng.chance(5)), caught: false };
            let priced = g.task(t, "PriceOrder", TaskKind::Lambda("price-order"), &order, plan);
            let summary =
                json!({"orderId": priced["orderId"], "priced": priced["result"]["subtotal"]});
            g.pass_select(t, "RecordPrice", &priced, summary)
        };
        let output = if mode < 55 {
            g.map_sequential(tr, "ProcessOrders", &batch, iterations, &mut body)
        } else {
            g.map_concurrent(tr, "ProcessOrders", &batch, iterations, &mut body)
        };
        json!({"batchId": batch["batchId"], "processed": output.as_array().map_or(0, Vec::len)})
    };
    // Enrich: three branches, one of them a manual review done by an activity worker.
    let summary = payload::with(&batch, "processing", processed);
    let mut branches = |g: &mut Gen, t: &mut Track, branch: usize| match branch {
        0 => {
            let plan = TaskPlan { retries: u32::from(g.rng.chance(10)), caught: false };
            let out =
                g.task(t, "ManualReview", TaskKind::Activity("manual-review"), &summary, plan);
            g.pass(t, "RecordReview", &out)
        }
        1 => {
            let out =
                g.task(t, "ScoreRisk", TaskKind::Lambda("score-risk"), &summary, TaskPlan::OK);
            g.pass(t, "RecordRisk", &out)
        }
        _ => {
            let out = g.task(
                t,
                "ReserveStock",
                TaskKind::Lambda("reserve-stock"),
                &summary,
                TaskPlan::OK,
            );
            g.pass(t, "RecordStock", &out)
        }
    };
    g.parallel(tr, "Enrich", &summary, 3, &mut branches);
    // Publish: a failure here is caught and recorded.
    let caught = g.rng.chance(10);
    let plan = TaskPlan { retries: 0, caught };
    let published = g.task(tr, "Publish", TaskKind::SnsPublish, &summary, plan);
    if caught {
        g.pass(tr, "RecordPublishFailure", &published);
    }
    g.wait(tr, "Throttle", &summary, 1);
    g.choice(tr, "MoreBatches", &summary);
    json!({"lastBatch": batch["batchId"], "round": round})
}
