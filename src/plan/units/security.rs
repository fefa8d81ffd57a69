//! Unit `security`.

use super::*;
use crate::spec::model::ServiceKind;

/// The services by name: kind, port (web and backend) and callers (backend).
pub(super) fn services(spec: &Resolved) -> Value {
    per_service(spec, |_, s| {
        let mut service = serde_json::Map::new();
        service.insert("kind".into(), json!(s.kind.name()));
        if let Some(port) = s.port {
            service.insert("port".into(), json!(port));
        }
        if s.kind == ServiceKind::Backend {
            service.insert("callers".into(), json!(s.callers));
        }
        Value::Object(service)
    })
}

/// The SSM parameters the tasks read, by name under the environment's
/// prefix: the services' secrets, plus the Sentry DSN.
pub fn task_parameter_names(spec: &Resolved) -> Vec<String> {
    let mut names: Vec<String> = spec
        .services
        .values()
        .flat_map(|s| s.secrets.iter())
        .chain(spec.jobs.values().flat_map(|j| j.secrets.iter()))
        .filter(|s| s.is_prefixed())
        .map(|s| s.name.clone())
        .collect();
    if spec.monitoring.sentry.is_some() {
        names.push("SENTRY_DSN".into());
    }
    names.sort();
    names.dedup();
    names
}

/// [`task_parameter_names`] as full parameter paths, and the parameters the
/// services name by full path (`secrets: [{ name, ssm: /path }]`).
pub(super) fn ssm_parameter_names(spec: &Resolved) -> Vec<String> {
    let mut names: Vec<String> = task_parameter_names(spec)
        .iter()
        .map(|n| format!("{}/{n}", ssm_prefix(spec)))
        .collect();
    let mut named = external_ssm(spec, false);
    named.retain(|n| !names.contains(n));
    names.extend(named);
    names
}

