//! The JSON Schema of the spec language, derived from the model with
//! schemars, and validation of a raw document against it with `jsonschema`.

use super::load::{Document, pointer_segments};
use super::model::Spec;
use crate::diagnostic::{Diagnostic, did_you_mean};
use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{ValidationError, Validator};
use schemars::generate::SchemaSettings;
use schemars::transform::{Transform, transform_subschemas};
use serde_json::{Value, json};
use std::sync::OnceLock;

/// The JSON Schema (draft 2020-12) of a spec.
///
/// It claims no `$id`: nothing serves the schema at a URL, and an editor that
/// followed one would report an error. Editors bind the committed file by path
/// (README, "Editor support").
pub fn json_schema() -> Value {
    let generator = SchemaSettings::draft2020_12()
        .with(|s| {
            s.transforms.push(Box::new(DropImplicitNull));
            s.transforms.push(Box::new(StandardFormats));
        })
        .into_generator();
    let mut generated = generator.into_root_schema_for::<Spec>().to_value();
    super::environments::extend_schema(&mut generated);
    // Put the identifying keywords first, as readers of the committed file expect.
    let mut schema = serde_json::Map::new();
    schema.insert("$schema".into(), generated["$schema"].clone());
    if let Value::Object(rest) = generated {
        for (k, v) in rest {
            schema.entry(k).or_insert(v);
        }
    }
    Value::Object(schema)
}

/// Keywords the schema carries for editors only. yaml-language-server reads
/// them (custom messages, value descriptions, completion snippets); validators
/// ignore them, and a strict validator must be told they are annotations.
pub const EDITOR_KEYWORDS: [&str; 4] = [
    "patternErrorMessage",
    "errorMessage",
    "enumDescriptions",
    "defaultSnippets",
];

/// schemars marks integers and floats with formats of its own (`uint32`,
/// `double`) that no validator knows and strict ones refuse. They are dropped;
/// an unsigned 32-bit integer keeps its range as `maximum` so that every value
/// the schema accepts also fits the model.
#[derive(Clone)]
struct StandardFormats;

impl Transform for StandardFormats {
    fn transform(&mut self, schema: &mut schemars::Schema) {
        if let Some(obj) = schema.as_object_mut() {
            match obj.get("format").and_then(Value::as_str) {
                Some("uint32") => {
                    obj.remove("format");
                    obj.entry("maximum").or_insert(u32::MAX.into());
                }
                Some("double" | "float" | "uint" | "int32" | "int64" | "uint64") => {
                    obj.remove("format");
                }
                _ => {}
            }
        }
        transform_subschemas(self, schema);
    }
}

/// `services`: each key is a DNS label of 1-20 characters (the rule of
/// `rules::services`), and completion offers a whole service.
pub fn service_names(schema: &mut schemars::Schema) {
    schema.insert(
        "propertyNames".into(),
        json!({
            "pattern": "^[a-z]([a-z0-9-]{0,18}[a-z0-9])?$",
            "patternErrorMessage": "A service name is a DNS label of 1-20 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen"
        }),
    );
    schema.insert(
        "defaultSnippets".into(),
        json!([{
            "label": "service",
            "description": "A service on port 3000 serving /",
            "body": { "${1:web}": { "port": 3000, "path": "/" } }
        }]),
    );
}

/// `queues` and `tables`: names of 1-40 lowercase letters, digits and
/// hyphens, starting with a letter (part of AWS names and of the
/// environment variables the clients get, upper snake case).
pub fn data_names(schema: &mut schemars::Schema) {
    schema.insert(
        "propertyNames".into(),
        json!({
            "pattern": "^[a-z]([a-z0-9-]{0,38}[a-z0-9])?$",
            "patternErrorMessage": "A queue or table name is 1-40 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen"
        }),
    );
}

/// An IPv4 address: four octets 0-255.
const IPV4: &str = r"(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}";

/// `network.cidr`: an IPv4 CIDR block with a prefix from /16 to /24 (host
/// bits and subnet room stay with `rules::network`).
pub fn vpc_cidr(schema: &mut schemars::Schema) {
    schema.insert("pattern".into(), format!("^{IPV4}/(1[6-9]|2[0-4])$").into());
    schema.insert(
        "patternErrorMessage".into(),
        "Expected an IPv4 CIDR block with a prefix from /16 to /24, e.g. 10.0.0.0/16".into(),
    );
}

