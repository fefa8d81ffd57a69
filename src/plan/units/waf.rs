//! Unit `waf`.

use super::*;
use crate::spec::model::ManagedRule;

pub(super) fn plan(spec: &Resolved, w: &resolve::Waf) -> Unit {
    let cloudfront = spec.cdn.is_some();
    let mut variables = vec![
        name_prefix_var(spec),
        set(
            "scope",
            value(if cloudfront { "CLOUDFRONT" } else { "REGIONAL" }),
        ),
        set(
            "managed_rule_groups",
            value(
                w.managed_rules
                    .iter()
                    .map(|r| rule_group(*r))
                    .collect::<Vec<_>>(),
            ),
        ),
        set("block_large_bodies", value(w.block_large_bodies)),
        set(
            "rate_limit",
            value((w.rate_limit > 0).then(|| json!({ "limit": w.rate_limit }))),
        ),
        set(
            "log_retention_days",
            value(spec.monitoring.log_retention_days),
        ),
    ];
    let mut trade_offs = Vec::new();
    let days = spec.monitoring.log_retention_days;
    if days < 365 {
        trade_offs.push(trade_off(
            "CKV_AWS_338",
            "aws_cloudwatch_log_group.waf",
            "monitoring.log_retention_days",
            &format!(
                "The spec keeps its logs {days} days, the WAF log included: a shorter request history for a smaller CloudWatch Logs bill."
            ),
        ));
    }
    // A CLOUDFRONT-scoped web ACL logs to us-east-1, where the environment's
    // key exists only if the environment is there too. Elsewhere (a KMS key
    // is regional) the module creates a key for the log group in us-east-1.
    if !cloudfront || spec.region.code() == "us-east-1" {
        variables.push(kms_key_var());
    } else {
        variables.push(set("create_kms_key", value(true)));
    }
    if !cloudfront {
        variables.push(set("alb_arn", from("compute", "alb_arn")));
    }
    // Leaving out known_bad_inputs fails CKV_AWS_192, which checkov cannot
    // judge on rules from `dynamic` blocks: not recorded (the cdn unit's
    // CKV2_AWS_47 trade-off names the choice when there is a CDN).
    let mut u = unit(
        "waf",
        if cloudfront {
            "WAFv2 web ACL for CloudFront (us-east-1)"
        } else {
            "WAFv2 web ACL on the ALB"
        },
        variables,
        vec![out(
            "web_acl_arn",
            // A CLOUDFRONT-scoped web ACL is global, in us-east-1.
            if cloudfront {
                json!(format!(
                    "arn:aws:wafv2:us-east-1:{MOCK_ACCOUNT}:global/webacl/mock/0000"
                ))
            } else {
                mock_arn(spec, "wafv2", "regional/webacl/mock/0000")
            },
        )],
    );
    u.trade_offs = trade_offs;
    u
}

/// The AWS managed rule group of a spec `managed_rules` entry.
pub(super) fn rule_group(rule: ManagedRule) -> &'static str {
    match rule {
        ManagedRule::Common => "AWSManagedRulesCommonRuleSet",
        ManagedRule::Sqli => "AWSManagedRulesSQLiRuleSet",
        ManagedRule::KnownBadInputs => "AWSManagedRulesKnownBadInputsRuleSet",
    }
}
