//! The spec language, version 1, as written by users (see `docs/spec.md`).
//!
//! Every field is optional unless spec-v1 marks it required: an absent field is
//! filled by `resolve` from the profile or a plain default. The doc comments
//! become the descriptions of the JSON Schema that editors use.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A tfgen environment spec: one environment of one web application on AWS.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "tfgen environment spec, version 1")]
#[schemars(extend("defaultSnippets" = [{
    "label": "tfgen spec",
    "description": "A spec with one service on port 3000 serving /",
    "body": {
        "version": 1,
        "project": "${1:my-app}",
        "environment": "${2:dev}",
        "region": "${3:eu-west-1}",
        "services": { "${4:web}": { "port": 3000, "path": "/" } }
    }
}]))]
pub struct Spec {
    /// Version of the spec language. Only 1 is accepted today.
    #[schemars(extend("const" = 1, "default" = 1))]
    pub version: u32,
    /// Project name: the prefix of every resource name. Lowercase letters, digits and single hyphens between them, starting with a letter, 3-30 characters.
    #[schemars(
        regex(pattern = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"),
        length(min = 3, max = 30),
        extend("patternErrorMessage" = "Use lowercase letters, digits and single hyphens between them, starting with a letter (3-30 characters)")
    )]
    pub project: String,
    /// Environment name, e.g. staging or prod: the folder under generated/ and part of every resource name. Lowercase letters, digits and single hyphens between them, starting with a letter, 1-15 characters.
    #[schemars(
        regex(pattern = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"),
        length(min = 1, max = 15),
        extend("patternErrorMessage" = "Use lowercase letters, digits and single hyphens between them, starting with a letter (1-15 characters)")
    )]
    pub environment: String,
    /// AWS region code the environment is deployed to.
    pub region: Region,
    /// Cost profile that supplies the defaults of every field not set here (default: balanced).
    #[schemars(extend("default" = "balanced"))]
    pub profile: Option<Profile>,
    /// The binary Terragrunt runs: terraform (default) or tofu (OpenTofu). Pinned in root.hcl, so a `tofu` on the PATH is not picked up by surprise.
    #[schemars(extend("default" = "terraform"))]
    pub tool: Option<Tool>,
    /// The AWS account ID (12 digits) of this environment: the provider refuses to run with credentials of any other account.
    #[schemars(regex(pattern = r"^[0-9]{12}$"), extend("patternErrorMessage" = "An AWS account ID is 12 digits, e.g. \"123456789012\" (quote it)"))]
    pub account_id: Option<String>,
    /// Extra tags on every resource. Project, Environment and ManagedBy are always added.
    #[schemars(title = "Tags")]
    pub tags: Option<BTreeMap<String, String>>,
    /// Where Terraform state lives.
    pub state: Option<State>,
    /// VPC, subnets, NAT and VPC endpoints.
    pub network: Option<Network>,
    /// Who may reach the load balancer: IP allow-list and WAF.
    pub access: Option<Access>,
    /// Custom domain with TLS. Without it the app is served on the ALB DNS name over HTTP.
    pub domain: Option<Domain>,
    /// The services: an ordered map of name to an ECS Fargate service (web behind the ALB, backend or worker).
    #[schemars(title = "Services", extend("minProperties" = 1), transform = crate::spec::schema::service_names)]
    pub services: IndexMap<String, Service>,
    /// Business hours: run the ECS services only in these hours (0 tasks outside).
    pub schedule: Option<Schedule>,
    /// Jobs: an ordered map of name to an ECS task run on the environment's cluster, on a schedule (EventBridge Scheduler) or on demand (one-off, e.g. migrations). Job and service names share one namespace.
    #[schemars(title = "Jobs", transform = crate::spec::schema::job_names)]
    pub jobs: Option<IndexMap<String, Job>>,
    /// The relational database.
    pub database: Option<Database>,
    /// The static-assets S3 bucket.
    pub storage: Option<Storage>,
    /// One ECR repository per service without `image`.
    pub registry: Option<Registry>,
    /// An EC2 instance reached only through SSM Session Manager, for database access.
    pub bastion: Option<Bastion>,
    /// CloudFront in front of the ALB, serving static paths from the assets bucket.
    pub cdn: Option<Cdn>,
    /// A Cognito user pool and app client for the web app.
    pub auth: Option<Auth>,
    /// Logs, metrics, alarms, Datadog and Sentry.
    pub monitoring: Option<Monitoring>,
    /// An AWS Budgets alert on the monthly cost.
    pub budget: Option<Budget>,
    /// A MongoDB Atlas cluster on AWS in the environment's region, reached by the services listed in `clients`.
    pub mongodb: Option<Mongodb>,
    /// Usage assumptions of `tfgen cost` (traffic, data and storage volumes); generates nothing.
    pub cost: Option<Cost>,
    /// SQS queues, each with a dead-letter queue: name → queue. Producers may send, consumers receive and delete; each gets `<NAME>_QUEUE_URL`.
    #[schemars(title = "Queues (SQS)", transform = crate::spec::schema::data_names)]
    pub queues: Option<IndexMap<String, Queue>>,
    /// An ElastiCache Serverless cache (Valkey or Redis OSS) in the private subnets; its clients get `CACHE_URL`.
    pub cache: Option<Cache>,
    /// DynamoDB tables (on-demand): name → table. Clients read and write, readers read; each gets `TABLE_<NAME>`.
    #[schemars(title = "Tables (DynamoDB)", transform = crate::spec::schema::data_names)]
    pub tables: Option<IndexMap<String, Table>>,
    /// The repository around the tree: pinned tools (mise.toml), lint (.tflint.hcl, pre-commit), .gitignore, and with `github`, the GitHub Actions workflows and the `ci` unit (OIDC deploy and plan roles).
    pub repository: Option<Repository>,
}

/// A cost profile: a coherent set of defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(title = "Cost profile")]
pub enum Profile {
    /// Cheapest: no NAT, one small task, RDS micro, business hours only (the seed staging).
    Minimal,
    /// Production on a budget: one NAT, Aurora Serverless v2 with a reader, autoscaling (the seed prod).
    Balanced,
    /// Highly available: a NAT per AZ, three AZs, two readers, longer retention.
    Resilient,
}

impl Profile {
    /// The name used in specs and in `tfgen explain`.
    pub fn name(self) -> &'static str {
        match self {
            Profile::Minimal => "minimal",
            Profile::Balanced => "balanced",
            Profile::Resilient => "resilient",
        }
    }
}

