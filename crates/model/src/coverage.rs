//! Transition coverage: which states and edges of a definition a set of runs exercised.
//!
//! A transition is credited to the edge [`conformance::classify`] finds for it; transitions
//! that are not edges (conformance reports them) are counted in `unmatched`.

use crate::analysis::Analysis;
use crate::asl::{Definition, EdgeKind};
use crate::conformance::{classify, Context, Step};
use crate::history::History;
use serde::Serialize;
use std::collections::HashMap;

/// How often each state and edge of a definition was exercised.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coverage {
    /// How many runs were counted.
    pub runs: usize,
    /// Every state of the definition, scopes in definition order.
    pub states: Vec<StateCoverage>,
    /// Every edge of the definition, in definition order.
    pub edges: Vec<EdgeCoverage>,
    /// Transitions between consecutive states that are no edge of the definition.
    pub unmatched: usize,
}

/// One state and how often it was entered.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StateCoverage {
    /// JSON path of the state (`States.Par.Branches[0].States.A`).
    pub path: String,
    /// The state's name.
    pub name: String,
    /// How many visits entered it, over all runs.
    pub visits: usize,
}

/// One edge and how often it was taken.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EdgeCoverage {
    /// JSON path of the field naming the target (`States.A.Catch[0].Next`).
    pub path: String,
    /// The source state's name.
    pub from: String,
    /// The target state's name.
    pub to: String,
    /// next, choice, default or catch.
    pub kind: EdgeKind,
    /// How many transitions took it, over all runs.
    pub taken: usize,
}

impl Coverage {
    /// The states never entered.
    pub fn unvisited_states(&self) -> impl Iterator<Item = &StateCoverage> {
        self.states.iter().filter(|s| s.visits == 0)
    }

    /// The edges never taken.
    pub fn untaken_edges(&self) -> impl Iterator<Item = &EdgeCoverage> {
        self.edges.iter().filter(|e| e.taken == 0)
    }

    /// `(exercised, total)` for states.
    pub fn state_ratio(&self) -> (usize, usize) {
        (self.states.iter().filter(|s| s.visits > 0).count(), self.states.len())
    }

    /// `(exercised, total)` for edges.
    pub fn edge_ratio(&self) -> (usize, usize) {
        (self.edges.iter().filter(|e| e.taken > 0).count(), self.edges.len())
    }
}

