//! The architecture diagram of a resolved spec: the request path from users
//! to the services and their data, the VPC's subnets, and around them what
//! the spec turns on (monitoring, registry, sign-in, budget, bastion). Only
//! what the generated code creates appears.

use super::{Direction, Graph, Line, Shape};
use crate::resolve::{Database, DatabaseEngine, Resolved, Service};
use crate::spec::model::{Endpoint, HostedZone, MongodbAccess, MongodbTier, Nat, ServiceKind};
use serde::Serialize;

/// Cluster ids.
const AWS: &str = "aws";
const VPC: &str = "vpc";
const PUBLIC: &str = "public";
const PRIVATE: &str = "private";
const ECS: &str = "ecs";
const MONITORING: &str = "monitoring";
const EXTERNAL: &str = "external";

/// The architecture of an environment.
pub fn architecture(spec: &Resolved) -> Graph {
    let title = format!("{}/{} architecture", spec.project, spec.environment);
    let mut g = Graph::new(title, Direction::LeftRight);
    clusters(&mut g, spec);
    entry_path(&mut g, spec);
    services(&mut g, spec);
    jobs(&mut g, spec);
    data(&mut g, spec);
    data_services(&mut g, spec);
    network(&mut g, spec);
    mongodb(&mut g, spec);
    operations(&mut g, spec);
    monitoring(&mut g, spec);
    g
}

/// Tasks sit in public subnets (with public IPs) when there is no NAT.
fn task_subnets(spec: &Resolved) -> &'static str {
    if spec.network.nat == Nat::None {
        PUBLIC
    } else {
        PRIVATE
    }
}

fn clusters(g: &mut Graph, spec: &Resolved) {
    let region = format!("AWS {}", spec.region.code());
    g.add_cluster(AWS, None, &[&region]);
    let vpc = format!("VPC {} · {} AZs", spec.network.cidr, spec.network.azs);
    g.add_cluster(VPC, Some(AWS), &[&vpc]);
    g.add_cluster(PUBLIC, Some(VPC), &["Public subnets"]);
    g.add_cluster(PRIVATE, Some(VPC), &["Private subnets"]);
    let mut ecs = vec!["ECS cluster · Fargate"];
    if spec.network.nat == Nat::None {
        ecs.push("tasks with public IPs");
    }
    if spec.monitoring.container_insights {
        ecs.push("Container Insights");
    }
    g.add_cluster(ECS, Some(task_subnets(spec)), &ecs);
    g.add_cluster(MONITORING, Some(AWS), &["Monitoring"]);
    g.add_cluster(EXTERNAL, None, &["SaaS"]);
}

/// Users → Route53 → (WAF →) CloudFront → (WAF →) ALB.
fn entry_path(g: &mut Graph, spec: &Resolved) {
    g.add_node("users", Shape::Stadium, None, text(["Users"]));
    route53(g, spec);
    waf(g, spec);
    cloudfront(g, spec);
    alb(g, spec);
    let (waf, cdn) = (spec.access.waf.is_some(), spec.cdn.is_some());
    let scheme = if spec.domain.is_some() || cdn {
        "HTTPS"
    } else {
        "HTTP"
    };
    // Each hop with the label of the edge leaving it; the WAF inspects
    // requests before what it is attached to.
    let hops = [
        (true, "users", Some(scheme)),
        (spec.domain.is_some(), "route53", Some("alias")),
        (waf && cdn, "waf", None),
        (cdn, "cloudfront", Some("origin")),
        (waf && !cdn, "waf", None),
        (true, "alb", None),
    ];
    let hops: Vec<(&str, Option<&str>)> = hops
        .into_iter()
        .filter(|(on, _, _)| *on)
        .map(|(_, id, label)| (id, label))
        .collect();
    for pair in hops.windows(2) {
        let ((from, label), (to, _)) = (pair[0], pair[1]);
        g.add_edge(from, to, Line::Solid, label.as_slice());
    }
    acm(g, spec);
}

