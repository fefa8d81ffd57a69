//! The commands behind the CLI, writing to the given streams and returning
//! the process exit code, so that `main.rs` stays a thin clap layer.

use crate::diagnostic::Diagnostic;
use crate::emit::{ApplySummary, ChangeSet};
use crate::resolve::Resolved;
use crate::spec::{self, Checked};
use serde_json::Value;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Exit code: success (warnings allowed).
pub const EXIT_OK: i32 = 0;
/// Exit code: a spec is invalid (or, for `build --check`, the tree is stale).
pub const EXIT_INVALID: i32 = 1;
/// Exit code: a usage or I/O error.
pub const EXIT_USAGE: i32 = 2;

/// The output root of `build`, `diff` and `docs` without `--out`.
pub const DEFAULT_OUT: &str = "generated";

/// Output streams and whether to color them.
pub struct Io<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
    /// Color diagnostics on stderr.
    pub color: bool,
    /// Color stdout (the diff).
    pub color_out: bool,
}

/// One environment of a spec file read from disk, checked.
pub struct LoadedSpec {
    /// The path as given (used in diagnostics).
    pub path: PathBuf,
    pub checked: Checked,
    /// For a spec with `environments:`, the environment's name and where
    /// each of its values was written.
    pub parts: Option<spec::environments::Parts>,
}

impl LoadedSpec {
    /// The spec as named in messages: its path, and for a spec of several
    /// environments the environment's block (`specs/app.yaml (environments.prod)`).
    pub fn label(&self) -> String {
        match &self.parts {
            Some(parts) => format!(
                "{} ({}.{})",
                self.path.display(),
                spec::environments::KEY,
                parts.name()
            ),
            None => self.path.display().to_string(),
        }
    }

    /// The `--env NAME` that picks this environment out of its file, if it
    /// needs one.
    fn env_flag(&self) -> String {
        self.parts
            .as_ref()
            .map(|p| format!(" --env {}", p.name()))
            .unwrap_or_default()
    }
}

/// A spec file read from disk and checked: its environments (those selected).
pub struct LoadedFile {
    /// The path as given (used in diagnostics).
    pub path: PathBuf,
    pub file: spec::environments::SpecFile,
}

impl LoadedFile {
    /// Its environments, each on its own.
    pub fn into_specs(self) -> Vec<LoadedSpec> {
        let path = self.path;
        self.file
            .environments
            .into_iter()
            .map(|e| LoadedSpec {
                path: path.clone(),
                checked: e.checked,
                parts: e.parts,
            })
            .collect()
    }
}

/// Expands directories to the `*.yaml` / `*.yml` files in them (sorted).
pub fn expand_spec_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let entries = std::fs::read_dir(path)
                .map_err(|e| format!("cannot read directory {}: {e}", path.display()))?;
            let mut specs: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    p.is_file()
                        && matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
                })
                .collect();
            if specs.is_empty() {
                return Err(format!("no *.yaml specs in directory {}", path.display()));
            }
            specs.sort();
            out.extend(specs);
        } else {
            out.push(path.clone());
        }
    }
    Ok(out)
}

