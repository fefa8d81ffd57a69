//! The catalog of units: which exist for a spec, their variables (with the
//! inputs that set them) and their outputs (with mock values).

use super::{Input, Output, Unit, Variable};
use crate::resolve::{self, DatabaseEngine, Resolved};
use crate::spec::model::{Endpoint, HostedZone, Nat, Profile};
use crate::spec::rules::{DAYS, minutes, parse_days};
use ipnet::Ipv4Net;
use serde::Serialize;
use serde_json::{Value, json};

/// Every unit the spec needs, in catalog order.
pub fn all(spec: &Resolved) -> Vec<Unit> {
    let mut units = vec![
        kms(spec),
        network(spec),
        storage(spec),
        security(spec),
        ecr(spec),
    ];
    if let Some(domain) = &spec.domain {
        units.push(dns(spec, domain));
    }
    if let Some(db) = &spec.database {
        units.push(database(spec, db));
    }
    if let Some(sentry) = &spec.monitoring.sentry {
        units.push(sentry_unit(spec, sentry));
    }
    units.push(compute(spec));
    if spec.bastion.is_some() {
        units.push(bastion(spec));
    }
    if let Some(w) = &spec.access.waf {
        units.push(waf(spec, w));
    }
    if let Some(c) = &spec.cdn {
        units.push(cdn(spec, c));
    }
    if let Some(domain) = &spec.domain {
        units.push(dns_records(spec, domain));
    }
    if let Some(a) = &spec.auth {
        units.push(auth(spec, a));
    }
    if let Some(email) = &spec.monitoring.alarm_email {
        units.push(monitoring(spec, email));
    }
    if let Some(dd) = &spec.monitoring.datadog
        && (dd.monitors || dd.dashboard)
    {
        units.push(datadog(spec, dd));
    }
    if let Some(b) = &spec.budget {
        units.push(budget(b));
    }
    units
}

fn value(v: impl Serialize) -> Input {
    Input::Value {
        value: serde_json::to_value(v).unwrap_or(Value::Null),
    }
}

fn from(unit: &str, output: &str) -> Input {
    Input::Output {
        unit: unit.into(),
        output: output.into(),
    }
}

fn var(name: &str, ty: &str, description: &str, input: Input) -> Variable {
    Variable {
        name: name.into(),
        r#type: ty.into(),
        description: description.into(),
        input,
    }
}

fn out(name: &str, description: &str, value: &str, mock: Value) -> Output {
    Output {
        name: name.into(),
        description: description.into(),
        value: value.into(),
        mock,
    }
}

fn unit(name: &str, summary: &str, variables: Vec<Variable>, outputs: Vec<Output>) -> Unit {
    Unit {
        name: name.into(),
        summary: summary.into(),
        variables,
        outputs,
        dependencies: Vec::new(),
        us_east_1: false,
        providers: Vec::new(),
    }
}

/// `{project}-{environment}`: the prefix of every resource name.
pub fn name_prefix(spec: &Resolved) -> String {
    format!("{}-{}", spec.project, spec.environment)
}

fn name_prefix_var() -> Variable {
    var(
        "name_prefix",
        "string",
        "Prefix of every resource name: {project}-{environment}.",
        Input::Expr {
            expr: "\"${local.env.project}-${local.env.environment}\"".into(),
        },
    )
}

/// SSM path prefix of the environment's parameters, `/{project}/{environment}`,
/// as a Terragrunt expression over env.hcl.
fn ssm_prefix_input() -> Input {
    Input::Expr {
        expr: "\"/${local.env.project}/${local.env.environment}\"".into(),
    }
}

/// SSM path prefix of the environment's parameters: `/{project}/{environment}`.
pub fn ssm_prefix(spec: &Resolved) -> String {
    format!("/{}/{}", spec.project, spec.environment)
}

/// Public and private subnet CIDRs: the VPC split into 16 equal blocks;
/// public subnets take blocks 0.., private subnets blocks 8...
pub fn subnet_cidrs(spec: &Resolved) -> (Vec<String>, Vec<String>) {
    let Ok(vpc) = spec.network.cidr.parse::<Ipv4Net>() else {
        return (Vec::new(), Vec::new());
    };
    let blocks: Vec<String> = vpc
        .subnets(vpc.prefix_len() + 4)
        .map(|s| s.map(|n| n.to_string()).collect())
        .unwrap_or_default();
    let azs = spec.network.azs as usize;
    let take = |from: usize| blocks.iter().skip(from).take(azs).cloned().collect();
    (take(0), take(8))
}

/// A JSON object with one entry per service, in spec order.
fn per_service(spec: &Resolved, f: impl Fn(&str, &resolve::Service) -> Value) -> Value {
    Value::Object(
        spec.services
            .iter()
            .map(|(n, s)| (n.clone(), f(n, s)))
            .collect(),
    )
}