/// AWS regions of the commercial partition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "AWS region")]
pub enum Region {
    #[serde(rename = "us-east-1")]
    UsEast1,
    #[serde(rename = "us-east-2")]
    UsEast2,
    #[serde(rename = "us-west-1")]
    UsWest1,
    #[serde(rename = "us-west-2")]
    UsWest2,
    #[serde(rename = "af-south-1")]
    AfSouth1,
    #[serde(rename = "ap-east-1")]
    ApEast1,
    #[serde(rename = "ap-east-2")]
    ApEast2,
    #[serde(rename = "ap-south-1")]
    ApSouth1,
    #[serde(rename = "ap-south-2")]
    ApSouth2,
    #[serde(rename = "ap-southeast-1")]
    ApSoutheast1,
    #[serde(rename = "ap-southeast-2")]
    ApSoutheast2,
    #[serde(rename = "ap-southeast-3")]
    ApSoutheast3,
    #[serde(rename = "ap-southeast-4")]
    ApSoutheast4,
    #[serde(rename = "ap-southeast-5")]
    ApSoutheast5,
    #[serde(rename = "ap-southeast-7")]
    ApSoutheast7,
    #[serde(rename = "ap-northeast-1")]
    ApNortheast1,
    #[serde(rename = "ap-northeast-2")]
    ApNortheast2,
    #[serde(rename = "ap-northeast-3")]
    ApNortheast3,
    #[serde(rename = "ca-central-1")]
    CaCentral1,
    #[serde(rename = "ca-west-1")]
    CaWest1,
    #[serde(rename = "eu-central-1")]
    EuCentral1,
    #[serde(rename = "eu-central-2")]
    EuCentral2,
    #[serde(rename = "eu-west-1")]
    EuWest1,
    #[serde(rename = "eu-west-2")]
    EuWest2,
    #[serde(rename = "eu-west-3")]
    EuWest3,
    #[serde(rename = "eu-south-1")]
    EuSouth1,
    #[serde(rename = "eu-south-2")]
    EuSouth2,
    #[serde(rename = "eu-north-1")]
    EuNorth1,
    #[serde(rename = "il-central-1")]
    IlCentral1,
    #[serde(rename = "me-south-1")]
    MeSouth1,
    #[serde(rename = "me-central-1")]
    MeCentral1,
    #[serde(rename = "mx-central-1")]
    MxCentral1,
    #[serde(rename = "sa-east-1")]
    SaEast1,
}

impl Region {
    /// The region code, e.g. `ap-northeast-1`.
    pub fn code(self) -> String {
        // serde's rename is the single source of the codes.
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }
}

/// Terraform state storage.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Terraform state")]
pub struct State {
    /// s3 (a bucket created on first deploy by `--backend-bootstrap`) or local (a file per unit).
    #[schemars(extend("default" = "s3"))]
    pub backend: Option<StateBackend>,
    /// State bucket name (default "{project}-tfstate-<account ID>", the account Terragrunt runs in).
    #[schemars(extend("type" = ["string", "null"], "x-tfgen-null" = true))]
    pub bucket: Option<String>,
    /// Locking: native (an S3 lock file, `use_lockfile`) or dynamodb (a DynamoDB lock table).
    #[schemars(extend("default" = "native"))]
    pub lock: Option<StateLock>,
    /// DynamoDB lock table (default "{project}-terraform-locks"); only with `lock: dynamodb`.
    #[schemars(extend("type" = ["string", "null"], "x-tfgen-null" = true))]
    pub dynamodb_table: Option<String>,
}

/// State backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(title = "State backend")]
pub enum StateBackend {
    /// Remote state in S3.
    S3,
    /// Local state files (for experiments only).
    Local,
}

/// The Terraform-compatible binary Terragrunt runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(title = "Terraform binary")]
pub enum Tool {
    /// HashiCorp Terraform.
    Terraform,
    /// OpenTofu.
    Tofu,
}

/// State locking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(title = "State locking")]
pub enum StateLock {
    /// S3 native lock file (`use_lockfile = true`, Terraform >= 1.10).
    Native,
    /// A DynamoDB lock table.
    Dynamodb,
}

/// The VPC.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Network (VPC)")]
pub struct Network {
    /// VPC CIDR block, /16 to /24, e.g. 10.0.0.0/16.
    #[schemars(transform = crate::spec::schema::vpc_cidr, extend("default" = "10.0.0.0/16"))]
    pub cidr: Option<String>,
    /// Number of availability zones (2-6): one public and one private subnet in each.
    #[schemars(range(min = 2, max = 6), extend("default" = 2))]
    pub azs: Option<u32>,
    /// NAT gateways: none (tasks run in public subnets with public IPs), single, or per_az.
    #[schemars(extend("default" = "single"))]
    pub nat: Option<Nat>,
    /// VPC endpoints: s3 (gateway), ecr (api + dkr), logs, ssm, secretsmanager (interface).
    #[schemars(extend("uniqueItems" = true, "default" = ["s3", "ecr"]))]
    pub endpoints: Option<Vec<Endpoint>>,
}

/// NAT gateway layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(title = "NAT gateways")]
pub enum Nat {
    /// No NAT gateway: ECS tasks get public IPs in public subnets.
    None,
    /// One NAT gateway shared by all AZs.
    Single,
    /// One NAT gateway per AZ.
    PerAz,
}

/// A VPC endpoint.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[schemars(title = "VPC endpoint")]
pub enum Endpoint {
    /// S3 gateway endpoint (free).
    S3,
    /// ECR api + dkr interface endpoints.
    Ecr,
    /// CloudWatch Logs interface endpoint.
    Logs,
    /// SSM interface endpoint.
    Ssm,
    /// Secrets Manager interface endpoint.
    Secretsmanager,
}

/// Access to the load balancer.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Access to the load balancer")]
pub struct Access {
    /// CIDRs allowed to reach the ALB; empty means open to the internet.
    #[schemars(transform = crate::spec::schema::allowed_cidrs, extend("default" = []))]
    pub allowed_cidrs: Option<Vec<String>>,
    /// AWS WAF web ACL in front of the ALB (or CloudFront).
    pub waf: Option<Waf>,
}

/// WAF settings.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "WAF", extend("defaultSnippets" = [{"label": "waf", "description": "The web ACL with its default rules", "body": {"enabled": true, "rate_limit": 2000, "managed_rules": ["common", "sqli", "known_bad_inputs"]}}]))]
pub struct Waf {
    /// Create the web ACL (default: by profile; on with balanced and resilient).
    #[schemars(extend("default" = true))]
    pub enabled: Option<bool>,
    /// Requests per 5 minutes per IP before blocking; 0 means no rate rule.
    #[schemars(range(max = 2_000_000_000), extend("default" = 2000))]
    pub rate_limit: Option<u32>,
    /// AWS managed rule groups to apply.
    #[schemars(extend("uniqueItems" = true, "default" = ["common", "sqli", "known_bad_inputs"]))]
    pub managed_rules: Option<Vec<ManagedRule>>,
    /// Let the common rule group block request bodies over 8 KB (its SizeRestrictions_BODY rule); by default that rule only counts, so larger API POSTs and Next.js server actions pass.
    #[schemars(extend("default" = false))]
    pub block_large_bodies: Option<bool>,
}

