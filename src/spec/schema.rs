//! The JSON Schema of the spec language, derived from the model with
//! schemars, and validation of a raw document against it with `jsonschema`.

use super::load::{Document, pointer_segments};
use super::model::Spec;
use crate::diagnostic::{Diagnostic, did_you_mean};
use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{ValidationError, Validator};
use schemars::generate::SchemaSettings;
use schemars::transform::{Transform, transform_subschemas};
use serde_json::Value;
use std::sync::OnceLock;

/// The `$id` of the published schema.
pub const SCHEMA_ID: &str = "https://tfgen.dev/schema/tfgen.schema.json";

/// The JSON Schema (draft 2020-12) of a spec.
pub fn json_schema() -> Value {
    let generator = SchemaSettings::draft2020_12()
        .with(|s| s.transforms.push(Box::new(DropImplicitNull)))
        .into_generator();
    let generated = generator.into_root_schema_for::<Spec>().to_value();
    // Put the identifying keywords first, as readers of the committed file expect.
    let mut schema = serde_json::Map::new();
    schema.insert("$schema".into(), generated["$schema"].clone());
    schema.insert("$id".into(), SCHEMA_ID.into());
    if let Value::Object(rest) = generated {
        for (k, v) in rest {
            schema.entry(k).or_insert(v);
        }
    }
    Value::Object(schema)
}

/// The schema as committed at `schema/tfgen.schema.json` (pretty, newline-terminated).
pub fn json_schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&json_schema()).unwrap_or_default();
    text.push('\n');
    text
}

/// schemars makes every `Option<T>` nullable. In a spec an absent field means
/// "use the default"; `null` is accepted only where spec-v1 documents it (those
/// fields spell out their nullable type), so errors stay precise ("expected
/// one of minimal, balanced, resilient" rather than "not any of").
#[derive(Clone)]
struct DropImplicitNull;

impl Transform for DropImplicitNull {
    fn transform(&mut self, schema: &mut schemars::Schema) {
        if let Some(obj) = schema.as_object_mut() {
            if let Some(Value::Array(any_of)) = obj.get("anyOf") {
                let non_null: Vec<Value> = any_of
                    .iter()
                    .filter(|s| s.get("type") != Some(&Value::from("null")))
                    .cloned()
                    .collect();
                if non_null.len() == 1 && any_of.len() == 2 {
                    obj.remove("anyOf");
                    if let Value::Object(inner) = &non_null[0] {
                        for (k, v) in inner {
                            obj.entry(k.clone()).or_insert_with(|| v.clone());
                        }
                    }
                }
            }
            let is_nullable_pair = matches!(
                obj.get("type"),
                Some(Value::Array(types)) if types.len() == 2 && types.contains(&Value::from("null"))
            );
            if is_nullable_pair && !obj.contains_key("x-nullable") {
                // Explicitly nullable fields carry their type through `extend`; schemars' own
                // nullable unions are narrowed back to the base type.
                if let Some(Value::Array(types)) = obj.get("type") {
                    let base: Vec<Value> = types.iter().filter(|t| *t != "null").cloned().collect();
                    if obj.get("x-tfgen-null") != Some(&Value::Bool(true)) && base.len() == 1 {
                        obj.insert("type".into(), base[0].clone());
                    }
                }
            }
            obj.remove("x-tfgen-null");
            consts_to_enum(obj);
        }
        transform_subschemas(self, schema);
    }
}

/// schemars writes a documented enum as `oneOf` of `const`s; validators then
/// say "not valid under any of the schemas listed in oneOf". An `enum` gives
/// "expected one of …", and `enumDescriptions` keeps each value's description
/// for editors that show it (VS Code YAML).
fn consts_to_enum(obj: &mut serde_json::Map<String, Value>) {
    let Some(Value::Array(variants)) = obj.get("oneOf") else {
        return;
    };
    let consts: Option<Vec<(Value, Value)>> = variants
        .iter()
        .map(|v| {
            v.get("const").map(|c| {
                (
                    c.clone(),
                    v.get("description").cloned().unwrap_or(Value::from("")),
                )
            })
        })
        .collect();
    let Some(consts) = consts else { return };
    obj.remove("oneOf");
    let (values, descriptions): (Vec<Value>, Vec<Value>) = consts.into_iter().unzip();
    obj.insert("type".into(), "string".into());
    obj.insert("enum".into(), Value::Array(values));
    obj.insert("enumDescriptions".into(), Value::Array(descriptions));
}

/// The schema the validator uses: the committed `schema/tfgen.schema.json`,
/// compiled in. A test holds it equal to [`json_schema`], so it is the derived
/// schema without deriving it in every process.
fn committed_schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        serde_json::from_str(include_str!("../../schema/tfgen.schema.json"))
            .expect("the committed schema is JSON")
    })
}

