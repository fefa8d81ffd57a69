//! Diagrams of an environment: its architecture (from the resolved spec) and
//! its Terragrunt unit DAG (from the plan).
//!
//! Both are built once into a small format-neutral model — nodes, edges and
//! nested clusters — that two small renderers turn into Mermaid or Graphviz
//! dot, so what a diagram shows is decided in one place for both formats.

mod architecture;
mod dot;
mod mermaid;
mod units;

pub use architecture::architecture;
pub use units::{EdgeLabels, units};

/// Layout direction of the whole diagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Left to right (`flowchart LR`, `rankdir=LR`).
    LeftRight,
    /// Top down (`flowchart TD`, `rankdir=TB`).
    TopDown,
}

/// How a node is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A plain rectangle: a resource.
    Box,
    /// A rounded rectangle: a managed service.
    Rounded,
    /// A cylinder: data (database, bucket).
    Cylinder,
    /// A stadium: people and mailboxes outside AWS.
    Stadium,
    /// A hexagon: a filter in the request path (WAF).
    Hexagon,
    /// A note: behaviour rather than a resource (e.g. the schedule).
    Note,
}

/// How an edge is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line {
    /// Request or data path.
    Solid,
    /// Control, management or telemetry.
    Dashed,
}

/// One node. The label is a list of lines (renderers join them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub id: String,
    pub label: Vec<String>,
    pub shape: Shape,
    /// The innermost cluster holding the node.
    pub cluster: Option<String>,
}

/// A cluster of nodes (a Mermaid subgraph, a Graphviz `subgraph cluster_…`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cluster {
    pub id: String,
    pub label: Vec<String>,
    /// The enclosing cluster, if nested.
    pub parent: Option<String>,
}

/// An edge between two nodes, or between a node and a cluster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    pub from: String,
    pub to: String,
    pub label: Vec<String>,
    pub line: Line,
}

/// A diagram: nodes, edges and clusters in declaration order, which is also
/// the rendering order, so that output is deterministic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Graph {
    pub title: String,
    pub direction: Direction,
    pub nodes: Vec<Node>,
    pub clusters: Vec<Cluster>,
    pub edges: Vec<Edge>,
}

impl Graph {
    /// An empty graph.
    pub fn new(title: impl Into<String>, direction: Direction) -> Self {
        Graph {
            title: title.into(),
            direction,
            nodes: Vec::new(),
            clusters: Vec::new(),
            edges: Vec::new(),
        }
    }

    /// The same graph with another title ("" for none).
    pub fn with_title(mut self, title: impl Into<String>) -> Self {
        self.title = title.into();
        self
    }

    /// Declares a cluster inside `parent` (or at the top level).
    pub fn add_cluster(&mut self, id: &str, parent: Option<&str>, label: &[&str]) {
        self.clusters.push(Cluster {
            id: id.to_owned(),
            label: lines(label),
            parent: parent.map(str::to_owned),
        });
    }

    /// Declares a node inside `cluster` (or at the top level).
    pub fn add_node(&mut self, id: &str, shape: Shape, cluster: Option<&str>, label: Vec<String>) {
        self.nodes.push(Node {
            id: id.to_owned(),
            label,
            shape,
            cluster: cluster.map(str::to_owned),
        });
    }

    /// Adds an edge; `from` and `to` name nodes or clusters.
    pub fn add_edge(&mut self, from: &str, to: &str, line: Line, label: &[&str]) {
        self.edges.push(Edge {
            from: from.to_owned(),
            to: to.to_owned(),
            label: lines(label),
            line,
        });
    }

