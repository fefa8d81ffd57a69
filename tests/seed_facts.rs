//! The key facts of seeds 000 (staging) and 001/004 (prod), asserted on the
//! committed generated trees: the unit inputs in `<unit>/terragrunt.hcl` and the
//! resources in `modules/<unit>/main.tf`. `snapshots_trees` keeps `generated/`
//! equal to what the specs produce, so these facts hold for a fresh build too.

use hcl::{Block, Body, Expression};
use serde_json::{Value, json};
use std::path::Path;

fn parse(path: &str) -> Body {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    let text = std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{path}: {e}"));
    hcl::parse(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// An expression as JSON; expressions that are not literals become "${…}" strings.
fn json(expr: &Expression) -> Value {
    serde_json::to_value(hcl::Value::from(expr.clone())).expect("HCL values are JSON")
}

/// The `inputs` of `generated/<env>/<unit>/terragrunt.hcl`, as JSON.
fn inputs(env: &str, unit: &str) -> Value {
    let body = parse(&format!("generated/{env}/{unit}/terragrunt.hcl"));
    let attr = body
        .attributes()
        .find(|a| a.key() == "inputs")
        .unwrap_or_else(|| panic!("{env}/{unit}: no inputs"));
    json(attr.expr())
}

/// The module's `main.tf` of a unit.
fn module(env: &str, unit: &str) -> Body {
    parse(&format!("generated/{env}/modules/{unit}/main.tf"))
}

/// Every `resource "<ty>" "<name>"` of a module, by name.
fn resources<'a>(body: &'a Body, ty: &str) -> Vec<&'a Block> {
    body.blocks()
        .filter(|b| b.identifier() == "resource" && b.labels()[0].as_str() == ty)
        .collect()
}

fn resource<'a>(body: &'a Body, ty: &str, name: &str) -> &'a Block {
    resources(body, ty)
        .into_iter()
        .find(|b| b.labels()[1].as_str() == name)
        .unwrap_or_else(|| panic!("no resource {ty}.{name}"))
}

/// An attribute of a block, following nested blocks: `attr(b, "a.b.c")`.
fn attr(block: &Block, path: &str) -> Value {
    let mut body = block.body();
    let parts: Vec<&str> = path.split('.').collect();
    let (last, nested) = parts.split_last().expect("a path");
    for name in nested {
        body = body
            .blocks()
            .find(|b| b.identifier() == *name)
            .unwrap_or_else(|| panic!("no block {name} in {path}"))
            .body();
    }
    body.attributes()
        .find(|a| a.key() == *last)
        .map(|a| json(a.expr()))
        .unwrap_or_else(|| panic!("no attribute {path}"))
}

#[test]
fn staging_is_seed_000() {
    let env = "staging";

    // No NAT gateway: tasks sit in the public subnets with public IPs.
    let network = module(env, "network");
    assert!(resources(&network, "aws_nat_gateway").is_empty());
    assert!(resources(&network, "aws_eip").is_empty());
    let compute = inputs(env, "compute");
    assert_eq!(compute["assign_public_ip"], json!(true));
    assert_eq!(
        compute["task_subnet_ids"],
        json!("${dependency.network.outputs.public_subnet_ids}")
    );

    // The ALB accepts only the team's addresses.
    let security = inputs(env, "security");
    assert_eq!(
        security["alb_ingress_ipv4_cidrs"],
        json!(["203.0.113.10/32", "198.51.100.20/32"])
    );
    assert_eq!(security["alb_ingress_ipv6_cidrs"], json!([]));
    let security_module = module(env, "security");
    for rule in resources(&security_module, "aws_vpc_security_group_ingress_rule") {
        let name = rule.labels()[1].as_str();
        if name.starts_with("alb") {
            assert!(["alb_ipv4", "alb_ipv6"].contains(&name), "{name}");
        }
    }

    // RDS PostgreSQL on db.t4g.micro, no deletion protection.
    let database = inputs(env, "database");
    assert_eq!(database["instance_class"], json!("db.t4g.micro"));
    assert_eq!(database["deletion_protection"], json!(false));
    let db = resource(&module(env, "database"), "aws_db_instance", "this").clone();
    assert_eq!(attr(&db, "engine"), json!("postgres"));
    assert_eq!(attr(&db, "storage_encrypted"), json!(true));

    // 0.25 vCPU / 512 MB tasks, health check grace 120 s, interval 60 s, threshold 10.
    for name in ["web", "api"] {
        let svc = &compute["services"][name];
        assert_eq!(svc["cpu"], json!(256), "{name}");
        assert_eq!(svc["memory"], json!(512), "{name}");
        assert_eq!(svc["health_check_grace_seconds"], json!(120), "{name}");
        assert_eq!(svc["health_check_interval"], json!(60), "{name}");
        assert_eq!(svc["unhealthy_threshold"], json!(10), "{name}");
    }
    let compute_module = module(env, "compute");
    let tg = resource(&compute_module, "aws_lb_target_group", "this");
    assert_eq!(
        attr(tg, "health_check.interval"),
        json!("${each.value.health_check_interval}")
    );

    // 7-day logs, Container Insights off.
    assert_eq!(compute["log_retention_days"], json!(7));
    let cluster = resource(&compute_module, "aws_ecs_cluster", "this");
    assert_eq!(attr(cluster, "setting.value"), json!("disabled"));

    // Weekdays 09:00-22:00 Tokyo time, without Lambda.
    assert_eq!(
        compute["schedule"],
        json!({
            "timezone": "Asia/Tokyo",
            "start_cron": "cron(0 9 ? * MON-FRI *)",
            "stop_cron": "cron(0 22 ? * MON-FRI *)",
        })
    );
    let stop = resource(
        &compute_module,
        "aws_appautoscaling_scheduled_action",
        "stop",
    );
    assert_eq!(attr(stop, "scalable_target_action.max_capacity"), json!(0));
    assert!(resources(&compute_module, "aws_lambda_function").is_empty());

    // Deployment circuit breaker with rollback.
    let service = resource(&compute_module, "aws_ecs_service", "this");
    assert_eq!(
        attr(service, "deployment_circuit_breaker.enable"),
        json!(true)
    );
    assert_eq!(
        attr(service, "deployment_circuit_breaker.rollback"),
        json!(true)
    );

    // S3 gateway, ECR and logs interface endpoints.
    assert_eq!(
        attr(
            resource(&network, "aws_vpc_endpoint", "s3"),
            "vpc_endpoint_type"
        ),
        json!("Gateway")
    );
    assert_eq!(
        inputs(env, "network")["interface_endpoints"],
        json!(["ecr.api", "ecr.dkr", "logs"])
    );

    // A t3.nano bastion.
    assert_eq!(inputs(env, "bastion")["instance_type"], json!("t3.nano"));
}

