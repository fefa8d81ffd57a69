//! Issue 11, defects 4, 5, 6, 7, 9, 10, 13 and 14 (the edge: security group
//! quota, WAF body size, Spot base, CloudFront origin secret, Sentry provider,
//! ECS dependency edges, bucket versioning, WAF log key outside us-east-1).
//! Each test reads the module catalog's HCL and the inputs a generated tree
//! gives its units.

#[path = "support/tree.rs"]
mod tree;

use serde_json::json;
use tree::*;

#[test]
fn cloudfront_reaches_the_alb_through_one_prefix_list_rule() {
    let security = catalog("security/main.tf");
    let rule = resource(
        &security,
        "aws_vpc_security_group_ingress_rule",
        "alb_cloudfront",
    );
    // One port, never 80 and 443: each reference to the prefix list counts as
    // its ~55 entries against the group's 60 rules.
    assert_eq!(
        attr(rule, "for_each"),
        "var.alb_ingress_from_cloudfront ? toset([tostring(var.cloudfront_origin_port)]) : toset([])"
    );
    assert_eq!(
        attr(rule, "prefix_list_id"),
        "data.aws_ec2_managed_prefix_list.cloudfront[0].id"
    );
    // With a domain CloudFront's origin is https-only (the cdn module's
    // default), so the port is 443; without one it is http-only on 80.
    let pantri = generate(&example("pantri.yaml"));
    assert_eq!(
        inputs(&pantri, "security")["alb_ingress_from_cloudfront"],
        json!(true)
    );
    assert!(
        inputs(&pantri, "security")
            .get("cloudfront_origin_port")
            .is_none()
    );
    let security_vars = catalog("security/variables.tf");
    let port = block(&security_vars, "variable", &["cloudfront_origin_port"]);
    assert_eq!(attr(port, "default"), "443");
    assert!(
        inputs(&pantri, "cdn")
            .get("origin_protocol_policy")
            .is_none()
    );
    let cdn_vars = catalog("cdn/variables.tf");
    let policy = block(&cdn_vars, "variable", &["origin_protocol_policy"]);
    assert_eq!(attr(policy, "default"), "\"https-only\"");
    let edge = generate(&variant("edge-eu.yaml"));
    assert_eq!(
        inputs(&edge, "security")["cloudfront_origin_port"],
        json!(80)
    );
    assert_eq!(
        inputs(&edge, "cdn")["origin_protocol_policy"],
        json!("http-only")
    );
}

// --- 5: WAF request bodies over 8 KB --------------------------------------------

#[test]
fn the_common_rule_set_counts_large_bodies_unless_the_spec_blocks_them() {
    let waf = catalog("waf/main.tf");
    let acl = resource(&waf, "aws_wafv2_web_acl", "this");
    let managed = nested(acl, "dynamic")
        .into_iter()
        .find(|d| {
            d.labels()[0].as_str() == "rule" && attr(d, "for_each") == "var.managed_rule_groups"
        })
        .expect("the managed rule groups");
    let content = nested(managed, "content")[0];
    let statement = nested(content, "statement")[0];
    let group = nested(statement, "managed_rule_group_statement")[0];
    let overrides = nested(group, "dynamic");
    assert_eq!(overrides.len(), 1, "one rule_action_override");
    let o = overrides[0];
    assert_eq!(o.labels()[0].as_str(), "rule_action_override");
    assert_eq!(
        attr(o, "for_each"),
        "rule.value == \"AWSManagedRulesCommonRuleSet\" && !var.block_large_bodies ? [\"SizeRestrictions_BODY\"] : []"
    );
    let body = nested(o, "content")[0];
    assert_eq!(attr(body, "name"), "rule_action_override.value");
    let action = nested(body, "action_to_use")[0];
    assert_eq!(nested(action, "count").len(), 1);

    let prod = generate(&example("prod.yaml"));
    assert_eq!(inputs(&prod, "waf")["block_large_bodies"], json!(false));
    let blocking = example("prod.yaml").replace(
        "    managed_rules: [common, sqli, known_bad_inputs]\n",
        "    managed_rules: [common, sqli, known_bad_inputs]\n    block_large_bodies: true\n",
    );
    assert_ne!(blocking, example("prod.yaml"));
    assert_eq!(
        inputs(&generate(&blocking), "waf")["block_large_bodies"],
        json!(true)
    );
}

// --- 6: Spot keeps an on-demand task ------------------------------------------------

