//! The attempt lifecycle shared by the activity, Lambda and service-task rules: each family's
//! rule reports the findings whose offending event belongs to that family.
//!
//! Per attempt: `Scheduled → Started | ScheduleFailed | StartFailed | TimedOut`,
//! `Started → Succeeded | Failed | TimedOut` (service tasks also `Submitted`, `SubmitFailed`),
//! `Submitted → Succeeded | Failed | TimedOut`. A closed attempt is followed by nothing but a
//! new `Scheduled` (a retry); the Task state does not exit, and the execution does not fail,
//! while an attempt is open.

use crate::analysis::Analysis;
use crate::event_type::{EventType, StateType, TaskFamily, TaskPhase};
use crate::history::History;
use crate::violation::Violation;

/// Where an attempt stands.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// No attempt yet, or the last one is closed (event position).
    Idle(Option<usize>),
    /// Scheduled at this position.
    Scheduled(usize),
    /// Started (after being scheduled at the first position).
    Started(usize),
    /// Submitted (after being scheduled at the first position).
    Submitted(usize),
}

/// The findings about task events of one family.
pub fn check(
    history: &History,
    analysis: &Analysis,
    family: TaskFamily,
    rule: &'static str,
) -> Vec<Violation> {
    let mut findings = Vec::new();
    let event_family = |position: usize| history.events[position].event_type.task_phase();
    // Task events outside any Task state visit.
    for (position, event) in history.events.iter().enumerate() {
        if event_family(position).is_some_and(|(f, _)| f == family)
            && analysis.event_visit[position].is_none()
        {
            findings.push(Violation::error(
                rule,
                vec![event.id],
                format!("{} outside any open Task state", event.event_type),
            ));
        }
    }
    for (visit_id, visit) in analysis.visits.iter().enumerate() {
        if visit.state_type != StateType::Task {
            continue;
        }
        let mut stage = Stage::Idle(None);
        let mut attempt_family: Option<TaskFamily> = None;
        for &position in &visit.events {
            let Some((this_family, phase)) = event_family(position) else { continue };
            let event = &history.events[position];
            let mut report = |message: String, related: Option<usize>| {
                if this_family == family {
                    let mut ids = vec![event.id];
                    ids.extend(related.map(|p| history.events[p].id));
                    findings.push(Violation::error(rule, ids, message));
                }
            };
            // The chain: a task event follows another event of the same state visit.
            match analysis.dag.parent(position) {
                // A link to a missing or later event: history.previous-event reports it.
                None if event.previous_event_id != 0 => {}
                None => report(
                    format!(
                        "{} follows no earlier event of state {:?}",
                        event.event_type, visit.name
                    ),
                    None,
                ),
                Some(parent) if analysis.event_visit[parent] != Some(visit_id) => {
                    let before = &history.events[parent];
                    report(
                        format!(
                            "{} follows event {} ({}), which is not part of state {:?}",
                            event.event_type, before.id, before.event_type, visit.name
                        ),
                        Some(parent),
                    );
                }
                Some(_) => {}
            }
            let ty = &event.event_type;
            if let (Some(open), false) = (attempt_family, matches!(stage, Stage::Idle(_))) {
                if open != this_family {
                    report(format!("{ty} in an attempt of another kind of task ({open:?})"), None);
                }
            }
            stage = match (stage, phase) {
                (Stage::Idle(_), TaskPhase::Scheduled) => {
                    attempt_family = Some(this_family);
                    Stage::Scheduled(position)
                }
                (Stage::Idle(_), TaskPhase::Failed) if is_schedule_failure(ty) => {
                    Stage::Idle(Some(position))
                }
                (Stage::Idle(None), _) => {
                    report(
                        format!("{ty} without a preceding {}", scheduled_name(this_family)),
                        None,
                    );
                    Stage::Idle(None)
                }
                (Stage::Idle(Some(closed)), _) => {
                    report(
                        format!(
                            "{ty} after the attempt already ended with {} (event {})",
                            history.events[closed].event_type, history.events[closed].id
                        ),
                        Some(closed),
                    );
                    Stage::Idle(Some(closed))
                }
                (
                    Stage::Scheduled(s) | Stage::Started(s) | Stage::Submitted(s),
                    TaskPhase::Scheduled,
                ) => {
                    report(
                        format!(
                            "{ty} while the attempt scheduled at event {} is still open",
                            history.events[s].id
                        ),
                        Some(s),
                    );
                    Stage::Scheduled(position)
                }
                (Stage::Scheduled(s), TaskPhase::Started) => Stage::Started(s),
                (Stage::Scheduled(_), TaskPhase::Failed) if is_start_failure(ty) => {
                    Stage::Idle(Some(position))
                }
                (Stage::Scheduled(_), TaskPhase::TimedOut) => Stage::Idle(Some(position)),
                (Stage::Scheduled(s), _) => {
                    report(
                        format!(
                            "{ty} before the attempt scheduled at event {} started",
                            history.events[s].id
                        ),
                        Some(s),
                    );
                    Stage::Scheduled(s)
                }
                (Stage::Started(s), TaskPhase::Submitted) => Stage::Submitted(s),
                (Stage::Started(_), TaskPhase::Failed) if *ty == EventType::TaskSubmitFailed => {
                    Stage::Idle(Some(position))
                }
                (Stage::Started(_) | Stage::Submitted(_), TaskPhase::Failed)
                    if is_start_failure(ty) || *ty == EventType::TaskSubmitFailed =>
                {
                    report(format!("{ty} after the task had already started"), None);
                    Stage::Idle(Some(position))
                }
                (
                    Stage::Started(_) | Stage::Submitted(_),
                    TaskPhase::Succeeded | TaskPhase::Failed | TaskPhase::TimedOut,
                ) => Stage::Idle(Some(position)),
                (
                    Stage::Started(s) | Stage::Submitted(s),
                    TaskPhase::Started | TaskPhase::Submitted,
                ) => {
                    report(
                        format!(
                            "{ty} repeated in the attempt scheduled at event {}",
                            history.events[s].id
                        ),
                        Some(s),
                    );
                    stage
                }
            };
        }
        let (Stage::Scheduled(s) | Stage::Started(s) | Stage::Submitted(s)) = stage else {
            continue;
        };
        if attempt_family != Some(family) {
            continue;
        }
        // The attempt is still open when the state exits, or when the execution fails (its
        // failure would have been reported first; aborts and time-outs may cut tasks short).
        let last = visit.events.last().copied().unwrap_or(visit.entered);
        let end = if visit.aborted.is_some() {
            None
        } else if let Some(exited) = visit.exited {
            Some(exited)
        } else {
            (last + 1..history.events.len())
                .find(|&p| history.events[p].event_type.is_execution_terminal())
                .filter(|&p| history.events[p].event_type == EventType::ExecutionFailed)
        };
        if let Some(end) = end {
            let exit = &history.events[end];
            findings.push(Violation::error(
                rule,
                vec![exit.id, history.events[s].id],
                format!(
                    "{} while the attempt scheduled at event {} had not ended",
                    exit.event_type, history.events[s].id
                ),
            ));
        }
    }
    findings
}

fn scheduled_name(family: TaskFamily) -> &'static str {
    match family {
        TaskFamily::Activity => "ActivityScheduled",
        TaskFamily::Lambda => "LambdaFunctionScheduled",
        TaskFamily::Service => "TaskScheduled",
    }
}

/// Failures that may replace `Scheduled` (the attempt could not be scheduled at all).
fn is_schedule_failure(ty: &EventType) -> bool {
    matches!(ty, EventType::ActivityScheduleFailed | EventType::LambdaFunctionScheduleFailed)
}

/// Failures that end a scheduled attempt before it starts.
fn is_start_failure(ty: &EventType) -> bool {
    is_schedule_failure(ty)
        || matches!(ty, EventType::LambdaFunctionStartFailed | EventType::TaskStartFailed)
}
