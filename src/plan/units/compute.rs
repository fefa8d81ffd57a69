//! Unit `compute`.

use super::*;
use crate::spec::model::{Platform, ServiceKind};

pub(super) fn plan(spec: &Resolved) -> Unit {
    let public_tasks = spec.network.nat == Nat::None;
    let services: serde_json::Map<String, Value> = spec
        .services
        .iter()
        .map(|(name, s)| {
            let environment = s.environment.clone();
            let web = s.kind == ServiceKind::Web;
            let mut service = json!({
                "kind": s.kind.name(),
                "port": s.port,
                "path": s.path,
                "image": s.image,
                "cpu": s.cpu,
                "memory": s.memory,
                "desired": s.desired,
                "min": s.scaling.min,
                "max": s.scaling.max,
                "cpu_target": s.scaling.cpu_target,
                "memory_target": s.scaling.memory_target,
                "scale_out_cooldown": s.scaling.scale_out_cooldown,
                "scale_in_cooldown": s.scaling.scale_in_cooldown,
                "spot": s.spot,
                "spot_only": s.spot_only,
                "health_check_path": s.health_check.path,
                "health_check_grace_seconds": s.health_check.grace_seconds,
                "health_check_interval": s.health_check.interval,
                "unhealthy_threshold": s.health_check.unhealthy_threshold,
                "environment": environment,
                "secrets": s.secrets.iter().filter(|x| x.is_prefixed()).map(|x| &x.name).collect::<Vec<_>>(),
                "secret_sources": secret_sources(&s.secrets),
                "command": non_empty(&s.command),
                "entrypoint": non_empty(&s.entrypoint),
                "cpu_architecture": match s.platform {
                    Platform::X86_64 => "X86_64",
                    Platform::Arm64 => "ARM64",
                },
                "exec": s.exec,
                "requests_per_target": s.scaling.requests_per_target,
                "health_check_matcher": s.health_check.matcher,
                "health_check_command": non_empty(&s.health_check.command),
            });
            // The optional settings appear only when the spec sets them;
            // the ALB's only for web services.
            if let Some(fields) = service.as_object_mut() {
                if !web {
                    for key in [
                        "path",
                        "health_check_path",
                        "health_check_matcher",
                        "health_check_interval",
                        "unhealthy_threshold",
                    ] {
                        fields.shift_remove(key);
                    }
                }
                for key in [
                    "port",
                    "command",
                    "entrypoint",
                    "requests_per_target",
                    "health_check_command",
                    "secret_sources",
                ] {
                    if fields.get(key).is_some_and(Value::is_null) {
                        fields.shift_remove(key);
                    }
                }
            }
            (name.clone(), service)
        })
        .collect();
    let mut variables = vec![
        name_prefix_var(spec),
        set("alb_name", value(names::alb_name(spec))),
        set(
            "target_group_name_prefixes",
            value(Value::Object(
                spec.services
                    .iter()
                    .filter(|(_, s)| s.kind == ServiceKind::Web)
                    .map(|(n, _)| (n.clone(), json!(names::target_group_prefix(n))))
                    .collect(),
            )),
        ),
        kms_key_var(),
        set("vpc_id", from("network", "vpc_id")),
        set("access_logs_bucket", from("storage", "logs_bucket_name")),
        set("alb_subnet_ids", from("network", "public_subnet_ids")),
        set(
            "task_subnet_ids",
            from(
                "network",
                if public_tasks {
                    "public_subnet_ids"
                } else {
                    "private_subnet_ids"
                },
            ),
        ),
        set("assign_public_ip", value(public_tasks)),
        set(
            "alb_security_group_id",
            from("security", "alb_security_group_id"),
        ),
        set(
            "task_security_group_id",
            from("security", "task_security_group_id"),
        ),
        set(
            "service_security_group_ids",
            from("security", "service_security_group_ids"),
        ),
        set(
            "task_execution_role_arn",
            from("security", "task_execution_role_arn"),
        ),
        set("task_role_arns", from("security", "task_role_arns")),
    ];
    // Only services without `image` have a repository (and then the ecr unit exists).
    if !repository_services(spec).is_empty() {
        variables.push(set("repository_urls", from("ecr", "repository_urls")));
    }
    variables.extend([
        set("services", value(Value::Object(services))),
        set("ssm_prefix", ssm_prefix_input(spec)),
        set(
            "log_retention_days",
            value(spec.monitoring.log_retention_days),
        ),
        set(
            "alb_deletion_protection",
            value(spec.profile != Profile::Minimal),
        ),
        set(
            "enable_container_insights",
            value(spec.monitoring.container_insights),
        ),
    ]);
    // The connection settings, and the password from the secret RDS manages.
    if spec.database.is_some() {
        variables.push(set("database_host", from("database", "endpoint")));
        variables.push(set("database_port", from("database", "port")));
        variables.push(set("database_name", from("database", "database_name")));
        variables.push(set("database_user", from("database", "master_username")));
        variables.push(set(
            "database_secret_arn",
            from("database", "master_user_secret_arn"),
        ));
        variables.push(set(
            "task_execution_role_name",
            from("security", "task_execution_role_name"),
        ));
    }
    // Written out, where checkov reads it: the secret, its IAM and the
    // redeploy on rotation exist only with a database.
    variables.push(set("enable_database", value(spec.database.is_some())));
    // The data units come before compute: each service gets the queue URLs
    // and table names it uses.
    if !spec.queues.is_empty() {
        variables.push(set(
            "queue_environment",
            from("queues", "client_environment"),
        ));
    }
    if !spec.tables.is_empty() {
        variables.push(set(
            "table_environment",
            from("tables", "client_environment"),
        ));
    }
    // Workers that track a queue's backlog per task.
    let queue_scaling: serde_json::Map<String, Value> = spec
        .services
        .iter()
        .filter_map(|(name, s)| {
            let queue = s.scaling.queue.as_ref()?;
            let fifo = spec.queues.get(queue).is_some_and(|q| q.fifo);
            Some((
                name.clone(),
                json!({
                    "queue_name": names::queue_name(spec, queue, fifo, false),
                    "messages_per_task": s.scaling.messages_per_task,
                }),
            ))
        })
        .collect();
    if !queue_scaling.is_empty() {
        variables.push(set("queue_scaling", value(Value::Object(queue_scaling))));
    }
    if spec.cache.is_some() {
        variables.push(set(
            "cache_environment",
            from("cache", "client_environment"),
        ));
    }
    // The auth unit comes before compute, so the services get its IDs.
    if spec.auth.is_some() {
        variables.push(set("cognito_user_pool_id", from("auth", "user_pool_id")));
        variables.push(set("cognito_client_id", from("auth", "client_id")));
    }
    if let Some(domain) = &spec.domain {
        variables.push(set("certificate_arn", from("dns", "certificate_arn")));
        variables.push(set("tls_policy", value(&domain.tls_policy)));
    } else {
        // Written out: no certificate, so the app is served over HTTP (and
        // checkov, which reads a null default as unknown, sees it).
        variables.push(set("certificate_arn", value(Value::Null)));
    }
    // With CloudFront in front, only requests with its secret header.
    if spec.cdn.is_some() {
        variables.push(set("require_origin_header", value(true)));
        variables.push(set(
            "origin_header_values",
            from("security", "origin_header_values"),
        ));
    }
    if let Some(dd) = &spec.monitoring.datadog {
        variables.push(set(
            "datadog",
            value(json!({
                "site": dd.site,
                "api_key_secret": dd.api_key_secret,
                "trace_sample_rate": dd.apm_sample_rate,
                "env": spec.environment,
                "services": per_service(spec, |n, _| json!(datadog_service(spec, n))),
                "versions": per_service(spec, |_, s| json!(image_tag(s.image.as_deref()))),
            })),
        ));
    }
    if spec.monitoring.datadog.is_some() || !security::service_secret_ids(spec).is_empty() {
        variables.push(set("secret_arns", from("security", "secret_arns")));
    }
    // Each MongoDB Atlas client's MONGODB_URI secret (the mongodb unit
    // deploys before compute).
    if spec.mongodb.as_ref().is_some_and(|m| !m.clients.is_empty()) {
        variables.push(set(
            "mongodb_uri_secret_arns",
            from("mongodb", "mongodb_uri_secret_arns"),
        ));
    }
    if spec.monitoring.sentry.is_some() {
        variables.push(set(
            "sentry_dsn_parameter_arn",
            from("sentry", "dsn_parameter_arn"),
        ));
        variables.push(set("sentry_service", value(web_service(spec))));
    }
    if let Some(s) = &spec.schedule {
        variables.push(set(
            "schedule",
            value(json!({
                "timezone": s.timezone,
                "start_cron": schedule_cron(&s.start, &s.days),
                "stop_cron": schedule_cron(&s.stop, &stop_days(s)),
            })),
        ));
    }
    // Target groups exist for the web services only.
    let suffixes: serde_json::Map<String, Value> = spec
        .services
        .iter()
        .filter(|(_, s)| s.kind == ServiceKind::Web)
        .map(|(n, _)| {
            (
                n.clone(),
                json!(format!("targetgroup/mock-{n}/0000000000000000")),
            )
        })
        .collect();
    let suffixes = Value::Object(suffixes);
    let mut u = unit(
        "compute",
        "ECS cluster, Fargate services, ALB, auto scaling",
        variables,
        vec![
            out("cluster_name", json!("mock-cluster")),
            out(
                "service_names",
                per_service(spec, |n, _| json!(format!("mock-{n}"))),
            ),
            out(
                "alb_arn",
                mock_arn(
                    spec,
                    "elasticloadbalancing",
                    "loadbalancer/app/mock/0000000000000000",
                ),
            ),
            out("alb_arn_suffix", json!("app/mock/0000000000000000")),
            out(
                "alb_dns_name",
                json!(format!(
                    "mock-0000000000.{}.elb.amazonaws.com",
                    spec.region.code()
                )),
            ),
            out("alb_zone_id", json!("Z000000000000000ALB00")),
            out("target_group_arn_suffixes", suffixes),
            out(
                "origin_header_value",
                if spec.cdn.is_some() {
                    json!(MOCK_ORIGIN_HEADER)
                } else {
                    Value::Null
                },
            ),
        ],
    );
    u.trade_offs = trade_offs(spec);
    u
}