#[test]
fn spot_services_keep_an_on_demand_base_unless_spot_only() {
    let compute = catalog("compute/main.tf");
    let service = resource(&compute, "aws_ecs_service", "this");
    let base = nested(service, "dynamic")
        .into_iter()
        .find(|d| d.labels()[0].as_str() == "capacity_provider_strategy")
        .expect("the on-demand base strategy");
    assert_eq!(
        attr(base, "for_each"),
        "each.value.spot && !each.value.spot_only ? [\"FARGATE\"] : []"
    );
    let content = nested(base, "content")[0];
    assert_eq!(attr(content, "base"), "1");
    assert_eq!(attr(content, "weight"), "0");
    let spot = nested(service, "capacity_provider_strategy");
    assert_eq!(spot.len(), 1);
    assert_eq!(
        attr(spot[0], "capacity_provider"),
        "each.value.spot ? \"FARGATE_SPOT\" : \"FARGATE\""
    );
    assert_eq!(attr(spot[0], "weight"), "1");

    // pantri: `spot: true` keeps its base; `spot_only: true` drops it.
    let pantri = example("pantri.yaml");
    let services = &inputs(&generate(&pantri), "compute")["services"];
    let spot_services: Vec<_> = services
        .as_object()
        .expect("services")
        .values()
        .filter(|s| s["spot"] == json!(true))
        .collect();
    assert!(!spot_services.is_empty());
    assert!(spot_services.iter().all(|s| s["spot_only"] == json!(false)));
    let only = pantri.replacen(
        "    spot: true\n",
        "    spot: true\n    spot_only: true\n",
        1,
    );
    assert_ne!(only, pantri);
    let services = &inputs(&generate(&only), "compute")["services"];
    assert!(
        services
            .as_object()
            .expect("services")
            .values()
            .any(|s| s["spot_only"] == json!(true))
    );
    // spot_only without Spot is an error, not a silent on-demand service.
    let wrong = pantri.replacen("    spot: true\n", "    spot_only: true\n", 1);
    let checked = check(&wrong);
    assert!(checked.resolved.is_none());
    assert!(
        checked
            .diagnostics
            .iter()
            .any(|d| d.path.ends_with("spot_only") && d.message.contains("does not run on Spot")),
        "{:?}",
        checked.diagnostics
    );
}

// --- 9: Sentry provider ---------------------------------------------------------------

#[test]
fn the_sentry_provider_has_the_dsn_map_and_v2_blocks() {
    let versions = catalog("sentry/versions.tf");
    let terraform = block(&versions, "terraform", &[]);
    let providers = nested(terraform, "required_providers")[0];
    let sentry = providers
        .body()
        .attributes()
        .find(|a| a.key() == "sentry")
        .map(|a| json_of(a.expr()))
        .expect("sentry provider");
    assert_eq!(sentry["version"], json!(">= 0.14.5, < 1.0"));
    assert_eq!(sentry["source"], json!("jianyuan/sentry"));
}

// --- 10: ECS service dependency edges ------------------------------------------------

#[test]
fn services_wait_for_listeners_rules_and_capacity_providers() {
    let compute = catalog("compute/main.tf");
    let service = resource(&compute, "aws_ecs_service", "this");
    let depends = attr(service, "depends_on");
    for dep in [
        "aws_lb_listener.http",
        "aws_lb_listener.https",
        "aws_lb_listener_rule.path",
        "aws_ecs_cluster_capacity_providers.this",
    ] {
        assert!(depends.contains(dep), "{dep} missing from {depends}");
    }
}

// --- 13: bucket versioning -------------------------------------------------------------

#[test]
fn a_bucket_never_versioned_gets_no_versioning_resource() {
    let storage = catalog("storage/main.tf");
    let assets = resource(&storage, "aws_s3_bucket_versioning", "assets");
    assert_eq!(attr(assets, "count"), "var.versioning ? 1 : 0");
    let config = nested(assets, "versioning_configuration")[0];
    assert_eq!(attr(config, "status"), "\"Enabled\"");
    assert!(!tfgen::catalog::files()["storage/main.tf"].contains("\"Suspended\""));
    let moved = storage
        .blocks()
        .find(|b| b.identifier() == "moved" && attr(b, "from") == "aws_s3_bucket_versioning.assets")
        .expect("a moved block keeps the versioning of existing environments");
    assert_eq!(attr(moved, "to"), "aws_s3_bucket_versioning.assets[0]");
    // The logs bucket is always versioned.
    let logs = resource(&storage, "aws_s3_bucket_versioning", "logs");
    let config = nested(logs, "versioning_configuration")[0];
    assert_eq!(attr(config, "status"), "\"Enabled\"");
}

// --- 14: the CLOUDFRONT web ACL's log key outside us-east-1 ------------------------------