fn route53(g: &mut Graph, spec: &Resolved) {
    let Some(d) = &spec.domain else { return };
    let mut label = vec!["Route53".to_owned(), d.name.clone()];
    if d.www {
        label.push(format!("www.{}", d.name));
    }
    label.push(match d.hosted_zone {
        HostedZone::Create => "hosted zone created".into(),
        HostedZone::Existing => "existing hosted zone".into(),
    });
    g.add_node("route53", Shape::Rounded, Some(AWS), label);
}

/// The certificate of the domain: regional for the ALB, and a us-east-1
/// copy for CloudFront.
fn acm(g: &mut Graph, spec: &Resolved) {
    let Some(d) = &spec.domain else { return };
    let label = text(["ACM certificate".to_owned(), format!("{0} + *.{0}", d.name)]);
    g.add_node("acm", Shape::Rounded, Some(AWS), label);
    g.add_edge("acm", "alb", Line::Dashed, &["TLS"]);
    if spec.cdn.is_some() {
        g.add_edge("acm", "cloudfront", Line::Dashed, &["TLS (us-east-1 copy)"]);
    }
}

/// The web ACL, on CloudFront when there is one, else on the ALB.
fn waf(g: &mut Graph, spec: &Resolved) {
    let Some(w) = &spec.access.waf else { return };
    let mut label = Vec::new();
    if spec.cdn.is_some() {
        label.push("WAF on CloudFront".to_owned());
        label.push("CLOUDFRONT scope · us-east-1".into());
    } else {
        label.push("WAF on ALB".to_owned());
    }
    if w.rate_limit > 0 {
        label.push(format!("rate limit {}/5 min per IP", w.rate_limit));
    }
    if !w.managed_rules.is_empty() {
        let rules: Vec<String> = w.managed_rules.iter().map(name).collect();
        label.push(format!("managed: {}", rules.join(", ")));
    }
    g.add_node("waf", Shape::Hexagon, Some(AWS), label);
}

fn cloudfront(g: &mut Graph, spec: &Resolved) {
    let Some(c) = &spec.cdn else { return };
    let label = vec!["CloudFront".to_owned(), name(&c.price_class)];
    g.add_node("cloudfront", Shape::Rounded, Some(AWS), label);
}

fn alb(g: &mut Graph, spec: &Resolved) {
    let mut label = vec!["ALB".to_owned()];
    label.push(match &spec.domain {
        Some(d) => format!("HTTPS :443 · {}", d.tls_policy),
        None => "HTTP :80".into(),
    });
    let cidrs = &spec.access.allowed_cidrs;
    if spec.cdn.is_some() {
        label.push("CloudFront only".into());
    } else if !cidrs.is_empty() {
        label.push("IP-restricted:".into());
        label.extend(cidrs.iter().take(3).cloned());
        if cidrs.len() > 3 {
            label.push(format!("+{} more", cidrs.len() - 3));
        }
    }
    g.add_node("alb", Shape::Box, Some(PUBLIC), label);
}

/// One node per ECS service: a web service reached from the ALB by its path
/// rule, a backend from each of its callers through Service Connect, a
/// worker from nothing.
fn services(g: &mut Graph, spec: &Resolved) {
    for (svc, s) in &spec.services {
        let id = service_id(svc);
        g.add_node(&id, Shape::Box, Some(ECS), service_label(svc, s));
        if let Some(path) = &s.path {
            g.add_edge("alb", &id, Line::Solid, &[path]);
        }
    }
    for (svc, s) in &spec.services {
        if s.kind != ServiceKind::Backend {
            continue;
        }
        let via = format!("http://{svc}:{}", s.port.unwrap_or_default());
        for caller in &s.callers {
            g.add_edge(&service_id(caller), &service_id(svc), Line::Dashed, &[&via]);
        }
    }
    if let Some(s) = &spec.schedule {
        let label = text([
            "Business hours".to_owned(),
            format!("{} {}–{} ({})", s.days, s.start, s.stop, s.timezone),
            "0 tasks outside".to_owned(),
        ]);
        g.add_node("schedule", Shape::Note, Some(AWS), label);
        g.add_edge("schedule", ECS, Line::Dashed, &["scales"]);
    }
}

