//! Unit `dns-records`.

use super::*;

pub(super) fn plan(spec: &Resolved, d: &resolve::Domain) -> Unit {
    let mut names = vec![d.name.clone()];
    if d.www {
        names.push(format!("www.{}", d.name));
    }
    let cdn = spec.cdn.is_some();
    let (target, dns, zone) = if cdn {
        ("cdn", "domain_name", "hosted_zone_id")
    } else {
        ("compute", "alb_dns_name", "alb_zone_id")
    };
    let mut variables = vec![
        set("zone_id", from("dns", "zone_id")),
        set("record_names", value(names)),
        set("target_dns_name", from(target, dns)),
        set("target_zone_id", from(target, zone)),
        // CloudFront aliases cannot evaluate target health; they answer over IPv6.
        set("evaluate_target_health", value(!cdn)),
        set("create_aaaa_records", value(cdn)),
        set("create_origin_record", value(cdn)),
    ];
    if cdn {
        variables.extend([
            set("origin_record_name", value(origin_record_name(d))),
            set("alb_dns_name", from("compute", "alb_dns_name")),
            set("alb_zone_id", from("compute", "alb_zone_id")),
        ]);
    }
    unit(
        "dns-records",
        "alias records of the domain",
        variables,
        vec![out("fqdns", json!([d.name]))],
    )
}
