//! `tfgen cost` of every example spec in every format, pinned with insta.
//! Review a changed snapshot as a change of the estimate.

use std::path::Path;

fn estimate(path: &Path) -> tfgen::cost::Estimate {
    let bytes = std::fs::read(path).expect("example spec exists");
    let resolved = tfgen::spec::check(&bytes)
        .resolved
        .expect("example spec is valid");
    tfgen::cost::estimate(&resolved).expect("example spec is priced")
}

#[test]
fn cost_table() {
    insta::glob!("../specs", "*.yaml", |path| {
        insta::assert_snapshot!("table", tfgen::cost::render_table(&estimate(path)));
    });
}

#[test]
fn cost_json() {
    insta::glob!("../specs", "*.yaml", |path| {
        insta::assert_snapshot!("json", tfgen::cost::render_json(&estimate(path)));
    });
}

#[test]
fn cost_markdown() {
    insta::glob!("../specs", "*.yaml", |path| {
        insta::assert_snapshot!("markdown", tfgen::cost::render_markdown(&estimate(path)));
    });
}

/// `--compare`: specs/prod.yaml → tests/fixtures/cost/prod_next.yaml (a NAT per
/// AZ, api scaling to 4, no Aurora reader), in the three formats.
fn prod_diff() -> tfgen::cost::CostDiff {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let old = estimate(&root.join("specs/prod.yaml"));
    let new = estimate(&root.join("tests/fixtures/cost/prod_next.yaml"));
    tfgen::cost::compare(
        &old,
        "specs/prod.yaml",
        &new,
        "tests/fixtures/cost/prod_next.yaml",
    )
}

#[test]
fn compare_table() {
    insta::assert_snapshot!(
        "compare_table",
        tfgen::cost::render_diff_table(&prod_diff())
    );
}

#[test]
fn compare_json() {
    insta::assert_snapshot!("compare_json", tfgen::cost::render_diff_json(&prod_diff()));
}

#[test]
fn compare_markdown() {
    insta::assert_snapshot!(
        "compare_markdown",
        tfgen::cost::render_diff_markdown(&prod_diff())
    );
}
