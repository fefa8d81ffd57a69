//! Static verification of a generated Terragrunt live tree.
//!
//! `tfgen` renders a whole environment (root `root.hcl`, `env.hcl`, one
//! `<unit>/terragrunt.hcl` per unit and the Terraform modules under
//! `modules/<name>/`) into an in-memory map of relative path → file text.
//! Before anything is written to disk we want to be sure that the tree is
//! internally consistent, because the mistakes this module catches otherwise
//! only surface much later, at `terragrunt plan` time, one at a time and far
//! away from the spec line that caused them:
//!
//! 1. every `*.hcl` / `*.tf` file is syntactically valid HCL;
//! 2. every unit points (`terraform { source = "../modules//<name>" }`) at a
//!    module that exists and has `variables.tf`, `outputs.tf`, `versions.tf`;
//! 3. the unit's `inputs` only set declared variables and set every required
//!    one;
//! 4. `dependency` blocks point at existing units, every
//!    `dependency.X.outputs.Y` reference names a declared dependency and a real
//!    output of its module, `mock_outputs` only mock real outputs and mocks are
//!    restricted to `init`/`validate`/`plan`;
//! 5. the unit dependency graph is acyclic.
//!
//! All problems are collected (not just the first), sorted by file and line,
//! so that one run shows everything that is wrong.  Semantic problems get a
//! best-effort line number found by a small bracket-aware scan of the source
//! text, because `hcl-rs`' [`hcl::Body`] does not keep source spans.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt;

use hcl::expr::{Expression, ObjectKey, Operation, TemplateExpr, Traversal, TraversalOperator};
use hcl::template::{Directive, Element, Template};
use hcl::{Block, Body};

/// Terraform commands for which serving `mock_outputs` is harmless: they
/// never change real infrastructure, so fake values cannot leak into it.
const SAFE_MOCK_COMMANDS: [&str; 3] = ["init", "validate", "plan"];

/// Files every module directory must contain, so that the generated modules
/// follow the conventional layout users (and `terraform-docs`) expect.
const REQUIRED_MODULE_FILES: [&str; 3] = ["variables.tf", "outputs.tf", "versions.tf"];

/// Maximum expression nesting walked when looking for `dependency.*`
/// references; guards against stack exhaustion on pathological input.
const MAX_WALK_DEPTH: usize = 512;

/// One problem found in the tree.
///
/// Kept deliberately simple (file, optional 1-based line, message) so that the
/// CLI can print it in the familiar `file:line: message` form that editors and
/// CI log parsers understand.  Ordering is by file, then line, then message,
/// which is the order [`verify`] reports errors in.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct VerifyError {
    /// Relative path of the file (as keyed in the tree) the problem is in.
    pub file: String,
    /// 1-based line number, when one could be determined.
    pub line: Option<usize>,
    /// Human readable description of the problem.
    pub message: String,
}

