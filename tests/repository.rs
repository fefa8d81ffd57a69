//! Issue 16 part B: the repository files (`repository:`), the `ci` unit and
//! `tfgen init`, through the real binary in temporary folders. The workflows'
//! schema and zizmor checks run in `.ci/workflows`; here their facts.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

const REPOSITORY_FILES: [&str; 6] = [
    ".github/workflows/images.yml",
    ".github/workflows/infrastructure.yml",
    ".gitignore",
    ".pre-commit-config.yaml",
    ".tflint.hcl",
    "mise.toml",
];

fn tfgen(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("tfgen")
        .expect("binary")
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("runs")
}

fn text(output: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// `tfgen init shop` with staging and prod, a domain and GitHub, without a
/// terminal (assert_cmd gives none): no question is asked.
fn init_shop() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tfgen(
        tmp.path(),
        &[
            "init",
            "shop",
            "--project",
            "acme-shop",
            "--region",
            "eu-west-1",
            "--environments",
            "staging,prod",
            "--domain",
            "shop.example.com",
            "--github",
            "acme/shop",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let repo = tmp.path().join("shop");
    (tmp, repo)
}

/// Every file under `dir`, by relative path, with its content.
fn files_under(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).expect("readable dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .expect("under dir")
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, fs::read_to_string(&path).expect("utf-8"));
            }
        }
    }
    out
}

fn yaml(path: &Path) -> Value {
    tfgen::spec::load::load(&fs::read(path).expect("readable"))
        .unwrap_or_else(|d| panic!("{}: {d:?}", path.display()))
        .value
}

#[test]
fn init_without_a_terminal_writes_a_spec_that_validates_and_builds() {
    let (_tmp, repo) = init_shop();
    for file in REPOSITORY_FILES
        .iter()
        .chain(&["specs/acme-shop.yaml", "schema/tfgen.schema.json"])
    {
        assert!(repo.join(file).is_file(), "{file} is missing");
    }
    let spec = fs::read_to_string(repo.join("specs/acme-shop.yaml")).unwrap();
    assert!(
        spec.starts_with("# yaml-language-server: $schema=../schema/tfgen.schema.json\n"),
        "{spec}"
    );
    assert_eq!(
        fs::read_to_string(repo.join("schema/tfgen.schema.json")).unwrap(),
        tfgen::spec::schema::json_schema_text()
    );
    let validate = tfgen(&repo, &["validate", "specs/"]);
    assert_eq!(validate.status.code(), Some(0), "{}", text(&validate));
    assert!(!text(&validate).contains("warning"), "{}", text(&validate));
    let check = tfgen(&repo, &["build", "--check", "specs/"]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check));
    for env in ["staging", "prod"] {
        assert!(
            repo.join(format!("generated/{env}/ci/terragrunt.hcl"))
                .is_file()
        );
    }
}

#[test]
fn a_second_init_refuses_and_changes_nothing() {
    let (tmp, repo) = init_shop();
    let before = files_under(&repo);
    let again = tfgen(
        tmp.path(),
        &[
            "init",
            "shop",
            "--project",
            "acme-shop",
            "--github",
            "acme/shop",
        ],
    );
    assert_eq!(again.status.code(), Some(2), "{}", text(&again));
    let says = text(&again);
    assert!(says.contains("refusing to overwrite"), "{says}");
    for file in [
        "specs/acme-shop.yaml",
        "mise.toml",
        ".github/workflows/infrastructure.yml",
    ] {
        assert!(says.contains(file), "{file} not named: {says}");
    }
    assert_eq!(files_under(&repo), before);
}

