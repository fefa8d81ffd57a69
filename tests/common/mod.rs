//! Helpers shared by the tests that run the real binary.

use assert_cmd::Command;

/// Runs `tfgen` from the repository root, without forced colors.
pub fn tfgen(args: &[&str]) -> std::process::Output {
    Command::cargo_bin("tfgen")
        .expect("binary")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("CLICOLOR_FORCE")
        .args(args)
        .output()
        .expect("runs")
}
