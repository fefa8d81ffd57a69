//! Benchmarks of the compiler stages on the bundled example specs.
//!
//! `cargo bench --bench pipeline` — medians are reported in the closing notes.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn spec(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/specs/{name}", env!("CARGO_MANIFEST_DIR")))
        .expect("example spec exists")
}

fn validate(c: &mut Criterion) {
    let prod = spec("prod.yaml");
    // Compile the schema validator once, as a process does on its first spec.
    let _ = tfgen::spec::check(&prod);
    c.bench_function(
        "validate prod.yaml (load + schema + resolve + rules)",
        |b| b.iter(|| tfgen::spec::check(black_box(&prod))),
    );
}

criterion_group!(benches, validate);
criterion_main!(benches);
