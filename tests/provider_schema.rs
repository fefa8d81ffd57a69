//! Provider-schema conformance of the committed `generated/` tree.
//!
//! Every `aws_*` / `datadog_*` / `mongodbatlas_*` resource and data source in `generated/**/*.tf` is checked against
//! the real provider schemas (hashicorp/aws 6.25.0, DataDog/datadog 3.82.0, mongodb/mongodbatlas 1.41.1): unknown or
//! misspelled arguments and blocks, read-only attributes, missing required arguments and blocks,
//! block-vs-attribute syntax, repeated max-1 blocks and unknown types. `terraform validate` would
//! catch these but needs provider downloads; this runs offline in CI.
//!
//! It is a port of `../shared/tools/provider_schema/check_tf.py` (same rules, same messages).
//! The schemas are a vendored subset in `tests/fixtures/provider_schema/` (see the README there);
//! refresh with the command in [`REFRESH_CMD`].

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use hcl::{Block, Body, Expression, Object, ObjectKey, Structure};
use serde_json::{Map, Value};

const GENERATED_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/generated");
const FIXTURE_DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/provider_schema"
);
const REFRESH_ENV: &str = "TFGEN_REFRESH_PROVIDER_SCHEMA";
const REFRESH_CMD: &str = "TFGEN_REFRESH_PROVIDER_SCHEMA=../shared/tools/provider_schema cargo test --test provider_schema";
/// Vendored providers: `<name>.json` in the fixture dir; types are checked when prefixed `<name>_`.
const PROVIDERS: [&str; 3] = ["aws", "datadog", "mongodbatlas"];

/// Terraform meta-arguments: valid on any resource/data block, not part of the provider schema.
const META_ARGS: [&str; 7] = [
    "count",
    "for_each",
    "depends_on",
    "provider",
    "lifecycle",
    "provisioner",
    "connection",
];
const SKIP_DIRS: [&str; 5] = [
    ".terraform",
    ".terragrunt-cache",
    ".git",
    "node_modules",
    ".venv",
];
/// Ephemeral resources have no cdktf schema; these mirror the data source of the same name
/// argument for argument (hashicorp/aws 6.x `ephemeral_resource_schemas` of
/// aws_secretsmanager_random_password: the data source's arguments and `random_password`),
/// so they are checked against it. Any other ephemeral type is a problem until listed here.
const EPHEMERAL_AS_DATA: [&str; 1] = ["aws_secretsmanager_random_password"];
/// SDKv2 "attributes as blocks": `ingress { }` is fine, but with `ingress = [{ ... }]`
/// Terraform requires every field of the object (null allowed).
const ALL_FIELDS_WHEN_ASSIGNED: [(&str, &str); 8] = [
    ("aws_security_group", "ingress"),
    ("aws_security_group", "egress"),
    ("aws_default_security_group", "ingress"),
    ("aws_default_security_group", "egress"),
    ("aws_network_acl", "ingress"),
    ("aws_network_acl", "egress"),
    ("aws_route_table", "route"),
    ("aws_default_route_table", "route"),
];
/// Minimum strsim similarity for a "did you mean" hint.
const HINT_CUTOFF: f64 = 0.75;

/// Types vendored even though `generated/` does not use them (yet), so upcoming modules are
/// checked without a refresh. Types absent from the provider are skipped by the refresh.
const EXTRA_TYPES: &[(Kind, &str)] = {
    use Kind::{Data, Resource};
    &[
        (Resource, "aws_route53_zone"),
        (Resource, "aws_route53_record"),
        (Resource, "aws_acm_certificate"),
        (Resource, "aws_acm_certificate_validation"),
        (Resource, "aws_lb_listener"),
        (Resource, "aws_lb_listener_rule"),
        (Resource, "aws_wafv2_web_acl"),
        (Resource, "aws_wafv2_web_acl_association"),
        (Resource, "aws_wafv2_web_acl_logging_configuration"),
        (Resource, "aws_cloudfront_distribution"),
        (Resource, "aws_cloudfront_origin_access_control"),
        (Data, "aws_cloudfront_cache_policy"),
        (Data, "aws_cloudfront_origin_request_policy"),
        (Data, "aws_ec2_managed_prefix_list"),
        (Resource, "aws_cognito_user_pool"),
        (Resource, "aws_cognito_user_pool_client"),
        (Resource, "aws_cognito_user_pool_domain"),
        (Resource, "aws_sns_topic"),
        (Resource, "aws_sns_topic_subscription"),
        (Resource, "aws_sns_topic_policy"),
        (Resource, "aws_cloudwatch_metric_alarm"),
        (Resource, "aws_budgets_budget"),
        (Data, "aws_secretsmanager_secret"),
        (Data, "aws_secretsmanager_secret_version"),
        (Resource, "aws_kms_key"),
        (Resource, "aws_kms_alias"),
        (Resource, "aws_flow_log"),
        (Resource, "aws_iam_role_policy"),
        (Resource, "aws_s3_bucket_logging"),
        (Resource, "aws_appautoscaling_scheduled_action"),
        (Resource, "aws_ssm_parameter"),
        (Data, "aws_ssm_parameter"),
        (Data, "aws_caller_identity"),
        (Data, "aws_region"),
        (Data, "aws_partition"),
        (Data, "aws_ami"),
        (Resource, "aws_default_security_group"),
        (Resource, "aws_cloudwatch_log_group"),
        (Resource, "aws_db_parameter_group"),
        (Resource, "aws_rds_cluster_parameter_group"),
        (Resource, "aws_iam_role"),
        (Data, "aws_iam_policy_document"),
        (Resource, "aws_ecr_repository_policy"),
        (Resource, "datadog_monitor"),
        (Resource, "datadog_dashboard"),
        (Resource, "datadog_dashboard_json"),
    ]
};

// ---------------------------------------------------------------------------------------------
// Schema model
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Resource,
    Data,
}

