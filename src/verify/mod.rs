//! Static verification of a generated Terragrunt live tree.
//!
//! `tfgen` renders an environment's live configuration (`root.hcl`,
//! `env.hcl`, one `<unit>/terragrunt.hcl` per unit) into an in-memory map of
//! relative path → file text; each unit's module is in the shared catalog
//! (`../modules/<unit>/`, see [`crate::catalog`]), whose variables and outputs
//! the build script extracted. Before anything is written to disk we want to
//! be sure that the tree is internally consistent, because the mistakes this
//! module catches otherwise only surface much later, at `terragrunt plan`
//! time, one at a time and far away from the spec line that caused them:
//!
//! 1. every `*.hcl` / `*.tf` file is syntactically valid HCL;
//! 2. every unit points (`terraform { source = "../../modules//<name>" }`) at a
//!    module that exists and has `variables.tf`, `outputs.tf`, `versions.tf`
//!    (a module inside the environment, `../modules//<name>`, works too);
//! 3. the unit's `inputs` only set declared variables and set every required
//!    one;
//! 4. `dependency` blocks point at existing units, every
//!    `dependency.X.outputs.Y` reference names a declared dependency and a real
//!    output of its module, `mock_outputs` only mock real outputs and mocks are
//!    restricted to `init`/`validate`/`plan`;
//! 5. the unit dependency graph is acyclic.
//!
//! [`verify_catalog`] checks the catalog itself: every module parses and every
//! reference in it names a declaration ([`references`]).
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
/// `destroy` is among them: Terragrunt serves mocks only for a dependency
/// without state, and a unit whose dependency was never applied has nothing
/// the mocks could misdirect, so `run --all destroy` after a partial first
/// deploy can still remove it. `apply` never is.
const SAFE_MOCK_COMMANDS: [&str; 4] = ["init", "validate", "plan", "destroy"];

/// Files every module directory must contain, so that the generated modules
/// follow the conventional layout users (and `terraform-docs`) expect.
const REQUIRED_MODULE_FILES: [&str; 3] = ["variables.tf", "outputs.tf", "versions.tf"];

/// Stands for the environment directory when resolving relative paths: a
/// unit `compute` sits at `env/compute`, so `../../modules//compute` is the
/// catalog's `modules/compute` and `../modules//compute` the environment's own.
const ENV: &str = "env";

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

    let env_key = |dir: &str| format!("{ENV}/{dir}");
    let modules = Modules {
        env: collect_modules(files, &bodies, &env_key, &mut errors),
        catalog: catalog_modules(),
    };
    let units = collect_units(files, &bodies);

    for unit in units.values() {
        check_unit(unit, &units, &modules, &mut errors);
        if let (Some(body), Source::Local { dir, .. }) = (unit.body, &unit.source) {
            let module = dir.rsplit('/').next().unwrap_or(dir);
            naming::check_unit(unit, body, module, &mut errors);
        }
    }
    check_cycles(&units, &mut errors);
    sorted(errors)
}

/// Every problem once, by file and line; `Ok` when there are none.
fn sorted(mut errors: Vec<VerifyError>) -> Result<(), Vec<VerifyError>> {
    errors.sort();
    errors.dedup();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Verifies the module catalog tfgen writes to `<out>/modules/`: see
/// [`references`]. The catalog is a constant of the binary, so this runs in
/// the test suite (and whenever asked), never once per environment.
pub fn verify_catalog() -> Result<(), Vec<VerifyError>> {
    references::verify_modules(crate::catalog::files())
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

fn location(file: &str, line: Option<usize>) -> String {
    match line {
        Some(line) => format!("{file}:{line}"),
        None => file.to_string(),
    }
}

mod cycles;
mod dependencies;
mod inputs;
mod lines;
mod modules;
pub mod naming;
mod references;
mod units;
mod walk;

use cycles::*;
use dependencies::*;
use inputs::*;
use lines::*;
use modules::*;
use units::*;
use walk::*;

#[cfg(test)]
mod tests;
