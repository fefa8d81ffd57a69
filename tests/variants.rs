//! The variant specs of tests/fixtures/variants/ turn on what the examples leave
//! off, so the catalog is checked with each feature both on and off (`.ci/checkov`
//! judges them too). Each must be valid and generate a verified tree.

use std::path::Path;

#[test]
fn every_variant_generates_a_verified_tree() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/variants");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).expect("variants dir") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("readable");
        let checked = tfgen::spec::check(&bytes);
        let resolved = checked
            .resolved
            .unwrap_or_else(|| panic!("{} is invalid: {:?}", path.display(), checked.diagnostics));
        let generated = tfgen::build::generate(&resolved, "variant.yaml")
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(generated.files.contains_key("security-trade-offs.yaml"));
        count += 1;
    }
    assert!(count >= 2, "the variants are missing");
}

/// Each unit's outputs (with the mocks dependents see before it is applied)
/// are exactly its catalog module's outputs, in the examples and the variants.
#[test]
fn unit_outputs_are_the_catalog_modules_outputs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let specs = ["specs", "tests/fixtures/variants"]
        .iter()
        .flat_map(|d| std::fs::read_dir(root.join(d)).expect("dir"))
        .map(|e| e.expect("entry").path())
        // specs/multi/ holds the two environments of staging.yaml and prod.yaml.
        .filter(|p| p.is_file());
    for path in specs {
        let checked = tfgen::spec::check(&std::fs::read(&path).expect("readable"));
        let resolved = checked.resolved.expect("valid");
        for unit in tfgen::plan::plan(&resolved).expect("plans").units {
            let module = tfgen::catalog::module(&unit.name)
                .unwrap_or_else(|| panic!("unit {} has no catalog module", unit.name));
            let mut planned: Vec<&str> = unit.outputs.iter().map(|o| o.name.as_str()).collect();
            let mut declared: Vec<&str> = module.outputs.iter().map(|o| o.name).collect();
            planned.sort_unstable();
            declared.sort_unstable();
            assert_eq!(planned, declared, "{}: unit {}", path.display(), unit.name);
        }
    }
}