impl VerifyError {
    fn new(file: impl Into<String>, line: Option<usize>, message: impl Into<String>) -> Self {
        VerifyError {
            file: file.into(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file, line, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for VerifyError {}

/// Verifies a rendered environment tree and reports **all** problems found.
///
/// `files` maps relative paths (with `/` separators) to file contents.  Only
/// `*.hcl` and `*.tf` files are inspected; anything else (e.g. `README.md`) is
/// ignored.  Returns `Ok(())` when the tree is consistent, otherwise every
/// problem, sorted by file and line and deduplicated.
///
/// Checks whose inputs cannot be known statically are skipped rather than
/// reported (a remote `terraform.source`, `inputs` built by a function call
/// such as `merge(...)`, computed object keys), and checks that depend on a
/// file that failed to parse are skipped too, so a single syntax error does
/// not cascade into a flood of follow-up errors.
pub fn verify(files: &BTreeMap<String, String>) -> Result<(), Vec<VerifyError>> {
    let mut errors = Vec::new();

    let mut bodies: BTreeMap<&str, Body> = BTreeMap::new();
    for (path, text) in files {
        if !is_hcl_file(path) {
            continue;
        }
        match parse_file(path, text) {
            Ok(body) => {
                bodies.insert(path.as_str(), body);
            }
            Err(err) => errors.push(err),
        }
    }

    let modules = collect_modules(files, &bodies, &mut errors);
    let units = collect_units(files, &bodies);

    for unit in units.values() {
        check_unit(unit, files, &units, &modules, &mut errors);
    }
    check_cycles(&units, &mut errors);

    errors.sort();
    errors.dedup();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Returns the unit dependency graph: unit name → sorted, deduplicated names
/// of the units it depends on through its `dependency` blocks.
///
/// Every unit (every `<unit>/terragrunt.hcl`) appears as a key, also those
/// without dependencies, so the result can be rendered directly as a graph
/// (docs, `run-all` ordering diagrams).  Only the unit files are looked at.
/// Fails with the problems that make the graph unreliable: unit files that do
/// not parse and `dependency` blocks whose `config_path` is missing,
/// non-literal or does not point at an existing unit.  Cycles are *not* an
/// error here (the graph is still well defined); [`verify`] reports them.
pub fn unit_dependencies(
    files: &BTreeMap<String, String>,
) -> Result<BTreeMap<String, Vec<String>>, Vec<VerifyError>> {
    let mut errors = Vec::new();
    let mut bodies: BTreeMap<&str, Body> = BTreeMap::new();
    for (path, text) in files {
        if unit_name(path).is_none() {
            continue;
        }
        match parse_file(path, text) {
            Ok(body) => {
                bodies.insert(path.as_str(), body);
            }
            Err(err) => errors.push(err),
        }
    }
    let units = collect_units(files, &bodies);
    let mut graph = BTreeMap::new();
    for unit in units.values() {
        for dep in &unit.deps {
            if let Err(err) = &dep.target {
                errors.push(dep_target_error(unit, dep, err));
            }
        }
        graph.insert(unit.name.clone(), unit.dep_targets());
    }
    if errors.is_empty() {
        Ok(graph)
    } else {
        errors.sort();
        errors.dedup();
        Err(errors)
    }
}

// ---------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------

fn is_hcl_file(path: &str) -> bool {
    path.ends_with(".hcl") || path.ends_with(".tf")
}

fn parse_file(path: &str, text: &str) -> Result<Body, VerifyError> {
    hcl::parse(text).map_err(|err| match err {
        hcl::Error::Parse(perr) => {
            let loc = perr.location();
            VerifyError::new(
                path,
                Some(loc.line()),
                format!(
                    "HCL syntax error at column {}: {}",
                    loc.column(),
                    perr.message()
                ),
            )
        }
        other => VerifyError::new(path, None, format!("HCL error: {other}")),
    })
}

/// `network/terragrunt.hcl` → `Some("network")`; anything not exactly one
/// directory deep → `None`.
fn unit_name(path: &str) -> Option<&str> {
    let (dir, file) = path.split_once('/')?;
    (file == "terragrunt.hcl" && !dir.is_empty() && dir != "." && dir != "..").then_some(dir)
}

// ---------------------------------------------------------------------------
// Modules
// ---------------------------------------------------------------------------

#[derive(Debug)]
struct VarDecl {
    file: String,
    line: Option<usize>,
    has_default: bool,
}

#[derive(Debug, Default)]
struct Module {
    /// Every `.tf` file directly in the directory.
    files: Vec<String>,
    /// All `.tf` files parsed; otherwise variables/outputs are incomplete and
    /// checks that rely on them are skipped.
    complete: bool,
    variables: BTreeMap<String, VarDecl>,
    outputs: BTreeSet<String>,
}

/// Groups `.tf` files by their directory and collects the variables and
/// outputs each directory (module) declares.  Reports duplicate declarations,
/// which Terraform itself rejects.
fn collect_modules(
    files: &BTreeMap<String, String>,
    bodies: &BTreeMap<&str, Body>,
    errors: &mut Vec<VerifyError>,
) -> BTreeMap<String, Module> {
    let mut modules: BTreeMap<String, Module> = BTreeMap::new();
    for path in files.keys() {
        if !path.ends_with(".tf") {
            continue;
        }
        let dir = path.rsplit_once('/').map_or("", |(dir, _)| dir);
        modules
            .entry(dir.to_string())
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

fn location(file: &str, line: Option<usize>) -> String {
    match line {
        Some(line) => format!("{file}:{line}"),
        None => file.to_string(),
    }
}

// ---------------------------------------------------------------------------
// Units
// ---------------------------------------------------------------------------

/// How a unit's `terraform.source` resolved.
#[derive(Debug)]
enum Source {
    /// The file did not parse; nothing is known.
    Unknown,
    /// No `terraform { … }` block at all.
    NoTerraformBlock,
    /// `terraform` block without a `source` attribute.
    MissingAttribute,
    /// `source` is an expression, not a string literal.
    NotLiteral,
    /// Not a local path (git, registry, …): cannot be checked offline.
    Remote,
    /// Local path that climbs above the tree root.
    Escapes(String),
    /// Local path resolved to a directory relative to the tree root.
    Local { raw: String, dir: String },
}

/// Why a `dependency` block's `config_path` does not name a unit.
#[derive(Debug)]
enum TargetError {
    NoConfigPath,
    NotLiteral,
    Escapes(String),
    NoSuchUnit { raw: String, resolved: String },
}

#[derive(Debug)]
struct Dep<'a> {
    label: String,
    block: &'a Block,
    /// 1-based line of the `dependency "label"` header.
    line: Option<usize>,
    target: Result<String, TargetError>,
}

#[derive(Debug)]
struct Unit<'a> {
    name: String,
    file: String,
    index: LineIndex<'a>,
    body: Option<&'a Body>,
    source: Source,
    deps: Vec<Dep<'a>>,
}

impl Unit<'_> {
    fn dep_targets(&self) -> Vec<String> {
        let set: BTreeSet<String> = self
            .deps
            .iter()
            .filter_map(|d| d.target.as_ref().ok().cloned())
            .collect();
        set.into_iter().collect()
    }
}

/// Collects every `<unit>/terragrunt.hcl`, resolving its module source and
/// dependency targets (without reporting anything yet).
fn collect_units<'a>(
    files: &'a BTreeMap<String, String>,
    bodies: &'a BTreeMap<&str, Body>,
) -> BTreeMap<String, Unit<'a>> {
    let unit_names: BTreeSet<&str> = files.keys().filter_map(|p| unit_name(p)).collect();
    let mut units = BTreeMap::new();
    for (path, text) in files {
        let Some(name) = unit_name(path) else {
            continue;
        };
        let index = LineIndex::new(text);
        let body = bodies.get(path.as_str());
        let source = body.map_or(Source::Unknown, |b| resolve_source(name, b));
        let mut deps = Vec::new();
        if let Some(body) = body {
            let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
            for block in body.blocks().filter(|b| b.identifier() == "dependency") {
                let label = block.labels().first().map_or("", |l| l.as_str());
                let nth = seen.entry(label).or_insert(0);
                let line = index.block_header("dependency", &[label], *nth);
                *nth += 1;
                deps.push(Dep {
                    label: label.to_string(),
                    block,
                    line,
                    target: resolve_dep_target(name, block, &unit_names),
                });
            }
        }
        units.insert(
            name.to_string(),
            Unit {
                name: name.to_string(),
                file: path.clone(),
                index,
                body,
                source,
                deps,
            },
        );
    }
    units
}

fn resolve_source(unit: &str, body: &Body) -> Source {
    let Some(tf) = body.blocks().find(|b| b.identifier() == "terraform") else {
        return Source::NoTerraformBlock;
    };
    let Some(attr) = tf.body().attributes().find(|a| a.key() == "source") else {
        return Source::MissingAttribute;
    };
    let Expression::String(raw) = attr.expr() else {
        return Source::NotLiteral;
    };
    if !(raw.starts_with("./") || raw.starts_with("../")) {
        return Source::Remote;
    }
    // `../modules//compute`: the `//` only marks the module root for
    // Terragrunt's copy; for locating the directory it is a plain separator.
    match normalize_path(unit, raw) {
        Some(dir) if !dir.is_empty() => Source::Local {
            raw: raw.clone(),
            dir,
        },
        _ => Source::Escapes(raw.clone()),
    }
}

fn resolve_dep_target(
    unit: &str,
    block: &Block,
    unit_names: &BTreeSet<&str>,
) -> Result<String, TargetError> {
    let attr = block
        .body()
        .attributes()
        .find(|a| a.key() == "config_path")
        .ok_or(TargetError::NoConfigPath)?;
    let Expression::String(raw) = attr.expr() else {
        return Err(TargetError::NotLiteral);
    };
    let resolved = normalize_path(unit, raw).ok_or_else(|| TargetError::Escapes(raw.clone()))?;
    if unit_names.contains(resolved.as_str()) {
        Ok(resolved)
    } else {
        Err(TargetError::NoSuchUnit {
            raw: raw.clone(),
            resolved,
        })
    }
}

/// Joins `rel` onto directory `base` and normalizes `.`/`..`/empty segments.
/// `None` for absolute paths or paths climbing above the tree root.
fn normalize_path(base: &str, rel: &str) -> Option<String> {
    if rel.starts_with('/') {
        return None;
    }
    let mut parts: Vec<&str> = Vec::new();
    for seg in base.split('/').chain(rel.split('/')) {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            seg => parts.push(seg),
        }
    }
    Some(parts.join("/"))
}

/// Module of a unit if it is local, exists and parsed completely.
fn unit_module<'m>(unit: &Unit<'_>, modules: &'m BTreeMap<String, Module>) -> Option<&'m Module> {
    match &unit.source {
        Source::Local { dir, .. } => modules.get(dir).filter(|m| m.complete),
        _ => None,
    }
}

fn module_dir<'u>(unit: &'u Unit<'_>) -> Option<&'u str> {
    match &unit.source {
        Source::Local { dir, .. } => Some(dir),
        _ => None,
    }
}

fn dep_target_error(unit: &Unit<'_>, dep: &Dep<'_>, err: &TargetError) -> VerifyError {
    let config_line = unit
        .index
        .key_in_group(dep.line, "config_path")
        .or(dep.line);
    let label = &dep.label;
    let message = match err {
        TargetError::NoConfigPath => format!("dependency `{label}` has no `config_path`"),
        TargetError::NotLiteral => format!(
            "dependency `{label}`: `config_path` must be a plain string literal so the target unit can be checked"
        ),
        TargetError::Escapes(raw) => {
            format!("dependency `{label}`: config_path `{raw}` points outside the environment tree")
        }
        TargetError::NoSuchUnit { raw, resolved } => format!(
            "dependency `{label}`: config_path `{raw}` refers to unit `{resolved}`, but there is no `{resolved}/terragrunt.hcl`"
        ),
    };
    let line = match err {
        TargetError::NoConfigPath => dep.line,
        _ => config_line,
    };
    VerifyError::new(unit.file.as_str(), line, message)
}

// ---------------------------------------------------------------------------
// Per-unit checks
// ---------------------------------------------------------------------------

fn check_unit(
    unit: &Unit<'_>,
    files: &BTreeMap<String, String>,
    units: &BTreeMap<String, Unit<'_>>,
    modules: &BTreeMap<String, Module>,
    errors: &mut Vec<VerifyError>,
) {
    let Some(body) = unit.body else {
        return; // parse error already reported
    };
    check_source(unit, files, modules, errors);
    check_inputs(unit, body, modules, errors);
    check_dependencies(unit, units, modules, errors);
    check_references(unit, body, units, modules, errors);
}

fn check_source(
    unit: &Unit<'_>,
    files: &BTreeMap<String, String>,
    modules: &BTreeMap<String, Module>,
    errors: &mut Vec<VerifyError>,
) {
    let tf_line = unit.index.block_header("terraform", &[], 0);
    let source_line = unit.index.key_in_group(tf_line, "source").or(tf_line);
    let file = unit.file.as_str();
    match &unit.source {
        Source::Unknown | Source::Remote => {}
        Source::NoTerraformBlock => errors.push(VerifyError::new(
            file,
            None,
            "unit has no `terraform` block, so it deploys no module",
        )),
        Source::MissingAttribute => errors.push(VerifyError::new(
            file,
            tf_line,
            "`terraform` block has no `source`",
        )),
        Source::NotLiteral => errors.push(VerifyError::new(
            file,
            source_line,
            "`terraform.source` must be a plain string literal so the module can be checked",
        )),
        Source::Escapes(raw) => errors.push(VerifyError::new(
            file,
            source_line,
            format!("`terraform.source` `{raw}` points outside the environment tree"),
        )),
        Source::Local { raw, dir } => {
            if !modules.contains_key(dir) {
                errors.push(VerifyError::new(
                    file,
                    source_line,
                    format!(
                        "`terraform.source` `{raw}` refers to module directory `{dir}/`, which does not exist (no .tf files)"
                    ),
                ));
                return;
            }
            for required in REQUIRED_MODULE_FILES {
                let path = format!("{dir}/{required}");
                if !files.contains_key(&path) {
                    errors.push(VerifyError::new(
                        file,
                        source_line,
                        format!("module `{dir}` is missing `{required}`"),
                    ));
                }
            }
        }
    }
}

/// Literal name of an object key, or `None` for computed keys.
fn object_key_name(key: &ObjectKey) -> Option<&str> {
    match key {
        ObjectKey::Identifier(ident) => Some(ident.as_str()),
        ObjectKey::Expression(Expression::String(s)) => Some(s.as_str()),
        ObjectKey::Expression(Expression::Variable(v)) => Some(v.as_str()),
        _ => None,
    }
}

fn check_inputs(
    unit: &Unit<'_>,
    body: &Body,
    modules: &BTreeMap<String, Module>,
    errors: &mut Vec<VerifyError>,
) {
    let Some(module) = unit_module(unit, modules) else {
        return;
    };
    let dir = module_dir(unit).unwrap_or_default();
    let inputs_line = unit.index.top_level_key("inputs");
    let mut given = BTreeSet::new();
    match body
        .attributes()
        .find(|a| a.key() == "inputs")
        .map(|a| a.expr())
    {
        None => {}
        Some(Expression::Object(object)) => {
            let mut nth: BTreeMap<&str, usize> = BTreeMap::new();
            for key in object.keys() {
                let Some(name) = object_key_name(key) else {
                    return; // computed key: cannot know what is set
                };
                given.insert(name);
                let n = nth.entry(name).or_insert(0);
                let line = unit.index.key_in_group_nth(inputs_line, name, *n);
                *n += 1;
                if !module.variables.contains_key(name) {
                    errors.push(VerifyError::new(
                        unit.file.as_str(),
                        line.or(inputs_line),
                        format!(
                            "input `{name}` is not a variable of module `{dir}`{}",
                            suggestion(name, module.variables.keys())
                        ),
                    ));
                }
            }
        }
        Some(_) => return, // e.g. merge(...): keys not statically known
    }
    let fallback = inputs_line.or_else(|| {
        let tf = unit.index.block_header("terraform", &[], 0);
        unit.index.key_in_group(tf, "source").or(tf)
    });
    for (name, decl) in &module.variables {
        if !decl.has_default && !given.contains(name.as_str()) {
            errors.push(VerifyError::new(
                unit.file.as_str(),
                fallback,
                format!(
                    "required variable `{name}` of module `{dir}` (declared at {}) has no default and is not set in `inputs`",
                    location(&decl.file, decl.line)
                ),
            ));
        }
    }
}

/// ` (did you mean `x`?)` when a close candidate exists, for typo-style
/// mistakes; empty otherwise.
fn suggestion<'a>(name: &str, candidates: impl Iterator<Item = &'a String>) -> String {
    let best = candidates
        .map(|c| (edit_distance(name, c), c))
        .filter(|(d, c)| *d <= 2 && *d * 3 <= c.len().max(name.len()))
        .min();
    match best {
        Some((_, c)) => format!(" (did you mean `{c}`?)"),
        None => String::new(),
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}

fn check_dependencies(
    unit: &Unit<'_>,
    units: &BTreeMap<String, Unit<'_>>,
    modules: &BTreeMap<String, Module>,
    errors: &mut Vec<VerifyError>,
) {
    let file = unit.file.as_str();
    let mut labels: BTreeSet<&str> = BTreeSet::new();
    for dep in &unit.deps {
        let label = dep.label.as_str();
        if dep.block.labels().len() != 1 {
            errors.push(VerifyError::new(
                file,
                dep.line,
                "`dependency` block needs exactly one label (its name)",
            ));
        }
        if !labels.insert(label) {
            errors.push(VerifyError::new(
                file,
                dep.line,
                format!("dependency `{label}` is declared more than once"),
            ));
        }
        if let Err(err) = &dep.target {
            errors.push(dep_target_error(unit, dep, err));
        }

        let attrs = dep.block.body();
        let mock = attrs.attributes().find(|a| a.key() == "mock_outputs");
        let commands = attrs
            .attributes()
            .find(|a| a.key() == "mock_outputs_allowed_terraform_commands");
        let mock_line = unit.index.key_in_group(dep.line, "mock_outputs");

        // Mock keys must be real outputs of the target unit's module.
        let target = dep.target.as_ref().ok().and_then(|t| units.get(t));
        let target_module = target.and_then(|t| unit_module(t, modules).map(|m| (t, m)));
        if let (Some(Expression::Object(object)), Some((t, module))) =
            (mock.map(|a| a.expr()), target_module)
        {
            let mut nth: BTreeMap<&str, usize> = BTreeMap::new();
            for key in object.keys() {
                let Some(name) = object_key_name(key) else {
                    continue;
                };
                let n = nth.entry(name).or_insert(0);
                let line = unit.index.key_in_group_nth(mock_line, name, *n);
                *n += 1;
                if !module.outputs.contains(name) {
                    errors.push(VerifyError::new(
                        file,
                        line.or(mock_line),
                        format!(
                            "mock_outputs of dependency `{label}` mocks `{name}`, which is not an output of module `{}` (unit `{}`){}",
                            module_dir(t).unwrap_or_default(),
                            t.name,
                            suggestion(name, module.outputs.iter())
                        ),
                    ));
                }
            }
        }

        // Mocks must never be used for commands that touch real resources.
        match (mock, commands) {
            (Some(_), None) => errors.push(VerifyError::new(
                file,
                mock_line.or(dep.line),
                format!(
                    "dependency `{label}` has mock_outputs but no mock_outputs_allowed_terraform_commands; mocks must be limited to init, validate, plan"
                ),
            )),
            (_, Some(attr)) => {
                let line = unit
                    .index
                    .key_in_group(dep.line, "mock_outputs_allowed_terraform_commands")
                    .or(dep.line);
                match attr.expr() {
                    Expression::Array(items) => {
                        for item in items {
                            match item {
                                Expression::String(cmd)
                                    if SAFE_MOCK_COMMANDS.contains(&cmd.as_str()) => {}
                                Expression::String(cmd) => errors.push(VerifyError::new(
                                    file,
                                    line,
                                    format!(
                                        "dependency `{label}`: mock_outputs_allowed_terraform_commands contains `{cmd}`; mocks may only be used for init, validate, plan"
                                    ),
                                )),
                                _ => errors.push(VerifyError::new(
                                    file,
                                    line,
                                    format!(
                                        "dependency `{label}`: mock_outputs_allowed_terraform_commands must contain only string literals"
                                    ),
                                )),
                            }
                        }
                    }
                    _ => errors.push(VerifyError::new(
                        file,
                        line,
                        format!(
                            "dependency `{label}`: mock_outputs_allowed_terraform_commands must be a list literal of commands"
                        ),
                    )),
                }
            }
            (None, None) => {}
        }
    }
}

/// Checks every `dependency.X.outputs.Y` traversal anywhere in the unit.
fn check_references(
    unit: &Unit<'_>,
    body: &Body,
    units: &BTreeMap<String, Unit<'_>>,
    modules: &BTreeMap<String, Module>,
    errors: &mut Vec<VerifyError>,
) {
    let mut refs = Vec::new();
    walk_body(body, &mut |t| {
        if let Some(r) = dependency_ref(t) {
            refs.push(r);
        }
    });

    let deps: BTreeMap<&str, &Dep<'_>> = unit.deps.iter().map(|d| (d.label.as_str(), d)).collect();
    let mut nth: BTreeMap<String, usize> = BTreeMap::new();
    for (label, output) in refs {
        let needle = match &output {
            Some(o) => format!("dependency.{label}.outputs.{o}"),
            None => format!("dependency.{label}"),
        };
        let n = nth.entry(needle.clone()).or_insert(0);
        let line = unit
            .index
            .find_token(&needle, *n)
            .or_else(|| {
                unit.index
                    .find_token(&format!("dependency.{label}.outputs"), 0)
            })
            .or_else(|| unit.index.find_token(&format!("dependency.{label}"), 0));
        *n += 1;

        let Some(dep) = deps.get(label.as_str()) else {
            errors.push(VerifyError::new(
                unit.file.as_str(),
                line,
                format!(
                    "`{needle}` refers to dependency `{label}`, but no `dependency \"{label}\"` block is declared in this unit"
                ),
            ));
            continue;
        };
        let Some(output) = output else { continue };
        let Some(target) = dep.target.as_ref().ok().and_then(|t| units.get(t)) else {
            continue; // bad config_path reported elsewhere
        };
        let Some(module) = unit_module(target, modules) else {
            continue;
        };
        if !module.outputs.contains(&output) {
            errors.push(VerifyError::new(
                unit.file.as_str(),
                line,
                format!(
                    "`{needle}`: module `{}` (unit `{}`) has no output `{output}`{}",
                    module_dir(target).unwrap_or_default(),
                    target.name,
                    suggestion(&output, module.outputs.iter())
                ),
            ));
        }
    }
}

/// `dependency.X.outputs.Y…` → `(X, Some(Y))`; `dependency.X…` otherwise →
/// `(X, None)`; anything not rooted at `dependency` → `None`.
fn dependency_ref(t: &Traversal) -> Option<(String, Option<String>)> {
    let Expression::Variable(var) = &t.expr else {
        return None;
    };
    if var.as_str() != "dependency" {
        return None;
    }
    let label = match t.operators.first()? {
        TraversalOperator::GetAttr(ident) => ident.to_string(),
        TraversalOperator::Index(Expression::String(s)) => s.clone(),
        _ => return None,
    };
    let is_outputs = matches!(
        t.operators.get(1),
        Some(TraversalOperator::GetAttr(ident)) if ident.as_str() == "outputs"
    );
    let output = if is_outputs {
        match t.operators.get(2) {
            Some(TraversalOperator::GetAttr(ident)) => Some(ident.to_string()),
            Some(TraversalOperator::Index(Expression::String(s))) => Some(s.clone()),
            _ => None,
        }
    } else {
        None
    };
    Some((label, output))
}

fn walk_body(body: &Body, f: &mut dyn FnMut(&Traversal)) {
    for attr in body.attributes() {
        walk_expr(attr.expr(), f, 0);
    }
    for block in body.blocks() {
        walk_body(block.body(), f);
    }
}

/// Visits every traversal in `expr`, including those inside templates
/// (`"${dependency.x.outputs.y}"`), function arguments, collections,
/// conditionals, operations and `for` expressions.
fn walk_expr(expr: &Expression, f: &mut dyn FnMut(&Traversal), depth: usize) {
    if depth > MAX_WALK_DEPTH {
        return;
    }
    let d = depth + 1;
    match expr {
        Expression::Array(items) => items.iter().for_each(|e| walk_expr(e, f, d)),
        Expression::Object(object) => {
            for (key, value) in object {
                if let ObjectKey::Expression(k) = key {
                    walk_expr(k, f, d);
                }
                walk_expr(value, f, d);
            }
        }
        Expression::TemplateExpr(template) => walk_template_expr(template, f, d),
        Expression::Traversal(t) => {
            f(t);
            walk_expr(&t.expr, f, d);
            for op in &t.operators {
                if let TraversalOperator::Index(index) = op {
                    walk_expr(index, f, d);
                }
            }
        }
        Expression::FuncCall(call) => call.args.iter().for_each(|e| walk_expr(e, f, d)),
        Expression::Parenthesis(inner) => walk_expr(inner, f, d),
        Expression::Conditional(c) => {
            walk_expr(&c.cond_expr, f, d);
            walk_expr(&c.true_expr, f, d);
            walk_expr(&c.false_expr, f, d);
        }
        Expression::Operation(op) => match op.as_ref() {
            Operation::Unary(u) => walk_expr(&u.expr, f, d),
            Operation::Binary(b) => {
                walk_expr(&b.lhs_expr, f, d);
                walk_expr(&b.rhs_expr, f, d);
            }
        },
        Expression::ForExpr(fe) => {
            walk_expr(&fe.collection_expr, f, d);
            if let Some(k) = &fe.key_expr {
                walk_expr(k, f, d);
            }
            walk_expr(&fe.value_expr, f, d);
            if let Some(c) = &fe.cond_expr {
                walk_expr(c, f, d);
            }
        }
        _ => {}
    }
}

fn walk_template_expr(template: &TemplateExpr, f: &mut dyn FnMut(&Traversal), depth: usize) {
    // hcl-rs keeps templates as raw strings; parse them to reach the
    // interpolated expressions.  A template that does not parse here already
    // passed the file parse, so just skip it.
    if let Ok(template) = Template::from_expr(template) {
        walk_template(&template, f, depth);
    }
}

fn walk_template(template: &Template, f: &mut dyn FnMut(&Traversal), depth: usize) {
    if depth > MAX_WALK_DEPTH {
        return;
    }
    let d = depth + 1;
    for element in template.elements() {
        match element {
            Element::Literal(_) => {}
            Element::Interpolation(i) => walk_expr(&i.expr, f, d),
            Element::Directive(directive) => match directive.as_ref() {
                Directive::If(dir) => {
                    walk_expr(&dir.cond_expr, f, d);
                    walk_template(&dir.true_template, f, d);
                    if let Some(t) = &dir.false_template {
                        walk_template(t, f, d);
                    }
                }
                Directive::For(dir) => {
                    walk_expr(&dir.collection_expr, f, d);
                    walk_template(&dir.template, f, d);
                }
            },
        }
    }
}

// ---------------------------------------------------------------------------
// Cycles
// ---------------------------------------------------------------------------

/// Reports one cycle per strongly connected component of the dependency
/// graph (plus self-dependencies), as the shortest cycle through the
/// component's alphabetically first unit — Terragrunt would refuse to order
/// such units for `run-all`.
fn check_cycles(units: &BTreeMap<String, Unit<'_>>, errors: &mut Vec<VerifyError>) {
    let graph: BTreeMap<&str, Vec<String>> = units
        .values()
        .map(|u| (u.name.as_str(), u.dep_targets()))
        .collect();
    let reach = |from: &str| -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut queue: VecDeque<&str> = VecDeque::from([from]);
        while let Some(node) = queue.pop_front() {
            for next in graph.get(node).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    queue.push_back(next);
                }
            }
        }
        seen
    };
    let reach_sets: BTreeMap<&str, BTreeSet<String>> =
        graph.keys().map(|n| (*n, reach(n))).collect();

    let mut assigned: BTreeSet<&str> = BTreeSet::new();
    for (&start, reachable) in &reach_sets {
        if assigned.contains(start) || !reachable.contains(start) {
            continue; // not on any cycle
        }
        let component: BTreeSet<&str> = reach_sets
            .iter()
            .filter(|(n, r)| reachable.contains(**n) && r.contains(start))
            .map(|(n, _)| *n)
            .collect();
        assigned.extend(component.iter().copied());

        let Some(path) = shortest_cycle(start, &graph, &component) else {
            continue;
        };
        let Some(unit) = units.get(start) else {
            continue;
        };
        let next = path.get(1).map(String::as_str).unwrap_or(start);
        let line = unit
            .deps
            .iter()
            .find(|d| d.target.as_deref().is_ok_and(|t| t == next))
            .and_then(|d| d.line);
        errors.push(VerifyError::new(
            unit.file.as_str(),
            line,
            format!("dependency cycle: {}", path.join(" -> ")),
        ));
    }
}

