output "deploy_role_arn" {
  description = "ARN of the deploy role, assumed by the workflows' apply and image jobs."
  value       = aws_iam_role.deploy.arn
}

output "plan_role_arn" {
  description = "ARN of the read-only plan role, assumed by the workflows' pull-request plan jobs."
  value       = aws_iam_role.plan.arn
}

output "oidc_provider_arn" {
  description = "ARN of the account's GitHub OIDC identity provider (created here or looked up)."
  value       = local.oidc_provider_arn
}
