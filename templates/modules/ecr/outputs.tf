
output "repository_urls" {
  description = "Repository URL of each service."
  value       = { for name, repo in aws_ecr_repository.this : name => repo.repository_url }
}
