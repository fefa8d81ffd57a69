//! Unit `storage`.

use super::*;

pub(super) fn plan(spec: &Resolved) -> Unit {
    let s = &spec.storage;
    let u = unit(
        "storage",
        "S3 buckets: static assets, and the access logs of the ALB and the assets",
        vec![
            kms_key_var(),
            set(
                "bucket_name",
                value(format!("{}-assets", name_prefix(spec))),
            ),
            set("versioning", value(s.versioning)),
            set("transition_to_ia_days", value(s.transition_to_ia_days)),
            set("expire_days", value(s.expire_days)),
            set("cors_origins", value(&s.cors_origins)),
            // With a CDN, the cdn unit owns the assets bucket's policy.
            set("create_bucket_policy", value(spec.cdn.is_none())),
            set(
                "logs_bucket_name",
                value(format!("{}-logs", name_prefix(spec))),
            ),
            set("access_log_days", value(spec.monitoring.log_retention_days)),
            set(
                "logs_force_destroy",
                value(spec.profile == Profile::Minimal),
            ),
        ],
        vec![
            out("bucket_name", json!("mock-assets")),
            out("bucket_arn", json!("arn:aws:s3:::mock-assets")),
            out(
                "bucket_regional_domain_name",
                json!(format!(
                    "mock-assets.s3.{}.amazonaws.com",
                    spec.region.code()
                )),
            ),
            out("logs_bucket_name", json!("mock-logs")),
        ],
    );
    // Without versioning the bucket has no aws_s3_bucket_versioning (count
    // 0), which checkov still reads as Enabled (CKV_AWS_21 passes): a choice
    // it cannot see, so not recorded.
    u
}