/// BFS from `start` back to itself inside `component`; the returned path
/// starts and ends with `start`.
fn shortest_cycle(
    start: &str,
    graph: &BTreeMap<&str, Vec<String>>,
    component: &BTreeSet<&str>,
) -> Option<Vec<String>> {
    let mut parent: BTreeMap<&str, &str> = BTreeMap::new();
    let mut queue: VecDeque<&str> = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for next in graph.get(node).into_iter().flatten() {
            let next = next.as_str();
            if next == start {
                let mut path = vec![start.to_string()];
                let mut cur = node;
                while cur != start {
                    path.push(cur.to_string());
                    cur = parent.get(cur)?;
                }
                path.push(start.to_string());
                path.reverse();
                return Some(path);
            }
            if component.contains(next) && !parent.contains_key(next) {
                parent.insert(next, node);
                queue.push_back(next);
            }
        }
    }
    None
}

// ---------------------------------------------------------------------------
// Line lookup
// ---------------------------------------------------------------------------

/// Lines of a file plus the bracket nesting depth at the start of each line
/// (`None` when the line starts inside a heredoc, string or block comment).
///
/// `hcl::Body` carries no spans, so semantic errors are located by scanning
/// the text; tracking depth keeps e.g. a nested `port =` from being mistaken
/// for a top-level `port =` input.
#[derive(Debug)]
struct LineIndex<'a> {
    lines: Vec<&'a str>,
    depth: Vec<Option<usize>>,
}

