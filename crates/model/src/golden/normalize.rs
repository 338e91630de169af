//! Builds the normalized (golden) form of a history: events regrouped by scope, each Parallel
//! branch named by its first state and each Map iteration by its item index, ids replaced by
//! positions within the scope, timestamps dropped, run-specific values replaced by placeholders.

use super::redact::Redactor;
use crate::analysis::{Analysis, VisitId};
use crate::event_type::EventType;
use crate::history::History;
use crate::history::Positions;
use crate::scope::{ScopeId, ScopeStep};
use serde_json::{json, Map, Value};
use std::collections::HashMap;

/// The value of the `format` field of golden files.
pub const FORMAT: &str = "sfn-ledger-golden/1";

/// The details fields that hold payloads (dropped with `payloads = false`).
const PAYLOAD_FIELDS: &[&str] = &["input", "output", "parameters", "inputDetails", "outputDetails"];

/// How to normalize; stored in the golden file so a check applies the same.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldenOptions {
    /// Keep payloads (inputs, outputs, parameters).
    pub payloads: bool,
    /// Extra regular expressions whose matches become `<redacted>`.
    pub redact: Vec<String>,
    /// Object keys whose values become `<redacted>` (e.g. inputs that vary on purpose).
    pub redact_keys: Vec<String>,
}

impl Default for GoldenOptions {
    fn default() -> Self {
        GoldenOptions { payloads: true, redact: Vec::new(), redact_keys: Vec::new() }
    }
}

/// A normalized history and, for each (scope key, position), the original event id.
#[derive(Debug, Clone)]
pub struct Golden {
    /// The golden document.
    pub doc: Value,
    /// Original event ids by scope key and 1-based position.
    pub origin: HashMap<(String, usize), i64>,
}

/// Normalizes a history. `execution_name`, when known, is replaced by a placeholder.
pub fn normalize(
    history: &History,
    analysis: &Analysis,
    options: &GoldenOptions,
    execution_name: Option<&str>,
) -> Result<Golden, String> {
    let redactor = Redactor::new(&options.redact, &options.redact_keys, execution_name)?;
    let positions = history.positions();
    let scope_of = event_scopes(history, analysis, &positions);
    let keys = ScopeKeys::new(analysis, &positions);
    // Events per scope, in history order, with their 1-based position.
    let mut members: HashMap<ScopeId, Vec<usize>> = HashMap::new();
    let mut rank = vec![0usize; history.events.len()];
    for (p, scope) in scope_of.iter().enumerate() {
        let list = members.entry(*scope).or_default();
        list.push(p);
        rank[p] = list.len();
    }
    let mut scopes: Vec<ScopeId> = members.keys().copied().collect();
    scopes.sort_by(|a, b| keys.sort[a.0].cmp(&keys.sort[b.0]));
    let mut origin = HashMap::new();
    let mut out = Vec::new();
    for scope in scopes {
        let key = &keys.label[scope.0];
        let mut events = Vec::new();
        for &p in &members[&scope] {
            let event = &history.events[p];
            origin.insert((key.clone(), rank[p]), event.id);
            let moved = scope != analysis.event_scope[p];
            let prev = match positions.get(&event.previous_event_id) {
                None => Value::Null,
                Some(&q) if scope_of[q] == scope => json!(rank[q]),
                // Where a MapIteration* event points outside its iteration depends on timing.
                Some(_) if moved => json!("<outside the iteration>"),
                Some(&q) if analysis.scopes.is_within(scope, scope_of[q]) => {
                    json!(format!("{}#{}", keys.label[scope_of[q].0], rank[q]))
                }
                Some(&q) if analysis.scopes.is_within(scope_of[q], scope) => json!("<inner scope>"),
                Some(_) => json!("<other scope>"),
            };
            let mut entry = Map::new();
            entry.insert("n".into(), json!(rank[p]));
            entry.insert("type".into(), json!(event.event_type.as_str()));
            entry.insert("prev".into(), prev);
            if let Some(details) = details(event, options.payloads, &redactor) {
                entry.insert("details".into(), details);
            }
            events.push(Value::Object(entry));
        }
        out.push(json!({ "scope": key, "events": events }));
    }
    let status = match history.terminal().map(|e| &e.event_type) {
        Some(EventType::ExecutionSucceeded) => "SUCCEEDED",
        Some(EventType::ExecutionFailed) => "FAILED",
        Some(EventType::ExecutionTimedOut) => "TIMED_OUT",
        Some(EventType::ExecutionAborted) => "ABORTED",
        _ => "RUNNING",
    };
    let doc = json!({
        "format": FORMAT,
        "options": {
            "payloads": options.payloads,
            "redact": options.redact,
            "redact_keys": options.redact_keys,
        },
        "status": status,
        "scopes": out,
    });
    Ok(Golden { doc, origin })
}

/// The details object of an event, payloads parsed as JSON (or dropped), values redacted.
fn details(
    event: &crate::event::HistoryEvent,
    payloads: bool,
    redactor: &Redactor,
) -> Option<Value> {
    let key = event.event_type.details_key()?;
    let raw: Value = serde_json::from_str(event.raw.get()).ok()?;
    let mut details = raw.get(key)?.clone();
    if let Value::Object(map) = &mut details {
        for field in PAYLOAD_FIELDS {
            if !payloads {
                map.remove(*field);
            } else if let Some(Value::String(text)) = map.get(*field) {
                if let Ok(parsed) = serde_json::from_str::<Value>(text) {
                    map.insert((*field).to_owned(), parsed);
                }
            }
        }
    }
    redactor.value(&mut details);
    Some(details)
}