/// Reads and checks one spec file: every environment, or those named in
/// `envs` when it names any. An unreadable file is an I/O error message.
pub fn load_file(path: &Path, envs: &[String]) -> Result<LoadedFile, String> {
    // Refuse huge files before reading them whole.
    if let Ok(meta) = std::fs::metadata(path)
        && meta.len() > spec::load::MAX_FILE_BYTES as u64 * 4
    {
        let d = Diagnostic::error(
            crate::diagnostic::Position { line: 1, column: 1 },
            "",
            format!(
                "file is {} bytes; specs larger than 1 MiB are refused",
                meta.len()
            ),
        );
        return Ok(LoadedFile {
            path: path.to_owned(),
            file: spec::environments::SpecFile {
                diagnostics: vec![d],
                environments: Vec::new(),
                names: Vec::new(),
                multi: false,
            },
        });
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(LoadedFile {
        path: path.to_owned(),
        file: spec::environments::check_file(&bytes, envs),
    })
}

/// Prints diagnostics about `path` to stderr.
pub fn print_diagnostics(io: &mut Io<'_>, path: &Path, diagnostics: &[Diagnostic]) {
    let file = path.display().to_string();
    for d in diagnostics {
        let _ = writeln!(io.err, "{}", d.display(&file, io.color));
    }
}

/// Prints an error that is not about a spec's content.
pub fn print_error(io: &mut Io<'_>, message: &str) {
    let style = if io.color {
        anstyle::AnsiColor::Red.on_default().bold()
    } else {
        anstyle::Style::new()
    };
    let _ = writeln!(io.err, "{style}error:{style:#} {message}");
}

/// Loads several specs, every environment of each, printing diagnostics.
/// Returns the environments, or the exit code to stop with (1 when any spec
/// is invalid, 2 on I/O errors).
pub fn load_all(io: &mut Io<'_>, paths: &[PathBuf]) -> Result<Vec<LoadedSpec>, i32> {
    load_envs(io, paths, &[])
}

/// Loads several specs, printing diagnostics, and returns their environments:
/// all of them, or those named in `envs` (`--env`, each of which must name
/// an environment of some spec). The exit code to stop with: 1 when a spec
/// is invalid, 2 on I/O errors and unknown environments.
pub fn load_envs(
    io: &mut Io<'_>,
    paths: &[PathBuf],
    envs: &[String],
) -> Result<Vec<LoadedSpec>, i32> {
    let paths = expand_spec_paths(paths).map_err(|e| {
        print_error(io, &e);
        EXIT_USAGE
    })?;
    let mut files = Vec::new();
    let mut io_failed = false;
    for path in paths {
        match load_file(&path, envs) {
            Ok(file) => files.push(file),
            Err(e) => {
                print_error(io, &e);
                io_failed = true;
            }
        }
    }
    if io_failed {
        return Err(EXIT_USAGE);
    }
    let known: Vec<&str> = files
        .iter()
        .flat_map(|f| f.file.names.iter().map(String::as_str))
        .collect();
    let unknown: Vec<&String> = envs
        .iter()
        .filter(|e| !known.contains(&e.as_str()))
        .collect();
    // A file that does not say which environments it has is reported below.
    if !unknown.is_empty() && files.iter().all(|f| !f.file.names.is_empty()) {
        let which = match files.as_slice() {
            [one] => one.path.display().to_string(),
            _ => "the specs".to_owned(),
        };
        // Each name once, in the order the specs define them.
        let mut seen = BTreeSet::new();
        let known: Vec<&str> = known.into_iter().filter(|n| seen.insert(*n)).collect();
        for name in unknown {
            print_error(
                io,
                &format!(
                    "unknown environment `{name}` (--env): {which} define{} {}",
                    if files.len() == 1 { "s" } else { "" },
                    known.join(", ")
                ),
            );
            if let Some(meant) = crate::diagnostic::did_you_mean(name, known.iter().copied()) {
                let _ = writeln!(io.err, "  help: did you mean `--env {meant}`?");
            }
        }
        return Err(EXIT_USAGE);
    }
    for f in &files {
        print_diagnostics(io, &f.path, &f.file.diagnostics);
    }
    if files.iter().any(|f| f.file.has_errors()) {
        return Err(EXIT_INVALID);
    }
    Ok(files.into_iter().flat_map(LoadedFile::into_specs).collect())
}

/// Loads the one environment a command is about: the spec's only one, or
/// the one `--env` names. A spec of several environments without `--env`
/// is a usage error listing them.
pub fn load_one(io: &mut Io<'_>, path: &Path, env: Option<&str>) -> Result<LoadedSpec, i32> {
    let envs: Vec<String> = env.map(str::to_owned).into_iter().collect();
    let mut specs = load_envs(io, &[path.to_owned()], &envs)?;
    if specs.len() > 1 {
        let names: Vec<&str> = specs
            .iter()
            .filter_map(|s| s.parts.as_ref().map(|p| p.name()))
            .collect();
        print_error(
            io,
            &format!(
                "{} defines {} environments ({}): name one with --env",
                path.display(),
                names.len(),
                names.join(", ")
            ),
        );
        let _ = writeln!(
            io.err,
            "  help: e.g. `--env {}`",
            names.first().copied().unwrap_or_default()
        );
        return Err(EXIT_USAGE);
    }
    specs.pop().ok_or(EXIT_INVALID)
}

/// `tfgen validate SPEC… [--env NAME]…`
pub fn validate(io: &mut Io<'_>, paths: &[PathBuf], envs: &[String]) -> i32 {
    let specs = match load_envs(io, paths, envs) {
        Ok(specs) => specs,
        Err(code) => {
            let _ = writeln!(io.err, "validation failed");
            return code;
        }
    };
    for spec in &specs {
        let warnings = spec.checked.diagnostics.len();
        let suffix = match warnings {
            0 => String::new(),
            1 => " (1 warning)".into(),
            n => format!(" ({n} warnings)"),
        };
        let _ = writeln!(io.out, "{}: ok{suffix}", spec.label());
    }
    EXIT_OK
}

/// Output format of `explain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExplainFormat {
    /// An aligned table.
    Table,
    /// JSON: a list of {path, value, origin}.
    Json,
}

/// `tfgen explain SPEC [--env NAME]`
pub fn explain(io: &mut Io<'_>, path: &Path, env: Option<&str>, format: ExplainFormat) -> i32 {
    let spec = match load_one(io, path, env) {
        Ok(spec) => spec,
        Err(code) => return code,
    };
    let Some(resolved) = spec.checked.resolved.as_ref() else {
        return EXIT_INVALID;
    };
    // In a spec of several environments, a written value says which part wrote it.
    let origin = |s: &crate::resolve::Setting| match (&spec.parts, s.origin) {
        (Some(parts), crate::resolve::Origin::Spec) => {
            format!("{} ({})", s.origin, parts.part(&s.pointer))
        }
        _ => s.origin.to_string(),
    };
    let text = match format {
        ExplainFormat::Table => explain_table_with(resolved, &origin),
        ExplainFormat::Json => explain_json_with(resolved, &origin),
    };
    let _ = io.out.write_all(text.as_bytes());
    EXIT_OK
}