enum Mode {
    Str,
    /// Inside `${ … }` / `%{ … }`; holds the depth at which it closes.
    Interp(usize),
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> Self {
        let lines: Vec<&str> = text.lines().collect();
        let mut depths = Vec::with_capacity(lines.len());
        let mut depth = 0usize;
        let mut stack: Vec<Mode> = Vec::new();
        let mut block_comment = false;
        let mut heredoc: Option<String> = None;
        for line in &lines {
            let code_start = stack.is_empty() && !block_comment && heredoc.is_none();
            depths.push(code_start.then_some(depth));
            if let Some(delim) = &heredoc {
                if line.trim() == delim {
                    heredoc = None;
                }
                continue;
            }
            let b = line.as_bytes();
            let mut i = 0;
            while i < b.len() {
                let c = b[i];
                let next = b.get(i + 1).copied();
                if block_comment {
                    if c == b'*' && next == Some(b'/') {
                        block_comment = false;
                        i += 1;
                    }
                } else if matches!(stack.last(), Some(Mode::Str)) {
                    match (c, next) {
                        (b'\\', _) => i += 1,
                        (b'"', _) => {
                            stack.pop();
                        }
                        (b'$' | b'%', Some(b'$' | b'%')) if b.get(i + 2) == Some(&b'{') => i += 2,
                        (b'$' | b'%', Some(b'{')) => {
                            stack.push(Mode::Interp(depth));
                            i += 1;
                        }
                        _ => {}
                    }
                } else {
                    match (c, next) {
                        (b'#', _) | (b'/', Some(b'/')) => break,
                        (b'/', Some(b'*')) => {
                            block_comment = true;
                            i += 1;
                        }
                        (b'"', _) => stack.push(Mode::Str),
                        (b'<', Some(b'<')) => {
                            let rest = line[i + 2..].trim_start_matches('-').trim();
                            if !rest.is_empty()
                                && rest.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_')
                            {
                                heredoc = Some(rest.to_string());
                                break;
                            }
                            i += 1;
                        }
                        (b'{' | b'[' | b'(', _) => depth += 1,
                        (b'}', _) if matches!(stack.last(), Some(Mode::Interp(d)) if *d == depth) =>
                        {
                            stack.pop();
                        }
                        (b'}' | b']' | b')', _) => depth = depth.saturating_sub(1),
                        _ => {}
                    }
                }
                i += 1;
            }
        }
        LineIndex {
            lines,
            depth: depths,
        }
    }

