//! Derives each event's scope and groups events into state visits and attempts.
//!
//! The rules follow the linkage real AWS histories show (see docs/events.md): chains run through
//! `previousEventId`; an event that points at `ParallelStateStarted` opens a branch; one that
//! points at `MapIterationStarted` opens an iteration; events of a Parallel or Map state itself
//! (`MapIterationStarted`, `ParallelStateFailed`, `MapStateExited`, …) belong to the scope of
//! the open Parallel/Map visit found by walking up from the event they point at, because they
//! often point at the last event *inside* a branch or iteration; `*StateAborted` events point
//! at the failure that caused the abort, so they are matched to the visit they close.

use crate::dag::EventDag;
use crate::event_type::{EventType, StateType, TaskFamily, TaskPhase};
use crate::history::History;
use crate::scope::{ScopeId, ScopeStep, ScopeTree};
use std::collections::HashMap;

/// Identifies a state visit in [`Analysis::visits`].
pub type VisitId = usize;

/// How an attempt ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AttemptOutcome {
    /// Still running when the history ends.
    Open,
    /// Succeeded.
    Succeeded,
    /// Failed (or a later attempt began without a closing event, as Map/Parallel retries do).
    Failed,
    /// Timed out.
    TimedOut,
    /// Aborted because something else failed or the execution stopped.
    Aborted,
}

/// One attempt of a Task (scheduled → started → closed) or of a Parallel/Map state
/// (`*StateStarted` → closed). Values are event positions in [`History::events`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    /// The task family for Task attempts.
    pub family: Option<TaskFamily>,
    /// The event that began the attempt (`*Scheduled` or `*StateStarted`).
    pub begin: usize,
    /// The `*Started` event of a task attempt.
    pub started: Option<usize>,
    /// The `TaskSubmitted` event of a callback or `.sync` task.
    pub submitted: Option<usize>,
    /// The event that closed the attempt.
    pub end: Option<usize>,
    /// How it ended.
    pub outcome: AttemptOutcome,
}

/// One visit of a state: from its `*StateEntered` event to its exit or abort.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateVisit {
    /// The state's name.
    pub name: String,
    /// The state's type.
    pub state_type: StateType,
    /// The scope the state was entered in.
    pub scope: ScopeId,
    /// Position of the `*StateEntered` event.
    pub entered: usize,
    /// Position of the `*StateExited` event.
    pub exited: Option<usize>,
    /// Position of the `*StateAborted` event.
    pub aborted: Option<usize>,
    /// Positions of every event attributed to the visit, `entered` first.
    pub events: Vec<usize>,
    /// Task, Parallel and Map attempts, in order (more than one means retries).
    pub attempts: Vec<Attempt>,
    /// How many earlier visits of the same state in the same scope there were.
    pub visit_number: usize,
}

impl StateVisit {
    /// True while neither exited nor aborted.
    pub fn is_open(&self) -> bool {
        self.exited.is_none() && self.aborted.is_none()
    }

    /// The position of the event that ended the visit, if any.
    pub fn closed_at(&self) -> Option<usize> {
        self.exited.or(self.aborted)
    }
}

/// The derived structure of a history: DAG, scopes, visits.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The event DAG.
    pub dag: EventDag,
    /// Every scope.
    pub scopes: ScopeTree,
    /// The scope of each event, by position.
    pub event_scope: Vec<ScopeId>,
    /// The visit each event belongs to, by position (execution events belong to none).
    pub event_visit: Vec<Option<VisitId>>,
    /// Every state visit, in the order entered.
    pub visits: Vec<StateVisit>,
    /// The visits of each scope in the order entered, by scope index (for [`Analysis::visits_in`]).
    visits_by_scope: Vec<Vec<VisitId>>,
}

impl Analysis {
    /// Analyses a history. Never fails: malformed links fall back to the top level, and the
    /// validation rules report them.
    pub fn new(history: &History) -> Analysis {
        Builder::new(history).run()
    }

    /// The visits in a scope, in the order entered.
    pub fn visits_in(&self, scope: ScopeId) -> impl Iterator<Item = (VisitId, &StateVisit)> + '_ {
        let ids = self.visits_by_scope.get(scope.0).map_or(&[][..], Vec::as_slice);
        ids.iter().map(|&id| (id, &self.visits[id]))
    }

    /// The top-level state names in the order entered.
    pub fn top_level_path(&self) -> Vec<&str> {
        self.visits_in(ScopeId::TOP).map(|(_, v)| v.name.as_str()).collect()
    }
}