/// One node per job in the cluster: its schedule (EventBridge Scheduler
/// starts it) or "one-off", and the service whose image and settings it uses.
fn jobs(g: &mut Graph, spec: &Resolved) {
    if spec.jobs.values().any(|j| j.schedule.is_some()) {
        g.add_node(
            "scheduler",
            Shape::Rounded,
            Some(AWS),
            text(["EventBridge Scheduler", "dead-letter queues (SQS)"]),
        );
    }
    for (name, j) in &spec.jobs {
        let id = format!("job_{name}");
        let mut label = vec![
            format!("job {name}"),
            match &j.schedule {
                Some(_) => format!("scheduled ({})", j.timezone),
                None => "one-off: aws ecs run-task".to_owned(),
            },
            format!("{} vCPU / {}", j.cpu as f64 / 1024.0, memory(j.memory)),
        ];
        if j.uses.is_none() {
            label.push("own image".into());
        }
        g.add_node(&id, Shape::Box, Some(ECS), label);
        if let Some(schedule) = &j.schedule {
            g.add_edge("scheduler", &id, Line::Dashed, &[schedule]);
        }
        if let Some(uses) = j.uses.as_ref().filter(|u| spec.services.contains_key(*u)) {
            g.add_edge(
                &id,
                &service_id(uses),
                Line::Dashed,
                &["uses image, settings"],
            );
        }
    }
}

/// The id of a service's node (service names are DNS labels).
pub(super) fn service_id(service: &str) -> String {
    format!("svc_{service}")
}

fn service_label(name: &str, s: &Service) -> Vec<String> {
    let mut label = vec![
        name.to_owned(),
        match (s.kind, s.port, &s.path) {
            (ServiceKind::Web, Some(port), Some(path)) => format!(":{port} {path}"),
            (ServiceKind::Backend, Some(port), _) => format!("backend :{port} · Service Connect"),
            _ => "worker · no port".to_owned(),
        },
        format!("{} vCPU / {}", s.cpu as f64 / 1024.0, memory(s.memory)),
    ];
    let (min, max) = (s.scaling.min, s.scaling.max);
    if min == max {
        label.push(format!("{min} task{}", if min == 1 { "" } else { "s" }));
    } else {
        label.push(format!("{min}–{max} tasks"));
        label.push(format!(
            "scale at CPU {}% / memory {}%",
            s.scaling.cpu_target, s.scaling.memory_target
        ));
    }
    if s.spot {
        label.push("Fargate Spot".into());
    }
    label
}

fn memory(mb: u32) -> String {
    if mb.is_multiple_of(1024) {
        format!("{} GB", mb / 1024)
    } else {
        format!("{mb} MB")
    }
}

/// The database and the assets bucket, read and written by the tasks.
fn data(g: &mut Graph, spec: &Resolved) {
    if let Some(db) = &spec.database {
        g.add_node(
            "database",
            Shape::Cylinder,
            Some(PRIVATE),
            database_label(db),
        );
        g.add_edge(ECS, "database", Line::Solid, &["SQL"]);
    }
    let st = &spec.storage;
    let mut label = vec!["S3 assets bucket".to_owned()];
    if st.versioning {
        label.push("versioning".into());
    }
    if let Some(days) = st.transition_to_ia_days {
        label.push(format!("to IA after {days} d"));
    }
    if let Some(days) = st.expire_days {
        label.push(format!("expire after {days} d"));
    }
    g.add_node("assets", Shape::Cylinder, Some(AWS), label);
    g.add_edge(ECS, "assets", Line::Solid, &["assets"]);
    if spec.cdn.is_some() {
        g.add_edge("cloudfront", "assets", Line::Solid, &["static paths"]);
    }
}