/// An AWS managed WAF rule group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(title = "AWS managed WAF rule group")]
pub enum ManagedRule {
    /// AWSManagedRulesCommonRuleSet.
    Common,
    /// AWSManagedRulesSQLiRuleSet.
    Sqli,
    /// AWSManagedRulesKnownBadInputsRuleSet.
    KnownBadInputs,
}

/// Custom domain.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Custom domain")]
pub struct Domain {
    /// The domain name, e.g. example.com.
    pub name: String,
    /// create a Route53 hosted zone, or use an existing one looked up by name.
    #[schemars(extend("default" = "create"))]
    pub hosted_zone: Option<HostedZone>,
    /// Also serve www.<name>.
    #[schemars(extend("default" = true))]
    pub www: Option<bool>,
    /// ALB TLS security policy for the HTTPS listener.
    #[schemars(extend("default" = "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09"))]
    pub tls_policy: Option<String>,
}

/// Hosted zone handling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(title = "Hosted zone")]
pub enum HostedZone {
    /// Create the zone (then set its name servers at the registrar).
    Create,
    /// Look up an existing zone by name.
    Existing,
}

/// One ECS Fargate service: web (behind the ALB), backend or worker.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = crate::spec::schema::fargate_pairs)]
#[schemars(transform = crate::spec::schema::service_kinds)]
#[schemars(transform = crate::spec::schema::image_or_build)]
#[schemars(title = "Service (ECS Fargate)")]
pub struct Service {
    /// What the service is: web (behind the ALB), backend (reached by the other services at http://NAME:PORT through ECS Service Connect, no ALB) or worker (no port, no ALB).
    #[schemars(extend("default" = "web"))]
    pub kind: Option<ServiceKind>,
    /// Container port (web and backend; a worker has none).
    #[schemars(range(min = 1, max = 65535), extend("default" = 3000))]
    pub port: Option<u32>,
    /// Backend only: the services that may call it (default: every other service of the environment).
    #[schemars(transform = crate::spec::schema::callers, extend("uniqueItems" = true))]
    pub callers: Option<Vec<String>>,
    /// ALB path pattern (web only); exactly one web service serves "/" (the default route).
    #[schemars(extend("default" = "/"))]
    pub path: Option<String>,
    /// Container image. Without it (or with null) the service gets an ECR repository and runs its latest tag; with it, no repository.
    #[schemars(extend("type" = ["string", "null"], "x-tfgen-null" = true))]
    pub image: Option<String>,
    /// How CI builds the service's image from this repository (`.github/workflows/images.yml` pushes it to the service's ECR repository and redeploys). Not with `image`.
    pub build: Option<Build>,
    /// The container's command, overriding the image's CMD (exec form: one item per argument).
    pub command: Option<Vec<String>>,
    /// The container's entrypoint, overriding the image's ENTRYPOINT (exec form).
    pub entrypoint: Option<Vec<String>>,
    /// CPU architecture of the tasks: x86_64, or arm64 (Graviton: cheaper per vCPU-hour, on demand and on Spot; the image must be built for arm64).
    #[schemars(extend("default" = "x86_64"))]
    pub platform: Option<Platform>,
    /// ECS Exec (`aws ecs execute-command`) into the running tasks.
    #[schemars(extend("default" = true))]
    pub exec: Option<bool>,
    /// Target group health check (path, matcher) and the container health check (command).
    pub health_check: Option<HealthCheck>,
    /// Fargate CPU units (256 = 0.25 vCPU); must form a valid Fargate pair with memory.
    #[schemars(extend("enum" = [256, 512, 1024, 2048, 4096, 8192, 16384], "default" = 1024))]
    pub cpu: Option<u32>,
    /// Fargate memory in MiB; must form a valid Fargate pair with cpu.
    #[schemars(range(min = 512, max = 122880), extend("default" = 2048))]
    pub memory: Option<u32>,
    /// Desired task count (the initial count when auto scaling is on).
    #[schemars(range(max = 1000), extend("default" = 1))]
    pub desired: Option<u32>,
    /// Application Auto Scaling (target tracking on CPU and memory).
    pub scaling: Option<Scaling>,
    /// Run on FARGATE_SPOT capacity, keeping one task on regular (on-demand) FARGATE so a Spot reclaim never stops the whole service.
    #[schemars(extend("default" = false))]
    pub spot: Option<bool>,
    /// With `spot: true`, run every task on FARGATE_SPOT, without the on-demand task: cheapest, but one reclaim can stop the whole service.
    #[schemars(extend("default" = false))]
    pub spot_only: Option<bool>,
    /// Plain environment variables.
    #[schemars(title = "Environment variables")]
    pub environment: Option<BTreeMap<String, String>>,
    /// Secrets injected as environment variables: a NAME (SSM parameter /{project}/{environment}/{NAME}), or `{ name, ssm }` for any SSM parameter (full name or ARN), or `{ name, secretsmanager, key }` for a Secrets Manager secret (by name; key: one JSON key of it).
    #[schemars(extend("uniqueItems" = true, "default" = []))]
    pub secrets: Option<Vec<SecretItem>>,
}

/// What a service is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(title = "Service kind")]
pub enum ServiceKind {
    /// Behind the ALB on its path, with a target group and its health check (the default).
    Web,
    /// Internal: no ALB; the other services reach it at http://NAME:PORT through ECS Service Connect, and only its callers may.
    Backend,
    /// No port and no ALB: a queue consumer or any other process that only calls out.
    Worker,
}

impl ServiceKind {
    /// The name used in specs.
    pub fn name(self) -> &'static str {
        match self {
            ServiceKind::Web => "web",
            ServiceKind::Backend => "backend",
            ServiceKind::Worker => "worker",
        }
    }
}

/// One secret of a service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
#[schemars(title = "Secret")]
pub enum SecretItem {
    /// The SSM parameter /{project}/{environment}/{NAME}, as the variable NAME.
    Name(String),
    /// A parameter or secret from elsewhere.
    From(SecretFrom),
}

/// A secret read from a named SSM parameter or Secrets Manager secret.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Secret from SSM or Secrets Manager")]
pub struct SecretFrom {
    /// The environment variable the container sees.
    pub name: String,
    /// SSM parameter: its full name (`/shared/stripe/key`) or ARN.
    pub ssm: Option<String>,
    /// Secrets Manager secret: its name (`ci/github`); the full ARN is looked up.
    pub secretsmanager: Option<String>,
    /// With `secretsmanager`: the JSON key of the secret's value to inject (default: the whole value).
    pub key: Option<String>,
}

