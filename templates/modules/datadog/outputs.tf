
output "dashboard_url" {
  description = "URL of the environment's dashboard; null without it."
  value       = one(datadog_dashboard.this[*].url)
}

output "monitor_ids" {
  description = "IDs of the monitors; empty without them."
  value       = concat(datadog_monitor.api_error_rate[*].id, datadog_monitor.api_latency_p95[*].id, datadog_monitor.database_cpu[*].id)
}
