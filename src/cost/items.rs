//! The pricing rules: what each part of a resolved spec bills per month.

use super::prices::{Quote, RegionPrices, Sku};
use super::schedule::HOURS_PER_MONTH;
use super::{CostError, LineItem, round};
use crate::resolve::{DatabaseEngine, Resolved};
use crate::spec::model::{Nat, Platform};

/// Root volume of the bastion: the Amazon Linux 2023 AMI's 8 GB.
const BASTION_VOLUME_GB: f64 = 8.0;
/// Container Insights metrics: about 8 per cluster and 10 per service.
const INSIGHTS_CLUSTER_METRICS: f64 = 8.0;
const INSIGHTS_SERVICE_METRICS: f64 = 10.0;
/// Days in the average month (365 / 12).
const DAYS_PER_MONTH: f64 = 365.0 / 12.0;

/// Collects line items, pricing each from the region's table.
struct Lines<'a> {
    prices: &'a RegionPrices,
    out: Vec<LineItem>,
}

impl Lines<'_> {
    /// Adds a line whose quantity differs between baseline and peak.
    fn range(
        &mut self,
        category: &'static str,
        item: impl Into<String>,
        unit: &'static str,
        sku: Sku,
        (baseline, peak): (f64, f64),
    ) -> Result<(), CostError> {
        let quote = self.quote(sku)?;
        let unit_price = quote.usd;
        self.out.push(LineItem {
            category,
            item: item.into(),
            unit,
            baseline_quantity: round(baseline, 3),
            peak_quantity: round(peak, 3),
            unit_price,
            baseline_usd: round(baseline * unit_price, 2),
            peak_usd: round(peak * unit_price, 2),
            price_source: quote.source,
            price_read_on: quote.read_on,
            spot_estimate: quote.spot_estimate,
        });
        Ok(())
    }

    /// Adds a line that costs the same at baseline and peak.
    fn fixed(
        &mut self,
        category: &'static str,
        item: impl Into<String>,
        unit: &'static str,
        sku: Sku,
        quantity: f64,
    ) -> Result<(), CostError> {
        self.range(category, item, unit, sku, (quantity, quantity))
    }

    fn quote(&self, sku: Sku) -> Result<Quote, CostError> {
        self.prices
            .quote(sku)
            .ok_or_else(|| CostError::MissingPrice {
                sku: format!("{sku:?}"),
                region: self.prices.region.to_owned(),
            })
    }

    /// The table's own name of an instance class or type, or the unpriced error.
    fn priced(
        &self,
        kind: &'static str,
        name: &str,
        family: fn(&Sku) -> Option<&'static str>,
    ) -> Result<&'static str, CostError> {
        let priced = self.prices.priced_names(family);
        priced
            .iter()
            .copied()
            .find(|p| *p == name)
            .ok_or_else(|| CostError::UnpricedInstance {
                kind,
                name: name.to_owned(),
                region: self.prices.region.to_owned(),
                priced,
            })
    }
}

/// Every line item of `spec`, with ECS services running `ecs_hours` a month.
pub(super) fn line_items(
    spec: &Resolved,
    prices: &RegionPrices,
    ecs_hours: f64,
) -> Result<Vec<LineItem>, CostError> {
    let mut l = Lines {
        prices,
        out: Vec::new(),
    };
    compute(&mut l, spec, ecs_hours)?;
    network(&mut l, spec, ecs_hours)?;
    database(&mut l, spec)?;
    storage(&mut l, spec)?;
    monitoring(&mut l, spec, ecs_hours)?;
    security_and_edge(&mut l, spec)?;
    data::data_services(&mut l, spec)?;
    jobs::lines(&mut l, spec)?;
    Ok(l.out)
}

/// Task-hours per month at baseline (`desired`) and peak (`scaling.max`), all services.
fn task_hours(spec: &Resolved, ecs_hours: f64) -> (f64, f64) {
    spec.services.values().fold((0.0, 0.0), |(b, p), s| {
        (
            b + s.desired as f64 * ecs_hours,
            p + s.scaling.max as f64 * ecs_hours,
        )
    })
}