    /// 1-based line of the `nth` (0-based) block header `ident "label" … {`
    /// at top level.
    fn block_header(&self, ident: &str, labels: &[&str], nth: usize) -> Option<usize> {
        self.lines
            .iter()
            .enumerate()
            .filter(|(i, line)| {
                self.depth.get(*i).copied().flatten() == Some(0)
                    && header_matches(line, ident, labels)
            })
            .nth(nth)
            .map(|(i, _)| i + 1)
    }

    /// 1-based line of top-level attribute `key = …`.
    fn top_level_key(&self, key: &str) -> Option<usize> {
        self.lines
            .iter()
            .enumerate()
            .find(|(i, line)| {
                self.depth.get(*i).copied().flatten() == Some(0) && key_matches(line, key)
            })
            .map(|(i, _)| i + 1)
    }

    fn key_in_group(&self, open_line: Option<usize>, key: &str) -> Option<usize> {
        self.key_in_group_nth(open_line, key, 0)
    }

    /// 1-based line of the `nth` entry `key = …` directly inside the block or
    /// object opened on 1-based line `open_line`.
    fn key_in_group_nth(&self, open_line: Option<usize>, key: &str, nth: usize) -> Option<usize> {
        let open = open_line?.checked_sub(1)?;
        let base = self.depth.get(open).copied().flatten()?;
        let mut found = 0;
        for i in open + 1..self.lines.len() {
            let Some(d) = self.depth.get(i).copied().flatten() else {
                continue;
            };
            if d <= base {
                break;
            }
            if d == base + 1 && self.lines.get(i).is_some_and(|l| key_matches(l, key)) {
                if found == nth {
                    return Some(i + 1);
                }
                found += 1;
            }
        }
        None
    }

    /// 1-based line of the `nth` occurrence of `needle` as a whole token
    /// (not part of a longer identifier/traversal), ignoring comment lines.
    fn find_token(&self, needle: &str, nth: usize) -> Option<usize> {
        let mut count = 0;
        for (i, line) in self.lines.iter().enumerate() {
            let trimmed = line.trim_start();
            if trimmed.starts_with('#') || trimmed.starts_with("//") {
                continue;
            }
            for (pos, _) in line.match_indices(needle) {
                let before = line[..pos].chars().next_back();
                let after = line[pos + needle.len()..].chars().next();
                let bounded = !before.is_some_and(|c| is_ident_char(c) || c == '.')
                    && !after.is_some_and(is_ident_char);
                if bounded {
                    if count == nth {
                        return Some(i + 1);
                    }
                    count += 1;
                }
            }
        }
        None
    }
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-'
}

