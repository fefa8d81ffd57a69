//! Reads AWS Price List bulk offer files (the public, credential-free JSON at
//! `https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/<OfferCode>/current/<region>/index.json`)
//! and finds the on-demand price of every SKU of [`super::prices`] they hold,
//! for `cargo run --example price_table -- OFFER.json …` (docs/cost.md).
//!
//! An offer file has `offerCode`, `version`, `publicationDate`, `products`
//! (offer SKU → `sku`, `productFamily`, `attributes` such as `regionCode` and
//! `usagetype`) and `terms.OnDemand` (offer SKU → term code → `priceDimensions`
//! → rate code → `unit`, `beginRange`, `pricePerUnit.USD`). A product matches a
//! tfgen SKU by its offer code, its usage type without the region prefix
//! (`APN1-`, `USE1-` …) and, where the usage type is shared, a few attributes
//! (e.g. `databaseEngine: PostgreSQL`). Tiered prices take the first paid tier,
//! as the table does.

use super::prices::{RegionPrices, Sku, priced_regions};
use serde_json::Value;
use std::fmt::Write;

/// One price found in an offer file.
#[derive(Debug, Clone, PartialEq)]
pub struct OfferPrice {
    pub region: String,
    /// The tfgen SKU, as written in `prices.rs`, e.g. `RdsInstanceHour("db.t4g.medium")`.
    pub sku: String,
    /// USD per tfgen unit (Aurora I/O per million requests, as the table).
    pub usd: f64,
    /// The offer's unit, e.g. `Hrs`, `GB-Mo`.
    pub unit: String,
    /// The offer file's SKU of the product.
    pub offer_sku: String,
    pub offer_code: String,
    /// The offer file's `publicationDate`.
    pub publication_date: String,
    /// The price in tfgen's table today, when it has one.
    pub table_usd: Option<f64>,
}

/// Usage-type prefixes of the priced regions (us-east-1 EC2 usage has none).
const REGION_PREFIXES: &[&str] = &["APN1-", "USE1-", "USW2-", "EUC1-", "EU-"];

fn strip_region(usagetype: &str) -> &str {
    REGION_PREFIXES
        .iter()
        .find_map(|p| usagetype.strip_prefix(p))
        .unwrap_or(usagetype)
}

/// The tfgen SKU a product is, if any: (SKU, multiplier from the offer's unit).
fn match_product(offer: &str, family: &str, attrs: &Value) -> Option<(Sku, f64)> {
    let attr = |k: &str| attrs[k].as_str().unwrap_or("");
    let usage = strip_region(attr("usagetype"));
    let postgres = matches!(attr("databaseEngine"), "PostgreSQL" | "Any" | "");
    let sku = match (offer, usage) {
        ("AmazonECS", "Fargate-vCPU-Hours:perCPU") => Sku::FargateVcpuHour,
        ("AmazonECS", "Fargate-GB-Hours") => Sku::FargateGbHour,
        ("AmazonECS", "Fargate-ARM-vCPU-Hours:perCPU") => Sku::FargateArmVcpuHour,
        ("AmazonECS", "Fargate-ARM-GB-Hours") => Sku::FargateArmGbHour,
        ("AmazonECS", "SpotUsage-Fargate-vCPU-Hours:perCPU") => Sku::FargateSpotVcpuHour,
        ("AmazonECS", "SpotUsage-Fargate-GB-Hours") => Sku::FargateSpotGbHour,
        ("AmazonECS", "SpotUsage-Fargate-ARM-vCPU-Hours:perCPU") => Sku::FargateArmSpotVcpuHour,
        ("AmazonECS", "SpotUsage-Fargate-ARM-GB-Hours") => Sku::FargateArmSpotGbHour,
        ("AmazonRDS", u) if u.starts_with("InstanceUsage:") => {
            if attr("databaseEngine") != "PostgreSQL" {
                return None;
            }
            let class = &u["InstanceUsage:".len()..];
            return static_name(class, |s| match s {
                Sku::RdsInstanceHour(c) => Some(*c),
                _ => None,
            })
            .map(|c| (Sku::RdsInstanceHour(c), 1.0));
        }
        ("AmazonRDS", "RDS:GP3-Storage") if postgres => Sku::RdsStorageGbMonth,
        ("AmazonRDS", "RDS:ChargedBackupUsage") if postgres => Sku::RdsBackupGbMonth,
        ("AmazonRDS", "Aurora:ServerlessV2Usage") => Sku::AuroraAcuHour,
        ("AmazonRDS", "Aurora:StorageUsage") => Sku::AuroraStorageGbMonth,
        ("AmazonRDS", "Aurora:StorageIOUsage") => return Some((Sku::AuroraIoMillion, 1e6)),
        ("AmazonRDS", "Aurora:BackupUsage") => Sku::AuroraBackupGbMonth,
        ("AmazonEC2", u) if u.starts_with("BoxUsage:") => {
            let linux = attr("operatingSystem") == "Linux"
                && attr("tenancy") == "Shared"
                && attr("preInstalledSw") == "NA"
                && matches!(attr("capacitystatus"), "Used" | "");
            if !linux {
                return None;
            }
            return static_name(&u["BoxUsage:".len()..], |s| match s {
                Sku::Ec2Hour(t) => Some(*t),
                _ => None,
            })
            .map(|t| (Sku::Ec2Hour(t), 1.0));
        }
        ("AmazonEC2", "EBS:VolumeUsage.gp3") => Sku::EbsGbMonth,
        ("AmazonEC2", "NatGateway-Hours") => Sku::NatHour,
        ("AmazonEC2", "NatGateway-Bytes") => Sku::NatGb,
        ("AmazonEC2", "DataTransfer-Out-Bytes") => Sku::DataOutGb,
        ("AmazonVPC", "PublicIPv4:InUseAddress") => Sku::PublicIpv4Hour,
        ("AmazonVPC", "VpcEndpoint-Hours") => Sku::EndpointAzHour,
        ("AmazonVPC", "VpcEndpoint-Bytes") => Sku::EndpointGb,
        ("AWSELB", "LoadBalancerUsage") if family == "Load Balancer-Application" => Sku::AlbHour,
        ("AWSELB", "LCUUsage") if family == "Load Balancer-Application" => Sku::AlbLcuHour,
        ("AmazonS3", "TimedStorage-ByteHrs") if attr("volumeType") == "Standard" => Sku::S3GbMonth,
        ("AmazonECR", "TimedStorage-ByteHrs") => Sku::EcrGbMonth,
        ("AmazonCloudWatch", "DataProcessing-Bytes") => Sku::LogsIngestGb,
        ("AmazonCloudWatch", "TimedStorage-ByteHrs") => Sku::LogsStorageGbMonth,
        ("AmazonCloudWatch", "CW:AlarmMonitorUsage") => Sku::AlarmMonth,
        ("AmazonCloudWatch", "CW:MetricMonitorUsage") => Sku::MetricMonth,
        ("AWSSecretsManager", "AWSSecretsManager-Secrets") => Sku::SecretMonth,
        ("awskms", "KMS-Keys") => Sku::KmsKeyMonth,
        _ => return None,
    };
    Some((sku, 1.0))
}