/// MongoDB Atlas (another account, on AWS in the same region): each client
/// reaches it with its task role, from the NAT gateways' addresses or
/// through a PrivateLink endpoint in the private subnets.
fn mongodb(g: &mut Graph, spec: &Resolved) {
    let Some(m) = &spec.mongodb else {
        return;
    };
    let tier = match m.tier {
        MongodbTier::Flex => "Flex".to_owned(),
        t => format!("{} · 3 nodes · {}", t.name(), m.version),
    };
    let label = text([
        "MongoDB Atlas".to_owned(),
        tier,
        format!("AWS {}", crate::plan::units::atlas_region(spec.region)),
    ]);
    g.add_node("atlas", Shape::Cylinder, Some(EXTERNAL), label);
    let via = match m.access {
        MongodbAccess::Nat => {
            if spec.network.nat != Nat::None {
                g.add_edge("nat", "atlas", Line::Dashed, &["EIPs on the access list"]);
            }
            "atlas"
        }
        MongodbAccess::Privatelink => {
            g.add_node(
                "atlas_endpoint",
                Shape::Box,
                Some(PRIVATE),
                text(["PrivateLink endpoint", "Atlas"]),
            );
            g.add_edge("atlas_endpoint", "atlas", Line::Solid, &["PrivateLink"]);
            "atlas_endpoint"
        }
    };
    for client in &m.clients {
        g.add_edge(&service_id(client), via, Line::Solid, &["MONGODB-AWS"]);
    }
}

/// Queues, the cache and tables, each with an edge from every service that
/// names it (what it may do on the edge).
fn data_services(g: &mut Graph, spec: &Resolved) {
    // A client is a service, or a job with an image of its own.
    let node = |client: &str| {
        if spec.services.contains_key(client) {
            service_id(client)
        } else {
            format!("job_{client}")
        }
    };
    for (name, q) in &spec.queues {
        let id = format!("queue_{name}");
        let mut label = vec![format!("SQS queue {name}")];
        if q.fifo {
            label.push("FIFO".into());
        }
        label.push(format!("dead letters after {} receives", q.max_receives));
        g.add_node(&id, Shape::Box, Some(AWS), label);
        for p in &q.producers {
            g.add_edge(&node(p), &id, Line::Solid, &["send"]);
        }
        for c in &q.consumers {
            g.add_edge(&id, &node(c), Line::Solid, &["receive"]);
        }
    }
    if let Some(c) = &spec.cache {
        let engine = crate::plan::units::cache_engine_version(c.engine);
        let label = text([
            format!("ElastiCache Serverless · {} {}", engine.0, engine.1),
            format!("≤ {} GB · TLS", c.max_storage_gb),
        ]);
        g.add_node("cache", Shape::Cylinder, Some(PRIVATE), label);
        for client in &c.clients {
            g.add_edge(&node(client), "cache", Line::Solid, &["rediss"]);
        }
    }
    for (name, t) in &spec.tables {
        let id = format!("table_{name}");
        let mut label = vec![format!("DynamoDB table {name}"), "on demand".to_owned()];
        if t.ttl_attribute.is_some() {
            label.push("TTL".into());
        }
        g.add_node(&id, Shape::Cylinder, Some(AWS), label);
        for c in &t.clients {
            g.add_edge(&node(c), &id, Line::Solid, &["read/write"]);
        }
        for r in &t.readers {
            g.add_edge(&node(r), &id, Line::Solid, &["read"]);
        }
    }
}