/// The resolved settings as an aligned table: field, value, origin.
pub fn explain_table(resolved: &Resolved) -> String {
    explain_table_with(resolved, &|s| s.origin.to_string())
}

/// [`explain_table`], each origin written by `origin`.
fn explain_table_with(
    resolved: &Resolved,
    origin: &dyn Fn(&crate::resolve::Setting) -> String,
) -> String {
    let rows: Vec<(String, String, String)> = resolved
        .settings
        .iter()
        .map(|s| (s.path.clone(), show_value(&s.value), origin(s)))
        .collect();
    let width = |f: fn(&(String, String, String)) -> &String, title: &str| {
        rows.iter()
            .map(|r| f(r).chars().count())
            .max()
            .unwrap_or(0)
            .max(title.len())
    };
    let (w_path, w_value) = (width(|r| &r.0, "FIELD"), width(|r| &r.1, "VALUE"));
    let mut out = format!(
        "{}/{} in {} (profile {})\n\n",
        resolved.project,
        resolved.environment,
        resolved.region.code(),
        resolved.profile.name()
    );
    out.push_str(&format!(
        "{:w_path$}  {:w_value$}  ORIGIN\n",
        "FIELD", "VALUE"
    ));
    for (path, value, origin) in &rows {
        out.push_str(&format!("{path:w_path$}  {value:w_value$}  {origin}\n"));
    }
    out
}

/// The resolved settings as JSON.
pub fn explain_json(resolved: &Resolved) -> String {
    explain_json_with(resolved, &|s| s.origin.to_string())
}

