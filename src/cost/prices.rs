//! The one table of prices: region → SKU → USD.
//!
//! Public on-demand list prices (Linux, x86, single-AZ unless the SKU says
//! otherwise), read from the AWS pricing page of each service named by
//! [`Sku::source`] on [`READ_ON`]; Datadog's per-Fargate-task prices from its
//! pricing and billing pages on [`DATADOG_READ_ON`]. Every price carries its
//! date ([`Quote::read_on`]).
//!
//! **Fargate Spot prices float** with supply and demand. Where a Spot price
//! was observed, [`SPOT_OBSERVED`] holds it with the day it was seen; elsewhere
//! the table holds 30 % of the on-demand price, an estimate, dated like the
//! on-demand prices. The estimate prints a note whenever a Spot line is in it.
//!
//! Free tiers are not in the table: a fixed per-account allowance (AWS Free
//! Tier, Cognito's 10,000 MAU, the first two budgets) is shared by every
//! environment in the account, so no environment's estimate takes it.
//!
//! To reprice, download the AWS Price List bulk offer files and run
//! `cargo run --example price_table -- OFFER.json …` (see docs/cost.md): it
//! prints each price the offers hold beside the figure here, with the offer's
//! SKU and publication date. Edit the numbers here (and [`READ_ON`]);
//! `tests/cost.rs` pins the example totals, so the change shows up as a
//! reviewed diff.

/// The date the prices below were read from the pages of [`Sku::source`].
pub const READ_ON: &str = "2026-11-25";

/// The date Datadog's per-task prices were read: the ECS Fargate rows of
/// <https://www.datadoghq.com/pricing/> (Infrastructure) and of
/// <https://docs.datadoghq.com/account_management/billing/apm_tracing_profiler/> (APM).
pub const DATADOG_READ_ON: &str = "2026-11-28";

/// Fargate Spot prices seen on a given day: region, SKU, USD, date.
pub const SPOT_OBSERVED: &[(&str, Sku, f64, &str)] = &[
    (
        "us-east-1",
        Sku::FargateSpotVcpuHour,
        0.01288871,
        "2026-09-28",
    ),
    (
        "us-east-1",
        Sku::FargateSpotGbHour,
        0.00141527,
        "2026-09-28",
    ),
];

