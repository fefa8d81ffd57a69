//! Unit `dns-records`.

use super::*;

pub(super) fn plan(spec: &Resolved, d: &resolve::Domain) -> Unit {
    let mut names = vec![d.name.clone()];
    if d.www {
        names.push(format!("www.{}", d.name));
    }
    let (target, dns, zone) = if spec.cdn.is_some() {
        ("cdn", "domain_name", "hosted_zone_id")
    } else {
        ("compute", "alb_dns_name", "alb_zone_id")
    };
    let mut variables = vec![
        var(
            "zone_id",
            "string",
            "Route53 hosted zone ID.",
            from("dns", "zone_id"),
        ),
        var(
            "record_names",
            "list(string)",
            "Names that alias to the entry point.",
            value(names),
        ),
        var(
            "target_dns_name",
            "string",
            "DNS name of the ALB or CloudFront.",
            from(target, dns),
        ),
        var(
            "target_zone_id",
            "string",
            "Route53 zone of the target.",
            from(target, zone),
        ),
    ];
    if spec.cdn.is_some() {
        variables.extend([
            var(
                "origin_record_name",
                "string",
                "Name CloudFront reaches the ALB by, covered by the ALB's certificate.",
                value(origin_record_name(d)),
            ),
            var(
                "alb_dns_name",
                "string",
                "DNS name of the ALB.",
                from("compute", "alb_dns_name"),
            ),
            var(
                "alb_zone_id",
                "string",
                "Route53 zone of the ALB.",
                from("compute", "alb_zone_id"),
            ),
        ]);
    }
    unit(
        "dns-records",
        "alias records of the domain",
        variables,
        vec![out(
            "fqdns",
            "The records' names.",
            "[for r in aws_route53_record.a : r.fqdn]",
            json!([d.name]),
        )],
    )
}
