//! `tfgen graph`: snapshots of both diagrams in both formats for every
//! example spec through the real binary, and the structural facts the
//! diagrams must show.

use assert_cmd::Command;
use std::collections::BTreeSet;
use std::path::Path;
use tfgen::graph::{self, EdgeLabels, Graph, Line, Shape};
use tfgen::resolve::Resolved;

const SPECS: [&str; 4] = ["staging", "prod", "pantri", "platform"];

fn tfgen(args: &[&str]) -> std::process::Output {
    Command::cargo_bin("tfgen")
        .expect("binary")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .expect("runs")
}

fn resolve_text(text: &str) -> Resolved {
    let checked = tfgen::spec::check(text.as_bytes());
    checked.resolved.expect("spec is valid")
}

fn spec_text(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("specs/{name}.yaml"));
    std::fs::read_to_string(path).expect("example spec exists")
}

fn architecture(name: &str) -> Graph {
    graph::architecture(&resolve_text(&spec_text(name)))
}

fn units(name: &str) -> (tfgen::plan::EnvPlan, Graph) {
    let plan = tfgen::plan::plan(&resolve_text(&spec_text(name))).expect("plans");
    let g = graph::units(&plan, EdgeLabels::Outputs);
    (plan, g)
}

fn label(g: &Graph, id: &str) -> String {
    g.node(id)
        .unwrap_or_else(|| panic!("no node `{id}`"))
        .label
        .join("\n")
}

#[test]
fn snapshots_of_every_spec_kind_and_format() {
    for spec in SPECS {
        for kind in ["architecture", "units"] {
            for format in ["mermaid", "dot"] {
                let path = format!("specs/{spec}.yaml");
                let out = tfgen(&["graph", &path, "--kind", kind, "--format", format]);
                let stderr = String::from_utf8_lossy(&out.stderr);
                assert_eq!(out.status.code(), Some(0), "{stderr}");
                let text = String::from_utf8(out.stdout).expect("UTF-8");
                insta::assert_snapshot!(format!("{spec}_{kind}_{format}"), text);
            }
        }
    }
}

