//! Semantic rules of spec-v1 that a JSON Schema cannot express, checked on
//! the resolved spec so that profile defaults count too.

use super::load::Document;

mod data;
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::resolve;
use crate::resolve::{DatabaseEngine, Origin, Resolved};
use crate::spec::model::{MongodbAccess, MongodbTier, Nat, Profile, ServiceKind, StateLock};
use crate::spec::partial::Taint;
use crate::spec::schema::{display_path, escape};
use crate::verify::naming;
use ipnet::{IpNet, Ipv4Net};
use std::collections::BTreeMap;

mod jobs;
pub use jobs::MAX_RETRIES;

/// Valid Fargate memory sizes (MiB) for each CPU value.
pub fn fargate_memory_options(cpu: u32) -> Vec<u32> {
    let gib = |from: u32, to: u32, step: u32| {
        (from..=to)
            .step_by(step as usize)
            .map(|g| g * 1024)
            .collect::<Vec<_>>()
    };
    match cpu {
        256 => vec![512, 1024, 2048],
        512 => gib(1, 4, 1),
        1024 => gib(2, 8, 1),
        2048 => gib(4, 16, 1),
        4096 => gib(8, 30, 1),
        8192 => gib(16, 60, 4),
        16384 => gib(32, 120, 8),
        _ => Vec::new(),
    }
}

/// Memory (MiB) the Datadog agent sidecar reserves in every task: the
/// `memoryReservation` of the `datadog-agent` container in the compute module.
pub const DATADOG_AGENT_MEMORY_MIB: u32 = 256;

/// The three-letter day names, in cron order.
pub const DAYS: [&str; 7] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/// Parses `MON-FRI`, `MON,WED,FRI` or `MON-WED,SAT` into sorted day indexes
/// (0 = SUN). Ranges may wrap (`FRI-MON`).
pub fn parse_days(days: &str) -> Result<Vec<usize>, String> {
    let index = |name: &str| {
        DAYS.iter()
            .position(|d| *d == name)
            .ok_or_else(|| match did_you_mean(name, DAYS) {
                Some(s) => format!("`{name}` is not a day; did you mean `{s}`?"),
                None => format!("`{name}` is not a day; use MON, TUE, WED, THU, FRI, SAT, SUN"),
            })
    };
    let mut out = Vec::new();
    for part in days.split(',') {
        match part.split_once('-') {
            Some((from, to)) => {
                let (from, to) = (index(from)?, index(to)?);
                let mut d = from;
                loop {
                    out.push(d);
                    if d == to {
                        break;
                    }
                    d = (d + 1) % 7;
                }
            }
            None => out.push(index(part)?),
        }
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// Minutes since midnight of a validated `HH:MM`.
pub fn minutes(time: &str) -> Option<u32> {
    let (h, m) = time.split_once(':')?;
    Some(h.parse::<u32>().ok()? * 60 + m.parse::<u32>().ok()?)
}

/// Checks the resolved spec; diagnostics point into `doc`. A rule that reads
/// a value in `taint` (one the schema rejected, replaced by a default or a
/// placeholder) reports nothing: the schema error already covers it.
pub fn check(doc: &Document, spec: &Resolved, taint: &Taint) -> Vec<Diagnostic> {
    let mut c = Checker {
        doc,
        taint,
        out: Vec::new(),
        reads: Vec::new(),
    };
    c.network(spec);
    c.services(spec);
    c.schedule(spec);
    c.jobs(spec);
    c.database(spec);
    c.mongodb(spec);
    c.names(spec);
    c.data(spec);
    c.repository(spec);
    c.warnings(spec);
    let Checker {
        out, reads, taint, ..
    } = c;
    out.into_iter()
        .zip(reads)
        .filter(|(_, read)| !taint.covers_any(read))
        .map(|(d, _)| d)
        .collect()
}

impl Checker<'_> {
    /// `services.<n>.build` against `image`, and `repository:` (issue 16).
    fn repository(&mut self, spec: &Resolved) {
        for (name, s) in &spec.services {
            if let (Some(image), Some(_)) = (&s.image, &s.build) {
                self.error(
                    &format!("/services/{}/build", escape(name)),
                    format!("service `{name}` runs the image {image}: CI builds nothing for it"),
                )
                .help = Some(
                    "remove `image` to build the service's image into its ECR repository, or remove `build`"
                        .into(),
                );
                self.reading([format!("/services/{}/image", escape(name))]);
            }
        }
        let Some(repo) = &spec.repository else {
            return;
        };
        if repo.root.split('/').any(|part| part == "..") {
            self.error(
                "/repository/root",
                format!(
                    "`{}` leaves the folder holding the output root: the repository files belong inside it",
                    repo.root
                ),
            )
            .help = Some(
                "use `.` (the default) or a folder inside it, e.g. `infra`; build with `--out` to move the output root".into(),
            );
        }
        if spec.tool == crate::spec::model::Tool::Tofu {
            self.error(
                "/repository",
                "mise.toml pins Terraform, but this environment runs OpenTofu (`tool: tofu`)",
            )
            .help = Some("use `tool: terraform` with `repository:`, or leave `repository:` out and pin OpenTofu yourself".into());
            self.reading(["/tool"]);
        }
        let Some(github) = &repo.github else {
            return;
        };
        if !github.deploy_environments.contains(&spec.environment) && spec.is_production() {
            self.warning(
                "/repository/github/deploy_environments",
                format!(
                    "`{}` is applied on every push to main without approval",
                    spec.environment
                ),
            )
            .help = Some(format!(
                "add it to `repository.github.deploy_environments: [{}]` and give the GitHub environment required reviewers",
                spec.environment
            ));
        }
    }
}

struct Checker<'a> {
    doc: &'a Document,
    taint: &'a Taint,
    out: Vec<Diagnostic>,
    /// For each diagnostic in `out`, the pointers of the values its rule read.
    reads: Vec<Vec<String>>,
}

