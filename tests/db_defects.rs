//! Issue 11, defects 2, 3, 8, 11 and 12 (the database: credentials and
//! redeploy on rotation, engine version prefix, Cognito IDs to the tasks,
//! Aurora AZs, RDS log groups). Each test reads the module catalog's HCL and
//! the inputs a generated tree gives its units.

use hcl::{Block, Body, Expression};
use serde_json::{Value, json};
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn file(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A catalog module file, e.g. `compute/main.tf`.
fn catalog(path: &str) -> Body {
    let text = tfgen::catalog::files()
        .get(path)
        .unwrap_or_else(|| panic!("no catalog file {path}"));
    hcl::parse(text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn check(text: &str) -> tfgen::spec::Checked {
    tfgen::spec::check(text.as_bytes())
}

/// The tree a spec generates.
fn generate(text: &str) -> tfgen::render::Tree {
    let checked = check(text);
    let resolved = checked
        .resolved
        .unwrap_or_else(|| panic!("invalid spec: {:?}", checked.diagnostics));
    tfgen::build::generate(&resolved, "spec.yaml")
        .expect("generates")
        .files
}

/// The `inputs` of a unit's terragrunt.hcl, as JSON.
fn inputs(tree: &tfgen::render::Tree, unit: &str) -> Value {
    let path = format!("{unit}/terragrunt.hcl");
    let body = hcl::parse(&tree[&path]).unwrap_or_else(|e| panic!("{path}: {e}"));
    let attr = body
        .attributes()
        .find(|a| a.key() == "inputs")
        .unwrap_or_else(|| panic!("{path}: no inputs"));
    json_of(attr.expr())
}

fn json_of(expr: &Expression) -> Value {
    serde_json::to_value(hcl::Value::from(expr.clone())).expect("HCL values are JSON")
}

fn text_of(expr: &Expression) -> String {
    hcl::format::to_string(expr).expect("formats")
}

fn block<'a>(body: &'a Body, kind: &str, labels: &[&str]) -> &'a Block {
    body.blocks()
        .find(|b| {
            b.identifier() == kind
                && b.labels().iter().map(|l| l.as_str()).collect::<Vec<_>>() == labels
        })
        .unwrap_or_else(|| panic!("no {kind} {labels:?}"))
}

fn resource<'a>(body: &'a Body, ty: &str, name: &str) -> &'a Block {
    block(body, "resource", &[ty, name])
}

/// The expression of an attribute of a block, as text.
fn attr(block: &Block, key: &str) -> String {
    block
        .body()
        .attributes()
        .find(|a| a.key() == key)
        .map(|a| text_of(a.expr()))
        .unwrap_or_else(|| panic!("no attribute {key}"))
}

/// [`attr`] without whitespace, for lists the formatter spreads over lines.
fn compact(block: &Block, key: &str) -> String {
    attr(block, key).split_whitespace().collect()
}

fn example(name: &str) -> String {
    file(&format!("specs/{name}"))
}

// --- 4: one CloudFront prefix-list rule ---------------------------------------

// --- 3: the major version as a prefix with automatic minor upgrades ----------

#[test]
fn the_database_names_only_the_major_version() {
    let db = catalog("database/main.tf");
    let locals: Vec<(String, String)> = db
        .blocks()
        .filter(|b| b.identifier() == "locals")
        .flat_map(|b| b.body().attributes())
        .map(|a| (a.key().to_string(), text_of(a.expr())))
        .collect();
    let local = |k: &str| {
        locals
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("no local {k}"))
    };
    assert_eq!(
        local("major_version"),
        "split(\".\", var.engine_version)[0]"
    );
    assert_eq!(local("engine_version"), "local.major_version");
    let instance = resource(&db, "aws_db_instance", "this");
    assert_eq!(attr(instance, "engine_version"), "local.engine_version");
    assert_eq!(attr(instance, "auto_minor_version_upgrade"), "true");
    let cluster = resource(&db, "aws_rds_cluster", "this");
    assert_eq!(attr(cluster, "engine_version"), "local.engine_version");
    // The instances follow the cluster, whose state keeps the prefix.
    let members = resource(&db, "aws_rds_cluster_instance", "this");
    assert_eq!(
        attr(members, "engine_version"),
        "aws_rds_cluster.this[0].engine_version"
    );
    assert_eq!(attr(members, "auto_minor_version_upgrade"), "true");
    // The spec's version still reaches the module (parameter group family).
    let prod = generate(&example("prod.yaml"));
    assert_eq!(inputs(&prod, "database")["engine_version"], json!("17.6"));
}

// --- 12: the exported log groups first, with retention and key ---------------

