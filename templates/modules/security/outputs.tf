
output "alb_security_group_id" {
  description = "Security group of the ALB."
  value       = aws_security_group.alb.id
}

output "task_security_group_id" {
  description = "Security group of the ECS tasks."
  value       = aws_security_group.tasks.id
}

output "service_security_group_ids" {
  description = "Security group of each service, by service name, attached beside task_security_group_id: a resource only some services may reach admits their groups."
  value       = { for name, sg in aws_security_group.service : name => sg.id }
}

output "task_execution_role_arn" {
  description = "ARN of the ECS task execution role."
  value       = aws_iam_role.task_execution.arn
}

output "task_role_arns" {
  description = "ARN of each service's task role."
  value       = { for name, role in aws_iam_role.task : name => role.arn }
}

output "secret_arns" {
  description = "ARN of each Secrets Manager secret injected into the tasks, by name."
  value       = { for name, secret in data.aws_secretsmanager_secret.injected : name => secret.arn }
}

output "database_security_group_id" {
  description = "Security group of the database (null without create_database_security_group)."
  value       = one(aws_security_group.database[*].id)
}

output "bastion_security_group_id" {
  description = "Security group of the bastion, no ingress (null without create_bastion)."
  value       = one(aws_security_group.bastion[*].id)
}

output "bastion_instance_profile_name" {
  description = "Instance profile of the bastion, an SSM managed instance (null without create_bastion)."
  value       = one(aws_iam_instance_profile.bastion[*].name)
}

output "origin_header_values" {
  description = "The origin header values the ALB accepts: AWSCURRENT (first: the one CloudFront sends) and AWSPREVIOUS after a rotation (empty without create_origin_secret)."
  value       = concat(data.aws_secretsmanager_secret_version.origin_current[*].secret_string, data.aws_secretsmanager_secret_version.origin_previous[*].secret_string)
  sensitive   = true
}

output "task_execution_role_name" {
  description = "Name of the ECS task execution role (compute attaches the policy that reads the database secret)."
  value       = aws_iam_role.task_execution.name
}

output "job_task_role_arns" {
  description = "ARN of the task role of each job without `uses`, by job name."
  value       = { for name, role in aws_iam_role.job_task : name => role.arn }
}

output "task_role_names" {
  description = "Name of each service's task role (the queues and tables units attach their grants to them)."
  value       = { for name, role in aws_iam_role.task : name => role.name }
}

output "job_task_role_names" {
  description = "Name of the task role of each job without `uses` (the queues and tables units attach their grants to them)."
  value       = { for name, role in aws_iam_role.job_task : name => role.name }
}
