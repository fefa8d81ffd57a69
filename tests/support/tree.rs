//! Reading the module catalog's HCL and the inputs a generated tree gives its
//! units: shared by the tests of issue 11's defects (`#[path]` module, so each
//! test uses what it needs).
#![allow(dead_code)]

use hcl::{Block, Body, Expression};
use serde_json::Value;
use std::path::Path;

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub fn file(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A catalog module file, e.g. `compute/main.tf`.
pub fn catalog(path: &str) -> Body {
    let text = tfgen::catalog::files()
        .get(path)
        .unwrap_or_else(|| panic!("no catalog file {path}"));
    hcl::parse(text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn check(text: &str) -> tfgen::spec::Checked {
    tfgen::spec::check(text.as_bytes())
}

/// The tree a spec generates.
pub fn generate(text: &str) -> tfgen::render::Tree {
    let checked = check(text);
    let resolved = checked
        .resolved
        .unwrap_or_else(|| panic!("invalid spec: {:?}", checked.diagnostics));
    tfgen::build::generate(&resolved, "spec.yaml")
        .expect("generates")
        .files
}

/// The `inputs` of a unit's terragrunt.hcl, as JSON.
pub fn inputs(tree: &tfgen::render::Tree, unit: &str) -> Value {
    let path = format!("{unit}/terragrunt.hcl");
    let body = hcl::parse(&tree[&path]).unwrap_or_else(|e| panic!("{path}: {e}"));
    let attr = body
        .attributes()
        .find(|a| a.key() == "inputs")
        .unwrap_or_else(|| panic!("{path}: no inputs"));
    json_of(attr.expr())
}

pub fn json_of(expr: &Expression) -> Value {
    serde_json::to_value(hcl::Value::from(expr.clone())).expect("HCL values are JSON")
}

pub fn text_of(expr: &Expression) -> String {
    hcl::format::to_string(expr).expect("formats")
}

pub fn block<'a>(body: &'a Body, kind: &str, labels: &[&str]) -> &'a Block {
    body.blocks()
        .find(|b| {
            b.identifier() == kind
                && b.labels().iter().map(|l| l.as_str()).collect::<Vec<_>>() == labels
        })
        .unwrap_or_else(|| panic!("no {kind} {labels:?}"))
}

pub fn resource<'a>(body: &'a Body, ty: &str, name: &str) -> &'a Block {
    block(body, "resource", &[ty, name])
}

/// The expression of an attribute of a block, as text.
pub fn attr(block: &Block, key: &str) -> String {
    block
        .body()
        .attributes()
        .find(|a| a.key() == key)
        .map(|a| text_of(a.expr()))
        .unwrap_or_else(|| panic!("no attribute {key}"))
}

pub fn nested<'a>(block: &'a Block, kind: &str) -> Vec<&'a Block> {
    block
        .body()
        .blocks()
        .filter(|b| b.identifier() == kind)
        .collect()
}

/// [`attr`] without whitespace, for lists the formatter spreads over lines.
pub fn compact(block: &Block, key: &str) -> String {
    attr(block, key).split_whitespace().collect()
}

pub fn example(name: &str) -> String {
    file(&format!("specs/{name}"))
}

// --- 4: one CloudFront prefix-list rule ---------------------------------------

// --- 3: the major version as a prefix with automatic minor upgrades ----------

/// A variant spec of tests/fixtures/variants/.
pub fn variant(name: &str) -> String {
    file(&format!("tests/fixtures/variants/{name}"))
}

/// A committed file of the repository, parsed as HCL.
pub fn parsed(path: &str) -> Body {
    hcl::parse(&file(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The `inputs` of the committed `generated/<env>/<unit>/terragrunt.hcl`, as JSON.
pub fn committed_inputs(env: &str, unit: &str) -> Value {
    let body = parsed(&format!("generated/{env}/{unit}/terragrunt.hcl"));
    let attr = body
        .attributes()
        .find(|a| a.key() == "inputs")
        .unwrap_or_else(|| panic!("{env}/{unit}: no inputs"));
    json_of(attr.expr())
}
