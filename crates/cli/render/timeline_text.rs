//! The terminal timeline: a Gantt chart with one row per state visit, nested by scope, showing
//! each attempt's queue and work time and the backoff between attempts.

use super::fmt::duration;
use sfn_ledger_model::timing::{millis_between, Closed, VisitTiming};
use sfn_ledger_model::{AttemptOutcome, Report, ScopeId, StateType};
use std::collections::{HashMap, HashSet};
use std::fmt::Write;

const WORK: char = '█';
const FAILED: char = '▚';
const QUEUE: char = '░';
const BACKOFF: char = '·';
const IN_STATE: char = '▒';
const CONTAINER: char = '═';
const SCOPE: char = '┄';

/// Chart options.
#[derive(Debug, Clone, Copy)]
pub struct TextOptions {
    /// Total width in characters.
    pub width: usize,
    /// Use ANSI colours.
    pub color: bool,
}

fn color_of(c: char) -> &'static str {
    match c {
        WORK => "32",
        FAILED => "31",
        QUEUE => "33",
        BACKOFF => "35",
        CONTAINER => "36",
        SCOPE => "2",
        _ => "34",
    }
}

struct Canvas {
    cells: Vec<char>,
    start: jiff::Timestamp,
    total_ms: f64,
}

impl Canvas {
    fn new(width: usize, start: jiff::Timestamp, total_ms: f64) -> Canvas {
        Canvas { cells: vec![' '; width], start, total_ms }
    }

    fn x(&self, t: jiff::Timestamp) -> usize {
        let width = self.cells.len();
        if self.total_ms <= 0.0 {
            return 0;
        }
        let fraction = millis_between(self.start, t) / self.total_ms;
        ((fraction * width as f64).floor().max(0.0) as usize).min(width.saturating_sub(1))
    }

    /// Fills `from..to` (at least one cell).
    fn fill(&mut self, from: jiff::Timestamp, to: jiff::Timestamp, c: char) {
        let (a, b) = (self.x(from), self.x(to));
        let end =
            if millis_between(self.start, to) >= self.total_ms { self.cells.len() } else { b };
        let width = self.cells.len();
        for cell in &mut self.cells[a..end.max(a + 1).min(width)] {
            *cell = c;
        }
    }

    fn render(&self, color: bool) -> String {
        if !color {
            return self.cells.iter().collect();
        }
        let mut out = String::new();
        let mut current: Option<&str> = None;
        for &c in &self.cells {
            let wanted = (c != ' ').then(|| color_of(c));
            if wanted != current {
                if current.is_some() {
                    out.push_str("\x1b[0m");
                }
                if let Some(code) = wanted {
                    let _ = write!(out, "\x1b[{code}m");
                }
                current = wanted;
            }
            out.push(c);
        }
        if current.is_some() {
            out.push_str("\x1b[0m");
        }
        out
    }
}

fn label(v: &VisitTiming) -> String {
    let mut text = format!("{}{}", "  ".repeat(v.depth), v.name);
    if v.visit_number > 0 {
        let _ = write!(text, " #{}", v.visit_number + 1);
    }
    text
}

fn scope_title(v: &VisitTiming) -> String {
    let step = v.scope_label.rsplit('/').next().unwrap_or(&v.scope_label);
    format!("{}▸ {step}", "  ".repeat(v.depth.saturating_sub(1)))
}

fn fit(text: &str, width: usize) -> String {
    let count = text.chars().count();
    if count <= width {
        format!("{text}{}", " ".repeat(width - count))
    } else {
        format!("{}…", text.chars().take(width.saturating_sub(1)).collect::<String>())
    }
}

