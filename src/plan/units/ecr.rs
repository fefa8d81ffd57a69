//! Unit `ecr`.

use super::*;

pub(super) fn plan(spec: &Resolved) -> Unit {
    let r = &spec.registry;
    unit(
        "ecr",
        "one ECR repository per service",
        vec![
            name_prefix_var(spec),
            kms_key_var(),
            set(
                "repositories",
                value(spec.services.keys().collect::<Vec<_>>()),
            ),
            set("keep_images", value(r.keep_images)),
            set("force_delete", value(r.force_delete)),
            set("scan_on_push", value(r.scan_on_push)),
        ],
        vec![out(
            "repository_urls",
            per_service(spec, |n, _| {
                json!(format!(
                    "{MOCK_ACCOUNT}.dkr.ecr.{}.amazonaws.com/mock-{n}",
                    spec.region.code()
                ))
            }),
        )],
    )
}
