//! Placeholder until the encoder lands (being written).
pub fn register(_env: &mut minijinja::Environment<'_>) {}
