//! Unit `database`.

use super::*;

pub(super) fn plan(spec: &Resolved, db: &resolve::Database) -> Unit {
    let is_aurora = matches!(db.engine, DatabaseEngine::AuroraPostgres { .. });
    let mut variables = vec![
        name_prefix_var(spec),
        kms_key_var(),
        set("subnet_ids", from("network", "private_subnet_ids")),
        set(
            "security_group_id",
            from("security", "database_security_group_id"),
        ),
        set(
            "engine",
            value(if is_aurora {
                "aurora-postgresql"
            } else {
                "postgres"
            }),
        ),
        set("engine_version", value(&db.version)),
        set("database_name", value(&db.name)),
        set("master_username", value(&db.username)),
        set("backup_retention_days", value(db.backup_retention_days)),
        set("deletion_protection", value(db.deletion_protection)),
        set(
            "skip_final_snapshot",
            value(spec.profile == Profile::Minimal),
        ),
        set("ssm_prefix", ssm_prefix_input(spec)),
        set(
            "log_retention_days",
            value(spec.monitoring.log_retention_days),
        ),
    ];
    let mut trade_offs = Vec::new();
    let (summary, resource) = match &db.engine {
        DatabaseEngine::Postgres {
            instance_class,
            multi_az,
        } => {
            variables.push(set("instance_class", value(instance_class)));
            variables.push(set("multi_az", value(multi_az)));
            if !multi_az {
                trade_offs.push(trade_off(
                    "CKV_AWS_157",
                    "aws_db_instance.this",
                    "database.multi_az",
                    "One instance in one AZ, at half the cost of Multi-AZ: an AZ outage stops \
                     the database until the zone recovers or a backup is restored; automated \
                     backups keep the data.",
                ));
            }
            ("RDS for PostgreSQL instance", "aws_db_instance.this")
        }
        DatabaseEngine::AuroraPostgres {
            min_capacity,
            max_capacity,
            readers,
        } => {
            variables.push(set("min_capacity", value(min_capacity)));
            variables.push(set("max_capacity", value(max_capacity)));
            variables.push(set("reader_count", value(readers)));
            variables.push(set(
                "availability_zones",
                from("network", "availability_zones"),
            ));
            (
                "Aurora PostgreSQL Serverless v2 cluster",
                "aws_rds_cluster.this",
            )
        }
    };
    if !db.deletion_protection {
        let snapshot = if spec.profile == Profile::Minimal {
            "without a final snapshot (profile minimal)"
        } else {
            "after a final snapshot"
        };
        trade_offs.push(trade_off(
            if is_aurora {
                "CKV_AWS_139"
            } else {
                "CKV_AWS_293"
            },
            resource,
            "database.deletion_protection",
            &format!(
                "A destroy removes the database with the rest of the environment in one run, \
                 {snapshot}."
            ),
        ));
    }
    if spec.monitoring.log_retention_days < 365 {
        let groups: &[&str] = if is_aurora {
            &["aws_cloudwatch_log_group.postgresql"]
        } else {
            &[
                "aws_cloudwatch_log_group.postgresql",
                "aws_cloudwatch_log_group.upgrade",
            ]
        };
        for group in groups {
            trade_offs.push(trade_off(
                "CKV_AWS_338",
                group,
                "monitoring.log_retention_days",
                "The database's exported logs are kept as long as the environment's other \
                 logs: a shorter history for a smaller CloudWatch Logs bill.",
            ));
        }
    }
    let mut u = unit(
        "database",
        summary,
        variables,
        vec![
            out("identifier", json!("mock-db")),
            out(
                "endpoint",
                json!(format!(
                    "mock-db.cluster-000000000000.{}.rds.amazonaws.com",
                    spec.region.code()
                )),
            ),
            out("port", json!(5432)),
            out(
                "master_user_secret_arn",
                mock_arn(spec, "secretsmanager", "secret:rds!db-mock-AbCdEf"),
            ),
            out("database_name", json!(db.name)),
            out("master_username", json!(db.username)),
        ],
    );
    u.trade_offs = trade_offs;
    u
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The database unit of a minimal valid spec with `database` appended,
    /// its logs kept a year (no retention trade-off).
    fn database(profile: &str, database: &str) -> Unit {
        database_with_logs(profile, database, 365)
    }

    fn database_with_logs(profile: &str, database: &str, retention: u32) -> Unit {
        let text = format!(
            "version: 1\nproject: demo\nenvironment: test\nregion: us-east-1\nprofile: {profile}\n\
             monitoring:\n  log_retention_days: {retention}\n\
             services:\n  web:\n    port: 3000\ndatabase:\n{database}"
        );
        let checked = crate::spec::check(text.as_bytes());
        let spec = checked
            .resolved
            .unwrap_or_else(|| panic!("invalid test spec: {:?}", checked.diagnostics));
        let db = spec.database.clone().expect("a database");
        plan(&spec, &db)
    }

    fn checks(u: &Unit) -> Vec<(&str, &str, &str)> {
        u.trade_offs
            .iter()
            .map(|t| (t.check.as_str(), t.resource.as_str(), t.field.as_str()))
            .collect()
    }

    fn input<'a>(u: &'a Unit, name: &str) -> &'a Input {
        &u.variables
            .iter()
            .find(|v| v.name == name)
            .unwrap_or_else(|| panic!("no input {name}"))
            .input
    }

    #[test]
    fn a_single_az_unprotected_instance_records_both_trade_offs() {
        let u = database(
            "minimal",
            "  engine: postgres\n  multi_az: false\n  deletion_protection: false\n",
        );
        assert_eq!(
            checks(&u),
            [
                ("CKV_AWS_157", "aws_db_instance.this", "database.multi_az"),
                (
                    "CKV_AWS_293",
                    "aws_db_instance.this",
                    "database.deletion_protection"
                ),
            ]
        );
        assert!(u.trade_offs[1].reason.contains("without a final snapshot"));
        assert!(matches!(input(&u, "engine"), Input::Value { value } if value == "postgres"));
    }

    #[test]
    fn a_multi_az_protected_instance_has_no_trade_off() {
        let u = database(
            "balanced",
            "  engine: postgres\n  multi_az: true\n  deletion_protection: true\n",
        );
        assert!(u.trade_offs.is_empty(), "{:?}", u.trade_offs);
    }

    #[test]
    fn an_unprotected_aurora_cluster_records_its_own_check() {
        let u = database(
            "balanced",
            "  engine: aurora_postgres\n  deletion_protection: false\n",
        );
        assert_eq!(
            checks(&u),
            [(
                "CKV_AWS_139",
                "aws_rds_cluster.this",
                "database.deletion_protection"
            )]
        );
        assert!(u.trade_offs[0].reason.contains("after a final snapshot"));
        assert!(
            matches!(input(&u, "engine"), Input::Value { value } if value == "aurora-postgresql")
        );
        assert!(u.variables.iter().all(|v| v.name != "multi_az"));
    }

    #[test]
    fn exported_logs_kept_under_a_year_record_the_retention_trade_off() {
        let u = database_with_logs("balanced", "  engine: aurora_postgres\n", 30);
        assert_eq!(
            checks(&u),
            [(
                "CKV_AWS_338",
                "aws_cloudwatch_log_group.postgresql",
                "monitoring.log_retention_days"
            )]
        );
        assert!(matches!(input(&u, "log_retention_days"), Input::Value { value } if value == 30));
    }

    #[test]
    fn a_protected_aurora_cluster_has_no_trade_off() {
        let u = database("balanced", "  engine: aurora_postgres\n");
        assert!(u.trade_offs.is_empty(), "{:?}", u.trade_offs);
    }
}
