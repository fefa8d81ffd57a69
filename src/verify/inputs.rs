//! A unit's module source and inputs against its module's variables.

use super::*;

pub(super) fn check_unit(
    unit: &Unit<'_>,
    units: &BTreeMap<String, Unit<'_>>,
    modules: &Modules<'_>,
    errors: &mut Vec<VerifyError>,
) {
    let Some(body) = unit.body else {
        return; // parse error already reported
    };
    check_source(unit, modules, errors);
    check_inputs(unit, body, modules, errors);
    check_dependencies(unit, units, modules, errors);
    check_references(unit, body, units, modules, errors);
}

pub(super) fn check_source(unit: &Unit<'_>, modules: &Modules<'_>, errors: &mut Vec<VerifyError>) {
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
            let Some(module) = modules.get(dir) else {
                errors.push(VerifyError::new(
                    file,
                    source_line,
                    format!(
                        "`terraform.source` `{raw}` refers to module directory `{}/`, which does not exist (no .tf files)",
                        shown_dir(dir)
                    ),
                ));
                return;
            };
            for required in REQUIRED_MODULE_FILES {
                let suffix = format!("/{required}");
                if !module.files.iter().any(|f| f.ends_with(&suffix)) {
                    errors.push(VerifyError::new(
                        file,
                        source_line,
                        format!("module `{}` is missing `{required}`", shown_dir(dir)),
                    ));
                }
            }
        }
    }
}

/// Literal name of an object key, or `None` for computed keys.
pub(super) fn object_key_name(key: &ObjectKey) -> Option<&str> {
    match key {
        ObjectKey::Identifier(ident) => Some(ident.as_str()),
        ObjectKey::Expression(Expression::String(s)) => Some(s.as_str()),
        ObjectKey::Expression(Expression::Variable(v)) => Some(v.as_str()),
        _ => None,
    }
}

pub(super) fn check_inputs(
    unit: &Unit<'_>,
    body: &Body,
    modules: &Modules<'_>,
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
pub(super) fn suggestion<'a>(name: &str, candidates: impl Iterator<Item = &'a String>) -> String {
    let best = candidates
        .map(|c| (edit_distance(name, c), c))
        .filter(|(d, c)| *d <= 2 && *d * 3 <= c.len().max(name.len()))
        .min();
    match best {
        Some((_, c)) => format!(" (did you mean `{c}`?)"),
        None => String::new(),
    }
}

pub(super) fn edit_distance(a: &str, b: &str) -> usize {
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