/// [`explain_json`], each origin written by `origin`.
fn explain_json_with(
    resolved: &Resolved,
    origin: &dyn Fn(&crate::resolve::Setting) -> String,
) -> String {
    let settings: Vec<Value> = resolved
        .settings
        .iter()
        .map(|s| {
            serde_json::json!({
                "path": s.path,
                "value": s.value,
                "origin": origin(s),
            })
        })
        .collect();
    let doc = serde_json::json!({
        "project": resolved.project,
        "environment": resolved.environment,
        "region": resolved.region.code(),
        "profile": resolved.profile.name(),
        "settings": settings,
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

/// A value as one table cell: strings bare, `none` for null, JSON otherwise.
fn show_value(value: &Value) -> String {
    match value {
        Value::Null => "none".into(),
        Value::String(s) => s.clone(),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(show_value).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(map) => {
            let items: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{k}: {}", show_value(v)))
                .collect();
            format!("{{{}}}", items.join(", "))
        }
        other => other.to_string(),
    }
}

/// Output format of `cost`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CostFormat {
    /// An aligned table with the assumptions and notes.
    Table,
    /// JSON: the whole estimate (lines, totals, assumptions).
    Json,
    /// A GitHub markdown table.
    Markdown,
}

/// What `tfgen cost` compares the spec with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CostBase {
    /// Nothing: print the estimate.
    None,
    /// Another spec file (`--compare OLD_SPEC`).
    Spec(PathBuf),
    /// The same spec at a git revision (`--compare-git REV`).
    Git(String),
}

/// `tfgen cost SPEC [--compare OLD_SPEC | --compare-git REV]`: exit 1 for an
/// invalid spec or an unpriced region, 2 for I/O or git errors.
pub fn cost(
    io: &mut Io<'_>,
    path: &Path,
    env: Option<&str>,
    format: CostFormat,
    base: &CostBase,
) -> i32 {
    let spec = match load_one(io, path, env) {
        Ok(spec) => spec,
        Err(code) => return code,
    };
    let Some(resolved) = spec.checked.resolved.as_ref() else {
        return EXIT_INVALID;
    };
    // The older spec is read for the same environment (when it has several).
    let env = Some(resolved.environment.clone());
    let estimate = match priced(io, path, resolved) {
        Ok(e) => e,
        Err(code) => return code,
    };
    let old = match base {
        CostBase::None => None,
        CostBase::Spec(old_path) => {
            let old_env = match old_env(old_path, env.as_deref()) {
                Ok(old_env) => old_env,
                Err(e) => {
                    print_error(io, &e);
                    return EXIT_USAGE;
                }
            };
            let old = match load_one(io, old_path, old_env) {
                Ok(spec) => spec,
                Err(code) => return code,
            };
            let Some(resolved) = old.checked.resolved.as_ref() else {
                return EXIT_INVALID;
            };
            match priced(io, old_path, resolved) {
                Ok(e) => Some((e, old_path.display().to_string())),
                Err(code) => return code,
            }
        }
        CostBase::Git(rev) => match spec_at_revision(io, path, env.as_deref(), rev) {
            Ok(pair) => Some(pair),
            Err(code) => return code,
        },
    };
    let text = match (old, format) {
        (None, CostFormat::Table) => crate::cost::render_table(&estimate),
        (None, CostFormat::Json) => crate::cost::render_json(&estimate),
        (None, CostFormat::Markdown) => crate::cost::render_markdown(&estimate),
        (Some((old, label)), format) => {
            let diff = crate::cost::compare(&old, &label, &estimate, &path.display().to_string());
            match format {
                CostFormat::Table => crate::cost::render_diff_table(&diff),
                CostFormat::Json => crate::cost::render_diff_json(&diff),
                CostFormat::Markdown => crate::cost::render_diff_markdown(&diff),
            }
        }
    };
    if let Err(e) = io.out.write_all(text.as_bytes()) {
        print_error(io, &format!("cannot write the estimate: {e}"));
        return EXIT_USAGE;
    }
    EXIT_OK
}

/// The estimate of a valid spec, or exit 1 with the pricing error.
fn priced(io: &mut Io<'_>, path: &Path, resolved: &Resolved) -> Result<crate::cost::Estimate, i32> {
    crate::cost::estimate(resolved).map_err(|e| {
        print_error(io, &format!("{}: {e}", path.display()));
        EXIT_INVALID
    })
}

/// The estimate of `path` as it was at git revision `rev` (read with
/// `git show REV:./FILE` in the spec's directory), with its label `REV:PATH`.
fn spec_at_revision(
    io: &mut Io<'_>,
    path: &Path,
    env: Option<&str>,
    rev: &str,
) -> Result<(crate::cost::Estimate, String), i32> {
    let label = format!("{rev}:{}", path.display());
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let Some(file) = path.file_name() else {
        print_error(io, &format!("{} is not a file", path.display()));
        return Err(EXIT_USAGE);
    };
    let object = format!("{rev}:./{}", file.to_string_lossy());
    let output = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["show", "--no-textconv", &object])
        .output();
    let bytes = match output {
        Ok(o) if o.status.success() => o.stdout,
        Ok(o) => {
            let why = String::from_utf8_lossy(&o.stderr);
            print_error(io, &format!("cannot read {label} from git: {}", why.trim()));
            return Err(EXIT_USAGE);
        }
        Err(e) => {
            print_error(io, &format!("cannot run git to read {label}: {e}"));
            return Err(EXIT_USAGE);
        }
    };
    let old_path = PathBuf::from(&label);
    // The revision's spec may have had one environment or several.
    let file = spec::environments::check_file(&bytes, &[]);
    print_diagnostics(io, &old_path, &file.diagnostics);
    if file.has_errors() {
        return Err(EXIT_INVALID);
    }
    let Some(old) = file
        .environments
        .iter()
        .find(|e| !file.multi || env.is_none_or(|n| e.name == n))
        .filter(|_| !file.multi || env.is_some() || file.environments.len() == 1)
    else {
        print_error(
            io,
            &format!(
                "{label} defines the environments {}: none is {}",
                file.names.join(", "),
                env.map_or("named with --env".to_owned(), |n| format!("`{n}`"))
            ),
        );
        return Err(EXIT_USAGE);
    };
    let Some(resolved) = old.checked.resolved.as_ref() else {
        return Err(EXIT_INVALID);
    };
    let estimate = priced(io, &old_path, resolved)?;
    Ok((estimate, label))
}

/// The environment to read from the older spec of `cost --compare`: the one
/// compared, from a spec of several (a single-environment spec is read
/// whatever its name). An error when the older spec does not define it.
fn old_env<'a>(old_path: &Path, env: Option<&'a str>) -> Result<Option<&'a str>, String> {
    let Ok(bytes) = std::fs::read(old_path) else {
        return Ok(None);
    };
    let names: Option<Vec<String>> = spec::load::load(&bytes).ok().and_then(|d| {
        d.value
            .get(spec::environments::KEY)?
            .as_object()
            .map(|m| m.keys().cloned().collect())
    });
    match (names, env) {
        (Some(names), Some(env)) if !names.iter().any(|n| n == env) => Err(format!(
            "{} has no environment `{env}` to compare with; it defines {}",
            old_path.display(),
            names.join(", ")
        )),
        (Some(_), env) => Ok(env),
        (None, _) => Ok(None),
    }
}

/// `tfgen schema [--write PATH]`
pub fn schema(io: &mut Io<'_>, write: Option<&Path>) -> i32 {
    let text = spec::schema::json_schema_text();
    let Some(path) = write else {
        let _ = io.out.write_all(text.as_bytes());
        return EXIT_OK;
    };
    let written = path
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(path, text));
    match written {
        Ok(()) => {
            let _ = writeln!(io.err, "wrote {}", path.display());
            EXIT_OK
        }
        Err(e) => {
            print_error(io, &format!("cannot write {}: {e}", path.display()));
            EXIT_USAGE
        }
    }
}

