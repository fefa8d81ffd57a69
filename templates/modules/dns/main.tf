
resource "aws_route53_zone" "this" {
  # checkov:skip=CKV2_AWS_38:DNSSEC only protects once a DS record is set at the registrar, which tfgen cannot do; a wrong DS record takes the domain offline. Enable it by hand with the registrar step.
  # checkov:skip=CKV2_AWS_39:Every request to the application is already logged by the ALB access logs (and CloudFront's and WAF's where they exist); query logs would need a us-east-1 log group for little more.
  count = var.create_zone ? 1 : 0

  name = var.domain_name
}

data "aws_route53_zone" "this" {
  count = var.create_zone ? 0 : 1

  name         = var.domain_name
  private_zone = false
}

locals {
  zone_id = var.create_zone ? aws_route53_zone.this[0].zone_id : data.aws_route53_zone.this[0].zone_id
}

# One certificate for the name and its subdomains, validated by DNS.
resource "aws_acm_certificate" "regional" {
  domain_name               = var.domain_name
  subject_alternative_names = ["*.${var.domain_name}"]
  validation_method         = "DNS"

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_route53_record" "validation" {
  for_each = {
    for option in aws_acm_certificate.regional.domain_validation_options : option.domain_name => option
  }

  zone_id         = local.zone_id
  name            = each.value.resource_record_name
  type            = each.value.resource_record_type
  records         = [each.value.resource_record_value]
  ttl             = 300
  allow_overwrite = true
}

resource "aws_acm_certificate_validation" "regional" {
  certificate_arn         = aws_acm_certificate.regional.arn
  validation_record_fqdns = [for record in aws_route53_record.validation : record.fqdn]
}

# CloudFront only uses certificates from us-east-1. Its DNS validation records
# are the same as the regional certificate's, so they are shared.
resource "aws_acm_certificate" "cloudfront" {
  count    = var.create_cloudfront_certificate ? 1 : 0
  provider = aws.us_east_1

  domain_name               = var.domain_name
  subject_alternative_names = ["*.${var.domain_name}"]
  validation_method         = "DNS"

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_acm_certificate_validation" "cloudfront" {
  count    = var.create_cloudfront_certificate ? 1 : 0
  provider = aws.us_east_1

  certificate_arn         = aws_acm_certificate.cloudfront[0].arn
  validation_record_fqdns = [for record in aws_route53_record.validation : record.fqdn]
}
