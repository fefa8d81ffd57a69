//! The command line as users meet it, through the real binary.

mod common;
use assert_cmd::Command;
use common::tfgen;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn validates_the_examples_by_file_and_by_directory() {
    let out = tfgen(&[
        "validate",
        "specs/staging.yaml",
        "specs/prod.yaml",
        "specs/pantri.yaml",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).matches(": ok").count(), 3);
    let dir = tfgen(&["validate", "specs"]);
    assert_eq!(dir.status.code(), Some(0));
    assert!(text(&dir.stdout).contains("specs/prod.yaml: ok"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(tfgen(&["validate"]).status.code(), Some(2));
    assert_eq!(tfgen(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn version_and_help() {
    let version = tfgen(&["--version"]);
    assert!(text(&version.stdout).contains(env!("CARGO_PKG_VERSION")));
    let help = tfgen(&["--help"]);
    let help = text(&help.stdout);
    assert!(
        help.contains("Examples:") && help.contains("tfgen build specs/prod.yaml"),
        "{help}"
    );
}

#[test]
fn schema_prints_the_committed_draft_2020_12_schema() {
    let out = tfgen(&["schema"]);
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        printed["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let committed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/schema/tfgen.schema.json"
    ))
    .unwrap();
    assert_eq!(text(&out.stdout), committed);
}

#[test]
fn explain_prints_an_aligned_table_with_origins() {
    let out = tfgen(&["explain", "specs/staging.yaml"]);
    assert_eq!(out.status.code(), Some(0));
    let table = text(&out.stdout);
    let row = |path: &str| {
        table
            .lines()
            .find(|l| l.starts_with(&format!("{path} ")))
            .map(str::to_owned)
    };
    let nat = row("network.nat").expect("network.nat row");
    assert!(nat.contains(" none ") && nat.ends_with("spec"), "{nat}");
    let backups = row("database.backup_retention_days").expect("backup row");
    assert!(backups.ends_with("spec"), "{backups}");
    let cooldown = row("services.web.scaling.scale_in_cooldown").expect("cooldown row");
    assert!(cooldown.ends_with("default"), "{cooldown}");
    let desired = row("services.web.desired").expect("desired row");
    assert!(desired.ends_with("profile minimal"), "{desired}");
    // Aligned: every row's ORIGIN column starts at the same offset.
    let header = table
        .lines()
        .find(|l| l.starts_with("FIELD"))
        .expect("header");
    let column = header.find("ORIGIN").expect("ORIGIN column");
    assert!(nat[column..].starts_with("spec"), "{header}\n{nat}");
}

#[test]
fn explain_json_lists_settings() {
    let out = tfgen(&["explain", "--format", "json", "specs/prod.yaml"]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let settings = doc["settings"].as_array().expect("settings");
    assert!(
        settings
            .iter()
            .any(|s| s["path"] == "database.readers" && s["value"] == 1 && s["origin"] == "spec")
    );
}

#[test]
fn color_only_when_asked_or_on_a_terminal() {
    let bad = "tests/fixtures/invalid/invalid_fargate_cpu.yaml";
    let piped = tfgen(&["validate", bad]);
    assert!(
        !text(&piped.stderr).contains('\u{1b}'),
        "piped output is plain"
    );
    let forced = tfgen(&["--color", "always", "validate", bad]);
    assert!(
        text(&forced.stderr).contains("\u{1b}["),
        "--color always colors"
    );
    let no_color = Command::cargo_bin("tfgen")
        .unwrap()
        .env("NO_COLOR", "1")
        .args(["validate", &format!("{}/{bad}", env!("CARGO_MANIFEST_DIR"))])
        .output()
        .unwrap();
    assert!(!text(&no_color.stderr).contains('\u{1b}'));
}

#[test]
fn warnings_do_not_fail() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("open.yaml");
    std::fs::write(
        &spec,
        "version: 1\nproject: demo-app\nenvironment: dev\nregion: eu-west-1\nprofile: minimal\nservices:\n  web:\n    port: 8080\n",
    )
    .unwrap();
    let out = tfgen(&["validate", spec.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("warning: access.allowed_cidrs"),
        "{}",
        text(&out.stderr)
    );
    assert!(text(&out.stdout).contains("ok (1 warning)"));
}

#[test]
fn docs_prints_the_readme_that_build_writes() {
    for (spec, env) in [
        ("specs/staging.yaml", "staging"),
        ("specs/prod.yaml", "prod"),
        ("specs/pantri.yaml", "production"),
    ] {
        let out = tfgen(&["docs", spec]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let committed = std::fs::read_to_string(format!("generated/{env}/README.md"))
            .expect("generated README");
        assert_eq!(text(&out.stdout), committed, "{spec}");
        assert!(committed.contains("## Deploy"), "{spec}");
        assert!(committed.contains("| **total** |"), "{spec}: cost table");
    }
}

#[test]
fn docs_of_a_bad_spec_exits_1() {
    let out = tfgen(&["docs", "tests/fixtures/invalid/bad_allowed_cidr.yaml"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
}

/// `validate`'s stderr for a valid spec `name` in a temporary directory: one
/// `web` service on port 8080 (plus the `web` lines), allowed CIDRs set, in
/// the environment `env`, then `rest` (top-level sections). It must pass.
fn validate_ok(name: &str, env: &str, web: &str, rest: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join(name);
    std::fs::write(
        &spec,
        format!(
            "version: 1\nproject: demo-app\nenvironment: {env}\nregion: eu-west-1\nprofile: minimal\naccess:\n  allowed_cidrs: [203.0.113.10/32]\nservices:\n  web:\n    port: 8080\n{web}{rest}"
        ),
    )
    .unwrap();
    let out = tfgen(&["validate", spec.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    text(&out.stderr)
}

/// A spec with one service of the given `cpu`/`memory` and, when `datadog`,
/// the agent sidecar: `validate`'s stderr.
fn validate_sized(cpu: u32, memory: u32, datadog: bool) -> String {
    let monitoring = if datadog {
        "monitoring:\n  datadog:\n    enabled: true\n"
    } else {
        ""
    };
    validate_ok(
        "sized.yaml",
        "dev",
        &format!("    cpu: {cpu}\n    memory: {memory}\n"),
        monitoring,
    )
}

#[test]
fn a_datadog_sidecar_taking_half_the_task_memory_is_a_warning_with_the_size_to_choose() {
    // validate_ok asserts the exit code 0: a warning, not an error.
    let stderr = validate_sized(256, 512, true);
    assert!(
        stderr.contains(
            "sized.yaml:12:13: warning: services.web.memory: the Datadog agent sidecar reserves 256 MiB of the task's 512 MiB, leaving `web` about 256 MiB"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("help: set `services.web.memory: 1024` (with cpu 256)"),
        "{stderr}"
    );
}

#[test]
fn no_sidecar_warning_with_room_for_the_app_or_without_datadog() {
    for (cpu, memory, datadog) in [(256, 1024, true), (512, 1024, true), (256, 512, false)] {
        let stderr = validate_sized(cpu, memory, datadog);
        assert!(
            !stderr.contains("Datadog agent sidecar"),
            "{cpu}/{memory}/{datadog}: {stderr}"
        );
    }
}

/// YAML merge keys share service settings; explicit keys win; a whole-number
/// float is the integer it spells.
#[test]
fn merge_keys_and_whole_floats_validate() {
    let dir = tempfile::tempdir().expect("temp dir");
    let spec = dir.path().join("merge.yaml");
    std::fs::write(
        &spec,
        "version: 1\nproject: demo\nenvironment: dev\nregion: eu-west-1\nservices:\n  \
         web: &svc\n    port: 3000\n    path: /\n    cpu: 512\n    memory: 1024.0\n  \
         api:\n    <<: *svc\n    path: /api/*\n    port: 3001\n",
    )
    .expect("written");
    let spec = spec.to_str().expect("utf-8 path");
    let out = tfgen(&["validate", spec]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let explain = tfgen(&["explain", "--format", "json", spec]);
    let json: serde_json::Value = serde_json::from_slice(&explain.stdout).expect("json");
    let value = |path: &str| {
        json["settings"]
            .as_array()
            .and_then(|s| s.iter().find(|s| s["path"] == path))
            .map(|s| s["value"].clone())
            .unwrap_or_default()
    };
    assert_eq!(value("services.api.port"), 3001);
    assert_eq!(value("services.api.path"), "/api/*");
    assert_eq!(value("services.api.cpu"), 512);
    assert_eq!(value("services.api.memory"), 1024);
}

/// `validate`'s stderr for a spec with a database without deletion protection
/// in the environment `env`.
fn validate_unprotected_database(env: &str) -> String {
    validate_ok(
        "db.yaml",
        env,
        "",
        "database:\n  engine: postgres\n  deletion_protection: false\n",
    )
}

#[test]
fn deletion_protection_off_warns_in_every_production_name_the_cost_advice_knows() {
    for env in ["prod", "production", "prod-eu", "prd", "live"] {
        let stderr = validate_unprotected_database(env);
        assert!(
            stderr.contains(&format!(
                "warning: database.deletion_protection: deletion protection is off in the `{env}` environment"
            )),
            "{env}: {stderr}"
        );
    }
    for env in ["staging", "dev", "preview"] {
        let stderr = validate_unprotected_database(env);
        assert!(
            !stderr.contains("deletion protection is off"),
            "{env}: {stderr}"
        );
    }
}

/// `validate`'s stderr for a service reading `secrets` (a YAML flow list),
/// with a database or with `engine: none`.
fn validate_secrets(secrets: &str, database: bool) -> String {
    let database = if database {
        "database:\n  engine: postgres\n"
    } else {
        "database:\n  engine: none\n"
    };
    validate_ok(
        "url.yaml",
        "dev",
        &format!("    secrets: {secrets}\n"),
        database,
    )
}

#[test]
fn a_hand_made_database_url_beside_a_database_is_a_warning() {
    let stderr = validate_secrets("[SESSION_KEY, DATABASE_URL]", true);
    assert!(
        stderr.contains("url.yaml:11:28: warning: services.web.secrets[1]: `web` reads DATABASE_URL from /demo-app/dev/DATABASE_URL, which tfgen does not create"),
        "{stderr}"
    );
    assert!(
        stderr.contains("help: remove it and build the URL in the app from DATABASE_HOST"),
        "{stderr}"
    );
    // Without a database, or from a parameter named in full, it is the team's own.
    for (secrets, database) in [
        ("[DATABASE_URL]", false),
        ("[{ name: DATABASE_URL, ssm: /shared/db/url }]", true),
    ] {
        let stderr = validate_secrets(secrets, database);
        assert!(
            !stderr.contains("reads DATABASE_URL"),
            "{secrets}: {stderr}"
        );
    }
}