/// Concurrent tasks over the month (task-hours / 730) at baseline and peak:
/// how Datadog counts Fargate tasks.
pub(super) fn concurrent_tasks(spec: &Resolved, ecs_hours: f64) -> (f64, f64) {
    let (base, peak) = task_hours(spec, ecs_hours);
    (base / HOURS_PER_MONTH, peak / HOURS_PER_MONTH)
}

/// Fargate vCPU-hours and GB-hours per service; Spot services at the Spot
/// price, except their on-demand base task (one, unless `spot_only`).
fn compute(l: &mut Lines<'_>, spec: &Resolved, ecs_hours: f64) -> Result<(), CostError> {
    for (name, s) in &spec.services {
        let (vcpu, gb) = (s.cpu as f64 / 1024.0, s.memory as f64 / 1024.0);
        let tasks = (s.desired as f64, s.scaling.max as f64);
        let base = match (s.spot, s.spot_only) {
            (false, _) => f64::INFINITY,
            (true, false) => 1.0,
            (true, true) => 0.0,
        };
        let on_demand = (tasks.0.min(base), tasks.1.min(base));
        let spot = (tasks.0 - on_demand.0, tasks.1 - on_demand.1);
        // arm64 at the Linux/ARM rates, on demand and on Spot.
        let (on_demand_skus, spot_skus, arch) = match s.platform {
            Platform::X86_64 => (
                (Sku::FargateVcpuHour, Sku::FargateGbHour),
                (Sku::FargateSpotVcpuHour, Sku::FargateSpotGbHour),
                "",
            ),
            Platform::Arm64 => (
                (Sku::FargateArmVcpuHour, Sku::FargateArmGbHour),
                (Sku::FargateArmSpotVcpuHour, Sku::FargateArmSpotGbHour),
                ", arm64",
            ),
        };
        for (label, (vcpu_sku, gb_sku), count) in [
            ("Fargate", on_demand_skus, on_demand),
            ("Fargate Spot", spot_skus, spot),
        ] {
            if count.1 == 0.0 && (label == "Fargate Spot" || s.spot) {
                continue;
            }
            let hours = (count.0 * ecs_hours, count.1 * ecs_hours);
            l.range(
                "compute",
                format!("{label} vCPU ({name}, {vcpu} vCPU/task{arch})"),
                "vCPU-h",
                vcpu_sku,
                (hours.0 * vcpu, hours.1 * vcpu),
            )?;
            l.range(
                "compute",
                format!("{label} memory ({name}, {gb} GB/task{arch})"),
                "GB-h",
                gb_sku,
                (hours.0 * gb, hours.1 * gb),
            )?;
        }
    }
    if let Some(b) = &spec.bastion {
        let t = l.priced("EC2 instance type", &b.instance_type, |s| match s {
            Sku::Ec2Hour(t) => Some(*t),
            _ => None,
        })?;
        l.fixed(
            "compute",
            format!("Bastion EC2 {t}"),
            "instance-h",
            Sku::Ec2Hour(t),
            HOURS_PER_MONTH,
        )?;
        l.fixed(
            "compute",
            "Bastion root volume (gp3)",
            "GB-month",
            Sku::EbsGbMonth,
            BASTION_VOLUME_GB,
        )?;
    }
    Ok(())
}

/// NAT gateways in the layout.
fn nat_gateways(spec: &Resolved) -> u32 {
    match spec.network.nat {
        Nat::None => 0,
        Nat::Single => 1,
        Nat::PerAz => spec.network.azs,
    }
}

