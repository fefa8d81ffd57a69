//! Specs of several environments: `environments:` maps each environment's
//! name to the fields it overrides. An environment's document is the shared
//! part (everything but `environments`) deep-merged with its overrides (maps
//! merge key by key, lists and scalars replace, `null` removes a value; see
//! [`Document::merged`]), its name as `environment`. Each document is checked
//! as a whole, as a single-environment spec is; every value keeps the
//! position it was written at, in the shared part or in the environment's
//! block, and a problem names the environments it is found in.

use super::load::{self, Document};
use super::schema::{escape, show};
use super::{Checked, check_document};
use crate::diagnostic::Diagnostic;
use serde_json::{Map, Value, json};

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
        // Spelled out: a name of digits is a key, not a list index.
        let path = format!("{KEY}.{name}");
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
                                format!("{path}.{field}"),
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

/// The JSON Schema of the multi-environment form, added to the schema of a
/// spec for editors: a spec has `environment` (with `region` and `services`)
/// or `environments`, a map of environment names (the pattern of
/// `environment`) to overrides. An override schema is derived from each
/// section's: nothing in it is required (the shared part may hold it), every
/// field also takes `null` (which removes the shared value), and list items
/// keep the full schema (a list replaces the shared one whole). Every field
/// added to the spec gets its override with no change here.
pub fn extend_schema(schema: &mut Value) {
    let Some(root) = schema.as_object_mut() else {
        return;
    };
    let mut defs = match root.remove("$defs") {
        Some(Value::Object(defs)) => defs,
        _ => Map::new(),
    };
    let Some(Value::Object(properties)) = root.get("properties").cloned() else {
        return;
    };
    let overridable: Map<String, Value> = properties
        .iter()
        .filter(|(k, _)| !SHARED_ONLY.iter().any(|(field, ..)| field == k))
        .map(|(k, p)| (k.clone(), nullable(override_schema(p, &mut defs))))
        .collect();
    // An environment's name is an `environment`.
    let names: Map<String, Value> = ["pattern", "minLength", "maxLength", "patternErrorMessage"]
        .iter()
        .filter_map(|k| {
            let v = properties.get("environment")?.get(*k)?;
            Some(((*k).to_owned(), v.clone()))
        })
        .collect();
    defs.insert(
        "EnvironmentOverrides".into(),
        json!({
            "title": "Environment overrides",
            "description": "The fields this environment sets differently from the shared part of the spec: any field but version and project. Mappings merge key by key, lists and scalars replace, and null removes the shared value.",
            "type": ["object", "null"],
            "additionalProperties": false,
            "properties": overridable,
        }),
    );
    defs.insert(
        "Environments".into(),
        json!({
            "title": "Environments",
            "description": "The environments of this spec: each name (the folder under generated/ and part of every resource name, as `environment`) maps to the fields that environment overrides; everything outside `environments` is shared.",
            "type": "object",
            "minProperties": 1,
            "propertyNames": names,
            "additionalProperties": { "$ref": "#/$defs/EnvironmentOverrides" },
            "defaultSnippets": [{
                "label": "environment",
                "description": "An environment overriding the profile",
                "body": { "${1:staging}": { "profile": "${2:minimal}" } }
            }],
        }),
    );
    // `environments` next to `environment`, in the order editors list them.
    let mut ordered = Map::new();
    for (k, v) in properties {
        let after = k == "environment";
        ordered.insert(k, v);
        if after {
            ordered.insert(
                KEY.into(),
                json!({
                    "description": "Several environments in one spec, instead of `environment`: each name maps to what that environment overrides (mappings merge key by key, lists and scalars replace, null removes a value).",
                    "$ref": "#/$defs/Environments",
                }),
            );
        }
    }
    root.insert("properties".into(), Value::Object(ordered));
    root.insert("required".into(), json!(["version", "project"]));
    root.insert(
        "oneOf".into(),
        // The properties are the root's; naming them here keeps strict validators
        // (Ajv's strictRequired) from taking `required` for a typo.
        json!([
            {
                "properties": { "environment": true, "region": true, "services": true },
                "required": ["environment", "region", "services"]
            },
            { "properties": { "environments": true }, "required": ["environments"] },
        ]),
    );
    root.insert("$defs".into(), Value::Object(defs));
}