fn mock_ids(prefix: &str, count: u32) -> Value {
    json!(
        (0..count)
            .map(|i| format!("{prefix}-0000000000000000{i}"))
            .collect::<Vec<_>>()
    )
}

/// The environment's customer-managed key: every log group, SSM parameter,
/// ECR repository, database, bucket and topic of the environment uses it.
fn kms_key_var() -> Variable {
    var(
        "kms_key_arn",
        "string",
        "ARN of the environment's customer-managed KMS key.",
        from("kms", "key_arn"),
    )
}

fn kms(spec: &Resolved) -> Unit {
    unit(
        "kms",
        "customer-managed KMS key of the environment",
        vec![
            name_prefix_var(),
            var(
                "deletion_window_days",
                "number",
                "Days a scheduled key deletion can still be cancelled.",
                value(if spec.profile == Profile::Minimal {
                    7
                } else {
                    30
                }),
            ),
        ],
        vec![
            out(
                "key_arn",
                "ARN of the key.",
                "aws_kms_key.this.arn",
                json!(
                    "arn:aws:kms:ap-northeast-1:123456789012:key/00000000-0000-0000-0000-000000000000"
                ),
            ),
            out(
                "alias_name",
                "Alias of the key.",
                "aws_kms_alias.this.name",
                json!("alias/mock"),
            ),
        ],
    )
}

/// The interface endpoints the spec's `network.endpoints` stand for, as
/// service-name suffixes (`s3` is a gateway endpoint and not among them).
pub fn interface_endpoints(spec: &Resolved) -> Vec<&'static str> {
    spec.network
        .endpoints
        .iter()
        .flat_map(|e| match e {
            Endpoint::S3 => &[][..],
            Endpoint::Ecr => &["ecr.api", "ecr.dkr"][..],
            Endpoint::Logs => &["logs"][..],
            Endpoint::Ssm => &["ssm", "ssmmessages", "ec2messages"][..],
            Endpoint::Secretsmanager => &["secretsmanager"][..],
        })
        .copied()
        .collect()
}

fn network(spec: &Resolved) -> Unit {
    let (public, private) = subnet_cidrs(spec);
    let n = &spec.network;
    let interface = interface_endpoints(spec);
    let mut variables = vec![
        name_prefix_var(),
        kms_key_var(),
        var(
            "vpc_cidr",
            "string",
            "CIDR block of the VPC.",
            value(&n.cidr),
        ),
        var(
            "az_count",
            "number",
            "Number of availability zones used.",
            value(n.azs),
        ),
        var(
            "public_subnet_cidrs",
            "list(string)",
            "CIDR of the public subnet in each AZ.",
            value(public),
        ),
        var(
            "private_subnet_cidrs",
            "list(string)",
            "CIDR of the private subnet in each AZ.",
            value(private),
        ),
        var(
            "flow_log_traffic_type",
            "string",
            "Traffic the VPC flow log records: REJECT (profile minimal) or ALL.",
            value(if spec.profile == Profile::Minimal {
                "REJECT"
            } else {
                "ALL"
            }),
        ),
        var(
            "log_retention_days",
            "number",
            "CloudWatch Logs retention of the flow log.",
            value(spec.monitoring.log_retention_days),
        ),
    ];
    if !interface.is_empty() {
        variables.push(var(
            "interface_endpoints",
            "list(string)",
            "AWS services reached through interface VPC endpoints (service name suffixes).",
            value(interface),
        ));
    }
    unit(
        "network",
        "VPC, public and private subnets per AZ, NAT, VPC endpoints",
        variables,
        vec![
            out(
                "vpc_id",
                "ID of the VPC.",
                "aws_vpc.this.id",
                json!("vpc-00000000000000000"),
            ),
            out(
                "vpc_cidr_block",
                "CIDR block of the VPC.",
                "aws_vpc.this.cidr_block",
                json!(n.cidr),
            ),
            out(
                "public_subnet_ids",
                "IDs of the public subnets, one per AZ.",
                "aws_subnet.public[*].id",
                mock_ids("subnet", n.azs),
            ),
            out(
                "private_subnet_ids",
                "IDs of the private subnets, one per AZ.",
                "aws_subnet.private[*].id",
                mock_ids("subnet", n.azs),
            ),
        ],
    )
}

