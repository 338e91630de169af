//! Fuzzes history reading and everything derived from it: parsing, DAG, scopes and visits.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    sfn_ledger_model::fuzzing::exercise_history(data);
});