impl Checker<'_> {
    fn error(&mut self, pointer: &str, message: impl Into<String>) -> &mut Diagnostic {
        self.push(
            Diagnostic::error(self.doc.position(pointer), display_path(pointer), message),
            pointer,
        )
    }

    fn warning(&mut self, pointer: &str, message: impl Into<String>) -> &mut Diagnostic {
        self.push(
            Diagnostic::warning(self.doc.position(pointer), display_path(pointer), message),
            pointer,
        )
    }

    fn push(&mut self, d: Diagnostic, pointer: &str) -> &mut Diagnostic {
        self.out.push(d);
        self.reads.push(vec![pointer.to_owned()]);
        self.out.last_mut().expect("just pushed")
    }

    /// An error at the key of `pointer` (a map entry), not at its value.
    fn key_error(&mut self, pointer: &str, message: impl Into<String>) -> &mut Diagnostic {
        self.push(
            Diagnostic::error(
                self.doc.key_position(pointer),
                display_path(pointer),
                message,
            ),
            pointer,
        )
    }

    /// Whether the spec writes a value at `pointer`.
    fn present(&self, pointer: &str) -> bool {
        self.doc.value.pointer(pointer).is_some()
    }

    /// Records that the last diagnostic's rule also read the values at `pointers`.
    fn reading<S: Into<String>>(&mut self, pointers: impl IntoIterator<Item = S>) {
        if let Some(read) = self.reads.last_mut() {
            read.extend(pointers.into_iter().map(Into::into));
        }
    }

    fn network(&mut self, spec: &Resolved) {
        let cidr = &spec.network.cidr;
        match cidr.parse::<Ipv4Net>() {
            Err(_) => {
                self.error(
                    "/network/cidr",
                    format!("\"{cidr}\" is not an IPv4 CIDR block"),
                )
                .help = Some("write it like 10.0.0.0/16".into());
            }
            Ok(net) if !(16..=24).contains(&net.prefix_len()) => {
                self.error(
                    "/network/cidr",
                    format!(
                        "/{} is outside the allowed VPC sizes /16 to /24",
                        net.prefix_len()
                    ),
                )
                .help = Some(format!(
                    "use a prefix between /16 and /24, e.g. {}/16",
                    net.network()
                ));
            }
            Ok(net) if net.addr() != net.network() => {
                self.error("/network/cidr", format!("\"{cidr}\" has host bits set"))
                    .help = Some(format!("did you mean `{}`?", net.trunc()));
            }
            Ok(net) => {
                // Two subnets per AZ, each at least a /28 (the smallest AWS subnet).
                let needed = 2 * spec.network.azs;
                let available = 1u32 << (28 - net.prefix_len());
                if needed > available {
                    self.error(
                        "/network/cidr",
                        format!(
                            "{cidr} cannot hold {needed} subnets of /28 for {} AZs",
                            spec.network.azs
                        ),
                    );
                    self.reading(["/network/azs"]);
                }
            }
        }
        for (i, cidr) in spec.access.allowed_cidrs.iter().enumerate() {
            let pointer = format!("/access/allowed_cidrs/{i}");
            match cidr.parse::<IpNet>() {
                Err(_) => {
                    self.error(&pointer, format!("\"{cidr}\" is not a CIDR block"))
                        .help =
                        Some("write an address with its prefix, e.g. 203.0.113.10/32".into());
                }
                Ok(net) if net.addr() != net.network() => {
                    self.error(&pointer, format!("\"{cidr}\" has host bits set"))
                        .help = Some(format!("did you mean `{}`?", net.trunc()));
                }
                Ok(_) => {}
            }
        }
    }

    fn services(&mut self, spec: &Resolved) {
        let mut paths: BTreeMap<&str, &str> = BTreeMap::new();
        for (name, s) in &spec.services {
            let at = |field: &str| format!("/services/{name}/{field}");
            if !is_dns_label(name) || name.len() > 20 || name.contains("--") {
                self.error(
                    &format!("/services/{name}"),
                    format!("service name `{name}` is not a DNS label of 1-20 characters without `--`"),
                )
                .help = Some(
                    "use lowercase letters, digits and single hyphens, starting with a letter (it is part of ECR repository and RDS-style names, which refuse `--`)".into(),
                );
            }
            self.service_kind(spec, name, s);
            if let Some(path) = &s.path {
                if !path.starts_with('/') {
                    self.error(
                        &at("path"),
                        format!("path pattern \"{path}\" must start with /"),
                    )
                    .help = Some(format!("did you mean \"/{path}\"?"));
                } else if let Some(other) = paths.insert(path, name) {
                    self.error(
                        &at("path"),
                        format!("path \"{path}\" is already served by service `{other}`"),
                    )
                    .help = Some("give each service its own path pattern".into());
                    self.reading([format!("/services/{}/path", escape(other))]);
                }
            }
            if s.spot_only && !s.spot {
                self.error(
                    &at("spot_only"),
                    "spot_only runs every task on Spot, but this service does not run on Spot",
                )
                .help = Some("set `spot: true` too, or remove `spot_only`".into());
                self.reading([at("spot")]);
            }
            if s.health_check
                .path
                .as_ref()
                .is_some_and(|p| !p.starts_with('/'))
            {
                self.error(
                    &at("health_check/path"),
                    "the health check path must start with /",
                );
            }
            if !is_matcher(&s.health_check.matcher) {
                self.error(
                    &at("health_check/matcher"),
                    format!(
                        "\"{}\" is not an ALB success-code matcher",
                        s.health_check.matcher
                    ),
                )
                .help = Some(
                    "use HTTP codes from 200 to 499: one (\"200\"), a list (\"200,204\") or a range (\"200-399\")"
                        .into(),
                );
            }
            if let Some(first) = s.health_check.command.first()
                && first != "CMD"
                && first != "CMD-SHELL"
            {
                self.error(
                    &format!("{}/0", at("health_check/command")),
                    format!("a container health check starts with CMD or CMD-SHELL, not `{first}`"),
                )
                .help = Some(
                    "e.g. [\"CMD-SHELL\", \"curl -fs http://localhost:3000/health || exit 1\"]"
                        .into(),
                );
            }
            let memory_options = fargate_memory_options(s.cpu);
            if !memory_options.contains(&s.memory) {
                let pointer = if spec.origin(&display_path(&at("memory"))) == Some(Origin::Spec) {
                    at("memory")
                } else {
                    at("cpu")
                };
                let list: Vec<String> = memory_options.iter().map(u32::to_string).collect();
                self.error(
                    &pointer,
                    format!(
                        "cpu {} with memory {} is not a valid Fargate pair",
                        s.cpu, s.memory
                    ),
                )
                .help = Some(format!(
                    "with cpu {}, memory is one of {}",
                    s.cpu,
                    list.join(", ")
                ));
                self.reading([at("cpu"), at("memory")]);
            }
            let sc = &s.scaling;
            if sc.min == 0 && s.kind == ServiceKind::Web {
                self.error(
                    &at("scaling/min"),
                    "a web service keeps at least one task behind the ALB, but scaling.min is 0",
                )
                .help = Some(
                    "set `scaling.min: 1` or more (the business-hours schedule, not min, stops tasks at night)"
                        .into(),
                );
            } else if sc.min > sc.max {
                self.error(
                    &at("scaling/min"),
                    format!(
                        "scaling.min {} is greater than scaling.max {}",
                        sc.min, sc.max
                    ),
                );
                self.reading([at("scaling/max")]);
            } else if !(sc.min..=sc.max).contains(&s.desired) {
                self.error(
                    &at("desired"),
                    format!(
                        "desired {} is outside scaling.min..max ({}..{})",
                        s.desired, sc.min, sc.max
                    ),
                )
                .help = Some("keep scaling.min <= desired <= scaling.max".into());
                self.reading([at("scaling/min"), at("scaling/max")]);
            }
            for key in s.environment.keys() {
                let pointer = format!("{}/{key}", at("environment"));
                if !is_env_name(key) {
                    self.error(
                        &pointer,
                        format!("`{key}` is not a valid environment variable name"),
                    )
                    .help = Some(
                        "use letters, digits and underscores, not starting with a digit".into(),
                    );
                }
            }
            let mut secret_names: BTreeMap<&str, usize> = BTreeMap::new();
            for (i, secret) in s.secrets.iter().enumerate() {
                let item = format!("{}/{i}", at("secrets"));
                let name = &secret.name;
                // The bare name, or the `name` field of the object form.
                let pointer = if self.doc.value.pointer(&format!("{item}/name")).is_some() {
                    format!("{item}/name")
                } else {
                    item.clone()
                };
                if !is_env_name(name) {
                    self.error(
                        &pointer,
                        format!("`{name}` is not a valid parameter / variable name"),
                    )
                    .help = Some("use letters, digits and underscores, e.g. DATABASE_URL".into());
                } else if s.environment.contains_key(name) {
                    self.error(
                        &pointer,
                        format!("`{name}` is also a plain environment variable"),
                    )
                    .help = Some("set it in `environment` or in `secrets`, not both".into());
                    self.reading([format!("{}/{}", at("environment"), escape(name))]);
                } else if let Some(first) = secret_names.insert(name, i) {
                    self.error(&pointer, format!("secret `{name}` is already set above"))
                        .help = Some("give each secret its own variable name".into());
                    self.reading([format!("{}/{first}", at("secrets"))]);
                }
                match (&secret.ssm, &secret.secretsmanager) {
                    (Some(_), Some(_)) => {
                        self.error(
                            &format!("{item}/secretsmanager"),
                            format!(
                                "secret `{name}` reads either `ssm` or `secretsmanager`, not both"
                            ),
                        )
                        .help = Some("keep the one that holds the value".into());
                        self.reading([format!("{item}/ssm")]);
                    }
                    (None, None) if secret.key.is_some() => {
                        self.error(
                            &format!("{item}/key"),
                            format!("`key` picks a JSON key of a Secrets Manager secret, but secret `{name}` names no `secretsmanager` secret"),
                        )
                        .help = Some("add `secretsmanager: SECRET_NAME`, or remove `key`".into());
                    }
                    (Some(ssm), None) => {
                        if secret.key.is_some() {
                            self.error(
                                &format!("{item}/key"),
                                "`key` picks a JSON key of a Secrets Manager secret; an SSM parameter has none",
                            )
                            .help = Some("remove `key`, or read the value from `secretsmanager`".into());
                        }
                        let parameter = naming::rule(naming::Kind::SsmParameter);
                        if ssm.starts_with('/') {
                            if let Err(problem) = naming::check(parameter, ssm) {
                                self.error(&format!("{item}/ssm"), problem);
                            }
                        } else if !is_ssm_parameter_arn(ssm) {
                            self.error(
                                &format!("{item}/ssm"),
                                format!("\"{ssm}\" is neither a full parameter name nor an SSM parameter ARN"),
                            )
                            .help = Some(format!(
                                "write the full name, \"/{ssm}\", or the ARN arn:aws:ssm:REGION:ACCOUNT:parameter/NAME"
                            ));
                        }
                    }
                    (None, Some(id)) => {
                        let rule = naming::rule(naming::Kind::SecretsManagerSecret);
                        if let Err(problem) = naming::check(rule, id) {
                            self.error(&format!("{item}/secretsmanager"), problem).help = Some(
                                "write the secret's name (e.g. ci/github), not its ARN".into(),
                            );
                        }
                    }
                    _ => {}
                }
            }
        }
        if !paths.contains_key("/") {
            // Any service's path may have been the one serving "/", including
            // a service the schema rejected as a whole.
            let read: Vec<String> = spec
                .services
                .keys()
                .map(|name| format!("/services/{}/path", escape(name)))
                .chain(
                    self.taint
                        .pointers()
                        .iter()
                        .filter(|t| {
                            t.strip_prefix("/services/")
                                .is_some_and(|rest| !rest.contains('/'))
                        })
                        .cloned(),
                )
                .collect();
            self.push(
                Diagnostic::error(
                    self.doc.key_position("/services"),
                    "services",
                    "no service serves \"/\" (the default route)",
                )
                .with_help(
                    if spec.services.values().any(|s| s.kind == ServiceKind::Web) {
                        "set `path: /` on the service that answers the site's root"
                    } else {
                        "add a web service (the default kind) with `path: /`: the ALB, its DNS name, the CDN and the WAF are built around it"
                    },
                ),
                "/services",
            );
            self.reading(read);
        }
    }

    /// What the service's `kind` allows: a port for web and backend
    /// services, none for a worker; the ALB's path and health check path and
    /// request-count scaling for web services only; `callers`, naming other
    /// services, for backends only.
    fn service_kind(&mut self, spec: &Resolved, name: &str, s: &resolve::Service) {
        let at = |field: &str| format!("/services/{name}/{field}");
        let written = |field: &str| {
            self.doc
                .value
                .pointer(&at(field))
                .is_some_and(|v| !v.is_null())
        };
        let kind = s.kind;
        let kind_read = at("kind");
        match kind {
            ServiceKind::Web | ServiceKind::Backend if !written("port") => {
                self.push(
                    Diagnostic::error(
                        self.doc.key_position(&format!("/services/{name}")),
                        display_path(&format!("/services/{name}")),
                        format!("missing required field `port`: a {} service listens on a port", kind.name()),
                    )
                    .with_help("add `port:` (the container port), or set `kind: worker` for a service that only calls out"),
                    &at("port"),
                );
                self.reading([kind_read.clone()]);
            }
            _ => {}
        }
        if kind != ServiceKind::Web {
            let why = match kind {
                ServiceKind::Worker => "a worker has no port and is not behind the ALB",
                _ => {
                    "a backend is not behind the ALB; the other services reach it through Service Connect"
                }
            };
            let mut fields = vec![
                ("path", "the ALB path pattern"),
                ("health_check/path", "the ALB health check path"),
                (
                    "health_check/matcher",
                    "the ALB health check's success codes",
                ),
                ("health_check/interval", "the ALB health check's interval"),
                (
                    "health_check/unhealthy_threshold",
                    "the ALB health check's failure count",
                ),
                (
                    "scaling/requests_per_target",
                    "request-count scaling tracks the ALB's requests per target",
                ),
            ];
            if kind == ServiceKind::Worker {
                fields.insert(0, ("port", "the container port"));
            }
            for (field, what) in fields {
                if written(field) {
                    let shown = field.replace('/', ".");
                    self.error(
                        &at(field),
                        format!(
                            "`{shown}` has no effect on a {} service: {why}",
                            kind.name()
                        ),
                    )
                    .help = Some(format!("remove `{shown}` ({what}), or set `kind: web`"));
                    self.reading([kind_read.clone()]);
                }
            }
        }
        if written("callers") {
            if kind != ServiceKind::Backend {
                self.error(
                    &at("callers"),
                    format!(
                        "`callers` narrows who may call a backend service, but `{name}` is a {} service",
                        kind.name()
                    ),
                )
                .help = Some("set `kind: backend`, or remove `callers`".into());
                self.reading([kind_read.clone()]);
            } else {
                for (i, caller) in s.callers.iter().enumerate() {
                    let pointer = format!("{}/{i}", at("callers"));
                    if caller == name {
                        self.error(&pointer, format!("`{name}` lists itself as a caller"))
                            .help = Some("list the other services that call it".into());
                    } else if !spec.services.contains_key(caller) {
                        let d = self.error(&pointer, format!("`{caller}` is not a service"));
                        d.help = Some(
                            match did_you_mean(caller, spec.services.keys().map(String::as_str)) {
                                Some(s) => format!("did you mean `{s}`?"),
                                None => format!(
                                    "callers names services of this environment: {}",
                                    spec.services
                                        .keys()
                                        .filter(|n| *n != name)
                                        .map(String::as_str)
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                ),
                            },
                        );
                    }
                }
            }
        }
    }

    fn schedule(&mut self, spec: &Resolved) {
        let Some(s) = &spec.schedule else { return };
        if s.timezone.parse::<chrono_tz::Tz>().is_err() {
            let names = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name());
            let d = self.error(
                "/schedule/timezone",
                format!("\"{}\" is not an IANA time zone", s.timezone),
            );
            d.help = Some(match did_you_mean(&s.timezone, names) {
                Some(name) => format!("did you mean `{name}`?"),
                None => "use a name like Asia/Tokyo or Europe/Berlin".into(),
            });
        }
        if let Err(message) = parse_days(&s.days) {
            self.error("/schedule/days", message);
        }
        if s.start == s.stop {
            self.error(
                "/schedule/stop",
                format!("start and stop are both {}", s.start),
            )
            .help = Some(
                "the services would never run; set different times or remove `schedule`".into(),
            );
            self.reading(["/schedule/start"]);
        }
    }

    fn database(&mut self, spec: &Resolved) {
        let Some(db) = &spec.database else { return };
        if let DatabaseEngine::AuroraPostgres {
            min_capacity,
            max_capacity,
            ..
        } = db.engine
            && min_capacity > max_capacity
        {
            self.error(
                "/database/min_capacity",
                format!("min_capacity {min_capacity} is greater than max_capacity {max_capacity}"),
            );
            self.reading(["/database/max_capacity", "/database/engine"]);
        }
    }

    fn names(&mut self, spec: &Resolved) {
        // Prefixes AWS reserves in names that start with the project.
        let reserved = [
            (
                "aws",
                "SSM parameter names /{project}/… can't begin with aws or ssm",
            ),
            (
                "ssm",
                "SSM parameter names /{project}/… can't begin with aws or ssm",
            ),
            (
                "sthree-",
                "S3 bucket names {project}-… can't begin with sthree-",
            ),
            (
                "amzn-s3-demo-",
                "S3 bucket names {project}-… can't begin with amzn-s3-demo-",
            ),
        ];
        if let Some((word, why)) = reserved
            .into_iter()
            .find(|(w, _)| spec.project.starts_with(w))
        {
            self.error(
                "/project",
                format!("project `{}` starts with `{word}`: {why}", spec.project),
            )
            .help = Some("put another word first, e.g. `shop-aws` for `aws-shop`".into());
        }
        if spec.environment == crate::catalog::DIR {
            self.error(
                "/environment",
                format!(
                    "`{}` is reserved: the shared module catalog is written to <out>/{}/",
                    spec.environment,
                    crate::catalog::DIR
                ),
            )
            .help = Some("name the environment after its stage, e.g. staging or prod".into());
        }
        if let Some(domain) = &spec.domain
            && !is_domain(&domain.name)
        {
            self.error(
                "/domain/name",
                format!("\"{}\" is not a domain name", domain.name),
            )
            .help = Some("write the bare name, e.g. example.com (no scheme, no path)".into());
        }
        if let Some(domain) = &spec.domain
            && !domain.tls_policy.starts_with("ELBSecurityPolicy-")
        {
            self.error(
                "/domain/tls_policy",
                format!("\"{}\" is not an ELB security policy", domain.tls_policy),
            )
            .help = Some("use e.g. ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09".into());
        }
        let emails = [
            (
                "/monitoring/alarm_email",
                spec.monitoring.alarm_email.as_deref(),
            ),
            (
                "/budget/email",
                spec.budget.as_ref().map(|b| b.email.as_str()),
            ),
        ];
        for (pointer, email) in emails {
            if let Some(email) = email
                && !email.is_empty()
                && !is_email(email)
            {
                self.error(pointer, format!("\"{email}\" is not an email address"));
            }
        }
        if let Some(s3) = &spec.state.s3 {
            // The default holds Terragrunt's get_aws_account_id(): a name only once it runs.
            let written = spec.origin("state.bucket") == Some(crate::resolve::Origin::Spec);
            if written && !is_bucket_name(&s3.bucket) {
                self.error(
                    "/state/bucket",
                    format!("\"{}\" is not a valid S3 bucket name", s3.bucket),
                )
                .help = Some("use 3-63 lowercase letters, digits, dots and hyphens".into());
            }
            if s3.lock == StateLock::Dynamodb
                && s3.dynamodb_table.as_deref().is_some_and(str::is_empty)
            {
                self.error("/state/dynamodb_table", "the lock table name is empty");
            }
        }
        for (i, origin) in spec.storage.cors_origins.iter().enumerate() {
            if !(origin.starts_with("https://") || origin.starts_with("http://") || origin == "*") {
                self.error(
                    &format!("/storage/cors_origins/{i}"),
                    format!("\"{origin}\" is not an origin"),
                )
                .help = Some("write it with its scheme, e.g. https://example.com".into());
            }
        }
        if let (Some(ia), Some(expire)) =
            (spec.storage.transition_to_ia_days, spec.storage.expire_days)
            && expire <= ia
        {
            self.error(
                "/storage/expire_days",
                format!("objects expire after {expire} days, before they move to IA at {ia}"),
            );
            self.reading(["/storage/transition_to_ia_days"]);
        }
    }

    /// MongoDB Atlas: clients are services; the access list needs fixed
    /// addresses (NAT gateways); Flex clusters have no private endpoints.
    fn mongodb(&mut self, spec: &Resolved) {
        let Some(m) = &spec.mongodb else {
            return;
        };
        let written = |c: &Self, field: &str| {
            let pointer = format!("/mongodb/{field}");
            if c.doc.value.pointer(&pointer).is_some() {
                pointer
            } else {
                "/mongodb".to_string()
            }
        };
        if m.access == MongodbAccess::Nat && spec.network.nat == Nat::None {
            let at = written(self, "access");
            self.error(
                &at,
                "`access: nat` puts the NAT gateways' addresses on the Atlas access list, but `network.nat` is none: the tasks have changing public IPs, so the access list would have to be open to the world",
            )
            .help = Some(
                "set `network.nat: single` (or `per_az`), or `mongodb.access: privatelink` with a tier of M10 or larger".into(),
            );
            self.reading(["/network/nat", "/profile"]);
        }
        if m.access == MongodbAccess::Privatelink && m.tier == MongodbTier::Flex {
            let at = written(self, "access");
            self.error(
                &at,
                "Atlas Flex clusters have no private endpoints, so `access: privatelink` needs a dedicated tier",
            )
            .help = Some(
                "set `mongodb.tier: M10` (or larger), or `mongodb.access: nat`".into(),
            );
            self.reading(["/mongodb/tier"]);
        }
        if m.tier == MongodbTier::Flex && m.version != "8.0" {
            self.error(
                "/mongodb/version",
                format!(
                    "Atlas Flex clusters run MongoDB 8.0; version \"{}\" needs a dedicated tier",
                    m.version
                ),
            )
            .help = Some("remove `version`, or set `mongodb.tier: M10` (or larger)".into());
            self.reading(["/mongodb/tier"]);
        }
        let services: Vec<&str> = spec.services.keys().map(String::as_str).collect();
        for (i, client) in m.clients.iter().enumerate() {
            if services.contains(&client.as_str()) {
                continue;
            }
            let help = match did_you_mean(client, services.iter().copied()) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("name one of the services: {}", services.join(", ")),
            };
            self.error(
                &format!("/mongodb/clients/{i}"),
                format!("`{client}` is not a service of this spec"),
            )
            .help = Some(help);
            self.reading(["/services"]);
        }
        // The mongodb unit injects MONGODB_URI: a client's own (seed 002 kept
        // one in SSM by hand) would be a second definition of the variable.
        for client in &m.clients {
            let Some(s) = spec.services.get(client) else {
                continue;
            };
            let pointer = if s.environment.contains_key("MONGODB_URI") {
                format!("/services/{client}/environment/MONGODB_URI")
            } else if let Some(i) = s.secrets.iter().position(|x| x.name == "MONGODB_URI") {
                format!("/services/{client}/secrets/{i}")
            } else {
                continue;
            };
            self.error(
                &pointer,
                format!(
                    "`{client}` is a client of `mongodb` and receives MONGODB_URI from it; this one would be a second definition"
                ),
            )
            .help = Some(
                "remove it (and the hand-made parameter): the generated secret holds the Atlas connection string".into(),
            );
            self.reading(["/mongodb/clients"]);
        }
        if let Some(i) = m
            .clients
            .iter()
            .enumerate()
            .position(|(i, c)| m.clients[..i].contains(c))
        {
            self.error(
                &format!("/mongodb/clients/{i}"),
                format!("`{}` is listed twice", m.clients[i]),
            )
            .help = Some("list each service once".into());
        }
    }

    fn warnings(&mut self, spec: &Resolved) {
        if spec.network.nat == Nat::None && spec.access.allowed_cidrs.is_empty() {
            self.warning(
                "/access/allowed_cidrs",
                "tasks run with public IPs (nat: none) behind an ALB open to the internet",
            )
            .help = Some("list your office or VPN addresses in `access.allowed_cidrs`, or use `network.nat: single`".into());
            self.reading(["/network/nat"]);
        }
        let prod_like = spec.is_production();
        if let Some(db) = &spec.database
            && prod_like
            && !db.deletion_protection
        {
            self.warning(
                "/database/deletion_protection",
                format!(
                    "deletion protection is off in the `{}` environment",
                    spec.environment
                ),
            )
            .help = Some("set `database.deletion_protection: true`".into());
            self.reading(["/environment"]);
        }
        self.idle_without_scale_out(spec);
        if spec.monitoring.datadog.is_some() {
            self.datadog_sidecar_memory(spec);
        }
        if spec.database.is_some() {
            self.hand_made_database_url(spec);
        }
        if spec.registry.force_delete
            && matches!(spec.profile, Profile::Balanced | Profile::Resilient)
        {
            self.warning(
                "/registry/force_delete",
                format!(
                    "force_delete deletes images with the repository under profile {}",
                    spec.profile.name()
                ),
            );
            self.reading(["/profile"]);
        }
    }

    /// A backend or worker may scale to 0 tasks, but CPU and memory target
    /// tracking measure running tasks: from 0 there is nothing to measure,
    /// and the service never scales out again.
    fn idle_without_scale_out(&mut self, spec: &Resolved) {
        for (name, s) in &spec.services {
            // A worker scaling on a queue starts its first task on the backlog.
            if s.kind == ServiceKind::Web
                || s.scaling.min > 0
                || s.scaling.max == 0
                || s.scaling.queue.is_some()
            {
                continue;
            }
            self.warning(
                &format!("/services/{name}/scaling/min"),
                format!(
                    "`{name}` may scale to 0 tasks, but CPU and memory tracking never scale a service out from 0 (no running task, no metric)"
                ),
            )
            .help = Some(
                "set `scaling.min: 1` to keep one task running, or scale it by a metric that exists without tasks".into(),
            );
            self.reading([format!("/services/{name}/scaling/max")]);
        }
    }

    /// With a database, the tasks get DATABASE_HOST … DATABASE_PASSWORD; a
    /// DATABASE_URL from the environment's parameters is one nobody creates
    /// (older specs and READMEs asked for it by hand) and breaks at rotation.
    fn hand_made_database_url(&mut self, spec: &Resolved) {
        for (name, s) in &spec.services {
            let Some(i) = s
                .secrets
                .iter()
                .position(|x| x.name == "DATABASE_URL" && x.is_prefixed())
            else {
                continue;
            };
            self.warning(
                &format!("/services/{name}/secrets/{i}"),
                format!(
                    "`{name}` reads DATABASE_URL from /{}/{}/DATABASE_URL, which tfgen does not create and which goes stale when RDS rotates the password",
                    spec.project, spec.environment
                ),
            )
            .help = Some("remove it and build the URL in the app from DATABASE_HOST, DATABASE_PORT, DATABASE_NAME, DATABASE_USER and DATABASE_PASSWORD (docs/spec.md, \"Database credentials\")".into());
            self.reading(["/database".to_string()]);
        }
    }

    /// The agent sidecar's reservation comes out of the task's memory: at half
    /// or more, the app gets what is left and is OOM-killed under load.
    fn datadog_sidecar_memory(&mut self, spec: &Resolved) {
        for (name, s) in &spec.services {
            if s.memory > 2 * DATADOG_AGENT_MEMORY_MIB {
                continue;
            }
            let at = |field: &str| format!("/services/{name}/{field}");
            let pointer = if spec.origin(&display_path(&at("memory"))) == Some(Origin::Spec) {
                at("memory")
            } else {
                format!("/services/{name}")
            };
            let app = s.memory.saturating_sub(DATADOG_AGENT_MEMORY_MIB);
            let warning = self.warning(
                &pointer,
                format!(
                    "the Datadog agent sidecar reserves {DATADOG_AGENT_MEMORY_MIB} MiB of the task's {} MiB, leaving `{name}` about {app} MiB",
                    s.memory
                ),
            );
            warning.help = Some(
                match fargate_memory_options(s.cpu)
                    .into_iter()
                    .find(|m| *m > 2 * DATADOG_AGENT_MEMORY_MIB)
                {
                    Some(size) => format!(
                        "set `services.{name}.memory: {size}` (with cpu {}), or turn the sidecar off with `monitoring.datadog.enabled: false`",
                        s.cpu
                    ),
                    None => "give the task more memory, or turn the sidecar off with `monitoring.datadog.enabled: false`".into(),
                },
            );
            self.reading([at("cpu"), at("memory"), "/monitoring/datadog".into()]);
        }
    }
}

