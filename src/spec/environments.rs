//! Specs of several environments: `environments:` maps each environment's
//! name to the fields it overrides. An environment's document is the shared
//! part (everything but `environments`) deep-merged with its overrides (maps
//! merge key by key, lists and scalars replace, `null` removes a value; see
//! [`Document::merged`]), its name as `environment`. Each document is checked
//! as a whole, as a single-environment spec is; every value keeps the
//! position it was written at, in the shared part or in the environment's
//! block, and a problem names the environments it is found in.

use super::load::{self, Document};
use super::schema::{display_path, escape, show};
use super::{Checked, check_document};
use crate::diagnostic::Diagnostic;
use serde_json::Value;

/// The top-level key of the multi-environment form.
pub const KEY: &str = "environments";

/// Fields an environment cannot override, and why (the help line).
const SHARED_ONLY: [(&str, &str, &str); 4] = [
    (
        "version",
        "the spec language version is the file's",
        "write `version: 1` once, at the top of the spec",
    ),
    (
        "project",
        "every environment of a spec is of one project",
        "keep `project:` at the top; another project is another spec",
    ),
    (
        "environment",
        "an environment's name is its key under `environments`",
        "remove `environment:` here; rename the key to rename the environment",
    ),
    (
        "environments",
        "environments do not nest",
        "list every environment directly under the top-level `environments:`",
    ),
];

/// A spec file checked: one environment, or each of `environments`.
#[derive(Debug)]
pub struct SpecFile {
    /// Every problem of the environments checked, sorted by position; with
    /// several environments each names the environments it is found in.
    pub diagnostics: Vec<Diagnostic>,
    /// The environments checked (those selected), in the order the file lists them.
    pub environments: Vec<Environment>,
    /// The names of every environment the file defines, in file order
    /// (empty when the file does not say).
    pub names: Vec<String>,
    /// Whether the file uses `environments:`.
    pub multi: bool,
}

/// One environment of a spec file, checked.
#[derive(Debug)]
pub struct Environment {
    /// Its name: the key under `environments:`, or the value of `environment`
    /// (empty when a single-environment spec has none).
    pub name: String,
    /// Its own diagnostics (unlabeled) and the resolved spec when valid.
    pub checked: Checked,
    /// Where each of its values was written (`None` for a single-environment spec).
    pub parts: Option<Parts>,
}

/// Which values of an environment its block under `environments:` wrote.
#[derive(Debug, Clone)]
pub struct Parts {
    name: String,
    overrides: Value,
}

