//! Unit `dns`.

use super::*;

pub(super) fn plan(spec: &Resolved, d: &resolve::Domain) -> Unit {
    let mut u = unit(
        "dns",
        "Route53 zone and ACM certificates validated by DNS",
        vec![
            set("domain_name", value(&d.name)),
            set("create_zone", value(d.hosted_zone == HostedZone::Create)),
            set("create_cloudfront_certificate", value(spec.cdn.is_some())),
        ],
        vec![
            out(
                "zone_id",
                "Route53 hosted zone ID.",
                "local.zone_id",
                json!("Z0000000000000000000"),
            ),
            out(
                "certificate_arn",
                "ARN of the validated regional ACM certificate (ALB).",
                "aws_acm_certificate_validation.regional.certificate_arn",
                json!("arn:aws:acm:us-east-1:123456789012:certificate/mock"),
            ),
            out(
                "name_servers",
                "Name servers to set at the domain's registrar; null when the zone is looked up.",
                "one(aws_route53_zone.this[*].name_servers)",
                json!(["ns-1.awsdns-00.org"]),
            ),
            out(
                "cloudfront_certificate_arn",
                "ARN of the validated us-east-1 ACM certificate (CloudFront); null without it.",
                "one(aws_acm_certificate_validation.cloudfront[*].certificate_arn)",
                json!("arn:aws:acm:us-east-1:123456789012:certificate/mock-cf"),
            ),
        ],
    );
    // The module declares the aws.us_east_1 alias (configuration_aliases):
    // it needs that provider, CDN or not (root.hcl always configures it).
    u.us_east_1 = true;
    u
}
