//! The Terragrunt wiring of the generated tree (issue 12, "Terragrunt"):
//! version floors, mocks, and what a local-state environment documents and ignores.

use std::path::Path;

fn generate(text: &str) -> tfgen::render::Tree {
    let checked = tfgen::spec::check(text.as_bytes());
    let resolved = checked.resolved.expect("valid spec");
    tfgen::build::generate(&resolved, "spec.yaml")
        .expect("generates")
        .files
}

fn example(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("specs")
            .join(name),
    )
    .expect("example spec")
}

#[test]
fn versions_are_floored_where_s3_locking_and_terragrunt_1_work() {
    let tree = generate(&example("prod.yaml"));
    let root = &tree["root.hcl"];
    assert!(
        root.contains("terraform_version_constraint  = \">= 1.11\""),
        "{root}"
    );
    assert!(
        root.contains("terragrunt_version_constraint = \">= 1.0\""),
        "{root}"
    );
    for (path, text) in tfgen::catalog::files() {
        if path.ends_with("/versions.tf") {
            assert!(text.contains("required_version = \">= 1.11\""), "{path}");
        }
    }
    assert!(tree["README.md"].contains("Terraform ≥ 1.11, Terragrunt ≥ 1.0"));
}

#[test]
fn mocks_serve_destroy_and_merge_shallowly_with_state() {
    let tree = generate(&example("prod.yaml"));
    let mut dependencies = 0;
    for (path, text) in &tree {
        if !path.ends_with("/terragrunt.hcl") {
            continue;
        }
        dependencies += text.matches("dependency \"").count();
        assert_eq!(
            text.matches("mock_outputs = ").count(),
            text.matches(
                "mock_outputs_allowed_terraform_commands = [\"init\", \"validate\", \"plan\", \"destroy\"]"
            )
            .count(),
            "{path}"
        );
        assert_eq!(
            text.matches("mock_outputs = ").count(),
            text.matches("mock_outputs_merge_strategy_with_state  = \"shallow\"")
                .count(),
            "{path}"
        );
    }
    assert!(dependencies > 10, "prod has its dependencies");
}

#[test]
fn local_state_is_ignored_and_needs_no_bootstrap() {
    let local = example("staging.yaml").replace(
        "environment: staging\n",
        "environment: staging\nstate:\n  backend: local\n",
    );
    let tree = generate(&local);
    let ignore = &tree[".gitignore"];
    for line in [".terragrunt-cache/", ".terraform/", ".state/"] {
        assert!(ignore.lines().any(|l| l == line), "{line} in {ignore}");
    }
    assert!(!tree["README.md"].contains("bootstrap"));

    let s3 = generate(&example("staging.yaml"));
    assert!(!s3[".gitignore"].contains(".state/"));
    assert!(s3[".gitignore"].contains(".terragrunt-cache/"));
    assert!(s3["README.md"].contains("terragrunt backend bootstrap --all"));
}

/// Every command in the environment READMEs is a Terragrunt 1.x / AWS CLI v2 form:
/// none of the removed or hidden legacy spellings.
#[test]
fn readmes_use_no_removed_terragrunt_forms() {
    let variants = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/variants");
    let mut specs: Vec<String> = ["staging.yaml", "prod.yaml", "pantri.yaml"]
        .iter()
        .map(|n| example(n))
        .collect();
    for entry in std::fs::read_dir(variants).expect("variants") {
        specs.push(std::fs::read_to_string(entry.expect("entry").path()).expect("spec"));
    }
    for spec in &specs {
        let readme = &generate(spec)["README.md"];
        for removed in [
            "run-all",
            "--terragrunt-",
            "TERRAGRUNT_",
            "--queue-include-dir",
        ] {
            assert!(!readme.contains(removed), "`{removed}` in\n{readme}");
        }
        assert!(readme.contains("terragrunt run --all -- plan"));
        if readme.contains("ECR repository") {
            assert!(readme.contains("terragrunt run --all --filter 'ecr...' -- apply"));
        }
    }
    let prod = &generate(&example("prod.yaml"))["README.md"];
    assert!(prod.contains("terragrunt backend bootstrap --all"));
    assert!(
        prod.contains("--query \"HostedZones[?Name=='tidilyspace.app.'].Id | [0]\""),
        "the hosted zone is looked up by its exact name"
    );
}

fn with_top_level(lines: &str) -> String {
    example("staging.yaml").replace(
        "environment: staging\n",
        &format!("environment: staging\n{lines}"),
    )
}

#[test]
fn the_binary_is_pinned_to_the_spec_tool() {
    let terraform = generate(&example("staging.yaml"));
    assert!(terraform["root.hcl"].contains("terraform_binary = \"terraform\""));
    let tofu = generate(&with_top_level("tool: tofu\n"));
    assert!(tofu["root.hcl"].contains("terraform_binary = \"tofu\""));
}

#[test]
fn an_account_id_guards_both_providers() {
    let plain = generate(&example("staging.yaml"));
    assert!(!plain["root.hcl"].contains("allowed_account_ids"));
    let guarded = generate(&with_top_level("account_id: \"123456789012\"\n"));
    assert_eq!(
        guarded["root.hcl"]
            .matches("allowed_account_ids = [\"123456789012\"]")
            .count(),
        2,
        "the regional and the us-east-1 provider"
    );
    let bad = tfgen::spec::check(with_top_level("account_id: \"12345\"\n").as_bytes());
    assert!(bad.has_errors(), "an account ID has 12 digits");
}

#[test]
fn the_state_bucket_is_per_account_tagged_and_locks_with_the_lock_file() {
    let default = generate(&example("staging.yaml"));
    let root = &default["root.hcl"];
    assert!(
        root.contains("bucket         = \"bookmark-manager-tfstate-${get_aws_account_id()}\""),
        "{root}"
    );
    assert!(root.contains("s3_bucket_tags = local.env.tags"), "{root}");

    let named = generate(&with_top_level("state:\n  bucket: acme-states\n"));
    assert!(named["root.hcl"].contains("\"acme-states\""));

    let dynamodb = generate(&with_top_level("state:\n  lock: dynamodb\n"));
    let root = &dynamodb["root.hcl"];
    for line in [
        "use_lockfile        = true",
        "dynamodb_table      = \"bookmark-manager-terraform-locks\"",
        "dynamodb_table_tags = local.env.tags",
    ] {
        assert!(root.contains(line), "{line} in {root}");
    }
}