/// The single-environment form the CLI validates each environment's
/// document with (see [`extend_schema`]).
pub fn single_form(schema: &mut Value) {
    if let Some(root) = schema.as_object_mut() {
        root.remove("oneOf");
        if let Some(Value::Object(properties)) = root.get_mut("properties") {
            properties.shift_remove(KEY);
        }
        root.insert(
            "required".into(),
            json!(["version", "project", "environment", "region", "services"]),
        );
    }
}

/// `schema` as an override may write it (see [`extend_schema`]).
fn override_schema(schema: &Value, defs: &mut Map<String, Value>) -> Value {
    let Value::Object(obj) = schema else {
        return schema.clone();
    };
    let mut obj = obj.clone();
    if let Some(name) = obj
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/$defs/"))
        .map(str::to_owned)
    {
        let variant = override_def(&name, defs);
        obj.insert("$ref".into(), format!("#/$defs/{variant}").into());
    }
    obj.remove("required");
    if let Some(Value::Object(properties)) = obj.get("properties").cloned() {
        let properties: Map<String, Value> = properties
            .iter()
            .map(|(k, p)| (k.clone(), nullable(override_schema(p, defs))))
            .collect();
        obj.insert("properties".into(), Value::Object(properties));
    }
    if let Some(values @ Value::Object(_)) = obj.get("additionalProperties").cloned() {
        // A map's entries (services) merge too, and null removes one.
        obj.insert(
            "additionalProperties".into(),
            nullable(override_schema(&values, defs)),
        );
    }
    if let Some(rules @ Value::Array(_)) = obj.get_mut("allOf") {
        // What a rule requires may be in the shared part (`then`, `else`, the
        // branches of an `anyOf`); its conditions keep theirs: they test what
        // is written.
        unrequire(rules);
    }
    Value::Object(obj)
}

