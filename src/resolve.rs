//! Resolution: the spec as written + its profile + plain defaults → a
//! `Resolved` spec where every value is explicit and remembers its origin.
//!
//! Each field is picked in one place with `Resolver::pick`: the spec's value
//! wins, then the profile's, then the plain default of spec-v1.md. Fields set
//! for a feature or engine that is off are reported here, because only here
//! is it known whether the feature is on.

use crate::diagnostic::Diagnostic;
use crate::spec::load::Document;
use crate::spec::model::{
    self, Endpoint, Engine, HostedZone, ManagedRule, Mfa, Nat, Platform, PriceClass, Profile,
    Region, ServiceKind, StateBackend, StateLock, Tool,
};
use crate::spec::partial::Taint;
use crate::spec::schema::{display_path, escape};
use crate::spec::time_zones::region_time_zone;
use indexmap::IndexMap;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;

/// Where a resolved value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "profile")]
pub enum Origin {
    /// Written in the spec.
    Spec,
    /// From the spec's profile.
    Profile(Profile),
    /// The plain default of spec-v1.
    Default,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Spec => f.write_str("spec"),
            Origin::Profile(p) => write!(f, "profile {}", p.name()),
            Origin::Default => f.write_str("default"),
        }
    }
}

/// One resolved value, as `tfgen explain` lists it.
#[derive(Debug, Clone, Serialize)]
pub struct Setting {
    /// Field path, e.g. `services.api.cpu`.
    pub path: String,
    /// The value.
    pub value: Value,
    /// Where it came from.
    pub origin: Origin,
    /// JSON pointer into the spec, for diagnostics.
    #[serde(skip)]
    pub pointer: String,
}

/// The fully resolved environment.
#[derive(Debug, Clone, Serialize)]
pub struct Resolved {
    pub project: String,
    pub environment: String,
    pub region: Region,
    pub profile: Profile,
    /// The binary Terragrunt runs.
    pub tool: Tool,
    /// The only AWS account the provider may run in, when the spec names one.
    pub account_id: Option<String>,
    pub tags: BTreeMap<String, String>,
    pub state: State,
    pub network: Network,
    pub access: Access,
    pub domain: Option<Domain>,
    pub services: IndexMap<String, Service>,
    /// The jobs, in spec order (empty without `jobs`).
    pub jobs: IndexMap<String, Job>,
    pub schedule: Option<Schedule>,
    pub database: Option<Database>,
    pub storage: Storage,
    pub registry: Registry,
    pub bastion: Option<Bastion>,
    pub cdn: Option<Cdn>,
    pub auth: Option<Auth>,
    pub monitoring: Monitoring,
    pub budget: Option<Budget>,
    /// Usage assumptions of the cost estimate.
    pub cost: CostAssumptions,
    /// MongoDB Atlas, when the spec has a `mongodb` block.
    pub mongodb: Option<Mongodb>,
    /// SQS queues by name, in spec order.
    pub queues: IndexMap<String, Queue>,
    /// The serverless cache, when the spec has one.
    pub cache: Option<Cache>,
    /// DynamoDB tables by name, in spec order.
    pub tables: IndexMap<String, Table>,
    /// The repository around the tree (`repository:`), when the spec has one.
    pub repository: Option<crate::repository::Repository>,
    /// Every value with its origin, in spec order.
    #[serde(skip)]
    pub settings: Vec<Setting>,
}

/// Resolved `state`: the backend, and for S3 its bucket and lock.
#[derive(Debug, Clone, Serialize)]
pub struct State {
    pub backend: StateBackend,
    /// Bucket and lock, for the S3 backend.
    pub s3: Option<S3State>,
}

/// The S3 state bucket and its locking.
#[derive(Debug, Clone, Serialize)]
pub struct S3State {
    pub bucket: String,
    pub lock: StateLock,
    /// Set when `lock` is dynamodb.
    pub dynamodb_table: Option<String>,
}

/// Resolved `network`.
#[derive(Debug, Clone, Serialize)]
pub struct Network {
    pub cidr: String,
    pub azs: u32,
    pub nat: Nat,
    pub endpoints: Vec<Endpoint>,
}

/// Resolved `access`; `waf` is `None` when the WAF is off.
#[derive(Debug, Clone, Serialize)]
pub struct Access {
    pub allowed_cidrs: Vec<String>,
    pub waf: Option<Waf>,
}

/// The WAF settings, when it is on.
#[derive(Debug, Clone, Serialize)]
pub struct Waf {
    pub rate_limit: u32,
    pub managed_rules: Vec<ManagedRule>,
    pub block_large_bodies: bool,
}

/// Resolved `domain`, when the spec has one.
#[derive(Debug, Clone, Serialize)]
pub struct Domain {
    pub name: String,
    pub hosted_zone: HostedZone,
    pub www: bool,
    pub tls_policy: String,
}

/// One resolved service (see `services.<name>` in docs/spec.md).
#[derive(Debug, Clone, Serialize)]
pub struct Service {
    pub kind: ServiceKind,
    /// The container port (None for a worker).
    pub port: Option<u32>,
    /// The ALB path pattern (web services only).
    pub path: Option<String>,
    /// Backend only: the services that may call it (by default every other
    /// service); empty for web services and workers.
    pub callers: Vec<String>,
    pub image: Option<String>,
    /// How CI builds the image (`build:`), for services without `image`.
    pub build: Option<Build>,
    /// The container command (empty: the image's CMD).
    pub command: Vec<String>,
    /// The container entrypoint (empty: the image's ENTRYPOINT).
    pub entrypoint: Vec<String>,
    pub platform: Platform,
    pub exec: bool,
    pub health_check: HealthCheck,
    pub cpu: u32,
    pub memory: u32,
    pub desired: u32,
    pub scaling: Scaling,
    pub spot: bool,
    pub spot_only: bool,
    pub environment: BTreeMap<String, String>,
    /// The secrets, in spec order.
    pub secrets: Vec<Secret>,
}

/// How CI builds a service's image: `docker build -f DOCKERFILE CONTEXT`,
/// both relative to the repository root.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Build {
    pub context: String,
    pub dockerfile: String,
}

/// One resolved job (see `jobs.<name>` in docs/spec.md): its own settings,
/// else those of the service it `uses`.
#[derive(Debug, Clone, Serialize)]
pub struct Job {
    /// The Scheduler expression; `None`: a one-off job.
    pub schedule: Option<String>,
    /// The IANA zone the schedule is read in.
    pub timezone: String,
    pub uses: Option<String>,
    /// The image; `None` with `uses`: the used service's ECR repository.
    pub image: Option<String>,
    pub command: Vec<String>,
    pub entrypoint: Vec<String>,
    pub platform: Platform,
    pub cpu: u32,
    pub memory: u32,
    /// Scheduler's maximum retry attempts.
    pub retries: u32,
    pub environment: BTreeMap<String, String>,
    pub secrets: Vec<Secret>,
}

impl Job {
    /// The service whose settings the job shares, when it names one that exists.
    pub fn service<'a>(&self, spec: &'a Resolved) -> Option<&'a Service> {
        self.uses.as_ref().and_then(|u| spec.services.get(u))
    }
}

/// One secret of a service: without `ssm` and `secretsmanager`, the SSM
/// parameter `/{project}/{environment}/{name}` (the rules reject both).
#[derive(Debug, Clone, Serialize)]
pub struct Secret {
    pub name: String,
    pub ssm: Option<String>,
    pub secretsmanager: Option<String>,
    pub key: Option<String>,
}

