//! `conformance.retry-attempts`: a state is retried only for errors a retrier matches, no more
//! often than that retrier's `MaxAttempts`, and not given up on (caught, or failing the
//! execution) while the matching retrier still had attempts left.

use super::retries::{counts, retries};
use super::{Context, Rule, VisitEnd};
use crate::violation::Violation;

/// The rule.
pub const RULE: Rule = Rule {
    id: "conformance.retry-attempts",
    summary: "retries follow errors a retrier matches and stay within its MaxAttempts",
    check,
};

fn check(context: &Context<'_>, out: &mut Vec<Violation>) {
    for scope in context.scope_ids() {
        let visits = context.visits_in(scope);
        for (i, visit) in visits.iter().enumerate() {
            let Some(state) = context.state(visit) else { continue };
            let label = context.label(scope);
            let found = retries(context, visit, state);
            for retry in found.iter().filter(|r| r.retrier.is_none()) {
                let begin = context.id(visit.attempts[retry.attempt + 1].begin);
                let what = match &retry.error {
                    Some(error) => format!(
                        "a failure with {error}, which no retrier of {} matches",
                        state.path
                    ),
                    None if state.retry.is_empty() => {
                        format!("a failure, but {} has no Retry", state.path)
                    }
                    None => continue, // error name unknown: any retrier may have applied
                };
                let message =
                    format!("{label}: {:?} was retried (event {begin}) after {what}", visit.name);
                out.push(Violation::error(RULE.id, vec![begin], message));
            }
            let counts = counts(state, &found);
            for (r, &count) in counts.iter().enumerate() {
                let retrier = &state.retry[r];
                if u64::from(count) > retrier.max_attempts {
                    let ids: Vec<i64> = found
                        .iter()
                        .filter(|x| {
                            x.retrier == Some(r) && u64::from(x.number) > retrier.max_attempts
                        })
                        .map(|x| context.id(visit.attempts[x.attempt + 1].begin))
                        .collect();
                    let message = format!(
                        "{label}: {:?} was retried {count} times under {}, which allows MaxAttempts {}",
                        visit.name, retrier.path, retrier.max_attempts
                    );
                    out.push(Violation::error(RULE.id, ids, message));
                }
            }
            // Gave up early: failed, a retrier with attempts left matches, and the scope moved
            // on (to a catcher) or the failure ended the execution.
            let VisitEnd::Failed(Some(error)) = context.visit_end(visit) else { continue };
            let after = match (visits.get(i + 1), context.failed_execution_after(visit)) {
                (Some(next), _) => {
                    let id = context.id(next.entered);
                    (id, format!("moved on to {:?} (event {id})", next.name))
                }
                (None, Some(failed)) => {
                    (failed.id, format!("the execution failed (event {})", failed.id))
                }
                (None, None) => continue,
            };
            let Some(r) = state.retry.iter().position(|r| r.matches(&error)) else { continue };
            let retrier = &state.retry[r];
            if u64::from(counts[r]) < retrier.max_attempts {
                let message = format!(
                    "{label}: {:?} failed with {error} after {} retries under {} (MaxAttempts {}) and {} without retrying",
                    visit.name, counts[r], retrier.path, retrier.max_attempts, after.1
                );
                out.push(Violation::error(RULE.id, vec![after.0], message));
            }
        }
    }
}