/// One spec's generated tree, ready to emit.
struct Target {
    spec_path: PathBuf,
    /// ` --env NAME` for an environment of a spec of several.
    env_flag: String,
    /// Project and spec (as in the headers), for the manifest.
    owner: crate::emit::Owner,
    env_dir: PathBuf,
    files: crate::render::Tree,
    warnings: usize,
    /// The units of the plan.
    units: Vec<String>,
    /// Baseline and peak monthly USD, or why there is no estimate.
    cost: Result<(f64, f64), String>,
    /// `budget.monthly_limit_usd`, if the spec sets a budget.
    budget: Option<f64>,
}

impl Target {
    /// What writing this environment would change on disk, for its owner.
    fn changes(&self) -> Result<ChangeSet, crate::emit::EmitError> {
        crate::emit::plan(&self.env_dir, &self.files).map(|c| c.owned_by(self.owner.clone()))
    }
}

/// What writing the repository files (`repository:` in the specs) would
/// change on disk. They cover every environment of the specs, so a build of
/// some environments (`--env`) leaves them as they are.
fn repository_changes(
    io: &mut Io<'_>,
    loaded: &[(LoadedSpec, PathBuf)],
    envs: &[String],
    out: &Path,
) -> Result<Vec<ChangeSet>, i32> {
    if !envs.is_empty() {
        return Ok(Vec::new());
    }
    let sources: Vec<crate::repository::Source<'_>> = loaded
        .iter()
        .filter_map(|(spec, _)| {
            spec.checked
                .resolved
                .as_ref()
                .map(|resolved| crate::repository::Source {
                    resolved,
                    header_path: crate::build::header_path(&spec.path, out),
                    env_flag: spec.parts.as_ref().map(|p| format!("--env {}", p.name())),
                })
        })
        .collect();
    let roots = crate::repository::render_roots(&sources, out).map_err(|e| {
        print_error(io, &e);
        EXIT_INVALID
    })?;
    // A root inside a folder with a manifest of its own would share that manifest.
    let lexical = |p: &Path| -> PathBuf {
        p.components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .collect()
    };
    let owned: Vec<PathBuf> = std::iter::once(out.join(crate::catalog::DIR))
        .chain(loaded.iter().map(|(_, dir)| dir.clone()))
        .map(|d| lexical(&d))
        .collect();
    if let Some(root) = roots
        .iter()
        .find(|r| owned.iter().any(|d| lexical(&r.dir).starts_with(d)))
    {
        print_error(
            io,
            &format!(
                "`repository.root` puts the repository files in {}, inside a folder of the generated tree",
                root.dir.display()
            ),
        );
        let _ = writeln!(
            io.err,
            "  help: leave `root` out (the folder holding the output root) or name a folder outside {}",
            out.display()
        );
        return Err(EXIT_INVALID);
    }
    roots
        .iter()
        .map(|r| crate::emit::plan(&r.dir, &r.files))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| {
            print_error(io, &e.to_string());
            EXIT_USAGE
        })
}

/// What `build` did to the repository files of one root.
fn repository_summary(change: &ChangeSet, files: &ApplySummary) -> String {
    format!(
        "{} (repository files: tools, lint, workflows)\n  files     {} written, {} unchanged, {} removed\n",
        change.env_dir.display(),
        files.written,
        files.unchanged,
        files.removed,
    )
}

/// What writing the module catalog under `out` would change on disk.
fn catalog_changes(out: &Path) -> Result<ChangeSet, crate::emit::EmitError> {
    crate::emit::plan(&out.join(crate::catalog::DIR), crate::catalog::files())
}

/// What `build` did to one environment, on one screen: units and files
/// written / unchanged / removed, warnings, and the monthly cost.
fn build_summary(target: &Target, change: &ChangeSet, files: &ApplySummary) -> String {
    let unit_of = |path: &String| path.split_once('/').map(|(unit, _)| unit.to_owned());
    let touched: BTreeSet<String> = change
        .added
        .iter()
        .chain(&change.changed)
        .filter_map(unit_of)
        .collect();
    let removed: BTreeSet<String> = change
        .removed
        .iter()
        .filter_map(unit_of)
        .filter(|u| !target.units.contains(u))
        .collect();
    let written = target.units.iter().filter(|u| touched.contains(*u)).count();
    let cost = match &target.cost {
        Ok((baseline, peak)) => format!(
            "${baseline:.2}/month baseline, ${peak:.2}/month peak (`tfgen cost {}{}` itemizes)",
            target.spec_path.display(),
            target.env_flag
        ),
        Err(e) => format!("no estimate: {e}"),
    };
    let budget = match (&target.cost, target.budget) {
        (Ok((baseline, _)), Some(limit)) if limit < *baseline => format!(
            "  budget    ${limit:.2}/month is below the baseline: the budget alert will fire every month\n"
        ),
        _ => String::new(),
    };
    format!(
        "{} ({})\n  units     {written} written, {} unchanged, {} removed\n  files     {} written, {} unchanged, {} removed\n  warnings  {}\n  cost      {cost}\n{budget}",
        target.env_dir.display(),
        target.spec_path.display(),
        target.units.len() - written,
        removed.len(),
        files.written,
        files.unchanged,
        files.removed,
        target.warnings,
    )
}

