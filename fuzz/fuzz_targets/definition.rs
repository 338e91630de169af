//! Fuzzes ASL reading, the static checks, and conformance of a run to a definition
//! (input: `DEFINITION \0 HISTORY`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    sfn_ledger_model::fuzzing::exercise_definition(data);
});
