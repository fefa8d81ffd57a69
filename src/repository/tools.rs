//! Default tool versions of `repository.tools`: the newest release of each tool
//! that satisfies the constraints tfgen writes (root.hcl: Terraform >= 1.11,
//! Terragrunt >= 1.0; the AWS ruleset: TFLint >= 0.46), looked up on
//! 2026-11-28 in the tags of each project's git history: the newest release
//! tag in the copies available that day, which were taken in July and August
//! 2026 (release date in parentheses), so a later release may exist.

/// hashicorp/terraform v1.15.9 (2026-08-19); 1.16.0 was still a release candidate.
pub const TERRAFORM: &str = "1.15.9";
/// gruntwork-io/terragrunt v1.1.3 (2026-08-13).
pub const TERRAGRUNT: &str = "1.1.3";
/// terraform-linters/tflint v0.64.0 (2026-07-17).
pub const TFLINT: &str = "0.64.0";
/// aws/aws-cli 2.36.7 (2026-07-23), AWS CLI version 2.
pub const AWS_CLI: &str = "2.36.7";
/// terraform-docs/terraform-docs v0.24.0 (2026-05-10).
pub const TERRAFORM_DOCS: &str = "0.24.0";
/// terraform-linters/tflint-ruleset-aws v0.48.0 (2026-06-29), pinned in .tflint.hcl (needs TFLint >= 0.46).
pub const TFLINT_RULESET_AWS: &str = "0.48.0";

/// GitHub Actions the workflows use, pinned by the full commit SHA of a release tag.
pub mod actions {
    /// actions/checkout v7.0.1 (tag of 2026-07-17).
    pub const CHECKOUT: (&str, &str) = (
        "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1",
        "v7.0.1",
    );
    /// jdx/mise-action v4.2.5 (tag of 2026-08-13).
    pub const MISE: (&str, &str) = (
        "jdx/mise-action@3c2e0cf82a5b2e5249f0d3635a4d83d0ae861518",
        "v4.2.5",
    );
    /// aws-actions/configure-aws-credentials v6.2.3 (tag of 2026-07-22).
    pub const AWS_CREDENTIALS: (&str, &str) = (
        "aws-actions/configure-aws-credentials@e6de054238d6b7531b4efff3b6587d9aade6a06c",
        "v6.2.3",
    );
}
