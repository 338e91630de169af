//! A buffer of events with local links, and the merge that interleaves concurrent tracks
//! (Map iterations, Parallel branches) by time, as AWS writes them.

use serde_json::Value;

/// What an event's `previousEventId` points at, before ids are assigned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prev {
    /// `previousEventId` 0.
    Zero,
    /// The event at this index of the same track.
    At(usize),
    /// The event the track hangs from in its parent (`MapIterationStarted`, `ParallelStateStarted`).
    Anchor,
}

/// One event before ids are assigned.
#[derive(Debug, Clone)]
pub struct Ev {
    /// Milliseconds since the execution started.
    pub t_ms: u64,
    /// The event type.
    pub ty: &'static str,
    /// What `previousEventId` points at.
    pub prev: Prev,
    /// The `*EventDetails` member: its key and object.
    pub details: Option<(&'static str, Value)>,
}

/// A sequence of events in time order; `cursor` is what the next chained event points at.
#[derive(Debug, Clone)]
pub struct Track {
    /// The events, in order.
    pub evs: Vec<Ev>,
    /// The time of the last event (or the track's start).
    pub now: u64,
    /// What the next chained event points at.
    pub cursor: Prev,
}

impl Track {
    /// An empty track starting at `now` whose first chained event points at `cursor`.
    pub fn new(now: u64, cursor: Prev) -> Track {
        Track { evs: Vec::new(), now, cursor }
    }

    /// Appends an event `dt` ms after the previous one, pointing at `prev`; returns its index.
    pub fn push(
        &mut self,
        dt: u64,
        ty: &'static str,
        prev: Prev,
        details: Option<(&'static str, Value)>,
    ) -> usize {
        self.now += dt;
        self.evs.push(Ev { t_ms: self.now, ty, prev, details });
        self.evs.len() - 1
    }

    /// Appends an event pointing at the cursor and moves the cursor to it.
    pub fn chain(
        &mut self,
        dt: u64,
        ty: &'static str,
        details: Option<(&'static str, Value)>,
    ) -> usize {
        let index = self.push(dt, ty, self.cursor, details);
        self.cursor = Prev::At(index);
        index
    }

    /// Index of the last event, as a link.
    pub fn last(&self) -> Prev {
        match self.evs.len() {
            0 => self.cursor,
            n => Prev::At(n - 1),
        }
    }

    /// Interleaves concurrent tracks into this one by time (ties: track order, then event
    /// order). Each track's `Anchor` links become `anchor`. Returns, per track, the index in
    /// `self` of each of its events.
    pub fn merge(&mut self, tracks: Vec<(Prev, Track)>) -> Vec<Vec<usize>> {
        let mut order: Vec<(u64, usize, usize)> = tracks
            .iter()
            .enumerate()
            .flat_map(|(k, (_, t))| t.evs.iter().enumerate().map(move |(i, e)| (e.t_ms, k, i)))
            .collect();
        order.sort_unstable();
        let mut mapping: Vec<Vec<usize>> =
            tracks.iter().map(|(_, t)| Vec::with_capacity(t.evs.len())).collect();
        let mut tracks: Vec<(Prev, Vec<Option<Ev>>)> =
            tracks.into_iter().map(|(a, t)| (a, t.evs.into_iter().map(Some).collect())).collect();
        for (_, k, i) in order {
            let anchor = tracks[k].0;
            let Some(mut ev) = tracks[k].1[i].take() else { continue };
            ev.prev = match ev.prev {
                Prev::Anchor => anchor,
                Prev::At(j) => Prev::At(mapping[k][j]),
                Prev::Zero => Prev::Zero,
            };
            self.now = self.now.max(ev.t_ms);
            mapping[k].push(self.evs.len());
            self.evs.push(ev);
        }
        mapping
    }
}

#[cfg(test)]
mod tests {
    use super::{Prev, Track};

    #[test]
    fn merge_interleaves_by_time_and_relinks() {
        let mut main = Track::new(0, Prev::Zero);
        let started = main.chain(1, "ParallelStateStarted", None);
        let mut a = Track::new(1, Prev::Anchor);
        a.chain(10, "A1", None); // t 11
        a.chain(10, "A2", None); // t 21
        let mut b = Track::new(1, Prev::Anchor);
        b.chain(5, "B1", None); // t 6
        b.chain(10, "B2", None); // t 16
        let map = main.merge(vec![(Prev::At(started), a), (Prev::At(started), b)]);
        let types: Vec<_> = main.evs.iter().map(|e| e.ty).collect();
        assert_eq!(types, ["ParallelStateStarted", "B1", "A1", "B2", "A2"]);
        assert_eq!(map, vec![vec![2, 4], vec![1, 3]]);
        let prevs: Vec<_> = main.evs.iter().map(|e| e.prev).collect();
        assert_eq!(prevs, [Prev::Zero, Prev::At(0), Prev::At(0), Prev::At(1), Prev::At(2)]);
        assert_eq!(main.now, 21);
    }
}
