//! Each savings rule: a spec where it fires and one where it stays silent.

use crate::cost::{Estimate, Suggestion, estimate};

/// A valid spec in us-east-1 with `profile`, `environment` and `extra` appended.
fn cost(profile: &str, environment: &str, extra: &str) -> Estimate {
    let text = format!(
        "version: 1\nproject: demo\nenvironment: {environment}\nregion: us-east-1\nprofile: {profile}\n\
         services:\n  web:\n    port: 3000\n{extra}"
    );
    let checked = crate::spec::check(text.as_bytes());
    let resolved = checked
        .resolved
        .unwrap_or_else(|| panic!("invalid test spec: {:?}", checked.diagnostics));
    estimate(&resolved).expect("priced")
}

fn rule<'a>(e: &'a Estimate, name: &str) -> Option<&'a Suggestion> {
    e.suggestions.iter().find(|s| s.rule == name)
}

/// The line's USD at baseline.
fn usd(e: &Estimate, starts: &str) -> f64 {
    e.lines
        .iter()
        .filter(|l| l.item.starts_with(starts))
        .map(|l| l.baseline_usd)
        .sum()
}

#[test]
fn endpoints_without_nat_fires_and_saves_the_endpoint_lines() {
    let e = cost(
        "minimal",
        "staging",
        "network: { azs: 2, nat: none, endpoints: [s3, ecr, logs] }\n",
    );
    let s = rule(&e, "endpoints-without-nat").expect("fires");
    let expected = usd(&e, "Interface endpoint");
    assert!(
        (s.baseline_saving_usd - expected).abs() < 0.011,
        "{s:?} vs {expected}"
    );
    assert!(s.advice.contains("ecr.api, ecr.dkr, logs"), "{}", s.advice);
    // Only one endpoint rule: dropping them all beats moving them to one AZ.
    assert!(rule(&e, "endpoints-every-az").is_none());
}

#[test]
fn endpoints_without_nat_is_silent_with_a_nat_or_only_the_s3_gateway() {
    let nat = cost(
        "balanced",
        "prod",
        "network: { nat: single, endpoints: [s3, ecr] }\n",
    );
    assert!(rule(&nat, "endpoints-without-nat").is_none());
    let gateway = cost(
        "minimal",
        "staging",
        "network: { nat: none, endpoints: [s3] }\n",
    );
    assert!(rule(&gateway, "endpoints-without-nat").is_none());
}

#[test]
fn endpoints_in_every_az_fires_in_minimal_with_a_nat() {
    let e = cost(
        "minimal",
        "staging",
        "network: { azs: 2, nat: single, endpoints: [s3, ecr] }\n",
    );
    let s = rule(&e, "endpoints-every-az").expect("fires");
    let half = usd(&e, "Interface endpoints (") / 2.0;
    assert!((s.baseline_saving_usd - half).abs() < 0.011, "{s:?}");
}

#[test]
fn endpoints_in_every_az_is_silent_outside_minimal() {
    let e = cost(
        "balanced",
        "staging",
        "network: { azs: 2, nat: single, endpoints: [s3, ecr] }\n",
    );
    assert!(rule(&e, "endpoints-every-az").is_none());
}

#[test]
fn nat_per_az_fires_outside_resilient_with_the_saving_of_one_nat() {
    let e = cost("balanced", "prod", "network: { azs: 3, nat: per_az }\n");
    let s = rule(&e, "nat-per-az").expect("fires");
    // Two gateways and their two public IPv4 addresses fewer.
    let nat_hour = 0.045 * 730.0;
    let ipv4 = 0.005 * 730.0;
    assert!(
        (s.baseline_saving_usd - 2.0 * (nat_hour + ipv4)).abs() < 0.02,
        "{s:?}"
    );
}