#[test]
fn the_database_creates_its_exported_log_groups_first() {
    let db = catalog("database/main.tf");
    // The PostgreSQL log, whichever engine runs, at the name RDS writes to.
    let postgresql = resource(&db, "aws_cloudwatch_log_group", "postgresql");
    assert_eq!(
        attr(postgresql, "name"),
        "\"/aws/rds/${var.engine == \"aurora-postgresql\" ? \"cluster\" : \"instance\"}/${var.name_prefix}/postgresql\""
    );
    // The upgrade log, which only RDS for PostgreSQL exports.
    let upgrade = resource(&db, "aws_cloudwatch_log_group", "upgrade");
    assert_eq!(
        attr(upgrade, "count"),
        "var.engine == \"aurora-postgresql\" ? 0 : 1"
    );
    assert_eq!(
        attr(upgrade, "name"),
        "\"/aws/rds/instance/${var.name_prefix}/upgrade\""
    );
    for group in [postgresql, upgrade] {
        assert_eq!(attr(group, "retention_in_days"), "var.log_retention_days");
        assert_eq!(attr(group, "kms_key_id"), "var.kms_key_arn");
    }
    // The groups match what each engine exports, and the database waits for them.
    let instance = resource(&db, "aws_db_instance", "this");
    assert_eq!(
        compact(instance, "enabled_cloudwatch_logs_exports"),
        "[\"postgresql\",\"upgrade\"]"
    );
    assert_eq!(
        compact(instance, "depends_on"),
        "[aws_cloudwatch_log_group.postgresql,aws_cloudwatch_log_group.upgrade]"
    );
    let cluster = resource(&db, "aws_rds_cluster", "this");
    assert_eq!(
        compact(cluster, "enabled_cloudwatch_logs_exports"),
        "[\"postgresql\"]"
    );
    assert_eq!(
        compact(cluster, "depends_on"),
        "[aws_cloudwatch_log_group.postgresql]"
    );
    // The environment's retention reaches the unit.
    let prod = generate(&example("prod.yaml"));
    assert_eq!(
        inputs(&prod, "database")["log_retention_days"],
        inputs(&prod, "compute")["log_retention_days"]
    );
    assert_eq!(inputs(&prod, "database")["log_retention_days"], json!(30));
}

// --- 11: Aurora instances spread over the environment's AZs -----------------

#[test]
fn aurora_instances_take_the_environments_azs_in_turn() {
    let db = catalog("database/main.tf");
    let members = resource(&db, "aws_rds_cluster_instance", "this");
    assert_eq!(
        attr(members, "availability_zone"),
        "length(var.availability_zones) > 0 ? var.availability_zones[count.index % length(var.availability_zones)] : null"
    );
    // A changed zone would replace a running instance: only new ones are placed.
    let lifecycle = block(members.body(), "lifecycle", &[]);
    assert_eq!(compact(lifecycle, "ignore_changes"), "[availability_zone]");
    let network = catalog("network/outputs.tf");
    let azs = block(&network, "output", &["availability_zones"]);
    assert_eq!(attr(azs, "value"), "local.azs");
    // An Aurora environment passes the network's zones; an RDS instance has multi_az.
    let prod = generate(&example("prod.yaml"));
    let tg: String = prod["database/terragrunt.hcl"].split_whitespace().collect();
    assert!(
        tg.contains("availability_zones=dependency.network.outputs.availability_zones"),
        "{tg}"
    );
    let staging = generate(&example("staging.yaml"));
    assert!(
        inputs(&staging, "database")
            .get("availability_zones")
            .is_none()
    );
}

// --- 8: the Cognito IDs reach the services ------------------------------------

#[test]
fn the_services_get_the_cognito_ids() {
    let compute = catalog("compute/main.tf");
    let env: String = compute
        .blocks()
        .filter(|b| b.identifier() == "locals")
        .flat_map(|b| b.body().attributes())
        .find(|a| a.key() == "platform_environment")
        .map(|a| text_of(a.expr()))
        .expect("local platform_environment")
        .split_whitespace()
        .collect();
    assert!(
        env.contains(
            "var.cognito_user_pool_id==null?{}:{COGNITO_USER_POOL_ID=var.cognito_user_pool_id,COGNITO_CLIENT_ID=var.cognito_client_id}"
        ),
        "{env}"
    );
    // Every container of every service gets platform_environment.
    let task = resource(&compute, "aws_ecs_task_definition", "this");
    assert!(attr(task, "container_definitions").contains(
        "merge(each.value.environment, local.platform_environment, local.datadog_environment[each.key])"
    ));
    // pantri has auth: compute reads the auth unit's outputs, so auth deploys first.
    let pantri = generate(&example("pantri.yaml"));
    let tg: String = pantri["compute/terragrunt.hcl"]
        .split_whitespace()
        .collect();
    assert!(
        tg.contains("cognito_user_pool_id=dependency.auth.outputs.user_pool_id"),
        "{tg}"
    );
    assert!(
        tg.contains("cognito_client_id=dependency.auth.outputs.client_id"),
        "{tg}"
    );
    assert!(
        tg.contains("dependency\"auth\"{config_path=\"../auth\""),
        "{tg}"
    );
    let auth: String = pantri["auth/terragrunt.hcl"].split_whitespace().collect();
    assert!(!auth.contains("../compute"), "{auth}");
    // Without auth, no Cognito inputs.
    let prod = generate(&example("prod.yaml"));
    assert!(
        inputs(&prod, "compute")
            .get("cognito_user_pool_id")
            .is_none()
    );
}
