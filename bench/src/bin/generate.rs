//! `generate`: writes a deterministic, well-formed history of about N events to stdout.

use clap::Parser;
use sfn_ledger_bench::generate::{generate, Format, Generated};
use std::io::Write;

/// Write a generated execution history as `{"events": [...]}` (AWS CLI JSON).
#[derive(Debug, Parser)]
struct Args {
    /// About how many events (the result is within a few events of it).
    #[arg(long, default_value_t = 1000)]
    events: usize,
    /// `v1` (epoch-seconds numbers) or `v2` (ISO-8601 strings with an offset).
    #[arg(long, default_value = "v1")]
    format: Format,
    /// The seed: the same seed and size always give the same history.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Write JSON without whitespace (the default indents by 4 spaces, as the AWS CLI does).
    #[arg(long)]
    compact: bool,
    /// Write N histories (seeds seed..seed+N) into this folder instead of stdout, named
    /// `gen-<seed>.json`.
    #[arg(long, value_name = "N", requires = "out_dir")]
    count: Option<u64>,
    /// The folder for `--count`.
    #[arg(long, value_name = "DIR")]
    out_dir: Option<std::path::PathBuf>,
}

fn write(history: &Generated, args: &Args, out: impl Write) -> std::io::Result<()> {
    if args.compact {
        history.write_compact_json(args.format, out)
    } else {
        history.write_json(args.format, out)
    }
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    match (args.count, &args.out_dir) {
        (Some(count), Some(dir)) => {
            std::fs::create_dir_all(dir)?;
            for seed in args.seed..args.seed + count {
                let path = dir.join(format!("gen-{seed}.json"));
                let file = std::io::BufWriter::new(std::fs::File::create(&path)?);
                write(&generate(args.events, seed), &args, file)?;
            }
        }
        _ => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            write(&generate(args.events, args.seed), &args, &mut out)?;
            writeln!(out)?;
            out.flush()?;
        }
    }
    Ok(())
}