#[test]
fn the_cloudfront_waf_log_group_gets_a_key_in_us_east_1() {
    let waf = catalog("waf/main.tf");
    let key = resource(&waf, "aws_kms_key", "logs");
    assert_eq!(attr(key, "count"), "var.create_kms_key ? 1 : 0");
    assert_eq!(attr(key, "region"), "\"us-east-1\"");
    assert_eq!(attr(key, "enable_key_rotation"), "true");
    let group = resource(&waf, "aws_cloudwatch_log_group", "waf");
    assert_eq!(
        attr(group, "kms_key_id"),
        "var.create_kms_key ? aws_kms_key.logs[0].arn : var.kms_key_arn"
    );
    let policy = tfgen::catalog::files()["waf/main.tf"].clone();
    assert!(policy.contains("identifiers = [\"logs.us-east-1.amazonaws.com\"]"));
    // Least privilege: CloudWatch Logs may use the key for the WAF's log group only.
    assert!(
        policy.contains(":logs:us-east-1:${data.aws_caller_identity.current.account_id}:log-group:${local.log_group_name}\"]"),
        "{policy}"
    );
    assert!(!policy.contains(":log-group:*"), "{policy}");

    // eu-west-1 with CloudFront: the module's us-east-1 key, not the regional one.
    let edge = inputs(&generate(&variant("edge-eu.yaml")), "waf");
    assert_eq!(edge["scope"], json!("CLOUDFRONT"));
    assert_eq!(edge["create_kms_key"], json!(true));
    assert!(edge.get("kms_key_arn").is_none(), "{edge}");
    // pantri is in us-east-1: the environment's key serves.
    let pantri = inputs(&generate(&example("pantri.yaml")), "waf");
    assert!(pantri.get("create_kms_key").is_none(), "{pantri}");
    assert!(pantri["kms_key_arn"].as_str().is_some(), "{pantri}");
    // A REGIONAL web ACL uses the environment's key.
    let prod = inputs(&generate(&example("prod.yaml")), "waf");
    assert!(prod.get("create_kms_key").is_none(), "{prod}");
    assert!(prod["kms_key_arn"].as_str().is_some(), "{prod}");
}

// --- 7: CloudFront's secret origin header ------------------------------------------------

