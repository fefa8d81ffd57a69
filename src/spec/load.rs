//! Loading: YAML text → a JSON value plus the source position of every node.
//!
//! We build the tree from saphyr-parser's event stream ourselves so that we
//! keep line and column for every key and value, and so that hostile input
//! stays bounded: the file size, the nesting depth and the number of nodes
//! after alias expansion ("billion laughs") all have hard limits.

use crate::diagnostic::{Diagnostic, Position};
use saphyr_parser::{Event, Parser, ScalarStyle, Span};
use serde_json::{Map, Number, Value};
use std::collections::HashMap;

/// Largest spec accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;
/// Deepest nesting of mappings and sequences accepted.
pub const MAX_DEPTH: usize = 64;
/// Most nodes accepted, counting every node an alias expands to.
pub const MAX_NODES: usize = 100_000;

/// A parsed spec document: the value and where each part of it came from.
#[derive(Debug, Clone)]
pub struct Document {
    /// The document as JSON (YAML 1.2 core schema).
    pub value: Value,
    root: Node,
}

/// Position information mirroring the shape of the value.
#[derive(Debug, Clone)]
struct Node {
    position: Position,
    children: Children,
}

#[derive(Debug, Clone)]
enum Children {
    Leaf,
    Sequence(Vec<Node>),
    /// Key → (position of the key, node of the value).
    Mapping(HashMap<String, (Position, Node)>),
}

impl Document {
    /// Position of the value at a JSON pointer (`/services/api/cpu`), or of
    /// its deepest existing ancestor when the value is absent.
    pub fn position(&self, pointer: &str) -> Position {
        self.locate(pointer).0
    }

    /// Position of the key that leads to the value at `pointer` (for unknown
    /// or misplaced keys); falls back to the value's position.
    pub fn key_position(&self, pointer: &str) -> Position {
        self.locate(pointer).1
    }

    fn locate(&self, pointer: &str) -> (Position, Position) {
        let mut node = &self.root;
        let mut key_pos = node.position;
        for segment in pointer_segments(pointer) {
            let next = match &node.children {
                Children::Mapping(map) => map.get(&segment).map(|(kp, n)| (*kp, n)),
                Children::Sequence(items) => segment
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| items.get(i))
                    .map(|n| (n.position, n)),
                Children::Leaf => None,
            };
            match next {
                Some((kp, n)) => {
                    key_pos = kp;
                    node = n;
                }
                None => return (node.position, key_pos),
            }
        }
        (node.position, key_pos)
    }
}

/// Environment overrides: documents cut apart and deep-merged with their
/// positions (see `spec::environments`).
impl Document {
    /// The value at the top-level `key` as a document of its own, with its
    /// positions; `None` when the key is absent.
    pub fn member(&self, key: &str) -> Option<Document> {
        let Children::Mapping(map) = &self.root.children else {
            return None;
        };
        let (_, node) = map.get(key)?;
        Some(Document {
            value: self.value.get(key)?.clone(),
            root: node.clone(),
        })
    }

    /// The document without the top-level `keys`.
    pub fn without(&self, keys: &[&str]) -> Document {
        let mut doc = self.clone();
        if let (Value::Object(map), Children::Mapping(nodes)) =
            (&mut doc.value, &mut doc.root.children)
        {
            for key in keys {
                map.shift_remove(*key);
                nodes.remove(*key);
            }
        }
        doc
    }

    /// An empty mapping at `position`.
    pub fn empty_mapping(position: Position) -> Document {
        Document {
            value: Value::Object(Map::new()),
            root: Node {
                position,
                children: Children::Mapping(HashMap::new()),
            },
        }
    }

    /// The document with the top-level `key` set to the scalar `value`,
    /// written at `position` (key and value), after the key `after` when
    /// there is one.
    pub fn with_scalar(
        &self,
        key: &str,
        value: Value,
        position: Position,
        after: &str,
    ) -> Document {
        let mut doc = self.clone();
        if let (Value::Object(map), Children::Mapping(nodes)) =
            (&mut doc.value, &mut doc.root.children)
        {
            let at = map
                .keys()
                .position(|k| k == after)
                .map_or(map.len(), |i| i + 1);
            map.shift_remove(key);
            let at = at.min(map.len());
            map.shift_insert(at, key.to_owned(), value);
            nodes.insert(
                key.to_owned(),
                (
                    position,
                    Node {
                        position,
                        children: Children::Leaf,
                    },
                ),
            );
        }
        doc
    }

