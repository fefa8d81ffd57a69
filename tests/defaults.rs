//! Defaults that fit any team, not the seed they came from (issue 12, items
//! 8-12), through the real binary: the schedule's time zone, object expiry and
//! `null`, services with `image`, the bastion, and the mocks' region.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

/// A spec in a temp dir, and the binary run beside it.
struct Spec {
    dir: tempfile::TempDir,
}

impl Spec {
    fn new(yaml: &str) -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::write(dir.path().join("spec.yaml"), yaml).expect("write spec");
        Spec { dir }
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::cargo_bin("tfgen")
            .expect("binary")
            .current_dir(self.dir.path())
            .env("NO_COLOR", "1")
            .args(args)
            .output()
            .expect("runs")
    }

    /// `tfgen explain --format json`: every setting by path, as (value, origin).
    fn explain(&self) -> BTreeMap<String, (Value, String)> {
        let out = self.run(&["explain", "--format", "json", "spec.yaml"]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let doc: Value = serde_json::from_slice(&out.stdout).expect("JSON");
        doc["settings"]
            .as_array()
            .expect("settings")
            .iter()
            .map(|s| {
                let origin = s["origin"].as_str().expect("origin").to_owned();
                (
                    s["path"].as_str().expect("path").to_owned(),
                    (s["value"].clone(), origin),
                )
            })
            .collect()
    }

    fn setting(&self, path: &str) -> (Value, String) {
        self.explain()
            .remove(path)
            .unwrap_or_else(|| panic!("explain has no {path}"))
    }

    /// `tfgen build --out out`; the environment's folder.
    fn build(&self) -> PathBuf {
        let out = self.run(&["build", "spec.yaml", "--out", "out"]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let env = self.explain()["environment"].0.as_str().unwrap().to_owned();
        self.dir.path().join("out").join(env)
    }

    fn docs(&self) -> String {
        let out = self.run(&["docs", "spec.yaml"]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        text(&out.stdout)
    }

    fn cost(&self) -> Value {
        let out = self.run(&["cost", "--format", "json", "spec.yaml"]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        serde_json::from_slice(&out.stdout).expect("JSON")
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A one-service spec: `region`, `profile`, then `extra` top-level YAML.
fn spec(region: &str, profile: &str, extra: &str) -> Spec {
    Spec::new(&format!(
        "version: 1\nproject: demo\nenvironment: test\nregion: {region}\nprofile: {profile}\n\
         services:\n  web:\n    port: 3000\n{extra}"
    ))
}

/// Every file under `dir`, with its text.
fn files(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).expect("readable dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let body = fs::read_to_string(&path).unwrap_or_default();
                out.push((path, body));
            }
        }
    }
    out.sort();
    out
}

fn read(path: PathBuf) -> String {
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The region codes the schema accepts.
fn regions() -> Vec<String> {
    let out = Command::cargo_bin("tfgen")
        .unwrap()
        .arg("schema")
        .output()
        .unwrap();
    let schema: Value = serde_json::from_slice(&out.stdout).expect("schema JSON");
    schema["$defs"]["Region"]["enum"]
        .as_array()
        .expect("region enum")
        .iter()
        .map(|r| r.as_str().unwrap().to_owned())
        .collect()
}

// 8. The schedule's time zone.

#[test]
fn the_minimal_schedule_runs_in_the_regions_time_zone() {
    let s = spec("eu-west-1", "minimal", "");
    assert_eq!(
        s.setting("schedule.timezone"),
        (Value::from("Europe/Dublin"), "default".to_owned())
    );
    let env = s.build();
    let compute = read(env.join("compute/terragrunt.hcl"));
    assert!(
        compute.contains("timezone   = \"Europe/Dublin\""),
        "{compute}"
    );
    let readme = read(env.join("README.md"));
    assert!(readme.contains("09:00–22:00 (Europe/Dublin)"), "{readme}");
    for (path, body) in files(&env) {
        assert!(
            !body.contains("Asia/Tokyo"),
            "{} names Tokyo",
            path.display()
        );
    }
}

#[test]
fn a_written_time_zone_wins() {
    let s = spec(
        "eu-west-1",
        "minimal",
        "schedule:\n  timezone: America/Chicago\n",
    );
    assert_eq!(
        s.setting("schedule.timezone"),
        (Value::from("America/Chicago"), "spec".to_owned())
    );
}

/// Every region tfgen accepts defaults to a valid IANA zone (validate passes),
/// its own (only the Japanese regions get Tokyo), and the one docs/spec.md lists.
#[test]
fn every_region_defaults_to_the_zone_docs_spec_md_lists() {
    let doc = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/spec.md")).unwrap();
    let start = doc
        .find("| region | zone | region | zone |")
        .expect("zone table");
    let mut documented = BTreeMap::new();
    for row in doc[start..]
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with('|'))
    {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        for pair in [(cells[1], cells[2]), (cells[3], cells[4])] {
            for region in pair.0.split(", ").filter(|r| !r.is_empty()) {
                documented.insert(region.to_owned(), pair.1.to_owned());
            }
        }
    }
    let regions = regions();
    assert_eq!(
        documented.keys().cloned().collect::<Vec<_>>(),
        {
            let mut r = regions.clone();
            r.sort();
            r
        },
        "docs/spec.md lists exactly the schema's regions"
    );
    for region in regions {
        let s = spec(&region, "minimal", "");
        let valid = s.run(&["validate", "spec.yaml"]);
        assert_eq!(
            valid.status.code(),
            Some(0),
            "{region}: {}",
            text(&valid.stderr)
        );
        let (zone, origin) = s.setting("schedule.timezone");
        assert_eq!(origin, "default", "{region}");
        assert_eq!(zone, Value::from(documented[&region].as_str()), "{region}");
        let japan = region == "ap-northeast-1" || region == "ap-northeast-3";
        assert_eq!(zone == "Asia/Tokyo", japan, "{region}: {zone}");
    }
}

// 9. Object expiry, and `null` for every nullable field.

#[test]
fn no_profile_expires_assets() {
    for profile in ["minimal", "balanced", "resilient"] {
        let s = spec("us-east-1", profile, "");
        assert_eq!(
            s.setting("storage.expire_days"),
            (Value::Null, "default".to_owned()),
            "{profile}"
        );
    }
    let balanced = spec("us-east-1", "balanced", "");
    let storage = read(balanced.build().join("storage/terragrunt.hcl"));
    assert!(
        storage.contains("transition_to_ia_days = 180\n  expire_days           = null\n"),
        "{storage}"
    );
}

#[test]
fn null_turns_off_the_profiles_ia_transition() {
    let s = spec(
        "us-east-1",
        "balanced",
        "storage:\n  transition_to_ia_days: null\n",
    );
    assert_eq!(
        s.setting("storage.transition_to_ia_days"),
        (Value::Null, "spec".to_owned())
    );
    let storage = read(s.build().join("storage/terragrunt.hcl"));
    assert!(
        storage.contains("transition_to_ia_days = null\n"),
        "{storage}"
    );
    // Without it, the profile's value.
    assert_eq!(
        spec("us-east-1", "balanced", "").setting("storage.transition_to_ia_days"),
        (Value::from(180), "profile balanced".to_owned())
    );
}

/// What writing `null` does to one nullable field.
enum WhenNull {
    /// No value, from the spec, whatever the profile or default says.
    Off,
    /// The same as leaving the field out (the spec written here): its plain default.
    Default(&'static str),
    /// An error: the field is required where it is.
    Required(&'static str),
}

/// Each nullable field of the schema: the spec that writes it as `null`
/// (`extra`, after the one service) and what that does. A new nullable field
/// fails `every_nullable_field_is_tested` until it has a row here.
fn nullable_cases() -> Vec<(&'static str, &'static str, &'static str, WhenNull)> {
    vec![
        (
            "state.bucket",
            "state.bucket",
            "state:\n  bucket: null\n",
            WhenNull::Default(""),
        ),
        (
            "state.dynamodb_table",
            "state.dynamodb_table",
            "state:\n  lock: dynamodb\n  dynamodb_table: null\n",
            WhenNull::Default("state:\n  lock: dynamodb\n"),
        ),
        (
            "services.*.image",
            "services.web.image",
            "    image: null\n",
            WhenNull::Off,
        ),
        (
            "storage.transition_to_ia_days",
            "storage.transition_to_ia_days",
            "storage:\n  transition_to_ia_days: null\n",
            WhenNull::Off,
        ),
        (
            "storage.expire_days",
            "storage.expire_days",
            "storage:\n  expire_days: null\n",
            WhenNull::Off,
        ),
        (
            "monitoring.alarm_email",
            "monitoring.alarm_email",
            "monitoring:\n  alarm_email: null\n",
            WhenNull::Off,
        ),
        (
            "monitoring.sentry.organization",
            "monitoring.sentry.organization",
            "monitoring:\n  sentry:\n    enabled: true\n    organization: null\n    team: t\n",
            WhenNull::Required("`organization` is required when Sentry is enabled"),
        ),
        (
            "monitoring.sentry.team",
            "monitoring.sentry.team",
            "monitoring:\n  sentry:\n    enabled: true\n    organization: o\n    team: null\n",
            WhenNull::Required("`team` is required when Sentry is enabled"),
        ),
        (
            "budget.monthly_limit_usd",
            "budget.monthly_limit_usd",
            "budget:\n  monthly_limit_usd: null\n",
            WhenNull::Off,
        ),
        (
            "budget.email",
            "budget.email",
            "monitoring:\n  alarm_email: ops@example.org\nbudget:\n  monthly_limit_usd: 50\n  email: null\n",
            WhenNull::Default(
                "monitoring:\n  alarm_email: ops@example.org\nbudget:\n  monthly_limit_usd: 50\n",
            ),
        ),
    ]
}

/// Fields whose schema type admits null, as `a.b`, `services.*.c`.
fn nullable_fields() -> Vec<String> {
    let out = Command::cargo_bin("tfgen")
        .unwrap()
        .arg("schema")
        .output()
        .unwrap();
    let schema: Value = serde_json::from_slice(&out.stdout).unwrap();
    let resolve = |node: &Value| match node.get("$ref").and_then(Value::as_str) {
        Some(r) => schema["$defs"][r.trim_start_matches("#/$defs/")].clone(),
        None => node.clone(),
    };
    let mut found = Vec::new();
    let mut stack = vec![(String::new(), schema["properties"].clone())];
    while let Some((prefix, props)) = stack.pop() {
        for (name, node) in props.as_object().into_iter().flatten() {
            // In an environment's overrides null removes the shared value
            // (src/spec/environments.rs tests that): it is no value of its own.
            if prefix.is_empty() && name == "environments" {
                continue;
            }
            let path = format!("{prefix}{name}");
            if let Some(Value::Array(types)) = node.get("type")
                && types.contains(&Value::from("null"))
            {
                found.push(path.clone());
            }
            let target = resolve(node);
            if let Some(p) = target.get("properties") {
                stack.push((format!("{path}."), p.clone()));
            }
            if let Some(each) = target.get("additionalProperties").filter(|v| v.is_object())
                && let Some(p) = resolve(each).get("properties")
            {
                stack.push((format!("{path}.*."), p.clone()));
            }
        }
    }
    found.sort();
    found
}

#[test]
fn every_nullable_field_is_tested() {
    let mut tested: Vec<String> = nullable_cases()
        .iter()
        .map(|(field, ..)| field.to_string())
        .collect();
    tested.sort();
    assert_eq!(nullable_fields(), tested);
}

#[test]
fn null_means_no_value_or_the_default_for_each_nullable_field() {
    for (field, path, extra, when) in nullable_cases() {
        let with_null = spec("us-east-1", "balanced", extra);
        match when {
            WhenNull::Off => assert_eq!(
                with_null.setting(path),
                (Value::Null, "spec".to_owned()),
                "{field}"
            ),
            WhenNull::Default(without) => {
                let written = with_null.setting(path);
                let absent = spec("us-east-1", "balanced", without).setting(path);
                assert_eq!(written, absent, "{field}: null is the default");
                assert!(!written.0.is_null(), "{field}: the default is a value");
            }
            WhenNull::Required(message) => {
                let out = with_null.run(&["validate", "spec.yaml"]);
                assert_eq!(out.status.code(), Some(1), "{field}");
                assert!(text(&out.stderr).contains(message), "{}", text(&out.stderr));
            }
        }
    }
}

#[test]
fn null_alarm_email_and_budget_generate_no_unit() {
    let s = spec(
        "us-east-1",
        "balanced",
        "monitoring:\n  alarm_email: null\nbudget:\n  monthly_limit_usd: null\n",
    );
    let env = s.build();
    assert!(!env.join("monitoring").exists());
    assert!(!env.join("budget").exists());
}

// 10. A service with `image` gets no repository.

const TWO_SERVICES: &str = "version: 1\nproject: demo\nenvironment: test\nregion: eu-west-1\n\
     services:\n  web:\n    port: 3000\n    image: public.ecr.aws/nginx/nginx:1.27\n  \
     api:\n    port: 8080\n    path: /api/*\n";

#[test]
fn a_service_with_image_has_no_repository_push_step_or_cost() {
    let s = Spec::new(TWO_SERVICES);
    let env = s.build();
    let ecr = read(env.join("ecr/terragrunt.hcl"));
    assert!(ecr.contains("repositories = [\"api\"]"), "{ecr}");
    let compute = read(env.join("compute/terragrunt.hcl"));
    assert!(compute.contains("dkr.ecr.eu-west-1.amazonaws.com/mock-api"));
    assert!(!compute.contains("amazonaws.com/mock-web"), "{compute}");
    let readme = s.docs();
    assert!(readme.contains("docker push \"$REGISTRY/demo-test-api:latest\""));
    assert!(!readme.contains("demo-test-web:latest"), "{readme}");
    assert!(!readme.contains("--service web --force-new-deployment"));
    let lines = s.cost()["lines"].as_array().unwrap().clone();
    let ecr: Vec<&Value> = lines
        .iter()
        .filter(|l| l["item"].as_str().unwrap().starts_with("ECR"))
        .collect();
    assert_eq!(ecr.len(), 1);
    assert_eq!(ecr[0]["item"], "ECR images (1 × 30 kept)");
}

#[test]
fn services_that_all_name_an_image_get_no_ecr_unit() {
    let s = Spec::new(&TWO_SERVICES.replace(
        "    path: /api/*\n",
        "    path: /api/*\n    image: ghcr.io/acme/api:1.0\n",
    ));
    let env = s.build();
    assert!(!env.join("ecr").exists(), "no ecr unit");
    let compute = read(env.join("compute/terragrunt.hcl"));
    assert!(!compute.contains("dependency \"ecr\""), "{compute}");
    assert!(!compute.contains("repository_urls"), "{compute}");
    assert!(compute.contains("image                      = \"ghcr.io/acme/api:1.0\""));
    let readme = read(env.join("README.md"));
    for absent in [
        "docker",
        "aws ecr",
        "ECR repository",
        "--queue-include-dir ecr",
    ] {
        assert!(!readme.contains(absent), "README has {absent}");
    }
    let cost = s.cost();
    let items: Vec<&str> = cost["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["item"].as_str().unwrap())
        .collect();
    assert!(!items.iter().any(|i| i.starts_with("ECR")), "{items:?}");
}

// 11. The bastion only with a database.

#[test]
fn the_bastion_is_on_only_with_a_database() {
    for profile in ["minimal", "balanced", "resilient"] {
        let none = spec("us-east-1", profile, "database:\n  engine: none\n");
        assert_eq!(
            none.setting("bastion.enabled"),
            (Value::Bool(false), "default".to_owned()),
            "{profile}"
        );
        let with_db = spec("us-east-1", profile, "");
        assert_eq!(
            with_db.setting("bastion.enabled"),
            (Value::Bool(true), "default".to_owned()),
            "{profile}"
        );
    }
    let no_db = spec("us-east-1", "balanced", "database:\n  engine: none\n");
    let env = no_db.build();
    assert!(!env.join("bastion").exists());
    let security = read(env.join("security/terragrunt.hcl"));
    assert!(
        security.contains("create_bastion                 = false"),
        "{security}"
    );
    // Asked for, it is there even without a database.
    let asked = spec(
        "us-east-1",
        "balanced",
        "database:\n  engine: none\nbastion:\n  enabled: true\n",
    );
    assert_eq!(
        asked.setting("bastion.enabled"),
        (Value::Bool(true), "spec".to_owned())
    );
    assert!(asked.build().join("bastion").exists());
}

// 12. Mocks in the spec's region.

#[test]
fn mocks_name_the_specs_region_and_the_fixed_mock_account() {
    let s = spec(
        "eu-west-1",
        "minimal",
        "access:\n  waf:\n    enabled: true\ndomain:\n  name: example.org\n\
         database:\n  engine: aurora_postgres\nauth:\n  enabled: true\n\
         monitoring:\n  alarm_email: ops@example.org\n  sentry:\n    enabled: true\n    organization: o\n    team: t\n",
    );
    let env = s.build();
    for (path, body) in files(&env) {
        assert!(
            !body.contains("ap-northeast-1"),
            "{} names ap-northeast-1",
            path.display()
        );
    }
    let hcl = |unit: &str| read(env.join(unit).join("terragrunt.hcl"));
    let compute = hcl("compute");
    for mock in [
        "arn:aws:kms:eu-west-1:123456789012:key/",
        "mock-db.cluster-000000000000.eu-west-1.rds.amazonaws.com",
        "arn:aws:acm:eu-west-1:123456789012:certificate/mock",
        "arn:aws:ssm:eu-west-1:123456789012:parameter/demo/test/SENTRY_DSN",
        "123456789012.dkr.ecr.eu-west-1.amazonaws.com/mock-web",
    ] {
        assert!(compute.contains(mock), "compute lacks {mock}:\n{compute}");
    }
    let records = hcl("dns-records");
    assert!(records.contains("mock-0000000000.eu-west-1.elb.amazonaws.com"));
    assert!(
        hcl("waf").contains("arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/")
    );
}

#[test]
fn cloudfront_mocks_stay_in_us_east_1() {
    let s = spec(
        "eu-west-1",
        "balanced",
        "cdn:\n  enabled: true\ndomain:\n  name: example.org\n",
    );
    let env = s.build();
    let cdn = read(env.join("cdn/terragrunt.hcl"));
    assert!(
        cdn.contains("arn:aws:wafv2:us-east-1:123456789012:global/webacl/mock/0000"),
        "{cdn}"
    );
    assert!(cdn.contains("arn:aws:acm:us-east-1:123456789012:certificate/mock-cf"));
}
