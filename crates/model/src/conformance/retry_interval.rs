//! `conformance.retry-interval` (warning): the pause before retry n under a retrier is at least
//! `IntervalSeconds × BackoffRate^(n-1)`, capped by `MaxDelaySeconds`. Skipped for
//! `JitterStrategy: FULL`; 10 ms of tolerance absorb timestamp rounding. A warning because AWS
//! does not promise exact timing.

use super::retries::retries;
use super::{Context, Rule};
use crate::violation::Violation;

/// The rule.
pub const RULE: Rule = Rule {
    id: "conformance.retry-interval",
    summary: "pauses between attempts are at least the retrier's backoff delay",
    check,
};

/// Seconds of slack for timestamp rounding.
const TOLERANCE: f64 = 0.010;

fn check(context: &Context<'_>, out: &mut Vec<Violation>) {
    for visit in &context.analysis.visits {
        let Some(state) = context.state(visit) else { continue };
        for retry in retries(context, visit, state) {
            let Some(r) = retry.retrier else { continue };
            let retrier = &state.retry[r];
            if retrier.has_jitter() {
                continue;
            }
            let begin = visit.attempts[retry.attempt + 1].begin;
            let failed =
                visit.attempts[retry.attempt].end.or_else(|| context.analysis.dag.parent(begin));
            let Some(failed) = failed else { continue };
            let events = &context.history.events;
            let gap =
                events[begin].timestamp.duration_since(events[failed].timestamp).as_secs_f64();
            let expected = retrier.delay_before(retry.number);
            if gap + TOLERANCE < expected {
                let (from, to) = (context.id(failed), context.id(begin));
                let message = format!(
                    "{}: {:?} retry {} under {} came {gap:.3} s after the failure (events {from} → {to}), expected at least {expected:.3} s",
                    context.label(visit.scope),
                    visit.name,
                    retry.number,
                    retrier.path
                );
                out.push(Violation::warning(RULE.id, vec![to, from], message));
            }
        }
    }
}
