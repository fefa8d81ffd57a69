
output "user_pool_id" {
  description = "ID of the user pool."
  value       = aws_cognito_user_pool.this.id
}

output "client_id" {
  description = "ID of the web app client."
  value       = aws_cognito_user_pool_client.web.id
}
