//! The Terragrunt unit DAG: one node per unit, an edge from each dependency
//! to its dependent, units grouped by deploy phase.

use super::{Direction, Graph, Line, Shape};
use crate::plan::{self, EnvPlan};

/// What the edges of the unit graph say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EdgeLabels {
    /// Bare edges.
    #[default]
    None,
    /// The dependency's outputs the dependent reads.
    Outputs,
}

/// The unit graph of a plan, in deploy order (title: "Terragrunt units";
/// see [`Graph::with_title`]).
pub fn units(plan: &EnvPlan, labels: EdgeLabels) -> Graph {
    let mut g = Graph::new("Terragrunt units", Direction::TopDown);
    for (i, phase) in plan::phases(plan).iter().enumerate() {
        let cluster = format!("phase_{}", i + 1);
        let heading = format!("phase {}", i + 1);
        g.add_cluster(&cluster, None, &[&heading]);
        for name in phase {
            let summary = plan
                .units
                .iter()
                .find(|u| &u.name == name)
                .map_or(String::new(), |u| u.summary.clone());
            g.add_node(
                name,
                Shape::Rounded,
                Some(&cluster),
                vec![name.clone(), summary],
            );
        }
    }
    for unit in &plan.units {
        for dep in &unit.dependencies {
            let outputs: Vec<&str> = match labels {
                EdgeLabels::None => Vec::new(),
                EdgeLabels::Outputs => dep.mock_outputs.keys().map(String::as_str).collect(),
            };
            g.add_edge(&dep.unit, &unit.name, Line::Solid, &outputs);
        }
    }
    g
}