impl SpecFile {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

impl Parts {
    /// The environment's name under `environments:`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Where the value at `pointer` was written, for `tfgen explain`:
    /// `shared` or `environments.<name>`.
    pub fn part(&self, pointer: &str) -> String {
        let own = pointer == "/environment"
            || (!pointer.is_empty() && self.overrides.pointer(pointer).is_some());
        if own {
            format!("{KEY}.{}", self.name)
        } else {
            "shared".to_owned()
        }
    }
}

/// Loads and checks spec bytes of either form: every environment, or those
/// named in `only` (when it names any).
pub fn check_file(bytes: &[u8], only: &[String]) -> SpecFile {
    let failed = |diagnostics| SpecFile {
        diagnostics,
        environments: Vec::new(),
        names: Vec::new(),
        multi: false,
    };
    let selected = |name: &str| only.is_empty() || only.iter().any(|o| o == name);
    let doc = match load::load(bytes) {
        Ok(doc) => doc,
        Err(d) => return failed(vec![d]),
    };
    let multi = doc.value.as_object().is_some_and(|m| m.contains_key(KEY));
    if !multi {
        let name = doc
            .value
            .get("environment")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let names = if name.is_empty() {
            Vec::new()
        } else {
            vec![name.clone()]
        };
        if !name.is_empty() && !selected(&name) {
            return SpecFile {
                diagnostics: Vec::new(),
                environments: Vec::new(),
                names,
                multi: false,
            };
        }
        let checked = check_document(doc);
        return SpecFile {
            diagnostics: checked.diagnostics.clone(),
            environments: vec![Environment {
                name,
                checked,
                parts: None,
            }],
            names,
            multi: false,
        };
    }
    let mut diagnostics = Vec::new();
    let mut labeled: Vec<(Diagnostic, Vec<String>)> = Vec::new();
    let mut environments = Vec::new();
    if doc.value.get("environment").is_some() {
        let shown = doc.value.get("environment").map(show).unwrap_or_default();
        diagnostics.push(
            Diagnostic::error(
                doc.key_position("/environment"),
                "environment",
                "a spec has either `environment` (one environment) or `environments` (several), not both",
            )
            .with_help(format!(
                "remove `environment: {}` and list that environment under `environments:`",
                shown.trim_matches('"')
            )),
        );
    }
    let blocks = match doc.value.get(KEY) {
        Some(Value::Object(map)) if !map.is_empty() => map.clone(),
        Some(other) => {
            let found = match other {
                Value::Object(_) => "an empty mapping".to_owned(),
                Value::Null => "null".to_owned(),
                other => show(other),
            };
            diagnostics.push(
                Diagnostic::error(
                    doc.position(&format!("/{KEY}")),
                    KEY,
                    format!(
                        "expected a mapping of environment names to their overrides, found {found}"
                    ),
                )
                .with_help("e.g. `environments: { staging: { profile: minimal }, prod: {} }`"),
            );
            return SpecFile {
                diagnostics,
                environments,
                names: Vec::new(),
                multi: true,
            };
        }
        None => unreachable!("the multi-environment form has `environments`"),
    };
    let shared = doc.without(&[KEY, "environment"]);
    for (name, block) in blocks.iter().filter(|(name, _)| selected(name)) {
        let pointer = format!("/{KEY}/{}", escape(name));
        let path = display_path(&pointer);
        let key_position = doc.key_position(&pointer);
        let overrides = match block {
            Value::Null => Document::empty_mapping(key_position),
            Value::Object(map) => {
                let mut refused = Vec::new();
                for (field, why, help) in SHARED_ONLY {
                    if map.contains_key(field) {
                        let at = format!("{pointer}/{field}");
                        diagnostics.push(
                            Diagnostic::error(
                                doc.key_position(&at),
                                display_path(&at),
                                format!("`{field}` cannot be overridden by an environment: {why}"),
                            )
                            .with_help(help),
                        );
                        refused.push(field);
                    }
                }
                doc.member(KEY)
                    .and_then(|envs| envs.member(name))
                    .map(|d| d.without(&refused))
                    .unwrap_or_else(|| Document::empty_mapping(key_position))
            }
            other => {
                diagnostics.push(
                    Diagnostic::error(
                        doc.position(&pointer),
                        path.clone(),
                        format!(
                            "expected a mapping of the fields environment `{name}` overrides, found {}",
                            match other {
                                Value::Array(_) | Value::Object(_) => show(other),
                                _ => format!("{} {}", kind(other), show(other)),
                            }
                        ),
                    )
                    .with_help(format!("write `{name}: {{}}` for an environment that overrides nothing")),
                );
                continue;
            }
        };
        let merged = shared.merged(&overrides).with_scalar(
            "environment",
            Value::String(name.clone()),
            key_position,
            "project",
        );
        let mut checked = check_document(merged);
        if blocks.keys().next() != Some(name) {
            crate::repository::look_up_oidc_provider(&mut checked);
        }
        for d in &checked.diagnostics {
            if d.path == "environment" {
                // The name is the key under `environments`: say so.
                diagnostics.push(Diagnostic {
                    path: path.clone(),
                    ..d.clone()
                });
                continue;
            }
            match labeled.iter_mut().find(|(seen, _)| seen == d) {
                Some((_, names)) => names.push(name.clone()),
                None => labeled.push((d.clone(), vec![name.clone()])),
            }
        }
        environments.push(Environment {
            name: name.clone(),
            checked,
            parts: Some(Parts {
                name: name.clone(),
                overrides: block.clone(),
            }),
        });
    }
    for (d, names) in labeled {
        let which = match names.as_slice() {
            [one] => format!("environment {one}"),
            many => format!("environments {}", many.join(", ")),
        };
        diagnostics.push(Diagnostic {
            message: format!("{} (in {which})", d.message),
            ..d
        });
    }
    diagnostics
        .sort_by(|a, b| (a.position, a.severity, &a.path).cmp(&(b.position, b.severity, &b.path)));
    diagnostics.dedup();
    SpecFile {
        diagnostics,
        environments,
        names: blocks.keys().cloned().collect(),
        multi: true,
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        _ => "a value",
    }
}
