//! Unit `jobs`: the task definitions of `jobs:`, and for scheduled jobs the
//! EventBridge Scheduler schedule, its role and its dead-letter queue.

use super::*;
use crate::spec::model::Platform;

/// The jobs without `uses`: they get a task role of their own (in the
/// security unit, beside the services' roles).
pub fn own_role_jobs(spec: &Resolved) -> Vec<&str> {
    spec.jobs
        .iter()
        .filter(|(_, j)| j.uses.is_none())
        .map(|(n, _)| n.as_str())
        .collect()
}

/// Whether a job runs the ECR image of the service it uses.
fn runs_repository_image(spec: &Resolved, job: &resolve::Job) -> bool {
    job.image.is_none() && job.service(spec).is_some_and(|s| s.image.is_none())
}

fn per_job(spec: &Resolved, scheduled_only: bool, f: impl Fn(&str) -> Value) -> Value {
    Value::Object(
        spec.jobs
            .iter()
            .filter(|(_, j)| !scheduled_only || j.schedule.is_some())
            .map(|(n, _)| (n.clone(), f(n)))
            .collect(),
    )
}

pub(super) fn plan(spec: &Resolved) -> Unit {
    let public_tasks = spec.network.nat == Nat::None;
    let jobs: serde_json::Map<String, Value> = spec
        .jobs
        .iter()
        .map(|(name, j)| {
            let mut job = serde_json::Map::new();
            let mut put = |key: &str, v: Value| {
                if !v.is_null() {
                    job.insert(key.into(), v);
                }
            };
            put("uses", json!(j.uses));
            put("image", json!(j.image));
            put(
                "command",
                if j.command.is_empty() {
                    Value::Null
                } else {
                    json!(j.command)
                },
            );
            put(
                "entrypoint",
                if j.entrypoint.is_empty() {
                    Value::Null
                } else {
                    json!(j.entrypoint)
                },
            );
            put("cpu", json!(j.cpu));
            put("memory", json!(j.memory));
            put(
                "cpu_architecture",
                json!(match j.platform {
                    Platform::X86_64 => "X86_64",
                    Platform::Arm64 => "ARM64",
                }),
            );
            put("environment", json!(j.environment));
            put(
                "secrets",
                json!(
                    j.secrets
                        .iter()
                        .filter(|x| x.is_prefixed())
                        .map(|x| &x.name)
                        .collect::<Vec<_>>()
                ),
            );
            put("secret_sources", super::compute::secret_sources(&j.secrets));
            if let Some(schedule) = &j.schedule {
                put("schedule", json!(schedule));
                put("timezone", json!(j.timezone));
                put("retries", json!(j.retries));
            }
            (name.clone(), Value::Object(job))
        })
        .collect();
    let mut variables = vec![
        name_prefix_var(spec),
        kms_key_var(),
        set("cluster_name", from("compute", "cluster_name")),
        set(
            "task_subnet_ids",
            from(
                "network",
                if public_tasks {
                    "public_subnet_ids"
                } else {
                    "private_subnet_ids"
                },
            ),
        ),
        set("assign_public_ip", value(public_tasks)),
        set(
            "task_security_group_id",
            from("security", "task_security_group_id"),
        ),
        // A job with `uses` joins its service's group, so it reaches what the service may.
        set(
            "service_security_group_ids",
            from("security", "service_security_group_ids"),
        ),
        set(
            "task_execution_role_arn",
            from("security", "task_execution_role_arn"),
        ),
    ];
    if spec.jobs.values().any(|j| j.uses.is_some()) {
        variables.push(set(
            "service_task_role_arns",
            from("security", "task_role_arns"),
        ));
    }
    if !own_role_jobs(spec).is_empty() {
        variables.push(set(
            "job_task_role_arns",
            from("security", "job_task_role_arns"),
        ));
    }
    if spec.jobs.values().any(|j| runs_repository_image(spec, j)) {
        variables.push(set("repository_urls", from("ecr", "repository_urls")));
    }
    variables.push(set("jobs", value(Value::Object(jobs))));
    // The data services' variables of the jobs that use them (through their
    // service, or named as clients themselves).
    let data_client = |clients: &[String]| {
        spec.jobs
            .iter()
            .any(|(name, j)| clients.contains(j.uses.as_ref().unwrap_or(name)))
    };
    if spec
        .queues
        .values()
        .any(|q| data_client(&q.producers) || data_client(&q.consumers))
    {
        variables.push(set(
            "queue_environment",
            from("queues", "client_environment"),
        ));
    }
    if spec
        .tables
        .values()
        .any(|t| data_client(&t.clients) || data_client(&t.readers))
    {
        variables.push(set(
            "table_environment",
            from("tables", "client_environment"),
        ));
    }
    if spec.cache.as_ref().is_some_and(|c| data_client(&c.clients)) {
        variables.push(set(
            "cache_environment",
            from("cache", "client_environment"),
        ));
    }
    if spec.jobs.values().any(|j| j.schedule.is_some()) {
        variables.push(set(
            "schedule_names",
            value(per_job(spec, true, |n| {
                json!(names::schedule_name(spec, n))
            })),
        ));
        variables.push(set(
            "scheduler_role_names",
            value(per_job(spec, true, |n| {
                json!(names::scheduler_role_name(spec, n))
            })),
        ));
        variables.push(set(
            "dead_letter_queue_names",
            value(per_job(spec, true, |n| {
                json!(names::dead_letter_queue_name(spec, n))
            })),
        ));
    }
    variables.push(set("ssm_prefix", ssm_prefix_input(spec)));
    variables.push(set(
        "log_retention_days",
        value(spec.monitoring.log_retention_days),
    ));
    if spec
        .jobs
        .values()
        .any(|j| j.secrets.iter().any(|x| x.secretsmanager.is_some()))
    {
        variables.push(set("secret_arns", from("security", "secret_arns")));
    }
    if spec.database.is_some() {
        variables.push(set("database_host", from("database", "endpoint")));
        variables.push(set("database_port", from("database", "port")));
        variables.push(set("database_name", from("database", "database_name")));
        variables.push(set("database_user", from("database", "master_username")));
        variables.push(set(
            "database_secret_arn",
            from("database", "master_user_secret_arn"),
        ));
    }
    variables.push(set("enable_database", value(spec.database.is_some())));
    if spec.auth.is_some() {
        variables.push(set("cognito_user_pool_id", from("auth", "user_pool_id")));
        variables.push(set("cognito_client_id", from("auth", "client_id")));
    }
    // With an alarm email, failed jobs and schedules that cannot start are told
    // to the monitoring unit's topic (which lets exactly this rule publish).
    if spec.monitoring.alarm_email.is_some() {
        variables.push(set(
            "alarm_topic_arn",
            from("monitoring", "alarm_topic_arn"),
        ));
        variables.push(set(
            "job_failure_rule_name",
            value(names::job_failure_rule_name(spec)),
        ));
    }
    let mut u = unit(
        "jobs",
        "ECS task definitions of the jobs, their schedules, roles and dead-letter queues",
        variables,
        vec![
            out(
                "task_definition_arns",
                per_job(spec, false, |n| {
                    mock_arn(
                        spec,
                        "ecs",
                        &format!("task-definition/{}-{n}:1", name_prefix(spec)),
                    )
                }),
            ),
            out(
                "log_group_names",
                per_job(spec, false, |n| {
                    json!(format!("/ecs/{}/{n}", name_prefix(spec)))
                }),
            ),
            out(
                "schedule_arns",
                per_job(spec, true, |n| {
                    mock_arn(spec, "scheduler", &format!("schedule/default/mock-{n}"))
                }),
            ),
            out(
                "dead_letter_queue_urls",
                per_job(spec, true, |n| {
                    json!(format!(
                        "https://sqs.{}.amazonaws.com/{MOCK_ACCOUNT}/mock-{n}-dlq",
                        spec.region.code()
                    ))
                }),
            ),
            out(
                "task_definition_families",
                per_job(spec, false, |n| json!(format!("{}-{n}", name_prefix(spec)))),
            ),
            out(
                "run_task_commands",
                per_job(spec, false, |n| {
                    json!(format!(
                        "aws ecs run-task --cluster mock-cluster --task-definition mock-{n}"
                    ))
                }),
            ),
        ],
    );
    if spec.monitoring.log_retention_days < 365 {
        u.trade_offs.push(trade_off(
            "CKV_AWS_338",
            "aws_cloudwatch_log_group.job",
            "monitoring.log_retention_days",
            "Job logs are kept as long as the environment's other logs: a shorter history for a smaller CloudWatch Logs bill.",
        ));
    }
    u
}
