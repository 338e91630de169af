//! Replays the inputs the fuzzers found interesting (crashes included) through every stage.

use crate::util::fixture;

#[test]
fn every_saved_fuzz_input_runs_through_every_stage_without_panicking() {
    let mut count = 0;
    for target in ["history", "definition"] {
        let dir = fixture(&format!("fuzz/{target}"));
        for entry in std::fs::read_dir(&dir).unwrap() {
            let bytes = std::fs::read(entry.unwrap().path()).unwrap();
            match target {
                "history" => sfn_ledger_model::fuzzing::exercise_history(&bytes),
                "definition" => sfn_ledger_model::fuzzing::exercise_definition(&bytes),
                _ => unreachable!(),
            }
            count += 1;
        }
    }
    assert!(count > 0, "no saved fuzz inputs found");
}
