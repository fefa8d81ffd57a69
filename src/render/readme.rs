//! The environment's `README.md`: what it is, its diagrams, deploy order,
//! operations with the real names, cost and resolved settings. Everything
//! comes from the spec and the plan, so it cannot drift from the code.

use crate::cost;
use crate::graph::{self, EdgeLabels};
use crate::plan::{self, EnvPlan, units};
use crate::resolve::{DatabaseEngine, Resolved};
use crate::spec::model::{MongodbAccess, MongodbTier, Nat};
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
        secrets_to_create => secrets_to_create(spec),
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
        cost => cost_context(spec),
        settings => settings,
        // The S3 backend is bootstrapped once; local state needs none.
        bootstrap => spec.state.s3.is_some(),
        trade_offs => super::serialized(&trade_offs),
        mongodb_database => units::mongodb_database_name(spec),
        atlas_region => units::atlas_region(spec.region),
    }
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
            format!(
                "`{name}` ({} vCPU / {} GB{arm}, {}–{} tasks{spot})",
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