/// Counts the states entered and edges taken by runs of a definition.
pub fn coverage(definition: &Definition, runs: &[(History, Analysis)]) -> Coverage {
    let mut state_visits: HashMap<String, usize> = HashMap::new();
    let mut edge_taken: HashMap<String, usize> = HashMap::new();
    let mut unmatched = 0;
    for (history, analysis) in runs {
        let context = Context::new(history, analysis, definition);
        for scope in context.scope_ids() {
            let visits = context.visits_in(scope);
            for visit in visits {
                if let Some(state) = context.state(visit) {
                    *state_visits.entry(state.path.clone()).or_default() += 1;
                }
            }
            for pair in visits.windows(2) {
                match classify(&context, pair[0], &pair[1].name) {
                    Step::Edge(edge) => *edge_taken.entry(edge.path).or_default() += 1,
                    Step::NotAnEdge(_) => unmatched += 1,
                    Step::Unknown => {}
                }
            }
        }
    }
    let all = definition.all_states();
    let states = all
        .iter()
        .map(|(_, s)| StateCoverage {
            path: s.path.clone(),
            name: s.name.clone(),
            visits: state_visits.get(&s.path).copied().unwrap_or(0),
        })
        .collect();
    let edges = all
        .iter()
        .flat_map(|(_, s)| s.edges().into_iter().map(move |e| (s.name.clone(), e)))
        .map(|(from, e)| EdgeCoverage {
            taken: edge_taken.get(&e.path).copied().unwrap_or(0),
            path: e.path,
            from,
            to: e.target,
            kind: e.kind,
        })
        .collect();
    Coverage { runs: runs.len(), states, edges, unmatched }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_history;

    const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/asl");

    fn run(name: &str) -> (History, Analysis) {
        let history = parse_history(&std::fs::read(format!("{DIR}/{name}")).unwrap()).unwrap();
        let analysis = Analysis::new(&history);
        (history, analysis)
    }

    fn definition(name: &str) -> Definition {
        Definition::parse(&std::fs::read(format!("{DIR}/{name}")).unwrap()).unwrap()
    }

    fn taken(coverage: &Coverage) -> Vec<(&str, EdgeKind, usize)> {
        coverage.edges.iter().map(|e| (e.path.as_str(), e.kind, e.taken)).collect()
    }

    #[test]
    fn two_choice_runs_cover_one_rule_and_the_default() {
        let runs = [run("choice.history.json"), run("choice.default.history.json")];
        let coverage = coverage(&definition("choice.asl.json"), &runs);
        assert_eq!(
            taken(&coverage),
            [
                ("States.Prepare.Next", EdgeKind::Next, 2),
                ("States.Route.Choices[0].Next", EdgeKind::Choice, 1),
                ("States.Route.Choices[1].Next", EdgeKind::Choice, 0),
                ("States.Route.Default", EdgeKind::Default, 1),
                ("States.Big.Next", EdgeKind::Next, 1),
                ("States.Zero.Next", EdgeKind::Next, 0),
                ("States.Other.Next", EdgeKind::Next, 1),
            ]
        );
        let unvisited: Vec<_> = coverage.unvisited_states().map(|s| s.name.as_str()).collect();
        assert_eq!(unvisited, ["Zero"]);
        assert_eq!((coverage.state_ratio(), coverage.edge_ratio()), ((5, 6), (5, 7)));
        assert_eq!((coverage.runs, coverage.unmatched), (2, 0));
    }

    #[test]
    fn catch_edges_and_iterations_are_counted() {
        let coverage =
            coverage(&definition("retry-catch.asl.json"), &[run("retry-catch.history.json")]);
        assert_eq!(
            taken(&coverage),
            [
                ("States.CallActivity.Next", EdgeKind::Next, 0),
                ("States.CallActivity.Catch[0].Next", EdgeKind::Catch, 1),
                ("States.Recovered.Next", EdgeKind::Next, 1),
            ]
        );
        // Three items: Size is entered three times, Large once (v = 5), Small twice.
        let coverage = super::coverage(&definition("map.asl.json"), &[run("map.history.json")]);
        let visits: Vec<_> = coverage.states.iter().map(|s| (s.name.as_str(), s.visits)).collect();
        assert_eq!(
            visits,
            [("Items", 1), ("EachItem", 1), ("Size", 3), ("Large", 1), ("Small", 2)]
        );
        assert_eq!(
            taken(&coverage),
            [
                ("States.Items.Next", EdgeKind::Next, 1),
                ("States.EachItem.ItemProcessor.States.Size.Choices[0].Next", EdgeKind::Choice, 1),
                ("States.EachItem.ItemProcessor.States.Size.Default", EdgeKind::Default, 2),
            ]
        );
    }

    #[test]
    fn branches_are_matched_by_start_state_inside_iterations() {
        // Two items: both run Split's two branches; item 1 (odd) fails in "Odd" and is caught.
        let coverage = coverage(&definition("nested.asl.json"), &[run("nested.history.json")]);
        let visits: Vec<_> = coverage.states.iter().map(|s| (s.name.as_str(), s.visits)).collect();
        assert_eq!(
            visits,
            [
                ("PerItem", 1),
                ("Done", 1),
                ("Split", 2),
                ("Flagged", 1),
                ("Accepted", 1),
                ("IsOdd", 2),
                ("Odd", 1),
                ("Even", 1),
                ("Echo", 2),
            ]
        );
        let catch = coverage.edges.iter().find(|e| e.kind == EdgeKind::Catch).unwrap();
        assert_eq!((catch.to.as_str(), catch.taken), ("Flagged", 1));
        assert_eq!(coverage.unmatched, 0);
    }

    #[test]
    fn transitions_that_are_no_edge_are_counted_apart() {
        let json = std::fs::read_to_string(format!("{DIR}/choice.asl.json")).unwrap();
        let edited =
            Definition::parse(json.replace(r#""Next": "Route""#, r#""Next": "Other""#).as_bytes())
                .unwrap();
        let coverage = coverage(&edited, &[run("choice.history.json")]);
        assert_eq!(coverage.unmatched, 1);
        assert_eq!(coverage.edges[0].taken, 0);
    }
}
