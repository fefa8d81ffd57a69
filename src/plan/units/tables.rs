//! Unit `tables`: DynamoDB tables and the grants of their clients.

use super::*;

pub(super) fn plan(spec: &Resolved) -> Unit {
    let tables: serde_json::Map<String, Value> = spec
        .tables
        .iter()
        .map(|(name, t)| {
            let mut table = json!({
                "hash_key": t.hash_key,
                "range_key": t.range_key,
                "ttl_attribute": t.ttl_attribute,
                "point_in_time_recovery": t.point_in_time_recovery,
                "deletion_protection": t.deletion_protection,
                "clients": t.clients,
                "readers": t.readers,
            });
            // The optional keys appear only when the spec sets them.
            if let Some(fields) = table.as_object_mut() {
                fields.retain(|_, v| !v.is_null());
            }
            (name.clone(), table)
        })
        .collect();
    let table_names: serde_json::Map<String, Value> = spec
        .tables
        .keys()
        .map(|n| (n.clone(), json!(names::table_name(spec, n))))
        .collect();
    let client_environment: serde_json::Map<String, Value> = spec
        .services
        .keys()
        .chain(spec.jobs.keys())
        .filter_map(|service| {
            let vars: serde_json::Map<String, Value> = spec
                .tables
                .iter()
                .filter(|(_, t)| t.clients.contains(service) || t.readers.contains(service))
                .map(|(n, _)| {
                    (
                        format!("TABLE_{}", names::env_var(n)),
                        json!(names::table_name(spec, n)),
                    )
                })
                .collect();
            (!vars.is_empty()).then(|| (service.clone(), Value::Object(vars)))
        })
        .collect();
    let mut u = unit(
        "tables",
        "DynamoDB tables, client grants",
        vec![
            kms_key_var(),
            set("tables", value(Value::Object(tables))),
            set("table_names", value(Value::Object(table_names.clone()))),
            set("task_role_names", from("security", "task_role_names")),
        ]
        .into_iter()
        .chain(
            queues::own_role_clients(
                spec,
                &client_environment.keys().cloned().collect::<Vec<_>>(),
            )
            .then(|| {
                set(
                    "job_task_role_names",
                    from("security", "job_task_role_names"),
                )
            }),
        )
        .collect(),
        vec![
            out(
                "table_arns",
                Value::Object(
                    table_names
                        .iter()
                        .map(|(n, name)| {
                            (
                                n.clone(),
                                mock_arn(
                                    spec,
                                    "dynamodb",
                                    &format!("table/{}", name.as_str().unwrap_or_default()),
                                ),
                            )
                        })
                        .collect(),
                ),
            ),
            out("client_environment", Value::Object(client_environment)),
        ],
    );
    if spec.profile == Profile::Minimal {
        u.trade_offs.push(trade_off(
            "CKV_AWS_28",
            "aws_dynamodb_table.this",
            "profile",
            "No point-in-time recovery in profile minimal: the tables hold data an environment of its kind can lose (sessions, caches of other data).",
        ));
    }
    u
}