struct Builder<'h> {
    history: &'h History,
    dag: EventDag,
    scopes: ScopeTree,
    event_scope: Vec<ScopeId>,
    event_visit: Vec<Option<VisitId>>,
    visits: Vec<StateVisit>,
    open: HashMap<ScopeId, Vec<VisitId>>,
    branches: HashMap<usize, usize>,
    iteration_scope: HashMap<usize, ScopeId>,
    iteration_by_key: HashMap<(VisitId, i64), ScopeId>,
    visit_counts: HashMap<(ScopeId, String), usize>,
}

impl<'h> Builder<'h> {
    fn new(history: &'h History) -> Self {
        Builder {
            history,
            dag: EventDag::build(history),
            scopes: ScopeTree::default(),
            event_scope: Vec::with_capacity(history.events.len()),
            event_visit: Vec::with_capacity(history.events.len()),
            visits: Vec::new(),
            open: HashMap::new(),
            branches: HashMap::new(),
            iteration_scope: HashMap::new(),
            iteration_by_key: HashMap::new(),
            visit_counts: HashMap::new(),
        }
    }

    fn run(mut self) -> Analysis {
        for position in 0..self.history.events.len() {
            let (scope, visit) = self.place(position);
            self.event_scope.push(scope);
            self.event_visit.push(visit);
            self.record(position, scope, visit);
        }
        let mut visits_by_scope = vec![Vec::new(); self.scopes.len()];
        for (id, visit) in self.visits.iter().enumerate() {
            if let Some(ids) = visits_by_scope.get_mut(visit.scope.0) {
                ids.push(id);
            }
        }
        Analysis {
            dag: self.dag,
            scopes: self.scopes,
            event_scope: self.event_scope,
            event_visit: self.event_visit,
            visits: self.visits,
            visits_by_scope,
        }
    }

    fn event_type(&self, position: usize) -> &EventType {
        &self.history.events[position].event_type
    }

    fn parent_scope(&self, position: usize) -> ScopeId {
        self.dag.parent(position).map_or(ScopeId::TOP, |p| self.event_scope[p])
    }

    /// Decides the scope of an event and the visit it belongs to (before recording it).
    fn place(&mut self, position: usize) -> (ScopeId, Option<VisitId>) {
        let event = &self.history.events[position];
        let ty = &event.event_type;
        if ty.as_str().starts_with("Execution") {
            return (ScopeId::TOP, None);
        }
        if *ty == EventType::EvaluationFailed {
            return self.place_evaluation_failure(position);
        }
        if ty.is_state_aborted() {
            let visit = ty.state_type().and_then(|t| self.find_aborted_visit(position, t));
            if let Some(visit) = visit {
                return (self.visits[visit].scope, Some(visit));
            }
            return (self.parent_scope(position), None);
        }
        if let Some(container) = ty.container() {
            let name = event.state_name().map(str::to_owned);
            let from = self.parent_scope(position);
            if let Some(visit) = self.find_open_upwards(from, container, name.as_deref()) {
                return (self.visits[visit].scope, Some(visit));
            }
            // An abort points at the failure that caused it, possibly in another branch: match
            // the open state of that name anywhere.
            if ty.as_str().ends_with("Aborted") {
                if let Some(visit) = self.find_open_anywhere(container, name.as_deref()) {
                    return (self.visits[visit].scope, Some(visit));
                }
            }
            return (from, None);
        }
        let scope = match self.dag.parent(position) {
            None => ScopeId::TOP,
            Some(parent) => self.child_scope_of(parent),
        };
        let visit =
            if ty.task_phase().is_some() { self.latest_open(scope, StateType::Task) } else { None };
        (scope, visit)
    }