fn validator() -> &'static Validator {
    static VALIDATOR: OnceLock<Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        jsonschema::draft202012::new(committed_schema())
            .expect("the committed schema is a valid draft 2020-12 schema")
    })
}

/// Validates the raw document against the schema, one diagnostic per problem.
pub fn validate(doc: &Document) -> Vec<Diagnostic> {
    validate_with_faults(doc).0
}

/// What the schema rejected at one place, in terms of the document's shape:
/// what `partial` removes or fills in so that the rest can still be resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// A key the schema does not know, at `pointer` (the key's own pointer).
    /// `meant` is the pointer of the field it is probably a misspelling of.
    Unknown {
        pointer: String,
        meant: Option<String>,
    },
    /// The mapping at `pointer` lacks the required `property`.
    Missing { pointer: String, property: String },
    /// The value at `pointer` is not valid there.
    Invalid { pointer: String },
}

/// Validates the raw document: the diagnostics of [`validate`], and the
/// faults they stand for.
pub fn validate_with_faults(doc: &Document) -> (Vec<Diagnostic>, Vec<Fault>) {
    let mut diagnostics = Vec::new();
    let mut faults = Vec::new();
    for error in validator().iter_errors(&doc.value) {
        diagnostics.extend(describe(doc, &error));
        faults.extend(fault(&error));
    }
    diagnostics.sort_by(|a, b| (a.position, &a.path).cmp(&(b.position, &b.path)));
    diagnostics.dedup();
    (diagnostics, faults)
}

/// The faults of a value (no diagnostics): for re-checking a pruned document.
pub fn faults(value: &Value) -> Vec<Fault> {
    validator()
        .iter_errors(value)
        .flat_map(|e| fault(&e))
        .collect()
}

fn fault(error: &ValidationError<'_>) -> Vec<Fault> {
    let pointer = error.instance_path().as_str().to_owned();
    match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let allowed = allowed_properties(error.schema_path().as_str());
            let present = error.instance().as_object();
            unexpected
                .iter()
                .map(|key| Fault::Unknown {
                    pointer: format!("{pointer}/{}", escape(key)),
                    meant: did_you_mean(key, allowed.iter().map(String::as_str))
                        .filter(|m| present.is_none_or(|o| !o.contains_key(*m)))
                        .map(|m| format!("{pointer}/{}", escape(m))),
                })
                .collect()
        }
        ValidationErrorKind::Required { property } => vec![Fault::Missing {
            pointer,
            property: property.as_str().unwrap_or_default().to_owned(),
        }],
        _ => vec![Fault::Invalid { pointer }],
    }
}

