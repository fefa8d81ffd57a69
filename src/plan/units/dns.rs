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
            out(
                "certificate_arn",
                json!("arn:aws:acm:us-east-1:123456789012:certificate/mock"),
            ),
            out("name_servers", json!(["ns-1.awsdns-00.org"])),
            out(
                "cloudfront_certificate_arn",
                json!("arn:aws:acm:us-east-1:123456789012:certificate/mock-cf"),
            ),
        ],
    )
}
