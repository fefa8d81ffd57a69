//! Units: each `<unit>/terragrunt.hcl`, its module source and its dependency targets.

use super::*;

// ---------------------------------------------------------------------------
// Units
// ---------------------------------------------------------------------------

/// How a unit's `terraform.source` resolved.
#[derive(Debug)]
pub(super) enum Source {
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
pub(super) enum TargetError {
    NoConfigPath,
    NotLiteral,
    Escapes(String),
    NoSuchUnit { raw: String, resolved: String },
}

#[derive(Debug)]
pub(super) struct Dep<'a> {
    pub(super) label: String,
    pub(super) block: &'a Block,
    /// 1-based line of the `dependency "label"` header.
    pub(super) line: Option<usize>,
    pub(super) target: Result<String, TargetError>,
}

#[derive(Debug)]
pub(super) struct Unit<'a> {
    pub(super) name: String,
    pub(super) file: String,
    pub(super) index: LineIndex<'a>,
    pub(super) body: Option<&'a Body>,
    pub(super) source: Source,
    pub(super) deps: Vec<Dep<'a>>,
}

impl Unit<'_> {
    pub(super) fn dep_targets(&self) -> Vec<String> {
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
pub(super) fn collect_units<'a>(
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

pub(super) fn resolve_source(unit: &str, body: &Body) -> Source {
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
    // `../../modules//compute`: the `//` only marks the module root for
    // Terragrunt's copy; for locating the directory it is a plain separator.
    match normalize_path(&format!("{ENV}/{unit}"), raw) {
        Some(dir) if !dir.is_empty() && dir != ENV => Source::Local {
            raw: raw.clone(),
            dir,
        },
        _ => Source::Escapes(raw.clone()),
    }
}

pub(super) fn resolve_dep_target(
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
    let resolved = normalize_path(&format!("{ENV}/{unit}"), raw)
        .and_then(|p| p.strip_prefix(&format!("{ENV}/")).map(str::to_owned))
        .ok_or_else(|| TargetError::Escapes(raw.clone()))?;
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
pub(super) fn normalize_path(base: &str, rel: &str) -> Option<String> {
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
pub(super) fn unit_module<'m>(unit: &Unit<'_>, modules: &'m Modules<'m>) -> Option<&'m Module> {
    match &unit.source {
        Source::Local { dir, .. } => modules.get(dir).filter(|m| m.complete),
        _ => None,
    }
}

/// The unit's module directory as the environment sees it:
/// `../modules/compute` for the catalog, `modules/compute` inside it.
pub(super) fn module_dir(unit: &Unit<'_>) -> Option<String> {
    match &unit.source {
        Source::Local { dir, .. } => Some(shown_dir(dir)),
        _ => None,
    }
}

/// A directory relative to the output root, as seen from the environment.
pub(super) fn shown_dir(dir: &str) -> String {
    match dir.strip_prefix(&format!("{ENV}/")) {
        Some(inside) => inside.to_owned(),
        None => format!("../{dir}"),
    }
}

pub(super) fn dep_target_error(unit: &Unit<'_>, dep: &Dep<'_>, err: &TargetError) -> VerifyError {
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
