//! Property tests: generated well-formed histories (following real AWS linkage) validate clean,
//! and each single mutation of one is caught by the rule that owns it.

use proptest::prelude::*;
use sfn_ledger_bench::generate::{generate, Format, Generated};
use sfn_ledger_model::validate::validate;
use sfn_ledger_model::{parse_history, Analysis, Severity};

fn rules_hit(generated: &Generated, format: Format) -> Vec<&'static str> {
    let json = generated.to_json(format);
    let history = parse_history(json.as_bytes()).expect("generated histories are readable");
    let analysis = Analysis::new(&history);
    validate(&history, &analysis)
        .into_iter()
        .filter(|v| v.severity == Severity::Error)
        .map(|v| v.rule)
        .collect()
}

fn format(v2: bool) -> Format {
    if v2 {
        Format::V2
    } else {
        Format::V1
    }
}

/// One change to a well-formed history, and the rule that must report it.
#[derive(Debug, Clone, Copy)]
enum Mutation {
    LinkToItself,
    LinkForward,
    RepeatAnId,
    TimeGoesBackwards,
    RenameAnExit,
    DropExecutionStarted,
}

impl Mutation {
    fn rule(self) -> &'static str {
        match self {
            Mutation::LinkToItself | Mutation::LinkForward => "history.previous-event",
            Mutation::RepeatAnId => "history.ids-unique",
            Mutation::TimeGoesBackwards => "history.timestamps-monotonic",
            Mutation::RenameAnExit => "lifecycle.state-pairing",
            Mutation::DropExecutionStarted => "history.execution-started",
        }
    }

    /// Applies the mutation at (or after) position `at`; false when it does not apply.
    fn apply(self, generated: &mut Generated, at: usize) -> bool {
        let events = &mut generated.events;
        let n = events.len();
        let k = 1 + at % (n - 1);
        match self {
            Mutation::LinkToItself => events[k].previous_event_id = events[k].id,
            Mutation::LinkForward => events[k].previous_event_id = events[k].id + 1,
            Mutation::RepeatAnId => events[k].id = events[k - 1].id,
            Mutation::TimeGoesBackwards => {
                let Some(parent) = events[k..]
                    .iter()
                    .position(|e| e.previous_event_id > 0)
                    .map(|offset| k + offset)
                else {
                    return false;
                };
                let prev = events[parent].previous_event_id as usize - 1;
                events[parent].time_ms = events[prev].time_ms.saturating_sub(1_000);
                if events[parent].time_ms >= events[prev].time_ms {
                    return false;
                }
            }
            Mutation::RenameAnExit => {
                let Some(exit) =
                    (k..n).chain(1..k).find(|&i| events[i].event_type.ends_with("StateExited"))
                else {
                    return false;
                };
                let Some((_, details)) = events[exit].details.as_mut() else { return false };
                details["name"] = serde_json::Value::from("NoSuchState");
            }
            Mutation::DropExecutionStarted => {
                events.remove(0);
            }
        }
        true
    }
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        Just(Mutation::LinkToItself),
        Just(Mutation::LinkForward),
        Just(Mutation::RepeatAnId),
        Just(Mutation::TimeGoesBackwards),
        Just(Mutation::RenameAnExit),
        Just(Mutation::DropExecutionStarted),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn generated_histories_validate_clean(seed in 0u64..1_000_000, size in 10usize..1_500, v2: bool) {
        let generated = generate(size, seed);
        let hit = rules_hit(&generated, format(v2));
        prop_assert!(hit.is_empty(), "seed {seed} size {size}: {hit:?}");
    }

    #[test]
    fn one_mutation_is_caught_by_its_rule(
        seed in 0u64..1_000_000,
        size in 10usize..600,
        at in 0usize..10_000,
        change in mutation(),
    ) {
        let mut generated = generate(size, seed);
        prop_assume!(change.apply(&mut generated, at));
        let hit = rules_hit(&generated, Format::V1);
        prop_assert!(hit.contains(&change.rule()), "{change:?} at {at}: {hit:?}");
    }
}
