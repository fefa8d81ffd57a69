//! Unit `ecr`.

use super::*;

pub(super) fn plan(spec: &Resolved) -> Unit {
    let r = &spec.registry;
    unit(
        "ecr",
        "one ECR repository per service",
        vec![
            name_prefix_var(),
            kms_key_var(),
            var(
                "repositories",
                "list(string)",
                "Service names; each gets a repository {name_prefix}-{service}.",
                value(spec.services.keys().collect::<Vec<_>>()),
            ),
            var(
                "keep_images",
                "number",
                "Images kept by the lifecycle policy.",
                value(r.keep_images),
            ),
            var(
                "force_delete",
                "bool",
                "Delete repositories that still hold images.",
                value(r.force_delete),
            ),
            var(
                "scan_on_push",
                "bool",
                "Scan images for vulnerabilities on push.",
                value(r.scan_on_push),
            ),
        ],
        vec![out(
            "repository_urls",
            "Repository URL of each service.",
            "{ for name, repo in aws_ecr_repository.this : name => repo.repository_url }",
            per_service(spec, |n, _| {
                json!(format!(
                    "123456789012.dkr.ecr.{}.amazonaws.com/mock-{n}",
                    spec.region.code()
                ))
            }),
        )],
    )
}
