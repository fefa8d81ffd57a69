//! Unit `compute`.

use super::*;

pub(super) fn plan(spec: &Resolved) -> Unit {
    let public_tasks = spec.network.nat == Nat::None;
    let services: serde_json::Map<String, Value> = spec
        .services
        .iter()
        .map(|(name, s)| {
            let mut environment = s.environment.clone();
            if let Some(db) = &spec.database {
                environment
                    .entry("DATABASE_NAME".into())
                    .or_insert(db.name.clone());
            }
            (
                name.clone(),
                json!({
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
                    "health_check_path": s.health_check.path,
                    "health_check_grace_seconds": s.health_check.grace_seconds,
                    "health_check_interval": s.health_check.interval,
                    "unhealthy_threshold": s.health_check.unhealthy_threshold,
                    "environment": environment,
                    "secrets": s.secrets,
                }),
            )
        })
        .collect();
    let service_type = "map(object({
    port                       = number
    path                       = string
    image                      = string
    cpu                        = number
    memory                     = number
    desired                    = number
    min                        = number
    max                        = number
    cpu_target                 = number
    memory_target              = number
    scale_out_cooldown         = number
    scale_in_cooldown          = number
    spot                       = bool
    health_check_path          = string
    health_check_grace_seconds = number
    health_check_interval      = number
    unhealthy_threshold        = number
    environment                = map(string)
    secrets                    = list(string)
  }))";
    let mut variables = vec![
        name_prefix_var(spec),
        kms_key_var(),
        var(
            "vpc_id",
            "string",
            "ID of the VPC.",
            from("network", "vpc_id"),
        ),
        var(
            "access_logs_bucket",
            "string",
            "Bucket of the ALB access logs (prefix alb/).",
            from("storage", "logs_bucket_name"),
        ),
        var(
            "alb_subnet_ids",
            "list(string)",
            "Public subnets of the ALB.",
            from("network", "public_subnet_ids"),
        ),
        var(
            "task_subnet_ids",
            "list(string)",
            "Subnets of the tasks: public when there is no NAT gateway.",
            from(
                "network",
                if public_tasks {
                    "public_subnet_ids"
                } else {
                    "private_subnet_ids"
                },
            ),
        ),
        var(
            "assign_public_ip",
            "bool",
            "Give tasks public IPs (no NAT gateway).",
            value(public_tasks),
        ),
        var(
            "alb_security_group_id",
            "string",
            "Security group of the ALB.",
            from("security", "alb_security_group_id"),
        ),
        var(
            "task_security_group_id",
            "string",
            "Security group of the tasks.",
            from("security", "task_security_group_id"),
        ),
        var(
            "task_execution_role_arn",
            "string",
            "ECS task execution role.",
            from("security", "task_execution_role_arn"),
        ),
        var(
            "task_role_arns",
            "map(string)",
            "Task role of each service.",
            from("security", "task_role_arns"),
        ),
        var(
            "repository_urls",
            "map(string)",
            "ECR repository of each service.",
            from("ecr", "repository_urls"),
        ),
        var(
            "services",
            service_type,
            "The services, by name.",
            value(Value::Object(services)),
        ),
        var(
            "ssm_prefix",
            "string",
            "SSM path prefix of the services' secrets.",
            ssm_prefix_input(spec),
        ),
        var(
            "log_retention_days",
            "number",
            "CloudWatch Logs retention of the task logs.",
            value(spec.monitoring.log_retention_days),
        ),
        var(
            "alb_deletion_protection",
            "bool",
            "Protect the ALB from deletion (off in profile minimal).",
            value(spec.profile != Profile::Minimal),
        ),
    ];
    if spec.database.is_some() {
        variables.push(var(
            "database_host",
            "string",
            "Writer endpoint of the database.",
            from("database", "endpoint"),
        ));
        variables.push(var(
            "database_port",
            "number",
            "Port of the database.",
            from("database", "port"),
        ));
    }
    if spec.domain.is_some() {
        variables.push(var(
            "certificate_arn",
            "string",
            "Validated ACM certificate of the HTTPS listener.",
            from("dns", "certificate_arn"),
        ));
        variables.push(var(
            "tls_policy",
            "string",
            "TLS security policy of the HTTPS listener.",
            value(spec.domain.as_ref().map(|d| &d.tls_policy)),
        ));
    }
    if let Some(dd) = &spec.monitoring.datadog {
        variables.push(var(
            "datadog",
            "object({\n    site              = string\n    api_key_secret    = string\n    trace_sample_rate = number\n    env               = string\n    services          = map(string)\n    versions          = map(string)\n  })",
            "Datadog agent sidecar and unified service tags: env, service and version per service.",
            value(json!({
                "site": dd.site,
                "api_key_secret": dd.api_key_secret,
                "trace_sample_rate": dd.apm_sample_rate,
                "env": spec.environment,
                "services": per_service(spec, |n, _| json!(datadog_service(spec, n))),
                "versions": per_service(spec, |_, s| json!(image_tag(s.image.as_deref()))),
            })),
        ));
        variables.push(var(
            "secret_arns",
            "map(string)",
            "ARN of each injected Secrets Manager secret, by name.",
            from("security", "secret_arns"),
        ));
    }
    if spec.monitoring.sentry.is_some() {
        variables.push(var(
            "sentry_dsn_parameter_arn",
            "string",
            "SSM parameter of the Sentry DSN, injected into the web service.",
            from("sentry", "dsn_parameter_arn"),
        ));
        variables.push(var(
            "sentry_service",
            "string",
            "The service that receives SENTRY_DSN and NEXT_PUBLIC_SENTRY_DSN.",
            value(web_service(spec)),
        ));
    }
    if let Some(s) = &spec.schedule {
        variables.push(var(
            "schedule",
            "object({\n    timezone   = string\n    start_cron = string\n    stop_cron  = string\n  })",
            "Business hours: scale to 0 at stop, back to min at start.",
            value(json!({
                "timezone": s.timezone,
                "start_cron": schedule_cron(&s.start, &s.days),
                "stop_cron": schedule_cron(&s.stop, &stop_days(s)),
            })),
        ));
    }
    let suffixes = per_service(spec, |n, _| {
        json!(format!("targetgroup/mock-{n}/0000000000000000"))
    });
    unit(
        "compute",
        "ECS cluster, Fargate services, ALB, auto scaling",
        variables,
        vec![
            out(
                "cluster_name",
                "Name of the ECS cluster.",
                "aws_ecs_cluster.this.name",
                json!("mock-cluster"),
            ),
            out(
                "service_names",
                "ECS service name of each service.",
                "{ for name, svc in aws_ecs_service.this : name => svc.name }",
                per_service(spec, |n, _| json!(format!("mock-{n}"))),
            ),
            out(
                "alb_arn",
                "ARN of the ALB.",
                "aws_lb.this.arn",
                json!(
                    "arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:loadbalancer/app/mock/0000000000000000"
                ),
            ),
            out(
                "alb_arn_suffix",
                "ARN suffix of the ALB (CloudWatch dimension).",
                "aws_lb.this.arn_suffix",
                json!("app/mock/0000000000000000"),
            ),
            out(
                "alb_dns_name",
                "DNS name of the ALB.",
                "aws_lb.this.dns_name",
                json!("mock-0000000000.ap-northeast-1.elb.amazonaws.com"),
            ),
            out(
                "alb_zone_id",
                "Route53 zone of the ALB (alias records).",
                "aws_lb.this.zone_id",
                json!("Z14GRHDCWA56QT"),
            ),
            out(
                "target_group_arn_suffixes",
                "ARN suffix of each service's target group (CloudWatch dimension).",
                "{ for name, tg in aws_lb_target_group.this : name => tg.arn_suffix }",
                suffixes,
            ),
        ],
    )
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