impl Kind {
    fn keyword(self) -> &'static str {
        match self {
            Kind::Resource => "resource",
            Kind::Data => "data",
        }
    }

    /// Key of the `{type: NODE}` map in the schema JSON.
    fn section(self) -> &'static str {
        match self {
            Kind::Resource => "resources",
            Kind::Data => "data_sources",
        }
    }

    /// Key of the list of every type name the provider has (vendored files only): it tells a
    /// misspelled type apart from one that is merely not vendored.
    fn all_names_key(self) -> &'static str {
        match self {
            Kind::Resource => "all_resource_types",
            Kind::Data => "all_data_source_types",
        }
    }

    fn address(self, rtype: &str, name: &str) -> String {
        match self {
            Kind::Resource => format!("{rtype}.{name}"),
            Kind::Data => format!("data.{rtype}.{name}"),
        }
    }
}

/// One vendored provider schema file.
struct Provider {
    name: String,
    doc: Value,
}

impl Provider {
    fn from_json(text: &str) -> Result<Provider, String> {
        let doc: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let name = doc["provider"].as_str().ok_or("no \"provider\" field")?;
        Ok(Provider {
            name: name.to_string(),
            doc,
        })
    }

    fn label(&self) -> String {
        let field = |k: &str| self.doc[k].as_str().unwrap_or("?").to_string();
        format!("{} {}", field("source"), field("version"))
    }

    fn node(&self, kind: Kind, rtype: &str) -> Option<Node<'_>> {
        self.doc[kind.section()].get(rtype).map(Node)
    }

    fn all_names(&self, kind: Kind) -> impl Iterator<Item = &str> {
        let names = self.doc[kind.all_names_key()].as_array();
        names.into_iter().flatten().filter_map(Value::as_str)
    }

    fn config(&self) -> Option<Node<'_>> {
        self.doc.get("provider_config").map(Node)
    }
}

/// A NODE / BLOCK of the schema JSON (see the fixture README for the format).
#[derive(Clone, Copy)]
struct Node<'a>(&'a Value);

impl<'a> Node<'a> {
    fn entries(self, key: &str) -> impl Iterator<Item = (&'a str, &'a Value)> {
        let map = self.0.get(key).and_then(Value::as_object);
        map.into_iter().flatten().map(|(k, v)| (k.as_str(), v))
    }

    fn has_attr(self, name: &str) -> bool {
        self.0["attrs"].get(name).is_some()
    }

    fn block(self, name: &str) -> Option<Node<'a>> {
        self.0["blocks"].get(name).map(Node)
    }

    fn attr_names(self) -> impl Iterator<Item = &'a str> {
        self.entries("attrs").map(|(k, _)| k)
    }

    fn block_names(self) -> impl Iterator<Item = &'a str> {
        self.entries("blocks").map(|(k, _)| k)
    }

    fn is_computed(self, name: &str) -> bool {
        let list = self.0["computed"].as_array();
        list.into_iter().flatten().any(|v| v == name)
    }

    fn flag(self, key: &str) -> bool {
        self.0[key] == true
    }

    fn nesting(self) -> &'a str {
        self.0["nesting"].as_str().unwrap_or("list")
    }

    /// Nested attribute / list(object) attribute: written `x = {…}` / `x = [{…}]`.
    fn is_attr_syntax(self) -> bool {
        self.0["syntax"] == "attr"
    }

    /// Single-object blocks: only one instance is allowed.
    fn is_single(self) -> bool {
        self.0["max_items"] == 1 || self.nesting() == "single"
    }

    /// `cdktf` typed it `any` (wafv2 `statement`): its content cannot be checked.
    fn is_opaque(self) -> bool {
        self.flag("opaque")
    }
}

// ---------------------------------------------------------------------------------------------
// HCL view: block bodies and object expressions both become a list of items
// ---------------------------------------------------------------------------------------------

enum Item<'a> {
    /// `key = value` (in a body) or `key = value` inside an object expression.
    Attr(Cow<'a, str>, &'a Expression),
    /// `key "label"… { … }`
    Block(&'a Block),
}

impl Item<'_> {
    fn key(&self) -> &str {
        match self {
            Item::Attr(key, _) => key,
            Item::Block(block) => block.identifier(),
        }
    }
}

fn body_items(body: &Body) -> Vec<Item<'_>> {
    body.iter()
        .map(|s| match s {
            Structure::Attribute(a) => Item::Attr(Cow::Borrowed(a.key()), a.expr()),
            Structure::Block(b) => Item::Block(b),
        })
        .collect()
}

/// Object entries with a literal key; computed keys (`(var.x) = …`) are unknown until plan.
fn object_items(obj: &Object<ObjectKey, Expression>) -> Vec<Item<'_>> {
    obj.iter()
        .filter_map(|(k, v)| Some(Item::Attr(Cow::Borrowed(object_key(k)?), v)))
        .collect()
}

fn object_key(key: &ObjectKey) -> Option<&str> {
    match key {
        ObjectKey::Identifier(ident) => Some(ident.as_str()),
        ObjectKey::Expression(Expression::String(s)) => Some(s),
        ObjectKey::Expression(Expression::Variable(v)) => Some(v.as_str()),
        _ => None,
    }
}

fn labels(block: &Block) -> Vec<&str> {
    block.labels().iter().map(|l| l.as_str()).collect()
}

/// hcl-rs keeps no positions: find the 1-based line of the block header `keyword "l1" "l2" {`.
fn header_line(src: &str, keyword: &str, want: &[&str]) -> Option<usize> {
    let matches = |line: &str| {
        let mut words = line.split_whitespace();
        words.next() == Some(keyword)
            && want
                .iter()
                .all(|l| words.next().map(|w| w.trim_matches('"')) == Some(*l))
    };
    src.lines().position(matches).map(|i| i + 1)
}