/// The `&'static` name tfgen's table uses for an instance class or type.
fn static_name(name: &str, family: fn(&Sku) -> Option<&'static str>) -> Option<&'static str> {
    priced_regions()
        .into_iter()
        .filter_map(RegionPrices::of)
        .flat_map(|p| p.priced_names(family))
        .find(|n| *n == name)
}

/// The on-demand price of one offer SKU: the first paid tier (lowest
/// `beginRange` with a price above 0), with its unit.
fn on_demand(terms: &Value, offer_sku: &str) -> Option<(f64, String)> {
    let mut dims: Vec<(f64, f64, String)> = terms[offer_sku]
        .as_object()?
        .values()
        .filter_map(|term| term["priceDimensions"].as_object())
        .flat_map(|d| d.values())
        .filter_map(|d| {
            let usd: f64 = d["pricePerUnit"]["USD"].as_str()?.parse().ok()?;
            let begin: f64 = d["beginRange"]
                .as_str()
                .unwrap_or("0")
                .parse()
                .unwrap_or(0.0);
            let unit = d["unit"].as_str().unwrap_or("").to_owned();
            (usd > 0.0).then_some((begin, usd, unit))
        })
        .collect();
    dims.sort_by(|a, b| a.0.total_cmp(&b.0));
    dims.into_iter().next().map(|(_, usd, unit)| (usd, unit))
}

/// Every tfgen price in one offer file's JSON text.
pub fn read_offer(json: &str) -> Result<Vec<OfferPrice>, String> {
    let offer: Value =
        serde_json::from_str(json).map_err(|e| format!("not an offer file (JSON): {e}"))?;
    let offer_code = offer["offerCode"]
        .as_str()
        .ok_or("not an offer file: no `offerCode`")?
        .to_owned();
    let publication_date = offer["publicationDate"]
        .as_str()
        .ok_or("not an offer file: no `publicationDate`")?
        .to_owned();
    let products = offer["products"]
        .as_object()
        .ok_or("not an offer file: no `products`")?;
    let terms = &offer["terms"]["OnDemand"];
    let mut out = Vec::new();
    for (offer_sku, product) in products {
        let attrs = &product["attributes"];
        let family = product["productFamily"].as_str().unwrap_or("");
        let Some(region) = attrs["regionCode"].as_str() else {
            continue;
        };
        let Some(table) = RegionPrices::of(region) else {
            continue;
        };
        let Some((sku, per)) = match_product(&offer_code, family, attrs) else {
            continue;
        };
        let Some((usd, unit)) = on_demand(terms, offer_sku) else {
            continue;
        };
        out.push(OfferPrice {
            region: region.to_owned(),
            sku: format!("{sku:?}"),
            usd: usd * per,
            unit: if per == 1.0 {
                unit
            } else {
                format!("{per} {unit}")
            },
            offer_sku: offer_sku.clone(),
            offer_code: offer_code.clone(),
            publication_date: publication_date.clone(),
            table_usd: table.get(sku),
        });
    }
    out.sort_by(|a, b| (&a.region, &a.sku).cmp(&(&b.region, &b.sku)));
    Ok(out)
}

/// The prices as `prices.rs` rows by region, each with its offer SKU,
/// publication date and today's figure: the new table to paste.
pub fn render(prices: &[OfferPrice]) -> String {
    let mut out = String::new();
    let mut region = "";
    for p in prices {
        if p.region != region {
            region = &p.region;
            let _ = writeln!(out, "// {region}");
        }
        let today = match p.table_usd {
            Some(t) if (t - p.usd).abs() < 1e-9 => "unchanged".to_owned(),
            Some(t) => format!("table has {t}"),
            None => "not in the table".to_owned(),
        };
        let _ = writeln!(
            out,
            "    ({}, {}), // {} SKU {}, published {}, per {}; {today}",
            p.sku,
            trim(p.usd),
            p.offer_code,
            p.offer_sku,
            p.publication_date,
            p.unit
        );
    }
    out
}

/// A price without trailing zeros: `0.101`, `1`.
fn trim(x: f64) -> String {
    let text = format!("{x:.10}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}
