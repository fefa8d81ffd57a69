//! Rendering: minijinja templates embedded in the binary, and the `hcl` filter.

pub mod hcl;