fn is_dns_label(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b[0].is_ascii_lowercase()
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
        && !s.ends_with('-')
}

fn is_env_name(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && !b[0].is_ascii_digit()
        && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_')
}

fn is_domain(s: &str) -> bool {
    s.len() <= 253
        && s.contains('.')
        && s.split('.').all(|label| {
            let b = label.as_bytes();
            (1..=63).contains(&b.len())
                && b.iter()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        })
}

fn is_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((user, host)) => {
            !user.is_empty()
                && !user.contains(char::is_whitespace)
                && host.contains('.')
                && !host.contains('@')
        }
        None => false,
    }
}

fn is_bucket_name(s: &str) -> bool {
    (3..=63).contains(&s.len())
        && s.bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-' || c == b'.')
        && s.as_bytes()[0].is_ascii_alphanumeric()
        && s.as_bytes()[s.len() - 1].is_ascii_alphanumeric()
}

/// `arn:PARTITION:ssm:REGION:ACCOUNT:parameter/NAME`.
fn is_ssm_parameter_arn(s: &str) -> bool {
    let parts: Vec<&str> = s.splitn(6, ':').collect();
    parts.len() == 6
        && parts[0] == "arn"
        && parts[2] == "ssm"
        && parts[4].len() == 12
        && parts[4].bytes().all(|b| b.is_ascii_digit())
        && parts[5].starts_with("parameter/")
}

