output "project_id" {
  description = "ID of the Atlas project."
  value       = mongodbatlas_project.this.id
}

output "cluster_name" {
  description = "Name of the Atlas cluster."
  value       = local.cluster_name
}

output "connection_string" {
  description = "The cluster's mongodb+srv:// address (private endpoint-aware with access = privatelink), without credentials."
  value       = local.srv
}

output "mongodb_uri_secret_arns" {
  description = "ARN of each client's MONGODB_URI secret."
  value       = { for name, secret in aws_secretsmanager_secret.uri : name => secret.arn }
}
