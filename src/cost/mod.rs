//! The monthly cost estimate of a resolved spec (`tfgen cost`).
//!
//! `estimate` prices every billable thing the spec turns on, one
//! [`LineItem`] each, in two columns: **baseline** (each service at its
//! `desired` task count, Aurora at `min_capacity`) and **peak** (each service
//! at `scaling.max`, Aurora at `max_capacity`). Everything else costs the same
//! in both. Prices come from the single table in [`prices`]; traffic and
//! volumes from the spec's `cost` section ([`Assumption`]s, printed with the
//! estimate). Free tiers are not applied: they belong to the account.
//! Allowances that grow with the environment's own resources are (backup
//! storage up to the size of the database).

pub mod advice;
pub mod compare;
mod items;
pub mod offers;
pub mod prices;
mod render;
pub mod schedule;

pub use advice::Suggestion;
pub use compare::{CostDiff, compare, render_diff_json, render_diff_markdown, render_diff_table};
pub use render::{render_json, render_markdown, render_table};

use crate::resolve::Resolved;
use serde::Serialize;
use std::fmt;

/// A monthly estimate in USD.
#[derive(Debug, Clone, Serialize)]
pub struct Estimate {
    pub project: String,
    pub environment: String,
    pub region: String,
    /// Always `USD`.
    pub currency: &'static str,
    /// When the prices were read ([`prices::READ_ON`]).
    pub prices_read_on: &'static str,
    /// Hours per month the ECS services run (730 without a schedule).
    pub ecs_hours_per_month: f64,
    /// The schedule the hours come from, e.g. `MON-FRI 09:00-22:00 Asia/Tokyo`.
    pub schedule: Option<String>,
    /// One line per priced thing, in a stable order.
    pub lines: Vec<LineItem>,
    /// Sum of the lines' baseline USD.
    pub baseline_total: f64,
    /// Sum of the lines' peak USD.
    pub peak_total: f64,
    /// The usage assumptions the lines use, with their origin.
    pub assumptions: Vec<Assumption>,
    /// What the estimate leaves out or simplifies.
    pub notes: Vec<String>,
    /// Savings advice, each with its monthly saving; never applied.
    pub suggestions: Vec<Suggestion>,
}

/// One priced thing.
#[derive(Debug, Clone, Serialize)]
pub struct LineItem {
    /// Group: compute, network, database, storage, monitoring, security, edge.
    pub category: &'static str,
    /// What is priced, e.g. `Fargate vCPU (web)`.
    pub item: String,
    /// Unit of the quantities, e.g. `vCPU-h`.
    pub unit: &'static str,
    /// Quantity per month at baseline.
    pub baseline_quantity: f64,
    /// Quantity per month at peak.
    pub peak_quantity: f64,
    /// USD per unit.
    pub unit_price: f64,
    /// Baseline USD per month, rounded to the cent.
    pub baseline_usd: f64,
    /// Peak USD per month, rounded to the cent.
    pub peak_usd: f64,
    /// Where the unit price was read.
    pub price_source: &'static str,
    /// When the unit price was read (for Spot: observed).
    pub price_read_on: &'static str,
    /// A Fargate Spot price estimated as 30 % of on-demand, not observed.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub spot_estimate: bool,
}

/// One usage assumption (a field of the spec's `cost` section).
#[derive(Debug, Clone, Serialize)]
pub struct Assumption {
    /// Field path, e.g. `cost.log_ingest_gb`.
    pub path: String,
    pub value: f64,
    /// What it means.
    pub meaning: &'static str,
    /// `spec` or `default`.
    pub origin: String,
}

/// Why a spec cannot be priced.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CostError {
    /// The region has no price table.
    #[error(
        "no prices for region {region}; tfgen prices {}",
        priced.join(", ")
    )]
    UnpricedRegion {
        region: String,
        priced: Vec<&'static str>,
    },
    /// An instance class or type has no price in the region.
    #[error("no price for {kind} {name} in {region}; priced there: {}", priced.join(", "))]
    UnpricedInstance {
        kind: &'static str,
        name: String,
        region: String,
        priced: Vec<&'static str>,
    },
    /// The table lacks a price the estimate needs (a gap in the table).
    #[error("the price table has no {sku} for {region}")]
    MissingPrice { sku: String, region: String },
    /// The schedule cannot be read (a valid spec never has this).
    #[error("schedule: {0}")]
    Schedule(String),
}

/// Estimates the monthly cost of a resolved spec.
pub fn estimate(spec: &Resolved) -> Result<Estimate, CostError> {
    let region = spec.region.code();
    let prices = prices::RegionPrices::of(&region).ok_or_else(|| CostError::UnpricedRegion {
        region: region.clone(),
        priced: prices::priced_regions(),
    })?;
    let hours = schedule::monthly_hours(spec.schedule.as_ref()).map_err(CostError::Schedule)?;
    let lines = items::line_items(spec, &prices, hours)?;
    let (baseline_total, peak_total) = advice::totals(&lines);
    let suggestions = advice::suggestions(spec, &prices, hours, &lines)?;
    Ok(Estimate {
        project: spec.project.clone(),
        environment: spec.environment.clone(),
        region,
        currency: "USD",
        prices_read_on: prices::READ_ON,
        ecs_hours_per_month: round(hours, 2),
        schedule: spec
            .schedule
            .as_ref()
            .map(|s| format!("{} {}-{} {}", s.days, s.start, s.stop, s.timezone)),
        baseline_total,
        peak_total,
        assumptions: assumptions(spec),
        notes: [notes(&lines), items::jobs::notes(spec)].concat(),
        lines,
        suggestions,
    })
}

