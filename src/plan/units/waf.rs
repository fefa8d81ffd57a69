//! Unit `waf`.

use super::*;

pub(super) fn plan(spec: &Resolved, w: &resolve::Waf) -> Unit {
    let mut variables = vec![
        name_prefix_var(spec),
        var(
            "rate_limit",
            "number",
            "Requests per 5 minutes per IP; 0 for no rate rule.",
            value(w.rate_limit),
        ),
        var(
            "log_retention_days",
            "number",
            "Retention of the WAF log group.",
            value(spec.monitoring.log_retention_days),
        ),
    ];
    if spec.cdn.is_none() || spec.region.code() == "us-east-1" {
        variables.push(kms_key_var());
    }
    let mut u_us_east_1 = false;
    if spec.cdn.is_none() {
        variables.push(var(
            "alb_arn",
            "string",
            "ARN of the ALB the web ACL protects.",
            from("compute", "alb_arn"),
        ));
    } else {
        u_us_east_1 = true;
    }
    let mut u = unit(
        "waf",
        if spec.cdn.is_some() {
            "WAFv2 web ACL for CloudFront (us-east-1)"
        } else {
            "WAFv2 web ACL on the ALB"
        },
        variables,
        vec![out(
            "web_acl_arn",
            "ARN of the web ACL.",
            "aws_wafv2_web_acl.this.arn",
            json!("arn:aws:wafv2:us-east-1:123456789012:global/webacl/mock/0000"),
        )],
    );
    u.us_east_1 = u_us_east_1;
    u
}
