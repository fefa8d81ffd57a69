//! Documents generated from the schema itself — every field, every allowed
//! type, boundary numbers written as floats (`512.0`), nulls where allowed,
//! and now and then a value of the wrong type — either load or give
//! positioned errors. Never an internal error: the schema and the model agree.

use proptest::prelude::*;
use serde_json::{Map, Value, json};

/// A small deterministic generator driven by proptest's seed (xorshift).
struct Gen {
    state: u64,
    root: Value,
    /// Only values the schema allows (else also values out of range or of another
    /// type), so that half the documents pass the schema and reach the model.
    strict: bool,
}

impl Gen {
    fn next(&mut self) -> u64 {
        self.state ^= self.state << 13;
        self.state ^= self.state >> 7;
        self.state ^= self.state << 17;
        self.state
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a>(&mut self, items: &'a [Value]) -> &'a Value {
        &items[self.below(items.len())]
    }

    fn value(&mut self, node: &Value, depth: usize) -> Value {
        if let Some(r) = node.get("$ref").and_then(Value::as_str) {
            let target = self.root.pointer(r.trim_start_matches('#')).cloned();
            let mut merged = target.unwrap_or_default();
            if let (Value::Object(m), Value::Object(local)) = (&mut merged, node) {
                for (k, v) in local {
                    if k != "$ref" {
                        m.insert(k.clone(), v.clone());
                    }
                }
            }
            return self.value(&merged, depth);
        }
        if !self.strict && self.chance(3) {
            // A value of some other type: the schema must report it, with a position.
            return self
                .pick(&[
                    json!(null),
                    json!("x"),
                    json!(7),
                    json!(2.5),
                    json!([1]),
                    json!({"k": 1}),
                ])
                .clone();
        }
        // One of the alternatives (a secret is a name or a `{ name, ssm | secretsmanager }` object).
        if let Some(Value::Array(options)) = node.get("anyOf") {
            let option = self.pick(options).clone();
            return self.value(&option, depth);
        }
        if let Some(Value::Array(options)) = node.get("enum") {
            return self.pick(options).clone();
        }
        if let Some(c) = node.get("const") {
            return c.clone();
        }
        let ty = match node.get("type") {
            Some(Value::Array(types)) => self.pick(types).clone(),
            Some(t) => t.clone(),
            None => json!("object"),
        };
        match ty.as_str().unwrap_or("object") {
            "null" => Value::Null,
            "boolean" => Value::Bool(self.chance(50)),
            "integer" | "number" => {
                let min = node.get("minimum").and_then(Value::as_f64).unwrap_or(-5.0);
                let max = node.get("maximum").and_then(Value::as_f64).unwrap_or(1e12);
                let mut candidates = vec![min, max];
                if !self.strict {
                    candidates.extend([min - 1.0, max + 1.0, 0.0, 512.0, 1e20]);
                }
                if let Some(d) = node.get("default").and_then(Value::as_f64) {
                    candidates.push(d);
                }
                let n = candidates[self.below(candidates.len())];
                if self.chance(50) || ty == "number" {
                    json!(n)
                } else if n.fract() == 0.0 && n.abs() < 9e15 {
                    json!(n as i64)
                } else {
                    json!(n)
                }
            }
            "string" => {
                // Strict: a sample the field's pattern accepts.
                let samples = [
                    "demo",
                    "123456789012",
                    "10.0.0.0/16",
                    "MON-FRI",
                    "09:00",
                    "17.6",
                    "db.t4g.micro",
                    "203.0.113.10/32",
                    "0123456789abcdef01234567",
                    "cron(0 3 * * ? *)",
                    "acme/demo",
                    "1.15.9",
                ];
                let fits = |sample: &&&str| match node.get("pattern") {
                    Some(p) => jsonschema::is_valid(&json!({ "pattern": p }), &json!(sample)),
                    None => true,
                };
                let mut candidates: Vec<Value> = match self.strict {
                    true => samples
                        .iter()
                        .filter(fits)
                        .take(1)
                        .map(|s| json!(s))
                        .collect(),
                    false => vec![
                        json!(""),
                        json!("web"),
                        json!("MON-FRI"),
                        json!("10.0.0.0/16"),
                        json!("a b"),
                    ],
                };
                if let Some(d) = node.get("default") {
                    candidates.push(d.clone());
                    candidates.push(d.clone());
                }
                self.pick(&candidates).clone()
            }
            "array" => {
                let items = node
                    .get("items")
                    .cloned()
                    .unwrap_or(json!({"type": "string"}));
                let mut list: Vec<Value> = Vec::new();
                for _ in 0..self.below(4) {
                    let item = self.value(&items, depth + 1);
                    if !(self.strict && list.contains(&item)) {
                        list.push(item);
                    }
                }
                Value::Array(list)
            }
            _ => {
                let mut out = Map::new();
                if depth > 6 {
                    return Value::Object(out);
                }
                let mut required: Vec<Value> = node
                    .get("required")
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default();
                // The top level is `environment` or `environments` (`oneOf`): the
                // generator writes the first form, whose fields the CLI requires.
                if let Some(Value::Array(first)) = node.pointer("/oneOf/0/required") {
                    required.extend(first.iter().cloned());
                }
                if let Some(Value::Object(props)) = node.get("properties") {
                    for (name, child) in props {
                        // The other form stands beside the first only as an error.
                        if name == "environments" && (self.strict || !self.chance(10)) {
                            continue;
                        }
                        if required.contains(&json!(name)) || self.chance(40) {
                            let v = self.value(child, depth + 1);
                            out.insert(name.clone(), v);
                        }
                    }
                }
                if let Some(extra @ Value::Object(_)) = node.get("additionalProperties") {
                    let names = if self.strict {
                        ["web", "api", "worker", "web"]
                    } else {
                        ["web", "api", "Bad_Name", "worker"]
                    };
                    for _ in 0..=self.below(2) {
                        let name = names[self.below(names.len())];
                        let v = self.value(extra, depth + 1);
                        out.insert(name.into(), v);
                    }
                }
                Value::Object(out)
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn documents_from_the_schema_load_or_give_positioned_errors(seed in 1u64..) {
        let schema = tfgen::spec::schema::json_schema();
        let mut generator = Gen { state: seed, root: schema.clone(), strict: seed % 2 == 0 };
        let document = generator.value(&schema, 0);
        // JSON is YAML: floats stay floats (`512.0`).
        let text = serde_json::to_string(&document).expect("serializes");
        let checked = tfgen::spec::check(text.as_bytes());
        if generator.strict {
            // Allowed values only: the CLI's schema accepts the document, so it reaches the model.
            let doc = tfgen::spec::load::load(text.as_bytes()).expect("JSON loads");
            let schema_errors = tfgen::spec::schema::validate(&doc);
            prop_assert!(schema_errors.is_empty(), "{text}\n{schema_errors:?}");
        }
        for d in &checked.diagnostics {
            prop_assert!(!d.message.contains("internal error"), "{text}\n{}", d.message);
            prop_assert!(d.position.line >= 1 && d.position.column >= 1, "{text}\n{d:?}");
        }
    }
}
