//! The key facts of seeds 000 (staging) and 001/004 (prod), asserted on the
//! committed generated trees: the unit inputs in `<unit>/terragrunt.hcl` and the
//! resources in `modules/<unit>/main.tf`. `snapshots_trees` keeps `generated/`
//! equal to what the specs produce, so these facts hold for a fresh build too.

use hcl::{Block, Body, Expression};
use serde_json::{Value, json};
use std::path::Path;

/// A file of the repository, as text.
fn read(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn parse(path: &str) -> Body {
    hcl::parse(&read(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
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

/// The `main.tf` of the module a unit of `env` deploys: the shared catalog's,
/// where the facts that differ by environment are the unit's inputs.
fn module(env: &str, unit: &str) -> Body {
    let catalog = format!("generated/modules/{unit}/main.tf");
    if Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(&catalog)
        .exists()
    {
        parse(&catalog)
    } else {
        parse(&format!("generated/{env}/modules/{unit}/main.tf"))
    }
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
    let network_inputs = inputs(env, "network");
    assert_eq!(network_inputs["nat_gateway_count"], json!(0));
    for ty in ["aws_nat_gateway", "aws_eip"] {
        let counted = resources(&network, ty);
        assert!(!counted.is_empty(), "{ty}");
        for r in counted {
            assert_eq!(attr(r, "count"), json!("${var.nat_gateway_count}"), "{ty}");
        }
    }
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
    assert_eq!(security["alb_ingress_from_cloudfront"], json!(false));
    let security_module = module(env, "security");
    for rule in resources(&security_module, "aws_vpc_security_group_ingress_rule") {
        let name = rule.labels()[1].as_str();
        if name.starts_with("alb") {
            let for_each = attr(rule, "for_each");
            let from_cidrs = ["alb_ipv4", "alb_ipv6"].contains(&name);
            // Any other ALB rule exists only with the CloudFront switch, off here.
            assert!(
                from_cidrs
                    || for_each
                        .as_str()
                        .is_some_and(|e| e.starts_with("${var.alb_ingress_from_cloudfront ?")),
                "{name}: {for_each}"
            );
        }
    }

    // RDS PostgreSQL on db.t4g.micro, no deletion protection.
    let database = inputs(env, "database");
    assert_eq!(database["instance_class"], json!("db.t4g.micro"));
    assert_eq!(database["deletion_protection"], json!(false));
    assert_eq!(database["engine"], json!("postgres"));
    let db = resource(&module(env, "database"), "aws_db_instance", "this").clone();
    assert_eq!(
        attr(&db, "count"),
        json!("${var.engine == \"aurora-postgresql\" ? 0 : 1}")
    );
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
    assert_eq!(compute["enable_container_insights"], json!(false));
    let cluster = resource(&compute_module, "aws_ecs_cluster", "this");
    assert_eq!(
        attr(cluster, "setting.value"),
        json!("${var.enable_container_insights ? \"enabled\" : \"disabled\"}")
    );

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
    assert_eq!(
        attr(stop, "for_each"),
        json!("${var.schedule == null ? {} : var.services}")
    );
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

    // S3 gateway, ECR and logs interface endpoints, the latter in the tasks' public subnets.
    let s3 = resource(&network, "aws_vpc_endpoint", "s3");
    assert_eq!(attr(s3, "vpc_endpoint_type"), json!("Gateway"));
    assert_eq!(
        attr(s3, "count"),
        json!("${var.create_s3_endpoint ? 1 : 0}")
    );
    assert_eq!(network_inputs["create_s3_endpoint"], json!(true));
    assert_eq!(
        network_inputs["interface_endpoints"],
        json!(["ecr.api", "ecr.dkr", "logs"])
    );
    assert_eq!(
        network_inputs["interface_endpoint_subnets"],
        json!("public")
    );

    // A t3.nano bastion.
    assert_eq!(inputs(env, "bastion")["instance_type"], json!("t3.nano"));
}

#[test]
fn prod_is_seeds_001_and_004() {
    let env = "prod";

    // One NAT gateway for every private subnet; tasks are private.
    let network = module(env, "network");
    assert_eq!(inputs(env, "network")["nat_gateway_count"], json!(1));
    let nat = resources(&network, "aws_nat_gateway");
    assert_eq!(nat.len(), 1);
    assert_eq!(attr(nat[0], "count"), json!("${var.nat_gateway_count}"));
    let route = resource(&network, "aws_route", "private_nat");
    assert_eq!(
        attr(route, "count"),
        json!("${var.nat_gateway_count > 0 ? var.az_count : 0}")
    );
    assert_eq!(
        attr(route, "nat_gateway_id"),
        json!("${aws_nat_gateway.this[var.nat_gateway_count == 1 ? 0 : count.index].id}")
    );
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
    assert_eq!(database["engine"], json!("aurora-postgresql"));
    let db = module(env, "database");
    let cluster = resource(&db, "aws_rds_cluster", "this");
    assert_eq!(
        attr(cluster, "count"),
        json!("${var.engine == \"aurora-postgresql\" ? 1 : 0}")
    );
    assert_eq!(attr(cluster, "engine"), json!("aurora-postgresql"));
    assert_eq!(
        attr(cluster, "serverlessv2_scaling_configuration.min_capacity"),
        json!("${var.min_capacity}")
    );
    let instances = resource(&db, "aws_rds_cluster_instance", "this");
    assert_eq!(attr(instances, "instance_class"), json!("db.serverless"));
    assert_eq!(
        attr(instances, "count"),
        json!("${local.aurora ? var.reader_count + 1 : 0}")
    );

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
    // CPU and memory tracking; the catalog's third policy (requests) exists
    // only for web services with requests_per_target, which prod does not set;
    // the fourth and fifth (queue backlog, start from 0) only for workers that
    // scale on a queue, which prod has none of.
    let compute_module = module(env, "compute");
    assert_eq!(
        resources(&compute_module, "aws_appautoscaling_policy").len(),
        5
    );
    assert_eq!(inputs(env, "compute").get("queue_scaling"), None);
    assert_eq!(
        attr(
            resource(&compute_module, "aws_appautoscaling_policy", "requests"),
            "for_each"
        ),
        json!(
            "${{for name, svc in local.web_services : name => svc if svc.requests_per_target != null}}"
        )
    );
    for name in ["web", "api"] {
        assert_eq!(
            compute["services"][name].get("requests_per_target"),
            None,
            "{name}"
        );
    }

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

/// The `dynamic "rule"` blocks of a web ACL: what each iterates over, and the
/// managed rule group its rules run (`None` for rules of another kind).
fn waf_dynamic_rules(acl: &Block) -> Vec<(Value, Option<Value>)> {
    acl.body()
        .blocks()
        .filter(|b| b.identifier() == "dynamic" && b.labels()[0].as_str() == "rule")
        .map(|rule| {
            let content = rule
                .body()
                .blocks()
                .find(|b| b.identifier() == "content")
                .expect("a content block");
            let group = content
                .body()
                .blocks()
                .find(|b| b.identifier() == "statement")
                .and_then(|s| {
                    s.body()
                        .blocks()
                        .find(|b| b.identifier() == "managed_rule_group_statement")
                })
                .and_then(|m| m.body().attributes().find(|a| a.key() == "name"))
                .map(|a| json(a.expr()));
            (attr(rule, "for_each"), group)
        })
        .collect()
}

#[test]
fn prod_edge_and_observability_are_seeds_001_and_004() {
    let env = "prod";

    // WAF on the ALB: the three managed groups and 2000 requests / 5 min / IP.
    let waf = module(env, "waf");
    let waf_inputs = inputs(env, "waf");
    let acl = resource(&waf, "aws_wafv2_web_acl", "this");
    assert_eq!(attr(acl, "scope"), json!("${var.scope}"));
    assert_eq!(waf_inputs["scope"], json!("REGIONAL"));
    // One rule per group of `managed_rule_groups`, running that group.
    assert!(waf_dynamic_rules(acl).contains(&(
        json!("${var.managed_rule_groups}"),
        Some(json!("${rule.value}"))
    )));
    assert_eq!(
        waf_inputs["managed_rule_groups"],
        json!([
            "AWSManagedRulesCommonRuleSet",
            "AWSManagedRulesSQLiRuleSet",
            "AWSManagedRulesKnownBadInputsRuleSet",
        ])
    );
    assert_eq!(waf_inputs["rate_limit"]["limit"], json!(2000));
    let association = resource(&waf, "aws_wafv2_web_acl_association", "alb");
    assert_eq!(attr(association, "resource_arn"), json!("${var.alb_arn}"));
    assert_eq!(
        attr(association, "count"),
        json!("${var.scope == \"REGIONAL\" ? 1 : 0}")
    );
    assert_eq!(
        waf_inputs["alb_arn"],
        json!("${dependency.compute.outputs.alb_arn}")
    );

    // HTTPS with the TLS 1.3 policy; port 80 answers 301 to HTTPS. Both
    // follow from the certificate the unit passes.
    let compute = module(env, "compute");
    assert_eq!(
        inputs(env, "compute")["certificate_arn"],
        json!("${dependency.dns.outputs.certificate_arn}")
    );
    let https = resource(&compute, "aws_lb_listener", "https");
    assert_eq!(
        attr(https, "count"),
        json!("${var.certificate_arn != null ? 1 : 0}")
    );
    assert_eq!(attr(https, "protocol"), json!("HTTPS"));
    assert_eq!(
        inputs(env, "compute")["tls_policy"],
        json!("ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09")
    );
    let http = resource(&compute, "aws_lb_listener", "http");
    // Without a CDN (no require_origin_header) the plain-HTTP case forwards.
    assert_eq!(
        attr(http, "default_action.type"),
        json!("${var.certificate_arn != null ? \"redirect\" : local.app_default_action}")
    );
    assert!(
        inputs(env, "compute")
            .get("require_origin_header")
            .is_none()
    );
    assert_eq!(
        attr(http, "default_action.dynamic.for_each"),
        json!("${var.certificate_arn != null ? [\"https\"] : []}")
    );
    assert_eq!(
        attr(http, "default_action.dynamic.content.status_code"),
        json!("HTTP_301")
    );
    assert_eq!(
        attr(http, "default_action.dynamic.content.protocol"),
        json!("HTTPS")
    );

    // Apex and www alias the ALB; the certificate is validated by DNS.
    let records = inputs(env, "dns-records");
    assert_eq!(
        records["record_names"],
        json!(["tidilyspace.app", "www.tidilyspace.app"])
    );
    assert_eq!(
        records["target_dns_name"],
        json!("${dependency.compute.outputs.alb_dns_name}")
    );
    let dns = module(env, "dns");
    let cert = resource(&dns, "aws_acm_certificate", "regional");
    assert_eq!(attr(cert, "validation_method"), json!("DNS"));
    resource(&dns, "aws_acm_certificate_validation", "regional");

    // CloudWatch alarms to an encrypted SNS topic with an email subscription.
    let monitoring = module(env, "monitoring");
    let topic = resource(&monitoring, "aws_sns_topic", "alarms");
    assert_eq!(
        attr(topic, "kms_master_key_id"),
        json!("${var.kms_key_arn}")
    );
    let subscription = resource(&monitoring, "aws_sns_topic_subscription", "email");
    assert_eq!(attr(subscription, "protocol"), json!("email"));
    assert_eq!(
        inputs(env, "monitoring")["alarm_email"],
        json!("ops@tidilyspace.app")
    );
    assert!(resources(&monitoring, "aws_cloudwatch_metric_alarm").len() >= 5);
    // The database alarms are on, for an Aurora cluster (CPU and capacity).
    let alarms = inputs(env, "monitoring");
    assert_eq!(alarms["database_engine"], json!("aurora-postgresql"));
    assert_eq!(
        alarms["database_identifier"],
        json!("${dependency.database.outputs.identifier}")
    );
    assert_eq!(alarms["max_capacity"], json!(2));

    // Datadog: the agent sidecar in every task, three monitors, a dashboard.
    let dd = inputs(env, "compute")["datadog"].clone();
    assert_eq!(dd["site"], json!("ap1.datadoghq.com"));
    let text = read("generated/modules/compute/main.tf");
    assert!(text.contains("\"public.ecr.aws/datadog/agent:7\""));
    assert!(text.contains("DD_TRACE_SAMPLE_RATE"));
    let datadog = module(env, "datadog");
    assert_eq!(resources(&datadog, "datadog_monitor").len(), 3);
    assert_eq!(resources(&datadog, "datadog_dashboard").len(), 1);
    // All three monitors (the database one needs a database) and the dashboard are on.
    let dd_unit = inputs(env, "datadog");
    assert_eq!(dd_unit["enable_monitors"], json!(true));
    assert_eq!(dd_unit["enable_dashboard"], json!(true));
    assert_eq!(dd_unit["database_engine"], json!("aurora-postgresql"));

    // Sentry: a project for the web service and its DSN in SSM.
    let sentry = module(env, "sentry");
    let project = resource(&sentry, "sentry_project", "web");
    assert_eq!(attr(project, "teams"), json!(["${var.team}"]));
    assert_eq!(inputs(env, "sentry")["team"], json!("bookmark-manager"));
    let dsn = resource(&sentry, "aws_ssm_parameter", "dsn");
    assert_eq!(attr(dsn, "name"), json!("${var.ssm_prefix}/SENTRY_DSN"));
    assert_eq!(attr(dsn, "type"), json!("SecureString"));
}

#[test]
fn pantri_is_seed_003() {
    let env = "production";

    // CloudFront with Origin Access Control for the assets bucket.
    let cdn = module(env, "cdn");
    let oac = resource(&cdn, "aws_cloudfront_origin_access_control", "assets");
    assert_eq!(attr(oac, "signing_behavior"), json!("always"));
    let distribution = resource(&cdn, "aws_cloudfront_distribution", "this");
    assert_eq!(
        attr(distribution, "web_acl_id"),
        json!("${var.web_acl_arn}")
    );
    assert_eq!(
        inputs(env, "cdn")["web_acl_arn"],
        json!("${dependency.waf.outputs.web_acl_arn}")
    );

    // The CDN reads the KMS-encrypted assets and owns their bucket policy.
    assert_eq!(inputs(env, "kms")["enable_cloudfront_access"], json!(true));
    assert_eq!(inputs(env, "storage")["create_bucket_policy"], json!(false));

    // A NAT gateway per AZ across three AZs, the tasks private.
    let network = inputs(env, "network");
    assert_eq!(network["az_count"], json!(3));
    assert_eq!(network["nat_gateway_count"], json!(3));
    assert_eq!(network["interface_endpoint_subnets"], json!("private"));

    // A CLOUDFRONT-scoped web ACL, created in us-east-1.
    let waf = module(env, "waf");
    let acl = resource(&waf, "aws_wafv2_web_acl", "this");
    assert_eq!(inputs(env, "waf")["scope"], json!("CLOUDFRONT"));
    assert_eq!(attr(acl, "region"), json!("${local.region}"));
    let region = waf
        .blocks()
        .find(|b| b.identifier() == "locals")
        .map(|b| attr(b, "region"))
        .expect("the waf module's locals");
    assert_eq!(
        region,
        json!("${var.scope == \"CLOUDFRONT\" ? \"us-east-1\" : null}")
    );

    // The ALB accepts only CloudFront's origin-facing addresses.
    let security = inputs(env, "security");
    assert_eq!(security["alb_ingress_ipv4_cidrs"], json!([]));
    assert_eq!(security["alb_ingress_ipv6_cidrs"], json!([]));
    assert_eq!(security["alb_ingress_from_cloudfront"], json!(true));
    let prefix_list = module(env, "security")
        .blocks()
        .find(|b| {
            b.identifier() == "data" && b.labels()[0].as_str() == "aws_ec2_managed_prefix_list"
        })
        .map(|b| attr(b, "name"))
        .expect("the CloudFront prefix list");
    assert_eq!(
        prefix_list,
        json!("com.amazonaws.global.cloudfront.origin-facing")
    );

    // Cognito with optional MFA and 12-character passwords.
    let auth = inputs(env, "auth");
    assert_eq!(auth["mfa"], json!("OPTIONAL"));
    assert_eq!(auth["password_min_length"], json!(12));

    // The web service runs on FARGATE_SPOT.
    assert_eq!(
        inputs(env, "compute")["services"]["web"]["spot"],
        json!(true)
    );

    // A monthly budget alert at 80 % actual and 100 % forecasted.
    let budget = module(env, "budget");
    let monthly = resource(&budget, "aws_budgets_budget", "monthly");
    let notifications: Vec<(Value, Value)> = monthly
        .body()
        .blocks()
        .filter(|b| b.identifier() == "notification")
        .map(|n| (attr(n, "threshold"), attr(n, "notification_type")))
        .collect();
    assert_eq!(
        notifications,
        [
            (json!(80), json!("ACTUAL")),
            (json!(100), json!("FORECASTED"))
        ]
    );
    assert_eq!(inputs(env, "budget")["monthly_limit_usd"], json!(300));
}

#[test]
fn workers_api_runs_its_command_on_graviton_with_its_own_checks() {
    let env = "sandbox";
    let api = &inputs(env, "compute")["services"]["api"];
    assert_eq!(
        api["command"],
        json!([
            "gunicorn",
            "ledger.wsgi",
            "--bind",
            "0.0.0.0:8000",
            "--workers",
            "3"
        ])
    );
    assert_eq!(api.get("entrypoint"), None, "no entrypoint: the image's");
    assert_eq!(api["cpu_architecture"], json!("ARM64"));
    assert_eq!(api["exec"], json!(false));
    assert_eq!(api["health_check_matcher"], json!("200-399"));
    assert_eq!(
        api["health_check_command"],
        json!(["CMD", "curl", "-fs", "http://localhost:8000/healthz"])
    );
    assert_eq!(api["requests_per_target"], json!(1000));

    // The module wires each of them where ECS and the ALB read it.
    let compute = module(env, "compute");
    let task = resource(&compute, "aws_ecs_task_definition", "this");
    assert_eq!(
        attr(task, "runtime_platform.cpu_architecture"),
        json!("${each.value.cpu_architecture}")
    );
    let service = resource(&compute, "aws_ecs_service", "this");
    assert_eq!(
        attr(service, "enable_execute_command"),
        json!("${each.value.exec}")
    );
    let target_group = resource(&compute, "aws_lb_target_group", "this");
    assert_eq!(
        attr(target_group, "health_check.matcher"),
        json!("${each.value.health_check_matcher}")
    );
    let requests = resource(&compute, "aws_appautoscaling_policy", "requests");
    assert_eq!(
        attr(
            requests,
            "target_tracking_scaling_policy_configuration.predefined_metric_specification.predefined_metric_type"
        ),
        json!("ALBRequestCountPerTarget")
    );
    assert_eq!(
        attr(
            requests,
            "target_tracking_scaling_policy_configuration.target_value"
        ),
        json!("${each.value.requests_per_target}")
    );

    // Secrets in the three forms: the environment's prefix, any parameter, a
    // Secrets Manager secret's JSON key; the execution role reads exactly those.
    assert_eq!(api["secrets"], json!(["DJANGO_SECRET_KEY"]));
    assert_eq!(
        api["secret_sources"],
        json!({
            "STRIPE_KEY": { "ssm": "/shared/stripe/key" },
            "GITHUB_TOKEN": { "secretsmanager": "ci/github", "key": "token" },
        })
    );
    let security = inputs(env, "security");
    assert_eq!(
        security["ssm_parameter_names"],
        json!(["/ledger/sandbox/DJANGO_SECRET_KEY", "/shared/stripe/key"])
    );
    assert_eq!(security["secret_names"], json!(["ci/github"]));
    assert_eq!(
        inputs(env, "compute")["secret_arns"],
        json!("${dependency.security.outputs.secret_arns}")
    );
    let security_module = module(env, "security");
    let lookup = security_module
        .blocks()
        .find(|b| {
            b.identifier() == "data"
                && b.labels()[0].as_str() == "aws_secretsmanager_secret"
                && b.labels()[1].as_str() == "injected"
        })
        .expect("data.aws_secretsmanager_secret.injected");
    assert_eq!(
        attr(lookup, "for_each"),
        json!("${toset(var.secret_names)}")
    );
    let main_tf = read("generated/modules/compute/main.tf");
    assert!(
        main_tf.contains(r#""${var.secret_arns[src.secretsmanager]}:${src.key}::""#),
        "a JSON key is injected as ARN:KEY::"
    );

    // The README lists the parameters and secrets from elsewhere among those to create first.
    let readme = read("generated/sandbox/README.md");
    assert!(readme.contains("`api` (0.5 vCPU / 1 GB, arm64, 1–6 tasks)"));
    for line in [
        "- SSM parameter `/shared/stripe/key` as `STRIPE_KEY`, read by `api` (from outside the environment)",
        "- Secrets Manager secret `ci/github` (JSON key `token`) as `GITHUB_TOKEN`, read by `api` (from outside the environment)",
    ] {
        assert!(readme.contains(line), "{line}");
    }

    // exec: false also takes the ssmmessages channels from the API's task
    // role; the backend and the worker keep ECS Exec (the default).
    assert_eq!(security["exec_services"], json!(["rates", "worker"]));
    let task_policy = security_module
        .blocks()
        .find(|b| {
            b.identifier() == "data"
                && b.labels()[0].as_str() == "aws_iam_policy_document"
                && b.labels()[1].as_str() == "task"
        })
        .expect("data.aws_iam_policy_document.task");
    assert_eq!(attr(task_policy, "for_each"), json!("${var.services}"));
    let exec_statement = task_policy
        .body()
        .blocks()
        .find(|b| b.identifier() == "dynamic" && b.labels()[0].as_str() == "statement")
        .expect("dynamic EcsExec statement");
    assert_eq!(
        attr(exec_statement, "for_each"),
        json!(
            "${var.exec_services == null || contains(coalesce(var.exec_services, []), each.key) ? [\"EcsExec\"] : []}"
        )
    );

    // The seeds keep ECS Exec and x86_64, and get the issue's default matcher.
    for (env, name) in [("staging", "web"), ("prod", "api"), ("production", "web")] {
        let svc = &inputs(env, "compute")["services"][name];
        assert_eq!(svc["exec"], json!(true), "{env}");
        assert_eq!(svc["cpu_architecture"], json!("X86_64"), "{env}");
        assert_eq!(svc["health_check_matcher"], json!("200"), "{env}");
        assert_eq!(svc.get("requests_per_target"), None, "{env}");
        assert_eq!(inputs(env, "security").get("exec_services"), None, "{env}");
    }
}