/// Escapes a key for use as a JSON pointer segment.
pub fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Dotted field path for display: `/services/api/cpu` → `services.api.cpu`,
/// `/network/endpoints/2` → `network.endpoints[2]`.
pub fn display_path(pointer: &str) -> String {
    let mut out = String::new();
    for segment in pointer_segments(pointer) {
        if !segment.is_empty() && segment.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str(&format!("[{segment}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&segment);
        }
    }
    out
}

/// A short rendering of a value inside a message.
pub fn show(value: &Value) -> String {
    match value {
        Value::String(s) => format!("\"{s}\""),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "a mapping".into(),
        other => other.to_string(),
    }
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_f64() => "a number",
        Value::Number(_) => "an integer",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

/// What the field is, for enum messages: "a valid Fargate CPU".
fn noun(field: &str) -> String {
    match field {
        "cpu" => "a valid Fargate CPU".into(),
        "region" => "a known AWS region".into(),
        "log_retention_days" => "a CloudWatch Logs retention period".into(),
        _ => format!("a valid `{field}`"),
    }
}

/// The property names the schema allows at a location, for "did you mean".
fn allowed_properties(schema_path: &str) -> Vec<String> {
    let root = committed_schema();
    // The error's schema path ends in /additionalProperties; its sibling is /properties.
    let parent = schema_path.trim_end_matches("/additionalProperties");
    let mut node = root;
    for segment in pointer_segments(parent) {
        match node.get(&segment) {
            Some(n) => node = n,
            None => return Vec::new(),
        }
    }
    node.get("properties")
        .and_then(Value::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

fn describe(doc: &Document, error: &ValidationError<'_>) -> Vec<Diagnostic> {
    let pointer = error.instance_path().as_str().to_owned();
    let path = display_path(&pointer);
    let field = pointer_segments(&pointer).last().unwrap_or_default();
    let position = doc.position(&pointer);
    let instance: &Value = error.instance();
    let diag = |message: String| Diagnostic::error(position, path.clone(), message);
    let one = match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let allowed = allowed_properties(error.schema_path().as_str());
            return unexpected
                .iter()
                .map(|key| {
                    let key_pointer = format!("{pointer}/{}", escape(key));
                    let mut d = Diagnostic::error(
                        doc.key_position(&key_pointer),
                        display_path(&key_pointer),
                        format!("unknown field `{key}`"),
                    );
                    d = match did_you_mean(key, allowed.iter().map(String::as_str)) {
                        Some(s) => d.with_help(format!("did you mean `{s}`?")),
                        None if allowed.is_empty() => d,
                        None => d.with_help(format!("expected one of {}", allowed.join(", "))),
                    };
                    d
                })
                .collect();
        }
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            let d = Diagnostic::error(
                doc.key_position(&pointer),
                path.clone(),
                if path.is_empty() {
                    format!("missing required field `{name}`")
                } else {
                    format!("missing required field `{name}` in `{path}`")
                },
            );
            d.with_help(format!("add `{name}:`; see docs/spec.md"))
        }
        ValidationErrorKind::Enum { options } => {
            let options: Vec<String> = options
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|o| o.as_str().map_or_else(|| o.to_string(), str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            let d = diag(format!(
                "{} is not {}; expected one of {}",
                show(instance),
                noun(&field),
                options.join(", ")
            ));
            match instance
                .as_str()
                .and_then(|s| did_you_mean(s, options.iter().map(String::as_str)))
            {
                Some(s) => d.with_help(format!("did you mean `{s}`?")),
                None => d,
            }
        }
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                TypeKind::Single(t) => t.to_string(),
                TypeKind::Multiple(ts) => ts
                    .iter()
                    .map(|t| t.to_string())
                    .collect::<Vec<_>>()
                    .join(" or "),
            };
            let expected = expected
                .replace("object", "mapping")
                .replace("array", "list");
            let d = diag(format!(
                "expected {expected}, found {} {}",
                json_type(instance),
                show(instance)
            ));
            if expected.starts_with("string")
                && matches!(instance, Value::Number(_) | Value::Bool(_))
            {
                d.with_help(format!("quote it: \"{instance}\""))
            } else {
                d
            }
        }
        ValidationErrorKind::Maximum { .. } | ValidationErrorKind::Minimum { .. }
            if pointer == "/version" =>
        {
            diag(format!(
                "spec language version {instance} is not supported; this tfgen reads version 1"
            ))
            .with_help("write `version: 1`, or upgrade tfgen")
        }
        ValidationErrorKind::Minimum { limit } => diag(format!(
            "{} is less than the minimum {limit}",
            show(instance)
        )),
        ValidationErrorKind::Maximum { limit } => diag(format!(
            "{} is more than the maximum {limit}",
            show(instance)
        )),
        ValidationErrorKind::MultipleOf { .. } => {
            diag(format!("{} is not a multiple of 0.5", show(instance)))
                .with_help("Aurora capacity is set in steps of 0.5 ACU")
        }
        ValidationErrorKind::MinItems { limit } | ValidationErrorKind::MinProperties { limit } => {
            diag(format!("needs at least {limit} entry"))
        }
        ValidationErrorKind::UniqueItems => diag("lists the same item twice".into()),
        ValidationErrorKind::Pattern { pattern } => diag(format!(
            "{} is not valid: {}",
            show(instance),
            pattern_meaning(&field, pattern)
        )),
        _ => diag(error.to_string()),
    };
    vec![one]
}

/// Explains a pattern in words.
fn pattern_meaning(field: &str, pattern: &str) -> String {
    match field {
        "project" => {
            "use 3-30 lowercase letters, digits and hyphens, starting with a letter".into()
        }
        "environment" => {
            "use 1-15 lowercase letters, digits and hyphens, starting with a letter".into()
        }
        "start" | "stop" => "expected a 24-hour time HH:MM, e.g. \"09:00\"".into(),
        "days" => "expected days like MON-FRI or MON,WED,FRI".into(),
        "version" => "expected a PostgreSQL version like \"17.6\"".into(),
        "instance_class" => "expected an RDS instance class like db.t4g.micro".into(),
        "instance_type" => "expected an EC2 instance type like t3.nano".into(),
        _ => format!("expected a value matching {pattern}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_like_yaml() {
        assert_eq!(display_path("/services/api/cpu"), "services.api.cpu");
        assert_eq!(display_path("/network/endpoints/2"), "network.endpoints[2]");
        assert_eq!(display_path(""), "");
    }

    #[test]
    fn schema_is_draft_2020_12_and_closed() {
        let schema = json_schema();
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        assert_eq!(schema["additionalProperties"], false);
        assert_eq!(
            schema["$defs"]["Network"]["properties"]["nat"]["$ref"],
            "#/$defs/Nat"
        );
    }
}
