//! Issue 11, defects 2, 3, 8, 11 and 12 (the database: credentials and
//! redeploy on rotation, engine version prefix, Cognito IDs to the tasks,
//! Aurora AZs, RDS log groups). Each test reads the module catalog's HCL and
//! the inputs a generated tree gives its units.

#[path = "support/tree.rs"]
mod tree;

use hcl::Body;
use serde_json::json;
use tree::*;

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
    // Every container of every service gets platform_environment (and the
    // variables of the data services it uses, issue 15).
    let task = resource(&compute, "aws_ecs_task_definition", "this");
    assert!(attr(task, "container_definitions").contains(
        "merge(each.value.environment, local.platform_environment, local.data_environment[each.key], local.datadog_environment[each.key])"
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

// --- 2: database credentials from the managed secret, redeploy on rotation ---

/// The attributes of a `locals` entry, whitespace removed.
fn local_compact(body: &Body, name: &str) -> String {
    body.blocks()
        .filter(|b| b.identifier() == "locals")
        .flat_map(|b| b.body().attributes())
        .find(|a| a.key() == name)
        .map(|a| text_of(a.expr()))
        .unwrap_or_else(|| panic!("no local {name}"))
        .split_whitespace()
        .collect()
}

#[test]
fn the_services_get_the_database_settings_and_the_managed_password() {
    let compute = catalog("compute/main.tf");
    let env = local_compact(&compute, "platform_environment");
    assert!(
        env.contains("DATABASE_HOST=var.database_host,DATABASE_PORT=tostring(var.database_port),DATABASE_NAME=var.database_name,DATABASE_USER=var.database_user"),
        "{env}"
    );
    let task = resource(&compute, "aws_ecs_task_definition", "this");
    let containers: String = attr(task, "container_definitions")
        .split_whitespace()
        .collect();
    assert!(
        containers.contains(
            "!var.enable_database?[]:[{name=\"DATABASE_PASSWORD\",valueFrom=\"${var.database_secret_arn}:password::\"}]"
        ),
        "{containers}"
    );
    // The execution role reads exactly that secret, decrypts only through Secrets Manager.
    let doc = block(
        &compute,
        "data",
        &["aws_iam_policy_document", "database_secret"],
    );
    let statements = nested(doc, "statement");
    assert_eq!(
        compact(statements[0], "actions"),
        "[\"secretsmanager:GetSecretValue\"]"
    );
    assert_eq!(
        compact(statements[0], "resources"),
        "[var.database_secret_arn]"
    );
    assert_eq!(compact(statements[1], "actions"), "[\"kms:Decrypt\"]");
    assert_eq!(compact(statements[1], "resources"), "[var.kms_key_arn]");
    let policy = resource(&compute, "aws_iam_role_policy", "database_secret");
    assert_eq!(attr(policy, "role"), "var.task_execution_role_name");
    // The first tasks start once the role may read it.
    let service = resource(&compute, "aws_ecs_service", "this");
    assert!(attr(service, "depends_on").contains("aws_iam_role_policy.database_secret"));
    // The database encrypts the secret with the environment key; IAM auth is off.
    let db = catalog("database/main.tf");
    for r in [
        resource(&db, "aws_db_instance", "this"),
        resource(&db, "aws_rds_cluster", "this"),
    ] {
        assert_eq!(attr(r, "manage_master_user_password"), "true");
        assert_eq!(attr(r, "master_user_secret_kms_key_id"), "var.kms_key_arn");
        assert_eq!(attr(r, "iam_database_authentication_enabled"), "false");
    }
    // The plan wires the database unit's outputs; no hand-made DATABASE_URL anywhere.
    for spec in ["prod.yaml", "staging.yaml"] {
        assert!(!example(spec).contains("DATABASE_URL"), "{spec}");
        let tree = generate(&example(spec));
        let tg: String = tree["compute/terragrunt.hcl"].split_whitespace().collect();
        for wire in [
            "database_host=dependency.database.outputs.endpoint",
            "database_port=dependency.database.outputs.port",
            "database_name=dependency.database.outputs.database_name",
            "database_user=dependency.database.outputs.master_username",
            "database_secret_arn=dependency.database.outputs.master_user_secret_arn",
            "task_execution_role_name=dependency.security.outputs.task_execution_role_name",
            "enable_database=true",
        ] {
            assert!(tg.contains(wire), "{spec}: {wire}");
        }
        for (path, text) in tree.iter() {
            assert!(
                !text.contains("DATABASE_URL\"") && !text.contains("/DATABASE_URL"),
                "{spec}: {path} asks for a DATABASE_URL"
            );
        }
        let services = &inputs(&tree, "compute")["services"];
        for (name, svc) in services.as_object().expect("services") {
            assert_eq!(svc["secrets"], json!([]), "{spec}: {name}");
        }
    }
    let pantri = generate(&example("pantri.yaml"));
    assert_eq!(inputs(&pantri, "compute")["enable_database"], json!(false));
}

#[test]
fn a_rotation_of_the_secret_redeploys_every_service() {
    let compute = catalog("compute/main.tf");
    let rule = resource(&compute, "aws_cloudwatch_event_rule", "rotation");
    let pattern: String = attr(rule, "event_pattern").split_whitespace().collect();
    for part in [
        "source=[\"aws.secretsmanager\"]",
        "\"detail-type\"=[\"AWSServiceEventviaCloudTrail\"]",
        "eventSource=[\"secretsmanager.amazonaws.com\"]",
        "eventName=[\"RotationSucceeded\"]",
        "SecretId=[var.database_secret_arn]",
    ] {
        assert!(pattern.contains(part), "{part}: {pattern}");
    }
    let target = resource(&compute, "aws_cloudwatch_event_target", "rotation");
    assert_eq!(attr(target, "arn"), "aws_sfn_state_machine.redeploy[0].arn");
    assert_eq!(
        attr(target, "role_arn"),
        "aws_iam_role.rotation_events[0].arn"
    );
    // EventBridge may start this state machine only.
    let events = block(
        &compute,
        "data",
        &["aws_iam_policy_document", "rotation_events"],
    );
    let st = nested(events, "statement");
    assert_eq!(st.len(), 1);
    assert_eq!(compact(st[0], "actions"), "[\"states:StartExecution\"]");
    assert_eq!(
        compact(st[0], "resources"),
        "[aws_sfn_state_machine.redeploy[0].arn]"
    );
    // The machine forces a new deployment of each service, and may update exactly those.
    let machine = resource(&compute, "aws_sfn_state_machine", "redeploy");
    let def: String = attr(machine, "definition").split_whitespace().collect();
    assert!(
        def.contains("Branches=[forname,svcinaws_ecs_service.this:{StartAt=name,States={(name)={Type=\"Task\""),
        "{def}"
    );
    assert!(
        def.contains(":states:::aws-sdk:ecs:updateService\""),
        "{def}"
    );
    assert!(
        def.contains("Cluster=aws_ecs_cluster.this.arn,Service=svc.name,ForceNewDeployment=true"),
        "{def}"
    );
    let logging = nested(machine, "logging_configuration");
    assert_eq!(
        attr(logging[0], "log_destination"),
        "\"${aws_cloudwatch_log_group.redeploy[0].arn}:*\""
    );
    let group = resource(&compute, "aws_cloudwatch_log_group", "redeploy");
    assert_eq!(attr(group, "kms_key_id"), "var.kms_key_arn");
    let doc = block(&compute, "data", &["aws_iam_policy_document", "redeploy"]);
    let update = nested(doc, "statement")
        .into_iter()
        .find(|s| attr(s, "sid") == "\"RedeployTheServices\"")
        .expect("RedeployTheServices");
    assert_eq!(compact(update, "actions"), "[\"ecs:UpdateService\"]");
    assert_eq!(
        compact(update, "resources"),
        "[forsvcinaws_ecs_service.this:svc.id]"
    );
}
