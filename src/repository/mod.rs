//! The repository around the generated tree (`repository:` in the spec):
//! mise.toml, .tflint.hcl, .pre-commit-config.yaml, .gitignore and, with
//! `repository.github`, the GitHub Actions workflows. Written by `tfgen init`
//! and kept current by `tfgen build` under the same manifest rules as the tree.

pub mod tools;

use crate::spec::model::OidcProvider;
use serde::Serialize;

/// `repository:` resolved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Repository {
    /// Where the files go, relative to the folder holding the output root.
    pub root: String,
    pub tools: Tools,
    pub github: Option<GitHub>,
}

/// Pinned tool versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tools {
    pub terraform: String,
    pub terragrunt: String,
    pub tflint: String,
    pub aws_cli: String,
    pub terraform_docs: String,
}

/// `repository.github` resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GitHub {
    /// OWNER/REPO.
    pub repository: String,
    /// GitHub environments whose apply waits for approval.
    pub deploy_environments: Vec<String>,
    /// Whether this environment's `ci` unit creates the account's OIDC provider.
    pub oidc_provider: OidcProvider,
}
