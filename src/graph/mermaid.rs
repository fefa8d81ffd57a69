//! Mermaid flowchart rendering: ids reduced to `[A-Za-z0-9_]`, every label
//! quoted, with Mermaid's entity codes for the characters it would parse
//! (quotes, HTML, `#`, backticks, and `|`, which ends an edge label).

use super::{Direction, Graph, Line, Shape};
use std::fmt::Write;

/// Statement keywords a bare id must not be (Mermaid would parse a statement).
const KEYWORDS: &[&str] = &[
    "end",
    "subgraph",
    "graph",
    "flowchart",
    "direction",
    "style",
    "linkstyle",
    "classdef",
    "class",
    "click",
    "call",
    "href",
    "default",
];

/// A Mermaid id for a model id: letters, digits and `_` only, starting with
/// a letter and never a keyword. [`Graph::check`] rejects ids that collide.
pub(super) fn id(raw: &str) -> String {
    let safe: String = raw
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let starts_with_letter = safe.starts_with(|c: char| c.is_ascii_alphabetic());
    if !starts_with_letter || KEYWORDS.contains(&safe.to_ascii_lowercase().as_str()) {
        format!("n_{safe}")
    } else {
        safe
    }
}

/// A label as a quoted Mermaid string, lines joined with `<br/>`.
fn label(lines: &[String]) -> String {
    let text: Vec<String> = lines.iter().map(|l| escape(l)).collect();
    format!("\"{}\"", text.join("<br/>"))
}

/// Replaces the characters Mermaid reads as markup with entity codes
/// (`#` first, since the codes themselves start with it).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '#' => out.push_str("#35;"),
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '`' => out.push_str("#96;"),
            '|' => out.push_str("#124;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A node declaration: id, then the label inside the shape's brackets.
fn node(id_: &str, shape: Shape, text: &str) -> String {
    let (open, close) = match shape {
        Shape::Box => ("[", "]"),
        Shape::Rounded => ("(", ")"),
        Shape::Cylinder => ("[(", ")]"),
        Shape::Stadium => ("([", "])"),
        Shape::Hexagon => ("{{", "}}"),
        Shape::Note => (">", "]"),
    };
    format!("{}{open}{text}{close}", id(id_))
}

pub(super) fn render(g: &Graph) -> String {
    let mut out = String::new();
    if !g.title.is_empty() {
        // Front matter: the title is a YAML string, quoted as JSON (a subset of YAML).
        let title = serde_json::to_string(&g.title).unwrap_or_default();
        let _ = write!(out, "---\ntitle: {title}\n---\n");
    }
    let direction = match g.direction {
        Direction::LeftRight => "LR",
        Direction::TopDown => "TD",
    };
    let _ = writeln!(out, "flowchart {direction}");
    render_level(g, None, 1, &mut out);
    for e in &g.edges {
        let arrow = match e.line {
            Line::Solid => "-->",
            Line::Dashed => "-.->",
        };
        let text = if e.label.is_empty() {
            String::new()
        } else {
            format!("|{}|", label(&e.label))
        };
        let _ = writeln!(out, "  {} {arrow}{text} {}", id(&e.from), id(&e.to));
    }
    out
}

/// Nodes directly at this level, then each drawn child cluster as a subgraph.
fn render_level(g: &Graph, cluster: Option<&str>, depth: usize, out: &mut String) {
    let indent = "  ".repeat(depth);
    for n in g.direct_nodes(cluster) {
        let _ = writeln!(out, "{indent}{}", node(&n.id, n.shape, &label(&n.label)));
    }
    for c in g.child_clusters(cluster) {
        let _ = writeln!(out, "{indent}subgraph {}[{}]", id(&c.id), label(&c.label));
        render_level(g, Some(&c.id), depth + 1, out);
        let _ = writeln!(out, "{indent}end");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Graph;

    #[test]
    fn ids_are_reduced_to_safe_characters_and_never_keywords() {
        assert_eq!(id("dns-records"), "dns_records");
        assert_eq!(id("svc.web app"), "svc_web_app");
        assert_eq!(id("end"), "n_end");
        assert_eq!(id("Class"), "n_Class");
        assert_eq!(id("1st"), "n_1st");
        assert_eq!(id(""), "n_");
    }

    #[test]
    fn labels_are_quoted_and_escaped() {
        let text = label(&["a \"b\" <c> #1 & `d`".into(), "e".into()]);
        assert_eq!(
            text,
            "\"a #quot;b#quot; #lt;c#gt; #35;1 #amp; #96;d#96;<br/>e\""
        );
    }

    #[test]
    fn renders_nested_subgraphs_and_edges() {
        let mut g = Graph::new("demo \"x\"", Direction::TopDown);
        g.add_cluster("vpc", None, &["VPC"]);
        g.add_node("alb", Shape::Box, Some("vpc"), vec!["ALB".into()]);
        g.add_node("db", Shape::Cylinder, None, vec!["DB".into(), "x".into()]);
        g.add_edge("alb", "db", Line::Dashed, &["SQL"]);
        g.add_edge("db", "vpc", Line::Solid, &[]);
        assert_eq!(
            g.to_mermaid(),
            "---\ntitle: \"demo \\\"x\\\"\"\n---\nflowchart TD\n  db[(\"DB<br/>x\")]\n  subgraph vpc[\"VPC\"]\n    alb[\"ALB\"]\n  end\n  alb -.->|\"SQL\"| db\n  db --> vpc\n"
        );
    }
}