fn draw_visit(canvas: &mut Canvas, v: &VisitTiming, end: jiff::Timestamp) {
    let closed = v.closed_at.unwrap_or(end);
    let body = if matches!(v.state_type, StateType::Parallel | StateType::Map) {
        CONTAINER
    } else {
        IN_STATE
    };
    canvas.fill(v.entered_at, closed, body);
    if v.state_type != StateType::Task {
        return;
    }
    for a in &v.attempts {
        let attempt_end = a.end_at.unwrap_or(closed);
        if let Some(work_from) = a.started_at {
            canvas.fill(a.begin_at, work_from, QUEUE);
            let work = if matches!(a.outcome, AttemptOutcome::Failed | AttemptOutcome::TimedOut) {
                FAILED
            } else {
                WORK
            };
            canvas.fill(work_from, attempt_end, work);
        } else {
            canvas.fill(a.begin_at, attempt_end, QUEUE);
        }
    }
    for b in &v.backoffs {
        canvas.fill(b.from_at, b.to_at, BACKOFF);
    }
}

fn note(v: &VisitTiming) -> String {
    let mut text = match v.duration_ms {
        Some(ms) => duration(ms),
        None => "open".to_owned(),
    };
    if v.attempts.len() > 1 {
        let _ = write!(text, " ×{}", v.attempts.len());
    }
    if v.error.is_some() {
        text.push_str(" failed");
    } else if v.closed == Closed::Aborted {
        text.push_str(" aborted");
    }
    text
}

/// Renders the chart.
pub fn render(report: &Report, options: TextOptions) -> String {
    let Some(start) = report.summary.started_at else {
        return "(empty history)\n".to_owned();
    };
    let end = report.summary.stopped_at.or(report.summary.last_event_at).unwrap_or(start);
    let end = report.visits.iter().filter_map(|v| v.closed_at).fold(end, |a, b| a.max(b));
    let total_ms = millis_between(start, end);
    let label_width = report
        .visits
        .iter()
        .map(|v| {
            let title = if v.depth > 0 { scope_title(v).chars().count() } else { 0 };
            label(v).chars().count().max(title)
        })
        .max()
        .unwrap_or(4)
        .clamp(12, 32);
    let note_width = 18;
    let bar_width = options.width.saturating_sub(label_width + note_width + 4).max(20);
    let mut out = String::new();
    let status = report.summary.status.as_str();
    let _ = writeln!(out, "{} {status} in {}", fit("execution", label_width), duration(total_ms));
    let axis_right = duration(total_ms);
    let axis = format!(
        "0{}{axis_right}",
        " ".repeat(bar_width.saturating_sub(1 + axis_right.chars().count()))
    );
    let _ = writeln!(out, "{} │{axis}│", " ".repeat(label_width));
    let mut shown_scopes: HashSet<ScopeId> = HashSet::new();
    let mut extents: HashMap<ScopeId, (jiff::Timestamp, jiff::Timestamp)> = HashMap::new();
    for m in &report.visits {
        let closed = m.closed_at.unwrap_or(end);
        let slot = extents.entry(m.scope).or_insert((m.entered_at, closed));
        *slot = (slot.0.min(m.entered_at), slot.1.max(closed));
    }
    for &id in &report.order {
        let v = &report.visits[id];
        if v.scope != ScopeId::TOP && shown_scopes.insert(v.scope) {
            let (from, to) = extents.get(&v.scope).copied().unwrap_or((v.entered_at, end));
            let mut canvas = Canvas::new(bar_width, start, total_ms);
            canvas.fill(from, to, SCOPE);
            let title = scope_title(v);
            let _ = writeln!(
                out,
                "{} │{}│ {}",
                fit(&title, label_width),
                canvas.render(options.color),
                duration(millis_between(from, to))
            );
        }
        let mut canvas = Canvas::new(bar_width, start, total_ms);
        draw_visit(&mut canvas, v, end);
        let _ = writeln!(
            out,
            "{} │{}│ {}",
            fit(&label(v), label_width),
            canvas.render(options.color),
            note(v)
        );
    }
    let _ = writeln!(
        out,
        "\n{WORK} work  {FAILED} failed attempt  {QUEUE} queued  {BACKOFF} retry backoff  \
         {IN_STATE} in state  {CONTAINER} parallel/map  {SCOPE} branch/iteration"
    );
    out
}
