//! Placeholder until verification lands (being written).
use std::collections::BTreeMap;
#[derive(Debug)]
pub struct VerifyError {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}
impl std::fmt::Display for VerifyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}
pub fn verify(_files: &BTreeMap<String, String>) -> Result<(), Vec<VerifyError>> {
    Ok(())
}
