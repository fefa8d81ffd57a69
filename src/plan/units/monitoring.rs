//! Unit `monitoring`.

use super::*;

pub(super) fn plan(spec: &Resolved, email: &str) -> Unit {
    let mut variables = vec![
        name_prefix_var(spec),
        kms_key_var(),
        var(
            "alarm_email",
            "string",
            "Email subscribed to the alarm topic.",
            value(email),
        ),
        var(
            "cluster_name",
            "string",
            "ECS cluster.",
            from("compute", "cluster_name"),
        ),
        var(
            "service_names",
            "map(string)",
            "ECS service of each service.",
            from("compute", "service_names"),
        ),
        var(
            "alb_arn_suffix",
            "string",
            "ALB dimension.",
            from("compute", "alb_arn_suffix"),
        ),
        var(
            "target_group_arn_suffixes",
            "map(string)",
            "Target group dimension of each service.",
            from("compute", "target_group_arn_suffixes"),
        ),
    ];
    if let Some(db) = &spec.database {
        variables.push(var(
            "database_identifier",
            "string",
            "Database instance or cluster.",
            from("database", "identifier"),
        ));
        if let DatabaseEngine::AuroraPostgres { max_capacity, .. } = db.engine {
            variables.push(var(
                "max_capacity",
                "number",
                "Aurora's maximum ACU: the capacity alarm fires at it.",
                value(max_capacity),
            ));
        }
    }
    unit(
        "monitoring",
        "CloudWatch alarms to an encrypted SNS email topic",
        variables,
        vec![out(
            "alarm_topic_arn",
            "SNS topic of the alarms.",
            "aws_sns_topic.alarms.arn",
            json!("arn:aws:sns:ap-northeast-1:123456789012:mock"),
        )],
    )
}
