//! Specs of several environments (`environments:`), through the real binary:
//! the example builds the trees of the two single-environment examples, `--env`
//! picks environments, and problems name the environments they are found in.

mod common;
use common::tfgen;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

const MULTI: &str = "specs/multi/bookmark-manager.yaml";

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every file under `dir`, by path relative to it.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).expect("readable dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).expect("under dir").to_path_buf();
                files.insert(rel, fs::read(&path).expect("readable file"));
            }
        }
    }
    files
}

/// The spec path a tree's manifest names (as its headers do).
fn manifest_spec(files: &BTreeMap<PathBuf, Vec<u8>>) -> String {
    let manifest: serde_json::Value =
        serde_json::from_slice(&files[Path::new(".tfgen-manifest.json")]).expect("manifest");
    manifest["spec"].as_str().expect("spec path").to_owned()
}

#[test]
fn the_example_builds_the_trees_of_the_single_environment_examples() {
    let out = tempfile::tempdir().expect("tempdir");
    let generated = out.path().join("generated");
    let run = tfgen(&["build", MULTI, "--out", generated.to_str().expect("utf-8")]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    for env in ["staging", "prod"] {
        let built = tree(&generated.join(env));
        let committed = tree(&root().join("generated").join(env));
        assert_eq!(
            built.keys().collect::<Vec<_>>(),
            committed.keys().collect::<Vec<_>>(),
            "{env}: the same files"
        );
        let header = manifest_spec(&built);
        assert!(
            header.ends_with(MULTI),
            "{env}: the headers name the multi-environment spec: {header}"
        );
        let single = format!("specs/{env}.yaml");
        assert_eq!(manifest_spec(&committed), single);
        for (path, bytes) in &built {
            if path == Path::new(".tfgen-manifest.json") {
                // It holds the hashes of the files, whose headers differ.
                continue;
            }
            let body = text(bytes);
            assert!(
                body.contains(&header),
                "{env}/{}: no header naming the spec",
                path.display()
            );
            assert!(
                body.replace(&header, &single).as_bytes() == committed[path].as_slice(),
                "{env}/{} differs from generated/{env}/ beyond the spec path in the header",
                path.display()
            );
        }
    }
    // The catalog is the same too.
    assert_eq!(
        tree(&generated.join("modules")),
        tree(&root().join("generated/modules"))
    );
}

#[test]
fn validate_reports_each_environment() {
    let run = tfgen(&["validate", MULTI]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert_eq!(
        text(&run.stdout),
        format!(
            "{MULTI} (environments.staging): ok (2 warnings)\n{MULTI} (environments.prod): ok\n"
        )
    );
    let stderr = text(&run.stderr);
    assert!(
        stderr.contains(&format!("{MULTI}:55:17: warning: services.web.memory: the Datadog agent sidecar reserves 256 MiB of the task's 512 MiB, leaving `web` about 256 MiB (in environment staging)\n")),
        "{stderr}"
    );
    let prod = tfgen(&["validate", MULTI, "--env", "prod"]);
    assert_eq!(prod.status.code(), Some(0));
    assert_eq!(
        text(&prod.stdout),
        format!("{MULTI} (environments.prod): ok\n")
    );
    assert_eq!(text(&prod.stderr), "", "staging is not checked");
}

#[test]
fn an_unknown_environment_is_an_error_naming_the_known_ones() {
    for command in [
        "validate", "build", "diff", "explain", "cost", "graph", "docs",
    ] {
        let run = tfgen(&[command, MULTI, "--env", "prd"]);
        assert_eq!(run.status.code(), Some(2), "{command}");
        let tail = if command == "validate" {
            "validation failed\n"
        } else {
            ""
        };
        assert_eq!(
            text(&run.stderr),
            format!(
                "error: unknown environment `prd` (--env): {MULTI} defines staging, prod\n  help: did you mean `--env prod`?\n{tail}"
            ),
            "{command}"
        );
    }
    // A single-environment spec has one environment, its own.
    let run = tfgen(&["explain", "specs/staging.yaml", "--env", "prod"]);
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(
        text(&run.stderr),
        "error: unknown environment `prod` (--env): specs/staging.yaml defines staging\n"
    );
    assert_eq!(
        tfgen(&["explain", "specs/staging.yaml", "--env", "staging"])
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn commands_about_one_environment_need_env_with_several() {
    for command in ["explain", "cost", "graph", "docs"] {
        let run = tfgen(&[command, MULTI]);
        assert_eq!(run.status.code(), Some(2), "{command}");
        assert!(
            text(&run.stderr).ends_with(&format!(
                "error: {MULTI} defines 2 environments (staging, prod): name one with --env\n  help: e.g. `--env staging`\n"
            )),
            "{command}: {}",
            text(&run.stderr)
        );
        assert!(text(&run.stdout).is_empty());
        let run = tfgen(&[command, MULTI, "--env", "prod"]);
        assert_eq!(
            run.status.code(),
            Some(0),
            "{command}: {}",
            text(&run.stderr)
        );
        assert!(!run.stdout.is_empty(), "{command}");
    }
}

#[test]
fn explain_shows_which_part_wrote_each_value() {
    let run = tfgen(&["explain", MULTI, "--env", "prod", "--format", "json"]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&run.stdout).expect("json");
    let origin = |path: &str| {
        doc["settings"]
            .as_array()
            .expect("settings")
            .iter()
            .find(|s| s["path"] == path)
            .map(|s| s["origin"].as_str().expect("origin").to_owned())
            .unwrap_or_else(|| panic!("no setting {path}"))
    };
    assert_eq!(origin("project"), "spec (shared)");
    assert_eq!(origin("environment"), "spec (environments.prod)");
    assert_eq!(origin("network.azs"), "spec (shared)");
    assert_eq!(origin("network.cidr"), "spec (environments.prod)");
    assert_eq!(origin("services.web.port"), "spec (shared)");
    assert_eq!(origin("services.web.cpu"), "spec (environments.prod)");
    assert_eq!(origin("access.allowed_cidrs"), "default");
    assert_eq!(origin("database.engine"), "spec (environments.prod)");
    assert_eq!(origin("database.name"), "spec (shared)");
    // A single-environment spec keeps the plain origin.
    let single = tfgen(&["explain", "specs/prod.yaml"]);
    let table = text(&single.stdout);
    assert!(
        table
            .lines()
            .any(|l| l.starts_with("network.cidr ") && l.ends_with("  spec")),
        "{table}"
    );
}

#[test]
fn build_env_writes_only_the_environments_named() {
    let out = tempfile::tempdir().expect("tempdir");
    let dir = out.path().join("generated");
    let run = tfgen(&[
        "build",
        MULTI,
        "--env",
        "prod",
        "--out",
        dir.to_str().expect("utf-8"),
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert!(dir.join("prod/root.hcl").is_file());
    assert!(dir.join("modules").is_dir());
    assert!(!dir.join("staging").exists());
    assert!(
        text(&run.stdout).contains(&format!("(`tfgen cost {MULTI} --env prod` itemizes)")),
        "{}",
        text(&run.stdout)
    );
    // `--check` of the one environment built is clean; of both, staging is missing.
    let out_dir = dir.to_str().expect("utf-8");
    let check = tfgen(&["build", "--check", MULTI, "--env", "prod", "--out", out_dir]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stdout));
    let check = tfgen(&["build", "--check", MULTI, "--out", out_dir]);
    assert_eq!(check.status.code(), Some(1));
}

/// A spec of two environments in a temporary directory.
fn write_spec(dir: &Path, prod_override: &str) -> PathBuf {
    let path = dir.join("app.yaml");
    fs::write(
        &path,
        format!(
            "version: 1\nproject: demo-app\nregion: eu-west-1\n\
             services:\n  web: {{ port: 3000, path: / }}\n\
             environments:\n  staging:\n    profile: minimal\n    access: {{ allowed_cidrs: [203.0.113.10/32] }}\n  prod:\n{prod_override}"
        ),
    )
    .expect("write spec");
    path
}

#[test]
fn one_invalid_environment_writes_nothing_for_any() {
    let dir = tempfile::tempdir().expect("tempdir");
    let spec = write_spec(dir.path(), "    services: { web: { cpu: 300 } }\n");
    let out = dir.path().join("generated");
    let run = tfgen(&[
        "build",
        spec.to_str().expect("utf-8"),
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(
        text(&run.stderr),
        format!(
            "{}:11:29: error: services.web.cpu: 300 is not a valid Fargate CPU; expected one of 256, 512, 1024, 2048, 4096, 8192, 16384 (in environment prod)\n",
            spec.display()
        )
    );
    assert!(!out.exists(), "nothing is written, staging neither");
    // Picking the valid one builds it.
    let run = tfgen(&[
        "build",
        spec.to_str().expect("utf-8"),
        "--env",
        "staging",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert!(out.join("staging/root.hcl").is_file());
    assert!(!out.join("prod").exists());
}

#[test]
fn two_specs_of_one_environment_folder_are_refused() {
    let out = tempfile::tempdir().expect("tempdir");
    let dir = out.path().join("generated");
    let run = tfgen(&[
        "build",
        "specs/staging.yaml",
        MULTI,
        "--out",
        dir.to_str().expect("utf-8"),
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        text(&run.stderr).ends_with(&format!(
            "error: specs/staging.yaml and {MULTI} (environments.staging) both generate {}: one environment folder is built from one spec\n  help: build them apart, or pick environments with `--env NAME`\n",
            dir.join("staging").display()
        )),
        "{}",
        text(&run.stderr)
    );
    assert!(!dir.exists());
    // With the other environment picked, the two build together.
    let run = tfgen(&[
        "build",
        "specs/staging.yaml",
        MULTI,
        "--env",
        "staging",
        "--env",
        "prod",
        "--out",
        dir.to_str().expect("utf-8"),
    ]);
    assert_eq!(run.status.code(), Some(2), "staging still comes from both");
    let run = tfgen(&[
        "build",
        "specs/pantri.yaml",
        MULTI,
        "--env",
        "prod",
        "--env",
        "production",
        "--out",
        dir.to_str().expect("utf-8"),
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert!(dir.join("prod").is_dir() && dir.join("production").is_dir());
    assert!(!dir.join("staging").exists());
}

#[test]
fn the_invalid_fixtures_of_several_environments_print_exactly() {
    let fixtures = root().join("tests/fixtures/invalid");
    let cases: [(&str, &str); 5] = [
        (
            "environments_and_environment.yaml",
            "4:1: error: environment: a spec has either `environment` (one environment) or `environments` (several), not both\n  help: remove `environment: staging` and list that environment under `environments:`\n",
        ),
        (
            "environment_override_invalid.yaml",
            "2:1: warning: access.allowed_cidrs: tasks run with public IPs (nat: none) behind an ALB open to the internet (in environment staging)\n  help: list your office or VPN addresses in `access.allowed_cidrs`, or use `network.nat: single`\n\
             {file}:16:25: error: services.web.scaling.min: a web service keeps at least one task behind the ALB, but scaling.min is 0 (in environment prod)\n  help: set `scaling.min: 1` or more (the business-hours schedule, not min, stops tasks at night)\n",
        ),
        (
            "environment_override_shared_only.yaml",
            "9:5: error: environments.staging.project: `project` cannot be overridden by an environment: every environment of a spec is of one project\n  help: keep `project:` at the top; another project is another spec\n\
             {file}:11:5: error: environments.prod.environment: `environment` cannot be overridden by an environment: an environment's name is its key under `environments`\n  help: remove `environment:` here; rename the key to rename the environment\n",
        ),
        (
            "environment_bad_name.yaml",
            "9:3: error: environments.Prod: \"Prod\" is not valid: use lowercase letters, digits and single hyphens between them, starting with a letter (1-15 characters)\n",
        ),
        (
            "environment_shared_error.yaml",
            "7:36: error: services.web.cpu: 300 is not a valid Fargate CPU; expected one of 256, 512, 1024, 2048, 4096, 8192, 16384 (in environments staging, prod)\n\
             {file}:8:28: error: services.api.path: path pattern \"api/*\" must start with / (in environment prod)\n  help: did you mean \"/api/*\"?\n",
        ),
    ];
    for (name, expected) in cases {
        let file = fixtures.join(name).display().to_string();
        let run = tfgen(&["validate", "--color", "never", &file]);
        assert_eq!(run.status.code(), Some(1), "{name}");
        assert_eq!(
            text(&run.stderr),
            format!(
                "{file}:{}validation failed\n",
                expected.replace("{file}", &file)
            ),
            "{name}"
        );
    }
}

#[test]
fn cost_compares_an_environment_across_the_two_forms() {
    // The same environment, as a single spec and in the multi-environment one: no change.
    for args in [
        [
            "cost",
            "specs/prod.yaml",
            "--compare",
            MULTI,
            "--env",
            "prod",
        ],
        [
            "cost",
            MULTI,
            "--env",
            "prod",
            "--compare",
            "specs/prod.yaml",
        ],
    ] {
        let run = tfgen(&args);
        assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
        let out = text(&run.stdout);
        assert!(
            out.contains("TOTAL baseline  384.25 → 384.25 (0.00, 0.0 %)"),
            "{args:?}: {out}"
        );
    }
    // Without --env, the environment compared is the one of the newer spec.
    let run = tfgen(&["cost", "specs/staging.yaml", "--compare", MULTI]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert!(text(&run.stdout).contains("(0.00, 0.0 %)"));
    let run = tfgen(&["cost", "specs/pantri.yaml", "--compare", MULTI]);
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(
        text(&run.stderr),
        format!(
            "error: {MULTI} has no environment `production` to compare with; it defines staging, prod\n"
        )
    );
}
