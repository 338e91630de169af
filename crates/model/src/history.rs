//! A whole execution history: its events in id order and what was noticed while reading it.

use crate::event::HistoryEvent;
use serde::Serialize;
use std::collections::HashMap;

/// Something worth telling about input that was still read (an unknown event type, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParseWarning {
    /// The event concerned, if any.
    pub event_id: Option<i64>,
    /// What was noticed.
    pub message: String,
}

/// Event positions by id: by offset when the ids are 1..N in order, hashed otherwise.
#[derive(Debug, Clone)]
pub struct Positions {
    in_order: Vec<usize>,
    by_id: Option<HashMap<i64, usize>>,
}

impl Positions {
    /// The position of the event with this id.
    pub fn get(&self, id: &i64) -> Option<&usize> {
        match &self.by_id {
            Some(map) => map.get(id),
            None => id
                .checked_sub(1)
                .and_then(|i| usize::try_from(i).ok())
                .and_then(|i| self.in_order.get(i)),
        }
    }
}

/// The events of one execution, in the order read (ascending ids for well-formed input).
#[derive(Debug, Clone, Default)]
pub struct History {
    /// The events.
    pub events: Vec<HistoryEvent>,
    /// Warnings from reading.
    pub warnings: Vec<ParseWarning>,
}

impl History {
    /// The event with this id, if present (first one when ids repeat).
    pub fn event(&self, id: i64) -> Option<&HistoryEvent> {
        // Well-formed histories have id == position + 1: try that first.
        let guess = usize::try_from(id - 1).ok().and_then(|i| self.events.get(i));
        match guess {
            Some(event) if event.id == id => Some(event),
            _ => self.events.iter().find(|e| e.id == id),
        }
    }

    /// Event positions by id (the first event with an id, when ids repeat).
    pub fn positions(&self) -> Positions {
        if self.has_dense_ids() {
            return Positions { in_order: (0..self.events.len()).collect(), by_id: None };
        }
        let mut map = HashMap::with_capacity(self.events.len());
        for (i, e) in self.events.iter().enumerate() {
            map.entry(e.id).or_insert(i);
        }
        Positions { in_order: Vec::new(), by_id: Some(map) }
    }

    /// True when the ids are exactly 1, 2, …, N in order, as in every well-formed history.
    pub fn has_dense_ids(&self) -> bool {
        self.events.iter().zip(1..).all(|(e, id)| e.id == id)
    }

    /// Writes the history back as `{"events": [...]}` with every event exactly as read.
    pub fn to_json(&self) -> String {
        let size: usize = self.events.iter().map(|e| e.raw.get().len() + 1).sum();
        let mut out = String::with_capacity(size + 16);
        out.push_str("{\"events\":[");
        for (i, event) in self.events.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(event.raw.get());
        }
        out.push_str("]}");
        out
    }

    /// The first event (normally ExecutionStarted).
    pub fn first(&self) -> Option<&HistoryEvent> {
        self.events.first()
    }

    /// The last event that ends the execution, if it has ended.
    pub fn terminal(&self) -> Option<&HistoryEvent> {
        self.events.iter().rev().find(|e| e.event_type.is_execution_terminal())
    }
}