impl Secret {
    /// Read from the environment's own parameter prefix.
    pub fn is_prefixed(&self) -> bool {
        self.ssm.is_none() && self.secretsmanager.is_none()
    }
}

/// A service's target group health check.
#[derive(Debug, Clone, Serialize)]
pub struct HealthCheck {
    /// The ALB health check path (web services only).
    pub path: Option<String>,
    pub matcher: String,
    /// The container health check (empty: none).
    pub command: Vec<String>,
    pub grace_seconds: u32,
    pub interval: u32,
    pub unhealthy_threshold: u32,
}

/// A service's auto scaling bounds and targets.
#[derive(Debug, Clone, Serialize)]
pub struct Scaling {
    pub min: u32,
    pub max: u32,
    pub cpu_target: u32,
    pub memory_target: u32,
    pub scale_out_cooldown: u32,
    pub scale_in_cooldown: u32,
    /// ALB requests per task to track, if any.
    pub requests_per_target: Option<u32>,
    /// The queue whose backlog per task the service tracks, if any.
    pub queue: Option<String>,
    /// With `queue`: the backlog per task to keep.
    pub messages_per_task: u32,
}

/// Business hours, when on.
#[derive(Debug, Clone, Serialize)]
pub struct Schedule {
    pub timezone: String,
    pub days: String,
    pub start: String,
    pub stop: String,
}

/// Resolved `database`; `None` in `Resolved` for `engine: none`.
#[derive(Debug, Clone, Serialize)]
pub struct Database {
    pub engine: DatabaseEngine,
    pub version: String,
    pub backup_retention_days: u32,
    pub deletion_protection: bool,
    pub name: String,
    pub username: String,
}

/// The engine with the settings that only it has.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DatabaseEngine {
    Postgres {
        instance_class: String,
        multi_az: bool,
    },
    AuroraPostgres {
        min_capacity: f64,
        max_capacity: f64,
        readers: u32,
    },
}

/// Resolved `storage` (the assets bucket).
#[derive(Debug, Clone, Serialize)]
pub struct Storage {
    pub versioning: bool,
    pub transition_to_ia_days: Option<u32>,
    pub expire_days: Option<u32>,
    pub cors_origins: Vec<String>,
}

/// Resolved `registry` (ECR).
#[derive(Debug, Clone, Serialize)]
pub struct Registry {
    pub keep_images: u32,
    pub force_delete: bool,
    pub scan_on_push: bool,
}

/// The bastion, when on.
#[derive(Debug, Clone, Serialize)]
pub struct Bastion {
    pub instance_type: String,
}

/// CloudFront, when on.
#[derive(Debug, Clone, Serialize)]
pub struct Cdn {
    pub price_class: PriceClass,
    pub origin_secret_version: u32,
}

/// Cognito, when on.
#[derive(Debug, Clone, Serialize)]
pub struct Auth {
    pub mfa: Mfa,
    pub password_min_length: u32,
}

/// Resolved `monitoring`; Datadog and Sentry are `None` when off.
#[derive(Debug, Clone, Serialize)]
pub struct Monitoring {
    pub log_retention_days: u32,
    pub container_insights: bool,
    pub alarm_email: Option<String>,
    pub datadog: Option<Datadog>,
    pub sentry: Option<Sentry>,
}

/// Datadog settings, when on.
#[derive(Debug, Clone, Serialize)]
pub struct Datadog {
    pub site: model::DatadogSite,
    pub api_key_secret: String,
    pub app_key_secret: String,
    pub apm_sample_rate: f64,
    pub monitors: bool,
    pub dashboard: bool,
}

/// Sentry settings, when on.
#[derive(Debug, Clone, Serialize)]
pub struct Sentry {
    pub organization: String,
    pub team: String,
    pub auth_token_secret: String,
}

/// Resolved `mongodb`: the Atlas project, cluster and clients.
#[derive(Debug, Clone, Serialize)]
pub struct Mongodb {
    pub org_id: String,
    pub api_key_secret: String,
    pub tier: model::MongodbTier,
    pub version: String,
    pub access: model::MongodbAccess,
    /// Services with a database user and MONGODB_URI, in spec order.
    pub clients: Vec<String>,
}

/// The budget alert, when a limit is set.
#[derive(Debug, Clone, Serialize)]
pub struct Budget {
    pub monthly_limit_usd: f64,
    pub email: String,
}

/// Resolved `cost`: the usage assumptions of `tfgen cost`, per month.
#[derive(Debug, Clone, Serialize)]
pub struct CostAssumptions {
    pub requests_per_month: f64,
    pub data_out_gb: f64,
    pub alb_lcus: f64,
    pub nat_data_gb: f64,
    pub endpoint_data_gb: f64,
    pub log_ingest_gb: f64,
    pub s3_storage_gb: f64,
    pub ecr_image_gb: f64,
    pub db_storage_gb: f64,
    pub db_io_millions: f64,
    pub db_daily_change_percent: f64,
    pub cognito_mau: f64,
    /// Hours per run of a scheduled job.
    pub job_hours: f64,
    pub queue_requests_millions: f64,
    pub cache_data_gb: f64,
    pub cache_ecpus_millions: f64,
    pub table_reads_millions: f64,
    pub table_writes_millions: f64,
    pub table_storage_gb: f64,
}

/// One resolved SQS queue.
#[derive(Debug, Clone, Serialize)]
pub struct Queue {
    pub fifo: bool,
    pub visibility_timeout: u32,
    pub retention_days: u32,
    pub max_receives: u32,
    pub producers: Vec<String>,
    pub consumers: Vec<String>,
}

/// The resolved serverless cache.
#[derive(Debug, Clone, Serialize)]
pub struct Cache {
    pub engine: model::CacheEngine,
    pub max_storage_gb: u32,
    pub clients: Vec<String>,
}

/// One resolved DynamoDB table.
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    pub hash_key: String,
    pub range_key: Option<String>,
    pub ttl_attribute: Option<String>,
    pub clients: Vec<String>,
    pub readers: Vec<String>,
    /// Point-in-time recovery (profiles balanced and resilient).
    pub point_in_time_recovery: bool,
    /// Deletion protection (by profile, like the database's).
    pub deletion_protection: bool,
}

/// Picks values and records their origins.
struct Resolver<'a> {
    doc: &'a Document,
    /// Values the schema rejected: no diagnostic is drawn from them.
    taint: &'a Taint,
    profile: Profile,
    settings: Vec<Setting>,
    diagnostics: Vec<Diagnostic>,
}

