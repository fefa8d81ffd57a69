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