/// CPU architecture of a service's tasks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Platform")]
pub enum Platform {
    /// Intel/AMD (the default); runs on Fargate and Fargate Spot.
    #[serde(rename = "x86_64")]
    X86_64,
    /// AWS Graviton; the image must be built for linux/arm64.
    #[serde(rename = "arm64")]
    Arm64,
}

/// Target group health check.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Health check")]
pub struct HealthCheck {
    /// HTTP path probed by the ALB.
    #[schemars(extend("default" = "/health"))]
    pub path: Option<String>,
    /// HTTP codes the ALB counts as healthy: a code, a list (`200,204`) or a range (`200-399`).
    #[schemars(extend("default" = "200"))]
    pub matcher: Option<String>,
    /// Container health check run by ECS inside the task (e.g. `["CMD-SHELL", "curl -fs http://localhost:3000/health || exit 1"]`); starts with CMD or CMD-SHELL.
    pub command: Option<Vec<String>>,
    /// Seconds after a task starts before failed health checks count.
    #[schemars(range(max = 2_147_483_647), extend("default" = 120))]
    pub grace_seconds: Option<u32>,
    /// Seconds between health checks (5-300).
    #[schemars(range(min = 5, max = 300), extend("default" = 60))]
    pub interval: Option<u32>,
    /// Consecutive failures before a target is unhealthy (2-10).
    #[schemars(range(min = 2, max = 10), extend("default" = 10))]
    pub unhealthy_threshold: Option<u32>,
}

/// Target-tracking auto scaling.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Auto scaling")]
pub struct Scaling {
    /// Minimum task count.
    #[schemars(range(max = 1000), extend("default" = 1))]
    pub min: Option<u32>,
    /// Maximum task count.
    #[schemars(range(max = 1000), extend("default" = 10))]
    pub max: Option<u32>,
    /// Average CPU utilization target, percent.
    #[schemars(range(min = 1, max = 100), extend("default" = 70))]
    pub cpu_target: Option<u32>,
    /// Average memory utilization target, percent.
    #[schemars(range(min = 1, max = 100), extend("default" = 80))]
    pub memory_target: Option<u32>,
    /// Seconds after a scale-out before another.
    #[schemars(range(max = 86400), extend("default" = 60))]
    pub scale_out_cooldown: Option<u32>,
    /// Seconds after a scale-in before another.
    #[schemars(range(max = 86400), extend("default" = 300))]
    pub scale_in_cooldown: Option<u32>,
    /// Web services only: ALB requests per task to track (ALBRequestCountPerTarget), beside CPU and memory.
    #[schemars(range(min = 1, max = 1_000_000))]
    pub requests_per_target: Option<u32>,
    /// Workers only: a queue of `queues` whose backlog (visible messages per running task) the service tracks; it may then scale from 0.
    pub queue: Option<String>,
    /// With `queue`: the backlog per task to keep, in messages (default 100).
    #[schemars(range(min = 1, max = 1_000_000), extend("default" = 100))]
    pub messages_per_task: Option<u32>,
}

/// One job: an ECS Fargate task, run by EventBridge Scheduler on its
/// `schedule`, or on demand (no `schedule`: a one-off job).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = crate::spec::schema::fargate_pairs)]
#[schemars(transform = crate::spec::schema::job_image)]
#[schemars(title = "Job (ECS task, scheduled or one-off)")]
pub struct Job {
    /// EventBridge Scheduler expression: `cron(minutes hours day-of-month month day-of-week year)` (six fields; `?` in day-of-month or day-of-week), `rate(N minutes|hours|days)` or `at(yyyy-mm-ddThh:mm:ss)` (once). Without it the job is one-off, run on demand with `aws ecs run-task`.
    #[schemars(regex(pattern = r"^(cron\([^)]+\)|rate\([^)]+\)|at\([^)]+\))$"), extend("patternErrorMessage" = "Expected cron(...), rate(...) or at(...), e.g. \"cron(0 3 * * ? *)\""))]
    pub schedule: Option<String>,
    /// IANA time zone the schedule is read in, e.g. Europe/Dublin (default: the region's own zone).
    pub timezone: Option<String>,
    /// A service whose image, environment, secrets, task role, platform and security group the job runs with (each overridable here).
    pub uses: Option<String>,
    /// Container image; required without `uses`.
    pub image: Option<String>,
    /// The container's command, overriding the image's CMD (exec form).
    pub command: Option<Vec<String>>,
    /// The container's entrypoint, overriding the image's ENTRYPOINT (exec form).
    pub entrypoint: Option<Vec<String>>,
    /// CPU architecture of the task (default: the used service's, else x86_64).
    pub platform: Option<Platform>,
    /// Fargate CPU units; must form a valid Fargate pair with memory (default: the used service's, else 256).
    #[schemars(extend("enum" = [256, 512, 1024, 2048, 4096, 8192, 16384]))]
    pub cpu: Option<u32>,
    /// Fargate memory in MiB; must form a valid Fargate pair with cpu (default: the used service's, else 512).
    #[schemars(range(min = 512, max = 122880))]
    pub memory: Option<u32>,
    /// Retries of a failed invocation (EventBridge Scheduler's retry policy: the RunTask call, not the task's exit code), 0-185.
    #[schemars(range(max = 185), extend("default" = 185))]
    pub retries: Option<u32>,
    /// Plain environment variables, added to (and overriding) the used service's.
    #[schemars(title = "Environment variables")]
    pub environment: Option<BTreeMap<String, String>>,
    /// Secrets, in the forms services use; added to (and, by variable name, overriding) the used service's.
    #[schemars(extend("uniqueItems" = true, "default" = []))]
    pub secrets: Option<Vec<SecretItem>>,
}

/// Business hours.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Business hours")]
pub struct Schedule {
    /// Set false to run around the clock (e.g. to turn off the minimal profile's schedule).
    #[schemars(extend("default" = true))]
    pub enabled: Option<bool>,
    /// IANA time zone, e.g. Europe/Berlin (default: the region's own zone, e.g. Europe/Dublin for eu-west-1).
    pub timezone: Option<String>,
    /// Days to run: a range like MON-FRI or a list like MON,WED,FRI.
    #[schemars(transform = crate::spec::schema::schedule_days, extend("default" = "MON-FRI"))]
    pub days: Option<String>,
    /// Start time, HH:MM (24 h).
    #[schemars(regex(pattern = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"), extend("patternErrorMessage" = "Expected a 24-hour time HH:MM, e.g. \"09:00\"", "default" = "09:00"))]
    pub start: Option<String>,
    /// Stop time, HH:MM (24 h).
    #[schemars(regex(pattern = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"), extend("patternErrorMessage" = "Expected a 24-hour time HH:MM, e.g. \"22:00\"", "default" = "22:00"))]
    pub stop: Option<String>,
}