fn location(file: &str, src: &str, keyword: &str, labels: &[&str], address: &str) -> String {
    match header_line(src, keyword, labels) {
        Some(line) => format!("{file}:{line}: {address}"),
        None => format!("{file}: {address}"),
    }
}

fn child(path: &[String], segment: &str) -> Vec<String> {
    let mut out = path.to_vec();
    out.push(segment.to_string());
    out
}

/// Closest candidate by normalized Damerau-Levenshtein similarity, if close enough.
fn did_you_mean<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> String {
    let best = candidates
        .map(|c| (strsim::normalized_damerau_levenshtein(word, c), c))
        .filter(|(score, _)| *score >= HINT_CUTOFF)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((_, c)) => format!(" (did you mean \"{c}\"?)"),
        None => String::new(),
    }
}

// ---------------------------------------------------------------------------------------------
// Checker
// ---------------------------------------------------------------------------------------------

#[derive(Default)]
struct Report {
    problems: Vec<String>,
    /// aws_*/datadog_* resources and data sources seen (unknown types included).
    checked: usize,
}

/// Where a problem is reported: `file:line: address`, plus the type for type-specific rules.
struct Ctx<'a> {
    loc: &'a str,
    rtype: &'a str,
}

struct Checker<'s> {
    providers: &'s [Provider],
    report: Report,
}

impl<'s> Checker<'s> {
    fn new(providers: &'s [Provider]) -> Self {
        Checker {
            providers,
            report: Report::default(),
        }
    }

    fn problem(&mut self, ctx: &Ctx, path: &[String], msg: impl AsRef<str>) {
        let msg = msg.as_ref();
        let line = if path.is_empty() {
            format!("{}: {msg}", ctx.loc)
        } else {
            format!("{}: {}: {msg}", ctx.loc, path.join("."))
        };
        self.report.problems.push(line);
    }

