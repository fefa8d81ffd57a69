//! Unit `dns`.

use super::*;

pub(super) fn plan(spec: &Resolved, d: &resolve::Domain) -> Unit {
    let mut outputs = vec![
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
    ];
    if d.hosted_zone == HostedZone::Create {
        outputs.push(out(
            "name_servers",
            "Name servers to set at the domain's registrar.",
            "aws_route53_zone.this.name_servers",
            json!(["ns-1.awsdns-00.org"]),
        ));
    }
    let mut u = unit(
        "dns",
        "Route53 zone and ACM certificates validated by DNS",
        vec![var(
            "domain_name",
            "string",
            "The domain name.",
            value(&d.name),
        )],
        outputs,
    );
    if spec.cdn.is_some() {
        u.us_east_1 = true;
        u.outputs.push(out(
            "cloudfront_certificate_arn",
            "ARN of the validated us-east-1 ACM certificate (CloudFront).",
            "aws_acm_certificate_validation.cloudfront.certificate_arn",
            json!("arn:aws:acm:us-east-1:123456789012:certificate/mock-cf"),
        ));
    }
    u
}