/// `access.allowed_cidrs`: each item an IPv4 or IPv6 CIDR block.
pub fn allowed_cidrs(schema: &mut schemars::Schema) {
    if let Some(Value::Object(items)) = schema.get_mut("items") {
        items.insert(
            "pattern".into(),
            format!(
                "^({IPV4}/([0-9]|[12][0-9]|3[0-2])|[0-9a-fA-F:]*:[0-9a-fA-F:.]*/([0-9]|[1-9][0-9]|1[01][0-9]|12[0-8]))$"
            )
            .into(),
        );
        items.insert(
            "patternErrorMessage".into(),
            "Expected a CIDR block: an address with its prefix, e.g. 203.0.113.10/32".into(),
        );
    }
}

/// `schedule.days`: days or ranges of days separated by commas (the grammar
/// of `rules::parse_days`).
pub fn schedule_days(schema: &mut schemars::Schema) {
    let day = format!("({})", super::rules::DAYS.join("|"));
    schema.insert(
        "pattern".into(),
        format!("^{day}(-{day})?(,{day}(-{day})?)*$").into(),
    );
    schema.insert(
        "patternErrorMessage".into(),
        "Expected days like MON-FRI or MON,WED,FRI (SUN MON TUE WED THU FRI SAT)".into(),
    );
}

/// A written `cpu` admits only the Fargate memory sizes of
/// `rules::fargate_memory_options`.
pub fn fargate_pairs(schema: &mut schemars::Schema) {
    let cpus = [256, 512, 1024, 2048, 4096, 8192, 16384];
    let rules: Vec<Value> = cpus
        .iter()
        .map(|&cpu| {
            let options = super::rules::fargate_memory_options(cpu);
            let list = options
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            json!({
                "if": { "properties": { "cpu": { "const": cpu } }, "required": ["cpu"] },
                "then": { "properties": { "memory": {
                    "enum": options,
                    "errorMessage": format!("With cpu: {cpu}, Fargate memory is one of {list} (MiB)")
                } } }
            })
        })
        .collect();
    push_all_of(schema, rules);
}

/// `build` and `image` exclude each other (the CLI's rule in `rules.rs` says why).
pub fn image_or_build(schema: &mut schemars::Schema) {
    push_all_of(
        schema,
        vec![json!({
            "if": { "properties": { "image": { "type": "string" } }, "required": ["image"] },
            "then": { "properties": { "build": {
                "type": "null",
                "errorMessage": "A service with `image` runs that image: CI builds nothing for it. Remove `image` or `build`"
            } } }
        })],
    );
}

/// `services.<name>.callers`: each item is a service name (the rule of
/// `rules::service_kind` says which one is not a service).
pub fn callers(schema: &mut schemars::Schema) {
    if let Some(Value::Object(items)) = schema.get_mut("items") {
        items.insert("pattern".into(), "^[a-z]([a-z0-9-]{0,18}[a-z0-9])?$".into());
        items.insert(
            "patternErrorMessage".into(),
            "A caller is a service name: a DNS label of 1-20 characters, lowercase letters, digits and hyphens".into(),
        );
    }
}

/// What each `kind` of service allows (the checks of `rules::service_kind`):
/// a web or backend service needs `port`; a worker has no port; neither has
/// a path, the ALB health check's settings or request-count scaling; `callers` is for backends only and
/// `scaling.requests_per_target` for web services only.
pub fn service_kinds(schema: &mut schemars::Schema) {
    let kind =
        |name: &str| json!({ "properties": { "kind": { "const": name } }, "required": ["kind"] });
    let no_alb = json!({
        "path": false,
        "health_check": {
            "type": "object",
            "properties": { "path": false, "matcher": false, "interval": false, "unhealthy_threshold": false }
        },
        "scaling": { "type": "object", "properties": { "requests_per_target": false } }
    });
    let mut worker = no_alb.clone();
    if let Some(fields) = worker.as_object_mut() {
        fields.insert("port".into(), Value::Bool(false));
    }
    push_all_of(
        schema,
        vec![
            json!({
                "if": kind("worker"),
                "then": {
                    "properties": worker,
                    "errorMessage": "Has no effect: a worker has no port, no ALB path, no ALB health check (path, matcher, interval, unhealthy_threshold) and no request-count scaling"
                },
                "else": { "required": ["port"] }
            }),
            json!({
                "if": kind("backend"),
                "then": {
                    "properties": no_alb,
                    "errorMessage": "Has no effect: a backend is not behind the ALB (no path, no ALB health check: path, matcher, interval, unhealthy_threshold; no request-count scaling)"
                }
            }),
            json!({
                "if": { "not": kind("backend") },
                "then": {
                    "properties": { "callers": false },
                    "errorMessage": "callers narrows who may call a backend service: set `kind: backend`, or remove it"
                }
            }),
        ],
    );
}