    /// `self` deep-merged with `overlay`: mappings merge key by key (the
    /// overlay's keys win, new keys come after the existing ones), lists and
    /// scalars replace, and a `null` in the overlay removes the key (JSON
    /// Merge Patch, RFC 7396). Every value keeps the position it was written
    /// at, in `self` or in `overlay`.
    pub fn merged(&self, overlay: &Document) -> Document {
        let (value, root) = merge_patch(&self.value, &self.root, &overlay.value, &overlay.root);
        Document { value, root }
    }
}

/// RFC 7396 with positions; see [`Document::merged`].
fn merge_patch(base: &Value, base_node: &Node, patch: &Value, patch_node: &Node) -> (Value, Node) {
    let (Value::Object(patch_map), Children::Mapping(patch_nodes)) = (patch, &patch_node.children)
    else {
        return (patch.clone(), patch_node.clone());
    };
    let (mut map, mut nodes, position) = match (base, &base_node.children) {
        (Value::Object(m), Children::Mapping(n)) => (m.clone(), n.clone(), base_node.position),
        _ => (Map::new(), HashMap::new(), patch_node.position),
    };
    let empty = Node {
        position: patch_node.position,
        children: Children::Mapping(HashMap::new()),
    };
    for (key, value) in patch_map {
        let Some((key_position, node)) = patch_nodes.get(key) else {
            continue;
        };
        if value.is_null() {
            map.shift_remove(key);
            nodes.remove(key);
            continue;
        }
        let (merged, merged_node) = match (map.get(key), nodes.get(key)) {
            (Some(old), Some((_, old_node))) => merge_patch(old, old_node, value, node),
            // A new mapping is merged into an empty one, so its nulls go too.
            _ => merge_patch(&Value::Null, &empty, value, node),
        };
        map.insert(key.clone(), merged);
        nodes.insert(key.clone(), (*key_position, merged_node));
    }
    (
        Value::Object(map),
        Node {
            position,
            children: Children::Mapping(nodes),
        },
    )
}

/// Splits a JSON pointer into unescaped segments.
pub fn pointer_segments(pointer: &str) -> impl Iterator<Item = String> + '_ {
    pointer
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
}

/// A load failure: always a single diagnostic (the parser stops at the first
/// syntax error).
fn fail(position: Position, message: impl Into<String>) -> Diagnostic {
    Diagnostic::error(position, "", message)
}

/// Parses spec bytes. Errors are diagnostics with a position.
pub fn load(bytes: &[u8]) -> Result<Document, Diagnostic> {
    let start = Position { line: 1, column: 1 };
    if bytes.len() > MAX_FILE_BYTES {
        return Err(fail(
            start,
            format!(
                "file is {} bytes; specs larger than {} bytes (1 MiB) are refused",
                bytes.len(),
                MAX_FILE_BYTES
            ),
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
        let line_start = valid.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&valid[line_start..])
            .chars()
            .count()
            + 1;
        fail(
            Position { line, column },
            "file is not UTF-8 text; a spec is a YAML file",
        )
        .with_help("is this the right file?")
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\0') {
        return Err(fail(
            start,
            "file contains NUL bytes; a spec is a YAML text file",
        ));
    }
    Builder::default().build(text)
}

fn position_of(span: &Span) -> Position {
    Position {
        line: span.start.line(),
        column: span.start.col() + 1,
    }
}

/// A container being built.
enum Frame {
    Sequence {
        anchor: usize,
        position: Position,
        values: Vec<Value>,
        nodes: Vec<Node>,
        /// Nodes in this subtree, counting alias expansions.
        size: usize,
    },
    Mapping {
        anchor: usize,
        position: Position,
        map: Map<String, Value>,
        nodes: HashMap<String, (Position, Node)>,
        /// The key read, waiting for its value.
        pending_key: Option<(String, Position)>,
        /// Mappings merged in with `<<`, each with the number of keys written
        /// before it (merged keys take the place of the `<<`).
        merges: Option<(usize, Vec<Merged>)>,
        /// Nodes in this subtree, counting alias expansions.
        size: usize,
    },
}

/// The key of a YAML merge (`<<: *base`), as a plain scalar.
const MERGE_KEY: &str = "<<";
/// The key a merge is held under while its mapping is read: no YAML scalar
/// the loader accepts contains NUL.
const MERGE_SLOT: &str = "\0<<";

/// A mapping merged into another, with the positions of where it was written.
type Merged = (Map<String, Value>, HashMap<String, (Position, Node)>);

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    anchors: HashMap<usize, (Value, Node, usize)>,
    nodes: usize,
    documents: usize,
    /// The scalar being pushed is a plain `<<`.
    merge_key: bool,
    root: Option<(Value, Node)>,
}

