//! Over the real-AWS corpus (`SFN_LEDGER_CORPUS`): every expectation evaluates without panicking,
//! and every history's golden form is deterministic and matches itself. Skipped when unset.

use sfn_ledger_model::golden::{compare, normalize, GoldenOptions};
use sfn_ledger_model::verify::{evaluate, Expectations, RunProfile};
use sfn_ledger_model::{parse_history, Analysis};

const EVERY_KIND: &str = r#"
status = ["SUCCEEDED", "FAILED"]
path = ["A"]
path_contains = ["A"]
path_in_order = ["A", "B"]
never_visits = ["A"]
max_duration = "1m"
max_retries = 0
output = { a = 1 }
output_contains = { a = 1 }
allowed_errors = ["States.Timeout"]
forbidden_errors = ["States.ALL"]
max_events = 10
[states.A]
visits = 1
min_visits = 1
max_visits = 1
max_retries = 0
max_duration = "1s"
"#;

#[test]
fn every_corpus_history_checks_and_normalizes_deterministically() {
    let Ok(corpus) = std::env::var("SFN_LEDGER_CORPUS") else {
        eprintln!("SFN_LEDGER_CORPUS is not set: skipping the corpus checks");
        return;
    };
    let expect = Expectations::from_toml(EVERY_KIND).unwrap();
    let mut checked = 0;
    for folder in ["aws-recorded", "aws-recorded-masked", "emulator-only"] {
        let Ok(entries) = std::fs::read_dir(std::path::Path::new(&corpus).join(folder)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let Ok(history) = parse_history(&std::fs::read(&path).unwrap()) else { continue };
            let analysis = Analysis::new(&history);
            let results = evaluate(&expect, &history, &analysis, Some(&[]));
            // 11 top-level and 5 per-state expectations, plus `valid` and `max_events`.
            assert_eq!(results.len(), 18, "{}", path.display());
            let _ = RunProfile::new("corpus", &history, &analysis);
            let options = GoldenOptions::default();
            let one = normalize(&history, &analysis, &options, None).unwrap();
            let two = normalize(&history, &Analysis::new(&history), &options, None).unwrap();
            assert_eq!(compare(&one.doc, &two), None, "{}", path.display());
            checked += 1;
        }
    }
    assert!(checked > 600, "only {checked} corpus histories found");
}
