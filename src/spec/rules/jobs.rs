//! The rules of `jobs:` (see docs/spec.md, "jobs").

use super::{Checker, fargate_memory_options, is_env_name, is_ssm_parameter_arn};
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::resolve::{Origin, Resolved};
use crate::spec::scheduler;
use crate::spec::schema::{display_path, escape};
use crate::verify::naming;

/// Scheduler's most retry attempts (RetryPolicy.MaximumRetryAttempts).
pub const MAX_RETRIES: u32 = 185;

impl Checker<'_> {
    pub(super) fn jobs(&mut self, spec: &Resolved) {
        for (name, job) in &spec.jobs {
            let base = format!("/jobs/{}", escape(name));
            let at = |field: &str| format!("{base}/{field}");
            if !super::is_dns_label(name) || name.len() > 20 || name.contains("--") {
                self.error(
                    &base,
                    format!("job name `{name}` is not a DNS label of 1-20 characters without `--`"),
                )
                .help = Some(
                    "use lowercase letters, digits and single hyphens, starting with a letter (it names the task definition, log group, schedule and roles)".into(),
                );
            }
            if spec.services.contains_key(name) {
                self.push(
                    Diagnostic::error(
                        self.doc.key_position(&base),
                        display_path(&base),
                        format!("job `{name}` has the name of a service"),
                    )
                    .with_help(
                        "jobs and services share one namespace (task definition families, log groups, task roles): rename the job, e.g. `{name}-job`"
                            .replace("{name}", name),
                    ),
                    &base,
                );
                self.reading([format!("/services/{}", escape(name))]);
            }
            match &job.uses {
                Some(uses) if !spec.services.contains_key(uses) => {
                    let help = match did_you_mean(uses, spec.services.keys().map(String::as_str)) {
                        Some(close) => format!("did you mean `{close}`?"),
                        None => format!(
                            "name one of the services: {}",
                            spec.services
                                .keys()
                                .map(|s| format!("`{s}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    };
                    self.error(&at("uses"), format!("`uses: {uses}` names no service"))
                        .help = Some(help);
                    self.reading(["/services".to_string()]);
                }
                None if job.image.is_none() => {
                    self.push(
                        Diagnostic::error(
                            self.doc.key_position(&base),
                            display_path(&base),
                            format!("job `{name}` has no image and uses no service"),
                        )
                        .with_help(
                            "set `uses: SERVICE` to run with a service's image and settings, or `image: REPOSITORY:TAG`",
                        ),
                        &base,
                    );
                }
                _ => {}
            }
            match &job.schedule {
                Some(expression) => {
                    if let Err(p) = scheduler::parse(expression) {
                        self.error(&at("schedule"), p.message).help = Some(p.help);
                    }
                }
                None => {
                    for field in ["timezone", "retries"] {
                        if self.doc.value.pointer(&at(field)).is_some() {
                            self.error(
                                &at(field),
                                format!("has no effect: job `{name}` has no schedule (a one-off job, run on demand)"),
                            )
                            .help = Some("remove it, or add `schedule: cron(...)`".into());
                        }
                    }
                }
            }
            if job.timezone.parse::<chrono_tz::Tz>().is_err() {
                let names = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name());
                self.error(
                    &at("timezone"),
                    format!("\"{}\" is not an IANA time zone", job.timezone),
                )
                .help = Some(match did_you_mean(&job.timezone, names) {
                    Some(name) => format!("did you mean `{name}`?"),
                    None => "use a name like Asia/Tokyo or Europe/Berlin".into(),
                });
            }
            if job.retries > MAX_RETRIES {
                self.error(
                    &at("retries"),
                    format!(
                        "retries {} is more than EventBridge Scheduler's {MAX_RETRIES}",
                        job.retries
                    ),
                )
                .help = Some(format!(
                    "use 0-{MAX_RETRIES}: the retries of a failed RunTask call, over at most 24 hours"
                ));
            }
            let memory_options = fargate_memory_options(job.cpu);
            if !memory_options.contains(&job.memory) {
                let pointer = if spec.origin(&display_path(&at("memory"))) == Some(Origin::Spec)
                    && self.doc.value.pointer(&at("memory")).is_some()
                {
                    at("memory")
                } else if self.doc.value.pointer(&at("cpu")).is_some() {
                    at("cpu")
                } else {
                    base.clone()
                };
                let list: Vec<String> = memory_options.iter().map(u32::to_string).collect();
                self.error(
                    &pointer,
                    format!(
                        "cpu {} with memory {} is not a valid Fargate pair",
                        job.cpu, job.memory
                    ),
                )
                .help = Some(format!(
                    "with cpu {}, memory is one of {}",
                    job.cpu,
                    list.join(", ")
                ));
                self.reading([at("cpu"), at("memory")]);
            }
            if let Some(serde_json::Value::Object(env)) =
                self.doc.value.pointer(&at("environment")).cloned()
            {
                for key in env.keys().filter(|k| !is_env_name(k)) {
                    self.error(
                        &format!("{}/{}", at("environment"), escape(key)),
                        format!("`{key}` is not a valid environment variable name"),
                    )
                    .help = Some(
                        "use letters, digits and underscores, not starting with a digit".into(),
                    );
                }
            }
            if let Some(serde_json::Value::Array(items)) =
                self.doc.value.pointer(&at("secrets")).cloned()
            {
                for (i, item) in items.iter().enumerate() {
                    let item_at = format!("{}/{i}", at("secrets"));
                    let name = item
                        .as_str()
                        .or_else(|| item.get("name").and_then(|n| n.as_str()))
                        .unwrap_or_default();
                    if !is_env_name(name) {
                        let pointer = if item.get("name").is_some() {
                            format!("{item_at}/name")
                        } else {
                            item_at.clone()
                        };
                        self.error(
                            &pointer,
                            format!("`{name}` is not a valid parameter / variable name"),
                        )
                        .help =
                            Some("use letters, digits and underscores, e.g. DATABASE_URL".into());
                    }
                    if item.get("ssm").is_some() && item.get("secretsmanager").is_some() {
                        self.error(
                            &format!("{item_at}/secretsmanager"),
                            format!(
                                "secret `{name}` reads either `ssm` or `secretsmanager`, not both"
                            ),
                        )
                        .help = Some("keep the one that holds the value".into());
                        self.reading([format!("{item_at}/ssm")]);
                    }
                    if let Some(ssm) = item.get("ssm").and_then(|v| v.as_str()) {
                        let parameter = naming::rule(naming::Kind::SsmParameter);
                        if ssm.starts_with('/') {
                            if let Err(problem) = naming::check(parameter, ssm) {
                                self.error(&format!("{item_at}/ssm"), problem);
                            }
                        } else if !is_ssm_parameter_arn(ssm) {
                            self.error(
                                &format!("{item_at}/ssm"),
                                format!("\"{ssm}\" is neither a full parameter name nor an SSM parameter ARN"),
                            )
                            .help = Some(format!(
                                "write the full name, \"/{ssm}\", or the ARN arn:aws:ssm:REGION:ACCOUNT:parameter/NAME"
                            ));
                        }
                    }
                    if let Some(id) = item.get("secretsmanager").and_then(|v| v.as_str()) {
                        let rule = naming::rule(naming::Kind::SecretsManagerSecret);
                        if let Err(problem) = naming::check(rule, id) {
                            self.error(&format!("{item_at}/secretsmanager"), problem)
                                .help = Some(
                                "write the secret's name (e.g. ci/github), not its ARN".into(),
                            );
                        }
                    }
                    if item.get("key").is_some() && item.get("secretsmanager").is_none() {
                        self.error(
                            &format!("{item_at}/key"),
                            "`key` picks a JSON key of a Secrets Manager secret",
                        )
                        .help =
                            Some("remove `key`, or read the value from `secretsmanager`".into());
                    }
                }
            }
        }
    }
}
