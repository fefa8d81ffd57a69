//! Unit `cdn`.

use super::*;
use crate::spec::model::ManagedRule;

pub(super) fn plan(spec: &Resolved, c: &resolve::Cdn) -> Unit {
    let mut variables = vec![
        name_prefix_var(spec),
        set("price_class", value(c.price_class)),
    ];
    // With a domain, CloudFront reaches the ALB over HTTPS at a name its
    // certificate covers; without one, over HTTP at the ALB's own name.
    match &spec.domain {
        Some(d) => variables.push(set("origin_domain_name", value(origin_record_name(d)))),
        None => variables.extend([
            set("origin_domain_name", from("compute", "alb_dns_name")),
            set("origin_protocol_policy", value("http-only")),
        ]),
    }
    variables.extend([
        set("bucket_name", from("storage", "bucket_name")),
        set("bucket_arn", from("storage", "bucket_arn")),
        set(
            "bucket_regional_domain_name",
            from("storage", "bucket_regional_domain_name"),
        ),
    ]);
    match &spec.domain {
        Some(d) => {
            let mut aliases = vec![d.name.clone()];
            if d.www {
                aliases.push(format!("www.{}", d.name));
            }
            variables.extend([
                set("aliases", value(aliases)),
                set("certificate_arn", from("dns", "cloudfront_certificate_arn")),
            ]);
        }
        None => variables.push(set("certificate_arn", value(Value::Null))),
    }
    variables.push(set(
        "web_acl_arn",
        match spec.access.waf {
            Some(_) => from("waf", "web_acl_arn"),
            None => value(Value::Null),
        },
    ));
    let mut u = unit(
        "cdn",
        "CloudFront distribution in front of the ALB and the assets bucket",
        variables,
        vec![
            out("domain_name", json!("d0000000000000.cloudfront.net")),
            out("hosted_zone_id", json!("Z2FDTNDATAQYW2")),
            out("distribution_id", json!("E0000000000000")),
        ],
    );
    u.trade_offs = trade_offs(spec);
    u
}

/// The checks the distribution fails by the spec's choices. checkov reads a
/// null input as a value, so choices that pass null are invisible to it and
/// not recorded: no web ACL (CKV_AWS_68) and, without a domain, CloudFront's
/// default certificate (CKV2_AWS_42).
fn trade_offs(spec: &Resolved) -> Vec<TradeOff> {
    const DISTRIBUTION: &str = "aws_cloudfront_distribution.this";
    let mut t = vec![match &spec.access.waf {
        Some(w) if w.managed_rules.contains(&ManagedRule::KnownBadInputs) => trade_off(
            "CKV2_AWS_47",
            DISTRIBUTION,
            "access.waf.managed_rules",
            "The web ACL (waf unit, a separate module this check cannot see) runs AWSManagedRulesKnownBadInputsRuleSet, Log4JRCE included.",
        ),
        Some(_) => trade_off(
            "CKV2_AWS_47",
            DISTRIBUTION,
            "access.waf.managed_rules",
            "The spec's access.waf.managed_rules leave out known_bad_inputs (the Log4j rule group); add it to block Log4Shell probes at CloudFront.",
        ),
        None => trade_off(
            "CKV2_AWS_47",
            DISTRIBUTION,
            "access.waf.enabled",
            "No web ACL (access.waf is off): nothing at CloudFront blocks Log4Shell probes; the app must not run a vulnerable Log4j.",
        ),
    }];
    if spec.domain.is_none() {
        t.push(trade_off(
            "CKV2_AWS_72",
            DISTRIBUTION,
            "domain",
            "No domain in the spec: the ALB has no certificate, so CloudFront reaches it over HTTP at its AWS DNS name; viewers still get HTTPS from CloudFront.",
        ));
        t.push(trade_off(
            "CKV_AWS_174",
            DISTRIBUTION,
            "domain",
            "No domain in the spec: the distribution serves CloudFront's default *.cloudfront.net certificate, whose minimum protocol AWS fixes at TLSv1.",
        ));
    }
    t
}

/// With a CDN and a domain, CloudFront reaches the ALB over HTTPS at
/// `origin.<domain>`: a name the ALB's `*.<domain>` certificate covers.
pub(super) fn origin_record_name(d: &resolve::Domain) -> String {
    format!("origin.{}", d.name)
}
