//! Loading the statistics samples of stored executions: from the ledger's cache when it is
//! current, else computed from the events (on two threads) and written back to the cache.

use crate::ledger_path::DbArgs;
use anyhow::Context;
use sfn_ledger_model::stats::{ExecutionSample, SAMPLE_VERSION};
use sfn_ledger_model::{Analysis, Report};
use sfn_ledger_recorder::ledger::{CachedSample, Ledger, StoredExecution};

/// The samples of the executions, in the same order, each with its ARN.
pub fn load(
    ledger: &mut Ledger,
    db: &DbArgs,
    executions: &[StoredExecution],
) -> anyhow::Result<Vec<(String, ExecutionSample)>> {
    let mut samples: Vec<Option<ExecutionSample>> = Vec::with_capacity(executions.len());
    let mut missing = Vec::new();
    for (index, execution) in executions.iter().enumerate() {
        let cached = ledger
            .cached_sample(&execution.record.arn)?
            .filter(|c| c.version == SAMPLE_VERSION && c.events == execution.events);
        let sample = cached.and_then(|c| serde_json::from_str::<ExecutionSample>(&c.sample).ok());
        if sample.is_none() {
            missing.push(index);
        }
        samples.push(sample);
    }
    if !missing.is_empty() {
        let computed = compute(db, executions, &missing)?;
        let cache: Vec<(&str, CachedSample)> = computed
            .iter()
            .map(|(index, sample)| {
                let text = serde_json::to_string(sample).unwrap_or_default();
                let cached = CachedSample {
                    events: sample.events as i64,
                    version: SAMPLE_VERSION,
                    sample: text,
                };
                (executions[*index].record.arn.as_str(), cached)
            })
            .collect();
        // The cache only saves time: a read-only ledger still gets its statistics.
        let _ = ledger.cache_samples(cache);
        for (index, sample) in computed {
            samples[index] = Some(sample);
        }
    }
    Ok(executions
        .iter()
        .zip(samples)
        .filter_map(|(e, s)| Some((e.record.arn.clone(), s?)))
        .collect())
}

/// Computes the samples of the executions at `indexes`, splitting the work over the cores
/// (each thread with its own connection).
fn compute(
    db: &DbArgs,
    executions: &[StoredExecution],
    indexes: &[usize],
) -> anyhow::Result<Vec<(usize, ExecutionSample)>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    let chunk = indexes.len().div_ceil(threads).max(1);
    let results: Vec<anyhow::Result<Vec<(usize, ExecutionSample)>>> = std::thread::scope(|s| {
        let handles: Vec<_> = indexes
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || {
                    let ledger = db.open()?;
                    part.iter()
                        .map(|&index| {
                            let arn = &executions[index].record.arn;
                            let history = ledger
                                .history(arn)
                                .with_context(|| format!("cannot read {arn} from the ledger"))?;
                            let analysis = Analysis::new(&history);
                            let report = Report::new(&history, &analysis);
                            let sample = ExecutionSample::new(&history, &analysis, &report);
                            Ok((index, sample))
                        })
                        .collect()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|_| Err(anyhow::anyhow!("a stats worker panicked"))))
            .collect()
    });
    let mut all = Vec::with_capacity(indexes.len());
    for part in results {
        all.extend(part?);
    }
    Ok(all)
}
