//! Unit `datadog`.

use super::monitoring::rds_engine;
use super::*;

pub(super) fn plan(spec: &Resolved, dd: &resolve::Datadog) -> Unit {
    let mut variables = vec![
        name_prefix_var(spec),
        set("site", value(dd.site)),
        set("api_key_secret", value(&dd.api_key_secret)),
        set("app_key_secret", value(&dd.app_key_secret)),
        set("environment", value(&spec.environment)),
        set(
            "api_service",
            value(datadog_service(spec, &api_service(spec))),
        ),
        set(
            "notify",
            value(
                spec.monitoring
                    .alarm_email
                    .as_ref()
                    .map_or(String::new(), |e| format!("@{e}")),
            ),
        ),
        set("enable_monitors", value(dd.monitors)),
        set("enable_dashboard", value(dd.dashboard)),
    ];
    if let Some(db) = &spec.database {
        variables.push(set("database_engine", value(rds_engine(&db.engine))));
        variables.push(set("database_identifier", from("database", "identifier")));
    }
    unit(
        "datadog",
        "Datadog monitors and dashboard",
        variables,
        vec![
            out("dashboard_url", json!("/dashboard/abc-def-ghi")),
            out("monitor_ids", json!(["1"])),
        ],
    )
}