    fn provider_for(&self, rtype: &str) -> Option<&'s Provider> {
        let prefix = rtype.split('_').next()?;
        self.providers.iter().find(|p| p.name == prefix)
    }

    fn check_file(&mut self, file: &str, src: &str) {
        let body = match hcl::parse(src) {
            Ok(body) => body,
            Err(e) => {
                let first = e.to_string().lines().next().unwrap_or("").to_string();
                let msg = format!("{file}: parse error (hcl-rs): {first}");
                self.report.problems.push(msg);
                return;
            }
        };
        // override.tf / *_override.tf hold partial blocks merged into others.
        let base = Path::new(file).file_name().and_then(|n| n.to_str());
        let partial = base.is_some_and(|n| n == "override.tf" || n.ends_with("_override.tf"));
        for block in body.blocks() {
            match block.identifier() {
                "resource" => self.check_resource(file, src, Kind::Resource, block, partial),
                "data" => self.check_resource(file, src, Kind::Data, block, partial),
                "ephemeral" => self.check_ephemeral(file, src, block, partial),
                "provider" => self.check_provider_block(file, src, block),
                _ => {}
            }
        }
    }

    fn check_resource(&mut self, file: &str, src: &str, kind: Kind, block: &Block, partial: bool) {
        let labels = labels(block);
        let [rtype, name] = labels[..] else { return };
        let Some(provider) = self.provider_for(rtype) else {
            return; // sentry_*, random_*, …: no schema vendored
        };
        self.report.checked += 1;
        let loc = location(
            file,
            src,
            kind.keyword(),
            &labels,
            &kind.address(rtype, name),
        );
        let ctx = Ctx { loc: &loc, rtype };
        let Some(node) = provider.node(kind, rtype) else {
            self.type_not_vendored(provider, kind, &ctx);
            return;
        };
        let items = body_items(block.body());
        self.check_body(node, &items, &ctx, &[], true, partial);
    }

    /// An ephemeral block, checked against its data-source twin (see [`EPHEMERAL_AS_DATA`]).
    fn check_ephemeral(&mut self, file: &str, src: &str, block: &Block, partial: bool) {
        let rtype = labels(block).first().copied().unwrap_or_default();
        if EPHEMERAL_AS_DATA.contains(&rtype) {
            self.check_resource(file, src, Kind::Data, block, partial);
        } else if self.provider_for(rtype).is_some() {
            let msg = format!(
                "{file}: ephemeral \"{rtype}\": no schema to check it against (add it to EPHEMERAL_AS_DATA only if it mirrors its data source)"
            );
            self.report.problems.push(msg);
        }
    }

    /// Either the type does not exist (typo) or the vendored subset is stale.
    fn type_not_vendored(&mut self, provider: &Provider, kind: Kind, ctx: &Ctx) {
        let rtype = ctx.rtype;
        let msg = if provider.all_names(kind).any(|n| n == rtype) {
            format!(
                "{} type {rtype} is missing from the vendored schema subset \
                 tests/fixtures/provider_schema/{}.json: refresh it with `{REFRESH_CMD}`",
                kind.keyword(),
                provider.name
            )
        } else {
            let hint = did_you_mean(rtype, provider.all_names(kind));
            format!(
                "unknown {} type for {}{hint}",
                kind.keyword(),
                provider.label()
            )
        };
        self.problem(ctx, &[], msg);
    }

    fn check_provider_block(&mut self, file: &str, src: &str, block: &Block) {
        let labels = labels(block);
        let [name] = labels[..] else { return };
        let Some(node) = self.provider_for(name).and_then(Provider::config) else {
            return;
        };
        let loc = location(file, src, "provider", &labels, &format!("provider.{name}"));
        let ctx = Ctx {
            loc: &loc,
            rtype: "",
        };
        let items: Vec<Item> = body_items(block.body())
            .into_iter()
            .filter(|i| !matches!(i.key(), "alias" | "version"))
            .collect();
        self.check_body(node, &items, &ctx, &[], false, false);
    }

    /// Checks one body (block or object) against `node`. `top`: the resource body itself
    /// (meta-arguments allowed); `partial`: an override file, so nothing is required.
    fn check_body(
        &mut self,
        node: Node,
        items: &[Item],
        ctx: &Ctx,
        path: &[String],
        top: bool,
        partial: bool,
    ) {
        let mut present = BTreeSet::new();
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for item in items {
            let key = item.key();
            if top && META_ARGS.contains(&key) {
                continue;
            }
            match item {
                Item::Block(block) if key == "dynamic" && !block.labels().is_empty() => {
                    let name = block.labels()[0].as_str();
                    self.check_dynamic(node, name, block.body(), ctx, path);
                    present.insert(name);
                }
                Item::Block(block) => {
                    present.insert(key);
                    if self.check_block(node, block, ctx, path) {
                        *counts.entry(key).or_default() += 1;
                    }
                }
                Item::Attr(_, value) => {
                    present.insert(key);
                    self.check_attr(node, key, value, ctx, path, top);
                }
            }
        }
        self.check_max_items(node, &counts, ctx, path);
        if !partial {
            self.check_required(node, &present, ctx, path);
        }
    }

    /// `key = value`. Fine for an argument; for a block only when it has attribute syntax.
    fn check_attr(
        &mut self,
        node: Node,
        key: &str,
        value: &Expression,
        ctx: &Ctx,
        path: &[String],
        top: bool,
    ) {
        if node.has_attr(key) {
            return;
        }
        let Some(block) = node.block(key) else {
            return self.unknown_key(node, key, "argument", ctx, path);
        };
        if block.is_opaque() {
            return;
        }
        if !block.is_attr_syntax() {
            let msg = format!(
                "\"{key}\" is a block, not an argument: write `{key} {{ ... }}` (or `dynamic \"{key}\"`)"
            );
            return self.problem(ctx, path, msg);
        }
        self.check_attr_value(block, value, ctx, &child(path, key));
        if top && ALL_FIELDS_WHEN_ASSIGNED.contains(&(ctx.rtype, key)) {
            self.check_all_fields(block, value, ctx, &child(path, key));
        }
    }

    /// `key { … }`. Returns whether it counts as an instance of a schema block.
    fn check_block(&mut self, node: Node, block: &Block, ctx: &Ctx, path: &[String]) -> bool {
        let key = block.identifier();
        if node.has_attr(key) {
            let msg = format!("\"{key}\" is an argument, not a block: write `{key} = ...`");
            self.problem(ctx, path, msg);
            return false;
        }
        let Some(schema) = node.block(key) else {
            self.unknown_key(node, key, "block", ctx, path);
            return false;
        };
        if schema.is_opaque() {
            return false;
        }
        if schema.is_attr_syntax() && matches!(schema.nesting(), "single" | "map") {
            let msg =
                format!("\"{key}\" is a nested attribute, not a block: write `{key} = {{ ... }}`");
            self.problem(ctx, path, msg);
            return false;
        }
        let items = body_items(block.body());
        self.check_body(schema, &items, ctx, &child(path, key), false, false);
        true
    }

    fn unknown_key(&mut self, node: Node, key: &str, what: &str, ctx: &Ctx, path: &[String]) {
        if node.is_computed(key) {
            let msg =
                format!("\"{key}\" is read-only (computed by the provider); it cannot be set");
            return self.problem(ctx, path, msg);
        }
        let hint = did_you_mean(key, node.attr_names().chain(node.block_names()));
        self.problem(ctx, path, format!("unknown {what} \"{key}\"{hint}"));
    }

    /// `dynamic "name" { for_each = … content { … } }` is checked as block `name`.
    fn check_dynamic(&mut self, node: Node, name: &str, body: &Body, ctx: &Ctx, path: &[String]) {
        let Some(schema) = node.block(name) else {
            let msg = if node.has_attr(name) {
                format!("dynamic \"{name}\": \"{name}\" is an argument, not a block")
            } else {
                let hint = did_you_mean(name, node.block_names());
                format!("dynamic \"{name}\": unknown block \"{name}\"{hint}")
            };
            return self.problem(ctx, path, msg);
        };
        if schema.is_opaque() {
            return;
        }
        let here = child(path, &format!("dynamic.{name}"));
        let items = body_items(body);
        if !items.iter().any(|i| i.key() == "for_each") {
            self.problem(ctx, &here, "missing \"for_each\"");
        }
        let contents: Vec<&Block> = body
            .blocks()
            .filter(|b| b.identifier() == "content")
            .collect();
        if contents.is_empty() {
            return self.problem(ctx, &here, "missing \"content\" block");
        }
        for item in &items {
            let key = item.key();
            if !matches!(key, "for_each" | "iterator" | "labels" | "content") {
                let msg = format!("unknown argument \"{key}\" in dynamic block");
                self.problem(ctx, &here, msg);
            }
        }
        for content in contents {
            let items = body_items(content.body());
            self.check_body(schema, &items, ctx, &child(path, name), false, false);
        }
    }

    /// A nested attribute / list(object) attribute written with `=`: check literal objects.
    fn check_attr_value(&mut self, schema: Node, value: &Expression, ctx: &Ctx, path: &[String]) {
        match value {
            Expression::Object(obj) => match schema.nesting() {
                "map" => {
                    for (key, inner) in obj {
                        if let Expression::Object(inner) = inner {
                            let key = object_key(key).unwrap_or("*");
                            self.check_object(schema, inner, ctx, &child(path, key));
                        }
                    }
                }
                "single" => self.check_object(schema, obj, ctx, path),
                _ => self.problem(
                    ctx,
                    path,
                    "expects a list of objects `[{ ... }]`, got a single object",
                ),
            },
            Expression::Array(elems) => {
                for elem in elems {
                    if let Expression::Object(obj) = elem {
                        self.check_object(schema, obj, ctx, path);
                    }
                }
            }
            _ => {} // variable, for expression, …: known only at plan time
        }
    }

    fn check_object(
        &mut self,
        schema: Node,
        obj: &Object<ObjectKey, Expression>,
        ctx: &Ctx,
        path: &[String],
    ) {
        self.check_body(schema, &object_items(obj), ctx, path, false, false);
    }

    fn check_all_fields(&mut self, schema: Node, value: &Expression, ctx: &Ctx, path: &[String]) {
        let Expression::Array(elems) = value else {
            return;
        };
        for elem in elems {
            let Expression::Object(obj) = elem else {
                continue;
            };
            let keys: BTreeSet<&str> = obj.keys().filter_map(object_key).collect();
            let missing: Vec<&str> = schema.attr_names().filter(|a| !keys.contains(a)).collect();
            if !missing.is_empty() {
                let msg = format!(
                    "with `=` syntax every field must be set (use null for unused): missing {}",
                    missing.join(", ")
                );
                self.problem(ctx, path, msg);
            }
        }
    }

    fn check_max_items(
        &mut self,
        node: Node,
        counts: &BTreeMap<&str, usize>,
        ctx: &Ctx,
        path: &[String],
    ) {
        for (&key, &n) in counts {
            if n > 1 && node.block(key).is_some_and(Node::is_single) {
                let msg = format!("block \"{key}\" may appear at most once (found {n})");
                self.problem(ctx, path, msg);
            }
        }
    }

    fn check_required(&mut self, node: Node, present: &BTreeSet<&str>, ctx: &Ctx, path: &[String]) {
        for (key, attr) in node.entries("attrs") {
            if attr["required"] == true && !present.contains(key) {
                self.problem(ctx, path, format!("missing required argument \"{key}\""));
            }
        }
        for (key, block) in node.entries("blocks") {
            if block["required"] == true && !present.contains(key) {
                self.problem(ctx, path, format!("missing required block \"{key}\""));
            }
        }
    }
}

