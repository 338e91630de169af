//! Renders run diffs and regression reports as a text table, Markdown or JSON.

use comfy_table::{presets, CellAlignment, ContentArrangement, Table};
use jiff::SignedDuration;
use sfn_ledger_model::verify::duration::format_duration;
use sfn_ledger_model::verify::{Regression, RunDiff, StateChange};
use std::fmt::Write;

/// Text (`markdown == false`) or Markdown.
fn table(markdown: bool, header: &[&str]) -> Table {
    let mut table = Table::new();
    table
        .load_preset(if markdown { presets::ASCII_MARKDOWN } else { presets::UTF8_FULL_CONDENSED })
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(header.to_vec());
    table
}

fn right_align(table: &mut Table, from: usize) {
    for i in from..table.column_count() {
        if let Some(column) = table.column_mut(i) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
}

fn time(d: Option<SignedDuration>) -> String {
    d.map_or("-".to_owned(), format_duration)
}

fn signed(d: Option<SignedDuration>) -> String {
    match d {
        Some(d) if format_duration(d) == "0ms" => "0ms".to_owned(),
        Some(d) if d.is_positive() => format!("+{}", format_duration(d)),
        Some(d) => format_duration(d),
        None => "-".to_owned(),
    }
}

fn percent(change: Option<f64>) -> String {
    change.map_or("-".to_owned(), |c| format!("{:+.1}%", c * 100.0))
}

/// Two runs side by side.
pub fn run_diff(diff: &RunDiff, markdown: bool) -> String {
    let mut out = String::new();
    let (a, b) = (&diff.a, &diff.b);
    let code = |s: &str| if markdown { format!("`{s}`") } else { s.to_owned() };
    if markdown {
        out.push_str("## sfn-ledger diff\n\n");
    }
    let bullet = if markdown { "- " } else { "" };
    let _ = writeln!(
        out,
        "{bullet}A: {} ({}, {})",
        code(&a.source),
        a.status,
        format_duration(a.duration)
    );
    let _ = writeln!(
        out,
        "{bullet}B: {} ({}, {})",
        code(&b.source),
        b.status,
        format_duration(b.duration)
    );
    if diff.status_changed {
        let _ = writeln!(out, "{bullet}status: {} → {}", a.status, b.status);
    } else {
        let _ = writeln!(out, "{bullet}status: unchanged ({})", a.status);
    }
    if diff.path_changed {
        let _ = writeln!(out, "{bullet}path A: {}", a.path.join(" → "));
        let _ = writeln!(out, "{bullet}path B: {}", b.path.join(" → "));
    } else {
        let _ = writeln!(out, "{bullet}path: unchanged ({})", a.path.join(" → "));
    }
    out.push('\n');
    let mut t =
        table(markdown, &["State", "Change", "Visits A", "Visits B", "Time A", "Time B", "Δ"]);
    for s in &diff.states {
        let change = match s.change {
            StateChange::Same => "",
            StateChange::Added => "added",
            StateChange::Removed => "removed",
            StateChange::Visits => "visits",
        };
        t.add_row(vec![
            s.name.clone(),
            change.to_owned(),
            s.visits_a.to_string(),
            s.visits_b.to_string(),
            time(s.time_a),
            time(s.time_b),
            signed(s.delta()),
        ]);
    }
    right_align(&mut t, 2);
    let _ = writeln!(out, "{t}");
    out
}

/// A candidate against the baseline medians.
pub fn regression(report: &Regression, markdown: bool) -> String {
    let mut out = String::new();
    let verdict = if report.failed() { "SLOWER" } else { "ok" };
    let threshold = match report.fail_slower {
        Some(f) => format!(
            "fail when slower by more than {:.0}% and {}",
            f * 100.0,
            format_duration(report.min_delta)
        ),
        None => "no threshold".to_owned(),
    };
    let name = if markdown { format!("`{}`", report.candidate) } else { report.candidate.clone() };
    let heading = if markdown { "### " } else { "" };
    let _ = writeln!(
        out,
        "{heading}{name}: {verdict} (against the median of {} baseline run{}; {threshold})\n",
        report.baseline_runs,
        if report.baseline_runs == 1 { "" } else { "s" }
    );
    let mut t = table(markdown, &["State", "Baseline", "Runs", "Candidate", "Δ", "Change", ""]);
    for r in &report.rows {
        t.add_row(vec![
            r.name.clone(),
            time(r.baseline),
            r.samples.to_string(),
            time(r.candidate),
            signed(r.delta),
            percent(r.change),
            if r.slower { "SLOWER".to_owned() } else { String::new() },
        ]);
    }
    right_align(&mut t, 1);
    let _ = writeln!(out, "{t}");
    out
}
