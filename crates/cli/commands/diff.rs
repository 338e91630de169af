//! `sfn-ledger diff`: two runs side by side, or candidates against a baseline with a
//! regression threshold (exit 1 when slower).

use crate::diff_report;
use crate::exit::Outcome;
use crate::input::LoadedHistory;
use crate::ledger_path::DbArgs;
use crate::select;
use anyhow::bail;
use clap::{Args, ValueEnum};
use jiff::SignedDuration;
use sfn_ledger_model::verify::duration::parse_duration;
use sfn_ledger_model::verify::{diff, regression, RunProfile, Threshold};
use sfn_ledger_model::Analysis;

/// Compare two executions (path, status, time per state), or compare candidates with the
/// median of baseline runs and fail when slower.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// `A B` (two runs), or the candidates when a baseline is given. Files, or execution
    /// ARNs/names in the ledger.
    #[arg(value_name = "EXECUTION")]
    executions: Vec<String>,
    /// A baseline run (repeatable).
    #[arg(long, value_name = "EXECUTION")]
    baseline: Vec<String>,
    /// Take the baseline from the ledger: the newest runs of this state machine (the
    /// candidates themselves excluded).
    #[arg(long, value_name = "NAME|ARN")]
    state_machine: Option<String>,
    /// How many baseline runs of --state-machine.
    #[arg(long, value_name = "N", requires = "state_machine", default_value_t = 10)]
    last: usize,
    /// Exit 1 when a state or the whole run is slower than the baseline median by more than
    /// this (e.g. 20%).
    #[arg(long, value_name = "PERCENT", value_parser = parse_percent)]
    fail_slower: Option<f64>,
    /// Absolute differences under this never fail.
    #[arg(long, value_name = "DURATION", default_value = "50ms", value_parser = parse_min_delta)]
    min_delta: SignedDuration,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Table)]
    format: DiffFormat,
    #[command(flatten)]
    db: DbArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DiffFormat {
    Table,
    Markdown,
    Json,
}

fn parse_percent(text: &str) -> Result<f64, String> {
    let number = text.trim().trim_end_matches('%');
    match number.parse::<f64>() {
        Ok(n) if n.is_finite() && n >= 0.0 => Ok(n / 100.0),
        _ => Err(format!("{text:?} is not a percentage like 20%")),
    }
}

fn parse_min_delta(text: &str) -> Result<SignedDuration, String> {
    parse_duration(text)
}

fn profile(loaded: &LoadedHistory) -> RunProfile {
    RunProfile::new(loaded.source.clone(), &loaded.history, &Analysis::new(&loaded.history))
}

/// Runs `diff`.
pub fn run(args: DiffArgs) -> anyhow::Result<Outcome> {
    let candidates = select::load_all(&args.executions, None, None, &args.db)?;
    let regression_mode =
        !args.baseline.is_empty() || args.state_machine.is_some() || args.fail_slower.is_some();
    if !regression_mode {
        let [a, b] = candidates.as_slice() else {
            bail!("give two executions to compare, or a baseline (--baseline or --state-machine) and candidates");
        };
        let result = diff(profile(a), profile(b));
        match args.format {
            DiffFormat::Json => println!("{}", serde_json::to_string_pretty(&result)?),
            f => print!("{}", diff_report::run_diff(&result, f == DiffFormat::Markdown)),
        }
        return Ok(Outcome::Clean);
    }
    let mut baseline = select::load_all(&args.baseline, None, None, &args.db)?;
    let mut candidates = candidates;
    if let Some(machine) = &args.state_machine {
        // One more than asked for, in case a candidate is among them.
        let runs = select::last_of(machine, Some(args.last + candidates.len()), &args.db)?;
        let named: Vec<&str> = candidates.iter().map(|c| c.source.as_str()).collect();
        let runs: Vec<LoadedHistory> =
            runs.into_iter().filter(|r| !named.contains(&r.source.as_str())).collect();
        baseline.extend(runs.into_iter().take(args.last));
    } else if args.baseline.is_empty() && candidates.len() == 2 {
        // `diff A B --fail-slower 20%`: A is the baseline.
        baseline.push(candidates.remove(0));
    }
    if baseline.is_empty() {
        bail!("no baseline run: give --baseline EXECUTION or --state-machine NAME --last N");
    }
    if candidates.is_empty() {
        bail!("no candidate run to compare with the baseline");
    }
    let threshold = Threshold { fail_slower: args.fail_slower, min_delta: args.min_delta };
    let base: Vec<RunProfile> = baseline.iter().map(profile).collect();
    let reports: Vec<_> =
        candidates.iter().map(|c| regression(&base, &profile(c), threshold)).collect();
    match args.format {
        DiffFormat::Json => println!("{}", serde_json::to_string_pretty(&reports)?),
        f => {
            if f == DiffFormat::Markdown {
                println!("## sfn-ledger diff: regression check\n");
            }
            for report in &reports {
                print!("{}", diff_report::regression(report, f == DiffFormat::Markdown));
            }
        }
    }
    Ok(if reports.iter().any(|r| r.failed()) { Outcome::Findings } else { Outcome::Clean })
}