impl Resolver<'_> {
    /// The spec's value if set, else the profile's (when it has one), else the default.
    fn pick<T: Serialize>(
        &mut self,
        pointer: &str,
        spec: Option<T>,
        profile: Option<T>,
        default: T,
    ) -> T {
        match profile {
            Some(p) => self.choose(pointer, spec, p, Origin::Profile(self.profile)),
            None => self.choose(pointer, spec, default, Origin::Default),
        }
    }

    fn choose<T: Serialize>(
        &mut self,
        pointer: &str,
        spec: Option<T>,
        fallback: T,
        origin: Origin,
    ) -> T {
        let (value, origin) = match spec {
            Some(v) => (v, Origin::Spec),
            None => (fallback, origin),
        };
        self.record(pointer, &value, origin);
        value
    }

    fn record<T: Serialize>(&mut self, pointer: &str, value: &T, origin: Origin) {
        self.settings.push(Setting {
            path: display_path(pointer),
            value: serde_json::to_value(value).unwrap_or(Value::Null),
            origin,
            pointer: pointer.to_owned(),
        });
    }

    /// Picks a value that the profile table sets: [minimal, balanced, resilient].
    fn by_profile<T: Serialize>(
        &mut self,
        pointer: &str,
        spec: Option<T>,
        [minimal, balanced, resilient]: [T; 3],
    ) -> T {
        let value = match self.profile {
            Profile::Minimal => minimal,
            Profile::Balanced => balanced,
            Profile::Resilient => resilient,
        };
        self.choose(pointer, spec, value, Origin::Profile(self.profile))
    }

    /// Reports every field set under `pointer` except `allowed`, because the
    /// feature it configures is off (by the value at `switch`). Nothing is
    /// reported when the switch is a value the schema rejected: the feature
    /// is off only by default then.
    fn reject_fields(
        &mut self,
        pointer: &str,
        switch: &str,
        allowed: &[&str],
        why: &str,
        help: &str,
    ) {
        if self.taint.covers(switch) {
            return;
        }
        let Some(Value::Object(section)) = self.doc.value.pointer(pointer) else {
            return;
        };
        for key in section.keys().filter(|k| !allowed.contains(&k.as_str())) {
            let field = format!("{pointer}/{key}");
            self.diagnostics.push(
                Diagnostic::error(
                    self.doc.key_position(&field),
                    display_path(&field),
                    format!("has no effect: {why}"),
                )
                .with_help(help.to_owned()),
            );
        }
    }

    /// A nullable field as the spec writes it: absent (`None`, so the profile
    /// or default applies), `null` (`Some(None)`: no value, whatever the
    /// profile says) or a value.
    fn nullable<T>(&self, pointer: &str, spec: Option<T>) -> Option<Option<T>> {
        match spec {
            Some(v) => Some(Some(v)),
            None if matches!(self.doc.value.pointer(pointer), Some(Value::Null)) => Some(None),
            None => None,
        }
    }

    /// Whether the spec writes a (non-null) value at `pointer`.
    fn present(&self, pointer: &str) -> bool {
        self.doc
            .value
            .pointer(pointer)
            .is_some_and(|v| !v.is_null())
    }
}

/// Resolves a spec: a schema-valid one, or what is left of one after the
/// values in `taint` were taken out (see `spec::partial`). Returns the
/// diagnostics of fields set for features that are off alongside the result.
pub fn resolve(doc: &Document, spec: &model::Spec, taint: &Taint) -> (Resolved, Vec<Diagnostic>) {
    let profile = spec.profile.unwrap_or(Profile::Balanced);
    let mut r = Resolver {
        doc,
        taint,
        profile,
        settings: Vec::new(),
        diagnostics: Vec::new(),
    };
    r.record("/project", &spec.project, Origin::Spec);
    r.record("/environment", &spec.environment, Origin::Spec);
    r.record("/region", &spec.region, Origin::Spec);
    let profile = r.pick("/profile", spec.profile, None, Profile::Balanced);
    let tags = r.pick("/tags", spec.tags.clone(), None, BTreeMap::new());

    let state = resolve_state(&mut r, spec);
    let network = resolve_network(&mut r, spec);
    let access = resolve_access(&mut r, spec);
    let domain = spec.domain.as_ref().map(|d| {
        r.record("/domain/name", &d.name, Origin::Spec);
        Domain {
            name: d.name.clone(),
            hosted_zone: r.pick(
                "/domain/hosted_zone",
                d.hosted_zone,
                None,
                HostedZone::Create,
            ),
            www: r.pick("/domain/www", d.www, None, true),
            tls_policy: r.pick(
                "/domain/tls_policy",
                d.tls_policy.clone(),
                None,
                "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09".into(),
            ),
        }
    });
    if domain.is_none() {
        r.record("/domain", &Value::Null, Origin::Default);
    }
    let names: Vec<String> = spec.services.keys().cloned().collect();
    let services = spec
        .services
        .iter()
        .map(|(name, s)| (name.clone(), resolve_service(&mut r, &names, name, s)))
        .collect();
    let jobs = resolve_jobs(&mut r, spec, &services);
    let schedule = resolve_schedule(&mut r, spec);
    let database = resolve_database(&mut r, spec);

    let st = spec.storage.as_ref();
    let storage = Storage {
        versioning: r.by_profile(
            "/storage/versioning",
            st.and_then(|s| s.versioning),
            [false, true, true],
        ),
        transition_to_ia_days: r.by_profile(
            "/storage/transition_to_ia_days",
            r.nullable(
                "/storage/transition_to_ia_days",
                st.and_then(|s| s.transition_to_ia_days),
            ),
            [None, Some(180), Some(90)],
        ),
        // No profile deletes objects: the bucket holds user uploads.
        expire_days: r.pick(
            "/storage/expire_days",
            r.nullable("/storage/expire_days", st.and_then(|s| s.expire_days)),
            None,
            None,
        ),
        cors_origins: r.pick(
            "/storage/cors_origins",
            st.and_then(|s| s.cors_origins.clone()),
            None,
            Vec::new(),
        ),
    };

    let rg = spec.registry.as_ref();
    let registry = Registry {
        keep_images: r.pick(
            "/registry/keep_images",
            rg.and_then(|g| g.keep_images),
            None,
            30,
        ),
        force_delete: r.by_profile(
            "/registry/force_delete",
            rg.and_then(|g| g.force_delete),
            [true, false, false],
        ),
        scan_on_push: r.pick(
            "/registry/scan_on_push",
            rg.and_then(|g| g.scan_on_push),
            None,
            true,
        ),
    };

    // The bastion exists to reach the database: on by default only with one.
    let bastion_on = r.pick(
        "/bastion/enabled",
        spec.bastion.as_ref().and_then(|b| b.enabled),
        None,
        database.is_some(),
    );
    let bastion = if bastion_on {
        Some(Bastion {
            instance_type: r.pick(
                "/bastion/instance_type",
                spec.bastion.as_ref().and_then(|b| b.instance_type.clone()),
                None,
                "t3.nano".into(),
            ),
        })
    } else {
        r.reject_fields(
            "/bastion",
            "/bastion/enabled",
            &["enabled"],
            "the bastion is disabled",
            "remove it, or set `bastion.enabled: true`",
        );
        None
    };

    let cdn_on = r.pick(
        "/cdn/enabled",
        spec.cdn.as_ref().and_then(|c| c.enabled),
        None,
        false,
    );
    let cdn = if cdn_on {
        Some(Cdn {
            price_class: r.pick(
                "/cdn/price_class",
                spec.cdn.as_ref().and_then(|c| c.price_class),
                None,
                PriceClass::PriceClass200,
            ),
            origin_secret_version: r.pick(
                "/cdn/origin_secret_version",
                spec.cdn.as_ref().and_then(|c| c.origin_secret_version),
                None,
                1,
            ),
        })
    } else {
        r.reject_fields(
            "/cdn",
            "/cdn/enabled",
            &["enabled"],
            "the CDN is disabled",
            "remove it, or set `cdn.enabled: true`",
        );
        None
    };

    let auth_on = r.pick(
        "/auth/enabled",
        spec.auth.as_ref().and_then(|a| a.enabled),
        None,
        false,
    );
    let auth = if auth_on {
        let a = spec.auth.as_ref();
        Some(Auth {
            mfa: r.pick("/auth/mfa", a.and_then(|a| a.mfa), None, Mfa::Optional),
            password_min_length: r.pick(
                "/auth/password_min_length",
                a.and_then(|a| a.password_min_length),
                None,
                12,
            ),
        })
    } else {
        r.reject_fields(
            "/auth",
            "/auth/enabled",
            &["enabled"],
            "auth is disabled",
            "remove it, or set `auth.enabled: true`",
        );
        None
    };

    let monitoring = resolve_monitoring(&mut r, spec);
    let budget = resolve_budget(&mut r, spec, &monitoring);
    let cost = resolve_cost(&mut r, spec);
    let mongodb = resolve_mongodb(&mut r, spec);
    let (queues, cache, tables) = resolve_data(&mut r, spec);

    let tool = r.pick("/tool", spec.tool, None, Tool::Terraform);
    let account_id = r.pick("/account_id", spec.account_id.clone().map(Some), None, None);
    let repository = resolve_repository(&mut r, spec);
    let resolved = Resolved {
        project: spec.project.clone(),
        environment: spec.environment.clone(),
        region: spec.region,
        profile,
        tool,
        account_id,
        tags,
        state,
        network,
        access,
        domain,
        services,
        jobs,
        schedule,
        database,
        storage,
        registry,
        bastion,
        cdn,
        auth,
        monitoring,
        budget,
        cost,
        mongodb,
        queues,
        cache,
        tables,
        repository,
        settings: r.settings,
    };
    (resolved, r.diagnostics)
}