impl Builder {
    fn build(mut self, text: &str) -> Result<Document, Diagnostic> {
        let mut last = Position { line: 1, column: 1 };
        for event in Parser::new_from_str(text) {
            let (event, span) = event.map_err(|e| {
                let m = e.marker();
                let position = Position {
                    line: m.line(),
                    column: m.col() + 1,
                };
                // saphyr-parser bounds its own recursion; say so in our words.
                if e.info().contains("recursion limit") {
                    fail(
                        position,
                        format!("nesting deeper than {MAX_DEPTH} levels; refused"),
                    )
                } else {
                    fail(position, format!("YAML syntax error: {}", e.info()))
                }
            })?;
            let position = position_of(&span);
            last = position;
            self.event(event, position)?;
        }
        match self.root {
            Some((value, root)) => Ok(Document { value, root }),
            None => Err(fail(last, "the spec is empty; expected a mapping with `version`, `project`, `environment`, `region` and `services`")
                .with_help("start from one of the examples in specs/")),
        }
    }

    fn count(&mut self, n: usize, position: Position) -> Result<(), Diagnostic> {
        self.nodes += n;
        if self.nodes > MAX_NODES {
            return Err(fail(
                position,
                format!(
                    "the document expands to more than {MAX_NODES} nodes (through aliases or sheer size); refused"
                ),
            ));
        }
        Ok(())
    }

    fn event(&mut self, event: Event<'_>, position: Position) -> Result<(), Diagnostic> {
        match event {
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(fail(
                        position,
                        "a spec holds one YAML document; found a second `---`",
                    )
                    .with_help("put each environment in its own file"));
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                self.count(1, position)?;
                let is_str_tag = tag.as_ref().is_some_and(|t| t.suffix == "str");
                let value = scalar_value(&text, style, is_str_tag);
                let node = Node {
                    position,
                    children: Children::Leaf,
                };
                self.merge_key = style == ScalarStyle::Plain && tag.is_none() && text == MERGE_KEY;
                let pushed = self.push(value, node, anchor, 1, position);
                self.merge_key = false;
                pushed?;
            }
            Event::Alias(id) => {
                let Some(size) = self.anchors.get(&id).map(|a| a.2) else {
                    return Err(fail(position, "alias refers to an unknown anchor"));
                };
                // Count before cloning, so a bomb is refused before it costs memory.
                self.count(size, position)?;
                let Some((value, node, _)) = self.anchors.get(&id).cloned() else {
                    return Err(fail(position, "alias refers to an unknown anchor"));
                };
                // The alias's value keeps the anchor's positions; report it here instead.
                let node = Node { position, ..node };
                self.push(value, node, 0, size, position)?;
            }
            Event::SequenceStart(anchor, _) => {
                self.open(position)?;
                self.stack.push(Frame::Sequence {
                    anchor,
                    position,
                    values: Vec::new(),
                    nodes: Vec::new(),
                    size: 1,
                });
            }
            Event::MappingStart(anchor, _) => {
                self.open(position)?;
                self.stack.push(Frame::Mapping {
                    anchor,
                    position,
                    map: Map::new(),
                    nodes: HashMap::new(),
                    pending_key: None,
                    merges: None,
                    size: 1,
                });
            }
            Event::SequenceEnd => {
                if let Some(Frame::Sequence {
                    anchor,
                    position,
                    values,
                    nodes,
                    size,
                }) = self.stack.pop()
                {
                    let node = Node {
                        position,
                        children: Children::Sequence(nodes),
                    };
                    self.push(Value::Array(values), node, anchor, size, position)?;
                }
            }
            Event::MappingEnd => {
                if let Some(Frame::Mapping {
                    anchor,
                    position,
                    map,
                    nodes,
                    merges,
                    size,
                    ..
                }) = self.stack.pop()
                {
                    let (map, nodes) = merge(map, nodes, merges);
                    let node = Node {
                        position,
                        children: Children::Mapping(nodes),
                    };
                    self.push(Value::Object(map), node, anchor, size, position)?;
                }
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
        }
        Ok(())
    }

