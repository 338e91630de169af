//! Generated histories parse, are well linked, and every state event lands in a visit.

use sfn_ledger_bench::generate::{generate, Format};
use sfn_ledger_model::{parse_history, Analysis, AttemptOutcome, EventType, History};

fn parsed(events: usize, seed: u64, format: Format) -> History {
    let json = generate(events, seed).to_json(format);
    let history = parse_history(json.as_bytes()).expect("generated history parses");
    assert!(history.warnings.is_empty(), "warnings: {:?}", history.warnings);
    history
}

/// The checks every generated history must pass.
fn check(history: &History, target: usize) {
    let n = history.events.len();
    assert!(n <= target && n + 3 >= target, "{n} events for a target of {target}");
    for (index, event) in history.events.iter().enumerate() {
        assert_eq!(event.id, index as i64 + 1);
        assert!(event.previous_event_id < event.id);
        if index > 0 {
            assert!(event.timestamp >= history.events[index - 1].timestamp, "event {}", event.id);
        }
    }
    assert_eq!(history.events[0].event_type, EventType::ExecutionStarted);
    assert_eq!(history.terminal().map(|e| &e.event_type), Some(&EventType::ExecutionSucceeded));
    let analysis = Analysis::new(history);
    for (index, event) in history.events.iter().enumerate() {
        let ty = &event.event_type;
        let state_event = ty.task_phase().is_some()
            || ty.container().is_some()
            || ty.is_state_entered()
            || ty.is_state_exited()
            || ty.is_state_aborted();
        if state_event {
            assert!(
                analysis.event_visit[index].is_some(),
                "event {} ({}) belongs to no visit",
                event.id,
                ty.as_str()
            );
        }
    }
    for visit in &analysis.visits {
        assert!(
            !visit.is_open(),
            "visit {} at event {} never closed",
            visit.name,
            visit.entered + 1
        );
        for attempt in &visit.attempts {
            assert_ne!(attempt.outcome, AttemptOutcome::Open, "open attempt in {}", visit.name);
        }
    }
}

#[test]
fn several_seeds_and_sizes_are_well_formed_and_fully_assigned() {
    for (events, seed) in [(6, 1), (50, 2), (120, 3), (1000, 1), (1000, 7), (5000, 42)] {
        check(&parsed(events, seed, Format::V1), events);
    }
}

#[test]
fn a_history_past_the_aws_limit_is_well_formed_and_10_to_15_mb() {
    let generated = generate(25_000, 1);
    let mut compact = Vec::new();
    generated.write_compact_json(Format::V1, &mut compact).expect("writes");
    let mb = compact.len() as f64 / 1e6;
    assert!((9.0..12.0).contains(&mb), "compact: {mb} MB");
    let json = generated.to_json(Format::V1);
    let mb = json.len() as f64 / 1e6;
    assert!((13.0..16.0).contains(&mb), "as the CLI writes it: {mb} MB");
    let compact = parse_history(&compact).expect("compact parses");
    assert_eq!(compact.events.len(), generated.events.len());
    let history = parse_history(json.as_bytes()).expect("parses");
    check(&history, 25_000);
    check(&parsed(30_000, 5, Format::V1), 30_000);
}

#[test]
fn same_seed_same_bytes_and_both_forms_agree() {
    let a = generate(800, 9);
    assert_eq!(a.to_json(Format::V1), generate(800, 9).to_json(Format::V1));
    assert_ne!(a.to_json(Format::V1), generate(800, 10).to_json(Format::V1));
    let v1 = parse_history(a.to_json(Format::V1).as_bytes()).expect("v1 parses");
    let v2 = parse_history(a.to_json(Format::V2).as_bytes()).expect("v2 parses");
    assert!(a.to_json(Format::V2).contains("000+09:00\""));
    let times = |h: &History| h.events.iter().map(|e| e.timestamp).collect::<Vec<_>>();
    assert_eq!(times(&v1), times(&v2));
    check(&v2, 800);
}

#[test]
fn the_linkage_patterns_are_all_present() {
    let history = parsed(25_000, 1, Format::V1);
    let analysis = Analysis::new(&history);
    let ev = |id: i64| &history.events[id as usize - 1];
    let of = |ty: EventType| history.events.iter().filter(move |e| e.event_type == ty);
    // Concurrent Map: several MapIterationStarted point at MapStateStarted.
    let concurrent = of(EventType::MapIterationStarted)
        .filter(|e| ev(e.previous_event_id).event_type == EventType::MapStateStarted)
        .count();
    let sequential = of(EventType::MapIterationStarted)
        .filter(|e| ev(e.previous_event_id).event_type == EventType::PassStateExited)
        .count();
    assert!(
        concurrent > 100 && sequential > 100,
        "{concurrent} concurrent, {sequential} sequential"
    );
    // Parallel: three branch-first events per ParallelStateStarted, and a Succeeded event.
    for started in of(EventType::ParallelStateStarted) {
        let branches = history.events.iter().filter(|e| e.previous_event_id == started.id).count();
        assert_eq!(branches, 3, "branches of ParallelStateStarted {}", started.id);
    }
    assert_eq!(
        of(EventType::ParallelStateStarted).count(),
        of(EventType::ParallelStateSucceeded).count()
    );
    // Retries: TaskScheduled right after a TaskFailed of the same visit.
    let retries = of(EventType::TaskScheduled)
        .filter(|e| ev(e.previous_event_id).event_type == EventType::TaskFailed)
        .count();
    // Caught: TaskStateExited pointing at TaskFailed, and a Map failure with aborts.
    let caught = of(EventType::TaskStateExited)
        .filter(|e| ev(e.previous_event_id).event_type == EventType::TaskFailed)
        .count();
    assert!(retries > 0 && caught > 0, "{retries} retries, {caught} caught");
    assert!(of(EventType::MapIterationAborted).count() > 0);
    assert!(of(EventType::TaskStateAborted).count() > 0);
    assert!(of(EventType::ActivityStarted).count() > 0);
    // Map iterations and Parallel branches are scopes one level down.
    for (index, event) in history.events.iter().enumerate() {
        let depth = analysis.scopes.depth(analysis.event_scope[index]);
        match event.state_name() {
            Some("PriceOrder" | "RecordPrice" | "ChargeOrder" | "ManualReview" | "ScoreRisk") => {
                assert_eq!(depth, 1, "event {}", event.id)
            }
            Some("FetchBatch" | "Publish" | "Enrich" | "ProcessOrders") => {
                assert_eq!(depth, 0, "event {}", event.id)
            }
            _ => {}
        }
    }
}
