
output "zone_id" {
  description = "Route53 hosted zone ID."
  value       = local.zone_id
}

output "certificate_arn" {
  description = "ARN of the validated regional ACM certificate (ALB)."
  value       = aws_acm_certificate_validation.regional.certificate_arn
}

output "name_servers" {
  description = "Name servers to set at the domain's registrar; null when the zone is looked up."
  value       = one(aws_route53_zone.this[*].name_servers)
}

output "cloudfront_certificate_arn" {
  description = "ARN of the validated us-east-1 ACM certificate (CloudFront); null without it."
  value       = one(aws_acm_certificate_validation.cloudfront[*].certificate_arn)
}
