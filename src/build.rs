//! The back half of the compiler, in memory: resolved spec → plan → render →
//! verify. Nothing here touches the disk; `emit` does.

use crate::plan::{self, EnvPlan, PlanError};
use crate::render::{self, RenderError, Tree};
use crate::resolve::Resolved;
use crate::verify::{self, VerifyError};
use std::path::{Component, Path, PathBuf};

/// A failure after the spec was valid: always a bug in tfgen.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    #[error(transparent)]
    Plan(#[from] PlanError),
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error("internal error: the generated tree failed verification:\n{}", list(.0))]
    Verify(Vec<VerifyError>),
}

fn list(errors: &[VerifyError]) -> String {
    errors
        .iter()
        .map(|e| format!("  {e}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// An environment's generated tree and the plan it came from.
#[derive(Debug)]
pub struct Generated {
    pub plan: EnvPlan,
    pub files: Tree,
}

/// Plans, renders and verifies the tree of one resolved spec. `spec_path`
/// is named in every file's header.
pub fn generate(spec: &Resolved, spec_path: &str) -> Result<Generated, GenerateError> {
    let plan = plan::plan(spec)?;
    let files = render::render(spec, &plan, spec_path)?;
    verify::verify(&files).map_err(GenerateError::Verify)?;
    Ok(Generated { plan, files })
}

/// The spec path as written in headers: relative to the parent of the output
/// root (for `--out generated`, the folder holding `generated/`), with forward
/// slashes, so that one tree gets one header from any working directory and
/// whether the spec is named relatively or absolutely: `tfgen build specs/`
/// in the repository and `tfgen build /repo/specs --out /repo/generated`
/// elsewhere agree. A spec outside that folder is reached with `../`.
pub fn header_path(spec: &Path, out: &Path) -> String {
    let (Some(spec_abs), Some(out_abs)) = (real_path(spec), real_path(out)) else {
        // No working directory to anchor to: the path as typed.
        let text = spec.to_string_lossy().replace('\\', "/");
        return text.trim_start_matches("./").to_owned();
    };
    let base = out_abs.parent().unwrap_or(&out_abs);
    let common = spec_abs
        .components()
        .zip(base.components())
        .take_while(|(a, b)| a == b)
        .count();
    if common == 0 {
        // Nothing in common (another drive): only the absolute path names it.
        return spec_abs.to_string_lossy().replace('\\', "/");
    }
    let mut parts: Vec<String> = base
        .components()
        .skip(common)
        .map(|_| "..".into())
        .collect();
    parts.extend(
        spec_abs
            .components()
            .skip(common)
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

/// `path` made absolute against the working directory, with `.` and `..`
/// resolved and symbolic links followed as far as the path exists (the output
/// root may not exist yet). `None` without a working directory.
fn real_path(path: &Path) -> Option<PathBuf> {
    let absolute = if path.is_absolute() {
        path.to_owned()
    } else {
        std::env::current_dir().ok()?.join(path)
    };
    let mut lexical = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                lexical.pop();
            }
            other => lexical.push(other),
        }
    }
    // Follow links on the longest existing prefix, then add the rest back.
    let mut existing = lexical.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            let mut out = real;
            out.extend(rest.iter().rev());
            return Some(out);
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            _ => return Some(lexical),
        }
    }
}
