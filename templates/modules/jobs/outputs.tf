
output "task_definition_arns" {
  description = "ARN (with revision) of each job's task definition."
  value       = { for name, td in aws_ecs_task_definition.job : name => td.arn }
}

output "task_definition_families" {
  description = "Task definition family of each job: `aws ecs run-task --task-definition FAMILY` runs its latest revision."
  value       = { for name, td in aws_ecs_task_definition.job : name => td.family }
}

output "log_group_names" {
  description = "CloudWatch Logs group of each job (`aws logs tail GROUP --follow`)."
  value       = { for name, group in aws_cloudwatch_log_group.job : name => group.name }
}

output "schedule_arns" {
  description = "ARN of the EventBridge Scheduler schedule of each scheduled job."
  value       = { for name, schedule in aws_scheduler_schedule.job : name => schedule.arn }
}

output "dead_letter_queue_urls" {
  description = "URL of the dead-letter queue of each scheduled job: its failed invocations."
  value       = { for name, queue in aws_sqs_queue.dead_letter : name => queue.url }
}

output "run_task_commands" {
  description = "For each job, the `aws ecs run-task` command that runs it once on the cluster (with the subnets, security groups and public IP setting of the services), printing the task's ARN."
  value = { for name, td in aws_ecs_task_definition.job : name => join(" ", [
    "aws ecs run-task",
    "--region ${local.region}",
    "--cluster ${var.cluster_name}",
    "--task-definition ${td.family}",
    "--launch-type FARGATE",
    "--network-configuration 'awsvpcConfiguration={subnets=[${join(",", var.task_subnet_ids)}],securityGroups=[${join(",", local.security_group_ids[name])}],assignPublicIp=${var.assign_public_ip ? "ENABLED" : "DISABLED"}}'",
    "--query 'tasks[0].taskArn' --output text",
  ]) }
}