/// `repository:` with its tool defaults (the releases of `crate::repository::tools`).
fn resolve_repository(
    r: &mut Resolver<'_>,
    spec: &model::Spec,
) -> Option<crate::repository::Repository> {
    use crate::repository::{GitHub, Repository, Tools, tools};
    let repo = spec.repository.as_ref()?;
    let t = repo.tools.as_ref();
    let mut tool = |name: &str, given: Option<String>, default: &str| {
        r.pick(
            &format!("/repository/tools/{name}"),
            given,
            None,
            default.to_owned(),
        )
    };
    let tools = Tools {
        terraform: tool(
            "terraform",
            t.and_then(|t| t.terraform.clone()),
            tools::TERRAFORM,
        ),
        terragrunt: tool(
            "terragrunt",
            t.and_then(|t| t.terragrunt.clone()),
            tools::TERRAGRUNT,
        ),
        tflint: tool("tflint", t.and_then(|t| t.tflint.clone()), tools::TFLINT),
        aws_cli: tool("aws_cli", t.and_then(|t| t.aws_cli.clone()), tools::AWS_CLI),
        terraform_docs: tool(
            "terraform_docs",
            t.and_then(|t| t.terraform_docs.clone()),
            tools::TERRAFORM_DOCS,
        ),
    };
    let root = r.pick("/repository/root", repo.root.clone(), None, ".".into());
    let github = repo.github.as_ref().map(|g| {
        r.record("/repository/github/repository", &g.repository, Origin::Spec);
        GitHub {
            repository: g.repository.clone(),
            deploy_environments: r.pick(
                "/repository/github/deploy_environments",
                g.deploy_environments.clone(),
                None,
                Vec::new(),
            ),
            oidc_provider: r.pick(
                "/repository/github/oidc_provider",
                g.oidc_provider,
                None,
                model::OidcProvider::Create,
            ),
        }
    });
    Some(Repository {
        root,
        tools,
        github,
    })
}

fn resolve_state(r: &mut Resolver<'_>, spec: &model::Spec) -> State {
    let s = spec.state.as_ref();
    let backend = r.pick(
        "/state/backend",
        s.and_then(|s| s.backend),
        None,
        StateBackend::S3,
    );
    if backend == StateBackend::Local {
        r.reject_fields(
            "/state",
            "/state/backend",
            &["backend"],
            "state is local",
            "remove it, or set `state.backend: s3`",
        );
        return State { backend, s3: None };
    }
    let bucket = r.pick(
        "/state/bucket",
        s.and_then(|s| s.bucket.clone()),
        None,
        // Per account: a second account's bootstrap cannot collide with the
        // first, and the name is unlikely to be taken. Terragrunt fills it in.
        format!("{}-tfstate-${{get_aws_account_id()}}", spec.project),
    );
    let lock = r.pick(
        "/state/lock",
        s.and_then(|s| s.lock),
        None,
        StateLock::Native,
    );
    let dynamodb_table = if lock == StateLock::Dynamodb {
        Some(r.pick(
            "/state/dynamodb_table",
            s.and_then(|s| s.dynamodb_table.clone()),
            None,
            format!("{}-terraform-locks", spec.project),
        ))
    } else {
        if r.present("/state/dynamodb_table") {
            r.reject_fields(
                "/state",
                "/state/lock",
                &["backend", "bucket", "lock"],
                "the lock is the native S3 lock file",
                "remove it, or set `state.lock: dynamodb`",
            );
        }
        None
    };
    State {
        backend,
        s3: Some(S3State {
            bucket,
            lock,
            dynamodb_table,
        }),
    }
}

fn resolve_network(r: &mut Resolver<'_>, spec: &model::Spec) -> Network {
    let n = spec.network.as_ref();
    Network {
        cidr: r.pick(
            "/network/cidr",
            n.and_then(|n| n.cidr.clone()),
            None,
            "10.0.0.0/16".into(),
        ),
        azs: r.by_profile("/network/azs", n.and_then(|n| n.azs), [2, 2, 3]),
        nat: r.by_profile(
            "/network/nat",
            n.and_then(|n| n.nat),
            [Nat::None, Nat::Single, Nat::PerAz],
        ),
        endpoints: r.by_profile(
            "/network/endpoints",
            n.and_then(|n| n.endpoints.clone()),
            [
                vec![Endpoint::S3, Endpoint::Ecr, Endpoint::Logs],
                vec![Endpoint::S3, Endpoint::Ecr],
                vec![
                    Endpoint::S3,
                    Endpoint::Ecr,
                    Endpoint::Logs,
                    Endpoint::Ssm,
                    Endpoint::Secretsmanager,
                ],
            ],
        ),
    }
}

fn resolve_access(r: &mut Resolver<'_>, spec: &model::Spec) -> Access {
    let a = spec.access.as_ref();
    let allowed_cidrs = r.pick(
        "/access/allowed_cidrs",
        a.and_then(|a| a.allowed_cidrs.clone()),
        None,
        Vec::new(),
    );
    let w = a.and_then(|a| a.waf.as_ref());
    let waf_on = r.by_profile(
        "/access/waf/enabled",
        w.and_then(|w| w.enabled),
        [false, true, true],
    );
    let waf = if waf_on {
        Some(Waf {
            rate_limit: r.pick(
                "/access/waf/rate_limit",
                w.and_then(|w| w.rate_limit),
                None,
                2000,
            ),
            managed_rules: r.pick(
                "/access/waf/managed_rules",
                w.and_then(|w| w.managed_rules.clone()),
                None,
                vec![
                    ManagedRule::Common,
                    ManagedRule::Sqli,
                    ManagedRule::KnownBadInputs,
                ],
            ),
            block_large_bodies: r.pick(
                "/access/waf/block_large_bodies",
                w.and_then(|w| w.block_large_bodies),
                None,
                false,
            ),
        })
    } else {
        r.reject_fields(
            "/access/waf",
            "/access/waf/enabled",
            &["enabled"],
            "the WAF is disabled",
            "remove it, or set `access.waf.enabled: true`",
        );
        None
    };
    Access { allowed_cidrs, waf }
}

