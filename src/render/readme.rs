//! The environment's `README.md`: what it is, its diagrams, deploy order,
//! operations with the real names, cost and resolved settings. Everything
//! comes from the spec and the plan, so it cannot drift from the code.

use crate::cost;
use crate::graph::{self, EdgeLabels};
use crate::plan::{self, EnvPlan, units};
use crate::resolve::{DatabaseEngine, Resolved};
use crate::spec::model::{MongodbAccess, MongodbTier, Nat, ServiceKind};
use minijinja::{Value, context};

/// The template context of `live/README.md`.
pub fn context(
    spec: &Resolved,
    plan: &EnvPlan,
    spec_path: &str,
    trade_offs: &[super::trade_offs::Entry],
) -> Value {
    let settings: Vec<Value> = spec
        .settings
        .iter()
        .map(|s| {
            context! {
                path => &s.path,
                value => markdown_cell(&s.value.to_string()),
                origin => s.origin.to_string(),
            }
        })
        .collect();
    context! {
        header => super::header(spec_path, "").trim_start().to_owned(),
        spec_path => spec_path,
        summary => summary(spec),
        architecture => graph::architecture(spec).with_title("").to_mermaid(),
        units_graph => graph::units(plan, EdgeLabels::None).with_title("").to_mermaid(),
        phases => plan::phases(plan),
        before_images => with_dependencies(plan, "ecr"),
        push_services => units::repository_services(spec),
        images_from_spec => spec.services.values().any(|s| s.image.is_some()),
        secrets_to_create => [secrets_to_create(spec), job_secrets_to_create(spec)].concat(),
        name_prefix => units::name_prefix(spec),
        ssm_prefix => units::ssm_prefix(spec),
        web_service => units::web_service(spec),
        // The services ECS Exec reaches, as `a`, `b` (empty: none).
        exec_services => spec
            .services
            .iter()
            .filter(|(_, s)| s.exec)
            .map(|(n, _)| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", "),
        services => services(spec),
        only_web => spec.services.values().all(|s| s.kind == ServiceKind::Web),
        has_backends => spec.services.values().any(|s| s.kind == ServiceKind::Backend),
        data => super::data_services::context(spec),
        cost => cost_context(spec),
        jobs => jobs_context(spec),
        // The EventBridge rule that mails failed jobs (with an alarm email).
        job_failure_rule_name => crate::plan::names::job_failure_rule_name(spec),
        migration_job => migration_job(spec),
        // The job the Jobs section's example runs: the first one-off job, else the first.
        example_job => spec
            .jobs
            .iter()
            .find(|(_, j)| j.schedule.is_none())
            .or_else(|| spec.jobs.first())
            .map(|(n, _)| n.clone()),
        task_subnets_output => if spec.network.nat == Nat::None { "public_subnet_ids" } else { "private_subnet_ids" },
        assign_public_ip => if spec.network.nat == Nat::None { "ENABLED" } else { "DISABLED" },
        settings => settings,
        // The S3 backend is bootstrapped once; local state needs none.
        bootstrap => spec.state.s3.is_some(),
        trade_offs => super::serialized(&trade_offs),
        mongodb_database => units::mongodb_database_name(spec),
        atlas_region => units::atlas_region(spec.region),
    }
}

