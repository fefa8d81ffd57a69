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
