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

pub mod files;

use crate::resolve::Resolved;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// In a spec of several environments, every environment but the first looks
/// up the GitHub OIDC provider the first one creates (one per account and
/// URL), unless its `repository.github.oidc_provider` says otherwise.
pub fn look_up_oidc_provider(checked: &mut crate::spec::Checked) {
    let Some(resolved) = checked.resolved.as_mut() else {
        return;
    };
    let field = "repository.github.oidc_provider";
    if resolved.origin(field) != Some(crate::resolve::Origin::Default) {
        return;
    }
    if let Some(github) = resolved.repository.as_mut().and_then(|r| r.github.as_mut()) {
        github.oidc_provider = OidcProvider::Lookup;
    }
    if let Some(setting) = resolved.settings.iter_mut().find(|s| s.path == field) {
        setting.value = serde_json::json!("lookup");
    }
}

/// One environment of a build, as the repository files see it.
pub struct Source<'a> {
    pub resolved: &'a Resolved,
    /// The spec as the headers name it: relative to the folder holding the output root.
    pub header_path: String,
    /// `--env NAME` for an environment of a spec of several.
    pub env_flag: Option<String>,
}

/// The repository files of one root: the directory and the files in it.
pub struct RootFiles {
    pub dir: PathBuf,
    pub files: BTreeMap<String, String>,
}

/// `target` (relative to a base, forward slashes) as seen from `root` (relative to the same base).
pub fn relative_to(root: &str, target: &str) -> String {
    let root: Vec<&str> = root
        .split('/')
        .filter(|c| !c.is_empty() && *c != ".")
        .collect();
    let target: Vec<&str> = target
        .split('/')
        .filter(|c| !c.is_empty() && *c != ".")
        .collect();
    let common = root
        .iter()
        .zip(&target)
        .take_while(|(a, b)| a == b && **a != "..")
        .count();
    let mut parts: Vec<&str> = vec![".."; root.len() - common];
    parts.extend(&target[common..]);
    if parts.is_empty() {
        ".".to_owned()
    } else {
        parts.join("/")
    }
}

/// The `repository` block with what may differ between environments left out.
fn shared_part(repo: &Repository) -> Repository {
    let mut shared = repo.clone();
    if let Some(github) = &mut shared.github {
        github.oidc_provider = OidcProvider::Create;
    }
    shared
}

/// The repository files of every root the environments of a build name,
/// for the output root `out`. Environments sharing a root must agree on
/// their `repository` block (apart from `oidc_provider`).
pub fn render_roots(sources: &[Source<'_>], out: &Path) -> Result<Vec<RootFiles>, String> {
    let out_name = crate::build::header_path(out, out);
    let base: PathBuf = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::new(),
    };
    let mut roots: Vec<(String, Vec<&Source<'_>>)> = Vec::new();
    for source in sources {
        let Some(repo) = &source.resolved.repository else {
            continue;
        };
        match roots.iter_mut().find(|(root, _)| *root == repo.root) {
            Some((_, members)) => {
                let first = members[0];
                let theirs = first.resolved.repository.as_ref().map(shared_part);
                if theirs.as_ref() != Some(&shared_part(repo)) {
                    return Err(format!(
                        "{} ({}) and {} ({}) both write the repository files of `{}` with different `repository:` blocks; make them equal (only `github.oidc_provider` may differ)",
                        first.header_path,
                        first.resolved.environment,
                        source.header_path,
                        source.resolved.environment,
                        repo.root
                    ));
                }
                members.push(source);
            }
            None => roots.push((repo.root.clone(), vec![source])),
        }
    }
    Ok(roots
        .into_iter()
        .map(|(root, sources)| {
            let repo = sources[0]
                .resolved
                .repository
                .clone()
                .expect("grouped by repository");
            let members: Vec<files::Member<'_>> = sources
                .iter()
                .map(|s| files::Member {
                    resolved: s.resolved,
                    spec: relative_to(&root, &s.header_path),
                    env_flag: s.env_flag.clone(),
                })
                .collect();
            let dir = if root == "." {
                if base.as_os_str().is_empty() {
                    PathBuf::from(".")
                } else {
                    base.clone()
                }
            } else {
                base.join(&root)
            };
            RootFiles {
                dir,
                files: files::render(&repo, &members, &relative_to(&root, &out_name)),
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::relative_to;

    #[test]
    fn paths_relative_to_the_root() {
        assert_eq!(relative_to(".", "specs/prod.yaml"), "specs/prod.yaml");
        assert_eq!(
            relative_to("generated/x", "specs/prod.yaml"),
            "../../specs/prod.yaml"
        );
        assert_eq!(relative_to("generated/x", "generated"), "..");
        assert_eq!(relative_to("infra", "infra/specs/a.yaml"), "specs/a.yaml");
        assert_eq!(
            relative_to("infra", "../specs/a.yaml"),
            "../../specs/a.yaml"
        );
    }
}
