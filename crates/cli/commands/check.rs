//! `sfn-ledger check`: verifies executions against an expectations file and/or a golden
//! history, for CI (exit 0 all pass, 1 a check failed, 2 bad input).

use crate::check_report::{self, ExecutionReport};
use crate::exit::Outcome;
use crate::input::LoadedHistory;
use crate::ledger_path::DbArgs;
use crate::{findings, junit, select};
use anyhow::{bail, Context};
use clap::{Args, ValueEnum};
use sfn_ledger_model::verify::{evaluate, CheckResult, Expectations};
use sfn_ledger_model::Analysis;
use std::path::{Path, PathBuf};

/// Check executions against expectations (TOML) and/or a golden history, for CI.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Executions: history files, or execution ARNs/names stored in the ledger.
    #[arg(value_name = "EXECUTION")]
    executions: Vec<String>,
    /// The expectations file (TOML; see docs/checks.md).
    #[arg(long, value_name = "FILE")]
    expect: Option<PathBuf>,
    /// A golden history written by `sfn-ledger golden` that each execution must match.
    #[arg(long, value_name = "FILE")]
    golden: Option<PathBuf>,
    /// The ASL definition for the conformance part of `valid` [default: the one recorded with
    /// the execution in the ledger].
    #[arg(long, value_name = "FILE")]
    definition: Option<PathBuf>,
    /// Also check the newest executions of this state machine stored in the ledger.
    #[arg(long, value_name = "NAME|ARN")]
    state_machine: Option<String>,
    /// How many of the newest executions of --state-machine to check.
    #[arg(long, value_name = "N", requires = "state_machine", default_value_t = 1)]
    last: usize,
    /// Also write the results as JUnit XML to this file.
    #[arg(long, value_name = "FILE")]
    junit: Option<PathBuf>,
    /// Output format on standard output.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    format: CheckFormat,
    #[command(flatten)]
    db: DbArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum CheckFormat {
    Text,
    Markdown,
    Json,
}

/// Runs `check`.
pub fn run(args: CheckArgs) -> anyhow::Result<Outcome> {
    if args.expect.is_none() && args.golden.is_none() {
        bail!("nothing to check against: give --expect FILE and/or --golden FILE");
    }
    if args.executions.is_empty() && args.state_machine.is_none() {
        bail!("no execution to check: name files, ARNs or names, or --state-machine NAME --last N");
    }
    let expectations = args.expect.as_deref().map(read_expectations).transpose()?;
    let golden = args.golden.as_deref().map(crate::golden_check::Golden::read).transpose()?;
    let definition =
        args.definition.as_deref().map(crate::definition_check::load_definition).transpose()?;
    let last = args.state_machine.as_ref().map(|_| args.last);
    let loaded = select::load_all(&args.executions, args.state_machine.as_deref(), last, &args.db)?;
    let reports: Vec<ExecutionReport> = loaded
        .iter()
        .map(|l| {
            ExecutionReport::new(
                l.source.clone(),
                check_one(l, expectations.as_ref(), golden.as_ref(), definition.as_ref()),
            )
        })
        .collect();
    if let Some(path) = &args.junit {
        std::fs::write(path, junit::render(&reports))
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    let rendered = match args.format {
        CheckFormat::Text => check_report::text(&reports),
        CheckFormat::Markdown => check_report::markdown(&reports),
        CheckFormat::Json => check_report::json(&reports)? + "\n",
    };
    print!("{rendered}");
    Ok(if reports.iter().all(|r| r.passed) { Outcome::Clean } else { Outcome::Findings })
}

fn read_expectations(path: &Path) -> anyhow::Result<Expectations> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    Expectations::from_toml(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
}

fn check_one(
    loaded: &LoadedHistory,
    expectations: Option<&Expectations>,
    golden: Option<&crate::golden_check::Golden>,
    definition: Option<&sfn_ledger_model::Definition>,
) -> Vec<CheckResult> {
    let analysis = Analysis::new(&loaded.history);
    let mut results = Vec::new();
    if let Some(expect) = expectations {
        let found = findings::collect(loaded, &analysis, definition);
        results.extend(evaluate(expect, &loaded.history, &analysis, found.as_deref()));
    }
    if let Some(golden) = golden {
        results.push(golden.check(loaded, &analysis));
    }
    results
}