fn storage(spec: &Resolved) -> Unit {
    let s = &spec.storage;
    unit(
        "storage",
        "S3 buckets: static assets, and the access logs of the ALB and the assets",
        vec![
            kms_key_var(),
            var(
                "bucket_name",
                "string",
                "Name of the assets bucket.",
                value(format!("{}-assets", name_prefix(spec))),
            ),
            var(
                "versioning",
                "bool",
                "Keep object versions.",
                value(s.versioning),
            ),
            var(
                "transition_to_ia_days",
                "number",
                "Days before objects move to STANDARD_IA; null for never.",
                value(s.transition_to_ia_days),
            ),
            var(
                "expire_days",
                "number",
                "Days before objects are deleted; null for never.",
                value(s.expire_days),
            ),
            var(
                "cors_origins",
                "list(string)",
                "Origins allowed by the CORS rule.",
                value(&s.cors_origins),
            ),
            var(
                "logs_bucket_name",
                "string",
                "Name of the bucket for ALB and S3 access logs.",
                value(format!("{}-logs", name_prefix(spec))),
            ),
            var(
                "access_log_days",
                "number",
                "Days access logs are kept.",
                value(spec.monitoring.log_retention_days),
            ),
            var(
                "logs_force_destroy",
                "bool",
                "Let a destroy empty the access-log bucket (profile minimal only).",
                value(spec.profile == Profile::Minimal),
            ),
        ],
        vec![
            out(
                "bucket_name",
                "Name of the assets bucket.",
                "aws_s3_bucket.assets.bucket",
                json!("mock-assets"),
            ),
            out(
                "bucket_arn",
                "ARN of the assets bucket.",
                "aws_s3_bucket.assets.arn",
                json!("arn:aws:s3:::mock-assets"),
            ),
            out(
                "bucket_regional_domain_name",
                "Regional domain name of the assets bucket (CloudFront origin).",
                "aws_s3_bucket.assets.bucket_regional_domain_name",
                json!("mock-assets.s3.ap-northeast-1.amazonaws.com"),
            ),
            out(
                "logs_bucket_name",
                "Name of the access-log bucket.",
                "aws_s3_bucket.logs.bucket",
                json!("mock-logs"),
            ),
        ],
    )
}

/// Container ports by service name.
fn service_ports(spec: &Resolved) -> Value {
    per_service(spec, |_, s| json!(s.port))
}

/// The SSM parameters the tasks read, by name under the environment's
/// prefix: the services' secrets, plus the Sentry DSN.
pub fn task_parameter_names(spec: &Resolved) -> Vec<String> {
    let mut names: Vec<String> = spec
        .services
        .values()
        .flat_map(|s| s.secrets.iter().cloned())
        .collect();
    if spec.monitoring.sentry.is_some() {
        names.push("SENTRY_DSN".into());
    }
    names.sort();
    names.dedup();
    names
}

/// [`task_parameter_names`] as full parameter paths.
fn ssm_parameter_names(spec: &Resolved) -> Vec<String> {
    task_parameter_names(spec)
        .iter()
        .map(|n| format!("{}/{n}", ssm_prefix(spec)))
        .collect()
}

fn security(spec: &Resolved) -> Unit {
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
    let secrets: Vec<String> = spec
        .monitoring
        .datadog
        .iter()
        .map(|d| d.api_key_secret.clone())
        .collect();
    let mut variables = vec![
        name_prefix_var(),
        kms_key_var(),
        var(
            "vpc_id",
            "string",
            "ID of the VPC.",
            from("network", "vpc_id"),
        ),
        var(
            "alb_ingress_ipv4_cidrs",
            "list(string)",
            "IPv4 CIDRs allowed to reach the ALB on 80 and 443.",
            value(if spec.cdn.is_some() { Vec::new() } else { v4 }),
        ),
        var(
            "alb_ingress_ipv6_cidrs",
            "list(string)",
            "IPv6 CIDRs allowed to reach the ALB on 80 and 443.",
            value(if spec.cdn.is_some() { Vec::new() } else { v6 }),
        ),
        var(
            "service_ports",
            "map(number)",
            "Container port of each service.",
            value(service_ports(spec)),
        ),
        var(
            "assets_bucket_arn",
            "string",
            "ARN of the assets bucket the tasks read and write.",
            from("storage", "bucket_arn"),
        ),
        var(
            "ssm_parameter_names",
            "list(string)",
            "SSM parameters the task execution role may read (the services' secrets).",
            value(ssm_parameter_names(spec)),
        ),
        var(
            "secret_names",
            "list(string)",
            "Secrets Manager secrets the task execution role may read.",
            value(&secrets),
        ),
    ];
    if spec.cdn.is_some() {
        variables.push(var(
            "alb_ingress_from_cloudfront",
            "bool",
            "Allow the ALB only from CloudFront's origin-facing prefix list.",
            value(true),
        ));
    }
    let mut outputs = vec![
        out(
            "alb_security_group_id",
            "Security group of the ALB.",
            "aws_security_group.alb.id",
            json!("sg-00000000000000001"),
        ),
        out(
            "task_security_group_id",
            "Security group of the ECS tasks.",
            "aws_security_group.tasks.id",
            json!("sg-00000000000000002"),
        ),
        out(
            "task_execution_role_arn",
            "ARN of the ECS task execution role.",
            "aws_iam_role.task_execution.arn",
            json!("arn:aws:iam::123456789012:role/mock-execution"),
        ),
        out(
            "task_role_arns",
            "ARN of each service's task role.",
            "{ for name, role in aws_iam_role.task : name => role.arn }",
            per_service(spec, |n, _| {
                json!(format!("arn:aws:iam::123456789012:role/mock-{n}"))
            }),
        ),
    ];
    if spec.monitoring.datadog.is_some() {
        outputs.push(out(
            "secret_arns",
            "ARN of each Secrets Manager secret injected into the tasks, by name.",
            "{ for name, secret in data.aws_secretsmanager_secret.injected : name => secret.arn }",
            json!(
                secrets
                    .iter()
                    .map(|n| (
                        n.clone(),
                        json!(format!(
                            "arn:aws:secretsmanager:{}:123456789012:secret:{n}-AbCdEf",
                            spec.region.code()
                        ))
                    ))
                    .collect::<serde_json::Map<_, _>>()
            ),
        ));
    }
    if spec.database.is_some() {
        outputs.push(out(
            "database_security_group_id",
            "Security group of the database.",
            "aws_security_group.database.id",
            json!("sg-00000000000000003"),
        ));
    }
    if spec.bastion.is_some() {
        outputs.push(out(
            "bastion_security_group_id",
            "Security group of the bastion (no ingress).",
            "aws_security_group.bastion.id",
            json!("sg-00000000000000004"),
        ));
        outputs.push(out(
            "bastion_instance_profile_name",
            "Instance profile of the bastion (SSM managed instance).",
            "aws_iam_instance_profile.bastion.name",
            json!("mock-bastion"),
        ));
    }
    unit(
        "security",
        "security groups and IAM roles",
        variables,
        outputs,
    )
}

