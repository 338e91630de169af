//! The stable JSON form of a timing report (documented in docs/json-output.md).

use super::fmt::round_ms;
use serde::Serialize;
use sfn_ledger_model::timing::{
    AttemptTiming, Backoff, CaughtError, Closed, CriticalStep, ErrorInfo, Failure, ServiceGap,
    VisitTiming,
};
use sfn_ledger_model::Report;

/// The version of this JSON shape; bumped only for incompatible changes.
pub const REPORT_JSON_VERSION: u32 = 1;

/// The whole report.
#[derive(Debug, Serialize)]
pub struct ReportJson<'a> {
    version: u32,
    status: &'static str,
    started_at: Option<Time>,
    stopped_at: Option<Time>,
    started_event_id: Option<i64>,
    stopped_event_id: Option<i64>,
    duration_ms: Option<f64>,
    states_entered: usize,
    retries: usize,
    errors: usize,
    redrives: usize,
    time_in_states_ms: f64,
    time_in_service_ms: f64,
    path: &'a [String],
    states: Vec<StateJson<'a>>,
    failure: Option<FailureJson<'a>>,
    caught: Vec<CaughtJson<'a>>,
    critical_path: Vec<CriticalJson<'a>>,
    service_gaps: Vec<GapJson<'a>>,
}

#[derive(Debug, Serialize)]
struct StateJson<'a> {
    visit: usize,
    name: &'a str,
    #[serde(rename = "type")]
    state_type: &'static str,
    scope: &'a str,
    depth: usize,
    visit_number: usize,
    attempt: usize,
    entered_event_id: i64,
    exited_event_id: Option<i64>,
    closed: &'static str,
    entered_at: Time,
    exited_at: Option<Time>,
    duration_ms: Option<f64>,
    queue_ms: Option<f64>,
    work_ms: Option<f64>,
    error: Option<ErrorJson<'a>>,
    attempts: Vec<AttemptJson<'a>>,
    backoffs: Vec<BackoffJson>,
}

#[derive(Debug, Serialize)]
struct ErrorJson<'a> {
    error: Option<&'a str>,
    cause: Option<&'a str>,
    event_id: i64,
    event_type: &'a str,
}

#[derive(Debug, Serialize)]
struct AttemptJson<'a> {
    number: usize,
    outcome: sfn_ledger_model::AttemptOutcome,
    begin_event_id: i64,
    started_event_id: Option<i64>,
    end_event_id: Option<i64>,
    duration_ms: Option<f64>,
    queue_ms: Option<f64>,
    work_ms: Option<f64>,
    error: Option<ErrorJson<'a>>,
}

#[derive(Debug, Serialize)]
struct BackoffJson {
    after_attempt: usize,
    from_event_id: i64,
    to_event_id: i64,
    duration_ms: f64,
}

#[derive(Debug, Serialize)]
struct FailureJson<'a> {
    state: Option<&'a str>,
    scope: Option<&'a str>,
    error: Option<&'a str>,
    cause: Option<&'a str>,
    event_id: i64,
    event_type: &'a str,
    execution_error: Option<&'a str>,
    execution_cause: Option<&'a str>,
    terminal_event_id: i64,
    rethrown_by: Option<RethrownJson<'a>>,
}

#[derive(Debug, Serialize)]
struct RethrownJson<'a> {
    state: &'a str,
    event_id: i64,
}

#[derive(Debug, Serialize)]
struct CaughtJson<'a> {
    state: &'a str,
    scope: &'a str,
    error: Option<&'a str>,
    cause: Option<&'a str>,
    event_id: i64,
    event_type: &'a str,
    exited_event_id: i64,
    handler: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct CriticalJson<'a> {
    visit: usize,
    name: &'a str,
    scope: &'a str,
    depth: usize,
    duration_ms: f64,
    share: f64,
}

#[derive(Debug, Serialize)]
struct GapJson<'a> {
    scope: &'a str,
    from: Option<&'a str>,
    to: Option<&'a str>,
    from_event_id: i64,
    to_event_id: i64,
    duration_ms: f64,
}

/// A timestamp written as its RFC 3339 text without building a string first.
#[derive(Debug, Clone, Copy)]
struct Time(jiff::Timestamp);

impl Serialize for Time {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

fn ms(value: Option<f64>) -> Option<f64> {
    value.map(round_ms)
}

fn error(info: &ErrorInfo) -> ErrorJson<'_> {
    ErrorJson {
        error: info.error.as_deref(),
        cause: info.cause.as_deref(),
        event_id: info.event_id,
        event_type: &info.event_type,
    }
}

fn attempt(a: &AttemptTiming) -> AttemptJson<'_> {
    AttemptJson {
        number: a.number,
        outcome: a.outcome,
        begin_event_id: a.begin_event_id,
        started_event_id: a.started_event_id,
        end_event_id: a.end_event_id,
        duration_ms: ms(a.duration_ms),
        queue_ms: ms(a.queue_ms),
        work_ms: ms(a.work_ms),
        error: a.error.as_ref().map(error),
    }
}

