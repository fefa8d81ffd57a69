
output "dsn_parameter_arn" {
  description = "ARN of the SSM parameter holding the DSN."
  value       = aws_ssm_parameter.dsn.arn
}

output "project_slug" {
  description = "Slug of the Sentry project."
  value       = sentry_project.web.slug
}
