//! Benchmarks of the compiler on the bundled example specs.
//!
//! `cargo bench --bench pipeline` — medians are reported in the closing notes.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;

fn spec(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("specs")
            .join(name),
    )
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

fn build_in_memory(c: &mut Criterion) {
    let prod = spec("prod.yaml");
    let resolved = tfgen::spec::check(&prod).resolved.expect("valid");
    c.bench_function(
        "generate prod.yaml in memory (plan + render + verify)",
        |b| {
            b.iter(|| {
                tfgen::build::generate(black_box(&resolved), "specs/prod.yaml").expect("generates")
            })
        },
    );
}

fn cost(c: &mut Criterion) {
    let prod = spec("prod.yaml");
    let resolved = tfgen::spec::check(&prod).resolved.expect("valid");
    c.bench_function("cost prod.yaml (estimate + table)", |b| {
        b.iter(|| {
            let estimate = tfgen::cost::estimate(black_box(&resolved)).expect("priced");
            tfgen::cost::render_table(&estimate)
        })
    });
}

/// 100 variants of prod.yaml (different environment names and sizes), each
/// checked, generated and emitted to a fresh directory.
fn build_100_to_disk(c: &mut Criterion) {
    let text = String::from_utf8(spec("prod.yaml")).expect("utf-8");
    let variants: Vec<Vec<u8>> = (0..100)
        .map(|i| {
            text.replace("environment: prod", &format!("environment: prod{i}"))
                .replace("keep_images: 30", &format!("keep_images: {}", 10 + i))
                .into_bytes()
        })
        .collect();
    // The system temp dir, and tmpfs where there is one: on a slow virtual
    // disk the file system, not tfgen, dominates the first.
    let mut roots = vec![("tmp", std::env::temp_dir())];
    if Path::new("/dev/shm").is_dir() {
        roots.push(("shm", "/dev/shm".into()));
    }
    let mut group = c.benchmark_group("disk");
    group.sample_size(10);
    for (label, root) in roots {
        group.bench_function(format!("build 100 prod variants to {label}"), |b| {
            b.iter_with_setup(
                || tempfile::tempdir_in(&root).expect("tempdir"),
                |dir| {
                    let catalog = tfgen::emit::plan(
                        &dir.path().join(tfgen::catalog::DIR),
                        tfgen::catalog::files(),
                    )
                    .expect("plans");
                    catalog.apply(false).expect("writes");
                    for bytes in &variants {
                        let resolved = tfgen::spec::check(bytes).resolved.expect("valid");
                        let generated = tfgen::build::generate(&resolved, "specs/prod.yaml")
                            .expect("generates");
                        let env_dir = dir.path().join(&resolved.environment);
                        let changes = tfgen::emit::plan(&env_dir, &generated.files).expect("plans");
                        changes.apply(false).expect("writes");
                    }
                },
            )
        });
    }
    group.finish();
}

/// A scratch directory on tmpfs where there is one (the file system, not
/// tfgen, dominates on a slow virtual disk).
fn scratch() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if shm.is_dir() {
        tempfile::tempdir_in(shm).expect("tempdir")
    } else {
        tempfile::tempdir().expect("tempdir")
    }
}

/// Runs the release binary in `dir` and insists it succeeds.
fn run(dir: &Path, args: &[&str]) {
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_tfgen"))
        .current_dir(dir)
        .args(args)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("tfgen runs");
    assert!(status.success(), "tfgen {args:?} failed");
}

/// Whole processes of the release binary, as a user and CI run them.
fn process(c: &mut Criterion) {
    let mut group = c.benchmark_group("process");
    group.sample_size(50);

    // `tfgen build prod.yaml` with nothing to change: the everyday rebuild.
    let dir = scratch();
    std::fs::write(dir.path().join("prod.yaml"), spec("prod.yaml")).expect("spec");
    run(dir.path(), &["build", "prod.yaml", "--out", "out"]);
    group.bench_function("tfgen build prod.yaml, no-op rebuild", |b| {
        b.iter(|| run(dir.path(), &["build", "prod.yaml", "--out", "out"]))
    });

    // `tfgen build --check` over 100 environment specs, as CI runs it.
    let text = String::from_utf8(spec("prod.yaml")).expect("utf-8");
    let many = scratch();
    std::fs::create_dir(many.path().join("specs")).expect("specs dir");
    for i in 0..100 {
        let variant = text
            .replace("environment: prod", &format!("environment: prod{i}"))
            .replace("keep_images: 30", &format!("keep_images: {}", 10 + i));
        std::fs::write(many.path().join(format!("specs/prod{i}.yaml")), variant).expect("spec");
    }
    run(many.path(), &["build", "specs", "--out", "out"]);
    group.sample_size(20);
    group.bench_function("tfgen build --check, 100 environments", |b| {
        b.iter(|| run(many.path(), &["build", "--check", "specs", "--out", "out"]))
    });
    group.finish();
}

criterion_group!(
    benches,
    validate,
    build_in_memory,
    cost,
    build_100_to_disk,
    process
);
criterion_main!(benches);