/// Loads and checks every spec, and refuses two specs for one environment
/// directory. Returns each spec with the directory it generates.
fn load_targets(
    io: &mut Io<'_>,
    paths: &[PathBuf],
    envs: &[String],
    out: &Path,
) -> Result<Vec<(LoadedSpec, PathBuf)>, i32> {
    let specs = load_envs(io, paths, envs)?;
    let mut loaded: Vec<(LoadedSpec, PathBuf)> = Vec::new();
    for spec in specs {
        let Some(resolved) = &spec.checked.resolved else {
            return Err(EXIT_INVALID);
        };
        let env_dir = out.join(&resolved.environment);
        if let Some((other, _)) = loaded.iter().find(|(_, dir)| *dir == env_dir) {
            let other_project = other
                .checked
                .resolved
                .as_ref()
                .map_or("", |r| r.project.as_str());
            if other_project == resolved.project {
                if other.parts.is_none() && spec.parts.is_none() {
                    print_error(
                        io,
                        &format!(
                            "{} and {} both generate {}; give each spec its own `environment`",
                            other.label(),
                            spec.label(),
                            env_dir.display()
                        ),
                    );
                } else {
                    print_error(
                        io,
                        &format!(
                            "{} and {} both generate {}: one environment folder is built from one spec",
                            other.label(),
                            spec.label(),
                            env_dir.display()
                        ),
                    );
                    let _ = writeln!(
                        io.err,
                        "  help: build them apart, or pick environments with `--env NAME`"
                    );
                }
            } else {
                // Two projects may well both have a `staging`: they need two output roots.
                print_error(
                    io,
                    &format!(
                        "{} (project `{other_project}`) and {} (project `{}`) both generate {}: two projects cannot share an environment folder",
                        other.label(),
                        spec.label(),
                        resolved.project,
                        env_dir.display()
                    ),
                );
                let _ = writeln!(
                    io.err,
                    "  help: build each project into its own folder with `--out DIR`, e.g. `tfgen build {} --out generated-{}`",
                    spec.path.display(),
                    resolved.project
                );
            }
            return Err(EXIT_USAGE);
        }
        loaded.push((spec, env_dir));
    }
    Ok(loaded)
}

/// Generates one loaded spec's tree in memory, for the output root `out`.
fn generate_target(
    io: &mut Io<'_>,
    spec: &LoadedSpec,
    out: &Path,
    env_dir: PathBuf,
) -> Result<Target, i32> {
    let Some(resolved) = &spec.checked.resolved else {
        return Err(EXIT_INVALID);
    };
    let header_path = crate::build::header_path(&spec.path, out);
    match crate::build::generate(resolved, &header_path) {
        Ok(generated) => Ok(Target {
            spec_path: spec.path.clone(),
            env_flag: spec.env_flag(),
            owner: crate::emit::Owner {
                project: resolved.project.clone(),
                spec: header_path,
            },
            env_dir,
            files: generated.files,
            warnings: spec.checked.diagnostics.len(),
            units: generated
                .plan
                .units
                .iter()
                .map(|u| u.name.clone())
                .collect(),
            cost: crate::cost::estimate(resolved)
                .map(|e| (e.baseline_total, e.peak_total))
                .map_err(|e| e.to_string()),
            budget: resolved.budget.as_ref().map(|b| b.monthly_limit_usd),
        }),
        Err(e) => {
            print_error(io, &format!("{}: {e}", spec.label()));
            Err(EXIT_USAGE)
        }
    }
}

/// Generates every loaded spec (every environment selected) in memory.
/// Nothing is written unless all of them succeed.
fn generate_all(
    io: &mut Io<'_>,
    loaded: &[(LoadedSpec, PathBuf)],
    out: &Path,
) -> Result<Vec<Target>, i32> {
    loaded
        .iter()
        .map(|(spec, env_dir)| generate_target(io, spec, out, env_dir.clone()))
        .collect()
}

