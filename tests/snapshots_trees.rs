//! Whole generated trees of the example specs, pinned with insta. Review a
//! changed snapshot as you would review the generated HCL in a PR.

use std::path::Path;

/// Generates a spec's tree in memory, as `tfgen build` would.
fn tree(spec: &str) -> tfgen::render::Tree {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = root.join("specs").join(spec);
    let bytes = std::fs::read(&path).expect("example spec exists");
    let checked = tfgen::spec::check(&bytes);
    let resolved = checked.resolved.expect("example spec is valid");
    let header_path = tfgen::build::header_path(&path, &root.join("generated"));
    tfgen::build::generate(&resolved, &header_path)
        .expect("example spec generates")
        .files
}

/// All files of a tree in one stable text: a banner per file, then its text.
fn render(tree: &tfgen::render::Tree) -> String {
    tree.iter()
        .map(|(path, text)| format!("=== {path} ===\n{text}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The module catalog, once: it is the same for every environment.
#[test]
fn catalog_tree() {
    insta::assert_snapshot!("catalog", render(tfgen::catalog::files()));
}

#[test]
fn staging_tree() {
    insta::assert_snapshot!("staging", render(&tree("staging.yaml")));
}

#[test]
fn prod_tree() {
    insta::assert_snapshot!("prod", render(&tree("prod.yaml")));
}

#[test]
fn pantri_tree() {
    insta::assert_snapshot!("pantri", render(&tree("pantri.yaml")));
}

#[test]
fn workers_tree() {
    insta::assert_snapshot!("workers", render(&tree("workers.yaml")));
}

#[test]
fn platform_tree() {
    insta::assert_snapshot!("platform", render(&tree("platform.yaml")));
}

#[test]
fn generation_is_deterministic() {
    for spec in [
        "staging.yaml",
        "prod.yaml",
        "pantri.yaml",
        "workers.yaml",
        "platform.yaml",
    ] {
        assert_eq!(tree(spec), tree(spec), "{spec} renders differently twice");
    }
}

/// The committed generated/ tree is what the specs produce (CI also runs `tfgen build --check`).
#[test]
fn committed_generated_tree_is_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (spec, env) in [
        ("staging.yaml", "staging"),
        ("prod.yaml", "prod"),
        ("pantri.yaml", "production"),
        ("workers.yaml", "sandbox"),
    ] {
        for (path, text) in tree(spec) {
            let on_disk = std::fs::read_to_string(root.join("generated").join(env).join(&path))
                .unwrap_or_default();
            assert!(
                on_disk == text,
                "generated/{env}/{path} is stale: run `cargo run -- build specs/`"
            );
        }
    }
    for (path, text) in tfgen::catalog::files() {
        let on_disk =
            std::fs::read_to_string(root.join("generated/modules").join(path)).unwrap_or_default();
        assert!(
            on_disk == *text,
            "generated/modules/{path} is stale: run `cargo run -- build specs/`"
        );
    }
}