/// The scope of every event, with `MapIteration*` events moved into the iteration they concern
/// (so that the order in which iterations finish does not show in the parent scope).
fn event_scopes(history: &History, analysis: &Analysis, positions: &Positions) -> Vec<ScopeId> {
    let mut iterations: HashMap<(VisitId, i64), Vec<(usize, ScopeId)>> = HashMap::new();
    for s in 1..analysis.scopes.len() {
        let scope = ScopeId(s);
        if let Some(ScopeStep::Iteration { started_event_id, index, .. }) =
            analysis.scopes.step(scope)
        {
            if let Some(&p) = positions.get(started_event_id) {
                if let Some(visit) = analysis.event_visit[p] {
                    iterations.entry((visit, *index)).or_default().push((p, scope));
                }
            }
        }
    }
    let mut out = analysis.event_scope.clone();
    for (p, event) in history.events.iter().enumerate() {
        let is_iteration_event = matches!(
            event.event_type,
            EventType::MapIterationStarted
                | EventType::MapIterationSucceeded
                | EventType::MapIterationFailed
                | EventType::MapIterationAborted
        );
        let key = analysis.event_visit[p].zip(event.map_index());
        if let (true, Some(key)) = (is_iteration_event, key) {
            // The latest iteration with that index started at or before this event.
            if let Some((_, scope)) =
                iterations.get(&key).and_then(|l| l.iter().rev().find(|(s, _)| *s <= p))
            {
                out[p] = *scope;
            }
        }
    }
    out
}

/// One step of a scope's sort key: state, visit number, attempt, branch label (empty for
/// iterations), item index (0 for branches).
type SortStep = (String, usize, usize, String, i64);

/// Stable names for scopes: `top`, `top/Par#0/branch:Left`, `top/Loop#0/item:3`.
struct ScopeKeys {
    label: Vec<String>,
    sort: Vec<Vec<SortStep>>,
}

impl ScopeKeys {
    fn new(analysis: &Analysis, positions: &Positions) -> ScopeKeys {
        let n = analysis.scopes.len();
        let mut keys = ScopeKeys { label: vec!["top".to_owned(); n], sort: vec![Vec::new(); n] };
        let mut used: HashMap<String, usize> = HashMap::new();
        // Parents are always created before their children, so one pass in id order works.
        for s in 1..n {
            let scope = ScopeId(s);
            let parent = analysis.scopes.parent(scope).unwrap_or(ScopeId::TOP);
            let Some(step) = analysis.scopes.step(scope) else { continue };
            let (state, started, part, branch, index) = match step {
                ScopeStep::Branch { state, started_event_id, index } => {
                    let first = analysis.visits_in(scope).next().map(|(_, v)| v.name.clone());
                    let part = first.map_or(format!("branch:#{index}"), |f| format!("branch:{f}"));
                    (state, *started_event_id, part.clone(), part, 0)
                }
                ScopeStep::Iteration { state, started_event_id, index } => {
                    (state, *started_event_id, format!("item:{index}"), String::new(), *index)
                }
            };
            let (visit_number, attempt) = positions
                .get(&started)
                .and_then(|&p| {
                    let visit = &analysis.visits[analysis.event_visit[p]?];
                    // A Map iteration starts at MapIterationStarted: the attempt is the last
                    // one begun before it.
                    let attempt = visit.attempts.iter().rposition(|a| a.begin <= p).unwrap_or(0);
                    Some((visit.visit_number, attempt))
                })
                .unwrap_or((0, 0));
            let attempt_text =
                if attempt > 0 { format!(".attempt{}", attempt + 1) } else { String::new() };
            let mut label =
                format!("{}/{state}#{visit_number}{attempt_text}/{part}", keys.label[parent.0]);
            let seen = used.entry(label.clone()).or_insert(0);
            *seen += 1;
            if *seen > 1 {
                label.push_str(&format!("~{seen}"));
            }
            let mut sort = keys.sort[parent.0].clone();
            sort.push((state.clone(), visit_number, attempt, branch, index));
            keys.label[s] = label;
            keys.sort[s] = sort;
        }
        keys
    }
}

impl GoldenOptions {
    /// The options recorded in a golden document (`options`), so a check normalizes the same.
    pub fn from_doc(doc: &Value) -> Result<GoldenOptions, String> {
        if doc.get("format").and_then(Value::as_str) != Some(FORMAT) {
            return Err(format!("not a golden history (expected \"format\": \"{FORMAT}\")"));
        }
        let options = doc.get("options").cloned().unwrap_or(Value::Null);
        let strings = |key: &str| -> Result<Vec<String>, String> {
            match options.get(key) {
                None | Some(Value::Null) => Ok(Vec::new()),
                Some(v) => serde_json::from_value(v.clone())
                    .map_err(|_| format!("options.{key} must be a list of strings")),
            }
        };
        Ok(GoldenOptions {
            payloads: options.get("payloads").and_then(Value::as_bool).unwrap_or(true),
            redact: strings("redact")?,
            redact_keys: strings("redact_keys")?,
        })
    }
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