/// Does `line` start with `key` (optionally quoted) followed by `=` or `:`?
fn key_matches(line: &str, key: &str) -> bool {
    let t = line.trim_start();
    let rest = if let Some(quoted) = t.strip_prefix('"') {
        quoted.strip_prefix(key).and_then(|r| r.strip_prefix('"'))
    } else {
        t.strip_prefix(key)
            .filter(|r| !r.starts_with(|c: char| is_ident_char(c)))
    };
    rest.is_some_and(|r| {
        let r = r.trim_start();
        r.starts_with(':') || (r.starts_with('=') && !r.starts_with("=="))
    })
}

/// Does `line` open block `ident "label"…`?  Labels may be quoted or bare.
fn header_matches(line: &str, ident: &str, labels: &[&str]) -> bool {
    let Some(mut rest) = line
        .trim_start()
        .strip_prefix(ident)
        .filter(|r| !r.starts_with(|c: char| is_ident_char(c)))
    else {
        return false;
    };
    for label in labels {
        rest = rest.trim_start();
        let after = if let Some(q) = rest.strip_prefix('"') {
            q.strip_prefix(label).and_then(|r| r.strip_prefix('"'))
        } else {
            rest.strip_prefix(label)
                .filter(|r| !r.starts_with(|c: char| is_ident_char(c)))
        };
        match after {
            Some(r) => rest = r,
            None => return false,
        }
    }
    let rest = rest.trim_start();
    rest.starts_with('{') || rest.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROOT: &str = r#"# Generated by tfgen — do not edit.
remote_state {
  backend = "s3"
  config = {
    bucket = "acme-dev-tfstate"
    key    = "${path_relative_to_include()}/terraform.tfstate"
    region = "eu-west-1"
  }
}

generate "provider" {
  path      = "provider.tf"
  if_exists = "overwrite_terragrunt"
  contents  = <<EOF
provider "aws" {
  region = "eu-west-1"
}
EOF
}
"#;

    const ENV: &str = r#"# Generated by tfgen — do not edit.
locals {
  project     = "acme"
  environment = "dev"
  region      = "eu-west-1"
  tags = {
    Project = "acme"
  }
}
"#;

    const NETWORK_UNIT: &str = r#"# Generated by tfgen — do not edit.
include "root" {
  path = find_in_parent_folders("root.hcl")
}

locals {
  env = read_terragrunt_config(find_in_parent_folders("env.hcl")).locals
}

terraform {
  source = "../modules//network"
}

inputs = {
  name_prefix = "${local.env.project}-${local.env.environment}"
  cidr_block  = "10.0.0.0/16"
  tags        = local.env.tags
}
"#;

    const COMPUTE_UNIT: &str = r#"# Generated by tfgen — do not edit.
include "root" {
  path = find_in_parent_folders("root.hcl")
}

locals {
  env = read_terragrunt_config(find_in_parent_folders("env.hcl")).locals
}

terraform {
  source = "../modules//compute"
}

dependency "network" {
  config_path = "../network"

  mock_outputs = {
    vpc_id             = "vpc-00000000000000000"
    public_subnet_ids  = ["subnet-00000000000000000", "subnet-11111111111111111"]
  }
  mock_outputs_allowed_terraform_commands = ["init", "validate", "plan"]
}

inputs = {
  name_prefix = "${local.env.project}-${local.env.environment}"
  vpc_id      = dependency.network.outputs.vpc_id
  subnet_ids  = dependency.network.outputs.public_subnet_ids
  services = {
    web = { port = 3000 }
  }
}
"#;

    const NETWORK_VARS: &str = r#"# Generated by tfgen — do not edit.
variable "name_prefix" {
  description = "Prefix for resource names, e.g. {project}-{env}"
  type        = string
}

variable "cidr_block" {
  type = string
}

variable "tags" {
  type    = map(string)
  default = {}
}
"#;

    const NETWORK_OUTPUTS: &str = r#"# Generated by tfgen — do not edit.
output "vpc_id" {
  value = aws_vpc.this.id
}

output "public_subnet_ids" {
  value = aws_subnet.public[*].id
}
"#;

    const VERSIONS: &str = r#"# Generated by tfgen — do not edit.
terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}
"#;

    const NETWORK_MAIN: &str = r#"# Generated by tfgen — do not edit.
resource "aws_vpc" "this" {
  cidr_block = var.cidr_block
  tags       = merge(var.tags, { Name = "${var.name_prefix}-vpc" })
}

resource "aws_subnet" "public" {
  count      = 2
  vpc_id     = aws_vpc.this.id
  cidr_block = cidrsubnet(var.cidr_block, 8, count.index)
}
"#;

    const COMPUTE_VARS: &str = r#"# Generated by tfgen — do not edit.
variable "name_prefix" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

variable "services" {
  type    = map(object({ port = number }))
  default = {}
}

variable "instance_type" {
  type    = string
  default = "t3.micro"
}
"#;

    const COMPUTE_OUTPUTS: &str = r#"# Generated by tfgen — do not edit.
output "instance_ids" {
  value = [for i in aws_instance.this : i.id]
}
"#;

    const COMPUTE_MAIN: &str = r#"# Generated by tfgen — do not edit.