    fn open(&mut self, position: Position) -> Result<(), Diagnostic> {
        self.count(1, position)?;
        if self.stack.len() >= MAX_DEPTH {
            return Err(fail(
                position,
                format!("nesting deeper than {MAX_DEPTH} levels; refused"),
            ));
        }
        if let Some(Frame::Mapping {
            pending_key: None, ..
        }) = self.stack.last()
        {
            return Err(fail(
                position,
                "a mapping key must be a plain string, not a list or mapping",
            ));
        }
        Ok(())
    }

    /// Adds a finished value to its parent (or makes it the document root).
    fn push(
        &mut self,
        value: Value,
        node: Node,
        anchor: usize,
        size: usize,
        position: Position,
    ) -> Result<(), Diagnostic> {
        if anchor != 0 {
            self.anchors
                .insert(anchor, (value.clone(), node.clone(), size));
        }
        match self.stack.last_mut() {
            None => self.root = Some((value, node)),
            Some(Frame::Sequence {
                values,
                nodes,
                size: parent_size,
                ..
            }) => {
                *parent_size += size;
                values.push(value);
                nodes.push(node);
            }
            Some(Frame::Mapping {
                map,
                nodes,
                pending_key,
                merges,
                size: parent_size,
                ..
            }) => match pending_key.take() {
                None => {
                    let key = match value {
                        Value::String(s) => s,
                        Value::Null => "null".to_owned(),
                        Value::Bool(b) => b.to_string(),
                        Value::Number(n) => n.to_string(),
                        _ => return Err(fail(position, "a mapping key must be a plain string")),
                    };
                    let key = if self.merge_key {
                        MERGE_SLOT.to_owned()
                    } else {
                        key
                    };
                    if nodes.contains_key(&key) || (key == MERGE_SLOT && merges.is_some()) {
                        let key = if key == MERGE_SLOT { MERGE_KEY } else { &key };
                        return Err(fail(position, format!("duplicate key `{key}`")).with_help(
                            "each key may appear once in a mapping; remove one of them",
                        ));
                    }
                    *pending_key = Some((key, position));
                }
                Some((key, _)) if key == MERGE_SLOT => {
                    *parent_size += size;
                    *merges = Some((map.len(), merge_sources(value, node, position)?));
                }
                Some((key, key_position)) => {
                    *parent_size += size;
                    map.insert(key.clone(), value);
                    nodes.insert(key, (key_position, node));
                }
            },
        }
        Ok(())
    }
}

/// The mappings a merge key takes: one mapping, or a list of mappings.
fn merge_sources(value: Value, node: Node, position: Position) -> Result<Vec<Merged>, Diagnostic> {
    let refuse = || {
        fail(
            position,
            "a merge key `<<` takes a mapping or a list of mappings, e.g. `<<: *base`",
        )
    };
    let one = |value: Value, node: Node| match (value, node.children) {
        (Value::Object(map), Children::Mapping(nodes)) => Ok((map, nodes)),
        _ => Err(refuse()),
    };
    match (value, node.children) {
        (Value::Array(values), Children::Sequence(nodes)) => values
            .into_iter()
            .zip(nodes)
            .map(|(v, n)| one(v, n))
            .collect(),
        (value, children) => Ok(vec![one(value, Node { children, ..node })?]),
    }
}

