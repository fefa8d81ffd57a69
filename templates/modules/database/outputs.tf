
output "identifier" {
  description = "Identifier of the instance or cluster."
  value       = local.aurora ? one(aws_rds_cluster.this[*].cluster_identifier) : one(aws_db_instance.this[*].identifier)
}

output "endpoint" {
  description = "Writer endpoint host name."
  value       = local.endpoint
}

output "port" {
  description = "Database port."
  value       = local.port
}

output "master_user_secret_arn" {
  description = "ARN of the Secrets Manager secret RDS manages for the master user."
  value       = local.master_secret_arn
}

output "database_name" {
  description = "Name of the application database."
  value       = var.database_name
}

output "master_username" {
  description = "Master user, whose password is the managed secret's password key."
  value       = var.master_username
}
