//! The spec language: model, loading, schema validation and semantic rules.
//!
//! `check` runs the front half of the compiler — load → validate → resolve —
//! and returns every problem at once: schema errors, and the semantic rules
//! on every part of the document the schema accepted (see `partial`).

pub mod environments;
pub mod load;
pub mod model;
pub mod partial;
pub mod rules;
pub mod scheduler;
pub mod schema;
pub mod time_zones;

use crate::diagnostic::{Diagnostic, Position};
use crate::resolve::{Resolved, resolve};

/// The outcome of checking one spec.
#[derive(Debug)]
pub struct Checked {
    /// Errors and warnings, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
    /// The resolved spec, when there are no errors.
    pub resolved: Option<Resolved>,
}

impl Checked {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Loads, validates and resolves the bytes of a spec of one environment: a
/// single-environment spec, or one with `environments:` that defines one
/// (several are checked with [`environments::check_file`]).
pub fn check(bytes: &[u8]) -> Checked {
    let doc = match load::load(bytes) {
        Ok(doc) => doc,
        Err(d) => {
            return Checked {
                diagnostics: vec![d],
                resolved: None,
            };
        }
    };
    if doc.value.get(environments::KEY).is_none() {
        return check_document(doc);
    }
    let mut file = environments::check_file(bytes, &[]);
    match file.environments.len() {
        1 => Checked {
            resolved: file
                .environments
                .pop()
                .and_then(|e| e.checked.resolved)
                .filter(|_| !file.has_errors()),
            diagnostics: file.diagnostics,
        },
        _ => {
            let mut diagnostics = file.diagnostics;
            if !file.names.is_empty() && !diagnostics.iter().any(Diagnostic::is_error) {
                diagnostics.push(Diagnostic::error(
                    doc.key_position(&format!("/{}", environments::KEY)),
                    environments::KEY,
                    format!(
                        "the spec defines {} environments ({}); this checks one",
                        file.names.len(),
                        file.names.join(", ")
                    ),
                ));
            }
            Checked {
                diagnostics,
                resolved: None,
            }
        }
    }
}

/// Validates and resolves one environment's document.
pub fn check_document(doc: load::Document) -> Checked {
    let failed = |diagnostics| Checked {
        diagnostics,
        resolved: None,
    };
    if !doc.value.is_object() {
        let d = Diagnostic::error(
            doc.position(""),
            "",
            format!(
                "expected a mapping at the top of the spec, found {}",
                schema::show(&doc.value)
            ),
        )
        .with_help("a spec starts with `version: 1`");
        return failed(vec![d]);
    }
    let (schema_errors, faults) = schema::validate_with_faults(&doc);
    // The rules run on every part the schema accepted: rejected values are
    // taken out (and filled from defaults or placeholders that no rule reports on).
    let (doc, taint) = if faults.is_empty() {
        (doc, partial::Taint::default())
    } else {
        match partial::prune(&doc, faults) {
            Some(pruned) => pruned,
            None => return failed(schema_errors),
        }
    };
    let spec: model::Spec = match serde_json::from_value(integral_numbers(doc.value.clone())) {
        Ok(spec) => spec,
        // What the schema left standing did not make a model: report what it rejected.
        Err(_) if !schema_errors.is_empty() => return failed(schema_errors),
        // The schema is derived from the model, so this means the two disagree: a bug.
        Err(e) => {
            return failed(vec![Diagnostic::error(
                Position { line: 1, column: 1 },
                "",
                format!("internal error: the spec passed the schema but not the model: {e}"),
            )]);
        }
    };
    let (resolved, mut diagnostics) = resolve(&doc, &spec, &taint);
    diagnostics.extend(rules::check(&doc, &resolved, &taint));
    diagnostics.extend(schema_errors);
    diagnostics
        .sort_by(|a, b| (a.position, a.severity, &a.path).cmp(&(b.position, b.severity, &b.path)));
    diagnostics.dedup();
    let resolved = (!diagnostics.iter().any(Diagnostic::is_error)).then_some(resolved);
    Checked {
        diagnostics,
        resolved,
    }
}

/// JSON Schema counts `512.0` as an integer, and YAML reads it as a float:
/// the model takes integral floats as the integers they are (a float field
/// takes an integer as well).
fn integral_numbers(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() && f.fract() == 0.0 && f >= 0.0 && f < u64::MAX as f64 => {
                Value::from(f as u64)
            }
            Some(f) if n.is_f64() && f.fract() == 0.0 && f < 0.0 && f >= i64::MIN as f64 => {
                Value::from(f as i64)
            }
            _ => Value::Number(n),
        },
        Value::Array(items) => Value::Array(items.into_iter().map(integral_numbers).collect()),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k, integral_numbers(v)))
                .collect(),
        ),
        other => other,
    }
}