/// An ALB HTTP success-code matcher: codes 200-499, as one code, a
/// comma-separated list or a range (`200`, `200,204`, `200-399`).
fn is_matcher(m: &str) -> bool {
    let code = |c: &str| {
        c.len() == 3
            && c.bytes().all(|b| b.is_ascii_digit())
            && (200..=499).contains(&c.parse::<u32>().unwrap_or(0))
    };
    !m.is_empty()
        && m.split(',').all(|part| match part.split_once('-') {
            Some((from, to)) => code(from) && code(to) && from < to,
            None => code(part),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sidecar_memory_rule_uses_the_compute_module_reservation() {
        let module = include_str!("../../templates/modules/compute/main.tf");
        let words: Vec<&str> = module.split_whitespace().collect();
        let agent = words
            .windows(3)
            .position(|w| w == ["name", "=", "\"datadog-agent\""])
            .expect("the compute module has the datadog-agent container");
        let reservation = words[agent..]
            .windows(3)
            .find(|w| w[0] == "memoryReservation")
            .expect("the agent container reserves memory");
        assert_eq!(reservation[2], DATADOG_AGENT_MEMORY_MIB.to_string());
    }

    #[test]
    fn days_parse_ranges_lists_and_wraps() {
        assert_eq!(parse_days("MON-FRI").unwrap(), vec![1, 2, 3, 4, 5]);
        assert_eq!(parse_days("MON,WED").unwrap(), vec![1, 3]);
        assert_eq!(parse_days("FRI-MON").unwrap(), vec![0, 1, 5, 6]);
        assert!(
            parse_days("MON-FRY")
                .unwrap_err()
                .contains("did you mean `FRI`")
        );
    }

    #[test]
    fn fargate_pairs_follow_the_aws_table() {
        assert_eq!(fargate_memory_options(256), vec![512, 1024, 2048]);
        assert!(fargate_memory_options(4096).contains(&30720));
        assert!(!fargate_memory_options(8192).contains(&18432));
        assert!(fargate_memory_options(300).is_empty());
    }

    #[test]
    fn matchers_are_alb_http_codes() {
        for ok in ["200", "200,204", "200-399", "200-299,302", "499"] {
            assert!(super::is_matcher(ok), "{ok}");
        }
        for bad in [
            "", "199", "500", "200-600", "399-200", "20", "2000", "200,", "ok",
        ] {
            assert!(!super::is_matcher(bad), "{bad}");
        }
    }
}