#[test]
fn nat_per_az_is_silent_in_resilient_and_with_a_single_nat() {
    let resilient = cost("resilient", "prod", "network: { azs: 3, nat: per_az }\n");
    assert!(rule(&resilient, "nat-per-az").is_none());
    let single = cost("balanced", "prod", "network: { nat: single }\n");
    assert!(rule(&single, "nat-per-az").is_none());
}

#[test]
fn aurora_readers_fire_outside_production() {
    let db =
        "database: { engine: aurora_postgres, min_capacity: 0.5, max_capacity: 2, readers: 1 }\n";
    let e = cost("balanced", "staging", db);
    let s = rule(&e, "aurora-readers").expect("fires");
    // One instance of 0.5 → 2 ACU fewer.
    assert!(
        (s.baseline_saving_usd - 0.5 * 730.0 * 0.12).abs() < 0.011,
        "{s:?}"
    );
    assert!(
        (s.peak_saving_usd - 2.0 * 730.0 * 0.12).abs() < 0.011,
        "{s:?}"
    );
}

#[test]
fn aurora_readers_are_silent_in_production_or_without_readers() {
    let db = "database: { engine: aurora_postgres, readers: 1 }\n";
    for env in ["prod", "production", "live"] {
        assert!(
            rule(&cost("balanced", env, db), "aurora-readers").is_none(),
            "{env}"
        );
    }
    let none = "database: { engine: aurora_postgres, readers: 0 }\n";
    assert!(rule(&cost("balanced", "staging", none), "aurora-readers").is_none());
}

#[test]
fn container_insights_fires_in_minimal() {
    let e = cost(
        "minimal",
        "staging",
        "monitoring: { container_insights: true }\n",
    );
    let s = rule(&e, "container-insights-minimal").expect("fires");
    assert!((s.baseline_saving_usd - usd(&e, "Container Insights")).abs() < 0.011);
}

#[test]
fn container_insights_is_silent_outside_minimal_or_when_off() {
    let balanced = cost(
        "balanced",
        "prod",
        "monitoring: { container_insights: true }\n",
    );
    assert!(rule(&balanced, "container-insights-minimal").is_none());
    let off = cost(
        "minimal",
        "staging",
        "monitoring: { container_insights: false }\n",
    );
    assert!(rule(&off, "container-insights-minimal").is_none());
}

#[test]
fn datadog_on_quarter_vcpu_services_fires_per_service() {
    let e = cost(
        "balanced",
        "prod",
        "    cpu: 256\n    memory: 512\n  api:\n    port: 3001\n    path: /api/*\n    cpu: 1024\n    memory: 2048\n\
         monitoring: { datadog: { enabled: true } }\n",
    );
    let hits: Vec<&Suggestion> = e
        .suggestions
        .iter()
        .filter(|s| s.rule == "datadog-small-tasks")
        .collect();
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert!(hits[0].advice.contains("`web`"));
    // web: desired 1, max 10, all month: 1 → 10 tasks at $1 + $6.
    assert_eq!(
        (hits[0].baseline_saving_usd, hits[0].peak_saving_usd),
        (7.0, 70.0)
    );
}

#[test]
fn datadog_advice_is_silent_without_datadog_or_on_bigger_tasks() {
    let off = cost("balanced", "prod", "    cpu: 256\n    memory: 512\n");
    assert!(rule(&off, "datadog-small-tasks").is_none());
    let big = cost(
        "balanced",
        "prod",
        "    cpu: 512\n    memory: 1024\nmonitoring: { datadog: { enabled: true } }\n",
    );
    assert!(rule(&big, "datadog-small-tasks").is_none());
}

#[test]
fn suggestions_are_in_the_json() {
    let e = cost(
        "minimal",
        "staging",
        "network: { nat: none, endpoints: [s3, ecr] }\n",
    );
    let json: serde_json::Value =
        serde_json::from_str(&crate::cost::render_json(&e)).expect("JSON");
    let first = &json["suggestions"][0];
    assert_eq!(first["rule"], "endpoints-without-nat");
    assert!(first["baseline_saving_usd"].as_f64().unwrap() > 0.0);
}