fn resolve_service(
    r: &mut Resolver<'_>,
    services: &[String],
    name: &str,
    s: &model::Service,
) -> Service {
    let base = format!("/services/{name}");
    let at = |field: &str| format!("{base}/{field}");
    let kind = r.pick(&at("kind"), s.kind, None, ServiceKind::Web);
    let web = kind == ServiceKind::Web;
    // A worker has no port; the rules report one written anyway.
    let port = match kind {
        ServiceKind::Worker => None,
        _ => s.port,
    };
    if let Some(port) = port {
        r.record(&at("port"), &port, Origin::Spec);
    }
    let callers = if kind == ServiceKind::Backend {
        let others: Vec<String> = services.iter().filter(|n| *n != name).cloned().collect();
        r.pick(&at("callers"), s.callers.clone(), None, others)
    } else {
        Vec::new()
    };
    let hc = s.health_check.as_ref();
    let sc = s.scaling.as_ref();
    Service {
        kind,
        port,
        callers,
        path: web.then(|| r.pick(&at("path"), s.path.clone(), None, "/".into())),
        image: r.pick(
            &at("image"),
            r.nullable(&at("image"), s.image.clone()),
            None,
            None,
        ),
        build: s.build.as_ref().map(|b| Build {
            context: r.pick(&at("build/context"), b.context.clone(), None, ".".into()),
            dockerfile: r.pick(
                &at("build/dockerfile"),
                b.dockerfile.clone(),
                None,
                match b.context.as_deref() {
                    None | Some(".") => "Dockerfile".into(),
                    Some(context) => format!("{}/Dockerfile", context.trim_end_matches('/')),
                },
            ),
        }),
        command: r.pick(&at("command"), s.command.clone(), None, Vec::new()),
        entrypoint: r.pick(&at("entrypoint"), s.entrypoint.clone(), None, Vec::new()),
        platform: r.pick(&at("platform"), s.platform, None, Platform::X86_64),
        exec: r.pick(&at("exec"), s.exec, None, true),
        health_check: HealthCheck {
            path: web.then(|| {
                r.pick(
                    &at("health_check/path"),
                    hc.and_then(|h| h.path.clone()),
                    None,
                    "/health".into(),
                )
            }),
            matcher: r.pick(
                &at("health_check/matcher"),
                hc.and_then(|h| h.matcher.clone()),
                None,
                "200".into(),
            ),
            command: r.pick(
                &at("health_check/command"),
                hc.and_then(|h| h.command.clone()),
                None,
                Vec::new(),
            ),
            grace_seconds: r.pick(
                &at("health_check/grace_seconds"),
                hc.and_then(|h| h.grace_seconds),
                None,
                120,
            ),
            interval: r.pick(
                &at("health_check/interval"),
                hc.and_then(|h| h.interval),
                None,
                60,
            ),
            unhealthy_threshold: r.pick(
                &at("health_check/unhealthy_threshold"),
                hc.and_then(|h| h.unhealthy_threshold),
                None,
                10,
            ),
        },
        cpu: r.by_profile(&at("cpu"), s.cpu, [256, 1024, 1024]),
        memory: r.by_profile(&at("memory"), s.memory, [512, 2048, 2048]),
        desired: r.by_profile(&at("desired"), s.desired, [1, 1, 2]),
        scaling: Scaling {
            min: r.by_profile(&at("scaling/min"), sc.and_then(|c| c.min), [1, 1, 2]),
            max: r.by_profile(&at("scaling/max"), sc.and_then(|c| c.max), [1, 10, 20]),
            cpu_target: r.pick(
                &at("scaling/cpu_target"),
                sc.and_then(|c| c.cpu_target),
                None,
                70,
            ),
            memory_target: r.pick(
                &at("scaling/memory_target"),
                sc.and_then(|c| c.memory_target),
                None,
                80,
            ),
            scale_out_cooldown: r.pick(
                &at("scaling/scale_out_cooldown"),
                sc.and_then(|c| c.scale_out_cooldown),
                None,
                60,
            ),
            scale_in_cooldown: r.pick(
                &at("scaling/scale_in_cooldown"),
                sc.and_then(|c| c.scale_in_cooldown),
                None,
                300,
            ),
            requests_per_target: r.pick(
                &at("scaling/requests_per_target"),
                sc.and_then(|c| c.requests_per_target).map(Some),
                None,
                None,
            ),
            // Recorded only when set: most services track no queue.
            queue: sc.and_then(|c| c.queue.clone()).inspect(|q| {
                r.record(&at("scaling/queue"), q, Origin::Spec);
            }),
            // Recorded only with a queue: without one, the rules reject it.
            messages_per_task: if sc.is_some_and(|c| c.queue.is_some()) {
                r.pick(
                    &at("scaling/messages_per_task"),
                    sc.and_then(|c| c.messages_per_task),
                    None,
                    100,
                )
            } else {
                sc.and_then(|c| c.messages_per_task).unwrap_or(100)
            },
        },
        spot: r.pick(&at("spot"), s.spot, None, false),
        spot_only: r.pick(&at("spot_only"), s.spot_only, None, false),
        environment: r.pick(
            &at("environment"),
            s.environment.clone(),
            None,
            BTreeMap::new(),
        ),
        secrets: r
            .pick(&at("secrets"), s.secrets.clone(), None, Vec::new())
            .into_iter()
            .map(|item| match item {
                model::SecretItem::Name(name) => Secret {
                    name,
                    ssm: None,
                    secretsmanager: None,
                    key: None,
                },
                model::SecretItem::From(f) => Secret {
                    name: f.name,
                    ssm: f.ssm,
                    secretsmanager: f.secretsmanager,
                    key: f.key,
                },
            })
            .collect(),
    }
}

fn secret_of(item: model::SecretItem) -> Secret {
    match item {
        model::SecretItem::Name(name) => Secret {
            name,
            ssm: None,
            secretsmanager: None,
            key: None,
        },
        model::SecretItem::From(f) => Secret {
            name: f.name,
            ssm: f.ssm,
            secretsmanager: f.secretsmanager,
            key: f.key,
        },
    }
}

fn resolve_jobs(
    r: &mut Resolver<'_>,
    spec: &model::Spec,
    services: &IndexMap<String, Service>,
) -> IndexMap<String, Job> {
    let Some(jobs) = &spec.jobs else {
        return IndexMap::new();
    };
    jobs.iter()
        .map(|(name, j)| (name.clone(), resolve_job(r, spec, name, j, services)))
        .collect()
}

