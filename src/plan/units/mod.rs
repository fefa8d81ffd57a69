//! The catalog of units: which exist for a spec, their variables (with the
//! inputs that set them) and their outputs (with mock values).

use super::{Input, Output, TradeOff, Unit, Variable, names};
use crate::resolve::{self, DatabaseEngine, Resolved};
use crate::spec::model::{Endpoint, HostedZone, Nat, Profile};
use crate::spec::rules::{DAYS, minutes, parse_days};
use ipnet::Ipv4Net;
use serde::Serialize;
use serde_json::{Value, json};

/// Every unit the spec needs, in catalog order.
pub fn all(spec: &Resolved) -> Vec<Unit> {
    let mut units = vec![
        kms::plan(spec),
        network::plan(spec),
        storage::plan(spec),
        security::plan(spec),
    ];
    if !repository_services(spec).is_empty() {
        units.push(ecr::plan(spec));
    }
    if let Some(domain) = &spec.domain {
        units.push(dns::plan(spec, domain));
    }
    if let Some(db) = &spec.database {
        units.push(database::plan(spec, db));
    }
    if let Some(m) = &spec.mongodb {
        units.push(mongodb::plan(spec, m));
    }
    if let Some(sentry) = &spec.monitoring.sentry {
        units.push(sentry::plan(spec, sentry));
    }
    if let Some(a) = &spec.auth {
        units.push(auth::plan(spec, a));
    }
    if !spec.queues.is_empty() {
        units.push(queues::plan(spec));
    }
    if !spec.tables.is_empty() {
        units.push(tables::plan(spec));
    }
    if let Some(c) = &spec.cache {
        units.push(cache::plan(spec, c));
    }
    units.push(compute::plan(spec));
    if !spec.jobs.is_empty() {
        units.push(jobs::plan(spec));
    }
    if spec.bastion.is_some() {
        units.push(bastion::plan(spec));
    }
    if let Some(w) = &spec.access.waf {
        units.push(waf::plan(spec, w));
    }
    if let Some(c) = &spec.cdn {
        units.push(cdn::plan(spec, c));
    }
    if let Some(domain) = &spec.domain {
        units.push(dns_records::plan(spec, domain));
    }
    if let Some(email) = &spec.monitoring.alarm_email {
        units.push(monitoring::plan(spec, email));
    }
    if let Some(dd) = &spec.monitoring.datadog
        && (dd.monitors || dd.dashboard)
    {
        units.push(datadog::plan(spec, dd));
    }
    if let Some(b) = &spec.budget {
        units.push(budget::plan(spec, b));
    }
    if let Some(github) = spec.repository.as_ref().and_then(|r| r.github.as_ref()) {
        units.push(ci::plan(spec, github));
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

/// Sets variable `name` of the unit's catalog module (declared, typed and
/// described in the module's `variables.tf`).
fn set(name: &str, input: Input) -> Variable {
    Variable {
        name: name.into(),
        input,
    }
}

/// A check this environment fails by the spec's choice of `field`.
fn trade_off(check: &str, resource: &str, field: &str, reason: &str) -> TradeOff {
    TradeOff {
        check: check.into(),
        resource: resource.into(),
        field: field.into(),
        reason: reason.into(),
    }
}

/// An output of the unit's catalog module, with the mock dependents see
/// before the unit is applied.
fn out(name: &str, mock: Value) -> Output {
    Output {
        name: name.into(),
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
        trade_offs: Vec::new(),
    }
}

/// `{project}-{environment}`: the prefix of every resource name.
pub fn name_prefix(spec: &Resolved) -> String {
    format!("{}-{}", spec.project, spec.environment)
}

fn name_prefix_var(spec: &Resolved) -> Variable {
    set(
        "name_prefix",
        Input::Expr {
            expr: "\"${local.env.project}-${local.env.environment}\"".into(),
            value: name_prefix(spec).into(),
        },
    )
}

/// SSM path prefix of the environment's parameters, `/{project}/{environment}`,
/// as a Terragrunt expression over env.hcl.
fn ssm_prefix_input(spec: &Resolved) -> Input {
    Input::Expr {
        expr: "\"/${local.env.project}/${local.env.environment}\"".into(),
        value: ssm_prefix(spec).into(),
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

/// The account of every mock ARN. Mocks stand in for a dependency's outputs
/// only while it has no state (`init`, `validate`, `plan` before its first
/// apply), so a fixed, obviously fake account is enough; the region is the
/// spec's, so a mock never names a region the environment is not in.
pub const MOCK_ACCOUNT: &str = "123456789012";

/// The mock of CloudFront's origin header value before the security unit is
/// applied: letters and digits, as the generated value (compute validates it).
const MOCK_ORIGIN_HEADER: &str = "MockOriginHeaderValue0000000000000000000000000000000000000000000";

/// A mock ARN of `service` in the spec's region and the mock account.
fn mock_arn(spec: &Resolved, service: &str, resource: &str) -> Value {
    json!(format!(
        "arn:aws:{service}:{}:{MOCK_ACCOUNT}:{resource}",
        spec.region.code()
    ))
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
    set("kms_key_arn", from("kms", "key_arn"))
}

/// The service the web app runs in: `web` if there is one, else the one at `/`.
pub fn web_service(spec: &Resolved) -> String {
    if spec
        .services
        .get("web")
        .is_some_and(|s| s.kind == crate::spec::model::ServiceKind::Web)
    {
        return "web".into();
    }
    spec.services
        .iter()
        .find(|(_, s)| s.path.as_deref() == Some("/"))
        .or_else(|| spec.services.first())
        .map(|(n, _)| n.clone())
        .unwrap_or_default()
}

/// The service the API runs in: `api` if there is one, else the web service.
pub fn api_service(spec: &Resolved) -> String {
    if spec
        .services
        .get("api")
        .is_some_and(|s| s.kind == crate::spec::model::ServiceKind::Web)
    {
        "api".into()
    } else {
        web_service(spec)
    }
}

/// The services that run an image from their own ECR repository: those
/// without `image` in the spec. A service with `image` gets no repository.
pub fn repository_services(spec: &Resolved) -> Vec<String> {
    spec.services
        .iter()
        .filter(|(_, s)| s.image.is_none())
        .map(|(n, _)| n.clone())
        .collect()
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

pub use cache::engine_version as cache_engine_version;
use cdn::origin_record_name;
pub use compute::{schedule_cron, stop_days};
pub use mongodb::{atlas_region, database_name as mongodb_database_name};
pub use network::interface_endpoints;
pub use security::task_parameter_names;

mod auth;
mod bastion;
mod budget;
mod cache;
mod cdn;
pub mod ci;
mod compute;
mod database;
mod datadog;
mod dns;
mod dns_records;
mod ecr;
pub mod jobs;
mod kms;
mod mongodb;
mod monitoring;
mod network;
mod queues;
mod security;
mod sentry;
mod storage;
mod tables;
mod waf;

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

    /// Every unit's mocks (also those no dependent reads in this spec) in the
    /// spec's region; only CloudFront's certificate and web ACL in us-east-1.
    #[test]
    fn mocks_are_in_the_specs_region() {
        for cdn in [false, true] {
            let yaml = format!(
                "version: 1\nproject: demo\nenvironment: test\nregion: eu-west-1\n\
                 services:\n  web:\n    port: 3000\naccess:\n  waf:\n    enabled: true\n\
                 domain:\n  name: example.org\nauth:\n  enabled: true\ncdn:\n  enabled: {cdn}\n\
                 monitoring:\n  alarm_email: ops@example.org\n  sentry:\n    enabled: true\n    \
                 organization: o\n    team: t\n  datadog:\n    enabled: true\n\
                 budget:\n  monthly_limit_usd: 100\n"
            );
            let checked = crate::spec::check(yaml.as_bytes());
            let spec = checked.resolved.expect("valid");
            for unit in all(&spec) {
                for output in &unit.outputs {
                    let mock = output.mock.to_string();
                    let regions: Vec<&str> = mock
                        .split("arn:aws:")
                        .skip(1)
                        .filter_map(|arn| arn.split(':').nth(1))
                        .collect();
                    for region in regions {
                        let global = output.name == "cloudfront_certificate_arn"
                            || (cdn && output.name == "web_acl_arn");
                        let expected = if global { "us-east-1" } else { "eu-west-1" };
                        assert!(
                            region.is_empty() || region == expected,
                            "{}.{}: {mock}",
                            unit.name,
                            output.name
                        );
                    }
                    assert!(!mock.contains("ap-northeast-1"), "{}: {mock}", unit.name);
                    assert!(!mock.contains("Z14GRHDCWA56QT"), "Tokyo's ALB zone");
                }
            }
        }
    }

    #[test]
    fn crons_drop_leading_zeros() {
        assert_eq!(schedule_cron("09:00", "MON-FRI"), "cron(0 9 ? * MON-FRI *)");
        assert_eq!(schedule_cron("22:30", "SUN"), "cron(30 22 ? * SUN *)");
    }
}
