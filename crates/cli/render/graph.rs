//! Graphs as Graphviz dot or Mermaid: the event DAG (`previousEventId` links, with the time
//! between linked events) and the path of states taken (states merged across Map iterations,
//! edges annotated with how often they were taken and the total time between the states).

use super::fmt::duration;
use crate::timed::Timed;
use sfn_ledger_model::timing::{failure::is_error_origin, millis_between};
use sfn_ledger_model::{ScopeId, ScopeStep};
use std::collections::BTreeMap;
use std::fmt::Write;

/// The graph notations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notation {
    /// Graphviz dot.
    Dot,
    /// Mermaid flowchart.
    Mermaid,
}

/// A graph in notation-neutral form: nodes grouped in clusters, labelled edges.
#[derive(Debug, Default)]
struct Graph {
    /// (id, label lines, cluster, emphasised)
    nodes: Vec<(String, Vec<String>, Option<String>, bool)>,
    /// (from, to, label)
    edges: Vec<(String, String, String)>,
}

fn dot_quote(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

fn mermaid_quote(text: &str) -> String {
    text.replace('"', "#quot;").replace('<', "#lt;").replace('>', "#gt;")
}

impl Graph {
    fn clusters(&self) -> Vec<(Option<String>, Vec<usize>)> {
        let mut clusters: Vec<(Option<String>, Vec<usize>)> = Vec::new();
        for (i, node) in self.nodes.iter().enumerate() {
            match clusters.iter_mut().find(|(c, _)| *c == node.2) {
                Some((_, members)) => members.push(i),
                None => clusters.push((node.2.clone(), vec![i])),
            }
        }
        clusters
    }

    fn render(&self, notation: Notation, name: &str) -> String {
        let mut out = String::new();
        match notation {
            Notation::Dot => {
                let _ = writeln!(out, "digraph {name} {{");
                out.push_str("  rankdir=TB;\n  node [shape=box, style=rounded, fontname=\"Helvetica\", fontsize=10];\n  edge [fontname=\"Helvetica\", fontsize=9];\n");
                for (n, (cluster, members)) in self.clusters().iter().enumerate() {
                    let indent = if cluster.is_some() { "    " } else { "  " };
                    if let Some(label) = cluster {
                        let _ = writeln!(
                            out,
                            "  subgraph cluster_{n} {{\n    label=\"{}\";\n    style=dashed;",
                            dot_quote(label)
                        );
                    }
                    for &i in members {
                        let (id, lines, _, emphasised) = &self.nodes[i];
                        let label =
                            lines.iter().map(|l| dot_quote(l)).collect::<Vec<_>>().join("\\n");
                        let extra = if *emphasised { ", color=red, fontcolor=red" } else { "" };
                        let _ = writeln!(out, "{indent}{id} [label=\"{label}\"{extra}];");
                    }
                    if cluster.is_some() {
                        out.push_str("  }\n");
                    }
                }
                for (from, to, label) in &self.edges {
                    if label.is_empty() {
                        let _ = writeln!(out, "  {from} -> {to};");
                    } else {
                        let _ = writeln!(out, "  {from} -> {to} [label=\"{}\"];", dot_quote(label));
                    }
                }
                out.push_str("}\n");
            }
            Notation::Mermaid => {
                out.push_str("flowchart TD\n");
                for (n, (cluster, members)) in self.clusters().iter().enumerate() {
                    let indent = if cluster.is_some() { "    " } else { "  " };
                    if let Some(label) = cluster {
                        let _ = writeln!(out, "  subgraph c{n}[\"{}\"]", mermaid_quote(label));
                    }
                    for &i in members {
                        let (id, lines, _, _) = &self.nodes[i];
                        let label = lines
                            .iter()
                            .map(|l| mermaid_quote(l))
                            .collect::<Vec<_>>()
                            .join("<br/>");
                        let _ = writeln!(out, "{indent}{id}[\"{label}\"]");
                    }
                    if cluster.is_some() {
                        out.push_str("  end\n");
                    }
                }
                for (from, to, label) in &self.edges {
                    if label.is_empty() {
                        let _ = writeln!(out, "  {from} --> {to}");
                    } else {
                        let _ = writeln!(out, "  {from} -->|\"{}\"| {to}", mermaid_quote(label));
                    }
                }
                let failed: Vec<&str> =
                    self.nodes.iter().filter(|n| n.3).map(|n| n.0.as_str()).collect();
                if !failed.is_empty() {
                    out.push_str("  classDef failed stroke:#cf222e,color:#cf222e\n");
                    let _ = writeln!(out, "  class {} failed", failed.join(","));
                }
            }
        }
        out
    }
}

/// The event DAG.
pub fn events(timed: &Timed, notation: Notation) -> String {
    let history = &timed.history;
    let analysis = &timed.analysis;
    let mut graph = Graph::default();
    for (position, event) in history.events.iter().enumerate() {
        let mut lines = vec![format!("{} {}", event.id, event.event_type)];
        if let Some(name) = event.state_name() {
            lines.push(name.to_owned());
        }
        let scope = analysis.event_scope[position];
        let cluster = (scope != ScopeId::TOP).then(|| analysis.scopes.label(scope));
        let failed = is_error_origin(&event.event_type);
        graph.nodes.push((format!("e{position}"), lines, cluster, failed));
        if let Some(parent) = analysis.dag.parent(position) {
            let delta = millis_between(history.events[parent].timestamp, event.timestamp);
            graph.edges.push((
                format!("e{parent}"),
                format!("e{position}"),
                format!("+{}", duration(delta)),
            ));
        }
    }
    graph.render(notation, "events")
}

/// A scope with Map iteration indexes replaced by `*`, so iterations share their states.
fn scope_shape(timed: &Timed, scope: ScopeId) -> Option<String> {
    if scope == ScopeId::TOP {
        return None;
    }
    let steps: Vec<String> = timed
        .analysis
        .scopes
        .path(scope)
        .into_iter()
        .map(|step| match step {
            ScopeStep::Branch { state, index, .. } => format!("{state}[branch {index}]"),
            ScopeStep::Iteration { state, .. } => format!("{state}[*]"),
        })
        .collect();
    Some(steps.join("/"))
}

#[derive(Default)]
struct Tally {
    count: usize,
    total_ms: f64,
}

fn tally_label(t: &Tally) -> String {
    format!("×{} · {}", t.count, duration(t.total_ms))
}

/// The path of states taken.
pub fn states(timed: &Timed, notation: Notation) -> String {
    let report = &timed.report;
    let mut node_ids: BTreeMap<(Option<String>, String), usize> = BTreeMap::new();
    let mut graph = Graph::default();
    let mut node_tally: Vec<Tally> = Vec::new();
    let mut node_of_visit = vec![0; report.visits.len()];
    for &id in &report.order {
        let v = &report.visits[id];
        let key = (scope_shape(timed, v.scope), v.name.clone());
        let n = *node_ids.entry(key.clone()).or_insert_with(|| {
            graph.nodes.push((
                format!("s{}", graph.nodes.len()),
                vec![v.name.clone(), v.state_type.as_str().to_owned()],
                key.0.clone(),
                false,
            ));
            node_tally.push(Tally::default());
            graph.nodes.len() - 1
        });
        node_of_visit[id] = n;
        node_tally[n].count += 1;
        node_tally[n].total_ms += v.duration_ms.unwrap_or(0.0);
        if v.error.is_some() {
            graph.nodes[n].3 = true;
        }
    }
    for (n, tally) in node_tally.iter().enumerate() {
        graph.nodes[n].1.push(tally_label(tally));
    }
    let mut edges: BTreeMap<(String, String), (usize, Tally)> = BTreeMap::new();
    let mut add = |from: String, to: String, ms: f64, seq: usize| {
        let entry = edges.entry((from, to)).or_insert((seq, Tally::default()));
        entry.1.count += 1;
        entry.1.total_ms += ms;
    };
    let node = |id: usize| graph.nodes[node_of_visit[id]].0.clone();
    let mut by_scope: BTreeMap<ScopeId, Vec<usize>> = BTreeMap::new();
    for (id, v) in report.visits.iter().enumerate() {
        by_scope.entry(v.scope).or_default().push(id);
    }
    let start = report.summary.started_at;
    for (scope, ids) in &by_scope {
        let first = ids[0];
        if *scope == ScopeId::TOP {
            let gap = start.map_or(0.0, |s| millis_between(s, report.visits[first].entered_at));
            add("exec_start".into(), node(first), gap, 0);
        } else if let Some(owner) = container_of(timed, *scope) {
            let gap =
                millis_between(report.visits[owner].entered_at, report.visits[first].entered_at);
            add(node(owner), node(first), gap, first);
        }
        for pair in ids.windows(2) {
            let (a, b) = (&report.visits[pair[0]], &report.visits[pair[1]]);
            let gap = a.closed_at.map_or(0.0, |t| millis_between(t, b.entered_at));
            add(node(pair[0]), node(pair[1]), gap, pair[1]);
        }
        if *scope == ScopeId::TOP {
            if let (Some(stopped), Some(&last)) = (report.summary.stopped_at, ids.last()) {
                let gap = report.visits[last].closed_at.map_or(0.0, |t| millis_between(t, stopped));
                add(node(last), "exec_end".into(), gap, usize::MAX);
            }
        }
    }
    graph.nodes.insert(0, ("exec_start".into(), vec!["start".into()], None, false));
    if report.summary.stopped_at.is_some() {
        let failed = report.summary.status.is_failure();
        graph.nodes.push((
            "exec_end".into(),
            vec![report.summary.status.as_str().to_owned()],
            None,
            failed,
        ));
    }
    let mut ordered: Vec<_> = edges.into_iter().collect();
    ordered.sort_by_key(|((from, to), (seq, _))| (*seq, from.clone(), to.clone()));
    graph.edges =
        ordered.into_iter().map(|((from, to), (_, t))| (from, to, tally_label(&t))).collect();
    graph.render(notation, "states")
}

/// The Parallel or Map visit that opened a branch or iteration.
fn container_of(timed: &Timed, scope: ScopeId) -> Option<usize> {
    let started = match timed.analysis.scopes.step(scope)? {
        ScopeStep::Branch { started_event_id, .. }
        | ScopeStep::Iteration { started_event_id, .. } => *started_event_id,
    };
    let position = timed.history.events.iter().position(|e| e.id == started)?;
    timed.analysis.event_visit[position]
}