fn resolve_job(
    r: &mut Resolver<'_>,
    spec: &model::Spec,
    name: &str,
    j: &model::Job,
    services: &IndexMap<String, Service>,
) -> Job {
    let base = format!("/jobs/{}", escape(name));
    let at = |field: &str| format!("{base}/{field}");
    let used = j.uses.as_ref().and_then(|u| services.get(u));
    // A setting the job leaves out comes from the used service (written
    // there, so its origin is the spec's), else from the plain default.
    let inherit = |r: &mut Resolver<'_>,
                   field: &str,
                   own: Option<Value>,
                   from_service: Option<Value>,
                   default: Value| {
        match (own, from_service) {
            (Some(v), _) => r.choose(&at(field), Some(v), Value::Null, Origin::Spec),
            (None, Some(v)) => r.choose(&at(field), None, v, Origin::Spec),
            (None, None) => r.choose(&at(field), None, default, Origin::Default),
        }
    };
    let schedule = j.schedule.clone();
    if let Some(s) = &schedule {
        r.record(&at("schedule"), s, Origin::Spec);
    } else {
        r.record(&at("schedule"), &Value::Null, Origin::Default);
    }
    // A one-off job has no schedule to read in a zone, nor invocations to
    // retry: those settings are listed only for scheduled jobs.
    let scheduled = schedule.is_some();
    let timezone = if scheduled {
        r.pick(
            &at("timezone"),
            j.timezone.clone(),
            None,
            region_time_zone(spec.region).into(),
        )
    } else {
        j.timezone
            .clone()
            .unwrap_or_else(|| region_time_zone(spec.region).into())
    };
    let uses = r.pick(&at("uses"), j.uses.clone().map(Some), None, None);
    let image = inherit(
        r,
        "image",
        j.image.clone().map(Value::from),
        used.map(|s| s.image.clone().map(Value::from).unwrap_or(Value::Null)),
        Value::Null,
    );
    let command = inherit(
        r,
        "command",
        j.command.clone().map(Value::from),
        used.map(|s| s.command.clone().into()),
        Value::Array(Vec::new()),
    );
    let entrypoint = inherit(
        r,
        "entrypoint",
        j.entrypoint.clone().map(Value::from),
        used.map(|s| s.entrypoint.clone().into()),
        Value::Array(Vec::new()),
    );
    let platform = inherit(
        r,
        "platform",
        j.platform
            .map(|p| serde_json::to_value(p).unwrap_or(Value::Null)),
        used.map(|s| serde_json::to_value(s.platform).unwrap_or(Value::Null)),
        serde_json::to_value(Platform::X86_64).unwrap_or(Value::Null),
    );
    let cpu = inherit(
        r,
        "cpu",
        j.cpu.map(Value::from),
        used.map(|s| s.cpu.into()),
        256.into(),
    );
    let memory = inherit(
        r,
        "memory",
        j.memory.map(Value::from),
        used.map(|s| s.memory.into()),
        512.into(),
    );
    let retries = if scheduled {
        r.pick(&at("retries"), j.retries, None, 185)
    } else {
        j.retries.unwrap_or(185)
    };
    let mut environment = used.map(|s| s.environment.clone()).unwrap_or_default();
    environment.extend(j.environment.clone().unwrap_or_default());
    r.record(
        &at("environment"),
        &environment,
        if j.environment.is_some() || used.is_some() {
            Origin::Spec
        } else {
            Origin::Default
        },
    );
    let mut secrets: Vec<Secret> = used.map(|s| s.secrets.clone()).unwrap_or_default();
    for secret in j
        .secrets
        .clone()
        .unwrap_or_default()
        .into_iter()
        .map(secret_of)
    {
        match secrets.iter_mut().find(|s| s.name == secret.name) {
            Some(existing) => *existing = secret,
            None => secrets.push(secret),
        }
    }
    let names: Vec<&String> = secrets.iter().map(|s| &s.name).collect();
    r.record(
        &at("secrets"),
        &names,
        if j.secrets.is_some() || used.is_some() {
            Origin::Spec
        } else {
            Origin::Default
        },
    );
    let strings = |v: Value| -> Vec<String> { serde_json::from_value(v).unwrap_or_default() };
    Job {
        schedule,
        timezone,
        uses,
        image: serde_json::from_value(image).unwrap_or(None),
        command: strings(command),
        entrypoint: strings(entrypoint),
        platform: serde_json::from_value(platform).unwrap_or(Platform::X86_64),
        cpu: serde_json::from_value(cpu).unwrap_or(256),
        memory: serde_json::from_value(memory).unwrap_or(512),
        retries,
        environment,
        secrets,
    }
}

fn resolve_schedule(r: &mut Resolver<'_>, spec: &model::Spec) -> Option<Schedule> {
    let s = spec.schedule.as_ref();
    // Writing a schedule section turns it on; the minimal profile has one by default.
    let written = s.map(|s| s.enabled.unwrap_or(true));
    let on = r.by_profile("/schedule/enabled", written, [true, false, false]);
    if !on {
        r.reject_fields(
            "/schedule",
            "/schedule/enabled",
            &["enabled"],
            "the schedule is disabled",
            "remove it, or set `schedule.enabled: true`",
        );
        return None;
    }
    Some(Schedule {
        timezone: r.pick(
            "/schedule/timezone",
            s.and_then(|s| s.timezone.clone()),
            None,
            region_time_zone(spec.region).into(),
        ),
        days: r.pick(
            "/schedule/days",
            s.and_then(|s| s.days.clone()),
            None,
            "MON-FRI".into(),
        ),
        start: r.pick(
            "/schedule/start",
            s.and_then(|s| s.start.clone()),
            None,
            "09:00".into(),
        ),
        stop: r.pick(
            "/schedule/stop",
            s.and_then(|s| s.stop.clone()),
            None,
            "22:00".into(),
        ),
    })
}