/// One price with where and when it was read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quote {
    pub usd: f64,
    /// The page the price was read from.
    pub source: &'static str,
    /// The day it was read (for Spot: observed).
    pub read_on: &'static str,
    /// A Spot price that is 30 % of on-demand, not an observed one.
    pub spot_estimate: bool,
}
/// One priced thing. Instance SKUs carry their instance class or type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sku {
    /// Fargate Linux/x86, per vCPU-hour.
    FargateVcpuHour,
    /// Fargate Linux/x86, per GB-hour of memory.
    FargateGbHour,
    /// Fargate Linux/ARM (Graviton, `platform: arm64`), per vCPU-hour.
    FargateArmVcpuHour,
    /// Fargate Linux/ARM, per GB-hour of memory (see [`Sku::FargateArmVcpuHour`]).
    FargateArmGbHour,
    /// Fargate Spot, per vCPU-hour (floats; see [`SPOT_OBSERVED`]).
    FargateSpotVcpuHour,
    /// Fargate Spot, per GB-hour (floats; see [`SPOT_OBSERVED`]).
    FargateSpotGbHour,
    /// Fargate Spot for Linux/ARM tasks (since 2024-09-06), per vCPU-hour (floats).
    FargateArmSpotVcpuHour,
    /// Fargate Spot for Linux/ARM tasks, per GB-hour (floats).
    FargateArmSpotGbHour,
    /// Application Load Balancer, per hour.
    AlbHour,
    /// Application Load Balancer, per LCU-hour.
    AlbLcuHour,
    /// NAT gateway, per hour.
    NatHour,
    /// NAT gateway, per GB processed.
    NatGb,
    /// Interface VPC endpoint, per hour in one AZ.
    EndpointAzHour,
    /// Interface VPC endpoint, per GB processed.
    EndpointGb,
    /// Public IPv4 address (in use), per hour.
    PublicIpv4Hour,
    /// RDS for PostgreSQL, single-AZ, per instance-hour.
    RdsInstanceHour(&'static str),
    /// RDS gp3 storage, single-AZ, per GB-month.
    RdsStorageGbMonth,
    /// RDS backup storage beyond the free allowance, per GB-month.
    RdsBackupGbMonth,
    /// Aurora PostgreSQL Serverless v2 (standard), per ACU-hour.
    AuroraAcuHour,
    /// Aurora standard storage, per GB-month.
    AuroraStorageGbMonth,
    /// Aurora standard I/O, per million requests.
    AuroraIoMillion,
    /// Aurora backup storage beyond the free allowance, per GB-month.
    AuroraBackupGbMonth,
    /// S3 Standard, first 50 TB, per GB-month.
    S3GbMonth,
    /// ECR storage, per GB-month.
    EcrGbMonth,
    /// CloudWatch Logs standard ingestion, per GB.
    LogsIngestGb,
    /// CloudWatch Logs storage, per GB-month.
    LogsStorageGbMonth,
    /// CloudWatch standard-resolution alarm, per month.
    AlarmMonth,
    /// CloudWatch custom metric (first 10,000), per month.
    MetricMonth,
    /// EC2 Linux on-demand, per instance-hour.
    Ec2Hour(&'static str),
    /// EBS gp3, per GB-month.
    EbsGbMonth,
    /// Data transfer out to the internet (first 10 TB), per GB.
    DataOutGb,
    /// CloudFront data transfer out in the region's geography (first 10 TB), per GB.
    CloudFrontGb,
    /// CloudFront HTTPS requests in the region's geography, per 10,000.
    CloudFrontHttps10k,
    /// Secrets Manager, per secret-month.
    SecretMonth,
    /// KMS customer-managed key, per key-month.
    KmsKeyMonth,
    /// Route53 hosted zone (first 25), per month.
    Route53ZoneMonth,
    /// WAF web ACL, per month.
    WafAclMonth,
    /// WAF rule or rule group, per month.
    WafRuleMonth,
    /// WAF requests, per million.
    WafMillionRequests,
    /// Cognito Essentials, per MAU (the first paid tier: 10,001-100,000).
    CognitoMau,
    /// Datadog Infrastructure, ECS Fargate: per concurrent task-month (billed annually).
    DatadogInfraFargateTaskMonth,
    /// Datadog APM, ECS Fargate: per concurrent task-month (billed annually).
    DatadogApmFargateTaskMonth,
    /// SQS standard queue requests, per million (64 KB chunks).
    SqsMillionRequests,
    /// SQS FIFO queue requests, per million.
    SqsFifoMillionRequests,
    /// ElastiCache Serverless data stored, per GB-hour, by engine (`valkey`, `redis`).
    CacheGbHour(&'static str),
    /// ElastiCache Serverless processing units, per million ECPUs, by engine.
    CacheMillionEcpus(&'static str),
    /// DynamoDB on-demand (Standard table class) write request units, per million.
    DynamoDbMillionWrites,
    /// DynamoDB on-demand read request units, per million.
    DynamoDbMillionReads,
    /// DynamoDB Standard table storage, per GB-month.
    DynamoDbGbMonth,
    /// DynamoDB continuous backups (point-in-time recovery), per GB-month.
    DynamoDbPitrGbMonth,
}

impl Sku {
    /// The page the price was read from.
    pub fn source(self) -> &'static str {
        use Sku::*;
        match self {
            FargateVcpuHour
            | FargateGbHour
            | FargateArmVcpuHour
            | FargateArmGbHour
            | FargateSpotVcpuHour
            | FargateSpotGbHour
            | FargateArmSpotVcpuHour
            | FargateArmSpotGbHour => "https://aws.amazon.com/fargate/pricing/",
            AlbHour | AlbLcuHour => "https://aws.amazon.com/elasticloadbalancing/pricing/",
            NatHour | NatGb | PublicIpv4Hour => "https://aws.amazon.com/vpc/pricing/",
            EndpointAzHour | EndpointGb => "https://aws.amazon.com/privatelink/pricing/",
            RdsInstanceHour(_) | RdsStorageGbMonth | RdsBackupGbMonth => {
                "https://aws.amazon.com/rds/postgresql/pricing/"
            }
            AuroraAcuHour | AuroraStorageGbMonth | AuroraIoMillion | AuroraBackupGbMonth => {
                "https://aws.amazon.com/rds/aurora/pricing/"
            }
            S3GbMonth => "https://aws.amazon.com/s3/pricing/",
            EcrGbMonth => "https://aws.amazon.com/ecr/pricing/",
            LogsIngestGb | LogsStorageGbMonth | AlarmMonth | MetricMonth => {
                "https://aws.amazon.com/cloudwatch/pricing/"
            }
            Ec2Hour(_) | DataOutGb => "https://aws.amazon.com/ec2/pricing/on-demand/",
            EbsGbMonth => "https://aws.amazon.com/ebs/pricing/",
            CloudFrontGb | CloudFrontHttps10k => "https://aws.amazon.com/cloudfront/pricing/",
            SecretMonth => "https://aws.amazon.com/secrets-manager/pricing/",
            Route53ZoneMonth => "https://aws.amazon.com/route53/pricing/",
            KmsKeyMonth => "https://aws.amazon.com/kms/pricing/",
            WafAclMonth | WafRuleMonth | WafMillionRequests => {
                "https://aws.amazon.com/waf/pricing/"
            }
            CognitoMau => "https://aws.amazon.com/cognito/pricing/",
            DatadogInfraFargateTaskMonth => "https://www.datadoghq.com/pricing/",
            DatadogApmFargateTaskMonth => {
                "https://docs.datadoghq.com/account_management/billing/apm_tracing_profiler/"
            }
            SqsMillionRequests | SqsFifoMillionRequests => "https://aws.amazon.com/sqs/pricing/",
            CacheGbHour(_) | CacheMillionEcpus(_) => "https://aws.amazon.com/elasticache/pricing/",
            DynamoDbMillionWrites
            | DynamoDbMillionReads
            | DynamoDbGbMonth
            | DynamoDbPitrGbMonth => "https://aws.amazon.com/dynamodb/pricing/on-demand/",
        }
    }
}

use Sku::*;

/// Prices that are the same in every region (or not AWS's at all).
const GLOBAL: &[(Sku, f64)] = &[
    (PublicIpv4Hour, 0.005),
    (EcrGbMonth, 0.10),
    (SecretMonth, 0.40),
    (KmsKeyMonth, 1.00),
    (Route53ZoneMonth, 0.50),
    (WafAclMonth, 5.00),
    (WafRuleMonth, 1.00),
    (WafMillionRequests, 0.60),
    (CognitoMau, 0.015),
    (DatadogInfraFargateTaskMonth, 1.00),
    (DatadogApmFargateTaskMonth, 6.00),
];

const AP_NORTHEAST_1: &[(Sku, f64)] = &[
    (FargateVcpuHour, 0.05056),
    (FargateGbHour, 0.00553),
    // APN1-Fargate-ARM-vCPU-Hours:perCPU / -ARM-GB-Hours, AmazonECS offer of 2026-07-07.
    (FargateArmVcpuHour, 0.04045),
    (FargateArmGbHour, 0.00442),
    (FargateSpotVcpuHour, 0.01517),
    (FargateSpotGbHour, 0.00166),
    (FargateArmSpotVcpuHour, 0.012135),
    (FargateArmSpotGbHour, 0.001326),
    (AlbHour, 0.0243),
    (AlbLcuHour, 0.008),
    (NatHour, 0.062),
    (NatGb, 0.062),
    (EndpointAzHour, 0.014),
    (EndpointGb, 0.01),
    (RdsInstanceHour("db.t4g.micro"), 0.025),
    (RdsInstanceHour("db.t4g.small"), 0.050),
    (RdsInstanceHour("db.t4g.medium"), 0.101),
    (RdsInstanceHour("db.t4g.large"), 0.202),
    (RdsInstanceHour("db.t3.micro"), 0.028),
    (RdsInstanceHour("db.t3.small"), 0.056),
    (RdsInstanceHour("db.t3.medium"), 0.112),
    (RdsInstanceHour("db.m7g.large"), 0.234),
    (RdsInstanceHour("db.r7g.large"), 0.287),
    (RdsStorageGbMonth, 0.138),
    (RdsBackupGbMonth, 0.095),
    (AuroraAcuHour, 0.15),
    (AuroraStorageGbMonth, 0.12),
    (AuroraIoMillion, 0.24),
    (AuroraBackupGbMonth, 0.023),
    (S3GbMonth, 0.025),
    (LogsIngestGb, 0.76),
    (LogsStorageGbMonth, 0.033),
    (AlarmMonth, 0.10),
    (MetricMonth, 0.30),
    (Ec2Hour("t3.nano"), 0.0068),
    (Ec2Hour("t3.micro"), 0.0136),
    (Ec2Hour("t3.small"), 0.0272),
    (Ec2Hour("t4g.nano"), 0.0054),
    (Ec2Hour("t4g.micro"), 0.0108),
    (Ec2Hour("t4g.small"), 0.0216),
    (EbsGbMonth, 0.096),
    (DataOutGb, 0.114),
    (CloudFrontGb, 0.114),
    (CloudFrontHttps10k, 0.012),
];

const US_EAST_1: &[(Sku, f64)] = &[
    (FargateVcpuHour, 0.04048),
    (FargateGbHour, 0.004445),
    (FargateArmVcpuHour, 0.03238),
    (FargateArmGbHour, 0.00356),
    (FargateSpotVcpuHour, 0.01214),
    (FargateSpotGbHour, 0.001334),
    (FargateArmSpotVcpuHour, 0.009714),
    (FargateArmSpotGbHour, 0.001068),
    (AlbHour, 0.0225),
    (AlbLcuHour, 0.008),
    (NatHour, 0.045),
    (NatGb, 0.045),
    (EndpointAzHour, 0.01),
    (EndpointGb, 0.01),
    (RdsInstanceHour("db.t4g.micro"), 0.016),
    (RdsInstanceHour("db.t4g.small"), 0.032),
    (RdsInstanceHour("db.t4g.medium"), 0.065),
    (RdsInstanceHour("db.t4g.large"), 0.129),
    (RdsInstanceHour("db.t3.micro"), 0.018),
    (RdsInstanceHour("db.t3.small"), 0.036),
    (RdsInstanceHour("db.t3.medium"), 0.072),
    (RdsInstanceHour("db.m7g.large"), 0.168),
    (RdsInstanceHour("db.r7g.large"), 0.239),
    (RdsStorageGbMonth, 0.115),
    (RdsBackupGbMonth, 0.095),
    (AuroraAcuHour, 0.12),
    (AuroraStorageGbMonth, 0.10),
    (AuroraIoMillion, 0.20),
    (AuroraBackupGbMonth, 0.021),
    (S3GbMonth, 0.023),
    (LogsIngestGb, 0.50),
    (LogsStorageGbMonth, 0.03),
    (AlarmMonth, 0.10),
    (MetricMonth, 0.30),
    (Ec2Hour("t3.nano"), 0.0052),
    (Ec2Hour("t3.micro"), 0.0104),
    (Ec2Hour("t3.small"), 0.0208),
    (Ec2Hour("t4g.nano"), 0.0042),
    (Ec2Hour("t4g.micro"), 0.0084),
    (Ec2Hour("t4g.small"), 0.0168),
    (EbsGbMonth, 0.08),
    (DataOutGb, 0.09),
    (CloudFrontGb, 0.085),
    (CloudFrontHttps10k, 0.01),
];

/// Oregon lists the same prices as N. Virginia for every SKU here.
const US_WEST_2: &[(Sku, f64)] = US_EAST_1;

const EU_WEST_1: &[(Sku, f64)] = &[
    (FargateVcpuHour, 0.04048),
    (FargateGbHour, 0.004445),
    // EU-Fargate-ARM-vCPU-Hours:perCPU (SKU KXC9CEUQGJQPNZPY), EU-Fargate-ARM-GB-Hours (MGJ5EB5GSHR8QZDF).
    (FargateArmVcpuHour, 0.03238),
    (FargateArmGbHour, 0.00356),
    (FargateSpotVcpuHour, 0.01214),
    (FargateSpotGbHour, 0.001334),
    (FargateArmSpotVcpuHour, 0.009714),
    (FargateArmSpotGbHour, 0.001068),
    (AlbHour, 0.0252),
    (AlbLcuHour, 0.008),
    (NatHour, 0.048),
    (NatGb, 0.048),
    (EndpointAzHour, 0.011),
    (EndpointGb, 0.01),
    (RdsInstanceHour("db.t4g.micro"), 0.017),
    (RdsInstanceHour("db.t4g.small"), 0.035),
    (RdsInstanceHour("db.t4g.medium"), 0.069),
    (RdsInstanceHour("db.t4g.large"), 0.138),
    (RdsInstanceHour("db.t3.micro"), 0.020),
    (RdsInstanceHour("db.t3.small"), 0.039),
    (RdsInstanceHour("db.t3.medium"), 0.078),
    (RdsInstanceHour("db.m7g.large"), 0.186),
    (RdsInstanceHour("db.r7g.large"), 0.268),
    (RdsStorageGbMonth, 0.127),
    (RdsBackupGbMonth, 0.095),
    (AuroraAcuHour, 0.14),
    (AuroraStorageGbMonth, 0.11),
    (AuroraIoMillion, 0.22),
    (AuroraBackupGbMonth, 0.021),
    (S3GbMonth, 0.023),
    (LogsIngestGb, 0.57),
    (LogsStorageGbMonth, 0.03),
    (AlarmMonth, 0.10),
    (MetricMonth, 0.30),
    (Ec2Hour("t3.nano"), 0.0057),
    (Ec2Hour("t3.micro"), 0.0114),
    (Ec2Hour("t3.small"), 0.0228),
    (Ec2Hour("t4g.nano"), 0.0046),
    (Ec2Hour("t4g.micro"), 0.0092),
    (Ec2Hour("t4g.small"), 0.0184),
    (EbsGbMonth, 0.088),
    (DataOutGb, 0.09),
    (CloudFrontGb, 0.085),
    (CloudFrontHttps10k, 0.012),
];

const EU_CENTRAL_1: &[(Sku, f64)] = &[
    (FargateVcpuHour, 0.04656),
    (FargateGbHour, 0.00511),
    // Not read for Frankfurt itself: the Linux/ARM rate of the regions whose x86 rate is
    // Frankfurt's (eu-west-2, ap-northeast-2: $0.04656 / $0.00511), 20 % below x86 as in
    // every region read. Refresh with `cargo run --example price_table` (docs/cost.md).
    (FargateArmVcpuHour, 0.03725),
    (FargateArmGbHour, 0.00409),
    (FargateSpotVcpuHour, 0.01397),
    (FargateSpotGbHour, 0.001533),
    (FargateArmSpotVcpuHour, 0.011175),
    (FargateArmSpotGbHour, 0.001227),
    (AlbHour, 0.027),
    (AlbLcuHour, 0.008),
    (NatHour, 0.052),
    (NatGb, 0.052),
    (EndpointAzHour, 0.012),
    (EndpointGb, 0.01),
    (RdsInstanceHour("db.t4g.micro"), 0.019),
    (RdsInstanceHour("db.t4g.small"), 0.037),
    (RdsInstanceHour("db.t4g.medium"), 0.074),
    (RdsInstanceHour("db.t4g.large"), 0.149),
    (RdsInstanceHour("db.t3.micro"), 0.021),
    (RdsInstanceHour("db.t3.small"), 0.042),
    (RdsInstanceHour("db.t3.medium"), 0.084),
    (RdsInstanceHour("db.m7g.large"), 0.200),
    (RdsInstanceHour("db.r7g.large"), 0.291),
    (RdsStorageGbMonth, 0.137),
    (RdsBackupGbMonth, 0.103),
    (AuroraAcuHour, 0.14),
    (AuroraStorageGbMonth, 0.119),
    (AuroraIoMillion, 0.22),
    (AuroraBackupGbMonth, 0.023),
    (S3GbMonth, 0.0245),
    (LogsIngestGb, 0.63),
    (LogsStorageGbMonth, 0.0324),
    (AlarmMonth, 0.10),
    (MetricMonth, 0.30),
    (Ec2Hour("t3.nano"), 0.006),
    (Ec2Hour("t3.micro"), 0.012),
    (Ec2Hour("t3.small"), 0.024),
    (Ec2Hour("t4g.nano"), 0.0048),
    (Ec2Hour("t4g.micro"), 0.0096),
    (Ec2Hour("t4g.small"), 0.0192),
    (EbsGbMonth, 0.0952),
    (DataOutGb, 0.09),
    (CloudFrontGb, 0.085),
    (CloudFrontHttps10k, 0.012),
];

/// The day the data services' prices (SQS, ElastiCache Serverless, DynamoDB
/// on demand) were read.
pub const DATA_READ_ON: &str = "2026-11-28";

/// The data services' prices, by region: only where they were confirmed
/// (us-east-1, and us-west-2, which lists the same). SQS $0.40 / $0.50 (FIFO)
/// per million requests; ElastiCache Serverless Valkey $0.084 per GB-hour and
/// $0.0023 per million ECPUs, Redis OSS $0.125 and $0.0034; DynamoDB on demand
/// $0.625 per million writes and $0.125 per million reads (since the November
/// 2024 price cut), $0.25 per GB-month of storage and $0.20 of continuous
/// backups. Elsewhere the estimate prices them at the us-east-1 rate and
/// says so on the line and in a note (see `cost::items::data`).
const DATA_SERVICES: &[(&str, Sku, f64)] = &[
    ("us-east-1", SqsMillionRequests, 0.40),
    ("us-east-1", SqsFifoMillionRequests, 0.50),
    ("us-east-1", CacheGbHour("valkey"), 0.084),
    ("us-east-1", CacheMillionEcpus("valkey"), 0.0023),
    ("us-east-1", CacheGbHour("redis"), 0.125),
    ("us-east-1", CacheMillionEcpus("redis"), 0.0034),
    ("us-east-1", DynamoDbMillionWrites, 0.625),
    ("us-east-1", DynamoDbMillionReads, 0.125),
    ("us-east-1", DynamoDbGbMonth, 0.25),
    ("us-east-1", DynamoDbPitrGbMonth, 0.20),
    ("us-west-2", SqsMillionRequests, 0.40),
    ("us-west-2", SqsFifoMillionRequests, 0.50),
    ("us-west-2", CacheGbHour("valkey"), 0.084),
    ("us-west-2", CacheMillionEcpus("valkey"), 0.0023),
    ("us-west-2", CacheGbHour("redis"), 0.125),
    ("us-west-2", CacheMillionEcpus("redis"), 0.0034),
    ("us-west-2", DynamoDbMillionWrites, 0.625),
    ("us-west-2", DynamoDbMillionReads, 0.125),
    ("us-west-2", DynamoDbGbMonth, 0.25),
    ("us-west-2", DynamoDbPitrGbMonth, 0.20),
];

/// Every priced region and its table.
const REGIONS: &[(&str, &[(Sku, f64)])] = &[
    ("ap-northeast-1", AP_NORTHEAST_1),
    ("eu-central-1", EU_CENTRAL_1),
    ("eu-west-1", EU_WEST_1),
    ("us-east-1", US_EAST_1),
    ("us-west-2", US_WEST_2),
];

/// The prices of one region.
#[derive(Debug, Clone, Copy)]
pub struct RegionPrices {
    /// The region code.
    pub region: &'static str,
    table: &'static [(Sku, f64)],
}

impl RegionPrices {
    /// The prices of `region`, when it is priced.
    pub fn of(region: &str) -> Option<RegionPrices> {
        REGIONS
            .iter()
            .find(|(code, _)| *code == region)
            .map(|&(region, table)| RegionPrices { region, table })
    }

    /// The USD price of `sku` here: an observed Spot price first, then the
    /// region's table, then the region-independent one.
    pub fn get(&self, sku: Sku) -> Option<f64> {
        self.quote(sku).map(|q| q.usd)
    }

    /// The price of `sku` here with its source and date.
    pub fn quote(&self, sku: Sku) -> Option<Quote> {
        if let Some(&(_, _, usd, day)) = SPOT_OBSERVED
            .iter()
            .find(|(region, s, _, _)| *region == self.region && *s == sku)
        {
            return Some(Quote {
                usd,
                source: sku.source(),
                read_on: day,
                spot_estimate: false,
            });
        }
        if let Some(&(_, _, usd)) = DATA_SERVICES
            .iter()
            .find(|(region, s, _)| *region == self.region && *s == sku)
        {
            return Some(Quote {
                usd,
                source: sku.source(),
                read_on: DATA_READ_ON,
                spot_estimate: false,
            });
        }
        let datadog = matches!(
            sku,
            Sku::DatadogInfraFargateTaskMonth | Sku::DatadogApmFargateTaskMonth
        );
        self.table
            .iter()
            .chain(GLOBAL)
            .find(|(s, _)| *s == sku)
            .map(|&(_, usd)| Quote {
                usd,
                source: sku.source(),
                read_on: if datadog { DATADOG_READ_ON } else { READ_ON },
                spot_estimate: matches!(
                    sku,
                    Sku::FargateSpotVcpuHour
                        | Sku::FargateSpotGbHour
                        | Sku::FargateArmSpotVcpuHour
                        | Sku::FargateArmSpotGbHour
                ),
            })
    }

    /// The priced values of an instance SKU family, e.g. every `RdsInstanceHour` class.
    pub fn priced_names(&self, family: fn(&Sku) -> Option<&'static str>) -> Vec<&'static str> {
        self.table.iter().filter_map(|(s, _)| family(s)).collect()
    }
}

/// The codes of every priced region, sorted.
pub fn priced_regions() -> Vec<&'static str> {
    REGIONS.iter().map(|(code, _)| *code).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every region prices every SKU that the estimate asks for.
    #[test]
    fn every_region_prices_every_plain_sku() {
        let plain = [
            FargateVcpuHour,
            FargateGbHour,
            FargateSpotVcpuHour,
            FargateSpotGbHour,
            FargateArmVcpuHour,
            FargateArmGbHour,
            FargateArmSpotVcpuHour,
            FargateArmSpotGbHour,
            AlbHour,
            AlbLcuHour,
            NatHour,
            NatGb,
            EndpointAzHour,
            EndpointGb,
            PublicIpv4Hour,
            RdsStorageGbMonth,
            RdsBackupGbMonth,
            AuroraAcuHour,
            AuroraStorageGbMonth,
            AuroraIoMillion,
            AuroraBackupGbMonth,
            S3GbMonth,
            EcrGbMonth,
            LogsIngestGb,
            LogsStorageGbMonth,
            AlarmMonth,
            MetricMonth,
            EbsGbMonth,
            DataOutGb,
            CloudFrontGb,
            CloudFrontHttps10k,
            SecretMonth,
            KmsKeyMonth,
            Route53ZoneMonth,
            WafAclMonth,
            WafRuleMonth,
            WafMillionRequests,
            CognitoMau,
            DatadogInfraFargateTaskMonth,
            DatadogApmFargateTaskMonth,
        ];
        for region in priced_regions() {
            let prices = RegionPrices::of(region).expect("priced");
            for sku in plain {
                let usd = prices.get(sku);
                assert!(
                    usd.is_some_and(|p| p > 0.0),
                    "{region} has no price for {sku:?}"
                );
                assert!(sku.source().starts_with("https://"));
            }
            for class in ["db.t4g.micro", "db.t3.micro"] {
                assert!(
                    prices.get(RdsInstanceHour(class)).is_some(),
                    "{region} {class}"
                );
            }
            assert!(prices.get(Ec2Hour("t3.nano")).is_some(), "{region} t3.nano");
        }
    }

    #[test]
    fn spot_is_the_observed_price_where_one_is_known_else_an_estimate() {
        let east = RegionPrices::of("us-east-1").unwrap();
        let q = east.quote(FargateSpotVcpuHour).unwrap();
        assert_eq!(
            (q.usd, q.read_on, q.spot_estimate),
            (0.01288871, "2026-09-28", false)
        );
        assert_eq!(east.get(FargateSpotGbHour), Some(0.00141527));
        // Oregon shares Virginia's table but not its observed Spot price.
        let west = RegionPrices::of("us-west-2").unwrap();
        let q = west.quote(FargateSpotVcpuHour).unwrap();
        assert!(q.spot_estimate && q.read_on == READ_ON);
        assert!(!east.quote(FargateVcpuHour).unwrap().spot_estimate);
    }

    #[test]
    fn datadog_prices_carry_their_own_date() {
        let q = RegionPrices::of("eu-west-1")
            .unwrap()
            .quote(DatadogApmFargateTaskMonth)
            .unwrap();
        assert_eq!((q.usd, q.read_on), (6.0, DATADOG_READ_ON));
    }

    #[test]
    fn each_region_lists_each_sku_once() {
        for (region, table) in REGIONS {
            for (i, (sku, _)) in table.iter().enumerate() {
                assert!(
                    table[..i].iter().all(|(s, _)| s != sku),
                    "{region}: {sku:?} twice"
                );
            }
        }
    }
}