/// Checks `(display path, source)` pairs and returns every problem found.
fn check_sources(providers: &[Provider], files: &[(String, String)]) -> Report {
    let mut checker = Checker::new(providers);
    for (file, src) in files {
        checker.check_file(file, src);
    }
    checker.report
}

// ---------------------------------------------------------------------------------------------
// Files, fixtures and refresh
// ---------------------------------------------------------------------------------------------

/// `*.tf` files under `dir`, recursively, in a stable order.
fn tf_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|e| e.expect("readable dir entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_dir() {
            if !SKIP_DIRS.contains(&name) {
                out.extend(tf_files(&path));
            }
        } else if name.ends_with(".tf") {
            out.push(path);
        }
    }
    out
}

/// The generated tree as `(path relative to the crate, source)` pairs.
fn generated_sources() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    tf_files(Path::new(GENERATED_DIR))
        .into_iter()
        .map(|path| {
            let src = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
            let shown = path.strip_prefix(root).unwrap_or(&path);
            (shown.display().to_string(), src)
        })
        .collect()
}

/// Every `(kind, type)` of resource and data blocks in the sources (unparsable files skipped).
fn used_types(files: &[(String, String)]) -> BTreeSet<(Kind, String)> {
    let mut used = BTreeSet::new();
    for (_, src) in files {
        let Ok(body) = hcl::parse(src) else { continue };
        for block in body.blocks() {
            let kind = match block.identifier() {
                "resource" => Kind::Resource,
                "data" => Kind::Data,
                "ephemeral"
                    if block
                        .labels()
                        .first()
                        .is_some_and(|t| EPHEMERAL_AS_DATA.contains(&t.as_str())) =>
                {
                    Kind::Data
                }
                _ => continue,
            };
            if let Some(rtype) = block.labels().first() {
                used.insert((kind, rtype.as_str().to_string()));
            }
        }
    }
    used
}

/// The vendored schemas, refreshed first when `TFGEN_REFRESH_PROVIDER_SCHEMA` is set. Shared by
/// all tests so none of them reads a fixture while the refresh rewrites it.
fn providers() -> &'static [Provider] {
    static PROVIDERS_CELL: OnceLock<Vec<Provider>> = OnceLock::new();
    PROVIDERS_CELL.get_or_init(|| {
        if let Some(dir) = std::env::var_os(REFRESH_ENV) {
            refresh_fixtures(Path::new(&dir));
        }
        PROVIDERS
            .iter()
            .map(|name| {
                let path = Path::new(FIXTURE_DIR).join(format!("{name}.json"));
                let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
                    panic!(
                        "read {}: {e}; recreate it with `{REFRESH_CMD}`",
                        path.display()
                    )
                });
                Provider::from_json(&text)
                    .unwrap_or_else(|e| panic!("parse {}: {e}", path.display()))
            })
            .collect()
    })
}

/// Rewrites the vendored subsets from the full schemas in `source_dir`, keeping the types used
/// by `generated/`, the types already vendored and [`EXTRA_TYPES`].
fn refresh_fixtures(source_dir: &Path) {
    let mut wanted = used_types(&generated_sources());
    wanted.extend(EXTRA_TYPES.iter().map(|&(k, t)| (k, t.to_string())));
    for name in PROVIDERS {
        let fixture = Path::new(FIXTURE_DIR).join(format!("{name}.json"));
        if let Ok(text) = std::fs::read_to_string(&fixture) {
            wanted.extend(vendored_types(&text));
        }
        let source = source_dir.join(format!("{name}.json"));
        let full: Value = serde_json::from_str(
            &std::fs::read_to_string(&source)
                .unwrap_or_else(|e| panic!("{REFRESH_ENV}: read {}: {e}", source.display())),
        )
        .unwrap_or_else(|e| panic!("{REFRESH_ENV}: parse {}: {e}", source.display()));
        let subset = schema_subset(&full, &wanted);
        write_atomically(&fixture, &(serde_json::to_string(&subset).unwrap() + "\n"));
        eprintln!(
            "refreshed {}: {} resources, {} data sources",
            fixture.display(),
            subset["resources"].as_object().map_or(0, Map::len),
            subset["data_sources"].as_object().map_or(0, Map::len),
        );
    }
}