resource "aws_instance" "this" {
  for_each      = var.services
  instance_type = var.instance_type
  subnet_id     = var.subnet_ids[0]
  user_data     = <<-EOT
    #!/bin/sh
    echo "port ${each.value.port} }}}"
  EOT
}
"#;

    fn valid_tree() -> BTreeMap<String, String> {
        [
            ("root.hcl", ROOT),
            ("env.hcl", ENV),
            ("README.md", "# dev environment\n\nnot { hcl at all\n"),
            ("network/terragrunt.hcl", NETWORK_UNIT),
            ("compute/terragrunt.hcl", COMPUTE_UNIT),
            ("modules/network/variables.tf", NETWORK_VARS),
            ("modules/network/outputs.tf", NETWORK_OUTPUTS),
            ("modules/network/versions.tf", VERSIONS),
            ("modules/network/main.tf", NETWORK_MAIN),
            ("modules/compute/variables.tf", COMPUTE_VARS),
            ("modules/compute/outputs.tf", COMPUTE_OUTPUTS),
            ("modules/compute/versions.tf", VERSIONS),
            ("modules/compute/main.tf", COMPUTE_MAIN),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    }

    fn tree_of(files: &[(&str, &str)]) -> BTreeMap<String, String> {
        files
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    /// Replaces `from` (which must occur exactly once) in `file`.
    fn edit(tree: &mut BTreeMap<String, String>, file: &str, from: &str, to: &str) {
        let text = tree.get_mut(file).expect("file in tree");
        assert_eq!(
            text.matches(from).count(),
            1,
            "`{from}` not unique in {file}"
        );
        *text = text.replace(from, to);
    }

    /// 1-based line of the only line of `file` containing `needle`.
    fn line_of(tree: &BTreeMap<String, String>, file: &str, needle: &str) -> usize {
        let hits: Vec<usize> = tree[file]
            .lines()
            .enumerate()
            .filter(|(_, l)| l.contains(needle))
            .map(|(i, _)| i + 1)
            .collect();
        assert_eq!(hits.len(), 1, "`{needle}` not unique in {file}");
        hits[0]
    }

    fn errors_of(tree: &BTreeMap<String, String>) -> Vec<VerifyError> {
        match verify(tree) {
            Ok(()) => panic!("expected verification errors"),
            Err(errors) => errors,
        }
    }

    /// Asserts there is exactly one error and returns it.
    fn single_error(tree: &BTreeMap<String, String>) -> VerifyError {
        let errors = errors_of(tree);
        assert_eq!(
            errors.len(),
            1,
            "expected exactly one error, got {errors:#?}"
        );
        errors.into_iter().next().expect("one error")
    }

    #[test]
    fn valid_tree_passes() {
        assert_eq!(verify(&valid_tree()), Ok(()));
    }

    #[test]
    fn syntax_error_reports_file_line_and_column() {
        let mut tree = valid_tree();
        edit(
            &mut tree,
            "compute/terragrunt.hcl",
            "vpc_id      = dependency.network.outputs.vpc_id",
            "vpc_id      = ",
        );
        let err = single_error(&tree);
        assert_eq!(err.file, "compute/terragrunt.hcl");
        assert_eq!(err.line, Some(26));
        assert!(err.message.contains("column"), "{}", err.message);
        assert!(
            err.to_string()
                .starts_with("compute/terragrunt.hcl:26: HCL syntax error"),
            "{err}"
        );
    }

    #[test]
    fn syntax_error_in_module_does_not_cascade() {
        let mut tree = valid_tree();
        edit(
            &mut tree,
            "modules/compute/variables.tf",
            "variable \"vpc_id\" {",
            "variable \"vpc_id\" {{",
        );
        let err = single_error(&tree);
        assert_eq!(err.file, "modules/compute/variables.tf");
        assert!(err.line.is_some());
    }

    #[test]
    fn undeclared_input_is_reported_at_its_key() {
        let mut tree = valid_tree();
        edit(
            &mut tree,
            "compute/terragrunt.hcl",
            "    web = { port = 3000 }\n  }\n",
            "    web = { port = 3000 }\n  }\n  web = \"top-level\"\n  instanc_type = \"t3.large\"\n",
        );
        let file = "compute/terragrunt.hcl";
        let errors = errors_of(&tree);
        assert_eq!(errors.len(), 2, "{errors:#?}");
        // The top-level `web`, not the nested `web = { port = 3000 }` line.
        assert_eq!(errors[0].line, Some(line_of(&tree, file, "top-level")));
        assert!(
            errors[0]
                .message
                .contains("input `web` is not a variable of module `modules/compute`"),
            "{}",
            errors[0].message
        );
        assert_eq!(errors[1].line, Some(line_of(&tree, file, "instanc_type")));
        assert!(
            errors[1].message.contains("did you mean `instance_type`"),
            "{}",
            errors[1].message
        );
    }

    #[test]
    fn missing_required_variable_is_reported() {
        let mut tree = valid_tree();
        edit(
            &mut tree,
            "compute/terragrunt.hcl",
            "  subnet_ids  = dependency.network.outputs.public_subnet_ids\n",
            "",
        );
        let err = single_error(&tree);
        assert_eq!(err.file, "compute/terragrunt.hcl");
        assert_eq!(
            err.line,
            Some(line_of(&tree, "compute/terragrunt.hcl", "inputs = {"))
        );
        assert!(
            err.message.contains("required variable `subnet_ids`"),
            "{}",
            err.message
        );
        assert!(
            err.message.contains("modules/compute/variables.tf:10"),
            "{}",
            err.message
        );
    }

    #[test]
    fn unknown_dependency_output_is_reported_where_referenced() {
        let mut tree = valid_tree();
        let file = "compute/terragrunt.hcl";
        edit(
            &mut tree,
            file,
            "subnet_ids  = dependency.network.outputs.public_subnet_ids",
            "subnet_ids  = concat(dependency.network.outputs.nope, [])",
        );
        edit(
            &mut tree,
            file,
            "name_prefix = \"${local.env.project}-${local.env.environment}\"",
            "name_prefix = \"${local.env.project}-${dependency.network.outputs.vpc_idx}\"",
        );
        let errors = errors_of(&tree);
        assert_eq!(errors.len(), 2, "{errors:#?}");
        assert_eq!(
            errors[0].line,
            Some(line_of(&tree, file, "outputs.vpc_idx"))
        );
        assert!(
            errors[0]
                .message
                .contains("has no output `vpc_idx` (did you mean `vpc_id`?)"),
            "{}",
            errors[0].message
        );
        assert_eq!(errors[1].line, Some(line_of(&tree, file, "outputs.nope")));
        assert_eq!(
            errors[1].message,
            "`dependency.network.outputs.nope`: module `modules/network` (unit `network`) has no output `nope`"
        );
    }

    #[test]
    fn repeated_bad_reference_points_at_each_occurrence() {
        let mut tree = valid_tree();
        let file = "compute/terragrunt.hcl";
        edit(
            &mut tree,
            file,
            "    web = { port = 3000 }",
            "    web = { port = dependency.network.outputs.port }\n    api = { port = dependency.network.outputs.port }",
        );
        let errors = errors_of(&tree);
        assert_eq!(errors.len(), 2, "{errors:#?}");
        assert_eq!(errors[0].line, Some(line_of(&tree, file, "web = {")));
        assert_eq!(errors[1].line, Some(line_of(&tree, file, "api = {")));
    }

    #[test]
    fn reference_to_undeclared_dependency_is_reported() {
        let mut tree = valid_tree();
        edit(
            &mut tree,
            "compute/terragrunt.hcl",
            "  services = {",
            "  instance_type = dependency.db.outputs.size\n  services = {",
        );
        let err = single_error(&tree);
        assert_eq!(
            err.line,
            Some(line_of(&tree, "compute/terragrunt.hcl", "dependency.db"))
        );
        assert!(
            err.message.contains("no `dependency \"db\"` block"),
            "{}",
            err.message
        );
    }

    #[test]
    fn mock_output_that_is_not_an_output_is_reported() {
        let mut tree = valid_tree();
        edit(
            &mut tree,
            "compute/terragrunt.hcl",
            "    vpc_id             = \"vpc-00000000000000000\"\n",
            "    vpc_id             = \"vpc-00000000000000000\"\n    nat_gateway_id     = \"nat-0\"\n",
        );
        let err = single_error(&tree);
        assert_eq!(
            err.line,
            Some(line_of(&tree, "compute/terragrunt.hcl", "nat_gateway_id"))
        );
        assert!(
            err.message
                .contains("mocks `nat_gateway_id`, which is not an output"),
            "{}",
            err.message
        );
    }

    #[test]
    fn mock_commands_must_not_include_apply() {
        let mut tree = valid_tree();
        edit(
            &mut tree,
            "compute/terragrunt.hcl",
            "[\"init\", \"validate\", \"plan\"]",
            "[\"init\", \"validate\", \"plan\", \"apply\"]",
        );
        let err = single_error(&tree);
        assert_eq!(
            err.line,
            Some(line_of(
                &tree,
                "compute/terragrunt.hcl",
                "mock_outputs_allowed_terraform_commands"
            ))
        );
        assert!(err.message.contains("contains `apply`"), "{}", err.message);
    }

    #[test]
    fn mock_commands_must_be_present_with_mock_outputs() {
        let mut tree = valid_tree();
        edit(
            &mut tree,
            "compute/terragrunt.hcl",
            "  mock_outputs_allowed_terraform_commands = [\"init\", \"validate\", \"plan\"]\n",
            "",
        );
        let err = single_error(&tree);
        assert_eq!(
            err.line,
            Some(line_of(&tree, "compute/terragrunt.hcl", "mock_outputs = {"))
        );
        assert!(
            err.message
                .contains("no mock_outputs_allowed_terraform_commands"),
            "{}",
            err.message
        );
    }

    #[test]
    fn missing_module_dir_is_reported_without_cascade() {
        let mut tree = valid_tree();
        tree.retain(|path, _| !path.starts_with("modules/compute/"));
        let err = single_error(&tree);
        assert_eq!(err.file, "compute/terragrunt.hcl");
        assert_eq!(
            err.line,
            Some(line_of(&tree, "compute/terragrunt.hcl", "source ="))
        );
        assert!(
            err.message
                .contains("`modules/compute/`, which does not exist"),
            "{}",
            err.message
        );
    }

    #[test]
    fn missing_versions_tf_is_reported() {
        let mut tree = valid_tree();
        tree.remove("modules/network/versions.tf");
        let err = single_error(&tree);
        assert_eq!(err.file, "network/terragrunt.hcl");
        assert_eq!(err.line, Some(11));
        assert_eq!(
            err.message,
            "module `modules/network` is missing `versions.tf`"
        );
    }

    #[test]
    fn dependency_on_missing_unit_is_reported() {
        let mut tree = valid_tree();
        edit(
            &mut tree,
            "compute/terragrunt.hcl",
            "\"../network\"",
            "\"../netwrk\"",
        );
        // References to dependency.network.* cannot be checked any more, but
        // must not produce follow-up errors.
        let err = single_error(&tree);
        assert_eq!(
            err.line,
            Some(line_of(&tree, "compute/terragrunt.hcl", "config_path"))
        );
        assert!(
            err.message.contains("no `netwrk/terragrunt.hcl`"),
            "{}",
            err.message
        );
        let graph_err = unit_dependencies(&tree).expect_err("dangling dependency");
        assert_eq!(graph_err, vec![err]);
    }

    #[test]
    fn dependency_cycle_is_reported() {
        let mut tree = valid_tree();
        edit(
            &mut tree,
            "network/terragrunt.hcl",
            "inputs = {",
            "dependency \"compute\" {\n  config_path = \"../compute\"\n}\n\ninputs = {",
        );
        let err = single_error(&tree);
        assert_eq!(err.file, "compute/terragrunt.hcl");
        assert_eq!(err.line, Some(14));
        assert_eq!(
            err.message,
            "dependency cycle: compute -> network -> compute"
        );
        // The graph itself is still well defined.
        let graph = unit_dependencies(&tree).expect("graph");
        assert_eq!(graph["network"], ["compute"]);
    }

    #[test]
    fn longer_cycles_and_self_dependencies_are_reported_once_each() {
        let unit = |deps: &[&str]| {
            let mut text = String::from("# Generated by tfgen\n");
            for d in deps {
                text.push_str(&format!(
                    "dependency \"{d}\" {{\n  config_path = \"../{d}\"\n}}\n"
                ));
            }
            text
        };
        let tree: BTreeMap<String, String> = [
            ("a/terragrunt.hcl", unit(&["b"])),
            ("b/terragrunt.hcl", unit(&["c"])),
            ("c/terragrunt.hcl", unit(&["d", "a"])),
            ("d/terragrunt.hcl", unit(&[])),
            ("e/terragrunt.hcl", unit(&["e"])),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        let cycles: Vec<String> = errors_of(&tree)
            .into_iter()
            .filter(|e| e.message.starts_with("dependency cycle"))
            .map(|e| e.to_string())
            .collect();
        assert_eq!(
            cycles,
            [
                "a/terragrunt.hcl:2: dependency cycle: a -> b -> c -> a",
                "e/terragrunt.hcl:2: dependency cycle: e -> e",
            ]
        );
    }

    #[test]
    fn unit_dependencies_lists_every_unit() {
        let deps = unit_dependencies(&valid_tree()).expect("valid graph");
        let expected: BTreeMap<String, Vec<String>> = [
            ("compute".to_string(), vec!["network".to_string()]),
            ("network".to_string(), vec![]),
        ]
        .into_iter()
        .collect();
        assert_eq!(deps, expected);
    }

    #[test]
    fn all_errors_are_reported_sorted() {
        let mut tree = valid_tree();
        tree.remove("modules/network/versions.tf");
        edit(
            &mut tree,
            "env.hcl",
            "  region      = \"eu-west-1\"",
            "  region      = ",
        );
        edit(
            &mut tree,
            "compute/terragrunt.hcl",
            "\"plan\"]",
            "\"apply\"]",
        );
        edit(
            &mut tree,
            "compute/terragrunt.hcl",
            "outputs.vpc_id",
            "outputs.vpcid",
        );
        let errors = errors_of(&tree);
        let rendered: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(rendered.len(), 4, "{rendered:#?}");
        let mut sorted = errors.clone();
        sorted.sort();
        assert_eq!(errors, sorted);
        assert!(
            rendered[0].starts_with("compute/terragrunt.hcl:21: "),
            "{rendered:#?}"
        );
        assert!(
            rendered[1].starts_with("compute/terragrunt.hcl:26: "),
            "{rendered:#?}"
        );
        assert!(
            rendered[2].starts_with("env.hcl:5: HCL syntax error"),
            "{rendered:#?}"
        );
        assert!(
            rendered[3].starts_with("network/terragrunt.hcl:11: "),
            "{rendered:#?}"
        );
    }

    #[test]
    fn display_with_and_without_line() {
        let err = VerifyError::new("a/terragrunt.hcl", None, "boom");
        assert_eq!(err.to_string(), "a/terragrunt.hcl: boom");
        let err = VerifyError::new("a/terragrunt.hcl", Some(3), "boom");
        assert_eq!(err.to_string(), "a/terragrunt.hcl:3: boom");
    }

    #[test]
    fn non_literal_source_is_reported() {
        let tree = tree_of(&[(
            "a/terragrunt.hcl",
            "# Generated by tfgen\nterraform {\n  source = local.src\n}\n",
        )]);
        let err = single_error(&tree);
        assert_eq!(err.line, Some(3));
        assert!(
            err.message.contains("plain string literal"),
            "{}",
            err.message
        );
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let cases: [&[(&str, &str)]; 9] = [
            &[("a/terragrunt.hcl", "")],
            &[(
                "a/terragrunt.hcl",
                "terraform {\n  source = \"../../../x\"\n}\n",
            )],
            &[(
                "a/terragrunt.hcl",
                "dependency {\n}\ndependency \"b\" {\n  config_path = \"/abs\"\n}\n",
            )],
            &[(
                "a/terragrunt.hcl",
                "dependency \"b\" {\n  config_path = \"../b\"\n  mock_outputs = 1\n  mock_outputs_allowed_terraform_commands = \"plan\"\n}\ninputs = dependency.b.outputs\nx = dependency[\"b\"][0]\n",
            )],
            &[(
                "a/terragrunt.hcl",
                "terraform {\n  source = \"git::https://example.com/m.git//x?ref=v1\"\n}\ninputs = merge({}, {})\n",
            )],
            &[
                (
                    "a/terragrunt.hcl",
                    "x = \"${\"}\"\n\"unterminated\n/* open comment\n",
                ),
                ("modules/x.tf", "variable {}\n"),
            ],
            &[
                ("/terragrunt.hcl", "{{{{"),
                ("x/y/z/terragrunt.hcl", "}}}"),
                ("terragrunt.hcl", "<<EOF\n"),
            ],
            &[
                (
                    "a/terragrunt.hcl",
                    "terraform {\n  source = \"../m\"\n}\ninputs = {\n  (local.k) = 1\n  \"q\" = 2\n}\n",
                ),
                (
                    "m/main.tf",
                    "variable \"q\" {}\nvariable \"q\" {}\noutput \"o\" {\n  value = 1\n}\n",
                ),
            ],
            &[("a/terragrunt.hcl", "\u{feff}ä = \"ü${x}\" # ö\n")],
        ];
        for case in cases {
            let tree = tree_of(case);
            let _ = verify(&tree);
            let _ = unit_dependencies(&tree);
        }
    }

    #[test]
    fn line_index_tracks_depth_across_strings_heredocs_and_comments() {
        let text = "a = {\n  b = \"}}${x({\"y\" = 1})}\"\n  # }\n  c = <<EOT\n}\nEOT\n  d = 1 /* } */\n}\ne = 2\n";
        let index = LineIndex::new(text);
        assert_eq!(
            index.depth,
            [
                Some(0),
                Some(1),
                Some(1),
                Some(1),
                None,
                None,
                Some(1),
                Some(1),
                Some(0)
            ]
        );
        assert_eq!(index.key_in_group(Some(1), "d"), Some(7));
        assert_eq!(index.top_level_key("e"), Some(9));
        assert_eq!(index.top_level_key("d"), None);
    }
}
