//! Maps each scope of a run (top level, Parallel branch, Map iteration) to the machine of the
//! definition it ran: a branch by its first state against each branch's `StartAt`.

use crate::analysis::Analysis;
use crate::asl::{Definition, Machine, MapMode, StateKind};
use crate::scope::{ScopeId, ScopeStep};

/// The machine each scope ran, and why a scope could not be matched.
#[derive(Debug, Clone)]
pub struct ScopeMap<'a> {
    machines: Vec<Option<&'a Machine>>,
    branch: Vec<Option<usize>>,
    /// Scopes that match no machine of the definition, with the reason.
    pub problems: Vec<(ScopeId, String)>,
}

impl<'a> ScopeMap<'a> {
    /// Matches every scope of the analysis, parents before children; `first` holds the name
    /// of the first state entered in each scope.
    pub fn new(analysis: &Analysis, definition: &'a Definition, first: &[Option<&str>]) -> Self {
        let count = analysis.scopes.len();
        let mut map =
            ScopeMap { machines: vec![None; count], branch: vec![None; count], problems: vec![] };
        map.machines[0] = Some(&definition.machine);
        for index in 1..count {
            let scope = ScopeId(index);
            let Some(parent) = analysis.scopes.parent(scope).and_then(|p| map.machines[p.0]) else {
                continue;
            };
            let Some(step) = analysis.scopes.step(scope) else { continue };
            let (name, is_branch) = match step {
                ScopeStep::Branch { state, .. } => (state, true),
                ScopeStep::Iteration { state, .. } => (state, false),
            };
            let Some(container) = parent.state(name) else { continue }; // unknown-state reports it
            match (&container.kind, is_branch) {
                (StateKind::Parallel { branches }, true) => {
                    let Some(first) = first.get(index).copied().flatten() else { continue };
                    let found = branches
                        .iter()
                        .position(|b| b.start_at.as_deref() == Some(first))
                        .or_else(|| branches.iter().position(|b| b.state(first).is_some()));
                    match found {
                        Some(i) => {
                            map.machines[index] = Some(&branches[i]);
                            map.branch[index] = Some(i);
                        }
                        None => map.problems.push((
                            scope,
                            format!(
                                "no branch of {} starts at or contains {first:?}",
                                container.field_path("Branches")
                            ),
                        )),
                    }
                }
                (StateKind::Map { processor: Some(processor), mode }, false) => {
                    map.machines[index] = Some(processor);
                    if *mode == MapMode::Distributed {
                        map.problems.push((
                            scope,
                            format!(
                                "the iteration ran inline but {} runs DISTRIBUTED (child executions)",
                                container.path
                            ),
                        ));
                    }
                }
                (StateKind::Map { processor: None, .. }, false) => map
                    .problems
                    .push((scope, format!("{} has no ItemProcessor or Iterator", container.path))),
                (_, true) => map.problems.push((
                    scope,
                    format!(
                        "a Parallel branch ran but {} is a {} state",
                        container.path,
                        container.type_name()
                    ),
                )),
                (_, false) => map.problems.push((
                    scope,
                    format!(
                        "a Map iteration ran but {} is a {} state",
                        container.path,
                        container.type_name()
                    ),
                )),
            }
        }
        map
    }

    /// The machine a scope ran, when known.
    pub fn machine(&self, scope: ScopeId) -> Option<&'a Machine> {
        self.machines.get(scope.0).copied().flatten()
    }

    /// For a Parallel branch scope, the index of the definition branch it matched.
    pub fn branch_index(&self, scope: ScopeId) -> Option<usize> {
        self.branch.get(scope.0).copied().flatten()
    }
}
