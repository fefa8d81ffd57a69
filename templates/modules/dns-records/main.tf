
resource "aws_route53_record" "a" {
  for_each = toset(var.record_names)

  zone_id = var.zone_id
  name    = each.key
  type    = "A"

  alias {
    name                   = var.target_dns_name
    zone_id                = var.target_zone_id
    evaluate_target_health = var.evaluate_target_health
  }
}

# CloudFront answers over IPv6 too; the ALB of an IPv4 VPC does not, so
# without a CDN there are no AAAA records.
resource "aws_route53_record" "aaaa" {
  for_each = var.create_aaaa_records ? toset(var.record_names) : toset([])

  zone_id = var.zone_id
  name    = each.key
  type    = "AAAA"

  alias {
    name                   = var.target_dns_name
    zone_id                = var.target_zone_id
    evaluate_target_health = var.evaluate_target_health
  }
}

# CloudFront reaches the ALB over HTTPS by this name, which the ALB's
# certificate (*.domain) covers.
resource "aws_route53_record" "origin" {
  # checkov:skip=CKV2_AWS_23:The alias target is always the ALB of the compute unit, another module, passed in as alb_dns_name: checkov sees only the name.
  count = var.create_origin_record ? 1 : 0

  zone_id = var.zone_id
  name    = var.origin_record_name
  type    = "A"

  alias {
    name                   = var.alb_dns_name
    zone_id                = var.alb_zone_id
    evaluate_target_health = true
  }
}