fn network(l: &mut Lines<'_>, spec: &Resolved, ecs_hours: f64) -> Result<(), CostError> {
    let c = &spec.cost;
    let azs = spec.network.azs as f64;
    l.fixed("network", "ALB", "h", Sku::AlbHour, HOURS_PER_MONTH)?;
    l.fixed(
        "network",
        "ALB capacity units",
        "LCU-h",
        Sku::AlbLcuHour,
        c.alb_lcus * HOURS_PER_MONTH,
    )?;
    let nats = nat_gateways(spec);
    if nats > 0 {
        l.fixed(
            "network",
            format!("NAT gateway × {nats}"),
            "h",
            Sku::NatHour,
            nats as f64 * HOURS_PER_MONTH,
        )?;
        l.fixed(
            "network",
            "NAT gateway data processed",
            "GB",
            Sku::NatGb,
            c.nat_data_gb,
        )?;
    }
    // One ENI per AZ for each: ecr is two endpoints (api, dkr), ssm three.
    let endpoints = crate::plan::units::interface_endpoints(spec);
    if !endpoints.is_empty() {
        l.fixed(
            "network",
            format!(
                "Interface endpoints ({}) × {} AZs",
                endpoints.join(", "),
                spec.network.azs
            ),
            "endpoint-AZ-h",
            Sku::EndpointAzHour,
            endpoints.len() as f64 * azs * HOURS_PER_MONTH,
        )?;
        l.fixed(
            "network",
            "Interface endpoint data processed",
            "GB",
            Sku::EndpointGb,
            c.endpoint_data_gb,
        )?;
    }
    // Public IPv4: one per AZ for the internet-facing ALB, one per NAT gateway,
    // and, without NAT, one per running task and one for the bastion.
    let public_subnets = spec.network.nat == Nat::None;
    let bastion = (public_subnets && spec.bastion.is_some()) as u32;
    let fixed = (azs + nats as f64 + bastion as f64) * HOURS_PER_MONTH;
    let (tasks_base, tasks_peak) = if public_subnets {
        task_hours(spec, ecs_hours)
    } else {
        (0.0, 0.0)
    };
    let who = if public_subnets { ", tasks" } else { "" };
    let nat_label = if nats > 0 { ", NAT" } else { "" };
    let bastion_label = if bastion > 0 { ", bastion" } else { "" };
    l.range(
        "network",
        format!("Public IPv4 addresses (ALB{nat_label}{bastion_label}{who})"),
        "address-h",
        Sku::PublicIpv4Hour,
        (fixed + tasks_base, fixed + tasks_peak),
    )?;
    if spec.cdn.is_none() {
        l.fixed(
            "network",
            "Data transfer out to the internet",
            "GB",
            Sku::DataOutGb,
            c.data_out_gb,
        )?;
    }
    Ok(())
}

/// Backup storage billed beyond the free allowance (one copy of the database):
/// the changes of every retained day after the first.
fn billed_backup_gb(spec: &Resolved, retention_days: u32) -> f64 {
    let c = &spec.cost;
    c.db_storage_gb * c.db_daily_change_percent / 100.0 * retention_days.saturating_sub(1) as f64
}

fn database(l: &mut Lines<'_>, spec: &Resolved) -> Result<(), CostError> {
    let Some(db) = &spec.database else {
        return Ok(());
    };
    let c = &spec.cost;
    let backup_gb = billed_backup_gb(spec, db.backup_retention_days);
    match &db.engine {
        DatabaseEngine::Postgres {
            instance_class,
            multi_az,
        } => {
            // Multi-AZ runs a standby: twice the instance-hours and the storage.
            let copies = if *multi_az { 2.0 } else { 1.0 };
            let az = if *multi_az { " Multi-AZ" } else { "" };
            let class = l.priced("RDS instance class", instance_class, |s| match s {
                Sku::RdsInstanceHour(c) => Some(*c),
                _ => None,
            })?;
            l.fixed(
                "database",
                format!("RDS PostgreSQL {instance_class}{az}"),
                "instance-h",
                Sku::RdsInstanceHour(class),
                copies * HOURS_PER_MONTH,
            )?;
            l.fixed(
                "database",
                format!("RDS gp3 storage{az}"),
                "GB-month",
                Sku::RdsStorageGbMonth,
                copies * c.db_storage_gb,
            )?;
            l.fixed(
                "database",
                format!("RDS backups ({}-day retention)", db.backup_retention_days),
                "GB-month",
                Sku::RdsBackupGbMonth,
                backup_gb,
            )?;
        }
        DatabaseEngine::AuroraPostgres {
            min_capacity,
            max_capacity,
            readers,
        } => {
            // Every instance (writer + readers) scales between min and max ACU on its own.
            let instances = 1 + readers;
            let who = match readers {
                0 => "writer".to_owned(),
                1 => "writer + 1 reader".to_owned(),
                n => format!("writer + {n} readers"),
            };
            l.range(
                "database",
                format!("Aurora Serverless v2 ({who}, {min_capacity}-{max_capacity} ACU)"),
                "ACU-h",
                Sku::AuroraAcuHour,
                (
                    min_capacity * instances as f64 * HOURS_PER_MONTH,
                    max_capacity * instances as f64 * HOURS_PER_MONTH,
                ),
            )?;
            l.fixed(
                "database",
                "Aurora storage",
                "GB-month",
                Sku::AuroraStorageGbMonth,
                c.db_storage_gb,
            )?;
            l.fixed(
                "database",
                "Aurora I/O",
                "million requests",
                Sku::AuroraIoMillion,
                c.db_io_millions,
            )?;
            l.fixed(
                "database",
                format!(
                    "Aurora backups ({}-day retention)",
                    db.backup_retention_days
                ),
                "GB-month",
                Sku::AuroraBackupGbMonth,
                backup_gb,
            )?;
        }
    }
    Ok(())
}