/// `(kind, type)` pairs a vendored file holds (a malformed file holds none: it is rewritten).
fn vendored_types(text: &str) -> Vec<(Kind, String)> {
    let Ok(doc) = serde_json::from_str::<Value>(text) else {
        return Vec::new();
    };
    [Kind::Resource, Kind::Data]
        .into_iter()
        .flat_map(|kind| {
            let section = doc[kind.section()].as_object().cloned().unwrap_or_default();
            section.into_iter().map(move |(t, _)| (kind, t))
        })
        .collect()
}

/// The full schema restricted to the `wanted` types (those it has), plus the lists of all type
/// names; other top-level fields (provider, source, version, …) are kept. Keys sorted.
fn schema_subset(full: &Value, wanted: &BTreeSet<(Kind, String)>) -> Value {
    let mut out: Map<String, Value> = full
        .as_object()
        .expect("schema is a JSON object")
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "resources" | "data_sources"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    for kind in [Kind::Resource, Kind::Data] {
        let all = full[kind.section()]
            .as_object()
            .cloned()
            .unwrap_or_default();
        let mut names: Vec<String> = all.keys().cloned().collect();
        names.sort();
        let names = names.into_iter().map(Value::String).collect();
        let picked: Map<String, Value> = wanted
            .iter()
            .filter(|(k, t)| *k == kind && all.contains_key(t))
            .map(|(_, t)| (t.clone(), all[t].clone()))
            .collect();
        out.insert(kind.all_names_key().to_string(), Value::Array(names));
        out.insert(kind.section().to_string(), Value::Object(picked));
    }
    sort_keys(Value::Object(out))
}

/// Same layout as the Python extractor (`sort_keys=True`); serde_json preserves insertion order.
fn sort_keys(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (k, sort_keys(v)))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sort_keys).collect()),
        other => other,
    }
}

fn write_atomically(path: &Path, text: &str) {
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, text).unwrap_or_else(|e| panic!("write {}: {e}", tmp.display()));
    std::fs::rename(&tmp, path).unwrap_or_else(|e| panic!("rename to {}: {e}", path.display()));
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

#[test]
fn generated_tree_conforms_to_provider_schema() {
    let files = generated_sources();
    assert!(!files.is_empty(), "no .tf files under generated/");
    let report = check_sources(providers(), &files);
    assert!(
        report.checked > 0,
        "no aws_/datadog_ blocks found under generated/"
    );
    let mut msg = String::new();
    for p in &report.problems {
        writeln!(msg, "  {p}").unwrap();
    }
    assert!(
        report.problems.is_empty(),
        "{} provider-schema problems in generated/ ({} resources and data sources checked):\n{msg}",
        report.problems.len(),
        report.checked,
    );
}

#[test]
fn vendored_subset_holds_the_extra_types() {
    let by_name: BTreeMap<&str, &Provider> =
        providers().iter().map(|p| (p.name.as_str(), p)).collect();
    let mut missing = Vec::new();
    for &(kind, rtype) in EXTRA_TYPES {
        let provider = by_name[rtype.split('_').next().unwrap()];
        let exists = provider.all_names(kind).any(|n| n == rtype);
        if exists && provider.node(kind, rtype).is_none() {
            missing.push(format!("{} {rtype}", kind.keyword()));
        }
    }
    assert!(
        missing.is_empty(),
        "not vendored: {missing:?}; run `{REFRESH_CMD}`"
    );
}

/// Problems for one inline `.tf` snippet, checked against the vendored schemas.
fn problems_in(src: &str) -> Vec<String> {
    problems_in_file("t.tf", src, providers())
}

fn problems_in_file(file: &str, src: &str, providers: &[Provider]) -> Vec<String> {
    check_sources(providers, &[(file.to_string(), src.to_string())]).problems
}

#[track_caller]
fn assert_only(problems: &[String], expected: &[&str]) {
    assert_eq!(
        problems, expected,
        "\nexpected exactly these problems (left: found)"
    );
}

#[test]
fn correct_snippet_reports_nothing() {
    let src = r#"
resource "aws_lb_listener" "https" {
  count             = 1
  load_balancer_arn = aws_lb.this.arn
  port              = 443
  default_action {
    type = "fixed-response"
    fixed_response {
      content_type = "text/plain"
      status_code  = "404"
    }
  }
  lifecycle {
    create_before_destroy = true
  }
  depends_on = [aws_lb.this]
}

resource "aws_security_group" "app" {
  for_each = var.groups
  provider = aws.eu
  name     = each.key
  ingress {
    from_port = 443
    to_port   = 443
    protocol  = "tcp"
  }
  dynamic "ingress" {
    for_each = var.extra_ports
    content {
      from_port = ingress.value
      to_port   = ingress.value
      protocol  = "tcp"
    }
  }
  egress = [{
    from_port        = 0
    to_port          = 0
    protocol         = "-1"
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = null
    prefix_list_ids  = null
    security_groups  = null
    self             = null
    description      = "all"
  }]
  provisioner "local-exec" {
    command = "echo hi"
  }
}

resource "aws_wafv2_web_acl" "this" {
  scope = "REGIONAL"
  default_action {
    allow {}
  }
  rule {
    name     = "r"
    priority = 1
    statement {
      anything_goes_here { because = "opaque" }
    }
    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "r"
      sampled_requests_enabled   = true
    }
  }
  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "acl"
    sampled_requests_enabled   = true
  }
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "random_id" "not_checked" {
  whatever = 1
}
"#;
    assert_only(&problems_in(src), &[]);
}