fn ecr(spec: &Resolved) -> Unit {
    let r = &spec.registry;
    unit(
        "ecr",
        "one ECR repository per service",
        vec![
            name_prefix_var(),
            kms_key_var(),
            var(
                "repositories",
                "list(string)",
                "Service names; each gets a repository {name_prefix}-{service}.",
                value(spec.services.keys().collect::<Vec<_>>()),
            ),
            var(
                "keep_images",
                "number",
                "Images kept by the lifecycle policy.",
                value(r.keep_images),
            ),
            var(
                "force_delete",
                "bool",
                "Delete repositories that still hold images.",
                value(r.force_delete),
            ),
            var(
                "scan_on_push",
                "bool",
                "Scan images for vulnerabilities on push.",
                value(r.scan_on_push),
            ),
        ],
        vec![out(
            "repository_urls",
            "Repository URL of each service.",
            "{ for name, repo in aws_ecr_repository.this : name => repo.repository_url }",
            per_service(spec, |n, _| {
                json!(format!(
                    "123456789012.dkr.ecr.{}.amazonaws.com/mock-{n}",
                    spec.region.code()
                ))
            }),
        )],
    )
}

fn dns(spec: &Resolved, d: &resolve::Domain) -> Unit {
    let mut outputs = vec![
        out(
            "zone_id",
            "Route53 hosted zone ID.",
            "local.zone_id",
            json!("Z0000000000000000000"),
        ),
        out(
            "certificate_arn",
            "ARN of the validated regional ACM certificate (ALB).",
            "aws_acm_certificate_validation.regional.certificate_arn",
            json!("arn:aws:acm:us-east-1:123456789012:certificate/mock"),
        ),
    ];
    if d.hosted_zone == HostedZone::Create {
        outputs.push(out(
            "name_servers",
            "Name servers to set at the domain's registrar.",
            "aws_route53_zone.this.name_servers",
            json!(["ns-1.awsdns-00.org"]),
        ));
    }
    let mut u = unit(
        "dns",
        "Route53 zone and ACM certificates validated by DNS",
        vec![var(
            "domain_name",
            "string",
            "The domain name.",
            value(&d.name),
        )],
        outputs,
    );
    if spec.cdn.is_some() {
        u.us_east_1 = true;
        u.outputs.push(out(
            "cloudfront_certificate_arn",
            "ARN of the validated us-east-1 ACM certificate (CloudFront).",
            "aws_acm_certificate_validation.cloudfront.certificate_arn",
            json!("arn:aws:acm:us-east-1:123456789012:certificate/mock-cf"),
        ));
    }
    u
}