/// A mapping with its merge applied (YAML merge key, `<<`): a merged key is
/// added where the `<<` was written, unless the mapping writes it itself or
/// an earlier merged mapping has it; it keeps the positions of where it was
/// written.
fn merge(
    map: Map<String, Value>,
    mut nodes: HashMap<String, (Position, Node)>,
    merges: Option<(usize, Vec<Merged>)>,
) -> (Map<String, Value>, HashMap<String, (Position, Node)>) {
    let Some((at, sources)) = merges else {
        return (map, nodes);
    };
    let mut out = Map::new();
    let mut written = map.into_iter();
    for (k, v) in written.by_ref().take(at) {
        out.insert(k, v);
    }
    let explicit: Vec<String> = nodes.keys().cloned().collect();
    for (source, mut source_nodes) in sources {
        for (k, v) in source {
            if explicit.contains(&k) || out.contains_key(&k) {
                continue;
            }
            if let Some(n) = source_nodes.remove(&k) {
                nodes.insert(k.clone(), n);
            }
            out.insert(k, v);
        }
    }
    for (k, v) in written {
        out.insert(k, v);
    }
    (out, nodes)
}

/// Resolves a scalar with the YAML 1.2 core schema: quoted scalars are
/// strings; plain ones may be null, bool, integer or float.
fn scalar_value(text: &str, style: ScalarStyle, str_tag: bool) -> Value {
    if style != ScalarStyle::Plain || str_tag {
        return Value::String(text.to_owned());
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    if let Some(n) = parse_integer(text) {
        return Value::Number(n);
    }
    if looks_like_float(text)
        && let Ok(f) = text.parse::<f64>()
        && let Some(n) = Number::from_f64(f)
    {
        return Value::Number(n);
    }
    Value::String(text.to_owned())
}

fn parse_integer(text: &str) -> Option<Number> {
    let (digits, radix) = if let Some(hex) = text.strip_prefix("0x") {
        (hex, 16)
    } else if let Some(oct) = text.strip_prefix("0o") {
        (oct, 8)
    } else {
        (text, 10)
    };
    if radix == 10 {
        let body = digits.strip_prefix(['-', '+']).unwrap_or(digits);
        if body.is_empty() || !body.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let digits = digits.strip_prefix('+').unwrap_or(digits);
        return digits
            .parse::<u64>()
            .map(Number::from)
            .or_else(|_| digits.parse::<i64>().map(Number::from))
            .ok();
    }
    if digits.is_empty() {
        return None;
    }
    u64::from_str_radix(digits, radix).ok().map(Number::from)
}

/// YAML 1.2 core float syntax (without .inf and .nan, which JSON cannot hold).
fn looks_like_float(text: &str) -> bool {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let mut parts = mantissa.splitn(2, '.');
    let int = parts.next().unwrap_or("");
    let frac = parts.next();
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = digits(int)
        && frac.is_none_or(digits)
        && (!int.is_empty() || frac.is_some_and(|f| !f.is_empty()));
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exponent_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> Value {
        load(text.as_bytes()).expect("loads").value
    }

    #[test]
    fn resolves_scalars_with_the_core_schema() {
        let v = value(
            "a: 1\nb: 0.5\nc: true\nd: ~\ne: '1'\nf: 09:00\ng: 17.6\nh: -3\ni: 1e3\nj: .inf\n",
        );
        assert_eq!(v["a"], 1);
        assert_eq!(v["b"], 0.5);
        assert_eq!(v["c"], true);
        assert_eq!(v["d"], Value::Null);
        assert_eq!(v["e"], "1");
        assert_eq!(v["f"], "09:00");
        assert_eq!(v["g"], 17.6);
        assert_eq!(v["h"], -3);
        assert_eq!(v["i"], 1000.0);
        assert_eq!(v["j"], ".inf");
    }

    #[test]
    fn keeps_positions_of_keys_and_values() {
        let doc = load(b"version: 1\nservices:\n  api:\n    cpu: 300\n").unwrap();
        assert_eq!(
            doc.position("/services/api/cpu"),
            Position {
                line: 4,
                column: 10
            }
        );
        assert_eq!(
            doc.key_position("/services/api/cpu"),
            Position { line: 4, column: 5 }
        );
        // Absent values point at their deepest existing ancestor.
        assert_eq!(
            doc.position("/services/api/memory"),
            Position { line: 4, column: 5 }
        );
    }

    #[test]
    fn refuses_alias_bombs() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let prev = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
            ));
        }
        let err = load(text.as_bytes()).unwrap_err();
        assert!(
            err.message.contains("expands to more than"),
            "{}",
            err.message
        );
    }

    #[test]
    fn refuses_deep_nesting() {
        let text = "[".repeat(10_000);
        let err = load(text.as_bytes()).unwrap_err();
        assert!(err.message.contains("nesting deeper"), "{}", err.message);
    }

    #[test]
    fn refuses_duplicates_and_second_documents() {
        assert!(
            load(b"a: 1\na: 2\n")
                .unwrap_err()
                .message
                .contains("duplicate key `a`")
        );
        assert!(
            load(b"a: 1\n---\nb: 2\n")
                .unwrap_err()
                .message
                .contains("second")
        );
    }

    #[test]
    fn merge_keys_merge_with_explicit_keys_winning() {
        let text = "base: &base\n  port: 3000\n  cpu: 256\n  memory: 512\nweb:\n  path: /\n  <<: *base\n  cpu: 512\n";
        let doc = load(text.as_bytes()).unwrap();
        assert_eq!(doc.value["web"]["port"], 3000);
        assert_eq!(doc.value["web"]["memory"], 512);
        // Written after the merge, and still the explicit key wins.
        assert_eq!(doc.value["web"]["cpu"], 512);
        let keys: Vec<&String> = doc.value["web"].as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            ["path", "port", "memory", "cpu"],
            "merged keys take the place of `<<`"
        );
        // A merged key keeps the position where it was written: in the anchored mapping.
        assert_eq!(doc.position("/web/port"), Position { line: 2, column: 9 });
        assert_eq!(
            doc.key_position("/web/memory"),
            Position { line: 4, column: 3 }
        );
        // The explicit key keeps its own.
        assert_eq!(doc.position("/web/cpu"), Position { line: 8, column: 8 });
    }

    #[test]
    fn merge_lists_give_earlier_mappings_precedence() {
        let text = "a: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2}\nc:\n  <<: [*a, *b]\n  z: 3\n";
        let v = value(text);
        assert_eq!(v["c"], serde_json::json!({"x": 1, "y": 1, "z": 3}));
    }

    #[test]
    fn merge_keys_refuse_scalars_and_repeats_and_quoted_ones_stay_keys() {
        let err = load(b"a: &a 1\nb:\n  <<: *a\n").unwrap_err();
        assert!(
            err.message.contains("merge key `<<` takes a mapping"),
            "{}",
            err.message
        );
        assert_eq!(err.position, Position { line: 3, column: 7 });
        let err = load(b"a: &a {x: 1}\nb:\n  <<: *a\n  <<: *a\n").unwrap_err();
        assert!(
            err.message.contains("duplicate key `<<`"),
            "{}",
            err.message
        );
        assert_eq!(value("a: {'<<': 1}\n")["a"]["<<"], 1);
    }

    #[test]
    fn merge_keys_keep_alias_bombs_bounded() {
        let mut text = String::from(
            "a0: &a0 {k0: x, k1: x, k2: x, k3: x, k4: x, k5: x, k6: x, k7: x, k8: x, k9: x}\n",
        );
        for i in 1..10 {
            let prev = i - 1;
            let keys: Vec<String> = (0..10).map(|k| format!("m{k}: *a{prev}")).collect();
            text.push_str(&format!(
                "a{i}: &a{i} {{<<: *a{prev}, {}}}\n",
                keys.join(", ")
            ));
        }
        let err = load(text.as_bytes()).unwrap_err();
        assert!(
            err.message.contains("expands to more than"),
            "{}",
            err.message
        );
    }

    #[test]
    fn reports_non_utf8_position() {
        let err = load(b"a: 1\nb: \xff\n").unwrap_err();
        assert_eq!(err.position, Position { line: 2, column: 4 });
    }
}