/// `rule` without its `required` keywords, but in conditions (`if`, `not`).
fn unrequire(rule: &mut Value) {
    match rule {
        Value::Object(obj) => {
            obj.remove("required");
            for (key, value) in obj.iter_mut() {
                if key != "if" && key != "not" {
                    unrequire(value);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(unrequire),
        _ => {}
    }
}

/// The override variant of `$defs/<name>` (made on first use), or `name`
/// itself when it is not a mapping with fields.
fn override_def(name: &str, defs: &mut Map<String, Value>) -> String {
    let Some(def) = defs.get(name).cloned() else {
        return name.to_owned();
    };
    let mapping = def.get("properties").is_some() || def["additionalProperties"].is_object();
    if !mapping {
        return name.to_owned();
    }
    let variant = format!("{name}Overrides");
    if defs.contains_key(&variant) {
        return variant;
    }
    // Placed first, so a definition that refers to itself ends.
    defs.insert(variant.clone(), json!({}));
    let mut schema = override_schema(&def, defs);
    if let Value::Object(obj) = &mut schema {
        let title = def.get("title").and_then(Value::as_str).unwrap_or(name);
        obj.insert("title".into(), format!("{title}, overrides").into());
        // null removes the shared section.
        obj.insert("type".into(), json!(["object", "null"]));
    }
    defs.insert(variant.clone(), schema);
    variant
}

/// `schema`, or `null` (which removes the shared value). The type says so
/// where it can, so that editors still complete the field's default; a
/// reference to an override variant is nullable already.
fn nullable(schema: Value) -> Value {
    let Value::Object(mut obj) = schema else {
        return json!({ "anyOf": [schema, { "type": "null" }] });
    };
    let is_variant = obj
        .get("$ref")
        .and_then(Value::as_str)
        .is_some_and(|r| r.ends_with("Overrides"));
    if is_variant {
        return Value::Object(obj);
    }
    if obj.contains_key("$ref") || obj.contains_key("const") || !obj.contains_key("type") {
        let mut wrapper = Map::new();
        for key in ["title", "description", "default"] {
            if let Some(v) = obj.get(key) {
                wrapper.insert(key.into(), v.clone());
            }
        }
        wrapper.insert(
            "anyOf".into(),
            json!([obj, { "type": "null", "description": "null removes the value of the shared part" }]),
        );
        return Value::Object(wrapper);
    }
    let null = Value::from("null");
    let types = match obj.remove("type") {
        Some(Value::Array(mut types)) => {
            if !types.contains(&null) {
                types.push(null.clone());
            }
            types
        }
        Some(one) => vec![one, null.clone()],
        None => vec![null.clone()],
    };
    obj.insert("type".into(), Value::Array(types));
    if let Some(Value::Array(values)) = obj.get_mut("enum")
        && !values.contains(&Value::Null)
    {
        values.push(Value::Null);
    }
    Value::Object(obj)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Position;

    fn at(line: usize, column: usize) -> Position {
        Position { line, column }
    }

    /// The shared part and one block of `text`, merged.
    fn merged(text: &str, env: &str) -> Document {
        let doc = load::load(text.as_bytes()).expect("loads");
        let block = doc
            .member(KEY)
            .and_then(|e| e.member(env))
            .expect("the environment's block");
        doc.without(&[KEY]).merged(&block)
    }

    const SHARED: &str = "version: 1\nproject: demo-app\nregion: eu-west-1\n\
        network:\n  azs: 2\n  nat: single\n  endpoints: [s3, ecr, logs]\n\
        services:\n  web: { port: 3000, path: /, cpu: 512, memory: 1024 }\n  api: { port: 3001, path: /api/* }\n\
        domain: { name: example.com, www: true }\n";

    #[test]
    fn mappings_merge_key_by_key() {
        let text = format!(
            "{SHARED}environments:\n  prod:\n    network: {{ nat: per_az, cidr: 10.1.0.0/16 }}\n    services: {{ web: {{ cpu: 1024 }} }}\n"
        );
        let doc = merged(&text, "prod");
        assert_eq!(
            doc.value["network"],
            json!({ "azs": 2, "nat": "per_az", "endpoints": ["s3", "ecr", "logs"], "cidr": "10.1.0.0/16" }),
            "shared keys keep their place, the block's win, new ones come last"
        );
        assert_eq!(
            doc.value["services"]["web"],
            json!({ "port": 3000, "path": "/", "cpu": 1024, "memory": 1024 })
        );
        assert_eq!(
            doc.value["services"]["api"],
            json!({ "port": 3001, "path": "/api/*" })
        );
        // Each value at the line it was written on: shared, or the block.
        assert_eq!(doc.position("/network/azs"), at(5, 8));
        assert_eq!(doc.position("/network/nat"), at(14, 21));
        assert_eq!(doc.key_position("/network/cidr"), at(14, 29));
        assert_eq!(doc.position("/services/web/port"), at(9, 16));
        assert_eq!(doc.position("/services/web/cpu"), at(15, 29));
        assert_eq!(doc.position("/services/web/memory"), at(9, 49));
    }

    #[test]
    fn lists_and_scalars_replace() {
        let text = format!(
            "{SHARED}environments:\n  prod:\n    network: {{ endpoints: [s3] }}\n    region: us-east-1\n"
        );
        let doc = merged(&text, "prod");
        assert_eq!(doc.value["network"]["endpoints"], json!(["s3"]));
        assert_eq!(doc.position("/network/endpoints/0"), at(14, 28));
        assert_eq!(doc.value["region"], "us-east-1");
        // A mapping replaced by a scalar, and the reverse, replace too.
        let text = format!("{SHARED}environments:\n  prod:\n    domain: example.org\n");
        assert_eq!(merged(&text, "prod").value["domain"], "example.org");
    }

    #[test]
    fn null_removes_a_value() {
        let text = format!(
            "{SHARED}environments:\n  prod:\n    domain: null\n    services: {{ api: ~, web: {{ memory: null }} }}\n    network: {{ nat: ~ }}\n    storage: {{ versioning: true, expire_days: null }}\n"
        );
        let doc = merged(&text, "prod");
        assert!(doc.value.get("domain").is_none());
        assert_eq!(
            doc.value["services"],
            json!({ "web": { "port": 3000, "path": "/", "cpu": 512 } })
        );
        assert_eq!(
            doc.value["network"],
            json!({ "azs": 2, "endpoints": ["s3", "ecr", "logs"] })
        );
        // A null in a mapping the shared part lacks removes nothing and is not kept.
        assert_eq!(doc.value["storage"], json!({ "versioning": true }));
    }

    #[test]
    fn an_empty_block_is_the_shared_part() {
        let text = format!("{SHARED}environments:\n  qa:\n  dev: {{}}\n");
        let file = check_file(text.as_bytes(), &[]);
        assert!(!file.has_errors(), "{:?}", file.diagnostics);
        assert_eq!(file.names, ["qa", "dev"]);
        let qa = file.environments[0].checked.resolved.as_ref().expect("qa");
        let dev = file.environments[1].checked.resolved.as_ref().expect("dev");
        assert_eq!(
            (qa.environment.as_str(), dev.environment.as_str()),
            ("qa", "dev")
        );
        assert_eq!(qa.services.len(), 2);
    }

    #[test]
    fn problems_point_into_the_shared_part_or_the_block_and_name_the_environments() {
        let text = format!(
            "{SHARED}environments:\n  staging:\n    services: {{ web: {{ cpu: 300 }} }}\n  prod:\n    network: {{ azs: 9 }}\n  dev: {{}}\n"
        );
        let file = check_file(text.as_bytes(), &[]);
        let errors: Vec<(Position, &str, &str)> = file
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| (d.position, d.path.as_str(), d.message.as_str()))
            .collect();
        assert_eq!(
            errors,
            [
                // Each at the value in its environment's block, named by the environment.
                (
                    at(14, 29),
                    "services.web.cpu",
                    "300 is not a valid Fargate CPU; expected one of 256, 512, 1024, 2048, 4096, 8192, 16384 (in environment staging)"
                ),
                (
                    at(16, 21),
                    "network.azs",
                    "9 is more than the maximum 6 (in environment prod)"
                ),
            ]
        );
        // A problem of the shared part itself is reported once for all.
        let text = format!(
            "{}environments:\n  staging: {{}}\n  prod: {{}}\n",
            SHARED.replace("azs: 2", "azs: 0")
        );
        let file = check_file(text.as_bytes(), &[]);
        let errors: Vec<(Position, String)> = file
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| (d.position, d.message.clone()))
            .collect();
        assert_eq!(
            errors,
            [(
                at(5, 8),
                "0 is less than the minimum 2 (in environments staging, prod)".to_owned()
            )]
        );
    }

    #[test]
    fn a_missing_field_is_reported_for_the_environments_that_lack_it() {
        let text = "version: 1\nproject: demo-app\nservices:\n  web: { port: 3000, path: / }\n\
            environments:\n  staging: { region: eu-west-1 }\n  prod: {}\n";
        let file = check_file(text.as_bytes(), &[]);
        let errors: Vec<String> = file
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| format!("{}:{} {}", d.position.line, d.position.column, d.message))
            .collect();
        assert_eq!(
            errors,
            ["1:1 missing required field `region` (in environment prod)"]
        );
    }

    #[test]
    fn only_the_environments_selected_are_checked() {
        let text = format!(
            "{SHARED}environments:\n  staging:\n    services: {{ web: {{ cpu: 300 }} }}\n  prod: {{}}\n"
        );
        let file = check_file(text.as_bytes(), &["prod".to_owned()]);
        assert!(!file.has_errors(), "{:?}", file.diagnostics);
        assert_eq!(file.names, ["staging", "prod"]);
        assert_eq!(file.environments.len(), 1);
        assert_eq!(file.environments[0].name, "prod");
        // A single-environment spec not selected is not checked at all.
        let single = check_file(
            b"version: 1\nproject: x\nenvironment: dev\n",
            &["prod".to_owned()],
        );
        assert!(single.diagnostics.is_empty() && single.environments.is_empty());
        assert_eq!(single.names, ["dev"]);
    }

    #[test]
    fn check_takes_a_spec_of_one_environment_in_either_form() {
        let one = format!("{SHARED}environments:\n  prod: {{ profile: minimal }}\n");
        let checked = crate::spec::check(one.as_bytes());
        let resolved = checked.resolved.expect("one environment resolves");
        assert_eq!(resolved.environment, "prod");
        let two = format!("{SHARED}environments:\n  staging: {{}}\n  prod: {{}}\n");
        let checked = crate::spec::check(two.as_bytes());
        assert!(checked.resolved.is_none());
        assert_eq!(
            checked.diagnostics[0].message,
            "the spec defines 2 environments (staging, prod); this checks one"
        );
    }

    #[test]
    fn parts_tell_the_shared_part_from_the_block() {
        let text = format!(
            "{SHARED}environments:\n  prod:\n    network: {{ nat: per_az, endpoints: [s3] }}\n"
        );
        let file = check_file(text.as_bytes(), &[]);
        let parts = file.environments[0].parts.as_ref().expect("multi");
        assert_eq!(parts.part("/network/nat"), "environments.prod");
        assert_eq!(parts.part("/network/endpoints"), "environments.prod");
        assert_eq!(parts.part("/network/azs"), "shared");
        assert_eq!(parts.part("/environment"), "environments.prod");
        assert_eq!(parts.part("/project"), "shared");
        let single = check_file(
            SHARED
                .replace("project:", "environment: dev\nproject:")
                .as_bytes(),
            &[],
        );
        assert!(single.environments[0].parts.is_none());
    }

    #[test]
    fn the_schema_has_both_forms_and_overrides_of_every_section() {
        let schema = crate::spec::schema::json_schema();
        assert_eq!(schema["required"], json!(["version", "project"]));
        assert_eq!(schema["oneOf"][1]["required"], json!([KEY]));
        let overrides = &schema["$defs"]["EnvironmentOverrides"]["properties"];
        for field in ["version", "project", "environment", KEY] {
            assert!(overrides.get(field).is_none(), "{field} is overridable");
        }
        let root = schema["properties"].as_object().expect("properties");
        let overridable = root.keys().filter(|k| overrides.get(k.as_str()).is_some());
        assert_eq!(overridable.count(), root.len() - SHARED_ONLY.len());
        // Nothing is required in an override, and every def has a title.
        let defs = schema["$defs"].as_object().expect("defs");
        fn requires(v: &Value) -> bool {
            match v {
                Value::Object(o) => {
                    o.contains_key("required")
                        || o.iter()
                            .any(|(k, v)| k != "if" && k != "not" && requires(v))
                }
                Value::Array(items) => items.iter().any(requires),
                _ => false,
            }
        }
        for (name, def) in defs.iter().filter(|(n, _)| n.ends_with("Overrides")) {
            assert!(
                !requires(def),
                "{name} requires a field (outside a condition)"
            );
            assert!(def.get("title").is_some(), "{name} has no title");
        }
        // A rule's conditions keep what they test (a written cpu picks the memory sizes).
        assert_eq!(
            defs["ServiceOverrides"]["allOf"][0]["if"]["required"],
            json!(["cpu"])
        );
        assert_eq!(
            defs["ServiceOverrides"]["title"],
            "Service (ECS Fargate), overrides"
        );
        // List items stay whole values.
        assert_eq!(
            defs["ServiceOverrides"]["properties"]["secrets"]["items"]["$ref"],
            "#/$defs/SecretItem"
        );
    }
}