#[test]
fn prod_is_seeds_001_and_004() {
    let env = "prod";

    // One NAT gateway for every private subnet; tasks are private.
    let network = module(env, "network");
    let nat = resources(&network, "aws_nat_gateway");
    assert_eq!(nat.len(), 1);
    assert!(nat[0].body().attributes().all(|a| a.key() != "count"));
    let compute = inputs(env, "compute");
    assert_eq!(compute["assign_public_ip"], json!(false));
    assert_eq!(
        compute["task_subnet_ids"],
        json!("${dependency.network.outputs.private_subnet_ids}")
    );

    // Aurora PostgreSQL 17.6 Serverless v2, 0.5-2 ACU, writer + one reader.
    let database = inputs(env, "database");
    assert_eq!(database["engine_version"], json!("17.6"));
    assert_eq!(database["min_capacity"], json!(0.5));
    assert_eq!(database["max_capacity"], json!(2));
    assert_eq!(database["reader_count"], json!(1));
    assert_eq!(database["backup_retention_days"], json!(30));
    assert_eq!(database["deletion_protection"], json!(true));
    let db = module(env, "database");
    let cluster = resource(&db, "aws_rds_cluster", "this");
    assert_eq!(attr(cluster, "engine"), json!("aurora-postgresql"));
    assert_eq!(
        attr(cluster, "serverlessv2_scaling_configuration.min_capacity"),
        json!("${var.min_capacity}")
    );
    let instances = resource(&db, "aws_rds_cluster_instance", "this");
    assert_eq!(attr(instances, "instance_class"), json!("db.serverless"));
    assert_eq!(attr(instances, "count"), json!("${1 + var.reader_count}"));

    // Auto scaling 1-10 at CPU 70 % / memory 80 %, cooldowns 60 s out / 300 s in.
    for name in ["web", "api"] {
        let svc = &compute["services"][name];
        assert_eq!(
            [
                &svc["min"],
                &svc["max"],
                &svc["cpu_target"],
                &svc["memory_target"],
                &svc["scale_out_cooldown"],
                &svc["scale_in_cooldown"],
            ],
            [
                &json!(1),
                &json!(10),
                &json!(70),
                &json!(80),
                &json!(60),
                &json!(300)
            ],
            "{name}"
        );
    }
    let compute_module = module(env, "compute");
    assert_eq!(
        resources(&compute_module, "aws_appautoscaling_policy").len(),
        2
    );

    // Versioned assets, IA after 180 days, expiry after 730.
    let storage = inputs(env, "storage");
    assert_eq!(storage["versioning"], json!(true));
    assert_eq!(storage["transition_to_ia_days"], json!(180));
    assert_eq!(storage["expire_days"], json!(730));

    // ECR keeps 30 images and refuses to delete a repository that holds images.
    let ecr = inputs(env, "ecr");
    assert_eq!(ecr["keep_images"], json!(30));
    assert_eq!(ecr["force_delete"], json!(false));
}
