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