/// The caveats under every estimate, and the Spot note when a line is Spot.
fn notes(lines: &[LineItem]) -> Vec<String> {
    let mut notes: Vec<String> = NOTES.iter().map(|n| (*n).to_owned()).collect();
    let spot: Vec<&LineItem> = lines
        .iter()
        .filter(|l| l.item.starts_with("Fargate Spot"))
        .collect();
    if let Some(first) = spot.first() {
        let how = if first.spot_estimate {
            "no observed price for this region: 30 % of on-demand, an estimate".to_owned()
        } else {
            format!("the price observed on {}", first.price_read_on)
        };
        notes.push(format!(
            "Fargate Spot prices float with supply and demand; the Spot lines use {how}. The bill will differ."
        ));
    }
    if lines.iter().any(|l| l.item.ends_with(items::AT_US_EAST_1)) {
        notes.push(format!(
            "The data services (SQS, ElastiCache Serverless, DynamoDB) are priced for us-east-1 and us-west-2 only (read {}): the lines marked `at the us-east-1 rate` use it, and the regional price may be higher.",
            prices::DATA_READ_ON
        ));
    }
    notes
}

/// Caveats printed under every estimate.
const NOTES: &[&str] = &[
    "On-demand list prices; savings plans, reservations, credits and taxes are not applied.",
    "Free tiers are not applied: a fixed per-account allowance (AWS Free Tier, Cognito's 10,000 MAU, the first two budgets) is shared by every environment in the account. Allowances that grow with the environment's own resources are (backup storage up to the size of the database).",
    "Baseline runs each service at `desired` tasks and Aurora at `min_capacity`; peak at `scaling.max` and `max_capacity`.",
    "ECS hours follow the schedule on the local clock of its time zone; a DST change does not change the count.",
    "Not priced: ECR and S3 requests, Route53 alias queries (free), SNS email, Budgets (first two free), Sentry (free plan), KMS requests (the key itself is priced).",
];

/// The `cost` section's meaning of each field, in spec order.
const MEANINGS: &[(&str, &str)] = &[
    (
        "requests_per_month",
        "HTTP requests per month (WAF, CloudFront)",
    ),
    (
        "data_out_gb",
        "GB/month to the internet (CloudFront with cdn, else the ALB)",
    ),
    ("alb_lcus", "average ALB capacity units (LCU) per hour"),
    ("nat_data_gb", "GB/month through the NAT gateways"),
    ("endpoint_data_gb", "GB/month through interface endpoints"),
    ("log_ingest_gb", "GB/month ingested into CloudWatch Logs"),
    ("s3_storage_gb", "GB stored in the assets bucket"),
    ("ecr_image_gb", "GB per container image kept in ECR"),
    ("db_storage_gb", "GB of database storage"),
    ("db_io_millions", "million Aurora I/O requests per month"),
    (
        "db_daily_change_percent",
        "% of the database changed per day (backup size)",
    ),
    ("cognito_mau", "Cognito monthly active users"),
    ("job_hours", "hours per run of each scheduled job"),
];

/// The data services' assumptions: printed only with the service they
/// price (the resolver records them only then).
const DATA_MEANINGS: &[(&str, &str)] = &[
    (
        "queue_requests_millions",
        "million SQS requests per month, all queues",
    ),
    ("cache_data_gb", "average GB kept in the cache"),
    ("cache_ecpus_millions", "million cache ECPUs per month"),
    (
        "table_reads_millions",
        "million DynamoDB read request units per month",
    ),
    (
        "table_writes_millions",
        "million DynamoDB write request units per month",
    ),
    ("table_storage_gb", "GB stored in the DynamoDB tables"),
];

fn assumptions(spec: &Resolved) -> Vec<Assumption> {
    let values = serde_json::to_value(&spec.cost).unwrap_or_default();
    let data = DATA_MEANINGS
        .iter()
        .filter(|(field, _)| spec.origin(&format!("cost.{field}")).is_some());
    MEANINGS
        .iter()
        // Only a spec with jobs has the jobs' assumption.
        .filter(|(field, _)| *field != "job_hours" || !spec.jobs.is_empty())
        .chain(data)
        .map(|&(field, meaning)| {
            let path = format!("cost.{field}");
            Assumption {
                value: values[field].as_f64().unwrap_or_default(),
                meaning,
                origin: spec
                    .origin(&path)
                    .map_or_else(|| "default".into(), |o| o.to_string()),
                path,
            }
        })
        .collect()
}

/// `x` rounded to `places` decimals.
fn round(x: f64, places: i32) -> f64 {
    let scale = 10f64.powi(places);
    (x * scale).round() / scale
}

impl fmt::Display for Estimate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&render_table(self))
    }
}
