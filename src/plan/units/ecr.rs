//! Unit `ecr`.

use super::*;

pub(super) fn plan(spec: &Resolved) -> Unit {
    let r = &spec.registry;
    let repositories = repository_services(spec);
    unit(
        "ecr",
        "one ECR repository per service without an image in the spec",
        vec![
            name_prefix_var(spec),
            kms_key_var(),
            set("repositories", value(&repositories)),
            set("keep_images", value(r.keep_images)),
            set("force_delete", value(r.force_delete)),
            set("scan_on_push", value(r.scan_on_push)),
        ],
        vec![out(
            "repository_urls",
            Value::Object(
                repositories
                    .iter()
                    .map(|n| {
                        let url = format!(
                            "{MOCK_ACCOUNT}.dkr.ecr.{}.amazonaws.com/mock-{n}",
                            spec.region.code()
                        );
                        (n.clone(), json!(url))
                    })
                    .collect(),
            ),
        )],
    )
}
