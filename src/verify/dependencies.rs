//! `dependency` blocks, their mocks, and every `dependency.X.outputs.Y` reference.

use super::*;

pub(super) fn check_dependencies(
    unit: &Unit<'_>,
    units: &BTreeMap<String, Unit<'_>>,
    modules: &Modules<'_>,
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
                    "dependency `{label}` has mock_outputs but no mock_outputs_allowed_terraform_commands; mocks must be limited to init, validate, plan, destroy"
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
                                        "dependency `{label}`: mock_outputs_allowed_terraform_commands contains `{cmd}`; mocks may only be used for init, validate, plan, destroy"
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
pub(super) fn check_references(
    unit: &Unit<'_>,
    body: &Body,
    units: &BTreeMap<String, Unit<'_>>,
    modules: &Modules<'_>,
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
        let occurrence = *n;
        *n += 1;
        // Found only for an error: the scan is the costly part of a clean run.
        let line = || {
            unit.index
                .find_token(&needle, occurrence)
                .or_else(|| {
                    unit.index
                        .find_token(&format!("dependency.{label}.outputs"), 0)
                })
                .or_else(|| unit.index.find_token(&format!("dependency.{label}"), 0))
        };

        let Some(dep) = deps.get(label.as_str()) else {
            errors.push(VerifyError::new(
                unit.file.as_str(),
                line(),
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
                line(),
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
pub(super) fn dependency_ref(t: &Traversal) -> Option<(String, Option<String>)> {
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
