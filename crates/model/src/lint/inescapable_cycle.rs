//! `asl.inescapable-cycle` (warning): a loop of states from which no transition leads to an
//! End, Succeed or Fail state; only a failure or a time-out can end such an execution.

use super::{reachable, Rule};
use crate::asl::{Definition, Machine};
use crate::violation::Violation;
use petgraph::algo::tarjan_scc;
use petgraph::graph::DiGraph;
use std::collections::{HashMap, HashSet};

/// The rule.
pub const RULE: Rule = Rule {
    id: "asl.inescapable-cycle",
    summary: "warns about loops with no transition out to a terminal state",
    check,
};

fn check(definition: &Definition, out: &mut Vec<Violation>) {
    for machine in definition.machines() {
        let escapes = reaching_terminal(machine);
        let seen = reachable(machine);
        let trapped: Vec<_> = machine
            .states
            .iter()
            .filter(|s| seen.contains(s.name.as_str()) && !escapes.contains(s.name.as_str()))
            .collect();
        let mut graph = DiGraph::<usize, ()>::new();
        let nodes: HashMap<&str, _> =
            trapped.iter().enumerate().map(|(i, s)| (s.name.as_str(), graph.add_node(i))).collect();
        for state in &trapped {
            for edge in state.edges() {
                if let Some(&to) = nodes.get(edge.target.as_str()) {
                    graph.add_edge(nodes[state.name.as_str()], to, ());
                }
            }
        }
        let mut cycles: Vec<Vec<usize>> = tarjan_scc(&graph)
            .into_iter()
            .filter(|scc| scc.len() > 1 || graph.contains_edge(scc[0], scc[0]))
            .map(|scc| {
                let mut members: Vec<usize> = scc.iter().map(|n| graph[*n]).collect();
                members.sort();
                members
            })
            .collect();
        cycles.sort();
        for cycle in cycles {
            let names: Vec<_> = cycle.iter().map(|&i| format!("{:?}", trapped[i].name)).collect();
            let message = format!(
                "{}: states {} loop with no way out to an End, Succeed or Fail state",
                trapped[cycle[0]].path,
                names.join(", ")
            );
            out.push(Violation::warning(RULE.id, vec![], message));
        }
    }
}

/// The states from which some path of transitions reaches a terminal state.
fn reaching_terminal(machine: &Machine) -> HashSet<&str> {
    let mut escapes: HashSet<&str> =
        machine.states.iter().filter(|s| s.is_terminal()).map(|s| s.name.as_str()).collect();
    loop {
        let before = escapes.len();
        for state in &machine.states {
            if state.edges().iter().any(|e| escapes.contains(e.target.as_str())) {
                escapes.insert(&state.name);
            }
        }
        if escapes.len() == before {
            return escapes;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_util::findings;
    use super::RULE;

    #[test]
    fn warns_about_a_loop_without_exit() {
        let json = r#"{"StartAt": "Start", "States": {
            "Start": {"Type": "Choice", "Choices": [{"Variable": "$.a", "IsNull": true, "Next": "Poll"}],
                      "Default": "Done"},
            "Poll": {"Type": "Task", "Resource": "r", "Next": "Pause"},
            "Pause": {"Type": "Wait", "Seconds": 5, "Next": "Poll"},
            "Spin": {"Type": "Pass", "Next": "Spin"},
            "Done": {"Type": "Succeed"}}}"#;
        assert_eq!(
            findings(&RULE, json),
            [
                r#"warning States.Poll: states "Poll", "Pause" loop with no way out to an End, Succeed or Fail state"#
            ]
        );
    }

    #[test]
    fn accepts_a_loop_with_an_exit() {
        let json = r#"{"StartAt": "Poll", "States": {
            "Poll": {"Type": "Task", "Resource": "r", "Next": "Check",
                     "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed"}]},
            "Check": {"Type": "Choice", "Choices": [{"Variable": "$.done", "BooleanEquals": true, "Next": "Done"}],
                      "Default": "Pause"},
            "Pause": {"Type": "Wait", "Seconds": 5, "Next": "Poll"},
            "Failed": {"Type": "Fail"},
            "Done": {"Type": "Succeed"}}}"#;
        assert!(findings(&RULE, json).is_empty());
    }
}