/// The database.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = crate::spec::schema::engine_fields)]
#[schemars(title = "Database", extend("defaultSnippets" = [{"label": "database", "description": "Aurora PostgreSQL Serverless v2 (the balanced default)", "body": {"engine": "aurora_postgres", "version": "17.6", "min_capacity": 0.5, "max_capacity": 2.0, "readers": 1}}]))]
pub struct Database {
    /// postgres (an RDS instance), aurora_postgres (Aurora Serverless v2) or none.
    #[schemars(extend("default" = "aurora_postgres"))]
    pub engine: Option<Engine>,
    /// PostgreSQL engine version, e.g. "17.6" (quote it).
    #[schemars(regex(pattern = r"^[0-9]+(\.[0-9]+)?$"), extend("patternErrorMessage" = "Expected a PostgreSQL version like \"17.6\" (quote it)", "default" = "17.6"))]
    pub version: Option<String>,
    /// RDS instance class (postgres only; default db.t4g.micro).
    #[schemars(regex(pattern = r"^db\.[a-z0-9-]+\.[a-z0-9]+$"), extend("patternErrorMessage" = "Expected an RDS instance class like db.t4g.micro"))]
    pub instance_class: Option<String>,
    /// Standby in a second AZ (postgres only; default false).
    pub multi_az: Option<bool>,
    /// Minimum Aurora capacity units, 0-256 in steps of 0.5 (aurora_postgres only).
    #[schemars(range(min = 0, max = 256), extend("multipleOf" = 0.5, "default" = 0.5))]
    pub min_capacity: Option<f64>,
    /// Maximum Aurora capacity units, 0-256 in steps of 0.5 (aurora_postgres only).
    #[schemars(range(min = 0, max = 256), extend("multipleOf" = 0.5, "default" = 2.0))]
    pub max_capacity: Option<f64>,
    /// Aurora reader instances for Multi-AZ failover (aurora_postgres only).
    #[schemars(range(max = 15), extend("default" = 1))]
    pub readers: Option<u32>,
    /// Days of automated backups (1-35).
    #[schemars(range(min = 1, max = 35), extend("default" = 30))]
    pub backup_retention_days: Option<u32>,
    /// Refuse deletion of the database.
    #[schemars(extend("default" = true))]
    pub deletion_protection: Option<bool>,
    /// Database name.
    #[schemars(regex(pattern = r"^[a-zA-Z][a-zA-Z0-9_]{0,62}$"), extend("patternErrorMessage" = "Use 1-63 letters, digits and underscores, starting with a letter", "default" = "app"))]
    pub name: Option<String>,
    /// Master user name; its password is managed by RDS in Secrets Manager.
    #[schemars(regex(pattern = r"^[a-zA-Z][a-zA-Z0-9_]{0,15}$"), extend("patternErrorMessage" = "Use 1-16 letters, digits and underscores, starting with a letter", "default" = "dbadmin"))]
    pub username: Option<String>,
}

/// Database engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(title = "Database engine")]
pub enum Engine {
    /// RDS for PostgreSQL (a single instance, optionally Multi-AZ).
    Postgres,
    /// Aurora PostgreSQL Serverless v2.
    AuroraPostgres,
    /// No database.
    None,
}

/// The static-assets bucket.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Assets bucket")]
pub struct Storage {
    /// Keep object versions.
    #[schemars(extend("default" = true))]
    pub versioning: Option<bool>,
    /// Move objects to STANDARD_IA after this many days; null turns off the profile's transition.
    #[schemars(range(min = 30, max = 36500), extend("type" = ["integer", "null"], "x-tfgen-null" = true, "default" = 180))]
    pub transition_to_ia_days: Option<u32>,
    /// Delete objects after this many days (default: never; no profile expires objects).
    #[schemars(range(min = 1, max = 36500), extend("type" = ["integer", "null"], "x-tfgen-null" = true))]
    pub expire_days: Option<u32>,
    /// Origins allowed by the bucket's CORS rule.
    pub cors_origins: Option<Vec<String>>,
}

/// ECR repositories.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Container registry (ECR)")]
pub struct Registry {
    /// Images kept by the lifecycle policy.
    #[schemars(range(min = 1, max = 10000), extend("default" = 30))]
    pub keep_images: Option<u32>,
    /// Delete repositories even when they contain images.
    #[schemars(extend("default" = false))]
    pub force_delete: Option<bool>,
    /// Scan images for vulnerabilities on push.
    #[schemars(extend("default" = true))]
    pub scan_on_push: Option<bool>,
}

/// The SSM bastion.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "SSM bastion")]
pub struct Bastion {
    /// Create the bastion instance (default: only when there is a database).
    #[schemars(extend("default" = true))]
    pub enabled: Option<bool>,
    /// EC2 instance type.
    #[schemars(regex(pattern = r"^[a-z][a-z0-9-]*\.[a-z0-9]+$"), extend("patternErrorMessage" = "Expected an EC2 instance type like t3.nano", "default" = "t3.nano"))]
    pub instance_type: Option<String>,
}

/// CloudFront.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "CDN (CloudFront)", extend("defaultSnippets" = [{"label": "cdn", "description": "CloudFront in front of the ALB", "body": {"enabled": true, "price_class": "PriceClass_200"}}]))]
pub struct Cdn {
    /// Put a CloudFront distribution in front of the ALB.
    #[schemars(extend("default" = false))]
    pub enabled: Option<bool>,
    /// CloudFront price class (default PriceClass_200).
    pub price_class: Option<PriceClass>,
    /// Generation of the secret origin header CloudFront sends and the ALB requires (a value generated into Secrets Manager, never written here): raise it by one to rotate the value; the ALB accepts the previous one until CloudFront sends the new one (default 1).
    #[schemars(range(min = 1, max = 1_000_000))]
    pub origin_secret_version: Option<u32>,
}

/// CloudFront price class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "CloudFront price class")]
pub enum PriceClass {
    /// North America and Europe.
    #[serde(rename = "PriceClass_100")]
    PriceClass100,
    /// Adds Asia, Middle East and Africa.
    #[serde(rename = "PriceClass_200")]
    PriceClass200,
    /// All edge locations.
    #[serde(rename = "PriceClass_All")]
    PriceClassAll,
}

/// Cognito.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Auth (Cognito)", extend("defaultSnippets" = [{"label": "auth", "description": "A Cognito user pool", "body": {"enabled": true, "mfa": "optional", "password_min_length": 12}}]))]
pub struct Auth {
    /// Create the user pool and app client.
    #[schemars(extend("default" = false))]
    pub enabled: Option<bool>,
    /// Multi-factor authentication: off, optional or on (software token); default optional.
    pub mfa: Option<Mfa>,
    /// Minimum password length (8-99; default 12).
    #[schemars(range(min = 8, max = 99))]
    pub password_min_length: Option<u32>,
}

