//! Modules: the variables and outputs each module directory declares.

use super::*;

// Modules
// ---------------------------------------------------------------------------

#[derive(Debug)]
pub(super) struct VarDecl {
    pub(super) file: String,
    pub(super) line: Option<usize>,
    pub(super) has_default: bool,
}

#[derive(Debug, Default)]
pub(super) struct Module {
    /// Every `.tf` file directly in the directory.
    pub(super) files: Vec<String>,
    /// All `.tf` files parsed; otherwise variables/outputs are incomplete and
    /// checks that rely on them are skipped.
    pub(super) complete: bool,
    pub(super) variables: BTreeMap<String, VarDecl>,
    pub(super) outputs: BTreeSet<String>,
}

/// Groups `.tf` files by their directory and collects the variables and
/// outputs each directory (module) declares.  Reports duplicate declarations,
/// which Terraform itself rejects.
pub(super) fn collect_modules(
    files: &BTreeMap<String, String>,
    bodies: &BTreeMap<&str, Body>,
    key: &dyn Fn(&str) -> String,
    errors: &mut Vec<VerifyError>,
) -> BTreeMap<String, Module> {
    let mut modules: BTreeMap<String, Module> = BTreeMap::new();
    for path in files.keys() {
        if !path.ends_with(".tf") {
            continue;
        }
        let dir = path.rsplit_once('/').map_or("", |(dir, _)| dir);
        modules
            .entry(key(dir))
            .or_default()
            .files
            .push(path.clone());
    }
    for module in modules.values_mut() {
        module.complete = true;
        let mut output_lines: BTreeMap<String, Option<usize>> = BTreeMap::new();
        for path in &module.files {
            let (Some(body), Some(text)) = (bodies.get(path.as_str()), files.get(path)) else {
                module.complete = false;
                continue;
            };
            let index = LineIndex::new(text);
            let mut seen: BTreeMap<(&str, &str), usize> = BTreeMap::new();
            for block in body.blocks() {
                let kind = block.identifier();
                if kind != "variable" && kind != "output" {
                    continue;
                }
                let Some(name) = block.labels().first().map(|l| l.as_str()) else {
                    continue;
                };
                let nth = seen.entry((kind, name)).or_insert(0);
                let line = index.block_header(kind, &[name], *nth);
                *nth += 1;
                if kind == "variable" {
                    if let Some(prev) = module.variables.get(name) {
                        errors.push(VerifyError::new(
                            path.as_str(),
                            line,
                            format!(
                                "variable `{name}` is declared more than once (first at {})",
                                location(&prev.file, prev.line)
                            ),
                        ));
                        continue;
                    }
                    let has_default = block.body().attributes().any(|a| a.key() == "default");
                    module.variables.insert(
                        name.to_string(),
                        VarDecl {
                            file: path.clone(),
                            line,
                            has_default,
                        },
                    );
                } else {
                    if let Some(prev) = output_lines.get(name) {
                        errors.push(VerifyError::new(
                            path.as_str(),
                            line,
                            format!(
                                "output `{name}` is declared more than once (first at {})",
                                location(path, *prev)
                            ),
                        ));
                        continue;
                    }
                    output_lines.insert(name.to_string(), line);
                    module.outputs.insert(name.to_string());
                }
            }
        }
    }
    modules
}

/// Every module a unit can use: the environment's own (keyed `env/<dir>`)
/// and the shared catalog's (keyed `modules/<unit>`).
pub(super) struct Modules<'a> {
    pub(super) env: BTreeMap<String, Module>,
    pub(super) catalog: &'a BTreeMap<String, Module>,
}

impl<'a> Modules<'a> {
    pub(super) fn get(&self, dir: &str) -> Option<&Module> {
        self.env.get(dir).or_else(|| self.catalog.get(dir))
    }
}

/// The catalog's modules, keyed `modules/<unit>`, from the interface the
/// build script extracted: no process parses the catalog. (Its own problems
/// are [`super::verify_catalog`]'s to report.)
pub(super) fn catalog_modules() -> &'static BTreeMap<String, Module> {
    static MODULES: std::sync::OnceLock<BTreeMap<String, Module>> = std::sync::OnceLock::new();
    MODULES.get_or_init(|| {
        crate::catalog::MODULES
            .iter()
            .map(|m| {
                let dir = format!("{}/{}", crate::catalog::DIR, m.name);
                let file = |name: &str| format!("../{dir}/{name}");
                let module = Module {
                    files: m.files.iter().map(|(name, _)| file(name)).collect(),
                    complete: true,
                    variables: m
                        .variables
                        .iter()
                        .map(|v| {
                            let decl = VarDecl {
                                file: file("variables.tf"),
                                line: Some(v.line),
                                has_default: v.has_default,
                            };
                            (v.name.to_owned(), decl)
                        })
                        .collect(),
                    outputs: m.outputs.iter().map(|o| o.name.to_owned()).collect(),
                };
                (dir, module)
            })
            .collect()
    })
}
