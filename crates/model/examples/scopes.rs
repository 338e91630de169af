//! Temporary: prints each event with its scope and visit.
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let history = sfn_ledger_model::parse_history(&std::fs::read(path).unwrap()).unwrap();
    let a = sfn_ledger_model::Analysis::new(&history);
    for (i, e) in history.events.iter().enumerate() {
        let v = a.event_visit[i].map(|v| format!("{}#{}", a.visits[v].name, v)).unwrap_or_default();
        println!(
            "{:>3} {:>3} {:<24} {:<28} {}",
            e.id,
            e.previous_event_id,
            e.event_type.as_str(),
            a.scopes.label(a.event_scope[i]),
            v
        );
    }
}
