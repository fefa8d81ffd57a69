//! Unit `kms`.

use super::*;

pub(super) fn plan(spec: &Resolved) -> Unit {
    unit(
        "kms",
        "customer-managed KMS key of the environment",
        vec![
            name_prefix_var(spec),
            var(
                "deletion_window_days",
                "number",
                "Days a scheduled key deletion can still be cancelled.",
                value(if spec.profile == Profile::Minimal {
                    7
                } else {
                    30
                }),
            ),
        ],
        vec![
            out(
                "key_arn",
                "ARN of the key.",
                "aws_kms_key.this.arn",
                json!(
                    "arn:aws:kms:ap-northeast-1:123456789012:key/00000000-0000-0000-0000-000000000000"
                ),
            ),
            out(
                "alias_name",
                "Alias of the key.",
                "aws_kms_alias.this.name",
                json!("alias/mock"),
            ),
        ],
    )
}