/// One row per service: its kind, where it is reached and who may call it.
fn services(spec: &Resolved) -> Vec<Value> {
    spec.services
        .iter()
        .map(|(name, s)| {
            let (reached, callers) = match (s.kind, s.port, &s.path) {
                (ServiceKind::Web, Some(port), Some(path)) => (
                    format!("the ALB, path `{path}` (container port {port})"),
                    "the ALB".to_owned(),
                ),
                (ServiceKind::Backend, Some(port), _) => (
                    format!("`http://{name}:{port}` (ECS Service Connect), no ALB"),
                    if s.callers.is_empty() {
                        "no service".to_owned()
                    } else {
                        s.callers
                            .iter()
                            .map(|c| format!("`{c}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    },
                ),
                _ => ("nothing: no port".to_owned(), "nobody".to_owned()),
            };
            context! {
                name => name,
                kind => s.kind.name(),
                reached => reached,
                callers => callers,
            }
        })
        .collect()
}

/// One paragraph on what the environment runs.
fn summary(spec: &Resolved) -> String {
    let services: Vec<String> = spec
        .services
        .iter()
        .map(|(name, s)| {
            let spot = if s.spot { ", Spot" } else { "" };
            let arm = if s.platform == crate::spec::model::Platform::Arm64 {
                ", arm64"
            } else {
                ""
            };
            let kind = match s.kind {
                ServiceKind::Web => "",
                ServiceKind::Backend => "backend, ",
                ServiceKind::Worker => "worker, ",
            };
            format!(
                "`{name}` ({kind}{} vCPU / {} GB{arm}, {}–{} tasks{spot})",
                f64::from(s.cpu) / 1024.0,
                f64::from(s.memory) / 1024.0,
                s.scaling.min,
                s.scaling.max
            )
        })
        .collect();
    let entry = match (&spec.cdn, &spec.access.waf) {
        (Some(_), Some(_)) => "CloudFront with WAF in front of an ALB",
        (Some(_), None) => "CloudFront in front of an ALB",
        (None, Some(_)) => "an ALB behind WAF",
        (None, None) if spec.access.allowed_cidrs.is_empty() => "a public ALB",
        (None, None) => "an ALB open only to `access.allowed_cidrs`",
    };
    let subnets = match spec.network.nat {
        Nat::None => "in public subnets (no NAT gateway)",
        Nat::Single => "in private subnets behind one NAT gateway",
        Nat::PerAz => "in private subnets behind a NAT gateway per AZ",
    };
    let database = match spec.database.as_ref().map(|d| (&d.engine, &d.version)) {
        Some((DatabaseEngine::Postgres { instance_class, .. }, v)) => {
            format!(" RDS PostgreSQL {v} on {instance_class} holds the data.")
        }
        Some((
            DatabaseEngine::AuroraPostgres {
                min_capacity,
                max_capacity,
                readers,
            },
            v,
        )) => format!(
            " Aurora PostgreSQL {v} Serverless v2 ({min_capacity}–{max_capacity} ACU, writer + {readers} reader(s)) holds the data."
        ),
        None => String::new(),
    };
    let mongodb = match &spec.mongodb {
        Some(m) => format!(
            " A MongoDB Atlas {} cluster in {} holds the documents of {}, reached {}.",
            if m.tier == MongodbTier::Flex {
                "Flex".to_owned()
            } else {
                format!("{} (3 nodes)", m.tier.name())
            },
            units::atlas_region(spec.region),
            if m.clients.is_empty() {
                "no service yet".to_owned()
            } else {
                m.clients
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            },
            match m.access {
                MongodbAccess::Nat => "from the NAT gateways' addresses",
                MongodbAccess::Privatelink => "through AWS PrivateLink",
            }
        ),
        None => String::new(),
    };
    format!(
        "ECS Fargate services {} run {subnets}, reached through {entry}, across {} AZs.{database}{mongodb}",
        services.join(", "),
        spec.network.azs
    )
}

/// `unit` and every unit it depends on, directly or not, in plan order.
fn with_dependencies(plan: &EnvPlan, unit: &str) -> Vec<String> {
    let mut wanted = vec![unit.to_owned()];
    let mut i = 0;
    while i < wanted.len() {
        if let Some(u) = plan.units.iter().find(|u| u.name == wanted[i]) {
            for d in &u.dependencies {
                if !wanted.contains(&d.unit) {
                    wanted.push(d.unit.clone());
                }
            }
        }
        i += 1;
    }
    plan.units
        .iter()
        .filter(|u| wanted.contains(&u.name))
        .map(|u| u.name.clone())
        .collect()
}

/// Secrets the team creates before the first apply; tfgen only reads them.
fn secrets_to_create(spec: &Resolved) -> Vec<String> {
    let prefix = units::ssm_prefix(spec);
    let mut parameters: Vec<(&String, Vec<&String>)> = Vec::new();
    for (service, s) in &spec.services {
        for name in s
            .secrets
            .iter()
            .filter(|s| s.is_prefixed())
            .map(|s| &s.name)
        {
            match parameters.iter_mut().find(|(n, _)| *n == name) {
                Some((_, users)) => users.push(service),
                None => parameters.push((name, vec![service])),
            }
        }
    }
    let mut out: Vec<String> = parameters
        .into_iter()
        .map(|(name, users)| {
            let users: Vec<String> = users.iter().map(|u| format!("`{u}`")).collect();
            format!(
                "SSM SecureString parameter `{prefix}/{name}`, read by {}",
                users.join(" and ")
            )
        })
        .collect();
    // Parameters and secrets from outside the environment (`ssm`,
    // `secretsmanager`): they exist already, or are made here first.
    let mut sources: Vec<(String, Vec<String>)> = Vec::new();
    for (service, s) in &spec.services {
        for secret in s.secrets.iter().filter(|s| !s.is_prefixed()) {
            let what = match (&secret.ssm, &secret.secretsmanager) {
                (Some(p), _) => format!("SSM parameter `{p}`"),
                (None, Some(id)) => match &secret.key {
                    Some(key) => format!("Secrets Manager secret `{id}` (JSON key `{key}`)"),
                    None => format!("Secrets Manager secret `{id}`"),
                },
                (None, None) => continue,
            };
            let what = format!("{what} as `{}`", secret.name);
            match sources.iter_mut().find(|(w, _)| *w == what) {
                Some((_, users)) => users.push(format!("`{service}`")),
                None => sources.push((what, vec![format!("`{service}`")])),
            }
        }
    }
    out.extend(sources.into_iter().map(|(what, users)| {
        format!(
            "{what}, read by {} (from outside the environment)",
            users.join(" and ")
        )
    }));
    if let Some(dd) = &spec.monitoring.datadog {
        out.push(format!(
            "Secrets Manager secret `{}`: the Datadog API key (agent sidecar and provider)",
            dd.api_key_secret
        ));
        if dd.monitors || dd.dashboard {
            out.push(format!(
                "Secrets Manager secret `{}`: a Datadog application key (monitors and dashboard)",
                dd.app_key_secret
            ));
        }
    }
    if let Some(s) = &spec.monitoring.sentry {
        out.push(format!(
            "Secrets Manager secret `{}`: a Sentry auth token with project:write",
            s.auth_token_secret
        ));
    }
    if let Some(m) = &spec.mongodb {
        out.push(format!(
            "Secrets Manager secret `{}`: an Atlas API key of organization `{}` with Organization Project Creator, as JSON `{{\"public_key\": \"…\", \"private_key\": \"…\"}}` (the Atlas provider)",
            m.api_key_secret, m.org_id
        ));
    }
    out
}

/// The secrets only jobs read (not any service): created before the first
/// apply like the services' own.
fn job_secrets_to_create(spec: &Resolved) -> Vec<String> {
    let prefix = units::ssm_prefix(spec);
    let by_services = |secret: &crate::resolve::Secret| {
        spec.services
            .values()
            .flat_map(|s| s.secrets.iter())
            .any(|s| {
                s.name == secret.name
                    && s.ssm == secret.ssm
                    && s.secretsmanager == secret.secretsmanager
            })
    };
    let mut out: Vec<String> = Vec::new();
    for (job, j) in &spec.jobs {
        for secret in j.secrets.iter().filter(|s| !by_services(s)) {
            let what = match (&secret.ssm, &secret.secretsmanager) {
                (Some(p), _) => format!(
                    "SSM parameter `{p}` as `{}` (from outside the environment)",
                    secret.name
                ),
                (None, Some(id)) => format!(
                    "Secrets Manager secret `{id}` as `{}` (from outside the environment)",
                    secret.name
                ),
                (None, None) => format!("SSM SecureString parameter `{prefix}/{}`", secret.name),
            };
            out.push(format!("{what}, read by job `{job}`"));
        }
    }
    out
}

/// The jobs, for the summary, the logs and the Jobs section.
fn jobs_context(spec: &Resolved) -> Vec<Value> {
    spec.jobs
        .iter()
        .map(|(name, j)| {
            context! {
                name => name,
                schedule => &j.schedule,
                timezone => &j.timezone,
                uses => &j.uses,
                family => format!("{}-{name}", units::name_prefix(spec)),
                schedule_name => j.schedule.as_ref().map(|_| crate::plan::names::schedule_name(spec, name)),
                queue_name => j.schedule.as_ref().map(|_| crate::plan::names::dead_letter_queue_name(spec, name)),
            }
        })
        .collect()
}

/// The one-off job that runs the database migrations, if the spec has one:
/// a job without schedule whose name or command says "migrat".
pub fn migration_job(spec: &Resolved) -> Option<String> {
    spec.database.as_ref()?;
    spec.jobs
        .iter()
        .filter(|(_, j)| j.schedule.is_none())
        .find(|(name, j)| name.contains("migrat") || j.command.iter().any(|c| c.contains("migrat")))
        .map(|(name, _)| name.clone())
}

/// The cost section: totals and the Markdown table, or why there is none.
fn cost_context(spec: &Resolved) -> Value {
    match cost::estimate(spec) {
        Ok(e) => context! {
            baseline => format!("{:.2}", e.baseline_total),
            peak => format!("{:.2}", e.peak_total),
            markdown => cost::render_markdown(&e),
        },
        Err(err) => context! {
            baseline => "?",
            peak => "?",
            markdown => format!("No estimate: {err}.\n"),
        },
    }
}

/// A value safe inside a Markdown table cell and its backticks.
fn markdown_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('`', "'")
}