fn resolve_database(r: &mut Resolver<'_>, spec: &model::Spec) -> Option<Database> {
    let d = spec.database.as_ref();
    let engine = r.by_profile(
        "/database/engine",
        d.and_then(|d| d.engine),
        [
            Engine::Postgres,
            Engine::AuroraPostgres,
            Engine::AuroraPostgres,
        ],
    );
    let (engine, allowed): (DatabaseEngine, &[&str]) = match engine {
        Engine::None => {
            r.reject_fields(
                "/database",
                "/database/engine",
                &["engine"],
                "`database.engine` is none",
                "remove it, or choose an engine",
            );
            return None;
        }
        Engine::Postgres => (
            DatabaseEngine::Postgres {
                instance_class: r.pick(
                    "/database/instance_class",
                    d.and_then(|d| d.instance_class.clone()),
                    None,
                    "db.t4g.micro".into(),
                ),
                multi_az: r.pick(
                    "/database/multi_az",
                    d.and_then(|d| d.multi_az),
                    None,
                    false,
                ),
            },
            &["instance_class", "multi_az"],
        ),
        Engine::AuroraPostgres => {
            // The minimal profile's engine is postgres; its Aurora values are the plain defaults.
            let (min, max, readers) = match r.profile {
                Profile::Minimal => (None, None, None),
                Profile::Balanced => (Some(0.5), Some(2.0), Some(1)),
                Profile::Resilient => (Some(0.5), Some(8.0), Some(2)),
            };
            (
                DatabaseEngine::AuroraPostgres {
                    min_capacity: r.pick(
                        "/database/min_capacity",
                        d.and_then(|d| d.min_capacity),
                        min,
                        0.5,
                    ),
                    max_capacity: r.pick(
                        "/database/max_capacity",
                        d.and_then(|d| d.max_capacity),
                        max,
                        2.0,
                    ),
                    readers: r.pick("/database/readers", d.and_then(|d| d.readers), readers, 0),
                },
                &["min_capacity", "max_capacity", "readers"],
            )
        }
    };
    let engine_fields = [
        "instance_class",
        "multi_az",
        "min_capacity",
        "max_capacity",
        "readers",
    ];
    let other_engine: Vec<&str> = engine_fields
        .iter()
        .copied()
        .filter(|f| !allowed.contains(f))
        .collect();
    let engine_name = match engine {
        DatabaseEngine::Postgres { .. } => "postgres",
        DatabaseEngine::AuroraPostgres { .. } => "aurora_postgres",
    };
    let doc = r.doc;
    if let Some(Value::Object(section)) = doc.value.pointer("/database")
        && !r.taint.covers("/database/engine")
    {
        for key in section
            .keys()
            .filter(|k| other_engine.contains(&k.as_str()))
        {
            let field = format!("/database/{key}");
            let hint = if allowed.contains(&"instance_class") {
                "Aurora Serverless v2 fields; with postgres use `instance_class` and `multi_az`"
            } else {
                "RDS instance fields; with aurora_postgres use `min_capacity`, `max_capacity` and `readers`"
            };
            r.diagnostics.push(
                Diagnostic::error(
                    r.doc.key_position(&field),
                    display_path(&field),
                    format!("`{key}` does not apply to engine {engine_name}"),
                )
                .with_help(format!("remove it: `{key}` is one of the {hint}")),
            );
        }
    }
    Some(Database {
        engine,
        version: r.pick(
            "/database/version",
            d.and_then(|d| d.version.clone()),
            None,
            "17.6".into(),
        ),
        backup_retention_days: r.by_profile(
            "/database/backup_retention_days",
            d.and_then(|d| d.backup_retention_days),
            [1, 30, 35],
        ),
        deletion_protection: r.by_profile(
            "/database/deletion_protection",
            d.and_then(|d| d.deletion_protection),
            [false, true, true],
        ),
        name: r.pick(
            "/database/name",
            d.and_then(|d| d.name.clone()),
            None,
            "app".into(),
        ),
        username: r.pick(
            "/database/username",
            d.and_then(|d| d.username.clone()),
            None,
            "dbadmin".into(),
        ),
    })
}

fn resolve_monitoring(r: &mut Resolver<'_>, spec: &model::Spec) -> Monitoring {
    let m = spec.monitoring.as_ref();
    let log_retention_days = r.by_profile(
        "/monitoring/log_retention_days",
        m.and_then(|m| m.log_retention_days),
        [7, 30, 90],
    );
    let container_insights = r.by_profile(
        "/monitoring/container_insights",
        m.and_then(|m| m.container_insights),
        [false, true, true],
    );
    let alarm_email = r.pick(
        "/monitoring/alarm_email",
        r.nullable(
            "/monitoring/alarm_email",
            m.and_then(|m| m.alarm_email.clone()),
        ),
        None,
        None,
    );

    let dd = m.and_then(|m| m.datadog.as_ref());
    let datadog = if r.pick(
        "/monitoring/datadog/enabled",
        dd.and_then(|d| d.enabled),
        None,
        false,
    ) {
        Some(Datadog {
            site: r.pick(
                "/monitoring/datadog/site",
                dd.and_then(|d| d.site),
                None,
                model::DatadogSite::Us1,
            ),
            api_key_secret: r.pick(
                "/monitoring/datadog/api_key_secret",
                dd.and_then(|d| d.api_key_secret.clone()),
                None,
                "datadog/api_key".into(),
            ),
            app_key_secret: r.pick(
                "/monitoring/datadog/app_key_secret",
                dd.and_then(|d| d.app_key_secret.clone()),
                None,
                "datadog/app_key".into(),
            ),
            apm_sample_rate: r.pick(
                "/monitoring/datadog/apm_sample_rate",
                dd.and_then(|d| d.apm_sample_rate),
                None,
                0.2,
            ),
            monitors: r.pick(
                "/monitoring/datadog/monitors",
                dd.and_then(|d| d.monitors),
                None,
                true,
            ),
            dashboard: r.pick(
                "/monitoring/datadog/dashboard",
                dd.and_then(|d| d.dashboard),
                None,
                true,
            ),
        })
    } else {
        r.reject_fields(
            "/monitoring/datadog",
            "/monitoring/datadog/enabled",
            &["enabled"],
            "Datadog is disabled",
            "remove it, or set `monitoring.datadog.enabled: true`",
        );
        None
    };

    let se = m.and_then(|m| m.sentry.as_ref());
    let sentry = if r.pick(
        "/monitoring/sentry/enabled",
        se.and_then(|s| s.enabled),
        None,
        false,
    ) {
        let required = |r: &mut Resolver<'_>, field: &str, value: Option<String>| {
            let pointer = format!("/monitoring/sentry/{field}");
            if value.is_none() && !r.taint.covers(&pointer) {
                r.diagnostics.push(
                    Diagnostic::error(
                        r.doc.position(&pointer),
                        display_path(&pointer),
                        format!("`{field}` is required when Sentry is enabled"),
                    )
                    .with_help(format!("add `{field}:` with your Sentry {field} slug")),
                );
            }
            let value = value.unwrap_or_default();
            r.record(&pointer, &value, Origin::Spec);
            value
        };
        let organization = required(r, "organization", se.and_then(|s| s.organization.clone()));
        let team = required(r, "team", se.and_then(|s| s.team.clone()));
        Some(Sentry {
            organization,
            team,
            auth_token_secret: r.pick(
                "/monitoring/sentry/auth_token_secret",
                se.and_then(|s| s.auth_token_secret.clone()),
                None,
                "sentry/auth_token".into(),
            ),
        })
    } else {
        r.reject_fields(
            "/monitoring/sentry",
            "/monitoring/sentry/enabled",
            &["enabled"],
            "Sentry is disabled",
            "remove it, or set `monitoring.sentry.enabled: true`",
        );
        None
    };

    Monitoring {
        log_retention_days,
        container_insights,
        alarm_email,
        datadog,
        sentry,
    }
}

fn resolve_mongodb(r: &mut Resolver<'_>, spec: &model::Spec) -> Option<Mongodb> {
    let m = spec.mongodb.as_ref()?;
    r.record("/mongodb/org_id", &m.org_id, Origin::Spec);
    Some(Mongodb {
        org_id: m.org_id.clone(),
        api_key_secret: r.pick(
            "/mongodb/api_key_secret",
            m.api_key_secret.clone(),
            None,
            "mongodbatlas/api_key".into(),
        ),
        tier: r.pick("/mongodb/tier", m.tier, None, model::MongodbTier::Flex),
        version: r.pick("/mongodb/version", m.version.clone(), None, "8.0".into()),
        access: r.pick("/mongodb/access", m.access, None, model::MongodbAccess::Nat),
        clients: r.pick("/mongodb/clients", m.clients.clone(), None, Vec::new()),
    })
}

