//! Helpers shared by the integration tests: running the built binary, fixture paths.

#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A file under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// A `Command` for the built `sfn-ledger` binary.
pub fn sfn_ledger() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_sfn-ledger"));
    // A RUST_LOG in the developer's environment would add log lines to what tests compare.
    command.env_remove("RUST_LOG");
    command
}

/// Runs the binary with arguments and returns its output.
pub fn run(args: &[&str]) -> Output {
    sfn_ledger().args(args).output().expect("sfn-ledger runs")
}

/// Standard output as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs the binary from the repository root (so relative fixture paths print the same way).
pub fn run_in_root(args: &[&str]) -> Output {
    sfn_ledger().current_dir(root()).args(args).output().expect("sfn-ledger runs")
}