/// MFA mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(title = "MFA mode")]
pub enum Mfa {
    /// No MFA.
    Off,
    /// Users may enable MFA.
    Optional,
    /// MFA required.
    On,
}

/// Monitoring.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Monitoring")]
pub struct Monitoring {
    /// CloudWatch Logs retention in days.
    #[schemars(extend("enum" = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], "default" = 30))]
    pub log_retention_days: Option<u32>,
    /// ECS Container Insights on the cluster.
    #[schemars(extend("default" = true))]
    pub container_insights: Option<bool>,
    /// Email for the SNS alarm topic; enables CloudWatch alarms.
    #[schemars(extend("type" = ["string", "null"], "x-tfgen-null" = true))]
    pub alarm_email: Option<String>,
    /// Datadog agent sidecars, monitors and dashboard.
    pub datadog: Option<Datadog>,
    /// Sentry project and DSN.
    pub sentry: Option<Sentry>,
}

/// Datadog.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Datadog", extend("defaultSnippets" = [{"label": "datadog", "description": "The Datadog agent, monitors and dashboard", "body": {"enabled": true, "site": "datadoghq.com"}}]))]
pub struct Datadog {
    /// Add the Datadog agent and resources.
    #[schemars(extend("default" = false))]
    pub enabled: Option<bool>,
    /// Datadog site, e.g. datadoghq.com or ap1.datadoghq.com (default datadoghq.com).
    pub site: Option<DatadogSite>,
    /// Secrets Manager secret name holding the API key (never the key itself; default datadog/api_key).
    pub api_key_secret: Option<String>,
    /// Secrets Manager secret name holding the application key (default datadog/app_key).
    pub app_key_secret: Option<String>,
    /// APM trace sample rate, 0-1 (default 0.2).
    #[schemars(range(min = 0, max = 1))]
    pub apm_sample_rate: Option<f64>,
    /// Create monitors: error rate, p95 latency, database CPU (default true).
    pub monitors: Option<bool>,
    /// Create a dashboard (default true).
    pub dashboard: Option<bool>,
}

/// Datadog sites.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Datadog site")]
pub enum DatadogSite {
    /// US1.
    #[serde(rename = "datadoghq.com")]
    Us1,
    /// US3.
    #[serde(rename = "us3.datadoghq.com")]
    Us3,
    /// US5.
    #[serde(rename = "us5.datadoghq.com")]
    Us5,
    /// EU1.
    #[serde(rename = "datadoghq.eu")]
    Eu1,
    /// AP1 (Japan).
    #[serde(rename = "ap1.datadoghq.com")]
    Ap1,
    /// AP2 (Australia).
    #[serde(rename = "ap2.datadoghq.com")]
    Ap2,
    /// US1-FED.
    #[serde(rename = "ddog-gov.com")]
    Gov,
}

/// Sentry.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = crate::spec::schema::sentry_enabled)]
#[schemars(title = "Sentry", extend("defaultSnippets" = [{"label": "sentry", "description": "A Sentry project (organization and team are required)", "body": {"enabled": true, "organization": "${1:my-org}", "team": "${2:my-team}"}}]))]
pub struct Sentry {
    /// Create the Sentry project and store its DSN in SSM.
    #[schemars(extend("default" = false))]
    pub enabled: Option<bool>,
    /// Sentry organization slug (required when enabled).
    #[schemars(extend("type" = ["string", "null"], "x-tfgen-null" = true))]
    pub organization: Option<String>,
    /// Sentry team slug (required when enabled).
    #[schemars(extend("type" = ["string", "null"], "x-tfgen-null" = true))]
    pub team: Option<String>,
    /// Secrets Manager secret name holding the Sentry auth token (default sentry/auth_token).
    pub auth_token_secret: Option<String>,
}

/// AWS Budgets alert.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Budget alert")]
pub struct Budget {
    /// Monthly limit in USD.
    #[schemars(range(min = 1), extend("type" = ["number", "null"], "x-tfgen-null" = true))]
    pub monthly_limit_usd: Option<f64>,
    /// Email notified at 80 % actual and 100 % forecasted spend.
    #[schemars(extend("type" = ["string", "null"], "x-tfgen-null" = true))]
    pub email: Option<String>,
}

/// Usage assumptions of the monthly estimate (`tfgen cost`). They change no
/// generated file; each has a plain default, shown with the estimate.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Cost assumptions")]
pub struct Cost {
    /// HTTP requests per month reaching the app (priced by the WAF and CloudFront).
    #[schemars(range(min = 0), extend("default" = 1000000.0))]
    pub requests_per_month: Option<f64>,
    /// GB per month sent to the internet (through CloudFront when `cdn` is on, else from the ALB).
    #[schemars(range(min = 0), extend("default" = 50.0))]
    pub data_out_gb: Option<f64>,
    /// Average ALB load balancer capacity units (LCUs) used per hour.
    #[schemars(range(min = 0), extend("default" = 1.0))]
    pub alb_lcus: Option<f64>,
    /// GB per month processed by the NAT gateways (all of them together).
    #[schemars(range(min = 0), extend("default" = 20.0))]
    pub nat_data_gb: Option<f64>,
    /// GB per month processed by the interface VPC endpoints (ECR pulls, logs).
    #[schemars(range(min = 0), extend("default" = 10.0))]
    pub endpoint_data_gb: Option<f64>,
    /// GB per month ingested into CloudWatch Logs (all log groups).
    #[schemars(range(min = 0), extend("default" = 5.0))]
    pub log_ingest_gb: Option<f64>,
    /// GB stored in the assets bucket, old versions included.
    #[schemars(range(min = 0), extend("default" = 10.0))]
    pub s3_storage_gb: Option<f64>,
    /// Average size of one container image in GB (ECR keeps `registry.keep_images` per service).
    #[schemars(range(min = 0), extend("default" = 0.3))]
    pub ecr_image_gb: Option<f64>,
    /// GB of database storage (RDS allocated storage, or the Aurora cluster volume).
    #[schemars(range(min = 0), extend("default" = 20.0))]
    pub db_storage_gb: Option<f64>,
    /// Millions of Aurora I/O requests per month (aurora_postgres only).
    #[schemars(range(min = 0), extend("default" = 10.0))]
    pub db_io_millions: Option<f64>,
    /// Percent of the database changed per day, which sizes the backups beyond the free allowance.
    #[schemars(range(min = 0, max = 100), extend("default" = 5.0))]
    pub db_daily_change_percent: Option<f64>,
    /// Monthly active users of the Cognito user pool (auth only).
    #[schemars(range(min = 0), extend("default" = 1000.0))]
    pub cognito_mau: Option<f64>,
    /// Hours each run of a scheduled job takes (priced as Fargate task-hours × runs per month of its schedule).
    #[schemars(range(min = 0), extend("default" = 1.0))]
    pub job_hours: Option<f64>,
    /// Millions of SQS requests per month, all queues together (each send, receive, delete and empty poll is one request of up to 64 KB).
    #[schemars(range(min = 0), extend("default" = 5.0))]
    pub queue_requests_millions: Option<f64>,
    /// Average GB of data kept in the cache (ElastiCache Serverless bills at least 1 GB for Redis OSS, 100 MB for Valkey).
    #[schemars(range(min = 0), extend("default" = 0.5))]
    pub cache_data_gb: Option<f64>,
    /// Millions of ElastiCache Processing Units per month (a simple GET or SET of up to 1 KB is one ECPU).
    #[schemars(range(min = 0), extend("default" = 100.0))]
    pub cache_ecpus_millions: Option<f64>,
    /// Millions of DynamoDB read request units per month, all tables together.
    #[schemars(range(min = 0), extend("default" = 5.0))]
    pub table_reads_millions: Option<f64>,
    /// Millions of DynamoDB write request units per month, all tables together.
    #[schemars(range(min = 0), extend("default" = 1.0))]
    pub table_writes_millions: Option<f64>,
    /// GB stored in the DynamoDB tables, all together.
    #[schemars(range(min = 0), extend("default" = 1.0))]
    pub table_storage_gb: Option<f64>,
}

