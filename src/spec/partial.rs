//! Partial documents: what is left of a spec once the values the schema
//! rejected are taken out, so that resolution and the semantic rules can run
//! on every part the schema accepted and all problems are reported at once.
//!
//! Each schema fault is neutralized: an unknown key is dropped; an invalid
//! value is dropped (a whole list when one of its items is invalid, so no
//! index moves), and the resolver then fills the field from the profile or
//! the default; a missing required field gets a placeholder. Every field
//! touched this way is *tainted*: a rule that reads a tainted value says
//! nothing, since its finding would be about a value the user did not write.

use super::load::{Document, pointer_segments};
use super::schema::{self, Fault, escape};
use serde_json::{Value, json};

/// Re-validations before giving up on a document (each pass settles the
/// faults its removals cause; two or three are the most real specs need).
const MAX_PASSES: usize = 8;

/// Fields whose value the schema rejected (or that a misspelled key probably
/// meant), as JSON pointers.
#[derive(Debug, Clone, Default)]
pub struct Taint {
    pointers: Vec<String>,
}

impl Taint {
    /// Whether the value at `pointer` was rejected, or lies inside a rejected value.
    pub fn covers(&self, pointer: &str) -> bool {
        self.pointers.iter().any(|t| {
            pointer == t
                || t.is_empty()
                || pointer
                    .strip_prefix(t.as_str())
                    .is_some_and(|rest| rest.starts_with('/'))
        })
    }

    /// Whether any of the values at `pointers` is tainted.
    pub fn covers_any<S: AsRef<str>>(&self, pointers: impl IntoIterator<Item = S>) -> bool {
        pointers.into_iter().any(|p| self.covers(p.as_ref()))
    }

    /// The tainted pointers.
    pub fn pointers(&self) -> &[String] {
        &self.pointers
    }

    fn add(&mut self, pointer: String) {
        if !self.pointers.contains(&pointer) {
            self.pointers.push(pointer);
        }
    }
}

/// A schema-valid value for a required field the spec lacks (or got wrong).
/// Tainted, so no rule reports on it.
fn placeholder(parent: &str, property: &str) -> Option<Value> {
    let segments: Vec<String> = pointer_segments(parent).collect();
    let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
    Some(match (segments.as_slice(), property) {
        ([], "version") => json!(1),
        ([], "project") => json!("placeholder"),
        ([], "environment") => json!("placeholder"),
        ([], "region") => json!("us-east-1"),
        ([], "services") => json!({ "placeholder": { "port": 80 } }),
        (["domain"], "name") => json!("example.com"),
        (["services", _], "port") => json!(80),
        _ => return None,
    })
}

/// The pointer to neutralize for a fault at `pointer`: the pointer itself, or
/// the outermost list on the way to it (removing one item would move the
/// others, and the rules report list items by index).
fn outside_lists(value: &Value, pointer: &str) -> String {
    let mut node = value;
    let mut at = String::new();
    for segment in pointer_segments(pointer) {
        match node {
            Value::Array(_) => return at,
            Value::Object(map) => match map.get(&segment) {
                Some(next) => node = next,
                None => break,
            },
            _ => break,
        }
        at.push('/');
        at.push_str(&escape(&segment));
    }
    pointer.to_owned()
}

/// Removes the value at `pointer` from its mapping (or list).
fn remove(value: &mut Value, pointer: &str) {
    let Some((parent, last)) = pointer.rsplit_once('/') else {
        return;
    };
    let key = last.replace("~1", "/").replace("~0", "~");
    match value.pointer_mut(parent) {
        Some(Value::Object(map)) => {
            map.shift_remove(&key);
        }
        Some(Value::Array(items)) => {
            if let Ok(i) = key.parse::<usize>()
                && i < items.len()
            {
                items.remove(i);
            }
        }
        _ => {}
    }
}

fn insert(value: &mut Value, parent: &str, key: &str, new: Value) {
    if let Some(Value::Object(map)) = value.pointer_mut(parent) {
        map.insert(key.to_owned(), new);
    }
}

