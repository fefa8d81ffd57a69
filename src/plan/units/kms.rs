//! Unit `kms`.

use super::*;

pub(super) fn plan(spec: &Resolved) -> Unit {
    unit(
        "kms",
        "customer-managed KMS key of the environment",
        vec![
            name_prefix_var(spec),
            set(
                "deletion_window_days",
                value(if spec.profile == Profile::Minimal {
                    7
                } else {
                    30
                }),
            ),
            // The monitoring unit's alarm topic is encrypted with this key.
            set(
                "enable_alarm_topic_access",
                value(spec.monitoring.alarm_email.is_some()),
            ),
            // The jobs unit's failure rule publishes to that encrypted topic.
            set(
                "enable_event_topic_access",
                value(spec.monitoring.alarm_email.is_some() && !spec.jobs.is_empty()),
            ),
            // The cdn unit's distribution reads the KMS-encrypted assets.
            set("enable_cloudfront_access", value(spec.cdn.is_some())),
        ],
        vec![
            out(
                "key_arn",
                mock_arn(spec, "kms", "key/00000000-0000-0000-0000-000000000000"),
            ),
            out("alias_name", json!("alias/mock")),
        ],
    )
}