fn database(spec: &Resolved, db: &resolve::Database) -> Unit {
    let mut variables = vec![
        name_prefix_var(),
        kms_key_var(),
        var(
            "subnet_ids",
            "list(string)",
            "Private subnets of the database.",
            from("network", "private_subnet_ids"),
        ),
        var(
            "security_group_id",
            "string",
            "Security group of the database.",
            from("security", "database_security_group_id"),
        ),
        var(
            "engine_version",
            "string",
            "PostgreSQL engine version.",
            value(&db.version),
        ),
        var(
            "database_name",
            "string",
            "Name of the application database.",
            value(&db.name),
        ),
        var(
            "master_username",
            "string",
            "Master user; its password is managed by RDS in Secrets Manager.",
            value(&db.username),
        ),
        var(
            "backup_retention_days",
            "number",
            "Days of automated backups.",
            value(db.backup_retention_days),
        ),
        var(
            "deletion_protection",
            "bool",
            "Refuse deletion of the database.",
            value(db.deletion_protection),
        ),
        var(
            "skip_final_snapshot",
            "bool",
            "Skip the final snapshot on deletion (profile minimal only).",
            value(spec.profile == Profile::Minimal),
        ),
        var(
            "ssm_prefix",
            "string",
            "SSM path prefix of the connection parameters.",
            ssm_prefix_input(),
        ),
    ];
    let (summary, identifier) = match &db.engine {
        DatabaseEngine::Postgres {
            instance_class,
            multi_az,
        } => {
            variables.push(var(
                "instance_class",
                "string",
                "RDS instance class.",
                value(instance_class),
            ));
            variables.push(var(
                "multi_az",
                "bool",
                "Standby instance in a second AZ.",
                value(multi_az),
            ));
            (
                "RDS for PostgreSQL instance",
                "aws_db_instance.this.identifier",
            )
        }
        DatabaseEngine::AuroraPostgres {
            min_capacity,
            max_capacity,
            readers,
        } => {
            variables.push(var(
                "min_capacity",
                "number",
                "Minimum Aurora capacity units.",
                value(min_capacity),
            ));
            variables.push(var(
                "max_capacity",
                "number",
                "Maximum Aurora capacity units.",
                value(max_capacity),
            ));
            variables.push(var(
                "reader_count",
                "number",
                "Number of reader instances.",
                value(readers),
            ));
            (
                "Aurora PostgreSQL Serverless v2 cluster",
                "aws_rds_cluster.this.cluster_identifier",
            )
        }
    };
    let is_aurora = matches!(db.engine, DatabaseEngine::AuroraPostgres { .. });
    let secret = if is_aurora {
        "aws_rds_cluster.this.master_user_secret[0].secret_arn"
    } else {
        "aws_db_instance.this.master_user_secret[0].secret_arn"
    };
    unit(
        "database",
        summary,
        variables,
        vec![
            out(
                "identifier",
                "Identifier of the instance or cluster.",
                identifier,
                json!("mock-db"),
            ),
            out(
                "endpoint",
                "Writer endpoint host name.",
                if is_aurora {
                    "aws_rds_cluster.this.endpoint"
                } else {
                    "aws_db_instance.this.address"
                },
                json!("mock-db.cluster-000000000000.ap-northeast-1.rds.amazonaws.com"),
            ),
            out(
                "port",
                "Database port.",
                if is_aurora {
                    "aws_rds_cluster.this.port"
                } else {
                    "aws_db_instance.this.port"
                },
                json!(5432),
            ),
            out(
                "master_user_secret_arn",
                "ARN of the Secrets Manager secret RDS manages for the master user.",
                secret,
                json!("arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:mock"),
            ),
        ],
    )
}