/// `build --check`: compares the catalog and each environment with the disk,
/// one environment at a time (nothing is written, so nothing need be held).
fn check(io: &mut Io<'_>, paths: &[PathBuf], envs: &[String], out: &Path) -> i32 {
    let loaded = match load_targets(io, paths, envs, out) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let mut stale = false;
    let mut report = |io: &mut Io<'_>, change: &ChangeSet| {
        for line in change.check_report() {
            let _ = writeln!(io.out, "{}: {line}", change.env_dir.display());
            stale = true;
        }
    };
    match catalog_changes(out) {
        Ok(change) => report(io, &change),
        Err(e) => {
            print_error(io, &e.to_string());
            return EXIT_USAGE;
        }
    }
    for (spec, env_dir) in &loaded {
        let target = match generate_target(io, spec, out, env_dir.clone()) {
            Ok(target) => target,
            Err(code) => return code,
        };
        match target.changes() {
            Ok(change) => report(io, &change),
            Err(e) => {
                print_error(io, &e.to_string());
                return EXIT_USAGE;
            }
        }
    }
    match repository_changes(io, &loaded, envs, out) {
        Ok(changes) => changes.iter().for_each(|change| report(io, change)),
        Err(code) => return code,
    }
    if stale {
        print_error(
            io,
            "the generated tree is stale: run `tfgen build` and commit the result",
        );
        return EXIT_INVALID;
    }
    let _ = writeln!(
        io.out,
        "{} environment(s) and the module catalog up to date",
        loaded.len()
    );
    EXIT_OK
}

/// Reads what is on disk for the catalog (first) and every target.
fn changesets(
    io: &mut Io<'_>,
    out: &Path,
    targets: &[Target],
) -> Result<Vec<crate::emit::ChangeSet>, i32> {
    std::iter::once(catalog_changes(out))
        .chain(targets.iter().map(Target::changes))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| {
            print_error(io, &e.to_string());
            EXIT_USAGE
        })
}

/// What `build` did to the module catalog.
fn catalog_summary(change: &ChangeSet, files: &ApplySummary) -> String {
    format!(
        "{} (module catalog of tfgen {}, shared by every environment)\n  modules   {}\n  files     {} written, {} unchanged, {} removed\n",
        change.env_dir.display(),
        env!("CARGO_PKG_VERSION"),
        crate::catalog::MODULES.len(),
        files.written,
        files.unchanged,
        files.removed,
    )
}

/// `tfgen build SPEC… [--env NAME]… [--out DIR] [--check] [--force]`
pub fn build(
    io: &mut Io<'_>,
    paths: &[PathBuf],
    envs: &[String],
    out: &Path,
    check_only: bool,
    force: bool,
) -> i32 {
    if check_only {
        return check(io, paths, envs, out);
    }
    let loaded = match load_targets(io, paths, envs, out) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let targets = match generate_all(io, &loaded, out) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let changes = match changesets(io, out, &targets) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let repositories = match repository_changes(io, &loaded, envs, out) {
        Ok(c) => c,
        Err(code) => return code,
    };
    // An environment folder holding another project's tree is not replaced silently.
    let foreign: Vec<String> = targets
        .iter()
        .zip(&changes[1..])
        .filter_map(|(target, change)| {
            change.other_project().map(|previous| {
                format!(
                    "{} holds project `{}` (built from {}); this build is project `{}` (from {})",
                    change.env_dir.display(),
                    previous.project,
                    previous.spec,
                    target.owner.project,
                    target.owner.spec,
                )
            })
        })
        .collect();
    if !foreign.is_empty() && !force {
        print_error(io, "refusing to replace another project's environment:");
        for line in &foreign {
            let _ = writeln!(io.err, "  {line}");
        }
        let _ = writeln!(
            io.err,
            "  help: build into another folder with `--out DIR`, or rerun with --force to replace it"
        );
        return EXIT_USAGE;
    }
    let conflicts: Vec<String> = changes
        .iter()
        .chain(&repositories)
        .flat_map(|c| {
            c.conflicts()
                .iter()
                .map(move |k| format!("{}: {k}", c.env_dir.display()))
        })
        .collect();
    if !conflicts.is_empty() && !force {
        print_error(
            io,
            "refusing to overwrite files that tfgen did not write as they are:",
        );
        for line in &conflicts {
            let _ = writeln!(io.err, "  {line}");
        }
        let _ = writeln!(
            io.err,
            "  help: move your changes into the spec (or a file of your own), or rerun with --force to overwrite"
        );
        return EXIT_USAGE;
    }
    let (catalog, envs) = changes
        .split_first()
        .expect("changesets starts with the catalog");
    match catalog.apply(force) {
        Ok(summary) => {
            let _ = write!(io.out, "{}", catalog_summary(catalog, &summary));
        }
        Err(e) => {
            print_error(io, &e.to_string());
            return EXIT_USAGE;
        }
    }
    for (target, change) in targets.iter().zip(envs) {
        match change.apply(force) {
            Ok(summary) => {
                let _ = write!(io.out, "{}", build_summary(target, change, &summary));
            }
            Err(e) => {
                print_error(io, &e.to_string());
                return EXIT_USAGE;
            }
        }
    }
    for change in &repositories {
        match change.apply(force) {
            Ok(summary) => {
                let _ = write!(io.out, "{}", repository_summary(change, &summary));
            }
            Err(e) => {
                print_error(io, &e.to_string());
                return EXIT_USAGE;
            }
        }
    }
    EXIT_OK
}