/// The SSM parameters the services name from outside the environment's
/// prefix: by ARN (`arns`) or by full name, sorted, each once.
pub(super) fn external_ssm(spec: &Resolved, arns: bool) -> Vec<String> {
    let mut out: Vec<String> = spec
        .services
        .values()
        .flat_map(|s| s.secrets.iter())
        .chain(spec.jobs.values().flat_map(|j| j.secrets.iter()))
        .filter_map(|s| s.ssm.clone())
        .filter(|p| p.starts_with("arn:") == arns)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The Secrets Manager secrets the services name, sorted.
pub(super) fn service_secret_ids(spec: &Resolved) -> Vec<String> {
    let mut out: Vec<String> = spec
        .services
        .values()
        .flat_map(|s| s.secrets.iter())
        .chain(spec.jobs.values().flat_map(|j| j.secrets.iter()))
        .filter_map(|s| s.secretsmanager.clone())
        .collect();
    out.sort();
    out.dedup();
    out
}

pub(super) fn plan(spec: &Resolved) -> Unit {
    let (v4, v6): (Vec<&String>, Vec<&String>) = spec
        .access
        .allowed_cidrs
        .iter()
        .partition(|c| !c.contains(':'));
    let (v4, v6) = if spec.access.allowed_cidrs.is_empty() {
        (vec!["0.0.0.0/0".to_string()], vec!["::/0".to_string()])
    } else {
        (
            v4.into_iter().cloned().collect(),
            v6.into_iter().cloned().collect(),
        )
    };
    let mut secrets: Vec<String> = spec
        .monitoring
        .datadog
        .iter()
        .map(|d| d.api_key_secret.clone())
        .collect();
    for id in service_secret_ids(spec) {
        if !secrets.contains(&id) {
            secrets.push(id);
        }
    }
    let mut variables = vec![
        name_prefix_var(spec),
        set(
            "task_role_names",
            value(per_service(spec, |n, _| {
                json!(names::task_role_name(spec, n))
            })),
        ),
        kms_key_var(),
        set("vpc_id", from("network", "vpc_id")),
        set(
            "alb_ingress_ipv4_cidrs",
            value(if spec.cdn.is_some() { Vec::new() } else { v4 }),
        ),
        set(
            "alb_ingress_ipv6_cidrs",
            value(if spec.cdn.is_some() { Vec::new() } else { v6 }),
        ),
        set("alb_ingress_from_cloudfront", value(spec.cdn.is_some())),
        set("services", value(services(spec))),
        set("assets_bucket_arn", from("storage", "bucket_arn")),
        set("ssm_parameter_names", value(ssm_parameter_names(spec))),
        set("secret_names", value(&secrets)),
        set(
            "create_database_security_group",
            value(spec.database.is_some()),
        ),
        set("create_bastion", value(spec.bastion.is_some())),
    ];
    // ECS Exec is on by default: the list only when some service turns it off.
    if spec.services.values().any(|s| !s.exec) {
        let exec: Vec<&String> = spec
            .services
            .iter()
            .filter(|(_, s)| s.exec)
            .map(|(n, _)| n)
            .collect();
        variables.push(set("exec_services", value(&exec)));
    }
    // Jobs without `uses` get a task role of their own.
    let own_roles = jobs::own_role_jobs(spec);
    if !own_roles.is_empty() {
        variables.push(set(
            "job_task_role_names",
            value(
                own_roles
                    .iter()
                    .map(|n| (n.to_string(), json!(names::task_role_name(spec, n))))
                    .collect::<serde_json::Map<_, _>>(),
            ),
        ));
    }
    let parameter_arns = external_ssm(spec, true);
    if !parameter_arns.is_empty() {
        variables.push(set("ssm_parameter_arns", value(&parameter_arns)));
    }
    // CloudFront's origin protocol (cdn unit): https-only with a domain (the
    // module's default port, 443), http-only on 80 without one.
    if spec.cdn.is_some() && spec.domain.is_none() {
        variables.push(set("cloudfront_origin_port", value(80)));
    }
    // The secret origin header CloudFront sends and the ALB requires.
    if let Some(c) = &spec.cdn {
        variables.push(set("create_origin_secret", value(true)));
        variables.push(set("origin_secret_version", value(c.origin_secret_version)));
    }
    let mut outputs = vec![
        out("alb_security_group_id", json!("sg-00000000000000001")),
        out("task_security_group_id", json!("sg-00000000000000002")),
        out(
            "service_security_group_ids",
            per_service(spec, |n, _| {
                json!(format!("sg-{:017x}", 0x100 + service_index(spec, n)))
            }),
        ),
        out(
            "task_execution_role_arn",
            json!(format!("arn:aws:iam::{MOCK_ACCOUNT}:role/mock-execution")),
        ),
        out("task_execution_role_name", json!("mock-execution")),
        out(
            "task_role_arns",
            per_service(spec, |n, _| {
                json!(format!("arn:aws:iam::{MOCK_ACCOUNT}:role/mock-{n}"))
            }),
        ),
    ];
    outputs.push(out(
        "job_task_role_arns",
        json!(
            jobs::own_role_jobs(spec)
                .iter()
                .map(|n| (
                    n.to_string(),
                    json!(format!("arn:aws:iam::{MOCK_ACCOUNT}:role/mock-{n}"))
                ))
                .collect::<serde_json::Map<_, _>>()
        ),
    ));
    outputs.push(out(
        "secret_arns",
        json!(
            secrets
                .iter()
                .map(|n| (
                    n.clone(),
                    mock_arn(spec, "secretsmanager", &format!("secret:{n}-AbCdEf"))
                ))
                .collect::<serde_json::Map<_, _>>()
        ),
    ));
    // The roles the queues and tables units attach their grants to.
    outputs.push(out(
        "task_role_names",
        per_service(spec, |n, _| json!(format!("mock-{n}"))),
    ));
    outputs.push(out(
        "job_task_role_names",
        Value::Object(
            jobs::own_role_jobs(spec)
                .iter()
                .map(|n| (n.to_string(), json!(format!("mock-{n}"))))
                .collect(),
        ),
    ));
    // Without the database or the bastion these outputs are null.
    let mock = |on: bool, v: &str| if on { json!(v) } else { Value::Null };
    outputs.push(out(
        "database_security_group_id",
        mock(spec.database.is_some(), "sg-00000000000000003"),
    ));
    outputs.push(out(
        "bastion_security_group_id",
        mock(spec.bastion.is_some(), "sg-00000000000000004"),
    ));
    outputs.push(out(
        "bastion_instance_profile_name",
        mock(spec.bastion.is_some(), "mock-bastion"),
    ));
    // Letters and digits, as the generated value (compute validates them).
    outputs.push(out(
        "origin_header_values",
        if spec.cdn.is_some() {
            json!([MOCK_ORIGIN_HEADER])
        } else {
            json!([])
        },
    ));
    unit(
        "security",
        "security groups and IAM roles",
        variables,
        outputs,
    )
}

/// The position of a service in the spec (for distinct mock IDs).
fn service_index(spec: &Resolved, name: &str) -> usize {
    spec.services.get_index_of(name).unwrap_or_default()
}