#[test]
fn snapshot_of_unit_edges_labelled_with_outputs() {
    let out = tfgen(&["graph", "specs/prod.yaml", "--kind", "units", "--outputs"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    insta::assert_snapshot!("prod_units_mermaid_outputs", text);
}

#[test]
fn defaults_are_the_architecture_in_mermaid() {
    let default = tfgen(&["graph", "specs/prod.yaml"]);
    let explicit = tfgen(&[
        "graph",
        "specs/prod.yaml",
        "--kind",
        "architecture",
        "--format",
        "mermaid",
    ]);
    assert_eq!(default.stdout, explicit.stdout);
    assert!(String::from_utf8_lossy(&default.stdout).contains("flowchart LR"));
}

#[test]
fn exit_codes() {
    let invalid = tfgen(&["graph", "tests/fixtures/invalid/bad_cidr.yaml"]);
    assert_eq!(invalid.status.code(), Some(1));
    assert!(invalid.stdout.is_empty());
    assert!(String::from_utf8_lossy(&invalid.stderr).contains("error"));
    assert_eq!(tfgen(&["graph", "specs/nope.yaml"]).status.code(), Some(2));
    assert_eq!(tfgen(&["graph"]).status.code(), Some(2));
    let bad_kind = tfgen(&["graph", "specs/prod.yaml", "--kind", "network"]);
    assert_eq!(bad_kind.status.code(), Some(2));
    let bad_format = tfgen(&["graph", "specs/prod.yaml", "--format", "svg"]);
    assert_eq!(bad_format.status.code(), Some(2));
    let outputs = tfgen(&["graph", "specs/prod.yaml", "--outputs"]);
    assert_eq!(outputs.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&outputs.stderr).contains("--kind units"));
}

#[test]
fn every_graph_is_well_formed_and_deterministic() {
    for spec in SPECS {
        let (_, u) = units(spec);
        for g in [architecture(spec), u] {
            assert_eq!(g.check(), Ok(()), "{spec}: {}", g.title);
        }
        assert_eq!(architecture(spec), architecture(spec));
        assert_eq!(units(spec).1.to_dot(), units(spec).1.to_dot());
    }
}

#[test]
fn staging_has_no_nat_and_tasks_in_public_subnets() {
    let g = architecture("staging");
    assert!(g.node("nat").is_none());
    for node in ["svc_web", "svc_api", "bastion", "alb"] {
        assert!(
            g.contains("public", node),
            "{node} is not in public subnets"
        );
        assert!(!g.contains("private", node), "{node} is in private subnets");
    }
    assert!(g.contains("private", "database"));
    assert!(label(&g, "alb").contains("IP-restricted"));
    assert!(label(&g, "database").contains("db.t4g.micro"));
    assert!(g.edge("schedule", "ecs").is_some());
    assert!(
        g.edge("users", "alb").is_some(),
        "no DNS, CDN or WAF in front"
    );
    assert!(g.edge("bastion", "database").is_some());
}

#[test]
fn staging_shows_only_what_it_turns_on() {
    let g = architecture("staging");
    for absent in [
        "route53",
        "acm",
        "waf",
        "cloudfront",
        "cognito",
        "budget",
        "alarms",
        "sns",
        "email",
    ] {
        assert!(g.node(absent).is_none(), "staging draws `{absent}`");
    }
}

#[test]
fn turning_on_a_nat_moves_tasks_to_private_subnets() {
    let text = spec_text("staging").replace("nat: none ", "nat: single");
    let g = graph::architecture(&resolve_text(&text));
    assert!(g.contains("public", "nat"));
    assert!(g.contains("private", "svc_web") && g.contains("private", "bastion"));
    assert!(g.edge("ecs", "nat").is_some());
}

#[test]
fn prod_has_the_waf_before_the_alb() {
    let g = architecture("prod");
    assert!(g.edge("users", "route53").is_some());
    assert!(g.edge("route53", "waf").is_some());
    assert!(g.edge("waf", "alb").is_some());
    assert!(g.edge("route53", "alb").is_none());
    assert_eq!(g.node("waf").map(|n| n.shape), Some(Shape::Hexagon));
    assert!(g.node("cloudfront").is_none());
    assert!(g.contains("public", "nat") && g.contains("private", "svc_api"));
    let db = label(&g, "database");
    assert!(db.contains("0.5–2 ACU") && db.contains("1 reader"), "{db}");
    assert_eq!(
        g.edge("alb", "svc_api").map(|e| e.label.clone()),
        Some(vec!["/api/*".to_owned()])
    );
    assert_eq!(g.edge("sns", "email").map(|e| e.line), Some(Line::Dashed));
}

#[test]
fn pantris_waf_sits_on_cloudfront() {
    let g = architecture("pantri");
    assert!(g.edge("route53", "waf").is_some());
    assert!(g.edge("waf", "cloudfront").is_some());
    assert!(g.edge("cloudfront", "alb").is_some());
    assert!(g.edge("waf", "alb").is_none());
    assert!(label(&g, "waf").contains("CloudFront"));
    assert!(label(&g, "alb").contains("CloudFront only"));
    assert!(label(&g, "svc_web").contains("Fargate Spot"));
    assert!(g.node("database").is_none());
    assert!(g.node("cognito").is_some() && g.node("budget").is_some());
    // Alarms and the budget mail the same address: one mailbox.
    assert_eq!(
        g.nodes.iter().filter(|n| n.id.starts_with("email")).count(),
        1
    );
    assert!(g.edge("budget", "email").is_some() && g.edge("sns", "email").is_some());
}

#[test]
fn unit_edges_are_the_plan_dependencies_grouped_by_phase() {
    for spec in SPECS {
        let (plan, g) = units(spec);
        let deps: BTreeSet<(String, String)> = plan
            .units
            .iter()
            .flat_map(|u| {
                u.dependencies
                    .iter()
                    .map(|d| (d.unit.clone(), u.name.clone()))
            })
            .collect();
        let edges: BTreeSet<(String, String)> = g
            .edges
            .iter()
            .map(|e| (e.from.clone(), e.to.clone()))
            .collect();
        assert_eq!(edges, deps, "{spec}");
        assert_eq!(g.edges.len(), deps.len(), "{spec}: duplicate edges");
        for (i, phase) in tfgen::plan::phases(&plan).iter().enumerate() {
            for unit in phase {
                assert!(
                    g.contains(&format!("phase_{}", i + 1), unit),
                    "{spec}: {unit}"
                );
            }
        }
        assert_eq!(g.nodes.len(), plan.units.len());
        let compute = plan
            .units
            .iter()
            .find(|u| u.name == "compute")
            .expect("compute");
        let network = g.edge("network", "compute").expect("network → compute");
        let on_network = compute
            .dependencies
            .iter()
            .find(|d| d.unit == "network")
            .expect("compute depends on network");
        let read: Vec<&String> = on_network.mock_outputs.keys().collect();
        assert_eq!(network.label.iter().collect::<Vec<_>>(), read);
    }
}

#[test]
fn ids_are_escaped() {
    let mut g = Graph::new("a \"title\"", graph::Direction::LeftRight);
    g.add_cluster("end", None, &["<b>"]);
    g.add_node("dns-records", Shape::Box, Some("end"), vec!["x\"y".into()]);
    g.add_node("a b\"c\\", Shape::Note, None, vec!["#1 & <2>".into()]);
    g.add_edge("a b\"c\\", "dns-records", Line::Solid, &["p|q"]);
    assert_eq!(g.check(), Ok(()));

    let mermaid = g.to_mermaid();
    assert!(
        mermaid.contains("subgraph n_end[\"#lt;b#gt;\"]"),
        "{mermaid}"
    );
    assert!(mermaid.contains("dns_records[\"x#quot;y\"]"), "{mermaid}");
    assert!(
        mermaid.contains("a_b_c_>\"#35;1 #amp; #lt;2#gt;\"]"),
        "{mermaid}"
    );
    assert!(
        mermaid.contains("a_b_c_ -->|\"p#124;q\"| dns_records"),
        "{mermaid}"
    );

    let dot = g.to_dot();
    assert!(dot.contains("subgraph \"cluster_end\""), "{dot}");
    assert!(dot.contains("\"a b\\\"c\\\\\" -> \"dns-records\""), "{dot}");
}

#[test]
fn platform_shows_atlas_reached_by_its_client_from_the_nat_gateway() {
    let g = architecture("platform");
    assert!(label(&g, "atlas").contains("MongoDB Atlas"));
    assert!(label(&g, "atlas").contains("AP_NORTHEAST_1"));
    assert!(g.contains("external", "atlas"));
    assert!(g.edge("svc_api", "atlas").is_some(), "the client");
    assert!(g.edge("svc_web", "atlas").is_none(), "not a client");
    assert!(g.edge("nat", "atlas").is_some(), "the access list");
    let (plan, units) = units("platform");
    assert!(units.edge("mongodb", "compute").is_some());
    let phases = tfgen::plan::phases(&plan);
    let phase = |u: &str| phases.iter().position(|p| p.iter().any(|n| n == u));
    assert!(phase("mongodb") < phase("compute"), "{phases:?}");
    assert!(phase("network") < phase("mongodb"));
    assert!(phase("security") < phase("mongodb"));
}
