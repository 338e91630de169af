//! The timeline as ONE self-contained HTML page (inline CSS and JavaScript, no network): an
//! interactive Gantt chart (hover for details, click a row to highlight that state, filter by
//! scope) above the per-state table.

use super::fmt::round_ms;
use super::report_json::report_json;
use serde_json::json;
use sfn_ledger_model::timing::millis_between;
use sfn_ledger_model::Report;

const STYLE: &str = include_str!("assets/timeline.css");
const SCRIPT: &str = include_str!("assets/timeline.js");

/// Escapes text for HTML element content and attribute values.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The drawing data: offsets in milliseconds from the execution's start, by visit in display order.
fn bars(report: &Report) -> serde_json::Value {
    let Some(start) = report.summary.started_at else { return json!({"total_ms": 0, "bars": []}) };
    let end = report.summary.stopped_at.or(report.summary.last_event_at).unwrap_or(start);
    let end = report.visits.iter().filter_map(|v| v.closed_at).fold(end, |a, b| a.max(b));
    let off = |t: jiff::Timestamp| round_ms(millis_between(start, t));
    let bars: Vec<_> = report
        .order
        .iter()
        .map(|&id| {
            let v = &report.visits[id];
            let closed = v.closed_at.unwrap_or(end);
            json!({
                "start_ms": off(v.entered_at),
                "end_ms": off(closed),
                "attempts": v.attempts.iter().map(|a| json!({
                    "begin_ms": off(a.begin_at),
                    "started_ms": a.started_at.map(off),
                    "end_ms": off(a.end_at.unwrap_or(closed)),
                    "outcome": a.outcome,
                })).collect::<Vec<_>>(),
                "backoffs": v.backoffs.iter().map(|b| json!({
                    "from_ms": off(b.from_at), "to_ms": off(b.to_at)
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({"total_ms": off(end), "bars": bars})
}

/// Renders the page; `title` names the history (its file).
pub fn render(report: &Report, title: &str) -> String {
    let data = json!({"report": report_json(report), "timeline": bars(report)});
    // Keep the JSON from closing the script element early.
    let data = serde_json::to_string(&data).unwrap_or_default().replace("</", "<\\/");
    let title = escape(title);
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>sfn-ledger timeline: {title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n\
         <header><h1>Timeline <span class=\"source\">{title}</span></h1>\
         <div id=\"summary\"></div></header>\n\
         <div id=\"controls\"><label>Scope <select id=\"scope-filter\"><option value=\"\">all</option></select></label>\
         <button id=\"clear\" type=\"button\">clear highlight</button>\
         <span class=\"legend\"><i class=\"k-work\"></i>work <i class=\"k-failed\"></i>failed attempt \
         <i class=\"k-queue\"></i>queued <i class=\"k-backoff\"></i>backoff <i class=\"k-state\"></i>in state \
         <i class=\"k-container\"></i>parallel/map <i class=\"k-critical\"></i>critical path</span></div>\n\
         <div id=\"chart\"><div id=\"axis\"></div><div id=\"rows\"></div></div>\n\
         <div id=\"tooltip\" hidden></div>\n\
         <h2>States</h2>\n<table id=\"states\"><thead><tr><th>#</th><th>State</th><th>Type</th>\
         <th>Scope</th><th>Attempt</th><th>Events</th><th>Duration</th><th>Queue</th><th>Work</th>\
         <th>Error</th></tr></thead><tbody></tbody></table>\n\
         <script id=\"timeline-data\" type=\"application/json\">{data}</script>\n\
         <script>\n{SCRIPT}</script>\n</body>\n</html>\n"
    )
}
