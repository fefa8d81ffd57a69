
output "cluster_name" {
  description = "Name of the ECS cluster."
  value       = aws_ecs_cluster.this.name
}

output "service_names" {
  description = "ECS service name of each service."
  value       = { for name, svc in aws_ecs_service.this : name => svc.name }
}

output "alb_arn" {
  description = "ARN of the ALB."
  value       = aws_lb.this.arn
}

output "alb_arn_suffix" {
  description = "ARN suffix of the ALB (CloudWatch dimension)."
  value       = aws_lb.this.arn_suffix
}

output "alb_dns_name" {
  description = "DNS name of the ALB."
  value       = aws_lb.this.dns_name
}

output "alb_zone_id" {
  description = "Route53 zone of the ALB (alias records)."
  value       = aws_lb.this.zone_id
}

output "target_group_arn_suffixes" {
  description = "ARN suffix of each service's target group (CloudWatch dimension)."
  value       = { for name, tg in aws_lb_target_group.this : name => tg.arn_suffix }
}

output "origin_header_value" {
  description = "The X-Origin-Verify value CloudFront is to send: the first of origin_header_values (null without require_origin_header). The cdn unit reads it here, so that it is applied after the ALB accepts the value."
  value       = var.require_origin_header ? var.origin_header_values[0] : null
  sensitive   = true
}