    /// The node with this id.
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }

    /// The cluster with this id.
    pub fn cluster(&self, id: &str) -> Option<&Cluster> {
        self.clusters.iter().find(|c| c.id == id)
    }

    /// The edge from `from` to `to`, if any.
    pub fn edge(&self, from: &str, to: &str) -> Option<&Edge> {
        self.edges.iter().find(|e| e.from == from && e.to == to)
    }

    /// Whether `cluster` holds `node`, directly or through nested clusters.
    pub fn contains(&self, cluster: &str, node: &str) -> bool {
        let innermost = self.node(node).and_then(|n| n.cluster.as_deref());
        self.walk_up(innermost).any(|c| c == cluster)
    }

    /// The nodes of a cluster's whole subtree, in declaration order.
    pub fn nodes_within(&self, cluster: &str) -> impl Iterator<Item = &Node> {
        self.nodes
            .iter()
            .filter(move |n| self.contains(cluster, &n.id))
    }

    /// Checks the graph is well formed: ids unique (also once escaped for
    /// Mermaid), clusters' parents and nodes' clusters declared, edge
    /// endpoints declared nodes or non-empty clusters, no cluster cycles.
    pub fn check(&self) -> Result<(), String> {
        let mut seen = std::collections::BTreeMap::new();
        let ids = self
            .nodes
            .iter()
            .map(|n| &n.id)
            .chain(self.clusters.iter().map(|c| &c.id));
        for id in ids {
            if let Some(other) = seen.insert(mermaid::id(id), id) {
                return Err(format!("ids `{other}` and `{id}` collide"));
            }
        }
        for c in &self.clusters {
            if let Some(p) = &c.parent
                && self.cluster(p).is_none()
            {
                return Err(format!("cluster `{}` is in undeclared cluster `{p}`", c.id));
            }
            if self.ancestors(&c.id).any(|a| a == c.id) {
                return Err(format!("cluster `{}` contains itself", c.id));
            }
        }
        for n in &self.nodes {
            if let Some(c) = &n.cluster
                && self.cluster(c).is_none()
            {
                return Err(format!("node `{}` is in undeclared cluster `{c}`", n.id));
            }
        }
        for e in &self.edges {
            for end in [&e.from, &e.to] {
                let declared = self.node(end).is_some()
                    || (self.cluster(end).is_some() && self.nodes_within(end).next().is_some());
                if !declared {
                    return Err(format!(
                        "edge {} → {} ends at `{end}`, which is not a declared node or non-empty cluster",
                        e.from, e.to
                    ));
                }
            }
        }
        Ok(())
    }

    /// The enclosing clusters of a cluster, innermost first.
    fn ancestors<'a>(&'a self, cluster: &str) -> impl Iterator<Item = &'a str> {
        self.walk_up(self.cluster(cluster).and_then(|c| c.parent.as_deref()))
    }

    /// `start` and the clusters enclosing it, innermost first; bounded so
    /// that a malformed graph with a cluster cycle cannot loop forever.
    fn walk_up<'a>(&'a self, start: Option<&'a str>) -> impl Iterator<Item = &'a str> {
        std::iter::successors(start, |id| {
            self.cluster(id).and_then(|c| c.parent.as_deref())
        })
        .take(self.clusters.len() + 1)
    }

    /// Clusters directly inside `parent` that hold at least one node:
    /// empty clusters are not drawn.
    fn child_clusters<'a>(&'a self, parent: Option<&'a str>) -> impl Iterator<Item = &'a Cluster> {
        self.clusters.iter().filter(move |c| {
            c.parent.as_deref() == parent && self.nodes_within(&c.id).next().is_some()
        })
    }

    /// Nodes directly inside `cluster` (or at the top level).
    fn direct_nodes<'a>(&'a self, cluster: Option<&'a str>) -> impl Iterator<Item = &'a Node> {
        self.nodes
            .iter()
            .filter(move |n| n.cluster.as_deref() == cluster)
    }

    /// Renders Mermaid flowchart source.
    pub fn to_mermaid(&self) -> String {
        mermaid::render(self)
    }

    /// Renders Graphviz dot source.
    pub fn to_dot(&self) -> String {
        dot::render(self)
    }
}

fn lines(label: &[&str]) -> Vec<String> {
    label.iter().map(|s| (*s).to_owned()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Graph {
        let mut g = Graph::new("t", Direction::LeftRight);
        g.add_cluster("outer", None, &["Outer"]);
        g.add_cluster("inner", Some("outer"), &["Inner"]);
        g.add_cluster("empty", Some("outer"), &["Empty"]);
        g.add_node("a", Shape::Box, Some("inner"), vec!["A".into()]);
        g.add_node("b", Shape::Box, None, vec!["B".into()]);
        g.add_edge("b", "a", Line::Solid, &[]);
        g.add_edge("b", "outer", Line::Dashed, &[]);
        g
    }

    #[test]
    fn a_well_formed_graph_checks() {
        let g = sample();
        assert_eq!(g.check(), Ok(()));
        assert!(g.contains("outer", "a") && g.contains("inner", "a"));
        assert!(!g.contains("outer", "b"));
        let drawn: Vec<&str> = g.child_clusters(Some("outer")).map(|c| &*c.id).collect();
        assert_eq!(drawn, ["inner"], "empty clusters are not drawn");
    }

    #[test]
    fn check_reports_undeclared_endpoints_and_collisions() {
        let mut g = sample();
        g.add_edge("a", "nowhere", Line::Solid, &[]);
        assert!(g.check().unwrap_err().contains("nowhere"));

        let mut g = sample();
        g.add_edge("a", "empty", Line::Solid, &[]);
        assert!(g.check().unwrap_err().contains("empty"));

        let mut g = sample();
        g.add_node("a-b", Shape::Box, None, vec![]);
        g.add_node("a_b", Shape::Box, None, vec![]);
        assert!(g.check().unwrap_err().contains("collide"));

        let mut g = sample();
        g.add_node("x", Shape::Box, Some("ghost"), vec![]);
        assert!(g.check().unwrap_err().contains("ghost"));
    }

    #[test]
    fn cluster_cycles_are_reported_not_looped_on() {
        let mut g = Graph::new("t", Direction::TopDown);
        g.add_cluster("p", Some("q"), &[]);
        g.add_cluster("q", Some("p"), &[]);
        assert!(g.check().unwrap_err().contains("contains itself"));
    }
}
