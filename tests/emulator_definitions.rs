//! Against the live emulator: every ASL fixture definition is run again by `sfn-ledger run`,
//! recorded with its definition, and must be a legal path of it (`validate` checks conformance
//! against the recorded definition automatically); the runs then feed `coverage` and `stats`.

use crate::emulator_support::{unique, Emu};
use crate::util::{fixture, stderr, stdout};
use sfn_ledger_model::{parse_history, Analysis};

/// `(definition, history)` fixture pairs recorded by tests/fixtures/asl/record.py.
///
/// `retry-catch` is not run again here: on a fresh state machine whose activity nobody polls,
/// LocalStack 4.9.2 sometimes fails the task after a second with an internal error
/// (`'ActivityTaskStartEndpoint' object has no attribute '_outcome'`), writing `ActivityFailed`
/// before any `ActivityStarted` — a history AWS does not produce, which `lifecycle.activity`
/// reports. Its recorded fixture (with the real timeouts) is checked offline in definitions.rs.
const RUNS: &[(&str, &str)] = &[
    ("choice", "choice"),
    ("choice", "choice.default"),
    ("parallel", "parallel"),
    ("parallel-retry", "parallel-retry"),
    ("map", "map"),
    ("map-catch", "map-catch"),
    ("nested", "nested"),
    ("fail", "fail"),
];

/// Runs an offline command (no AWS flags) on the test's ledger.
fn offline(emu: &Emu, args: &[&str]) -> std::process::Output {
    crate::util::sfn_ledger().args(args).arg("--db").arg(emu.db()).output().unwrap()
}

fn read(path: &str) -> String {
    std::fs::read_to_string(fixture(path)).unwrap()
}

#[test]
fn recorded_runs_of_every_fixture_definition_conform_to_it() {
    let Some(emu) = Emu::new() else { return };
    let activity = emu.activity(&unique("asl-activity"));
    let mut machines = std::collections::BTreeMap::new();
    for (definition, history) in RUNS {
        let text = read(&format!("asl/{definition}.asl.json")).replace(
            "arn:aws:states:us-east-1:000000000000:activity:asl-fixture-activity",
            &activity,
        );
        let machine = machines
            .entry(*definition)
            .or_insert_with(|| emu.state_machine(&unique(&format!("asl-{definition}")), &text))
            .clone();
        // The same input as the recorded fixture, so the same path must be taken.
        let recorded =
            parse_history(read(&format!("asl/{history}.history.json")).as_bytes()).unwrap();
        let input = recorded.events[0].input().map_or_else(|| "{}".to_owned(), |i| i.into_owned());
        let name = unique(history);
        let run =
            emu.sfn(&["run", "--state-machine", &machine, "--name", &name, "--input", &input]);
        assert!(run.status.code().is_some_and(|c| c < 2), "{history}: {}", stderr(&run));

        let validated = offline(&emu, &["validate", &name]);
        assert_eq!(validated.status.code(), Some(0), "{history}: {}", stdout(&validated));
        let stored = emu.ledger();
        let arn = stored.execution(&name).unwrap().unwrap().record.arn;
        assert!(stored.definition(&arn).unwrap().is_some(), "{history}: definition recorded");
        let live = stored.history(&arn).unwrap();
        assert_eq!(
            Analysis::new(&live).top_level_path(),
            Analysis::new(&recorded).top_level_path(),
            "{history}: the live run takes the fixture's path"
        );
    }

    // Coverage of the two choice runs, from the ledger with the recorded definition: the
    // targets Big (n = 42) and Other (the Default, n = 3) are covered, Zero is not.
    let choice = &machines["choice"];
    let coverage = offline(&emu, &["coverage", "--state-machine", choice, "--format", "json"]);
    assert!(coverage.status.success(), "{}", stderr(&coverage));
    let json: serde_json::Value = serde_json::from_slice(&coverage.stdout).unwrap();
    let visits = |state: &str| {
        json["coverage"]["states"].as_array().unwrap().iter().find(|s| s["name"] == state).unwrap()
            ["visits"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(json["coverage"]["runs"], 2);
    assert_eq!((visits("Big"), visits("Other"), visits("Zero"), visits("Route")), (1, 1, 0, 2));

    // A replay of the stored choice runs against a definition without the Default target fails.
    let changed =
        read("asl/choice.asl.json").replace("\"Default\": \"Other\"", "\"Default\": \"Done\"");
    let changed_path = emu.dir.path().join("choice-changed.asl.json");
    std::fs::write(&changed_path, changed).unwrap();
    let replay = offline(
        &emu,
        &["validate", "--state-machine", choice, "--definition", changed_path.to_str().unwrap()],
    );
    assert_eq!(replay.status.code(), Some(1), "{}", stdout(&replay));
    assert!(stdout(&replay).contains("conformance."), "{}", stdout(&replay));

    // Statistics over the recorded runs of one state machine.
    let stats = offline(&emu, &["stats", "--state-machine", choice, "--format", "json"]);
    assert!(stats.status.code().is_some_and(|c| c < 2), "{}", stderr(&stats));
    let json: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    let text = json.to_string();
    assert!(text.contains("\"Route\"") && text.contains("\"Prepare\""), "{text}");
}