fn storage(l: &mut Lines<'_>, spec: &Resolved) -> Result<(), CostError> {
    let c = &spec.cost;
    l.fixed(
        "storage",
        "S3 Standard (assets bucket)",
        "GB-month",
        Sku::S3GbMonth,
        c.s3_storage_gb,
    )?;
    // Only services without `image` have a repository to store images in.
    let repositories = crate::plan::units::repository_services(spec).len();
    if repositories > 0 {
        let keep = spec.registry.keep_images;
        l.fixed(
            "storage",
            format!("ECR images ({repositories} × {keep} kept)"),
            "GB-month",
            Sku::EcrGbMonth,
            repositories as f64 * keep as f64 * c.ecr_image_gb,
        )?;
    }
    Ok(())
}

fn monitoring(l: &mut Lines<'_>, spec: &Resolved, ecs_hours: f64) -> Result<(), CostError> {
    let c = &spec.cost;
    let m = &spec.monitoring;
    l.fixed(
        "monitoring",
        "CloudWatch Logs ingestion",
        "GB",
        Sku::LogsIngestGb,
        c.log_ingest_gb,
    )?;
    // At steady state a log group holds `retention` days of ingestion.
    l.fixed(
        "monitoring",
        format!(
            "CloudWatch Logs storage ({}-day retention)",
            m.log_retention_days
        ),
        "GB-month",
        Sku::LogsStorageGbMonth,
        c.log_ingest_gb * m.log_retention_days as f64 / DAYS_PER_MONTH,
    )?;
    let services = spec.services.len() as f64;
    if m.container_insights {
        l.fixed(
            "monitoring",
            "Container Insights metrics",
            "metric",
            Sku::MetricMonth,
            INSIGHTS_CLUSTER_METRICS + INSIGHTS_SERVICE_METRICS * services,
        )?;
    }
    if m.alarm_email.is_some() {
        // ALB 5xx; per service CPU and memory, per web service (target
        // group) unhealthy hosts; database CPU.
        let web = spec
            .services
            .values()
            .filter(|s| s.kind == crate::spec::model::ServiceKind::Web)
            .count() as f64;
        let alarms = 1.0 + 2.0 * services + web + spec.database.is_some() as u32 as f64;
        l.fixed(
            "monitoring",
            "CloudWatch alarms",
            "alarm",
            Sku::AlarmMonth,
            alarms,
        )?;
    }
    if m.datadog.is_some() {
        // Datadog bills ECS Fargate per concurrent task: the task-hours of the
        // month over its 730 hours (staging's 2 tasks for 282.44 h are 0.77).
        // The agent sidecar runs in every task and sends traces, so APM counts
        // the same tasks. Databases are watched through the AWS integration,
        // whose RDS metrics are not billed hosts.
        let (base, peak) = concurrent_tasks(spec, ecs_hours);
        l.range(
            "monitoring",
            "Datadog Infrastructure (Fargate tasks)",
            "task-month",
            Sku::DatadogInfraFargateTaskMonth,
            (base, peak),
        )?;
        l.range(
            "monitoring",
            "Datadog APM (Fargate tasks)",
            "task-month",
            Sku::DatadogApmFargateTaskMonth,
            (base, peak),
        )?;
    }
    Ok(())
}