fn resolve_budget(
    r: &mut Resolver<'_>,
    spec: &model::Spec,
    monitoring: &Monitoring,
) -> Option<Budget> {
    let b = spec.budget.as_ref();
    let limit = r.pick(
        "/budget/monthly_limit_usd",
        r.nullable(
            "/budget/monthly_limit_usd",
            b.and_then(|b| b.monthly_limit_usd),
        ),
        None,
        None,
    )?;
    let email = match (b.and_then(|b| b.email.clone()), &monitoring.alarm_email) {
        (Some(e), _) => {
            r.record("/budget/email", &e, Origin::Spec);
            e
        }
        (None, Some(alarm)) => {
            // Budget alerts go where alarms go unless told otherwise.
            r.record("/budget/email", alarm, Origin::Default);
            alarm.clone()
        }
        (None, None)
            if r.taint
                .covers_any(["/budget/email", "/monitoring/alarm_email"]) =>
        {
            String::new()
        }
        (None, None) => {
            r.diagnostics.push(
                Diagnostic::error(
                    r.doc.position("/budget/monthly_limit_usd"),
                    "budget.email",
                    "a budget needs an email to notify",
                )
                .with_help("add `budget.email:` or `monitoring.alarm_email:`"),
            );
            String::new()
        }
    };
    Some(Budget {
        monthly_limit_usd: limit,
        email,
    })
}

fn resolve_cost(r: &mut Resolver<'_>, spec: &model::Spec) -> CostAssumptions {
    let c = spec.cost.as_ref();
    let tables = spec.tables.as_ref().is_some_and(|t| !t.is_empty());
    // An assumption of a data service, recorded (explained) only with it.
    let data = |r: &mut Resolver<'_>, on: bool, field: &str, value: Option<f64>, default: f64| {
        if on {
            r.pick(&format!("/cost/{field}"), value, None, default)
        } else {
            value.unwrap_or(default)
        }
    };
    let mut pick = |field: &str, value: Option<f64>, default: f64| {
        r.pick(&format!("/cost/{field}"), value, None, default)
    };
    CostAssumptions {
        requests_per_month: pick(
            "requests_per_month",
            c.and_then(|c| c.requests_per_month),
            1_000_000.0,
        ),
        data_out_gb: pick("data_out_gb", c.and_then(|c| c.data_out_gb), 50.0),
        alb_lcus: pick("alb_lcus", c.and_then(|c| c.alb_lcus), 1.0),
        nat_data_gb: pick("nat_data_gb", c.and_then(|c| c.nat_data_gb), 20.0),
        endpoint_data_gb: pick("endpoint_data_gb", c.and_then(|c| c.endpoint_data_gb), 10.0),
        log_ingest_gb: pick("log_ingest_gb", c.and_then(|c| c.log_ingest_gb), 5.0),
        s3_storage_gb: pick("s3_storage_gb", c.and_then(|c| c.s3_storage_gb), 10.0),
        ecr_image_gb: pick("ecr_image_gb", c.and_then(|c| c.ecr_image_gb), 0.3),
        db_storage_gb: pick("db_storage_gb", c.and_then(|c| c.db_storage_gb), 20.0),
        db_io_millions: pick("db_io_millions", c.and_then(|c| c.db_io_millions), 10.0),
        db_daily_change_percent: pick(
            "db_daily_change_percent",
            c.and_then(|c| c.db_daily_change_percent),
            5.0,
        ),
        cognito_mau: pick("cognito_mau", c.and_then(|c| c.cognito_mau), 1_000.0),
        // Listed (and recorded) only in a spec with jobs.
        job_hours: match &spec.jobs {
            Some(_) => pick("job_hours", c.and_then(|c| c.job_hours), 1.0),
            None => c.and_then(|c| c.job_hours).unwrap_or(1.0),
        },
        // The data services' assumptions only with the service they price.
        queue_requests_millions: data(
            r,
            spec.queues.as_ref().is_some_and(|q| !q.is_empty()),
            "queue_requests_millions",
            c.and_then(|c| c.queue_requests_millions),
            5.0,
        ),
        cache_data_gb: data(
            r,
            spec.cache.is_some(),
            "cache_data_gb",
            c.and_then(|c| c.cache_data_gb),
            0.5,
        ),
        cache_ecpus_millions: data(
            r,
            spec.cache.is_some(),
            "cache_ecpus_millions",
            c.and_then(|c| c.cache_ecpus_millions),
            100.0,
        ),
        table_reads_millions: data(
            r,
            tables,
            "table_reads_millions",
            c.and_then(|c| c.table_reads_millions),
            5.0,
        ),
        table_writes_millions: data(
            r,
            tables,
            "table_writes_millions",
            c.and_then(|c| c.table_writes_millions),
            1.0,
        ),
        table_storage_gb: data(
            r,
            tables,
            "table_storage_gb",
            c.and_then(|c| c.table_storage_gb),
            1.0,
        ),
    }
}

/// The queues, the cache and the tables (`queues`, `cache`, `tables`).
fn resolve_data(
    r: &mut Resolver<'_>,
    spec: &model::Spec,
) -> (
    IndexMap<String, Queue>,
    Option<Cache>,
    IndexMap<String, Table>,
) {
    let mut queues = IndexMap::new();
    for (name, q) in spec.queues.iter().flatten() {
        let at = |field: &str| format!("/queues/{}/{field}", escape(name));
        let queue = Queue {
            fifo: r.pick(&at("fifo"), q.fifo, None, false),
            visibility_timeout: r.pick(&at("visibility_timeout"), q.visibility_timeout, None, 30),
            retention_days: r.pick(&at("retention_days"), q.retention_days, None, 4),
            max_receives: r.pick(&at("max_receives"), q.max_receives, None, 5),
            producers: r.pick(&at("producers"), q.producers.clone(), None, Vec::new()),
            consumers: r.pick(&at("consumers"), q.consumers.clone(), None, Vec::new()),
        };
        queues.insert(name.clone(), queue);
    }
    let cache = spec.cache.as_ref().map(|c| Cache {
        engine: r.pick("/cache/engine", c.engine, None, model::CacheEngine::Valkey),
        max_storage_gb: r.pick("/cache/max_storage_gb", c.max_storage_gb, None, 1),
        clients: r.pick("/cache/clients", c.clients.clone(), None, Vec::new()),
    });
    let mut tables = IndexMap::new();
    for (name, t) in spec.tables.iter().flatten() {
        let at = |field: &str| format!("/tables/{}/{field}", escape(name));
        r.record(&at("hash_key"), &t.hash_key, Origin::Spec);
        let table = Table {
            hash_key: t.hash_key.clone(),
            range_key: r.pick(&at("range_key"), t.range_key.clone().map(Some), None, None),
            ttl_attribute: r.pick(
                &at("ttl_attribute"),
                t.ttl_attribute.clone().map(Some),
                None,
                None,
            ),
            clients: r.pick(&at("clients"), t.clients.clone(), None, Vec::new()),
            readers: r.pick(&at("readers"), t.readers.clone(), None, Vec::new()),
            // By profile, as the database's backups and protection.
            point_in_time_recovery: r.profile != Profile::Minimal,
            deletion_protection: r.profile != Profile::Minimal,
        };
        tables.insert(name.clone(), table);
    }
    (queues, cache, tables)
}

impl Resolved {
    /// Whether the environment is production by its name: `prod`, `production`,
    /// any name starting with `prod`, `prd` or `live`. The deletion-protection
    /// warning and the cost advice share this one definition.
    pub fn is_production(&self) -> bool {
        let name = self.environment.to_ascii_lowercase();
        matches!(name.as_str(), "prd" | "live") || name.starts_with("prod")
    }

    /// Where the value at a field path (e.g. `services.api.cpu`) came from.
    pub fn origin(&self, path: &str) -> Option<Origin> {
        self.settings
            .iter()
            .find(|s| s.path == path)
            .map(|s| s.origin)
    }
}