fn database_label(db: &Database) -> Vec<String> {
    let mut label = match &db.engine {
        DatabaseEngine::Postgres {
            instance_class,
            multi_az,
        } => vec![
            format!("RDS PostgreSQL {}", db.version),
            instance_class.clone(),
            (if *multi_az { "Multi-AZ" } else { "Single-AZ" }).to_owned(),
        ],
        DatabaseEngine::AuroraPostgres {
            min_capacity,
            max_capacity,
            readers,
        } => vec![
            format!("Aurora PostgreSQL {}", db.version),
            format!("Serverless v2 · {min_capacity}–{max_capacity} ACU"),
            match readers {
                0 => "writer only".to_owned(),
                1 => "writer + 1 reader".to_owned(),
                n => format!("writer + {n} readers"),
            },
        ],
    };
    label.push(format!("backups {} d", db.backup_retention_days));
    label
}

/// NAT gateways and VPC endpoints: how tasks reach the internet and AWS APIs.
fn network(g: &mut Graph, spec: &Resolved) {
    let n = &spec.network;
    let nat = match n.nat {
        Nat::None => None,
        Nat::Single => Some(text([
            "NAT gateway".to_owned(),
            format!("single, shared by {} AZs", n.azs),
        ])),
        Nat::PerAz => Some(text([
            format!("NAT gateways ×{}", n.azs),
            "one per AZ".to_owned(),
        ])),
    };
    if let Some(label) = nat {
        g.add_node("nat", Shape::Box, Some(PUBLIC), label);
        g.add_edge(ECS, "nat", Line::Solid, &["outbound"]);
    }
    if !n.endpoints.is_empty() {
        let mut label = vec!["VPC endpoints".to_owned()];
        label.extend(n.endpoints.iter().map(|e| endpoint_name(*e).to_owned()));
        g.add_node("endpoints", Shape::Box, Some(VPC), label);
        g.add_edge(ECS, "endpoints", Line::Dashed, &["AWS APIs"]);
    }
}

fn endpoint_name(e: Endpoint) -> &'static str {
    match e {
        Endpoint::S3 => "S3 (gateway)",
        Endpoint::Ecr => "ECR api + dkr",
        Endpoint::Logs => "CloudWatch Logs",
        Endpoint::Ssm => "SSM",
        Endpoint::Secretsmanager => "Secrets Manager",
    }
}

/// Images, secrets, sign-in, the bastion and the budget.
fn operations(g: &mut Graph, spec: &Resolved) {
    let r = &spec.registry;
    // Services with `image` pull it from elsewhere and have no repository.
    let names = crate::plan::units::repository_services(spec);
    if !names.is_empty() {
        let mut label = vec![
            "ECR".to_owned(),
            names.join(", "),
            format!("keep {} images", r.keep_images),
        ];
        if r.scan_on_push {
            label.push("scan on push".into());
        }
        g.add_node("ecr", Shape::Rounded, Some(AWS), label);
        g.add_edge("ecr", ECS, Line::Dashed, &["images"]);
    }

    let secrets = crate::plan::units::task_parameter_names(spec);
    if !secrets.is_empty() {
        let mut label = vec!["SSM Parameter Store".to_owned()];
        label.extend(secrets);
        g.add_node("ssm", Shape::Rounded, Some(AWS), label);
        g.add_edge("ssm", ECS, Line::Dashed, &["secrets"]);
    }
    if let Some(a) = &spec.auth {
        let label = text([
            "Cognito user pool".to_owned(),
            format!("MFA {}", name(&a.mfa)),
            format!("passwords ≥ {} chars", a.password_min_length),
        ]);
        g.add_node("cognito", Shape::Rounded, Some(AWS), label);
        g.add_edge("users", "cognito", Line::Dashed, &["sign-in"]);
    }
    if let Some(b) = &spec.bastion {
        let label = text(["SSM bastion".to_owned(), b.instance_type.clone()]);
        g.add_node("bastion", Shape::Box, Some(task_subnets(spec)), label);
        g.add_node("developers", Shape::Stadium, None, text(["Developers"]));
        g.add_edge("developers", "bastion", Line::Dashed, &["Session Manager"]);
        if spec.database.is_some() {
            g.add_edge("bastion", "database", Line::Dashed, &["port forward"]);
        }
    }
    if let Some(b) = &spec.budget {
        let label = text([
            "AWS Budgets".to_owned(),
            format!("${} / month", b.monthly_limit_usd),
        ]);
        g.add_node("budget", Shape::Rounded, Some(AWS), label);
        let to = email(g, &b.email);
        g.add_edge("budget", &to, Line::Dashed, &["80% actual, 100% forecast"]);
    }
}

