//! The back half of the compiler, in memory: resolved spec → plan → render →
//! verify. Nothing here touches the disk; `emit` does.

use crate::plan::{self, EnvPlan, PlanError};
use crate::render::{self, RenderError, Tree};
use crate::resolve::Resolved;
use crate::verify::{self, VerifyError};

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

/// The spec path as written in headers: forward slashes, no leading `./`,
/// so that `tfgen build ./specs/prod.yaml` and `specs/prod.yaml` agree.
pub fn header_path(path: &std::path::Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    text.trim_start_matches("./").to_owned()
}
