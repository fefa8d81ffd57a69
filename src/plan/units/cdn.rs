//! Unit `cdn`.

use super::*;

pub(super) fn plan(spec: &Resolved, c: &resolve::Cdn) -> Unit {
    let mut variables = vec![
        name_prefix_var(spec),
        var(
            "price_class",
            "string",
            "CloudFront price class.",
            value(c.price_class),
        ),
        var(
            "origin_domain_name",
            "string",
            "Name of the ALB origin: origin.<domain> (HTTPS) or the ALB's DNS name (HTTP).",
            match &spec.domain {
                Some(d) => value(origin_record_name(d)),
                None => from("compute", "alb_dns_name"),
            },
        ),
        var(
            "bucket_name",
            "string",
            "Assets bucket (static paths).",
            from("storage", "bucket_name"),
        ),
        var(
            "bucket_arn",
            "string",
            "ARN of the assets bucket.",
            from("storage", "bucket_arn"),
        ),
        var(
            "bucket_regional_domain_name",
            "string",
            "Regional domain name of the assets bucket.",
            from("storage", "bucket_regional_domain_name"),
        ),
    ];
    if let Some(d) = &spec.domain {
        let mut aliases = vec![d.name.clone()];
        if d.www {
            aliases.push(format!("www.{}", d.name));
        }
        variables.push(var(
            "aliases",
            "list(string)",
            "Domain names served.",
            value(aliases),
        ));
        variables.push(var(
            "certificate_arn",
            "string",
            "us-east-1 ACM certificate of the aliases.",
            from("dns", "cloudfront_certificate_arn"),
        ));
    }
    if spec.access.waf.is_some() {
        variables.push(var(
            "web_acl_arn",
            "string",
            "CLOUDFRONT-scoped web ACL.",
            from("waf", "web_acl_arn"),
        ));
    }
    unit(
        "cdn",
        "CloudFront distribution in front of the ALB and the assets bucket",
        variables,
        vec![
            out(
                "domain_name",
                "Domain name of the distribution.",
                "aws_cloudfront_distribution.this.domain_name",
                json!("d0000000000000.cloudfront.net"),
            ),
            out(
                "hosted_zone_id",
                "Route53 zone of CloudFront (alias records).",
                "aws_cloudfront_distribution.this.hosted_zone_id",
                json!("Z2FDTNDATAQYW2"),
            ),
            out(
                "distribution_id",
                "ID of the distribution.",
                "aws_cloudfront_distribution.this.id",
                json!("E0000000000000"),
            ),
        ],
    )
}

/// With a CDN and a domain, CloudFront reaches the ALB over HTTPS at
/// `origin.<domain>`: a name the ALB's `*.<domain>` certificate covers.
pub(super) fn origin_record_name(d: &resolve::Domain) -> String {
    format!("origin.{}", d.name)
}