/// Logs, alarms → SNS → email, Datadog and Sentry.
fn monitoring(g: &mut Graph, spec: &Resolved) {
    let m = &spec.monitoring;
    let logs = text([
        "CloudWatch Logs".to_owned(),
        format!("{} d retention", m.log_retention_days),
    ]);
    g.add_node("logs", Shape::Rounded, Some(MONITORING), logs);
    g.add_edge(ECS, "logs", Line::Dashed, &["logs"]);
    if let Some(address) = &m.alarm_email {
        g.add_node(
            "alarms",
            Shape::Rounded,
            Some(MONITORING),
            text(["CloudWatch alarms"]),
        );
        g.add_node("sns", Shape::Rounded, Some(MONITORING), text(["SNS topic"]));
        g.add_edge(ECS, "alarms", Line::Dashed, &["metrics"]);
        g.add_edge("alarms", "sns", Line::Dashed, &[]);
        let to = email(g, address);
        g.add_edge("sns", &to, Line::Dashed, &["email"]);
        // Failed jobs: an EventBridge rule on their stopped tasks, and an
        // alarm on each schedule's dead-letter queue.
        if !spec.jobs.is_empty() {
            g.add_node(
                "job_failures",
                Shape::Rounded,
                Some(MONITORING),
                text(["EventBridge rule", "failed jobs"]),
            );
            g.add_edge(ECS, "job_failures", Line::Dashed, &["job exits non-zero"]);
            g.add_edge("job_failures", "sns", Line::Dashed, &[]);
            if spec.jobs.values().any(|j| j.schedule.is_some()) {
                g.add_edge("scheduler", "alarms", Line::Dashed, &["dead letters"]);
            }
        }
    }
    if let Some(d) = &m.datadog {
        let mut label = vec!["Datadog".to_owned(), name(&d.site)];
        // Rounded to a tenth of a percent: 0.2 * 100 is not exactly 20 in floats.
        let percent = (d.apm_sample_rate * 1000.0).round() / 10.0;
        label.push(format!("APM sample {percent}%"));
        if d.monitors {
            label.push("monitors".into());
        }
        if d.dashboard {
            label.push("dashboard".into());
        }
        g.add_node("datadog", Shape::Rounded, Some(EXTERNAL), label);
        g.add_edge(ECS, "datadog", Line::Dashed, &["APM, metrics"]);
    }
    if let Some(s) = &m.sentry {
        let label = text([
            "Sentry".to_owned(),
            format!("{}/{}", s.organization, s.team),
        ]);
        g.add_node("sentry", Shape::Rounded, Some(EXTERNAL), label);
        g.add_edge(ECS, "sentry", Line::Dashed, &["errors"]);
    }
}

/// The node of a mailbox, declared once per address (alarms and the budget
/// often share one).
fn email(g: &mut Graph, address: &str) -> String {
    if let Some(n) = g
        .nodes
        .iter()
        .find(|n| n.id.starts_with("email") && n.label.last().is_some_and(|l| l == address))
    {
        return n.id.clone();
    }
    let count = g.nodes.iter().filter(|n| n.id.starts_with("email")).count();
    let id = if count == 0 {
        "email".to_owned()
    } else {
        format!("email_{}", count + 1)
    };
    g.add_node(&id, Shape::Stadium, None, text(["email", address]));
    id
}

/// A serde enum's name as written in specs (e.g. `known_bad_inputs`).
fn name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn text<S: Into<String>, const N: usize>(lines: [S; N]) -> Vec<String> {
    lines.into_iter().map(Into::into).collect()
}