#[test]
fn init_refuses_a_folder_with_a_file_it_would_write() {
    let tmp = tempfile::tempdir().expect("tempdir");
    fs::write(tmp.path().join(".gitignore"), "node_modules/\n").unwrap();
    let out = tfgen(tmp.path(), &["init", "--yes", "--project", "acme-shop"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains(".gitignore"), "{}", text(&out));
    assert!(!tmp.path().join("specs").exists(), "wrote before refusing");
    assert_eq!(
        fs::read_to_string(tmp.path().join(".gitignore")).unwrap(),
        "node_modules/\n"
    );
}

#[test]
fn init_rejects_bad_flags_with_every_problem() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tfgen(
        tmp.path(),
        &[
            "init",
            "--yes",
            "--project",
            "Acme",
            "--region",
            "mars-1",
            "--environments",
            "staging,staging",
            "--github",
            "acme",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let says = text(&out);
    for flag in [
        "--project \"Acme\"",
        "--region \"mars-1\"",
        "staging is named twice",
        "--github \"acme\"",
    ] {
        assert!(says.contains(flag), "{flag}: {says}");
    }
    assert!(fs::read_dir(tmp.path()).unwrap().next().is_none());
}

#[test]
fn init_of_one_environment_writes_the_single_form_without_workflows() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tfgen(
        tmp.path(),
        &[
            "init",
            "--yes",
            "--project",
            "tiny-app",
            "--environments",
            "dev",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let spec = fs::read_to_string(tmp.path().join("specs/tiny-app.yaml")).unwrap();
    assert!(spec.contains("\nenvironment: dev\n") && !spec.contains("environments:"));
    assert!(tmp.path().join("mise.toml").is_file());
    assert!(
        !tmp.path().join(".github").exists(),
        "workflows without github"
    );
    assert!(
        !tmp.path().join("generated/dev/ci").exists(),
        "ci unit without github"
    );
}

/// The tool and workflow files `init` writes, as a reviewer reads them.
#[test]
fn repository_files_snapshot() {
    let (_tmp, repo) = init_shop();
    let mut shown = String::new();
    for file in REPOSITORY_FILES {
        shown.push_str(&format!("=== {file} ===\n"));
        shown.push_str(&fs::read_to_string(repo.join(file)).unwrap());
    }
    insta::assert_snapshot!("init_repository_files", shown);
}

#[test]
fn mise_pins_versions_that_satisfy_root_hcl() {
    let (_tmp, repo) = init_shop();
    let mise: toml::Table = fs::read_to_string(repo.join("mise.toml"))
        .unwrap()
        .parse()
        .expect("mise.toml is TOML");
    let tools = mise["tools"].as_table().expect("[tools]");
    let version = |name: &str| -> Vec<u32> {
        tools[name]
            .as_str()
            .unwrap_or_else(|| panic!("{name} pinned"))
            .split('.')
            .map(|p| p.parse().expect("numeric"))
            .collect()
    };
    // root.hcl's constraints, read from the generated file.
    let root = fs::read_to_string(repo.join("generated/prod/root.hcl")).unwrap();
    let body: hcl::Body = hcl::from_str(&root).expect("root.hcl parses");
    let minimum = |attr: &str| -> Vec<u32> {
        let constraint = body
            .attributes()
            .find(|a| a.key() == attr)
            .and_then(|a| match a.expr() {
                hcl::Expression::String(s) => Some(s.clone()),
                _ => None,
            })
            .unwrap_or_else(|| panic!("{attr} in root.hcl"));
        constraint
            .trim_start_matches(">=")
            .trim()
            .split('.')
            .map(|p| p.parse().expect("numeric"))
            .collect()
    };
    assert!(version("terraform") >= minimum("terraform_version_constraint"));
    assert!(version("terragrunt") >= minimum("terragrunt_version_constraint"));
    assert!(
        version("tflint") >= vec![0, 46],
        "the AWS ruleset needs TFLint 0.46"
    );
    assert_eq!(version("aws-cli")[0], 2);
    assert!(tools.contains_key("terraform-docs"));
    assert_eq!(
        tools["cargo:tfgen"].as_str(),
        Some(env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn tflint_config_parses_and_pins_the_aws_ruleset() {
    let (_tmp, repo) = init_shop();
    let body: hcl::Body =
        hcl::from_str(&fs::read_to_string(repo.join(".tflint.hcl")).unwrap()).expect("parses");
    let aws = body
        .blocks()
        .find(|b| b.identifier() == "plugin" && b.labels().iter().any(|l| l.as_str() == "aws"))
        .expect("plugin \"aws\"");
    let attr = |name: &str| {
        aws.body()
            .attributes()
            .find(|a| a.key() == name)
            .map(|a| a.expr().to_string())
            .unwrap_or_default()
    };
    assert_eq!(
        attr("version"),
        format!("\"{}\"", tfgen::repository::tools::TFLINT_RULESET_AWS)
    );
    assert_eq!(
        attr("source"),
        "\"github.com/terraform-linters/tflint-ruleset-aws\""
    );
    assert_eq!(attr("enabled"), "true");
}

#[test]
fn workflows_pin_actions_limit_permissions_and_apply_in_order() {
    let (_tmp, repo) = init_shop();
    for file in [
        ".github/workflows/infrastructure.yml",
        ".github/workflows/images.yml",
    ] {
        let doc = yaml(&repo.join(file));
        assert_eq!(doc["permissions"], serde_json::json!({}), "{file}");
        let jobs = doc["jobs"].as_object().expect("jobs");
        for (id, job) in jobs {
            assert!(
                job["permissions"].is_object(),
                "{file}: {id} without permissions"
            );
            for step in job["steps"].as_array().expect("steps") {
                if let Some(uses) = step["uses"].as_str() {
                    let sha = uses.split_once('@').map(|(_, r)| r).unwrap_or_default();
                    assert!(
                        sha.len() == 40 && sha.chars().all(|c| c.is_ascii_hexdigit()),
                        "{file}: {id} uses {uses} without a full commit SHA"
                    );
                }
                if step["uses"]
                    .as_str()
                    .is_some_and(|u| u.starts_with("actions/checkout@"))
                {
                    assert_eq!(step["with"]["persist-credentials"], Value::Bool(false));
                }
            }
        }
    }
    let doc = yaml(&repo.join(".github/workflows/infrastructure.yml"));
    let jobs = &doc["jobs"];
    assert_eq!(
        jobs["apply-prod"]["needs"],
        serde_json::json!(["check", "apply-staging"])
    );
    assert_eq!(jobs["apply-prod"]["environment"], "prod");
    assert!(jobs["apply-staging"].get("environment").is_none());
    assert_eq!(jobs["apply-prod"]["concurrency"]["group"], "apply-prod");
    assert_eq!(
        jobs["apply-prod"]["concurrency"]["cancel-in-progress"],
        false
    );
    let role = |job: &str| {
        jobs[job]["steps"]
            .as_array()
            .unwrap()
            .iter()
            .find_map(|s| s["with"]["role-to-assume"].as_str().map(str::to_owned))
            .unwrap_or_default()
    };
    assert!(role("plan-staging").ends_with(":role/acme-shop-staging-github-plan"));
    assert!(role("apply-prod").ends_with(":role/acme-shop-prod-github-deploy"));
    assert!(jobs["cost"]["permissions"]["pull-requests"] == "write");
    let runs: String = jobs["cost"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["run"].as_str())
        .collect();
    assert!(
        runs.contains("--compare-git \"origin/$BASE_REF\" --format markdown"),
        "{runs}"
    );
    assert!(runs.contains("GITHUB_STEP_SUMMARY") && runs.contains("gh pr comment"));
}

/// The deploy role trusts the main branch, or only the GitHub environment
/// of an environment whose apply waits for approval; the plan role, pull requests.
#[test]
fn ci_unit_trusts_exact_subjects() {
    let (_tmp, repo) = init_shop();
    let inputs = |env: &str| {
        let text =
            fs::read_to_string(repo.join(format!("generated/{env}/ci/terragrunt.hcl"))).unwrap();
        let body: hcl::Body = hcl::from_str(&text).expect("parses");
        body.attributes()
            .find(|a| a.key() == "inputs")
            .map(|a| a.expr().to_string())
            .unwrap_or_default()
    };
    let staging = inputs("staging");
    let prod = inputs("prod");
    assert!(
        staging.contains("\"repo:acme/shop:ref:refs/heads/main\""),
        "{staging}"
    );
    assert!(
        prod.contains("\"repo:acme/shop:environment:prod\""),
        "{prod}"
    );
    assert!(!prod.contains("refs/heads/main"), "{prod}");
    for inputs in [&staging, &prod] {
        assert!(
            inputs.contains("\"repo:acme/shop:pull_request\""),
            "{inputs}"
        );
    }
    // One provider per account: the first environment creates it.
    assert!(staging.contains("create_oidc_provider = true"), "{staging}");
    assert!(prod.contains("create_oidc_provider = false"), "{prod}");
}

#[test]
fn images_are_built_only_for_services_with_build() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let spec = "version: 1\nproject: two-svc\nenvironment: dev\nregion: eu-west-1\n\
        profile: minimal\naccess: { allowed_cidrs: [203.0.113.10/32] }\n\
        services:\n  web: { port: 3000, path: /, build: { context: apps/web } }\n\
        \x20 worker-api: { port: 8080, path: /api/*, image: ghcr.io/acme/api:1.2, platform: arm64 }\n\
        \x20 admin: { port: 4000, path: /admin/*, platform: arm64, build: { context: ops, dockerfile: ops/Dockerfile.admin } }\n\
        repository: { github: { repository: acme/two } }\n";
    fs::create_dir_all(tmp.path().join("specs")).unwrap();
    fs::write(tmp.path().join("specs/two.yaml"), spec).unwrap();
    let out = tfgen(tmp.path(), &["build", "specs/"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let doc = yaml(&tmp.path().join(".github/workflows/images.yml"));
    let jobs: Vec<&String> = doc["jobs"].as_object().unwrap().keys().collect();
    assert_eq!(jobs, ["image-dev-web", "image-dev-admin"]);
    let admin = &doc["jobs"]["image-dev-admin"];
    assert_eq!(admin["runs-on"], "ubuntu-24.04-arm");
    let env = admin["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|s| s.get("env").cloned())
        .expect("the build step's env");
    assert_eq!(env["REPOSITORY"], "two-svc-dev-admin");
    assert_eq!(env["CLUSTER"], "two-svc-dev");
    assert_eq!(env["DOCKERFILE"], "ops/Dockerfile.admin");
    assert_eq!(env["CONTEXT"], "ops");
    let web = doc["jobs"]["image-dev-web"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|s| s.get("env").cloned())
        .unwrap();
    assert_eq!(web["DOCKERFILE"], "apps/web/Dockerfile");
    assert_eq!(
        doc["on"]["push"]["paths"],
        serde_json::json!([
            "apps/web/**",
            "apps/web/Dockerfile",
            "ops/**",
            "ops/Dockerfile.admin",
            ".github/workflows/images.yml"
        ])
    );
    let run = doc["jobs"]["image-dev-web"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["run"].as_str())
        .collect::<String>();
    assert!(run.contains("--force-new-deployment"), "{run}");
    assert!(
        run.contains(":$SHA\"") && run.contains(":latest\""),
        "{run}"
    );
    // Without a built service, no images workflow: a later build removes it.
    let without = spec.replace(", build: { context: apps/web }", "").replace(
        ", build: { context: ops, dockerfile: ops/Dockerfile.admin }",
        "",
    );
    fs::write(tmp.path().join("specs/two.yaml"), without).unwrap();
    let out = tfgen(tmp.path(), &["build", "specs/"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(!tmp.path().join(".github/workflows/images.yml").exists());
    assert!(
        tmp.path()
            .join(".github/workflows/infrastructure.yml")
            .exists()
    );
}

#[test]
fn a_hand_edited_repository_file_is_not_overwritten() {
    let (_tmp, repo) = init_shop();
    let mise = repo.join("mise.toml");
    fs::write(
        &mise,
        fs::read_to_string(&mise).unwrap() + "node = \"22\"\n",
    )
    .unwrap();
    let check = tfgen(&repo, &["build", "--check", "specs/"]);
    assert_eq!(check.status.code(), Some(1), "{}", text(&check));
    assert!(
        text(&check).contains("stale: mise.toml"),
        "{}",
        text(&check)
    );
    let build = tfgen(&repo, &["build", "specs/"]);
    assert_eq!(build.status.code(), Some(2), "{}", text(&build));
    assert!(
        text(&build).contains("mise.toml was edited by hand"),
        "{}",
        text(&build)
    );
    assert!(fs::read_to_string(&mise).unwrap().contains("node = \"22\""));
    let forced = tfgen(&repo, &["build", "--force", "specs/"]);
    assert_eq!(forced.status.code(), Some(0), "{}", text(&forced));
    assert!(!fs::read_to_string(&mise).unwrap().contains("node"));
}

#[test]
fn specs_sharing_a_root_must_agree() {
    let tmp = tempfile::tempdir().expect("tempdir");
    fs::create_dir_all(tmp.path().join("specs")).unwrap();
    let spec = |env: &str, repo: &str| {
        format!(
            "version: 1\nproject: shared\nenvironment: {env}\nregion: eu-west-1\nprofile: minimal\n\
             access: {{ allowed_cidrs: [203.0.113.10/32] }}\nservices:\n  web: {{ port: 3000 }}\n\
             repository: {{ github: {{ repository: {repo} }} }}\n"
        )
    };
    fs::write(tmp.path().join("specs/a.yaml"), spec("staging", "acme/one")).unwrap();
    fs::write(tmp.path().join("specs/b.yaml"), spec("qa", "acme/two")).unwrap();
    let out = tfgen(tmp.path(), &["build", "specs/"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("with different `repository:` blocks"),
        "{}",
        text(&out)
    );
    assert!(
        !tmp.path().join("generated").exists(),
        "wrote before refusing"
    );
}

/// Environments that need approval apply last whatever their order in the
/// spec; the first environment of the spec creates the OIDC provider, and an
/// environment in an account of its own says `create` in its block.
#[test]
fn deploy_order_and_oidc_provider_in_a_spec_of_several_environments() {
    let tmp = tempfile::tempdir().expect("tempdir");
    fs::create_dir_all(tmp.path().join("specs")).unwrap();
    let spec = "version: 1\nproject: order\nregion: eu-west-1\n\
        services:\n  web: { port: 3000 }\n\
        repository: { github: { repository: acme/order, deploy_environments: [prod] } }\n\
        environments:\n\
        \x20 prod: { profile: balanced }\n\
        \x20 staging: { profile: balanced }\n\
        \x20 qa:\n    profile: balanced\n    account_id: \"210987654321\"\n\
        \x20   repository: { github: { oidc_provider: create } }\n";
    fs::write(tmp.path().join("specs/order.yaml"), spec).unwrap();
    let out = tfgen(tmp.path(), &["build", "specs/"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let doc = yaml(&tmp.path().join(".github/workflows/infrastructure.yml"));
    let applies: Vec<&String> = doc["jobs"]
        .as_object()
        .unwrap()
        .keys()
        .filter(|k| k.starts_with("apply-"))
        .collect();
    assert_eq!(applies, ["apply-staging", "apply-qa", "apply-prod"]);
    assert_eq!(
        doc["jobs"]["apply-prod"]["needs"],
        serde_json::json!(["check", "apply-qa"])
    );
    let qa_role = doc["jobs"]["apply-qa"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|s| s["with"]["role-to-assume"].as_str())
        .unwrap()
        .to_owned();
    assert_eq!(
        qa_role,
        "arn:aws:iam::210987654321:role/order-qa-github-deploy"
    );
    let creates = |env: &str| {
        fs::read_to_string(
            tmp.path()
                .join(format!("generated/{env}/ci/terragrunt.hcl")),
        )
        .unwrap()
        .contains("create_oidc_provider = true")
    };
    assert!(creates("prod"), "the first environment creates it");
    assert!(!creates("staging"), "the others look it up");
    assert!(creates("qa"), "unless their block says create");
    // `--env` builds some trees and leaves the repository files alone.
    let workflow = tmp.path().join(".github/workflows/infrastructure.yml");
    fs::remove_file(&workflow).unwrap();
    let some = tfgen(tmp.path(), &["build", "specs/", "--env", "qa"]);
    assert_eq!(some.status.code(), Some(0), "{}", text(&some));
    assert!(!workflow.exists());
}

#[test]
fn the_repository_root_cannot_be_a_folder_of_the_tree() {
    let tmp = tempfile::tempdir().expect("tempdir");
    fs::create_dir_all(tmp.path().join("specs")).unwrap();
    let spec = "version: 1\nproject: rooted\nenvironment: dev\nregion: eu-west-1\nprofile: minimal\n\
        access: { allowed_cidrs: [203.0.113.10/32] }\nservices:\n  web: { port: 3000 }\n\
        repository: { root: ./generated/dev/ci }\n";
    fs::write(tmp.path().join("specs/rooted.yaml"), spec).unwrap();
    let out = tfgen(tmp.path(), &["build", "specs/"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("inside a folder of the generated tree"),
        "{}",
        text(&out)
    );
    assert!(
        !tmp.path().join("generated").exists(),
        "wrote before refusing"
    );
}