/// `tfgen diff SPEC… [--env NAME]… [--out DIR]`
pub fn diff(io: &mut Io<'_>, paths: &[PathBuf], envs: &[String], out: &Path) -> i32 {
    let loaded = match load_targets(io, paths, envs, out) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let targets = match generate_all(io, &loaded, out) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let mut changes = match changesets(io, out, &targets) {
        Ok(c) => c,
        Err(code) => return code,
    };
    match repository_changes(io, &loaded, envs, out) {
        Ok(c) => changes.extend(c),
        Err(code) => return code,
    }
    for change in &changes {
        let _ = io
            .out
            .write_all(change.unified_diff(io.color_out).as_bytes());
    }
    EXIT_OK
}

/// Which diagram `graph` draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphKind {
    /// The AWS architecture the spec turns on.
    Architecture,
    /// The Terragrunt unit DAG, grouped by deploy phase.
    Units,
}

/// The diagram language of `graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphFormat {
    /// A Mermaid flowchart (renders in GitHub Markdown).
    Mermaid,
    /// Graphviz dot (`dot -Tsvg`).
    Dot,
}

/// `tfgen graph SPEC [--env NAME] [--kind architecture|units] [--format mermaid|dot] [--outputs]`
pub fn graph(
    io: &mut Io<'_>,
    path: &Path,
    env: Option<&str>,
    kind: GraphKind,
    format: GraphFormat,
    outputs: bool,
) -> i32 {
    if outputs && kind != GraphKind::Units {
        print_error(io, "--outputs labels the edges of `--kind units` only");
        return EXIT_USAGE;
    }
    let spec = match load_one(io, path, env) {
        Ok(spec) => spec,
        Err(code) => return code,
    };
    let Some(resolved) = spec.checked.resolved.as_ref() else {
        return EXIT_INVALID;
    };
    let graph = match kind {
        GraphKind::Architecture => crate::graph::architecture(resolved),
        GraphKind::Units => match crate::plan::plan(resolved) {
            Ok(plan) => {
                let labels = if outputs {
                    crate::graph::EdgeLabels::Outputs
                } else {
                    crate::graph::EdgeLabels::None
                };
                let title = format!(
                    "{}/{} Terragrunt units",
                    resolved.project, resolved.environment
                );
                crate::graph::units(&plan, labels).with_title(title)
            }
            Err(e) => {
                print_error(io, &format!("{}: {e}", spec.label()));
                return EXIT_USAGE;
            }
        },
    };
    let text = match format {
        GraphFormat::Mermaid => graph.to_mermaid(),
        GraphFormat::Dot => graph.to_dot(),
    };
    if let Err(e) = io.out.write_all(text.as_bytes()) {
        print_error(io, &format!("cannot write the graph: {e}"));
        return EXIT_USAGE;
    }
    EXIT_OK
}

/// `tfgen docs SPEC [--env NAME]`: the environment's README.md, as `build` writes it.
pub fn docs(io: &mut Io<'_>, path: &Path, env: Option<&str>) -> i32 {
    let spec = match load_one(io, path, env) {
        Ok(spec) => spec,
        Err(code) => return code,
    };
    let out = Path::new(DEFAULT_OUT);
    let env_dir = match &spec.checked.resolved {
        Some(resolved) => out.join(&resolved.environment),
        None => return EXIT_INVALID,
    };
    let target = match generate_target(io, &spec, out, env_dir) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let readme = target.files.get("README.md").map_or("", String::as_str);
    let _ = write!(io.out, "{readme}");
    EXIT_OK
}

/// `tfgen inputs SPEC… --out DIR`: each unit's inputs as literal values
/// (dependency outputs as their mocks) in `DIR/<environment>/<unit>.tfvars.json`,
/// for tools that read `.tf` files only, such as checkov.
pub fn inputs(io: &mut Io<'_>, paths: &[PathBuf], envs: &[String], out: &Path) -> i32 {
    let specs = match load_envs(io, paths, envs) {
        Ok(specs) => specs,
        Err(code) => return code,
    };
    for spec in &specs {
        let Some(resolved) = &spec.checked.resolved else {
            return EXIT_INVALID;
        };
        let plan = match crate::plan::plan(resolved) {
            Ok(plan) => plan,
            Err(e) => {
                print_error(io, &format!("{}: {e}", spec.label()));
                return EXIT_USAGE;
            }
        };
        let dir = out.join(&resolved.environment);
        if let Err(e) = std::fs::create_dir_all(&dir) {
            print_error(io, &format!("{}: {e}", dir.display()));
            return EXIT_USAGE;
        }
        for unit in &plan.units {
            let path = dir.join(format!("{}.tfvars.json", unit.name));
            let mut text = serde_json::to_string_pretty(&unit.literal_inputs()).unwrap_or_default();
            text.push('\n');
            if let Err(e) = std::fs::write(&path, text) {
                print_error(io, &format!("{}: {e}", path.display()));
                return EXIT_USAGE;
            }
        }
        let _ = writeln!(io.out, "{}: {} units", dir.display(), plan.units.len());
    }
    EXIT_OK
}