/// The secrets a service or job reads from outside the environment's
/// parameter prefix, by variable name: `{ ssm }` or `{ secretsmanager, key }`
/// (null when there are none).
pub(super) fn secret_sources(secrets: &[resolve::Secret]) -> Value {
    let sources: serde_json::Map<String, Value> = secrets
        .iter()
        .filter(|x| !x.is_prefixed())
        .map(|x| {
            let mut source = serde_json::Map::new();
            if let Some(ssm) = &x.ssm {
                source.insert("ssm".into(), json!(ssm));
            }
            if let Some(id) = &x.secretsmanager {
                source.insert("secretsmanager".into(), json!(id));
            }
            if let Some(key) = &x.key {
                source.insert("key".into(), json!(key));
            }
            (x.name.clone(), Value::Object(source))
        })
        .collect();
    if sources.is_empty() {
        Value::Null
    } else {
        Value::Object(sources)
    }
}

/// A list, or null when empty (the module's "not set").
fn non_empty(list: &[String]) -> Value {
    if list.is_empty() {
        Value::Null
    } else {
        json!(list)
    }
}

/// The checks this environment's compute module fails by the spec's choices.
fn trade_offs(spec: &Resolved) -> Vec<TradeOff> {
    let mut t = Vec::new();
    if !spec.monitoring.container_insights {
        t.push(trade_off(
            "CKV_AWS_65",
            "aws_ecs_cluster.this",
            "monitoring.container_insights",
            "Container Insights is off to save its metric cost; service CPU and memory metrics still reach CloudWatch.",
        ));
    }
    if spec.network.nat == Nat::None {
        t.push(trade_off(
            "CKV_AWS_333",
            "aws_ecs_service.this",
            "network.nat",
            "Without a NAT gateway the tasks run in the public subnets and need public IPs for outbound HTTPS (AWS APIs without a VPC endpoint, Datadog, Sentry); their security group admits inbound traffic only from the ALB.",
        ));
    }
    if spec.profile == Profile::Minimal {
        t.push(trade_off(
            "CKV_AWS_150",
            "aws_lb.this",
            "profile",
            "No deletion protection on the ALB, so the environment can be destroyed in one run.",
        ));
    }
    if spec.monitoring.log_retention_days < 365 {
        t.push(trade_off(
            "CKV_AWS_338",
            "aws_cloudwatch_log_group.service",
            "monitoring.log_retention_days",
            "Task logs are kept as long as the environment's other logs: a shorter history for a smaller CloudWatch Logs bill.",
        ));
    }
    if spec.database.is_some() && spec.monitoring.log_retention_days < 365 {
        t.push(trade_off(
            "CKV_AWS_338",
            "aws_cloudwatch_log_group.redeploy",
            "monitoring.log_retention_days",
            "The log of the redeploys after database secret rotations is kept as long as the environment's other logs: a shorter history for a smaller CloudWatch Logs bill.",
        ));
    }
    // The compute module never associates a web ACL with the ALB.
    let waf = spec.access.waf.is_some();
    let (field, reason) = match (spec.cdn.is_some(), waf) {
        (true, true) => (
            "cdn.enabled",
            "The web ACL is on the CloudFront distribution (waf unit), and the ALB accepts only CloudFront's origin-facing addresses.",
        ),
        (true, false) => (
            "access.waf.enabled",
            "No web ACL; the ALB accepts only CloudFront's origin-facing addresses.",
        ),
        (false, true) => (
            "access.waf.enabled",
            "The web ACL is associated with this ALB in the waf unit, a separate Terraform module this check cannot see.",
        ),
        (false, false) if !spec.access.allowed_cidrs.is_empty() => (
            "access.waf.enabled",
            "No web ACL; the ALB accepts only access.allowed_cidrs.",
        ),
        (false, false) => (
            "access.waf.enabled",
            "No web ACL in front of the ALB, which accepts requests from anywhere.",
        ),
    };
    t.push(trade_off("CKV2_AWS_28", "aws_lb.this", field, reason));
    if spec.domain.is_none() {
        let reach = if spec.access.allowed_cidrs.is_empty() {
            ""
        } else {
            ", reachable only from access.allowed_cidrs"
        };
        t.push(trade_off(
            "CKV2_AWS_20",
            "aws_lb.this",
            "domain",
            "No domain, so no certificate to serve HTTPS with: port 80 serves the app instead of redirecting.",
        ));
        t.push(trade_off(
            "CKV_AWS_2",
            "aws_lb_listener.http",
            "domain",
            &format!(
                "No domain, so no certificate: the app is served over HTTP on the ALB's DNS name{reach}. Set domain to get HTTPS."
            ),
        ));
        t.push(trade_off(
            "CKV_AWS_103",
            "aws_lb_listener.http",
            "domain",
            "No TLS listener without a domain (see CKV_AWS_2).",
        ));
    }
    t
}

