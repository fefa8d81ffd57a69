output "endpoint" {
  description = "DNS name of the cache's endpoint."
  value       = aws_elasticache_serverless_cache.this.endpoint[0].address
}

output "port" {
  description = "Port of the cache's endpoint (6379)."
  value       = aws_elasticache_serverless_cache.this.endpoint[0].port
}

output "security_group_id" {
  description = "Security group of the cache."
  value       = aws_security_group.cache.id
}

output "client_environment" {
  description = "The environment variables of each client, keyed by service: CACHE_URL, rediss://<endpoint>:<port> (TLS)."
  value = {
    for service in var.clients : service => {
      CACHE_URL = "rediss://${aws_elasticache_serverless_cache.this.endpoint[0].address}:${aws_elasticache_serverless_cache.this.endpoint[0].port}"
    }
  }
}
