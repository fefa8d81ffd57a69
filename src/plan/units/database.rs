//! Unit `database`.

use super::*;

pub(super) fn plan(spec: &Resolved, db: &resolve::Database) -> Unit {
    let mut variables = vec![
        name_prefix_var(spec),
        kms_key_var(),
        var(
            "subnet_ids",
            "list(string)",
            "Private subnets of the database.",
            from("network", "private_subnet_ids"),
        ),
        var(
            "security_group_id",
            "string",
            "Security group of the database.",
            from("security", "database_security_group_id"),
        ),
        var(
            "engine_version",
            "string",
            "PostgreSQL engine version.",
            value(&db.version),
        ),
        var(
            "database_name",
            "string",
            "Name of the application database.",
            value(&db.name),
        ),
        var(
            "master_username",
            "string",
            "Master user; its password is managed by RDS in Secrets Manager.",
            value(&db.username),
        ),
        var(
            "backup_retention_days",
            "number",
            "Days of automated backups.",
            value(db.backup_retention_days),
        ),
        var(
            "deletion_protection",
            "bool",
            "Refuse deletion of the database.",
            value(db.deletion_protection),
        ),
        var(
            "skip_final_snapshot",
            "bool",
            "Skip the final snapshot on deletion (profile minimal only).",
            value(spec.profile == Profile::Minimal),
        ),
        var(
            "ssm_prefix",
            "string",
            "SSM path prefix of the connection parameters.",
            ssm_prefix_input(spec),
        ),
    ];
    let (summary, identifier) = match &db.engine {
        DatabaseEngine::Postgres {
            instance_class,
            multi_az,
        } => {
            variables.push(var(
                "instance_class",
                "string",
                "RDS instance class.",
                value(instance_class),
            ));
            variables.push(var(
                "multi_az",
                "bool",
                "Standby instance in a second AZ.",
                value(multi_az),
            ));
            (
                "RDS for PostgreSQL instance",
                "aws_db_instance.this.identifier",
            )
        }
        DatabaseEngine::AuroraPostgres {
            min_capacity,
            max_capacity,
            readers,
        } => {
            variables.push(var(
                "min_capacity",
                "number",
                "Minimum Aurora capacity units.",
                value(min_capacity),
            ));
            variables.push(var(
                "max_capacity",
                "number",
                "Maximum Aurora capacity units.",
                value(max_capacity),
            ));
            variables.push(var(
                "reader_count",
                "number",
                "Number of reader instances.",
                value(readers),
            ));
            (
                "Aurora PostgreSQL Serverless v2 cluster",
                "aws_rds_cluster.this.cluster_identifier",
            )
        }
    };
    let is_aurora = matches!(db.engine, DatabaseEngine::AuroraPostgres { .. });
    let secret = if is_aurora {
        "aws_rds_cluster.this.master_user_secret[0].secret_arn"
    } else {
        "aws_db_instance.this.master_user_secret[0].secret_arn"
    };
    unit(
        "database",
        summary,
        variables,
        vec![
            out(
                "identifier",
                "Identifier of the instance or cluster.",
                identifier,
                json!("mock-db"),
            ),
            out(
                "endpoint",
                "Writer endpoint host name.",
                if is_aurora {
                    "aws_rds_cluster.this.endpoint"
                } else {
                    "aws_db_instance.this.address"
                },
                json!("mock-db.cluster-000000000000.ap-northeast-1.rds.amazonaws.com"),
            ),
            out(
                "port",
                "Database port.",
                if is_aurora {
                    "aws_rds_cluster.this.port"
                } else {
                    "aws_db_instance.this.port"
                },
                json!(5432),
            ),
            out(
                "master_user_secret_arn",
                "ARN of the Secrets Manager secret RDS manages for the master user.",
                secret,
                json!("arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:mock"),
            ),
        ],
    )
}
