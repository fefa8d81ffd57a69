//! Placeholder until the emitter lands (being written).
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
pub struct ChangeSet {
    pub env_dir: PathBuf,
}
pub enum Conflict {
    HandEdited(String),
}
impl std::fmt::Display for Conflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Conflict::HandEdited(p) => write!(f, "{p}"),
        }
    }
}
pub struct ApplySummary {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}
#[derive(Debug, thiserror::Error)]
#[error("emitter not available yet")]
pub struct EmitError;
pub fn plan(env_dir: &Path, _files: &BTreeMap<String, String>) -> Result<ChangeSet, EmitError> {
    Ok(ChangeSet {
        env_dir: env_dir.into(),
    })
}
impl ChangeSet {
    pub fn conflicts(&self) -> &[Conflict] {
        &[]
    }
    pub fn apply(&self, _force: bool) -> Result<ApplySummary, EmitError> {
        Err(EmitError)
    }
    pub fn check_report(&self) -> Vec<String> {
        Vec::new()
    }
    pub fn unified_diff(&self, _color: bool) -> String {
        String::new()
    }
}