fn compute(spec: &Resolved) -> Unit {
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
        name_prefix_var(),
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
            ssm_prefix_input(),
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

fn bastion(spec: &Resolved) -> Unit {
    let instance_type = spec
        .bastion
        .as_ref()
        .map(|b| b.instance_type.clone())
        .unwrap_or_default();
    let subnets = if spec.network.nat == Nat::None {
        "public_subnet_ids"
    } else {
        "private_subnet_ids"
    };
    unit(
        "bastion",
        "EC2 instance reached through SSM Session Manager",
        vec![
            name_prefix_var(),
            var(
                "subnet_ids",
                "list(string)",
                "Subnets of the bastion (the first is used).",
                from("network", subnets),
            ),
            var(
                "security_group_id",
                "string",
                "Security group of the bastion.",
                from("security", "bastion_security_group_id"),
            ),
            var(
                "instance_profile_name",
                "string",
                "Instance profile with AmazonSSMManagedInstanceCore.",
                from("security", "bastion_instance_profile_name"),
            ),
            var(
                "instance_type",
                "string",
                "EC2 instance type.",
                value(instance_type),
            ),
            var(
                "associate_public_ip",
                "bool",
                "Public IP to reach SSM without a NAT gateway.",
                value(spec.network.nat == Nat::None),
            ),
        ],
        vec![out(
            "instance_id",
            "ID of the bastion instance (SSM target).",
            "aws_instance.this.id",
            json!("i-00000000000000000"),
        )],
    )
}

fn waf(spec: &Resolved, w: &resolve::Waf) -> Unit {
    let mut variables = vec![
        name_prefix_var(),
        var(
            "rate_limit",
            "number",
            "Requests per 5 minutes per IP; 0 for no rate rule.",
            value(w.rate_limit),
        ),
        var(
            "log_retention_days",
            "number",
            "Retention of the WAF log group.",
            value(spec.monitoring.log_retention_days),
        ),
    ];
    if spec.cdn.is_none() || spec.region.code() == "us-east-1" {
        variables.push(kms_key_var());
    }
    let mut u_us_east_1 = false;
    if spec.cdn.is_none() {
        variables.push(var(
            "alb_arn",
            "string",
            "ARN of the ALB the web ACL protects.",
            from("compute", "alb_arn"),
        ));
    } else {
        u_us_east_1 = true;
    }
    let mut u = unit(
        "waf",
        if spec.cdn.is_some() {
            "WAFv2 web ACL for CloudFront (us-east-1)"
        } else {
            "WAFv2 web ACL on the ALB"
        },
        variables,
        vec![out(
            "web_acl_arn",
            "ARN of the web ACL.",
            "aws_wafv2_web_acl.this.arn",
            json!("arn:aws:wafv2:us-east-1:123456789012:global/webacl/mock/0000"),
        )],
    );
    u.us_east_1 = u_us_east_1;
    u
}

fn cdn(spec: &Resolved, c: &resolve::Cdn) -> Unit {
    let mut variables = vec![
        name_prefix_var(),
        var(
            "price_class",
            "string",
            "CloudFront price class.",
            value(c.price_class),
        ),
        var(
            "origin_domain_name",
            "string",
            "Name of the ALB origin: origin.<domain> (HTTPS) or the ALB's DNS name (HTTP).",
            match &spec.domain {
                Some(d) => value(origin_record_name(d)),
                None => from("compute", "alb_dns_name"),
            },
        ),
        var(
            "bucket_name",
            "string",
            "Assets bucket (static paths).",
            from("storage", "bucket_name"),
        ),
        var(
            "bucket_arn",
            "string",
            "ARN of the assets bucket.",
            from("storage", "bucket_arn"),
        ),
        var(
            "bucket_regional_domain_name",
            "string",
            "Regional domain name of the assets bucket.",
            from("storage", "bucket_regional_domain_name"),
        ),
    ];
    if let Some(d) = &spec.domain {
        let mut aliases = vec![d.name.clone()];
        if d.www {
            aliases.push(format!("www.{}", d.name));
        }
        variables.push(var(
            "aliases",
            "list(string)",
            "Domain names served.",
            value(aliases),
        ));
        variables.push(var(
            "certificate_arn",
            "string",
            "us-east-1 ACM certificate of the aliases.",
            from("dns", "cloudfront_certificate_arn"),
        ));
    }
    if spec.access.waf.is_some() {
        variables.push(var(
            "web_acl_arn",
            "string",
            "CLOUDFRONT-scoped web ACL.",
            from("waf", "web_acl_arn"),
        ));
    }
    unit(
        "cdn",
        "CloudFront distribution in front of the ALB and the assets bucket",
        variables,
        vec![
            out(
                "domain_name",
                "Domain name of the distribution.",
                "aws_cloudfront_distribution.this.domain_name",
                json!("d0000000000000.cloudfront.net"),
            ),
            out(
                "hosted_zone_id",
                "Route53 zone of CloudFront (alias records).",
                "aws_cloudfront_distribution.this.hosted_zone_id",
                json!("Z2FDTNDATAQYW2"),
            ),
            out(
                "distribution_id",
                "ID of the distribution.",
                "aws_cloudfront_distribution.this.id",
                json!("E0000000000000"),
            ),
        ],
    )
}

/// With a CDN and a domain, CloudFront reaches the ALB over HTTPS at
/// `origin.<domain>`: a name the ALB's `*.<domain>` certificate covers.
fn origin_record_name(d: &resolve::Domain) -> String {
    format!("origin.{}", d.name)
}

fn dns_records(spec: &Resolved, d: &resolve::Domain) -> Unit {
    let mut names = vec![d.name.clone()];
    if d.www {
        names.push(format!("www.{}", d.name));
    }
    let (target, dns, zone) = if spec.cdn.is_some() {
        ("cdn", "domain_name", "hosted_zone_id")
    } else {
        ("compute", "alb_dns_name", "alb_zone_id")
    };
    let mut variables = vec![
        var(
            "zone_id",
            "string",
            "Route53 hosted zone ID.",
            from("dns", "zone_id"),
        ),
        var(
            "record_names",
            "list(string)",
            "Names that alias to the entry point.",
            value(names),
        ),
        var(
            "target_dns_name",
            "string",
            "DNS name of the ALB or CloudFront.",
            from(target, dns),
        ),
        var(
            "target_zone_id",
            "string",
            "Route53 zone of the target.",
            from(target, zone),
        ),
    ];
    if spec.cdn.is_some() {
        variables.extend([
            var(
                "origin_record_name",
                "string",
                "Name CloudFront reaches the ALB by, covered by the ALB's certificate.",
                value(origin_record_name(d)),
            ),
            var(
                "alb_dns_name",
                "string",
                "DNS name of the ALB.",
                from("compute", "alb_dns_name"),
            ),
            var(
                "alb_zone_id",
                "string",
                "Route53 zone of the ALB.",
                from("compute", "alb_zone_id"),
            ),
        ]);
    }
    unit(
        "dns-records",
        "alias records of the domain",
        variables,
        vec![out(
            "fqdns",
            "The records' names.",
            "[for r in aws_route53_record.a : r.fqdn]",
            json!([d.name]),
        )],
    )
}

fn auth(spec: &Resolved, a: &resolve::Auth) -> Unit {
    let base = spec
        .domain
        .as_ref()
        .map_or("http://localhost:3000".to_string(), |d| {
            format!("https://{}", d.name)
        });
    unit(
        "auth",
        "Cognito user pool and app client",
        vec![
            name_prefix_var(),
            kms_key_var(),
            var(
                "mfa",
                "string",
                "MFA mode: OFF, OPTIONAL or ON.",
                value(format!("{:?}", a.mfa).to_uppercase()),
            ),
            var(
                "password_min_length",
                "number",
                "Minimum password length.",
                value(a.password_min_length),
            ),
            var(
                "callback_urls",
                "list(string)",
                "OAuth callback URLs of the web app.",
                value([format!("{base}/api/auth/callback/cognito")]),
            ),
            var(
                "logout_urls",
                "list(string)",
                "Sign-out URLs of the web app.",
                value([base]),
            ),
            var(
                "deletion_protection",
                "bool",
                "Protect the user pool from deletion.",
                value(spec.profile != Profile::Minimal),
            ),
            var(
                "ssm_prefix",
                "string",
                "SSM path prefix for the pool and client IDs.",
                ssm_prefix_input(),
            ),
        ],
        vec![
            out(
                "user_pool_id",
                "ID of the user pool.",
                "aws_cognito_user_pool.this.id",
                json!("ap-northeast-1_mock"),
            ),
            out(
                "client_id",
                "ID of the web app client.",
                "aws_cognito_user_pool_client.web.id",
                json!("mockclientid"),
            ),
        ],
    )
}

fn monitoring(spec: &Resolved, email: &str) -> Unit {
    let mut variables = vec![
        name_prefix_var(),
        kms_key_var(),
        var(
            "alarm_email",
            "string",
            "Email subscribed to the alarm topic.",
            value(email),
        ),
        var(
            "cluster_name",
            "string",
            "ECS cluster.",
            from("compute", "cluster_name"),
        ),
        var(
            "service_names",
            "map(string)",
            "ECS service of each service.",
            from("compute", "service_names"),
        ),
        var(
            "alb_arn_suffix",
            "string",
            "ALB dimension.",
            from("compute", "alb_arn_suffix"),
        ),
        var(
            "target_group_arn_suffixes",
            "map(string)",
            "Target group dimension of each service.",
            from("compute", "target_group_arn_suffixes"),
        ),
    ];
    if let Some(db) = &spec.database {
        variables.push(var(
            "database_identifier",
            "string",
            "Database instance or cluster.",
            from("database", "identifier"),
        ));
        if let DatabaseEngine::AuroraPostgres { max_capacity, .. } = db.engine {
            variables.push(var(
                "max_capacity",
                "number",
                "Aurora's maximum ACU: the capacity alarm fires at it.",
                value(max_capacity),
            ));
        }
    }
    unit(
        "monitoring",
        "CloudWatch alarms to an encrypted SNS email topic",
        variables,
        vec![out(
            "alarm_topic_arn",
            "SNS topic of the alarms.",
            "aws_sns_topic.alarms.arn",
            json!("arn:aws:sns:ap-northeast-1:123456789012:mock"),
        )],
    )
}

/// The service the web app runs in: `web` if there is one, else the one at `/`.
pub fn web_service(spec: &Resolved) -> String {
    if spec.services.contains_key("web") {
        return "web".into();
    }
    spec.services
        .iter()
        .find(|(_, s)| s.path == "/")
        .or_else(|| spec.services.first())
        .map(|(n, _)| n.clone())
        .unwrap_or_default()
}

/// The service the API runs in: `api` if there is one, else the web service.
pub fn api_service(spec: &Resolved) -> String {
    if spec.services.contains_key("api") {
        "api".into()
    } else {
        web_service(spec)
    }
}

/// The tag of a service's image: `latest` for the ECR image tfgen points at,
/// or the tag of `image` when the spec sets one.
fn image_tag(image: Option<&str>) -> String {
    image
        .and_then(|i| {
            let name = i.rsplit('/').next().unwrap_or(i);
            name.split_once(':').map(|(_, tag)| tag.to_string())
        })
        .unwrap_or_else(|| "latest".into())
}

/// Datadog's service tag of a tfgen service: `{project}-{service}`.
pub fn datadog_service(spec: &Resolved, service: &str) -> String {
    format!("{}-{service}", spec.project)
}

fn sentry_unit(spec: &Resolved, s: &resolve::Sentry) -> Unit {
    let mut u = unit(
        "sentry",
        "Sentry project, client key and DSN parameter for the web service",
        vec![
            name_prefix_var(),
            kms_key_var(),
            var(
                "organization",
                "string",
                "Sentry organization slug.",
                value(&s.organization),
            ),
            var(
                "team",
                "string",
                "Sentry team that owns the project.",
                value(&s.team),
            ),
            var(
                "auth_token_secret",
                "string",
                "Secrets Manager secret holding the Sentry auth token.",
                value(&s.auth_token_secret),
            ),
            var(
                "ssm_prefix",
                "string",
                "SSM path prefix of the DSN parameter.",
                ssm_prefix_input(),
            ),
        ],
        vec![
            out(
                "dsn_parameter_arn",
                "ARN of the SSM parameter holding the DSN.",
                "aws_ssm_parameter.dsn.arn",
                json!(format!(
                    "arn:aws:ssm:{}:123456789012:parameter{}/SENTRY_DSN",
                    spec.region.code(),
                    ssm_prefix(spec)
                )),
            ),
            out(
                "project_slug",
                "Slug of the Sentry project.",
                "sentry_project.web.slug",
                json!("mock-web"),
            ),
        ],
    );
    u.providers = vec!["sentry".into()];
    u
}

fn datadog(spec: &Resolved, dd: &resolve::Datadog) -> Unit {
    let mut variables = vec![
        name_prefix_var(),
        var("site", "string", "Datadog site.", value(dd.site)),
        var(
            "api_key_secret",
            "string",
            "Secrets Manager secret holding the Datadog API key.",
            value(&dd.api_key_secret),
        ),
        var(
            "app_key_secret",
            "string",
            "Secrets Manager secret holding the Datadog application key.",
            value(&dd.app_key_secret),
        ),
        var(
            "environment",
            "string",
            "Datadog env tag.",
            value(&spec.environment),
        ),
        var(
            "api_service",
            "string",
            "Datadog service tag of the API (error rate and latency monitors).",
            value(datadog_service(spec, &api_service(spec))),
        ),
        var(
            "notify",
            "string",
            "Datadog notification handle of the monitors; empty for none.",
            value(
                spec.monitoring
                    .alarm_email
                    .as_ref()
                    .map_or(String::new(), |e| format!("@{e}")),
            ),
        ),
    ];
    if spec.database.is_some() {
        variables.push(var(
            "database_identifier",
            "string",
            "Database instance or cluster (RDS metrics of the AWS integration).",
            from("database", "identifier"),
        ));
    }
    let mut outputs = Vec::new();
    if dd.dashboard {
        outputs.push(out(
            "dashboard_url",
            "URL of the environment's dashboard.",
            "datadog_dashboard.this.url",
            json!("/dashboard/abc-def-ghi"),
        ));
    }
    if dd.monitors {
        outputs.push(out(
            "monitor_ids",
            "IDs of the monitors.",
            if spec.database.is_some() {
                "[datadog_monitor.api_error_rate.id, datadog_monitor.api_latency_p95.id, datadog_monitor.database_cpu.id]"
            } else {
                "[datadog_monitor.api_error_rate.id, datadog_monitor.api_latency_p95.id]"
            },
            json!(["1"]),
        ));
    }
    let mut u = unit(
        "datadog",
        "Datadog monitors and dashboard",
        variables,
        outputs,
    );
    u.providers = vec!["datadog".into()];
    u
}

fn budget(b: &resolve::Budget) -> Unit {
    unit(
        "budget",
        "AWS Budgets monthly cost alert",
        vec![
            name_prefix_var(),
            var(
                "monthly_limit_usd",
                "number",
                "Monthly budget in USD.",
                value(b.monthly_limit_usd),
            ),
            var(
                "email",
                "string",
                "Email notified at 80 % actual and 100 % forecasted.",
                value(&b.email),
            ),
        ],
        vec![out(
            "budget_name",
            "Name of the budget.",
            "aws_budgets_budget.monthly.name",
            json!("mock-monthly"),
        )],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schedule(days: &str, start: &str, stop: &str) -> resolve::Schedule {
        resolve::Schedule {
            timezone: "Asia/Tokyo".into(),
            days: days.into(),
            start: start.into(),
            stop: stop.into(),
        }
    }

    #[test]
    fn a_daytime_window_stops_on_its_own_days() {
        assert_eq!(stop_days(&schedule("MON-FRI", "09:00", "22:00")), "MON-FRI");
    }

    #[test]
    fn an_overnight_window_stops_on_the_following_days() {
        assert_eq!(
            stop_days(&schedule("MON-FRI", "22:00", "06:00")),
            "TUE,WED,THU,FRI,SAT"
        );
        assert_eq!(stop_days(&schedule("SAT", "20:00", "02:00")), "SUN");
        assert_eq!(stop_days(&schedule("SAT-SUN", "23:00", "01:00")), "SUN,MON");
    }

    #[test]
    fn crons_drop_leading_zeros() {
        assert_eq!(schedule_cron("09:00", "MON-FRI"), "cron(0 9 ? * MON-FRI *)");
        assert_eq!(schedule_cron("22:30", "SUN"), "cron(30 22 ? * SUN *)");
    }
}
