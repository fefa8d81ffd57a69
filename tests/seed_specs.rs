//! The example specs resolve to the values their seeds document (seeds 000,
//! 001/004, 002 and 003 in ../shared/seeds), as `tfgen explain` shows them.

use serde_json::Value;
use std::collections::BTreeMap;

/// path → (value, origin) from `explain --format json` of the real binary.
fn explain(spec: &str) -> BTreeMap<String, (Value, String)> {
    let output = assert_cmd::Command::cargo_bin("tfgen")
        .expect("binary")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["explain", "--format", "json", &format!("specs/{spec}")])
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let doc: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    doc["settings"]
        .as_array()
        .expect("settings")
        .iter()
        .map(|s| {
            (
                s["path"].as_str().unwrap_or_default().to_owned(),
                (
                    s["value"].clone(),
                    s["origin"].as_str().unwrap_or_default().to_owned(),
                ),
            )
        })
        .collect()
}

fn assert_values(settings: &BTreeMap<String, (Value, String)>, expected: &[(&str, Value)]) {
    for (path, value) in expected {
        let (actual, _) = settings
            .get(*path)
            .unwrap_or_else(|| panic!("{path} is not resolved"));
        assert_eq!(actual, value, "{path}");
    }
}

#[test]
fn staging_matches_seed_000() {
    let s = explain("staging.yaml");
    assert_values(
        &s,
        &[
            ("profile", "minimal".into()),
            ("region", "ap-northeast-1".into()),
            ("network.nat", "none".into()),
            ("network.cidr", "10.0.0.0/16".into()),
            (
                "network.endpoints",
                serde_json::json!(["s3", "ecr", "logs"]),
            ),
            ("database.engine", "postgres".into()),
            ("database.instance_class", "db.t4g.micro".into()),
            ("database.deletion_protection", false.into()),
            ("services.web.cpu", 256.into()),
            ("services.web.memory", 512.into()),
            ("services.api.cpu", 256.into()),
            ("services.api.memory", 512.into()),
            ("services.api.path", "/api/*".into()),
            ("services.web.health_check.grace_seconds", 120.into()),
            ("services.web.health_check.interval", 60.into()),
            ("services.web.health_check.unhealthy_threshold", 10.into()),
            ("schedule.days", "MON-FRI".into()),
            ("schedule.start", "09:00".into()),
            ("schedule.stop", "22:00".into()),
            ("schedule.timezone", "Asia/Tokyo".into()),
            ("bastion.instance_type", "t3.nano".into()),
            ("monitoring.log_retention_days", 7.into()),
            ("monitoring.container_insights", false.into()),
            ("monitoring.datadog.enabled", true.into()),
            ("monitoring.sentry.enabled", true.into()),
        ],
    );
    let cidrs = &s["access.allowed_cidrs"].0;
    assert!(
        cidrs.as_array().is_some_and(|a| !a.is_empty()),
        "the ALB is IP-restricted"
    );
}

#[test]
fn prod_matches_seeds_001_and_004() {
    let s = explain("prod.yaml");
    assert_values(
        &s,
        &[
            ("profile", "balanced".into()),
            ("network.cidr", "10.1.0.0/16".into()),
            ("network.nat", "single".into()),
            ("domain.name", "tidilyspace.app".into()),
            ("domain.www", true.into()),
            ("access.waf.enabled", true.into()),
            ("access.waf.rate_limit", 2000.into()),
            ("database.engine", "aurora_postgres".into()),
            ("database.version", "17.6".into()),
            ("database.min_capacity", 0.5.into()),
            ("database.max_capacity", 2.0.into()),
            ("database.readers", 1.into()),
            ("database.backup_retention_days", 30.into()),
            ("database.deletion_protection", true.into()),
            ("services.web.scaling.min", 1.into()),
            ("services.web.scaling.max", 10.into()),
            ("services.api.scaling.cpu_target", 70.into()),
            ("services.api.scaling.memory_target", 80.into()),
            ("services.api.scaling.scale_out_cooldown", 60.into()),
            ("services.api.scaling.scale_in_cooldown", 300.into()),
            ("storage.versioning", true.into()),
            ("storage.transition_to_ia_days", 180.into()),
            ("storage.expire_days", 730.into()),
            ("registry.keep_images", 30.into()),
            ("registry.force_delete", false.into()),
            ("monitoring.log_retention_days", 30.into()),
            ("monitoring.datadog.monitors", true.into()),
            ("monitoring.datadog.dashboard", true.into()),
            ("monitoring.sentry.enabled", true.into()),
            ("schedule.enabled", false.into()),
        ],
    );
    assert!(s["monitoring.alarm_email"].0.is_string(), "alarms are on");
}

#[test]
fn pantri_matches_seed_003() {
    let s = explain("pantri.yaml");
    assert_values(
        &s,
        &[
            ("services.web.spot", true.into()),
            ("cdn.enabled", true.into()),
            ("auth.enabled", true.into()),
            ("auth.mfa", "optional".into()),
            ("auth.password_min_length", 12.into()),
            ("monitoring.datadog.enabled", true.into()),
            ("network.nat", "per_az".into()),
            ("database.engine", "none".into()),
        ],
    );
    let azs = s["network.azs"].0.as_u64().unwrap_or(0);
    assert!(azs >= 2, "multi-AZ");
    assert!(s.contains_key("budget.monthly_limit_usd"));
}

#[test]
fn platform_matches_seed_002() {
    let s = explain("platform.yaml");
    assert_values(
        &s,
        &[
            ("project", "bookmark-manager".into()),
            ("region", "ap-northeast-1".into()),
            ("network.nat", "single".into()),
            ("cdn.enabled", true.into()),
            ("access.waf.enabled", true.into()),
            ("database.engine", "aurora_postgres".into()),
            ("database.version", "17.6".into()),
            ("mongodb.version", "8.0".into()),
            ("mongodb.tier", "flex".into()),
            ("mongodb.access", "nat".into()),
            ("mongodb.clients", serde_json::json!(["api"])),
            ("monitoring.datadog.enabled", true.into()),
            ("monitoring.sentry.enabled", true.into()),
        ],
    );
}

#[test]
fn origins_distinguish_spec_profile_and_default() {
    let s = explain("prod.yaml");
    assert_eq!(s["network.nat"].1, "spec");
    assert_eq!(s["monitoring.container_insights"].1, "spec");
    assert_eq!(s["network.azs"].1, "spec");
    let p = explain("pantri.yaml");
    assert_eq!(p["services.web.cpu"].1, "profile balanced");
    assert_eq!(p["services.web.health_check.interval"].1, "default");
}