    /// The scope an event continues when it points at `parent` (opening branches/iterations).
    fn child_scope_of(&mut self, parent: usize) -> ScopeId {
        let parent_scope = self.event_scope[parent];
        match self.event_type(parent) {
            EventType::ParallelStateStarted => {
                let count = self.branches.entry(parent).or_insert(0);
                let index = *count;
                *count += 1;
                let state = self.visit_name(parent);
                let started_event_id = self.history.events[parent].id;
                self.scopes.push(parent_scope, ScopeStep::Branch { state, started_event_id, index })
            }
            EventType::MapIterationStarted => {
                if let Some(scope) = self.iteration_scope.get(&parent) {
                    return *scope;
                }
                let event = &self.history.events[parent];
                let index = event.map_index().unwrap_or(-1);
                let state = self.visit_name(parent);
                let step = ScopeStep::Iteration { state, started_event_id: event.id, index };
                let scope = self.scopes.push(parent_scope, step);
                self.iteration_scope.insert(parent, scope);
                if let Some(visit) = self.event_visit[parent] {
                    self.iteration_by_key.insert((visit, index), scope);
                }
                scope
            }
            _ => parent_scope,
        }
    }

    fn visit_name(&self, position: usize) -> String {
        match self.event_visit.get(position).copied().flatten() {
            Some(visit) => self.visits[visit].name.clone(),
            None => self.history.events[position].state_name().unwrap_or("?").to_owned(),
        }
    }

    fn latest_open(&self, scope: ScopeId, state_type: StateType) -> Option<VisitId> {
        self.open
            .get(&scope)?
            .iter()
            .rev()
            .copied()
            .find(|&v| self.visits[v].state_type == state_type)
    }

    fn find_open_upwards(
        &self,
        from: ScopeId,
        state_type: StateType,
        name: Option<&str>,
    ) -> Option<VisitId> {
        for scope in self.scopes.ancestors(from) {
            let Some(open) = self.open.get(&scope) else { continue };
            let found = open.iter().rev().copied().find(|&v| {
                let visit = &self.visits[v];
                visit.state_type == state_type && name.is_none_or(|n| n == visit.name)
            });
            if found.is_some() {
                return found;
            }
        }
        None
    }

    fn find_open_anywhere(&self, state_type: StateType, name: Option<&str>) -> Option<VisitId> {
        self.visits.iter().enumerate().rev().find_map(|(id, v)| {
            (v.state_type == state_type && v.is_open() && name.is_none_or(|n| n == v.name))
                .then_some(id)
        })
    }

    fn place_evaluation_failure(&self, position: usize) -> (ScopeId, Option<VisitId>) {
        let event = &self.history.events[position];
        let wanted = event.state_name();
        // Usually it repeats the previousEventId of its state's Entered event; a Wait state's
        // Timestamp error points at the WaitStateEntered itself.
        let parent_visit = self.dag.parent(position).and_then(|p| self.event_visit[p]);
        let found = self.visits.iter().enumerate().rev().find(|(id, v)| {
            let entered = &self.history.events[v.entered];
            v.is_open()
                && (entered.previous_event_id == event.previous_event_id
                    || parent_visit == Some(*id))
                && wanted.is_none_or(|n| n == v.name)
        });
        match found {
            Some((id, visit)) => (visit.scope, Some(id)),
            None => (self.parent_scope(position), None),
        }
    }

    /// Matches a `*StateAborted` event to the open visit it closes.
    fn find_aborted_visit(&self, position: usize, state_type: StateType) -> Option<VisitId> {
        // After MapIterationFailed/Aborted, the abort closes a visit in that iteration.
        if position > 0 {
            let previous = &self.history.events[position - 1];
            if matches!(
                previous.event_type,
                EventType::MapIterationFailed | EventType::MapIterationAborted
            ) {
                let key = self.event_visit[position - 1].zip(previous.map_index());
                if let Some(scope) = key.and_then(|k| self.iteration_by_key.get(&k)) {
                    if let Some(found) = self.find_open_within(*scope, state_type) {
                        return Some(found);
                    }
                }
            }
        }
        // The failing visit itself, or another open one in the same scope.
        if let Some(found) = self.latest_open(self.parent_scope(position), state_type) {
            return Some(found);
        }
        // Otherwise the earliest open visit of that type anywhere.
        self.visits
            .iter()
            .enumerate()
            .find(|(_, v)| v.state_type == state_type && v.is_open())
            .map(|(id, _)| id)
    }

    fn find_open_within(&self, scope: ScopeId, state_type: StateType) -> Option<VisitId> {
        self.visits.iter().enumerate().find_map(|(id, v)| {
            (v.state_type == state_type && v.is_open() && self.scopes.is_within(v.scope, scope))
                .then_some(id)
        })
    }

