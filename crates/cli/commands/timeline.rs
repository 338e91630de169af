//! `sfn-ledger timeline`: an execution's timeline as a terminal Gantt chart, an interactive
//! self-contained HTML page or Chrome trace-event JSON.

use crate::exit::Outcome;
use crate::render::timeline_text::TextOptions;
use crate::render::{timeline_html, timeline_text, timeline_trace};
use crate::timed::Timed;
use anyhow::Context;
use clap::{Args, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// Output formats of `timeline`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TimelineFormat {
    /// A Gantt chart for the terminal.
    Text,
    /// One self-contained interactive HTML page.
    Html,
    /// Chrome trace-event JSON (open in Perfetto or chrome://tracing).
    Trace,
}

/// When to colour the terminal chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// When standard output is a terminal and NO_COLOR is not set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Draw an execution's timeline.
#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// The execution: a history JSON file, or an execution ARN or name stored in the ledger.
    pub input: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TimelineFormat::Text)]
    pub format: TimelineFormat,
    /// Write to this file instead of standard output (`-` is standard output).
    #[arg(short = 'o', long)]
    pub output: Option<PathBuf>,
    /// Width of the text chart in characters.
    #[arg(long, default_value_t = 100)]
    pub width: usize,
    /// Colour the text chart.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Replace every input, output, cause and parameters payload by its size and hash, for
    /// sharing outside the team.
    #[arg(long)]
    redact: bool,
    #[command(flatten)]
    db: crate::ledger_path::DbArgs,
}

/// Writes the timeline.
pub fn run(args: TimelineArgs) -> anyhow::Result<Outcome> {
    let timed = Timed::load(&args.input, &args.db, args.redact)?;
    let text = match args.format {
        TimelineFormat::Text => {
            let color = match args.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    args.output.as_ref().is_none_or(|p| p.as_os_str() == "-")
                        && std::io::stdout().is_terminal()
                        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                }
            };
            timeline_text::render(&timed.report, TextOptions { width: args.width, color })
        }
        TimelineFormat::Html => timeline_html::render(&timed.report, &timed.source),
        TimelineFormat::Trace => timeline_trace::render(&timed.report),
    };
    match args.output.as_ref().filter(|p| p.as_os_str() != "-") {
        Some(path) => std::fs::write(path, text)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(Outcome::Clean)
}
