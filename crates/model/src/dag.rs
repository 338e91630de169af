//! The event DAG: one node per event, an edge from each event's `previousEventId` to it.

use crate::history::History;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::Direction;
use std::collections::HashMap;

/// The event DAG of a history, rebuilt from `previousEventId` links.
///
/// Node weights are positions in [`History::events`]. An event whose `previousEventId` is 0, or
/// names an id that is missing, later, or the event itself, is a root.
#[derive(Debug, Clone)]
pub struct EventDag {
    graph: DiGraph<usize, ()>,
    parent: Vec<Option<usize>>,
}

impl EventDag {
    /// Builds the DAG of a history.
    pub fn build(history: &History) -> EventDag {
        let mut graph = DiGraph::with_capacity(history.events.len(), history.events.len());
        // Well-formed ids (1..N in order) give positions directly; anything else is hashed.
        let dense = history.has_dense_ids();
        let mut first_position: HashMap<i64, usize> = HashMap::new();
        let mut parent = Vec::with_capacity(history.events.len());
        for (position, event) in history.events.iter().enumerate() {
            graph.add_node(position);
            let link = match event.previous_event_id {
                0 => None,
                prev if dense => (prev > 0 && prev < event.id).then(|| (prev - 1) as usize),
                prev => first_position.get(&prev).copied(),
            };
            if let Some(from) = link {
                graph.add_edge(NodeIndex::new(from), NodeIndex::new(position), ());
            }
            parent.push(link);
            if !dense {
                first_position.entry(event.id).or_insert(position);
            }
        }
        EventDag { graph, parent }
    }

    /// The position of the event a given event follows, if it links to an earlier event.
    pub fn parent(&self, position: usize) -> Option<usize> {
        self.parent.get(position).copied().flatten()
    }

    /// Positions of the events that follow a given event.
    pub fn children(&self, position: usize) -> Vec<usize> {
        let mut children: Vec<usize> = self
            .graph
            .neighbors_directed(NodeIndex::new(position), Direction::Outgoing)
            .map(|n| n.index())
            .collect();
        children.sort_unstable();
        children
    }

    /// Positions of the events with no parent.
    pub fn roots(&self) -> Vec<usize> {
        (0..self.parent.len()).filter(|&p| self.parent[p].is_none()).collect()
    }

    /// The underlying petgraph graph (node weight = event position).
    pub fn graph(&self) -> &DiGraph<usize, ()> {
        &self.graph
    }
}
