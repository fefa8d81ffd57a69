//! Cycles in the unit dependency graph.

use super::*;

// ---------------------------------------------------------------------------
// Cycles
// ---------------------------------------------------------------------------

/// Reports one cycle per strongly connected component of the dependency
/// graph (plus self-dependencies), as the shortest cycle through the
/// component's alphabetically first unit — Terragrunt would refuse to order
/// such units for `run-all`.
pub(super) fn check_cycles(units: &BTreeMap<String, Unit<'_>>, errors: &mut Vec<VerifyError>) {
    let graph: BTreeMap<&str, Vec<String>> = units
        .values()
        .map(|u| (u.name.as_str(), u.dep_targets()))
        .collect();
    let reach = |from: &str| -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut queue: VecDeque<&str> = VecDeque::from([from]);
        while let Some(node) = queue.pop_front() {
            for next in graph.get(node).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    queue.push_back(next);
                }
            }
        }
        seen
    };
    let reach_sets: BTreeMap<&str, BTreeSet<String>> =
        graph.keys().map(|n| (*n, reach(n))).collect();

    let mut assigned: BTreeSet<&str> = BTreeSet::new();
    for (&start, reachable) in &reach_sets {
        if assigned.contains(start) || !reachable.contains(start) {
            continue; // not on any cycle
        }
        let component: BTreeSet<&str> = reach_sets
            .iter()
            .filter(|(n, r)| reachable.contains(**n) && r.contains(start))
            .map(|(n, _)| *n)
            .collect();
        assigned.extend(component.iter().copied());

        let Some(path) = shortest_cycle(start, &graph, &component) else {
            continue;
        };
        let Some(unit) = units.get(start) else {
            continue;
        };
        let next = path.get(1).map(String::as_str).unwrap_or(start);
        let line = unit
            .deps
            .iter()
            .find(|d| d.target.as_deref().is_ok_and(|t| t == next))
            .and_then(|d| d.line);
        errors.push(VerifyError::new(
            unit.file.as_str(),
            line,
            format!("dependency cycle: {}", path.join(" -> ")),
        ));
    }
}

/// BFS from `start` back to itself inside `component`; the returned path
/// starts and ends with `start`.
pub(super) fn shortest_cycle(
    start: &str,
    graph: &BTreeMap<&str, Vec<String>>,
    component: &BTreeSet<&str>,
) -> Option<Vec<String>> {
    let mut parent: BTreeMap<&str, &str> = BTreeMap::new();
    let mut queue: VecDeque<&str> = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for next in graph.get(node).into_iter().flatten() {
            let next = next.as_str();
            if next == start {
                let mut path = vec![start.to_string()];
                let mut cur = node;
                while cur != start {
                    path.push(cur.to_string());
                    cur = parent.get(cur)?;
                }
                path.push(start.to_string());
                path.reverse();
                return Some(path);
            }
            if component.contains(next) && !parent.contains_key(next) {
                parent.insert(next, node);
                queue.push_back(next);
            }
        }
    }
    None
}