fn backoff(b: &Backoff) -> BackoffJson {
    BackoffJson {
        after_attempt: b.after_attempt,
        from_event_id: b.from_event_id,
        to_event_id: b.to_event_id,
        duration_ms: round_ms(b.duration_ms),
    }
}

/// The `closed` value of a visit: `exited`, `aborted`, `execution_ended` or `open`.
pub fn closed_name(closed: Closed) -> &'static str {
    match closed {
        Closed::Exited => "exited",
        Closed::Aborted => "aborted",
        Closed::ExecutionEnded => "execution_ended",
        Closed::Open => "open",
    }
}

fn state(id: usize, v: &VisitTiming) -> StateJson<'_> {
    StateJson {
        visit: id,
        name: &v.name,
        state_type: v.state_type.as_str(),
        scope: &v.scope_label,
        depth: v.depth,
        visit_number: v.visit_number,
        attempt: v.attempt_count(),
        entered_event_id: v.entered_event_id,
        exited_event_id: v.closed_event_id,
        closed: closed_name(v.closed),
        entered_at: Time(v.entered_at),
        exited_at: v.closed_at.map(Time),
        duration_ms: ms(v.duration_ms),
        queue_ms: ms(v.queue_ms),
        work_ms: ms(v.work_ms),
        error: v.error.as_ref().map(error),
        attempts: v.attempts.iter().map(attempt).collect(),
        backoffs: v.backoffs.iter().map(backoff).collect(),
    }
}

fn failure(f: &Failure) -> FailureJson<'_> {
    FailureJson {
        state: f.state.as_deref(),
        scope: f.scope.as_deref(),
        error: f.error.error.as_deref(),
        cause: f.error.cause.as_deref(),
        event_id: f.error.event_id,
        event_type: &f.error.event_type,
        execution_error: f.execution_error.as_deref(),
        execution_cause: f.execution_cause.as_deref(),
        terminal_event_id: f.terminal_event_id,
        rethrown_by: f
            .rethrown_by
            .as_ref()
            .map(|(state, event_id)| RethrownJson { state, event_id: *event_id }),
    }
}

fn caught(c: &CaughtError) -> CaughtJson<'_> {
    CaughtJson {
        state: &c.state,
        scope: &c.scope,
        error: c.error.error.as_deref(),
        cause: c.error.cause.as_deref(),
        event_id: c.error.event_id,
        event_type: &c.error.event_type,
        exited_event_id: c.exited_event_id,
        handler: c.handler.as_deref(),
    }
}

fn critical(c: &CriticalStep) -> CriticalJson<'_> {
    CriticalJson {
        visit: c.visit,
        name: &c.name,
        scope: &c.scope,
        depth: c.depth,
        duration_ms: round_ms(c.duration_ms),
        share: (c.share * 1e6).round() / 1e6,
    }
}

fn gap<'a>(report: &'a Report, g: &'a ServiceGap) -> GapJson<'a> {
    let name = |v: Option<usize>| v.map(|v| report.visits[v].name.as_str());
    GapJson {
        scope: &g.scope,
        from: name(g.from),
        to: name(g.to),
        from_event_id: g.from_event_id,
        to_event_id: g.to_event_id,
        duration_ms: round_ms(g.duration_ms),
    }
}

/// Converts a report to its JSON shape.
pub fn report_json(report: &Report) -> ReportJson<'_> {
    let s = &report.summary;
    ReportJson {
        version: REPORT_JSON_VERSION,
        status: s.status.as_str(),
        started_at: s.started_at.map(Time),
        stopped_at: s.stopped_at.map(Time),
        started_event_id: s.started_event_id,
        stopped_event_id: s.stopped_event_id,
        duration_ms: ms(s.duration_ms),
        states_entered: s.states_entered,
        retries: s.retries,
        errors: s.errors,
        redrives: s.redrives,
        time_in_states_ms: round_ms(report.time_in_states_ms),
        time_in_service_ms: round_ms(report.time_in_service_ms),
        path: &report.path,
        states: report.order.iter().map(|&id| state(id, &report.visits[id])).collect(),
        failure: report.failure.as_ref().map(failure),
        caught: report.caught.iter().map(caught).collect(),
        critical_path: report.critical_path.iter().map(critical).collect(),
        service_gaps: report.service_gaps.iter().map(|g| gap(report, g)).collect(),
    }
}

/// Writes the report as pretty-printed JSON text and a newline.
pub fn write(report: &Report, out: &mut impl std::io::Write) -> std::io::Result<()> {
    super::json_pretty::to_writer_pretty(&mut *out, &report_json(report))?;
    out.write_all(b"\n")
}
