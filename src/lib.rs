//! tfgen: compiles a compact YAML environment spec into a Terragrunt live tree
//! and Terraform modules for AWS.
//!
//! The pipeline mirrors the modules: `spec` (load, validate) → `resolve`
//! (profiles and defaults) → `plan` → `render` → `verify` → `emit`;
//! `graph` draws the architecture and the unit DAG; `cost` prices a resolved spec.

pub mod build;
pub mod catalog;
pub mod commands;
pub mod cost;
pub mod diagnostic;
pub mod emit;
pub mod graph;
pub mod init;
pub mod plan;
pub mod render;
pub mod repository;
pub mod resolve;
pub mod spec;
pub mod verify;