#[test]
fn the_alb_serves_only_requests_with_cloudfronts_secret_header() {
    // security owns the secret: generated by Secrets Manager, written write-only.
    let security = catalog("security/main.tf");
    let secret = resource(&security, "aws_secretsmanager_secret", "origin");
    assert_eq!(attr(secret, "count"), "var.create_origin_secret ? 1 : 0");
    assert_eq!(attr(secret, "kms_key_id"), "var.kms_key_arn");
    let password = block(
        &security,
        "ephemeral",
        &["aws_secretsmanager_random_password", "origin"],
    );
    assert_eq!(attr(password, "exclude_punctuation"), "true");
    let version = resource(&security, "aws_secretsmanager_secret_version", "origin");
    assert_eq!(
        attr(version, "secret_string_wo"),
        "ephemeral.aws_secretsmanager_random_password.origin[0].random_password"
    );
    assert_eq!(
        attr(version, "secret_string_wo_version"),
        "var.origin_secret_version"
    );
    assert!(
        version
            .body()
            .attributes()
            .all(|a| a.key() != "secret_string")
    );
    let previous = block(
        &security,
        "data",
        &["aws_secretsmanager_secret_version", "origin_previous"],
    );
    assert_eq!(attr(previous, "version_stage"), "\"AWSPREVIOUS\"");
    let outputs = catalog("security/outputs.tf");
    let values = block(&outputs, "output", &["origin_header_values"]);
    assert_eq!(attr(values, "sensitive"), "true");
    assert!(attr(values, "value").starts_with(
        "concat(data.aws_secretsmanager_secret_version.origin_current[*].secret_string, "
    ));

    // compute: 403 by default, forward only with the header.
    let compute = catalog("compute/main.tf");
    let https = resource(&compute, "aws_lb_listener", "https");
    let action = nested(https, "default_action")[0];
    assert_eq!(attr(action, "type"), "local.app_default_action");
    let locals = compute
        .blocks()
        .find(|b| {
            b.identifier() == "locals"
                && b.body()
                    .attributes()
                    .any(|a| a.key() == "app_default_action")
        })
        .expect("locals");
    assert_eq!(
        attr(locals, "app_default_action"),
        "var.require_origin_header ? \"fixed-response\" : \"forward\""
    );
    let fixed = nested(action, "dynamic")[0];
    assert_eq!(fixed.labels()[0].as_str(), "fixed_response");
    assert_eq!(
        attr(nested(fixed, "content")[0], "status_code"),
        "fixed_response.value"
    );
    assert_eq!(
        attr(fixed, "for_each"),
        "var.require_origin_header ? [\"403\"] : []"
    );
    let http = resource(&compute, "aws_lb_listener", "http");
    assert_eq!(
        attr(nested(http, "default_action")[0], "type"),
        "var.certificate_arn != null ? \"redirect\" : local.app_default_action"
    );
    let rule = resource(&compute, "aws_lb_listener_rule", "origin_default");
    assert_eq!(attr(rule, "count"), "var.require_origin_header ? 1 : 0");
    assert_eq!(attr(rule, "listener_arn"), "local.app_listener_arn");
    assert_eq!(attr(rule, "priority"), "50000");
    let header = nested(nested(rule, "condition")[0], "http_header")[0];
    assert_eq!(attr(header, "http_header_name"), "local.origin_header_name");
    assert_eq!(attr(header, "values"), "var.origin_header_values");
    let path = resource(&compute, "aws_lb_listener_rule", "path");
    let extra = nested(path, "dynamic")[0];
    assert_eq!(extra.labels()[0].as_str(), "condition");
    assert_eq!(
        attr(extra, "for_each"),
        "var.require_origin_header ? [local.origin_header_name] : []"
    );
    let header = nested(nested(extra, "content")[0], "http_header")[0];
    assert_eq!(attr(header, "values"), "var.origin_header_values");
    let service = resource(&compute, "aws_ecs_service", "this");
    assert!(attr(service, "depends_on").contains("aws_lb_listener_rule.origin_default"));
    // At most 2 values: a path rule holds 1 + 2 of the 5 condition values allowed.
    let variables = catalog("compute/variables.tf");
    let values = block(&variables, "variable", &["origin_header_values"]);
    assert_eq!(attr(values, "sensitive"), "true");
    assert!(
        tfgen::catalog::files()["compute/variables.tf"]
            .contains("length(var.origin_header_values) <= 2")
    );

    // cdn: the header on the ALB origin.
    let cdn = catalog("cdn/main.tf");
    let distribution = resource(&cdn, "aws_cloudfront_distribution", "this");
    let alb = nested(distribution, "origin")
        .into_iter()
        .find(|o| attr(o, "origin_id") == "\"alb\"")
        .expect("the ALB origin");
    let header = nested(alb, "dynamic")[0];
    assert_eq!(header.labels()[0].as_str(), "custom_header");
    assert_eq!(
        attr(header, "for_each"),
        "var.send_origin_header ? [\"X-Origin-Verify\"] : []"
    );
    assert_eq!(
        attr(nested(header, "content")[0], "value"),
        "var.origin_header_value"
    );

    // The inputs: with a CDN the value comes from the security unit's state.
    let pantri = generate(&example("pantri.yaml"));
    let security = inputs(&pantri, "security");
    assert_eq!(security["create_origin_secret"], json!(true));
    assert_eq!(security["origin_secret_version"], json!(1));
    let compute = inputs(&pantri, "compute");
    assert_eq!(compute["require_origin_header"], json!(true));
    assert_eq!(
        compute["origin_header_values"],
        json!("${dependency.security.outputs.origin_header_values}")
    );
    let cdn = inputs(&pantri, "cdn");
    assert_eq!(cdn["send_origin_header"], json!(true));
    // Read from compute: CloudFront switches values only after the ALB accepts them.
    assert_eq!(
        cdn["origin_header_value"],
        json!("${dependency.compute.outputs.origin_header_value}")
    );
    let outputs = catalog("compute/outputs.tf");
    let current = block(&outputs, "output", &["origin_header_value"]);
    assert_eq!(
        attr(current, "value"),
        "var.require_origin_header ? var.origin_header_values[0] : null"
    );
    assert_eq!(attr(current, "sensitive"), "true");
    // The environment README says how to rotate it.
    let readme = &pantri["README.md"];
    assert!(
        readme.contains("raise `cdn.origin_secret_version` to 2"),
        "{readme}"
    );
    assert!(readme.contains("apply `security`, `compute` and `cdn` in that order"));
    // Rotation: a new generation, no value in the spec.
    let rotated = example("pantri.yaml").replace(
        "cdn:\n  enabled: true\n",
        "cdn:\n  enabled: true\n  origin_secret_version: 2\n",
    );
    assert_ne!(rotated, example("pantri.yaml"));
    assert_eq!(
        inputs(&generate(&rotated), "security")["origin_secret_version"],
        json!(2)
    );
    // Without a CDN, nothing changes at the ALB.
    let prod = generate(&example("prod.yaml"));
    assert!(
        inputs(&prod, "compute")
            .get("require_origin_header")
            .is_none()
    );
    assert!(
        inputs(&prod, "security")
            .get("create_origin_secret")
            .is_none()
    );
}
