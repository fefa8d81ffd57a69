//! Graphviz dot rendering: every id quoted, clusters as `subgraph
//! "cluster_…"`, edges to a cluster drawn to its first node and clipped at
//! the cluster's border (`compound=true` with `lhead`/`ltail`).

use super::{Direction, Graph, Line, Shape};
use std::fmt::Write;

/// A dot double-quoted string.
fn quote(text: &str) -> String {
    format!("\"{}\"", escape(text))
}

/// Escapes the characters that end or break a dot string.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A multi-line label: lines escaped and joined with dot's `\n`.
fn label(lines: &[String]) -> String {
    let text: Vec<String> = lines.iter().map(|l| escape(l)).collect();
    format!("\"{}\"", text.join("\\n"))
}

fn cluster_id(id: &str) -> String {
    quote(&format!("cluster_{id}"))
}

fn shape(shape: Shape) -> &'static str {
    match shape {
        Shape::Box => "shape=box",
        Shape::Rounded => "shape=box, style=rounded",
        Shape::Cylinder => "shape=cylinder",
        Shape::Stadium => "shape=box, style=\"rounded,bold\"",
        Shape::Hexagon => "shape=hexagon",
        Shape::Note => "shape=note",
    }
}

pub(super) fn render(g: &Graph) -> String {
    let mut out = String::from("digraph {\n");
    let rankdir = match g.direction {
        Direction::LeftRight => "LR",
        Direction::TopDown => "TB",
    };
    let compound = g
        .edges
        .iter()
        .any(|e| g.node(&e.from).is_none() || g.node(&e.to).is_none());
    let _ = writeln!(out, "  rankdir={rankdir};");
    if compound {
        out.push_str("  compound=true;\n");
    }
    if !g.title.is_empty() {
        let _ = writeln!(out, "  label={};\n  labelloc=t;", quote(&g.title));
    }
    out.push_str("  node [fontname=\"Helvetica\", fontsize=11];\n");
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=9];\n");
    render_level(g, None, 1, &mut out);
    for e in &g.edges {
        render_edge(g, e, &mut out);
    }
    out.push_str("}\n");
    out
}

/// Nodes directly at this level, then each drawn child cluster.
fn render_level(g: &Graph, cluster: Option<&str>, depth: usize, out: &mut String) {
    let indent = "  ".repeat(depth);
    for n in g.direct_nodes(cluster) {
        let _ = writeln!(
            out,
            "{indent}{} [label={}, {}];",
            quote(&n.id),
            label(&n.label),
            shape(n.shape)
        );
    }
    for c in g.child_clusters(cluster) {
        let _ = writeln!(out, "{indent}subgraph {} {{", cluster_id(&c.id));
        let _ = writeln!(out, "{indent}  label={};", label(&c.label));
        render_level(g, Some(&c.id), depth + 1, out);
        let _ = writeln!(out, "{indent}}}");
    }
}

/// An edge; an end that is a cluster is drawn to the cluster's first node.
fn render_edge(g: &Graph, e: &super::Edge, out: &mut String) {
    let mut attrs = Vec::new();
    if !e.label.is_empty() {
        attrs.push(format!("label={}", label(&e.label)));
    }
    if e.line == Line::Dashed {
        attrs.push("style=dashed".to_owned());
    }
    let (from, tail) = endpoint(g, &e.from);
    let (to, head) = endpoint(g, &e.to);
    if let Some(c) = tail {
        attrs.push(format!("ltail={}", cluster_id(c)));
    }
    if let Some(c) = head {
        attrs.push(format!("lhead={}", cluster_id(c)));
    }
    let attrs = if attrs.is_empty() {
        String::new()
    } else {
        format!(" [{}]", attrs.join(", "))
    };
    let _ = writeln!(out, "  {} -> {}{attrs};", quote(from), quote(to));
}

/// The node an edge end is drawn to, and the cluster it is clipped at.
fn endpoint<'a>(g: &'a Graph, id: &'a str) -> (&'a str, Option<&'a str>) {
    if g.node(id).is_some() {
        return (id, None);
    }
    match g.nodes_within(id).next() {
        Some(first) => (&first.id, Some(id)),
        // Not a node nor a drawn cluster (Graph::check rejects this): dot
        // then declares a bare node, which keeps the output valid.
        None => (id, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_labels_are_quoted_and_escaped() {
        assert_eq!(quote(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(label(&["x".into(), "y\"".into()]), r#""x\ny\"""#);
    }

    #[test]
    fn renders_clusters_and_edges_to_clusters() {
        let mut g = Graph::new("", Direction::LeftRight);
        g.add_cluster("vpc", None, &["VPC"]);
        g.add_node("alb", Shape::Box, Some("vpc"), vec!["ALB".into()]);
        g.add_node("db", Shape::Cylinder, None, vec!["DB".into()]);
        g.add_edge("db", "vpc", Line::Dashed, &["x"]);
        let text = g.to_dot();
        assert!(text.contains("compound=true;"), "{text}");
        assert!(text.contains("  subgraph \"cluster_vpc\" {\n    label=\"VPC\";\n    \"alb\" [label=\"ALB\", shape=box];\n  }\n"), "{text}");
        assert!(
            text.contains("\"db\" -> \"alb\" [label=\"x\", style=dashed, lhead=\"cluster_vpc\"];"),
            "{text}"
        );
    }
}
