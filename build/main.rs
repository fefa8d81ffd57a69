//! Build script: compiles the module catalog (`templates/modules/`) into the
//! binary. Each module's README and its interface (variables, outputs) are
//! derived here, once, so no tfgen process parses the catalog at run time:
//! it is static text, a function of the tfgen version alone.

mod readme;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The files of a catalog module, in README and emit order.
const FILES: [&str; 4] = ["main.tf", "variables.tf", "outputs.tf", "versions.tf"];

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo"));
    let modules = root.join("templates/modules");
    println!("cargo:rerun-if-changed=templates/modules");
    println!("cargo:rerun-if-changed=build");

    let list = read(&modules.join("catalog.txt"));
    let mut code = String::from("pub const MODULES: &[Module] = &[\n");
    for line in list
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        let (name, summary) = line
            .split_once(": ")
            .unwrap_or_else(|| panic!("catalog.txt: `{line}` is not `<unit>: <summary>`"));
        let dir = modules.join(name);
        let files: Vec<(&str, String)> = FILES.iter().map(|f| (*f, read(&dir.join(f)))).collect();
        let readme_path = out.join(format!("{name}.README.md"));
        std::fs::write(&readme_path, readme::render(name, summary, &files))
            .expect("OUT_DIR is writable");
        let _ = writeln!(
            code,
            "    Module {{\n        name: {name:?},\n        summary: {summary:?},"
        );
        code.push_str("        files: &[\n");
        for file in FILES {
            let _ = writeln!(
                code,
                "            ({file:?}, include_str!({:?})),",
                dir.join(file).display().to_string()
            );
        }
        code.push_str("        ],\n");
        let _ = writeln!(
            code,
            "        readme: include_str!({:?}),",
            readme_path.display().to_string()
        );
        let text = |file: &str| {
            files
                .iter()
                .find(|(f, _)| *f == file)
                .map_or("", |(_, t)| t.as_str())
        };
        code.push_str("        variables: &[\n");
        for (var, has_default, line) in declarations(text("variables.tf"), "variable") {
            let _ = writeln!(
                code,
                "            Declared {{ name: {var:?}, has_default: {has_default}, line: {line} }},"
            );
        }
        code.push_str("        ],\n        outputs: &[\n");
        for (output, _, line) in declarations(text("outputs.tf"), "output") {
            let _ = writeln!(
                code,
                "            Declared {{ name: {output:?}, has_default: false, line: {line} }},"
            );
        }
        code.push_str("        ],\n    },\n");
    }
    code.push_str("];\n");
    std::fs::write(out.join("catalog.rs"), code).expect("OUT_DIR is writable");
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `(name, has a default, 1-based line of its header)` of each `kind` block.
fn declarations(text: &str, kind: &str) -> Vec<(String, bool, usize)> {
    let body = hcl::parse(text).unwrap_or_else(|e| panic!("a catalog module: {e}"));
    body.blocks()
        .filter(|b| b.identifier() == kind)
        .filter_map(|b| {
            let name = b.labels().first()?.as_str().to_owned();
            let header = format!("{kind} \"{name}\" {{");
            // The header line as written; +1 for the header tfgen adds above it.
            let line = text
                .lines()
                .position(|l| l.starts_with(&header))
                .map_or(0, |i| i + 2);
            let has_default = b.body().attributes().any(|a| a.key() == "default");
            Some((name, has_default, line))
        })
        .collect()
}