/// Fields of the other engine, and any field with `engine: none`, have no
/// effect (the check of `resolve_database`, for a written engine).
pub fn engine_fields(schema: &mut schemars::Schema) {
    let engine = |name: &str| json!({ "properties": { "engine": { "const": name } }, "required": ["engine"] });
    let not_for = |fields: &[&str], message: &str| {
        let properties: serde_json::Map<String, Value> = fields
            .iter()
            .map(|f| ((*f).to_owned(), Value::Bool(false)))
            .collect();
        json!({ "properties": properties, "errorMessage": message })
    };
    push_all_of(
        schema,
        vec![
            json!({
                "if": engine("postgres"),
                "then": not_for(&["min_capacity", "max_capacity", "readers"],
                    "Has no effect: min_capacity, max_capacity and readers are aurora_postgres fields")
            }),
            json!({
                "if": engine("aurora_postgres"),
                "then": not_for(&["instance_class", "multi_az"],
                    "Has no effect: instance_class and multi_az are postgres fields")
            }),
            json!({
                "if": engine("none"),
                "then": {
                    "properties": { "engine": true },
                    "additionalProperties": false,
                    "errorMessage": "Has no effect: database.engine is none"
                }
            }),
        ],
    );
}

/// With `enabled: true`, Sentry needs its organization and team.
pub fn sentry_enabled(schema: &mut schemars::Schema) {
    push_all_of(
        schema,
        vec![json!({
            "if": { "properties": { "enabled": { "const": true } }, "required": ["enabled"] },
            "then": {
                "required": ["organization", "team"],
                "properties": {
                    "organization": { "type": "string" },
                    "team": { "type": "string" }
                }
            }
        })],
    );
}

/// A Flex cluster (`tier: flex`, or no tier) has no private endpoints and
/// runs MongoDB 8.0 (the checks of `rules`, for editors).
pub fn mongodb_flex(schema: &mut schemars::Schema) {
    push_all_of(
        schema,
        vec![json!({
            // No `required`: an absent tier is flex too.
            "if": { "properties": { "tier": { "const": "flex" } } },
            "then": {
                "properties": {
                    "access": {
                        "not": { "const": "privatelink" },
                        "errorMessage": "Atlas Flex clusters have no private endpoints: set tier M10 (or larger), or access: nat"
                    },
                    "version": {
                        "const": "8.0",
                        "errorMessage": "Atlas Flex clusters run MongoDB 8.0: remove version, or set tier M10 (or larger)"
                    }
                }
            }
        })],
    );
}

/// `jobs`: each key is a DNS label of 1-20 characters, like a service name
/// (the rule of `rules::jobs`), and completion offers a whole job.
pub fn job_names(schema: &mut schemars::Schema) {
    schema.insert(
        "propertyNames".into(),
        json!({
            "pattern": "^[a-z]([a-z0-9-]{0,18}[a-z0-9])?$",
            "patternErrorMessage": "A job name is a DNS label of 1-20 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen"
        }),
    );
    schema.insert(
        "defaultSnippets".into(),
        json!([{
            "label": "job",
            "description": "A nightly job run with a service's image and settings",
            "body": { "${1:nightly}": { "schedule": "cron(0 3 * * ? *)", "uses": "${2:web}", "command": ["${3:./run-nightly}"] } }
        }]),
    );
}

/// A job runs the used service's image, or its own `image` (the rule of
/// `rules::jobs`).
pub fn job_image(schema: &mut schemars::Schema) {
    push_all_of(
        schema,
        vec![json!({
            "anyOf": [
                { "required": ["uses"], "properties": { "uses": { "type": "string" } } },
                { "required": ["image"], "properties": { "image": { "type": "string" } } }
            ],
            "errorMessage": "A job needs `uses: SERVICE` (its image and settings) or its own `image`"
        })],
    );
}

fn push_all_of(schema: &mut schemars::Schema, rules: Vec<Value>) {
    let all_of = schema
        .ensure_object()
        .entry("allOf")
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(list) = all_of {
        list.extend(rules);
    }
}

/// The parts of the schema that repeat a rule of `rules`/`resolve` for
/// editors. The CLI leaves them to those rules, whose messages carry help and
/// see the profile's values too; editors have only the schema.
pub const EDITOR_RULES: [&str; 13] = [
    "/properties/services/propertyNames",
    "/$defs/Service/properties/callers/items/pattern",
    "/properties/jobs/propertyNames",
    "/$defs/Job/properties/schedule/pattern",
    "/$defs/Job/allOf",
    "/$defs/Job/properties/retries/maximum",
    "/$defs/Network/properties/cidr/pattern",
    "/$defs/Access/properties/allowed_cidrs/items/pattern",
    "/$defs/Schedule/properties/days/pattern",
    "/$defs/Service/allOf",
    "/$defs/Database/allOf",
    "/$defs/Sentry/allOf",
    "/$defs/Mongodb/allOf",
];

