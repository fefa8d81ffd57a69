//! The data services' lines: SQS requests, ElastiCache Serverless (data
//! stored and ECPUs) and DynamoDB on demand (writes, reads, storage and
//! continuous backups), from the `cost.queue_*`, `cost.cache_*` and
//! `cost.table_*` assumptions.

use super::super::prices::{RegionPrices, Sku};
use super::super::schedule::HOURS_PER_MONTH;
use super::super::{CostError, LineItem, round};
use super::Lines;
use crate::plan::units::cache_engine_version;
use crate::resolve::Resolved;
use crate::spec::model::CacheEngine;

/// The end of a line priced at the us-east-1 rate: the table has no
/// confirmed price of the data service in the spec's region.
pub(in crate::cost) const AT_US_EAST_1: &str = ", at the us-east-1 rate";

/// The least data ElastiCache Serverless meters per cache: 100 MB for
/// Valkey, 1 GB for Redis OSS.
fn metered_minimum_gb(engine: CacheEngine) -> f64 {
    match engine {
        CacheEngine::Valkey => 0.1,
        CacheEngine::Redis => 1.0,
    }
}

pub(super) fn data_services(l: &mut Lines<'_>, spec: &Resolved) -> Result<(), CostError> {
    let c = &spec.cost;
    if !spec.queues.is_empty() {
        // The requests are spread over the queues evenly; a FIFO queue's cost more.
        let all = spec.queues.len() as f64;
        let fifo = spec.queues.values().filter(|q| q.fifo).count() as f64;
        for (count, label, sku) in [
            (all - fifo, "SQS requests", Sku::SqsMillionRequests),
            (
                fifo,
                "SQS requests (FIFO queues)",
                Sku::SqsFifoMillionRequests,
            ),
        ] {
            if count > 0.0 {
                line(
                    l,
                    label,
                    "million requests",
                    sku,
                    c.queue_requests_millions * count / all,
                )?;
            }
        }
    }
    // One alarm per dead-letter queue (with alarm_email), and the alarm that
    // starts a worker from 0: billed per metric it reads (two).
    if spec.monitoring.alarm_email.is_some() && !spec.queues.is_empty() {
        l.fixed(
            "monitoring",
            "CloudWatch alarms (dead-letter queues)",
            "alarm",
            Sku::AlarmMonth,
            spec.queues.len() as f64,
        )?;
    }
    let from_zero = spec
        .services
        .values()
        .filter(|s| s.scaling.queue.is_some() && s.scaling.min == 0)
        .count();
    if from_zero > 0 {
        l.fixed(
            "monitoring",
            "CloudWatch alarm metrics (workers started from 0 by their queue)",
            "alarm metric",
            Sku::AlarmMonth,
            2.0 * from_zero as f64,
        )?;
    }
    if let Some(cache) = &spec.cache {
        let (engine, _) = cache_engine_version(cache.engine);
        let gb = c
            .cache_data_gb
            .max(metered_minimum_gb(cache.engine))
            .min(cache.max_storage_gb as f64);
        line(
            l,
            format!(
                "ElastiCache Serverless {engine} data stored ({} GB)",
                round(gb, 2)
            ),
            "GB-hour",
            Sku::CacheGbHour(engine),
            gb * HOURS_PER_MONTH,
        )?;
        line(
            l,
            format!("ElastiCache Serverless {engine} ECPUs"),
            "million ECPUs",
            Sku::CacheMillionEcpus(engine),
            c.cache_ecpus_millions,
        )?;
    }
    if !spec.tables.is_empty() {
        line(
            l,
            "DynamoDB on-demand writes",
            "million WRU",
            Sku::DynamoDbMillionWrites,
            c.table_writes_millions,
        )?;
        line(
            l,
            "DynamoDB on-demand reads",
            "million RRU",
            Sku::DynamoDbMillionReads,
            c.table_reads_millions,
        )?;
        line(
            l,
            "DynamoDB storage",
            "GB-month",
            Sku::DynamoDbGbMonth,
            c.table_storage_gb,
        )?;
        // Continuous backups bill the size of the tables that have them.
        let pitr = spec
            .tables
            .values()
            .filter(|t| t.point_in_time_recovery)
            .count() as f64;
        if pitr > 0.0 {
            line(
                l,
                "DynamoDB point-in-time recovery",
                "GB-month",
                Sku::DynamoDbPitrGbMonth,
                c.table_storage_gb * pitr / spec.tables.len() as f64,
            )?;
        }
    }
    Ok(())
}

/// A line that costs the same at baseline and peak, at the region's price
/// or, where the table has none for this SKU, at the us-east-1 price (the
/// line says so).
fn line(
    l: &mut Lines<'_>,
    item: impl Into<String>,
    unit: &'static str,
    sku: Sku,
    quantity: f64,
) -> Result<(), CostError> {
    let mut item = item.into();
    let quote = match l.prices.quote(sku) {
        Some(q) => q,
        None => {
            item.push_str(AT_US_EAST_1);
            RegionPrices::of("us-east-1")
                .and_then(|p| p.quote(sku))
                .ok_or_else(|| CostError::MissingPrice {
                    sku: format!("{sku:?}"),
                    region: l.prices.region.to_owned(),
                })?
        }
    };
    l.out.push(LineItem {
        category: "data",
        item,
        unit,
        baseline_quantity: round(quantity, 3),
        peak_quantity: round(quantity, 3),
        unit_price: quote.usd,
        baseline_usd: round(quantity * quote.usd, 2),
        peak_usd: round(quantity * quote.usd, 2),
        price_source: quote.source,
        price_read_on: quote.read_on,
        spot_estimate: quote.spot_estimate,
    });
    Ok(())
}
