//! Against the live emulator (`SFN_LEDGER_EMULATOR_URL`, set by scripts/test): records fresh
//! runs with tests/fixtures/golden/record.py and checks that golden histories ignore branch and
//! iteration interleaving but catch a changed path. Like every emulator test, it fails when the
//! emulator is missing (unless SFN_LEDGER_SKIP_EMULATOR=1).

use crate::util::{root, run, stdout};
use std::process::Command;

#[test]
fn fresh_emulator_runs_match_their_golden_and_a_changed_path_does_not() {
    let Some(url) = crate::emulator_support::emulator_url() else { return };
    let emulator_dir = std::env::var("SFN_LEDGER_EMULATOR_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| root().join(".emulator"));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let recorded = Command::new(emulator_dir.join("venv/bin/python"))
        .arg(root().join("tests/fixtures/golden/record.py"))
        .args([url.as_str(), "--out", out])
        .output()
        .expect("python runs");
    // record.py itself fails when the two runs did not interleave differently.
    assert!(recorded.status.success(), "{}", String::from_utf8_lossy(&recorded.stderr));
    let file = |name: &str| dir.path().join(name).to_str().unwrap().to_owned();
    for (key, one, two) in [
        ("delays", "parallel-run1.json", "parallel-run2.json"),
        ("wait", "map-run1.json", "map-run2.json"),
    ] {
        let golden = run(&["golden", "--redact-key", key, &file(one)]);
        assert!(golden.status.success());
        let golden_path = dir.path().join(format!("{one}.golden"));
        std::fs::write(&golden_path, &golden.stdout).unwrap();
        let golden_path = golden_path.to_str().unwrap();
        let same = run(&["check", "--golden", golden_path, &file(two)]);
        assert_eq!(same.status.code(), Some(0), "{}", stdout(&same));
        if one.starts_with("parallel") {
            let changed = run(&["check", "--golden", golden_path, &file("parallel-changed.json")]);
            assert_eq!(changed.status.code(), Some(1));
            assert!(stdout(&changed).contains("+    name: \"Alternative\"\n"));
        }
    }
}