/// One SQS queue and its dead-letter queue `<name>-dlq`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Queue (SQS)", extend("defaultSnippets" = [{"label": "queue", "description": "A queue with its dead-letter queue", "body": {"visibility_timeout": 300, "max_receives": 5, "producers": ["${1:api}"], "consumers": ["${2:worker}"]}}]))]
pub struct Queue {
    /// A FIFO queue (exactly-once, ordered per message group): its name and its dead-letter queue's end in `.fifo`.
    #[schemars(extend("default" = false))]
    pub fifo: Option<bool>,
    /// Seconds a received message stays hidden from other consumers (0-43200); longer than the slowest job.
    #[schemars(range(max = 43200), extend("default" = 30))]
    pub visibility_timeout: Option<u32>,
    /// Days a message is kept (1-14); the dead-letter queue keeps its messages 14 days.
    #[schemars(range(min = 1, max = 14), extend("default" = 4))]
    pub retention_days: Option<u32>,
    /// Receives before a message moves to the dead-letter queue (1-1000).
    #[schemars(range(min = 1, max = 1000), extend("default" = 5))]
    pub max_receives: Option<u32>,
    /// Services (or jobs with an image of their own) that send messages (`sqs:SendMessage`).
    #[schemars(extend("uniqueItems" = true, "default" = []))]
    pub producers: Option<Vec<String>>,
    /// Services (or jobs with an image of their own) that receive and delete messages.
    #[schemars(extend("uniqueItems" = true, "default" = []))]
    pub consumers: Option<Vec<String>>,
}

/// The ElastiCache Serverless cache.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Cache (ElastiCache Serverless)", extend("defaultSnippets" = [{"label": "cache", "description": "A Valkey serverless cache", "body": {"engine": "valkey", "max_storage_gb": 1, "clients": ["${1:api}"]}}]))]
pub struct Cache {
    /// valkey (default) or redis (Redis OSS).
    #[schemars(extend("default" = "valkey"))]
    pub engine: Option<CacheEngine>,
    /// Usage limit on the data stored, in GB (1-5000).
    #[schemars(range(min = 1, max = 5000), extend("default" = 1))]
    pub max_storage_gb: Option<u32>,
    /// Services that connect (port 6379, TLS).
    #[schemars(extend("uniqueItems" = true, "default" = []))]
    pub clients: Option<Vec<String>>,
}

/// The engine of the serverless cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(title = "Cache engine")]
pub enum CacheEngine {
    /// Valkey 8 (Redis-compatible, cheaper per GB-hour and per ECPU).
    Valkey,
    /// Redis OSS 7.
    Redis,
}

/// One DynamoDB table.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Table (DynamoDB)", extend("defaultSnippets" = [{"label": "table", "description": "A table keyed by id", "body": {"hash_key": "${1:id}", "clients": ["${2:api}"]}}]))]
pub struct Table {
    /// The partition key: a string attribute.
    #[schemars(regex(pattern = r"^[A-Za-z0-9_.-]{1,255}$"), extend("patternErrorMessage" = "An attribute name is 1-255 letters, digits, underscores, hyphens and periods"))]
    pub hash_key: String,
    /// The sort key, a string attribute (default: none).
    #[schemars(regex(pattern = r"^[A-Za-z0-9_.-]{1,255}$"), extend("patternErrorMessage" = "An attribute name is 1-255 letters, digits, underscores, hyphens and periods"))]
    pub range_key: Option<String>,
    /// The attribute holding each item's expiry time (epoch seconds); DynamoDB deletes expired items (default: no TTL).
    #[schemars(regex(pattern = r"^[A-Za-z0-9_.-]{1,255}$"), extend("patternErrorMessage" = "An attribute name is 1-255 letters, digits, underscores, hyphens and periods"))]
    pub ttl_attribute: Option<String>,
    /// Services (or jobs with an image of their own) that read and write the table.
    #[schemars(extend("uniqueItems" = true, "default" = []))]
    pub clients: Option<Vec<String>>,
    /// Services (or jobs with an image of their own) that only read it.
    #[schemars(extend("uniqueItems" = true, "default" = []))]
    pub readers: Option<Vec<String>>,
}

/// The repository around the generated tree (written by `tfgen init`, kept current by `tfgen build`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Repository")]
pub struct Repository {
    /// Where the repository files go, relative to the folder holding the output root (default ".": for `--out generated`, the folder holding generated/, where the spec paths in the generated headers start).
    #[schemars(
        regex(pattern = r"^(\.|[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*)$"),
        extend("default" = ".", "patternErrorMessage" = "A relative path with forward slashes, e.g. \".\" or \"infra\"")
    )]
    pub root: Option<String>,
    /// Tool versions pinned in mise.toml (default: the releases tfgen was tested with, see docs/spec.md).
    pub tools: Option<Tools>,
    /// GitHub: the Actions workflows (plan, cost, apply, images) and the `ci` unit of every environment.
    pub github: Option<GitHub>,
}