    /// Updates visits and attempts with a placed event.
    fn record(&mut self, position: usize, scope: ScopeId, visit: Option<VisitId>) {
        let event = &self.history.events[position];
        let ty = event.event_type.clone();
        if let Some(state_type) = ty.state_type().filter(|_| ty.is_state_entered()) {
            let name = event.state_name().unwrap_or("").to_owned();
            let count = self.visit_counts.entry((scope, name.clone())).or_insert(0);
            let visit_number = *count;
            *count += 1;
            let id = self.visits.len();
            self.visits.push(StateVisit {
                name,
                state_type,
                scope,
                entered: position,
                exited: None,
                aborted: None,
                events: vec![position],
                attempts: vec![],
                visit_number,
            });
            self.open.entry(scope).or_default().push(id);
            self.event_visit[position] = Some(id);
            return;
        }
        if let Some(state_type) = ty.state_type().filter(|_| ty.is_state_exited()) {
            let name = event.state_name().unwrap_or("");
            let found = self.open.get(&scope).and_then(|open| {
                open.iter().rev().copied().find(|&v| {
                    self.visits[v].state_type == state_type && self.visits[v].name == name
                })
            });
            if let Some(id) = found {
                self.visits[id].exited = Some(position);
                self.visits[id].events.push(position);
                self.close(scope, id);
                self.event_visit[position] = Some(id);
            }
            return;
        }
        let Some(id) = visit else { return };
        self.visits[id].events.push(position);
        if ty.is_state_aborted() {
            self.visits[id].aborted = Some(position);
            if let Some(last) = self.visits[id].attempts.last_mut() {
                if last.outcome == AttemptOutcome::Open {
                    last.outcome = AttemptOutcome::Aborted;
                    last.end = Some(position);
                }
            }
            let scope = self.visits[id].scope;
            self.close(scope, id);
            return;
        }
        self.record_attempt(position, id, &ty);
    }

    fn close(&mut self, scope: ScopeId, visit: VisitId) {
        if let Some(open) = self.open.get_mut(&scope) {
            open.retain(|&v| v != visit);
        }
    }

    fn record_attempt(&mut self, position: usize, visit: VisitId, ty: &EventType) {
        let parent = self.dag.parent(position);
        let attempts = &mut self.visits[visit].attempts;
        let begin = |family| Attempt {
            family,
            begin: position,
            started: None,
            submitted: None,
            end: None,
            outcome: AttemptOutcome::Open,
        };
        if let Some((family, phase)) = ty.task_phase() {
            let current = attempts.last_mut().filter(|a| a.outcome == AttemptOutcome::Open);
            match (phase, current) {
                (TaskPhase::Scheduled, _) => attempts.push(begin(Some(family))),
                (TaskPhase::Started, Some(a)) => a.started = Some(position),
                (TaskPhase::Submitted, Some(a)) => a.submitted = Some(position),
                (TaskPhase::Succeeded, Some(a)) => {
                    close_attempt(a, position, AttemptOutcome::Succeeded)
                }
                (TaskPhase::Failed, Some(a)) => close_attempt(a, position, AttemptOutcome::Failed),
                (TaskPhase::TimedOut, Some(a)) => {
                    close_attempt(a, position, AttemptOutcome::TimedOut)
                }
                _ => {}
            }
            return;
        }
        use EventType::*;
        match ty {
            ParallelStateStarted | MapStateStarted => {
                if let Some(previous) = attempts.last_mut() {
                    if previous.outcome == AttemptOutcome::Open {
                        previous.outcome = AttemptOutcome::Failed;
                        previous.end = parent;
                    }
                }
                attempts.push(begin(None));
            }
            ParallelStateSucceeded | MapStateSucceeded => {
                if let Some(a) = attempts.last_mut().filter(|a| a.outcome == AttemptOutcome::Open) {
                    close_attempt(a, position, AttemptOutcome::Succeeded);
                }
            }
            ParallelStateFailed | MapStateFailed => {
                if let Some(a) = attempts.last_mut().filter(|a| a.outcome == AttemptOutcome::Open) {
                    close_attempt(a, position, AttemptOutcome::Failed);
                }
            }
            _ => {}
        }
    }
}

fn close_attempt(attempt: &mut Attempt, position: usize, outcome: AttemptOutcome) {
    attempt.end = Some(position);
    attempt.outcome = outcome;
}
