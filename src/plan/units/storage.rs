//! Unit `storage`.

use super::*;

pub(super) fn plan(spec: &Resolved) -> Unit {
    let s = &spec.storage;
    unit(
        "storage",
        "S3 buckets: static assets, and the access logs of the ALB and the assets",
        vec![
            kms_key_var(),
            var(
                "bucket_name",
                "string",
                "Name of the assets bucket.",
                value(format!("{}-assets", name_prefix(spec))),
            ),
            var(
                "versioning",
                "bool",
                "Keep object versions.",
                value(s.versioning),
            ),
            var(
                "transition_to_ia_days",
                "number",
                "Days before objects move to STANDARD_IA; null for never.",
                value(s.transition_to_ia_days),
            ),
            var(
                "expire_days",
                "number",
                "Days before objects are deleted; null for never.",
                value(s.expire_days),
            ),
            var(
                "cors_origins",
                "list(string)",
                "Origins allowed by the CORS rule.",
                value(&s.cors_origins),
            ),
            var(
                "logs_bucket_name",
                "string",
                "Name of the bucket for ALB and S3 access logs.",
                value(format!("{}-logs", name_prefix(spec))),
            ),
            var(
                "access_log_days",
                "number",
                "Days access logs are kept.",
                value(spec.monitoring.log_retention_days),
            ),
            var(
                "logs_force_destroy",
                "bool",
                "Let a destroy empty the access-log bucket (profile minimal only).",
                value(spec.profile == Profile::Minimal),
            ),
        ],
        vec![
            out(
                "bucket_name",
                "Name of the assets bucket.",
                "aws_s3_bucket.assets.bucket",
                json!("mock-assets"),
            ),
            out(
                "bucket_arn",
                "ARN of the assets bucket.",
                "aws_s3_bucket.assets.arn",
                json!("arn:aws:s3:::mock-assets"),
            ),
            out(
                "bucket_regional_domain_name",
                "Regional domain name of the assets bucket (CloudFront origin).",
                "aws_s3_bucket.assets.bucket_regional_domain_name",
                json!("mock-assets.s3.ap-northeast-1.amazonaws.com"),
            ),
            out(
                "logs_bucket_name",
                "Name of the access-log bucket.",
                "aws_s3_bucket.logs.bucket",
                json!("mock-logs"),
            ),
        ],
    )
}
