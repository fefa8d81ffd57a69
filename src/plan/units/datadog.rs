//! Unit `datadog`.

use super::*;

pub(super) fn plan(spec: &Resolved, dd: &resolve::Datadog) -> Unit {
    let mut variables = vec![
        name_prefix_var(spec),
        var("site", "string", "Datadog site.", value(dd.site)),
        var(
            "api_key_secret",
            "string",
            "Secrets Manager secret holding the Datadog API key.",
            value(&dd.api_key_secret),
        ),
        var(
            "app_key_secret",
            "string",
            "Secrets Manager secret holding the Datadog application key.",
            value(&dd.app_key_secret),
        ),
        var(
            "environment",
            "string",
            "Datadog env tag.",
            value(&spec.environment),
        ),
        var(
            "api_service",
            "string",
            "Datadog service tag of the API (error rate and latency monitors).",
            value(datadog_service(spec, &api_service(spec))),
        ),
        var(
            "notify",
            "string",
            "Datadog notification handle of the monitors; empty for none.",
            value(
                spec.monitoring
                    .alarm_email
                    .as_ref()
                    .map_or(String::new(), |e| format!("@{e}")),
            ),
        ),
    ];
    if spec.database.is_some() {
        variables.push(var(
            "database_identifier",
            "string",
            "Database instance or cluster (RDS metrics of the AWS integration).",
            from("database", "identifier"),
        ));
    }
    let mut outputs = Vec::new();
    if dd.dashboard {
        outputs.push(out(
            "dashboard_url",
            "URL of the environment's dashboard.",
            "datadog_dashboard.this.url",
            json!("/dashboard/abc-def-ghi"),
        ));
    }
    if dd.monitors {
        outputs.push(out(
            "monitor_ids",
            "IDs of the monitors.",
            if spec.database.is_some() {
                "[datadog_monitor.api_error_rate.id, datadog_monitor.api_latency_p95.id, datadog_monitor.database_cpu.id]"
            } else {
                "[datadog_monitor.api_error_rate.id, datadog_monitor.api_latency_p95.id]"
            },
            json!(["1"]),
        ));
    }
    let mut u = unit(
        "datadog",
        "Datadog monitors and dashboard",
        variables,
        outputs,
    );
    u.providers = vec!["datadog".into()];
    u
}
