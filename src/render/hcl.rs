//! The `hcl` filter: encodes any template value as an HCL expression already
//! in `terraform fmt` form, so no template ever quotes a value by hand.
//!
//! Safe strings (`Value::from_safe_string`) are expressions, written verbatim:
//! that is how unit inputs carry `dependency.x.outputs.y` references.

use minijinja::value::ValueKind;
use minijinja::{Environment, Error, ErrorKind, Value};

/// Longest single-line list before it is broken one item per line.
const MAX_INLINE_LIST: usize = 80;

/// Registers the `hcl` filter: `{{ value | hcl }}` or `{{ value | hcl(level) }}`,
/// where `level` is the indentation level (two spaces each) of the line the
/// expression starts on.
pub fn register(env: &mut Environment<'_>) {
    env.add_filter("hcl", |value: Value, level: Option<usize>| {
        encode(&value, level.unwrap_or(0))
    });
}

/// Encodes a value as an HCL expression starting on a line indented by `level`.
pub fn encode(value: &Value, level: usize) -> Result<String, Error> {
    if value.is_safe() {
        return Ok(value.as_str().unwrap_or_default().to_owned());
    }
    match value.kind() {
        ValueKind::Undefined | ValueKind::None => Ok("null".into()),
        ValueKind::Bool => Ok(value.is_true().to_string()),
        ValueKind::Number => Ok(number(value)),
        ValueKind::String => Ok(string(value.as_str().unwrap_or_default())),
        ValueKind::Seq | ValueKind::Iterable => list(value, level),
        ValueKind::Map => object(value, level),
        other => Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("the hcl filter cannot encode a {other} value"),
        )),
    }
}

/// Integers as integers; floats in shortest round-trip form (2.0 → 2).
fn number(value: &Value) -> String {
    if let Ok(i) = i64::try_from(value.clone()) {
        return i.to_string();
    }
    let f = f64::try_from(value.clone()).unwrap_or(0.0);
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// A quoted HCL string; `${` and `%{` are escaped so text is never interpolated.
pub fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn indent(level: usize) -> String {
    "  ".repeat(level)
}

fn list(value: &Value, level: usize) -> Result<String, Error> {
    let items: Vec<Value> = value.try_iter()?.collect();
    if items.is_empty() {
        return Ok("[]".into());
    }
    let scalar = items
        .iter()
        .all(|v| !matches!(v.kind(), ValueKind::Seq | ValueKind::Map));
    if scalar {
        let encoded = items
            .iter()
            .map(|v| encode(v, level))
            .collect::<Result<Vec<_>, _>>()?;
        let line = format!("[{}]", encoded.join(", "));
        if line.len() + level * 2 <= MAX_INLINE_LIST {
            return Ok(line);
        }
    }
    let mut out = String::from("[\n");
    for item in &items {
        out.push_str(&format!(
            "{}{},\n",
            indent(level + 1),
            encode(item, level + 1)?
        ));
    }
    out.push_str(&format!("{}]", indent(level)));
    Ok(out)
}

/// An object key: bare when it is an identifier, quoted otherwise.
fn key(k: &str) -> String {
    let mut chars = k.chars();
    let ident = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if ident { k.to_owned() } else { string(k) }
}

fn object(value: &Value, level: usize) -> Result<String, Error> {
    let keys: Vec<Value> = value.try_iter()?.collect();
    if keys.is_empty() {
        return Ok("{}".into());
    }
    let mut entries = Vec::with_capacity(keys.len());
    for k in &keys {
        let name = key(k
            .as_str()
            .map_or_else(|| k.to_string(), str::to_owned)
            .as_str());
        let v = value.get_item(k)?;
        entries.push((name, encode(&v, level + 1)?));
    }
    let mut out = String::from("{\n");
    out.push_str(&attributes(&entries, level + 1));
    out.push_str(&format!("{}}}", indent(level)));
    Ok(out)
}

/// `key = value` lines with `=` aligned the way `terraform fmt` (hclwrite)
/// aligns them: runs of consecutive single-line attributes are aligned
/// together; an attribute whose value opens a multi-line bracket is not
/// aligned and ends the run before it.
pub fn attributes(entries: &[(String, String)], level: usize) -> String {
    let mut out = String::new();
    let mut start = 0;
    while start < entries.len() {
        if entries[start].1.contains('\n') {
            let (k, v) = &entries[start];
            out.push_str(&format!("{}{k} = {v}\n", indent(level)));
            start += 1;
            continue;
        }
        let end = entries[start..]
            .iter()
            .position(|(_, v)| v.contains('\n'))
            .map_or(entries.len(), |i| start + i);
        let width = entries[start..end]
            .iter()
            .map(|(k, _)| k.chars().count())
            .max()
            .unwrap_or(0);
        for (k, v) in &entries[start..end] {
            let pad = width - k.chars().count();
            out.push_str(&format!("{}{k}{} = {v}\n", indent(level), " ".repeat(pad)));
        }
        start = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(v: serde_json::Value) -> String {
        encode(&Value::from(minijinja::value::Serde(v)), 0).unwrap()
    }

    #[test]
    fn scalars_and_escapes() {
        assert_eq!(
            enc(serde_json::json!("a\"b\\c\n${x}%{y}$z")),
            r#""a\"b\\c\n$${x}%%{y}$z""#
        );
        assert_eq!(enc(serde_json::json!(2.0)), "2");
        assert_eq!(enc(serde_json::json!(0.5)), "0.5");
        assert_eq!(enc(serde_json::json!(null)), "null");
        assert_eq!(enc(serde_json::json!(true)), "true");
    }

    /// Checked against hclcheck (terraform fmt) in ../shared/tools.
    #[test]
    fn objects_align_runs_and_break_after_multiline_values() {
        let v = serde_json::json!({"a": 1, "long_key": "x", "nested": {"k": [1, 2]}, "b": [], "quoted key": {}});
        assert_eq!(
            enc(v),
            "{\n  a        = 1\n  long_key = \"x\"\n  nested = {\n    k = [1, 2]\n  }\n  b            = []\n  \"quoted key\" = {}\n}"
        );
    }

    #[test]
    fn safe_strings_are_expressions() {
        assert_eq!(
            encode(&Value::from_safe_string("dependency.a.outputs.b".into()), 0).unwrap(),
            "dependency.a.outputs.b"
        );
    }

    #[test]
    fn output_parses_back_to_the_same_value() {
        let v = serde_json::json!({"list": ["a", {"b": [1, 2.5, true, null]}], "s": "${not interpolated}"});
        let text = format!("x = {}\n", enc(v.clone()));
        let body: hcl::Body = hcl::from_str(&text).expect("parses");
        let back: serde_json::Value = hcl::from_body(body).expect("converts");
        assert_eq!(back["x"], v);
    }
}