/// The document without the values the schema rejected, and what was taken
/// out or filled in. `None` when nothing sensible is left to resolve: the
/// top-level mapping itself or the language version is wrong, or the faults
/// do not settle.
pub fn prune(doc: &Document, faults: Vec<Fault>) -> Option<(Document, Taint)> {
    let mut pruned = doc.clone();
    let mut taint = Taint::default();
    let mut faults = faults;
    for _ in 0..MAX_PASSES {
        if faults.is_empty() {
            return Some((pruned, taint));
        }
        for fault in faults {
            match fault {
                Fault::Unknown { pointer, meant } => {
                    remove(&mut pruned.value, &pointer);
                    // `netwrk:` means the network settings were meant but not read.
                    if let Some(meant) = meant {
                        taint.add(meant);
                    }
                }
                Fault::Missing { pointer, property } => {
                    let field = format!("{pointer}/{}", escape(&property));
                    if let Some(value) = placeholder(&pointer, &property) {
                        insert(&mut pruned.value, &pointer, &property, value);
                        taint.add(field);
                    } else if pointer.is_empty() {
                        return None;
                    } else {
                        let target = outside_lists(&pruned.value, &pointer);
                        remove(&mut pruned.value, &target);
                        taint.add(target);
                    }
                }
                Fault::Invalid { pointer } => {
                    // The rules of version 1 say nothing useful about another version.
                    if pointer.is_empty() || pointer == "/version" {
                        return None;
                    }
                    let target = outside_lists(&pruned.value, &pointer);
                    remove(&mut pruned.value, &target);
                    taint.add(target);
                }
            }
        }
        faults = schema::faults(&pruned.value);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::load::load;

    fn pruned(text: &str) -> Option<(Value, Vec<String>)> {
        let doc = load(text.as_bytes()).expect("loads");
        let (_, faults) = schema::validate_with_faults(&doc);
        prune(&doc, faults).map(|(d, t)| (d.value, t.pointers().to_vec()))
    }

    const BASE: &str = "version: 1\nproject: demo-app\nenvironment: staging\nregion: eu-west-1\n";

    #[test]
    fn invalid_values_are_dropped_and_tainted() {
        let (value, taint) = pruned(&format!(
            "{BASE}services:\n  web: {{ port: 3000, cpu: 300, memory: 4096 }}\n"
        ))
        .expect("prunes");
        assert_eq!(
            value["services"]["web"],
            json!({ "port": 3000, "memory": 4096 })
        );
        assert_eq!(taint, ["/services/web/cpu"]);
    }

    #[test]
    fn a_bad_list_item_drops_the_list() {
        let (value, taint) = pruned(&format!(
            "{BASE}network: {{ endpoints: [s3, ecs] }}\nservices: {{ web: {{ port: 3000 }} }}\n"
        ))
        .expect("prunes");
        assert_eq!(value["network"], json!({}));
        assert_eq!(taint, ["/network/endpoints"]);
    }

    #[test]
    fn missing_required_fields_get_placeholders() {
        let (value, taint) =
            pruned("version: 1\nregin: eu-west-1\nservices:\n  web: { cpu: 256 }\n")
                .expect("prunes");
        // A port is required by kind (web and backend), which the rules
        // check: the schema the CLI validates with leaves it optional.
        assert!(value["services"]["web"].get("port").is_none());
        assert_eq!(value["region"], "us-east-1");
        assert!(value.get("regin").is_none());
        for t in ["/region", "/project", "/environment"] {
            assert!(taint.contains(&t.to_owned()), "{t} in {taint:?}");
        }
    }

    #[test]
    fn an_empty_services_map_gets_a_placeholder_service() {
        let (value, taint) = pruned(&format!("{BASE}services: {{}}\n")).expect("prunes");
        assert_eq!(value["services"]["placeholder"]["port"], 80);
        assert_eq!(taint, ["/services"]);
    }

    #[test]
    fn another_language_version_is_not_resolved() {
        let text = BASE.replace("version: 1", "version: 2");
        assert!(pruned(&format!("{text}services: {{ web: {{ port: 1 }} }}\n")).is_none());
    }

    #[test]
    fn taint_covers_what_lies_inside() {
        let taint = Taint {
            pointers: vec!["/services/web".into()],
        };
        assert!(taint.covers("/services/web"));
        assert!(taint.covers("/services/web/cpu"));
        assert!(!taint.covers("/services/webapp/cpu"));
        assert!(!taint.covers("/services"));
    }
}
