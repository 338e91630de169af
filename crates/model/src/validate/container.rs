//! The attempt lifecycle shared by Parallel and Map states: `*StateEntered → *StateStarted →
//! … → *StateSucceeded | *StateFailed → *StateExited`, a new `*StateStarted` being a retry.

use crate::analysis::{Analysis, StateVisit};
use crate::event_type::{EventType, StateType};
use crate::history::History;
use crate::violation::Violation;

/// The event types of one kind of container state.
pub struct Kinds {
    /// The state type.
    pub state_type: StateType,
    /// `*StateStarted`.
    pub started: EventType,
    /// `*StateSucceeded`.
    pub succeeded: EventType,
    /// `*StateFailed`.
    pub failed: EventType,
}

/// Where a container visit stands while its events are walked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Entered, not started.
    Entered,
    /// An attempt started at this position is running.
    Running(usize),
    /// The last attempt closed at this position.
    Closed(usize),
}

/// Walks the events of every visit of one kind, calling `inner` for each event after the entry
/// with the stage before it (so Map can check iterations and map runs).
pub fn check(
    history: &History,
    analysis: &Analysis,
    kinds: &Kinds,
    rule: &'static str,
    mut inner: impl FnMut(&StateVisit, usize, Stage, &mut Vec<Violation>),
) -> Vec<Violation> {
    let mut findings = Vec::new();
    for (position, event) in history.events.iter().enumerate() {
        if event.event_type.container() == Some(kinds.state_type)
            && analysis.event_visit[position].is_none()
        {
            findings.push(Violation::error(
                rule,
                vec![event.id],
                format!("{} outside any open {} state", event.event_type, kinds.state_type),
            ));
        }
    }
    for visit in analysis.visits.iter().filter(|v| v.state_type == kinds.state_type) {
        let mut stage = Stage::Entered;
        for &position in &visit.events[1..] {
            let event = &history.events[position];
            let ty = &event.event_type;
            inner(visit, position, stage, &mut findings);
            let mut report = |message: String, related: Option<usize>| {
                let mut ids = vec![event.id];
                ids.extend(related.map(|p| history.events[p].id));
                findings.push(Violation::error(rule, ids, message));
            };
            // The chain: the state's own events follow an event of the visit or of one of its
            // branches or iterations (a redriven map run follows ExecutionRedriven). Aborts
            // point at whatever failure caused them, possibly in another branch. A link to a
            // missing or later event is reported by history.previous-event.
            let parent = analysis.dag.parent(position);
            let unlinked = parent.is_none() && event.previous_event_id != 0;
            let abort = ty.as_str().ends_with("Aborted");
            if ty.container() == Some(kinds.state_type) && !unlinked && !abort {
                let inside = parent.is_some_and(|p| {
                    p >= visit.entered
                        && (analysis.scopes.is_within(analysis.event_scope[p], visit.scope)
                            || history.events[p].event_type == EventType::ExecutionRedriven)
                });
                if !inside {
                    let what = parent.map_or("no event".to_owned(), |p| {
                        format!("event {} ({})", history.events[p].id, history.events[p].event_type)
                    });
                    report(
                        format!(
                            "{ty} follows {what}, not an event of {} state {:?} or of its \
                             branches or iterations",
                            kinds.state_type, visit.name
                        ),
                        parent,
                    );
                }
            }
            // A redriven map run restarts a Map that had failed.
            if *ty == kinds.started || *ty == EventType::MapRunRedriven {
                if let Stage::Closed(end) = stage {
                    if history.events[end].event_type == kinds.succeeded {
                        report(
                            format!(
                                "{ty} after the state already succeeded (event {})",
                                history.events[end].id
                            ),
                            Some(end),
                        );
                    }
                }
                stage = Stage::Running(position);
            } else if *ty == kinds.succeeded || *ty == kinds.failed {
                match stage {
                    Stage::Running(_) => {}
                    // A Map whose items cannot be evaluated fails before it starts.
                    Stage::Entered if *ty == kinds.failed => {}
                    Stage::Entered => report(format!("{ty} before {}", kinds.started), None),
                    Stage::Closed(end) => report(
                        format!(
                            "{ty} after the attempt already ended with {} (event {})",
                            history.events[end].event_type, history.events[end].id
                        ),
                        Some(end),
                    ),
                }
                stage = Stage::Closed(position);
            } else if ty.is_state_exited() {
                match stage {
                    Stage::Closed(_) => {}
                    Stage::Entered => report(format!("{ty} before {}", kinds.started), None),
                    Stage::Running(start) => report(
                        format!(
                            "{ty} while the attempt started at event {} has neither {} nor {}",
                            history.events[start].id, kinds.succeeded, kinds.failed
                        ),
                        Some(start),
                    ),
                }
            }
        }
    }
    findings
}