/// The schema the CLI validates with: the committed one without [`EDITOR_RULES`].
fn cli_schema(mut schema: Value) -> Value {
    // Each environment's document is validated on its own (`environments`).
    super::environments::single_form(&mut schema);
    for pointer in EDITOR_RULES {
        let (parent, key) = pointer.rsplit_once('/').unwrap_or(("", pointer));
        if let Some(Value::Object(obj)) = schema.pointer_mut(parent) {
            obj.remove(key);
        }
    }
    schema
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
        jsonschema::draft202012::new(&cli_schema(committed_schema().clone()))
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

/// What a value is, for "found …": null, or a type with its article.
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

/// The field a value belongs to: the field itself, or for an item of a list
/// (`/network/endpoints/2`) "item of `endpoints`".
fn item_field(pointer: &str) -> String {
    let segments: Vec<String> = pointer_segments(pointer).collect();
    match segments.as_slice() {
        [.., list, index] if !index.is_empty() && index.bytes().all(|b| b.is_ascii_digit()) => {
            format!("item of `{list}`")
        }
        [.., field] => field.clone(),
        [] => String::new(),
    }
}

/// What the field is, for enum messages: "a valid Fargate CPU".
fn noun(field: &str) -> String {
    match field {
        "cpu" => "a valid Fargate CPU".into(),
        "region" => "a known AWS region".into(),
        "log_retention_days" => "a CloudWatch Logs retention period".into(),
        _ if field.starts_with("item of") => format!("a valid {field}"),
        _ => format!("a valid `{field}`"),
    }
}

/// The property names the schema allows at a location, for "did you mean".
fn allowed_properties(schema_path: &str) -> Vec<String> {
    // The error's schema path ends in /additionalProperties; its sibling is /properties.
    let Some(node) = schema_node(schema_path.trim_end_matches("/additionalProperties")) else {
        return Vec::new();
    };
    node.get("properties")
        .and_then(Value::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

fn describe(doc: &Document, error: &ValidationError<'_>) -> Vec<Diagnostic> {
    let pointer = error.instance_path().as_str().to_owned();
    let path = display_path(&pointer);
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
                noun(&item_field(&pointer)),
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
            let found = match instance {
                Value::Null | Value::Array(_) | Value::Object(_) => json_type(instance).to_owned(),
                _ => format!("{} {}", json_type(instance), show(instance)),
            };
            let d = diag(format!("expected {expected}, found {found}"));
            if expected.starts_with("string")
                && matches!(instance, Value::Number(_) | Value::Bool(_))
            {
                d.with_help(format!("quote it: \"{instance}\""))
            } else {
                d
            }
        }
        ValidationErrorKind::Maximum { .. }
        | ValidationErrorKind::Minimum { .. }
        | ValidationErrorKind::Constant { .. }
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
        ValidationErrorKind::Pattern { pattern } => {
            let meaning = schema_node(error.schema_path().as_str().trim_end_matches("/pattern"))
                .and_then(|n| n.get("patternErrorMessage"))
                .and_then(Value::as_str)
                .map(lower_first)
                .unwrap_or_else(|| format!("expected a value matching {pattern}"));
            diag(format!("{} is not valid: {meaning}", show(instance)))
        }
        _ => diag(error.to_string()),
    };
    vec![one]
}

/// The message in the schema's own words, lowercased to follow "is not valid:".
fn lower_first(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The node of the committed schema at an error's schema path, following
/// `$ref`s (the path names the keywords the validator went through).
fn schema_node(schema_path: &str) -> Option<&'static Value> {
    let root = committed_schema();
    let mut node = root;
    for segment in pointer_segments(schema_path) {
        node = node.get(&segment)?;
        if let Some(target) = node.as_str().and_then(|r| r.strip_prefix('#')) {
            node = root.pointer(target)?;
        }
    }
    Some(node)
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
    fn editor_rules_name_parts_of_the_schema() {
        let schema = json_schema();
        for pointer in EDITOR_RULES {
            assert!(
                schema.pointer(pointer).is_some(),
                "{pointer} is not in the schema"
            );
            assert!(
                cli_schema(schema.clone()).pointer(pointer).is_none(),
                "{pointer} stays in the CLI's schema"
            );
        }
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