#[test]
fn unknown_argument_and_block_get_a_did_you_mean() {
    let src = r#"
resource "aws_cloudwatch_log_group" "app" {
  name             = "app"
  retention_in_day = 7
  bogus_setting    = true
  timeouts {}
}
"#;
    assert_only(
        &problems_in(src),
        &[
            r#"t.tf:2: aws_cloudwatch_log_group.app: unknown argument "retention_in_day" (did you mean "retention_in_days"?)"#,
            r#"t.tf:2: aws_cloudwatch_log_group.app: unknown argument "bogus_setting""#,
            r#"t.tf:2: aws_cloudwatch_log_group.app: unknown block "timeouts""#,
        ],
    );
}

#[test]
fn unknown_nested_block_is_reported_with_its_path() {
    let src = r#"
resource "aws_lb_listener" "x" {
  load_balancer_arn = "arn"
  default_action {
    type = "forward"
    forwrd {}
  }
}
"#;
    assert_only(
        &problems_in(src),
        &[
            r#"t.tf:2: aws_lb_listener.x: default_action: unknown block "forwrd" (did you mean "forward"?)"#,
        ],
    );
}

#[test]
fn computed_attribute_cannot_be_set() {
    let src = r#"
resource "aws_cloudwatch_log_group" "app" {
  name = "app"
  arn  = "arn:aws:logs:x"
}
"#;
    assert_only(
        &problems_in(src),
        &[
            r#"t.tf:2: aws_cloudwatch_log_group.app: "arn" is read-only (computed by the provider); it cannot be set"#,
        ],
    );
}

#[test]
fn missing_required_arguments_and_blocks_are_reported_recursively() {
    let src = r#"
resource "aws_lb_listener" "x" {
  port = 443
}

resource "aws_cloudfront_distribution" "cdn" {
  enabled = true
  origin {
    domain_name = "example.com"
    origin_id   = "o"
  }
  default_cache_behavior {
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    viewer_protocol_policy = "redirect-to-https"
  }
  restrictions {}
  viewer_certificate {
    cloudfront_default_certificate = true
  }
}
"#;
    assert_only(
        &problems_in(src),
        &[
            r#"t.tf:2: aws_lb_listener.x: missing required argument "load_balancer_arn""#,
            r#"t.tf:2: aws_lb_listener.x: missing required block "default_action""#,
            r#"t.tf:6: aws_cloudfront_distribution.cdn: default_cache_behavior: missing required argument "target_origin_id""#,
            r#"t.tf:6: aws_cloudfront_distribution.cdn: restrictions: missing required block "geo_restriction""#,
        ],
    );
}

#[test]
fn override_files_may_omit_required_arguments() {
    let src = r#"
resource "aws_lb_listener" "x" {
  port = 8443
}
"#;
    assert_only(&problems_in_file("x_override.tf", src, providers()), &[]);
}

#[test]
fn argument_written_as_block_is_reported() {
    let src = r#"
resource "aws_cloudwatch_log_group" "app" {
  name = "app"
  tags {
    Team = "x"
  }
}
"#;
    assert_only(
        &problems_in(src),
        &[
            r#"t.tf:2: aws_cloudwatch_log_group.app: "tags" is an argument, not a block: write `tags = ...`"#,
        ],
    );
}

#[test]
fn block_written_as_argument_is_reported() {
    let src = r#"
resource "aws_lb_listener" "x" {
  load_balancer_arn = "arn"
  default_action = {
    type = "forward"
  }
}
"#;
    assert_only(
        &problems_in(src),
        &[
            r#"t.tf:2: aws_lb_listener.x: "default_action" is a block, not an argument: write `default_action { ... }` (or `dynamic "default_action"`)"#,
        ],
    );
}

#[test]
fn attribute_syntax_blocks_are_checked_as_objects() {
    let src = r#"
resource "aws_security_group" "app" {
  ingress = [{
    from_port = 443
    to_prot   = 443
  }]
  egress = {
    from_port = 0
  }
}
"#;
    assert_only(
        &problems_in(src),
        &[
            r#"t.tf:2: aws_security_group.app: ingress: unknown argument "to_prot" (did you mean "to_port"?)"#,
            "t.tf:2: aws_security_group.app: ingress: with `=` syntax every field must be set (use null for unused): missing cidr_blocks, description, ipv6_cidr_blocks, prefix_list_ids, protocol, security_groups, self, to_port",
            "t.tf:2: aws_security_group.app: egress: expects a list of objects `[{ ... }]`, got a single object",
        ],
    );
}

#[test]
fn max_items_one_block_repeated_is_reported() {
    let src = r#"
resource "aws_wafv2_web_acl" "this" {
  scope = "REGIONAL"
  default_action {
    allow {}
  }
  default_action {
    block {}
  }
  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "acl"
    sampled_requests_enabled   = true
  }
}
"#;
    assert_only(
        &problems_in(src),
        &[
            r#"t.tf:2: aws_wafv2_web_acl.this: block "default_action" may appear at most once (found 2)"#,
        ],
    );
}

#[test]
fn unknown_types_are_reported_with_a_did_you_mean() {
    let src = r#"
resource "aws_s3_buckett" "b" {
  bucket = "x"
}

data "aws_caller_identiy" "me" {}

resource "datadog_monitr" "m" {}
"#;
    assert_only(
        &problems_in(src),
        &[
            r#"t.tf:2: aws_s3_buckett.b: unknown resource type for registry.terraform.io/hashicorp/aws 6.25.0 (did you mean "aws_s3_bucket"?)"#,
            r#"t.tf:6: data.aws_caller_identiy.me: unknown data type for registry.terraform.io/hashicorp/aws 6.25.0 (did you mean "aws_caller_identity"?)"#,
            r#"t.tf:8: datadog_monitr.m: unknown resource type for registry.terraform.io/datadog/datadog 3.82.0 (did you mean "datadog_monitor"?)"#,
        ],
    );
}

