
output "fqdns" {
  description = "The records' names."
  value       = [for r in aws_route53_record.a : r.fqdn]
}