/// Tool versions pinned in mise.toml.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Tool versions")]
pub struct Tools {
    /// Terraform version (X.Y.Z, at least 1.11: root.hcl requires it).
    #[schemars(regex(pattern = r"^[0-9]+\.[0-9]+\.[0-9]+$"), extend("default" = "1.15.9", "patternErrorMessage" = "A release version X.Y.Z, e.g. \"1.15.9\""))]
    pub terraform: Option<String>,
    /// Terragrunt version (X.Y.Z, at least 1.0: root.hcl requires it).
    #[schemars(regex(pattern = r"^[0-9]+\.[0-9]+\.[0-9]+$"), extend("default" = "1.1.3", "patternErrorMessage" = "A release version X.Y.Z, e.g. \"1.1.3\""))]
    pub terragrunt: Option<String>,
    /// TFLint version (X.Y.Z, at least 0.46: the AWS ruleset requires it).
    #[schemars(regex(pattern = r"^[0-9]+\.[0-9]+\.[0-9]+$"), extend("default" = "0.64.0", "patternErrorMessage" = "A release version X.Y.Z, e.g. \"0.64.0\""))]
    pub tflint: Option<String>,
    /// AWS CLI version (X.Y.Z, version 2).
    #[schemars(regex(pattern = r"^2\.[0-9]+\.[0-9]+$"), extend("default" = "2.36.7", "patternErrorMessage" = "An AWS CLI v2 release X.Y.Z, e.g. \"2.36.7\""))]
    pub aws_cli: Option<String>,
    /// terraform-docs version (X.Y.Z), for modules of your own (tfgen writes the catalog's READMEs itself).
    #[schemars(regex(pattern = r"^[0-9]+\.[0-9]+\.[0-9]+$"), extend("default" = "0.24.0", "patternErrorMessage" = "A release version X.Y.Z, e.g. \"0.24.0\""))]
    pub terraform_docs: Option<String>,
}

/// The GitHub repository that deploys the environments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "GitHub")]
pub struct GitHub {
    /// The repository as OWNER/REPO: only its workflows may assume the deploy and plan roles.
    #[schemars(
        regex(pattern = r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$"),
        extend("patternErrorMessage" = "Write it as OWNER/REPO, e.g. \"acme/bookmark-manager\"")
    )]
    pub repository: String,
    /// Environments whose apply waits for approval: each is a GitHub environment of the same name (add its required reviewers in the repository settings), and only a job in it may assume the environment's deploy role.
    #[schemars(extend("uniqueItems" = true, "default" = []))]
    pub deploy_environments: Option<Vec<String>>,
    /// The GitHub OIDC identity provider of the AWS account: create it, or look up the one another environment of the same account created (default: create; in a spec of several environments, the first creates it and the others look it up).
    pub oidc_provider: Option<OidcProvider>,
}

/// Whether an environment's `ci` unit creates the account's GitHub OIDC provider or looks it up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(title = "GitHub OIDC provider")]
pub enum OidcProvider {
    /// Create token.actions.githubusercontent.com in this environment's account.
    Create,
    /// Read the provider another environment of the same account created.
    Lookup,
}

/// How CI builds a service's image.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Image build")]
pub struct Build {
    /// The Docker build context, relative to the repository root.
    #[schemars(extend("default" = "."))]
    pub context: Option<String>,
    /// The Dockerfile, relative to the repository root (default: Dockerfile in the context).
    pub dockerfile: Option<String>,
}

/// MongoDB Atlas on AWS: a project and a cluster in the environment's region,
/// one database user per client authenticated by its task role.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = crate::spec::schema::mongodb_flex)]
#[schemars(title = "MongoDB Atlas", extend("defaultSnippets" = [{"label": "mongodb", "description": "A MongoDB Atlas Flex cluster reached through the NAT gateways", "body": {"org_id": "${1:5f1e2d3c4b5a69788796a5b4}", "tier": "flex", "access": "nat", "clients": ["${2:api}"]}}]))]
pub struct Mongodb {
    /// Atlas organization ID (24 hexadecimal characters; not a secret).
    #[schemars(
        regex(pattern = r"^[0-9a-f]{24}$"),
        extend("patternErrorMessage" = "An Atlas organization ID is 24 lowercase hexadecimal characters, e.g. 5f1e2d3c4b5a69788796a5b4 (Atlas: Organization Settings)")
    )]
    pub org_id: String,
    /// Secrets Manager secret name holding the Atlas API key as JSON {"public_key", "private_key"} (default mongodbatlas/api_key).
    #[schemars(extend("default" = "mongodbatlas/api_key"))]
    pub api_key_secret: Option<String>,
    /// Cluster tier: flex (shared, usage-based, capped at $30 a month) or a dedicated M10-M50 (default flex).
    #[schemars(extend("default" = "flex"))]
    pub tier: Option<MongodbTier>,
    /// MongoDB major version of a dedicated (M10+) cluster; Flex clusters run the version Atlas gives them (8.0). Default "8.0".
    #[schemars(extend("enum" = ["7.0", "8.0"], "default" = "8.0"))]
    pub version: Option<String>,
    /// How the services reach the cluster: nat (the NAT gateways' addresses on the Atlas access list; default) or privatelink (an AWS PrivateLink endpoint in the private subnets; M10+).
    #[schemars(extend("default" = "nat"))]
    pub access: Option<MongodbAccess>,
    /// The services that use the cluster: each gets a database user (its task role) and MONGODB_URI.
    #[schemars(extend("default" = []))]
    pub clients: Option<Vec<String>>,
}

/// Atlas cluster tiers tfgen deploys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "MongoDB Atlas tier")]
pub enum MongodbTier {
    /// Flex: shared, billed by usage, capped at $30 a month.
    #[serde(rename = "flex")]
    Flex,
    /// Dedicated, 2 GB RAM, 10 GB storage.
    M10,
    /// Dedicated, 4 GB RAM, 20 GB storage.
    M20,
    /// Dedicated, 8 GB RAM, 40 GB storage.
    M30,
    /// Dedicated, 16 GB RAM, 80 GB storage.
    M40,
    /// Dedicated, 32 GB RAM, 160 GB storage.
    M50,
}

impl MongodbTier {
    /// The name in specs and in Atlas (`flex`, `M10`, …).
    pub fn name(self) -> &'static str {
        match self {
            MongodbTier::Flex => "flex",
            MongodbTier::M10 => "M10",
            MongodbTier::M20 => "M20",
            MongodbTier::M30 => "M30",
            MongodbTier::M40 => "M40",
            MongodbTier::M50 => "M50",
        }
    }
}

/// How the services reach the Atlas cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(title = "MongoDB Atlas network access")]
pub enum MongodbAccess {
    /// The NAT gateways' Elastic IPs on the Atlas project's IP access list.
    Nat,
    /// An AWS PrivateLink interface endpoint in the private subnets (M10 and larger).
    Privatelink,
}
