//! `tfgen cost` through the real binary: the example specs' totals, reviewed
//! line by line against docs/cost.md, and the command's exit codes.

mod common;
use common::tfgen;
use serde_json::Value;

fn estimate(spec: &str) -> Value {
    let out = tfgen(&["cost", "--format", "json", &format!("specs/{spec}")]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// Asserts the totals within a cent, and that the lines add up to them.
fn assert_totals(spec: &str, baseline: f64, peak: f64) {
    let e = estimate(spec);
    let total = |key: &str| e[key].as_f64().expect("a number");
    assert!(
        (total("baseline_total") - baseline).abs() < 0.01,
        "{spec}: baseline {} != {baseline}",
        total("baseline_total")
    );
    assert!(
        (total("peak_total") - peak).abs() < 0.01,
        "{spec}: peak {} != {peak}",
        total("peak_total")
    );
    let lines = e["lines"].as_array().expect("lines");
    for (key, expected) in [("baseline_usd", baseline), ("peak_usd", peak)] {
        let sum: f64 = lines.iter().map(|l| l[key].as_f64().unwrap_or(0.0)).sum();
        assert!(
            (sum - expected).abs() < 0.01,
            "{spec}: {key} lines sum to {sum}"
        );
    }
}

/// Seed 000's staging: 2 × 0.25 vCPU tasks for 282.44 h, RDS micro, bastion,
/// 3 interface endpoints in 2 AZs, Datadog (0.77 concurrent Fargate tasks); in
/// Tokyo. Peak = baseline (max 1 task).
#[test]
fn staging_total() {
    assert_totals("staging.yaml", 153.81, 153.81);
}

/// Seeds 001/004's prod: 2 → 20 × 1 vCPU tasks, Aurora 0.5 → 2 ACU × 2 instances,
/// one NAT, WAF, Datadog per Fargate task 2 → 20 (+ APM; the database is not
/// a billed host); in Tokyo.
#[test]
fn prod_total() {
    assert_totals("prod.yaml", 384.25, 1648.45);
}

/// Seed 003's pantri: 2 → 10 Spot tasks (one on demand), 3 NAT gateways, CloudFront, Cognito,
/// Datadog, no database (so no bastion); in us-east-1, Spot at the price
/// observed on 2026-09-28, Cognito's 1,000 MAU without the account's free tier.
#[test]
fn pantri_total() {
    assert_totals("pantri.yaml", 291.17, 438.97);
}

#[test]
fn staging_runs_its_services_282_hours_a_month() {
    let e = estimate("staging.yaml");
    let hours = e["ecs_hours_per_month"].as_f64().unwrap();
    assert!((282.3..282.6).contains(&hours), "{hours}");
    assert_eq!(e["schedule"], "MON-FRI 09:00-22:00 Asia/Tokyo");
}

#[test]
fn assumptions_carry_their_origin() {
    let e = estimate("prod.yaml");
    let find = |path: &str| {
        e["assumptions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["path"] == path)
            .cloned()
            .unwrap_or_else(|| panic!("{path}"))
    };
    assert_eq!(find("cost.log_ingest_gb")["origin"], "spec");
    assert_eq!(find("cost.log_ingest_gb")["value"], 10.0);
    assert_eq!(find("cost.alb_lcus")["origin"], "default");
}

#[test]
fn table_and_markdown_show_totals_and_assumptions() {
    let out = tfgen(&["cost", "specs/prod.yaml"]);
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table
            .lines()
            .any(|l| l.starts_with("TOTAL") && l.ends_with("384.25  1648.45"))
    );
    assert!(table.contains("cost.log_ingest_gb") && table.contains("spec"));
    let out = tfgen(&["cost", "--format", "markdown", "specs/prod.yaml"]);
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(
        md.contains("| **total** | | **384.25** | **1648.45** |"),
        "{md}"
    );
}

#[test]
fn an_unpriced_region_exits_1_naming_the_priced_regions() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/specs/prod.yaml"))
        .unwrap()
        .replace("region: ap-northeast-1", "region: sa-east-1");
    let path = dir.path().join("brazil.yaml");
    std::fs::write(&path, text).unwrap();
    let out = tfgen(&["cost", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no prices for region sa-east-1")
            && err.contains("ap-northeast-1, eu-central-1, eu-west-1, us-east-1, us-west-2"),
        "{err}"
    );
}

#[test]
fn invalid_specs_exit_1_and_usage_errors_exit_2() {
    let invalid = tfgen(&["cost", "tests/fixtures/invalid/bad_region.yaml"]);
    assert_eq!(invalid.status.code(), Some(1));
    assert_eq!(
        tfgen(&["cost", "specs/missing.yaml"]).status.code(),
        Some(2)
    );
    assert_eq!(
        tfgen(&["cost", "--format", "csv", "specs/prod.yaml"])
            .status
            .code(),
        Some(2)
    );
}

/// `--compare OLD_SPEC` through the binary: the totals' delta, and an unchanged
/// comparison folds every line.
#[test]
fn compare_prints_the_delta_of_two_specs() {
    let out = tfgen(&[
        "cost",
        "tests/fixtures/cost/prod_next.yaml",
        "--compare",
        "specs/prod.yaml",
        "--format",
        "json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let d: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(d["old"]["baseline_total"], 384.25);
    assert_eq!(d["baseline_delta_usd"], -5.84);
    assert_eq!(d["peak_delta_usd"], -481.98);
    assert_eq!(d["peak_delta_percent"], -29.2);
    let same = tfgen(&["cost", "specs/prod.yaml", "--compare", "specs/prod.yaml"]);
    let text = String::from_utf8_lossy(&same.stdout);
    assert!(
        text.contains("unchanged lines") && text.contains("(0.00, 0.0 %)"),
        "{text}"
    );
    // Both bases at once is a usage error; a missing old spec too.
    let both = tfgen(&[
        "cost",
        "specs/prod.yaml",
        "--compare",
        "specs/prod.yaml",
        "--compare-git",
        "HEAD",
    ]);
    assert_eq!(both.status.code(), Some(2));
    let missing = tfgen(&["cost", "specs/prod.yaml", "--compare", "specs/nope.yaml"]);
    assert_eq!(missing.status.code(), Some(2));
}

fn git(dir: &std::path::Path, args: &[&str]) {
    let status = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=tfgen test",
            "-c",
            "user.email=test@example.com",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

/// `--compare-git REV` in a temporary repository: the spec in a subdirectory is
/// read as it was at HEAD, while the working copy has a NAT per AZ.
#[test]
fn compare_git_reads_the_spec_at_a_revision() {
    let repo = tempfile::tempdir().unwrap();
    let envs = repo.path().join("envs");
    std::fs::create_dir(&envs).unwrap();
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/specs/prod.yaml")).unwrap();
    let spec = envs.join("prod.yaml");
    std::fs::write(&spec, &text).unwrap();
    git(repo.path(), &["init", "-q"]);
    git(repo.path(), &["add", "."]);
    git(repo.path(), &["commit", "-q", "-m", "prod"]);
    std::fs::write(&spec, text.replace("  nat: single ", "  nat: per_az ")).unwrap();
    let out = tfgen(&[
        "cost",
        spec.to_str().unwrap(),
        "--compare-git",
        "HEAD",
        "--format",
        "json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let d: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert!(d["old"]["label"].as_str().unwrap().starts_with("HEAD:"));
    assert_eq!(d["old"]["baseline_total"], 384.25);
    // One more NAT gateway (45.26) and its public IPv4 address (3.65) in Tokyo.
    assert_eq!(d["baseline_delta_usd"], 48.91);
    let changed: Vec<&str> = d["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["item"].as_str().unwrap())
        .collect();
    assert_eq!(
        changed,
        ["NAT gateway × 2", "Public IPv4 addresses (ALB, NAT)"]
    );
    // Markdown for the pull request: the totals and the folded lines.
    let md = tfgen(&[
        "cost",
        spec.to_str().unwrap(),
        "--compare-git",
        "HEAD",
        "--format",
        "markdown",
    ]);
    let md = String::from_utf8_lossy(&md.stdout);
    assert!(
        md.contains("**Baseline 384.25 → 433.16 (+48.91, +12.7 %)**"),
        "{md}"
    );
    assert!(md.contains("<details><summary>"), "{md}");
    // An unknown revision is a usage error naming it.
    let bad = tfgen(&[
        "cost",
        spec.to_str().unwrap(),
        "--compare-git",
        "no-such-rev",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("no-such-rev"));
}