fn security_and_edge(l: &mut Lines<'_>, spec: &Resolved) -> Result<(), CostError> {
    let c = &spec.cost;
    if let Some(waf) = &spec.access.waf {
        l.fixed("security", "WAF web ACL", "ACL", Sku::WafAclMonth, 1.0)?;
        let rate = (waf.rate_limit > 0) as u32;
        let managed = waf.managed_rules.len();
        let label = if rate > 0 {
            format!("WAF rules ({managed} managed + rate limit)")
        } else {
            format!("WAF rules ({managed} managed)")
        };
        l.fixed(
            "security",
            label,
            "rule",
            Sku::WafRuleMonth,
            (managed as u32 + rate) as f64,
        )?;
        l.fixed(
            "security",
            "WAF requests",
            "million requests",
            Sku::WafMillionRequests,
            c.requests_per_month / 1e6,
        )?;
    }
    // The RDS-managed master password, the Datadog and Sentry keys, and
    // CloudFront's origin header.
    let mut secrets = Vec::new();
    if spec.database.is_some() {
        secrets.push("database");
    }
    if spec.monitoring.datadog.is_some() {
        secrets.push("Datadog × 2");
    }
    if spec.monitoring.sentry.is_some() {
        secrets.push("Sentry");
    }
    if spec.cdn.is_some() {
        secrets.push("CloudFront origin header");
    }
    let count = spec.database.is_some() as u32
        + 2 * spec.monitoring.datadog.is_some() as u32
        + spec.monitoring.sentry.is_some() as u32
        + spec.cdn.is_some() as u32;
    if count > 0 {
        l.fixed(
            "security",
            format!("Secrets Manager ({})", secrets.join(", ")),
            "secret",
            Sku::SecretMonth,
            count as f64,
        )?;
    }
    // The environment key of the kms unit (rotation is free for the key itself).
    l.fixed(
        "security",
        "KMS customer-managed key",
        "key",
        Sku::KmsKeyMonth,
        1.0,
    )?;
    // A CLOUDFRONT web ACL's log group outside us-east-1 has a key there
    // (priced at this Region's rate; KMS keys cost the same in both).
    if spec.cdn.is_some() && spec.access.waf.is_some() && spec.region.code() != "us-east-1" {
        l.fixed(
            "security",
            "KMS key in us-east-1 (WAF logs)",
            "key",
            Sku::KmsKeyMonth,
            1.0,
        )?;
    }
    if let Some(d) = &spec.domain
        && d.hosted_zone == crate::spec::model::HostedZone::Create
    {
        l.fixed(
            "edge",
            format!("Route53 hosted zone {}", d.name),
            "zone",
            Sku::Route53ZoneMonth,
            1.0,
        )?;
    }
    if spec.cdn.is_some() {
        l.fixed(
            "edge",
            "CloudFront data transfer out",
            "GB",
            Sku::CloudFrontGb,
            c.data_out_gb,
        )?;
        l.fixed(
            "edge",
            "CloudFront HTTPS requests",
            "10k requests",
            Sku::CloudFrontHttps10k,
            c.requests_per_month / 1e4,
        )?;
    }
    if spec.auth.is_some() {
        // Every MAU: the 10,000 free MAU are the account's, not this environment's.
        l.fixed(
            "security",
            "Cognito Essentials MAU",
            "MAU",
            Sku::CognitoMau,
            c.cognito_mau,
        )?;
    }
    Ok(())
}

mod data;
pub(super) use data::AT_US_EAST_1;
pub mod jobs;

#[cfg(test)]
mod tests;