/// The days the services stop on: the schedule's days, or, for a window past
/// midnight (`stop` before `start`), each following day — so MON-FRI
/// 22:00-06:00 stops TUE-SAT at 06:00 instead of running all weekend.
pub fn stop_days(s: &resolve::Schedule) -> String {
    let overnight = matches!(
        (minutes(&s.start), minutes(&s.stop)),
        (Some(start), Some(stop)) if stop < start
    );
    if !overnight {
        return s.days.clone();
    }
    let days = parse_days(&s.days).unwrap_or_default();
    let mut next: Vec<usize> = days.iter().map(|d| (d + 1) % 7).collect();
    next.sort_unstable();
    next.iter().map(|&d| DAYS[d]).collect::<Vec<_>>().join(",")
}

/// Application Auto Scaling cron (`cron(M H ? * DAYS *)`) at `time` on `days`.
pub fn schedule_cron(time: &str, days: &str) -> String {
    let (h, m) = time.split_once(':').unwrap_or(("0", "0"));
    let (h, m) = (h.trim_start_matches('0'), m.trim_start_matches('0'));
    let (h, m) = (
        if h.is_empty() { "0" } else { h },
        if m.is_empty() { "0" } else { m },
    );
    format!("cron({m} {h} ? * {days} *)")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan_of(yaml: &str) -> Unit {
        let checked = crate::spec::check(yaml.as_bytes());
        let spec = checked
            .resolved
            .unwrap_or_else(|| panic!("invalid spec: {:?}", checked.diagnostics));
        plan(&spec)
    }

    /// (check, resource, field) of each trade-off, sorted.
    fn trade_offs_of(yaml: &str) -> Vec<(String, String, String)> {
        let mut t: Vec<_> = plan_of(yaml)
            .trade_offs
            .into_iter()
            .map(|t| (t.check, t.resource, t.field))
            .collect();
        t.sort();
        t
    }

    fn expected(rows: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
        let mut t: Vec<_> = rows
            .iter()
            .map(|(c, r, f)| (c.to_string(), r.to_string(), f.to_string()))
            .collect();
        t.sort();
        t
    }

    // The checks checkov fails on the compute module with each seed
    // environment's inputs, and nothing else.

    #[test]
    fn staging_trades_https_waf_insights_nat_protection_and_retention() {
        assert_eq!(
            trade_offs_of(include_str!("../../../specs/staging.yaml")),
            expected(&[
                ("CKV2_AWS_20", "aws_lb.this", "domain"),
                ("CKV2_AWS_28", "aws_lb.this", "access.waf.enabled"),
                ("CKV_AWS_103", "aws_lb_listener.http", "domain"),
                ("CKV_AWS_150", "aws_lb.this", "profile"),
                ("CKV_AWS_2", "aws_lb_listener.http", "domain"),
                ("CKV_AWS_333", "aws_ecs_service.this", "network.nat"),
                (
                    "CKV_AWS_338",
                    "aws_cloudwatch_log_group.redeploy",
                    "monitoring.log_retention_days"
                ),
                (
                    "CKV_AWS_338",
                    "aws_cloudwatch_log_group.service",
                    "monitoring.log_retention_days"
                ),
                (
                    "CKV_AWS_65",
                    "aws_ecs_cluster.this",
                    "monitoring.container_insights"
                ),
            ])
        );
    }

    #[test]
    fn prod_trades_only_the_waf_in_its_own_unit_and_retention() {
        let unit = plan_of(include_str!("../../../specs/prod.yaml"));
        let waf = unit
            .trade_offs
            .iter()
            .find(|t| t.check == "CKV2_AWS_28")
            .expect("CKV2_AWS_28");
        assert!(waf.reason.contains("in the waf unit"), "{}", waf.reason);
        assert_eq!(
            trade_offs_of(include_str!("../../../specs/prod.yaml")),
            expected(&[
                ("CKV2_AWS_28", "aws_lb.this", "access.waf.enabled"),
                (
                    "CKV_AWS_338",
                    "aws_cloudwatch_log_group.redeploy",
                    "monitoring.log_retention_days"
                ),
                (
                    "CKV_AWS_338",
                    "aws_cloudwatch_log_group.service",
                    "monitoring.log_retention_days"
                ),
            ])
        );
    }

    #[test]
    fn pantri_trades_the_waf_on_cloudfront_and_retention() {
        assert_eq!(
            trade_offs_of(include_str!("../../../specs/pantri.yaml")),
            expected(&[
                ("CKV2_AWS_28", "aws_lb.this", "cdn.enabled"),
                (
                    "CKV_AWS_338",
                    "aws_cloudwatch_log_group.service",
                    "monitoring.log_retention_days"
                ),
            ])
        );
    }

    #[test]
    fn the_http_reason_names_the_allowed_cidrs() {
        let unit = plan_of(include_str!("../../../specs/staging.yaml"));
        let http = unit
            .trade_offs
            .iter()
            .find(|t| t.check == "CKV_AWS_2")
            .expect("CKV_AWS_2");
        assert!(
            http.reason
                .contains("reachable only from access.allowed_cidrs"),
            "{}",
            http.reason
        );
    }
}
