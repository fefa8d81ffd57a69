//! Unit `monitoring`.

use super::*;

pub(super) fn plan(spec: &Resolved, email: &str) -> Unit {
    let mut variables = vec![
        name_prefix_var(spec),
        kms_key_var(),
        set("alarm_email", value(email)),
        set("cluster_name", from("compute", "cluster_name")),
        set("service_names", from("compute", "service_names")),
        set("alb_arn_suffix", from("compute", "alb_arn_suffix")),
        set(
            "target_group_arn_suffixes",
            from("compute", "target_group_arn_suffixes"),
        ),
    ];
    if !spec.queues.is_empty() {
        variables.push(set(
            "dead_letter_queues",
            from("queues", "dead_letter_queue_sqs_names"),
        ));
    }
    if let Some(db) = &spec.database {
        variables.push(set("database_engine", value(rds_engine(&db.engine))));
        variables.push(set("database_identifier", from("database", "identifier")));
        if let DatabaseEngine::AuroraPostgres { max_capacity, .. } = db.engine {
            variables.push(set("max_capacity", value(max_capacity)));
        }
    }
    // The jobs unit's failure rule publishes to the topic: its policy names it.
    if !spec.jobs.is_empty() {
        variables.push(set(
            "job_failure_rule_name",
            value(names::job_failure_rule_name(spec)),
        ));
    }
    unit(
        "monitoring",
        "CloudWatch alarms to an encrypted SNS email topic",
        variables,
        vec![out("alarm_topic_arn", mock_arn(spec, "sns", "mock"))],
    )
}

/// The RDS engine name of a database (`postgres`, `aurora-postgresql`): the
/// `database_engine` input of the monitoring and datadog modules, which
/// picks the alarms and the metric dimension of each engine.
pub(super) fn rds_engine(engine: &DatabaseEngine) -> &'static str {
    match engine {
        DatabaseEngine::Postgres { .. } => "postgres",
        DatabaseEngine::AuroraPostgres { .. } => "aurora-postgresql",
    }
}
