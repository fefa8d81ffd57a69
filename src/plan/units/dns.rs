//! Unit `dns`.

use super::*;

pub(super) fn plan(spec: &Resolved, d: &resolve::Domain) -> Unit {
    unit(
        "dns",
        "Route53 zone and ACM certificates validated by DNS",
        vec![
            set("domain_name", value(&d.name)),
            set("create_zone", value(d.hosted_zone == HostedZone::Create)),
            set("create_cloudfront_certificate", value(spec.cdn.is_some())),
        ],
        vec![
            out("zone_id", json!("Z0000000000000000000")),
            // The ALB's certificate lives in the environment's region,
            // CloudFront's in us-east-1 whatever the region.
            out("certificate_arn", mock_arn(spec, "acm", "certificate/mock")),
            out("name_servers", json!(["ns-1.awsdns-00.org"])),
            out(
                "cloudfront_certificate_arn",
                json!(format!(
                    "arn:aws:acm:us-east-1:{MOCK_ACCOUNT}:certificate/mock-cf"
                )),
            ),
        ],
    )
}