#[test]
fn dynamic_block_content_is_checked_against_the_block() {
    let src = r#"
resource "aws_security_group" "app" {
  dynamic "ingress" {
    for_each = var.ports
    content {
      from_port = ingress.value
      to_prot   = ingress.value
    }
  }
  dynamic "ingres" {
    for_each = var.ports
    content {}
  }
  dynamic "egress" {
    for_each = var.ports
  }
  dynamic "name" {
    for_each = var.ports
    content {}
  }
}

resource "aws_lb_listener" "x" {
  load_balancer_arn = "arn"
  dynamic "default_action" {
    for_each = var.actions
    content {
      target_group_arn = default_action.value
    }
  }
}
"#;
    assert_only(
        &problems_in(src),
        &[
            r#"t.tf:2: aws_security_group.app: ingress: unknown argument "to_prot" (did you mean "to_port"?)"#,
            r#"t.tf:2: aws_security_group.app: dynamic "ingres": unknown block "ingres" (did you mean "ingress"?)"#,
            r#"t.tf:2: aws_security_group.app: dynamic.egress: missing "content" block"#,
            r#"t.tf:2: aws_security_group.app: dynamic "name": "name" is an argument, not a block"#,
            r#"t.tf:23: aws_lb_listener.x: default_action: missing required argument "type""#,
        ],
    );
}

#[test]
fn all_problems_of_all_files_are_reported_at_once() {
    let files = [
        (
            "a/main.tf".to_string(),
            "resource \"aws_sns_topic\" \"t\" {\n  nmae = \"x\"\n}\n".to_string(),
        ),
        (
            "b/main.tf".to_string(),
            "resource \"aws_sns_topic_subscription\" \"s\" {\n  topic_arn = \"x\"\n}\n".to_string(),
        ),
        (
            "c/broken.tf".to_string(),
            "resource \"aws_sns_topic\" {\n".to_string(),
        ),
    ];
    let report = check_sources(providers(), &files);
    assert_eq!(report.checked, 2);
    assert_eq!(report.problems.len(), 4, "{:#?}", report.problems);
    assert_eq!(
        report.problems[0],
        r#"a/main.tf:1: aws_sns_topic.t: unknown argument "nmae" (did you mean "name"?)"#
    );
    assert_eq!(
        report.problems[1..3],
        [
            r#"b/main.tf:1: aws_sns_topic_subscription.s: missing required argument "endpoint""#,
            r#"b/main.tf:1: aws_sns_topic_subscription.s: missing required argument "protocol""#,
        ]
    );
    assert!(
        report.problems[3].starts_with("c/broken.tf: parse error (hcl-rs): "),
        "{}",
        report.problems[3]
    );
}

/// A tiny hand-written schema for cases the vendored AWS subset has no example of.
fn mini_provider() -> Provider {
    Provider::from_json(
        r#"{"all_data_source_types":[],"all_resource_types":["aws_s3tables_table","aws_sqs_queue"],
            "data_sources":{},"provider":"aws","source":"registry.terraform.io/hashicorp/aws",
            "resources":{"aws_s3tables_table":{"attrs":{"name":{"required":true,"type":"string"}},
              "blocks":{"encryption_configuration":{"attrs":{"kms_key_arn":{"type":"string"}},
                "nesting":"single","syntax":"attr"}}}},
            "version":"6.25.0"}"#,
    )
    .unwrap()
}

#[test]
fn nested_attribute_written_as_block_is_reported() {
    let src = r#"
resource "aws_s3tables_table" "t" {
  name = "t"
  encryption_configuration {
    kms_key_arn = "k"
  }
}

resource "aws_s3tables_table" "ok" {
  name = "ok"
  encryption_configuration = {
    kms_key_ar = "k"
  }
}
"#;
    assert_only(
        &problems_in_file("t.tf", src, &[mini_provider()]),
        &[
            r#"t.tf:2: aws_s3tables_table.t: "encryption_configuration" is a nested attribute, not a block: write `encryption_configuration = { ... }`"#,
            r#"t.tf:9: aws_s3tables_table.ok: encryption_configuration: unknown argument "kms_key_ar" (did you mean "kms_key_arn"?)"#,
        ],
    );
}

#[test]
fn type_missing_from_the_subset_asks_for_a_refresh() {
    let src = "resource \"aws_sqs_queue\" \"q\" {}\n";
    let problems = problems_in_file("t.tf", src, &[mini_provider()]);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].starts_with("t.tf:1: aws_sqs_queue.q: resource type aws_sqs_queue is missing from the vendored schema subset tests/fixtures/provider_schema/aws.json"),
        "{}",
        problems[0]
    );
    assert!(
        problems[0].ends_with(&format!("`{REFRESH_CMD}`")),
        "{}",
        problems[0]
    );
}

#[test]
fn schema_subset_keeps_wanted_types_and_all_names_sorted() {
    let full: Value = serde_json::from_str(
        r#"{"version":"1","provider":"aws","resources":{"aws_b":{"attrs":{"z":{"type":"string"},"a":{"type":"string"}}},"aws_a":{}},
            "data_sources":{"aws_d":{}},"provider_config":{"attrs":{}}}"#,
    )
    .unwrap();
    let wanted = BTreeSet::from([
        (Kind::Resource, "aws_b".to_string()),
        (Kind::Resource, "aws_gone".to_string()),
        (Kind::Data, "aws_b".to_string()),
    ]);
    let text = serde_json::to_string(&schema_subset(&full, &wanted)).unwrap();
    assert_eq!(
        text,
        r#"{"all_data_source_types":["aws_d"],"all_resource_types":["aws_a","aws_b"],"data_sources":{},"provider":"aws","provider_config":{"attrs":{}},"resources":{"aws_b":{"attrs":{"a":{"type":"string"},"z":{"type":"string"}}}},"version":"1"}"#
    );
}
