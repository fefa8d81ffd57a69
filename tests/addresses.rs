//! Resource addresses are a contract: renaming `aws_nat_gateway.this` destroys a
//! NAT gateway in every environment that applied the old name. This test pins
//! every address of the module catalog and refuses to lose one silently.

use std::collections::{BTreeMap, BTreeSet};

/// How a resource's instances are keyed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Scheme {
    One,
    Count,
    ForEach,
}

impl Scheme {
    fn parse(text: &str) -> Scheme {
        match text {
            "count" => Scheme::Count,
            "for_each" => Scheme::ForEach,
            "one" => Scheme::One,
            other => panic!("unknown key scheme `{other}` in the address history"),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Scheme::One => "one",
            Scheme::Count => "count",
            Scheme::ForEach => "for_each",
        }
    }
}

/// What one catalog module holds: resources with their key scheme, and the
/// addresses its `moved` / `removed` blocks account for.
#[derive(Default)]
struct Module {
    resources: BTreeMap<String, Scheme>,
    moved_from: BTreeSet<String>,
}

fn address(expr: &hcl::Expression) -> String {
    hcl::format::to_string(expr).unwrap_or_default()
}

fn catalog() -> BTreeMap<String, Module> {
    let mut modules: BTreeMap<String, Module> = BTreeMap::new();
    for (path, text) in tfgen::catalog::files() {
        let Some((unit, file)) = path.split_once('/') else {
            continue;
        };
        if !file.ends_with(".tf") {
            continue;
        }
        let body = hcl::parse(text).unwrap_or_else(|e| panic!("{path}: {e}"));
        let module = modules.entry(unit.to_owned()).or_default();
        for block in body.blocks() {
            let labels: Vec<&str> = block.labels().iter().map(|l| l.as_str()).collect();
            let has = |key: &str| block.body().attributes().any(|a| a.key() == key);
            match (block.identifier(), labels.as_slice()) {
                ("resource", [ty, name]) => {
                    let scheme = if has("count") {
                        Scheme::Count
                    } else if has("for_each") {
                        Scheme::ForEach
                    } else {
                        Scheme::One
                    };
                    module.resources.insert(format!("{ty}.{name}"), scheme);
                }
                ("moved" | "removed", []) => {
                    for attr in block.body().attributes().filter(|a| a.key() == "from") {
                        // `from = aws_x.y[0]` accounts for the instance; `aws_x.y` for all.
                        let from = address(attr.expr());
                        module
                            .moved_from
                            .insert(from.split('[').next().unwrap_or_default().to_owned());
                    }
                }
                _ => {}
            }
        }
    }
    modules
}

/// `(module, address, scheme)` of the committed history.
fn history() -> Vec<(String, String, Scheme)> {
    let text = include_str!("fixtures/catalog_addresses.txt");
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let parts: Vec<&str> = l.split_whitespace().collect();
            let [module, address, scheme] = parts[..] else {
                panic!("bad history line `{l}`: expected `<module> <type>.<name> <scheme>`");
            };
            (module.to_owned(), address.to_owned(), Scheme::parse(scheme))
        })
        .collect()
}

/// The reviewed list of every address the catalog has now.
#[test]
fn catalog_addresses_snapshot() {
    let text: String = catalog()
        .iter()
        .flat_map(|(unit, m)| {
            m.resources
                .iter()
                .map(move |(a, s)| format!("{unit} {a} {}\n", s.name()))
        })
        .collect();
    insta::assert_snapshot!("catalog_addresses", text);
}

#[test]
fn no_address_disappears_without_a_moved_block() {
    let catalog = catalog();
    let mut lost = Vec::new();
    for (unit, address, scheme) in history() {
        let module = catalog.get(&unit);
        let now = module.and_then(|m| m.resources.get(&address));
        let kept = match (scheme, now) {
            (old, Some(new)) if old == *new => true,
            // Terraform moves `x` to `x[0]` by itself when `count` is added.
            (Scheme::One, Some(Scheme::Count)) => true,
            _ => false,
        };
        let accounted = module.is_some_and(|m| m.moved_from.contains(&address));
        if !kept && !accounted {
            lost.push(format!(
                "{unit}: {address} ({}) is now {}; add a `moved` block (or `removed`, to destroy it on purpose) to modules/{unit}",
                scheme.name(),
                now.map_or("gone", |s| s.name())
            ));
        }
    }
    assert!(lost.is_empty(), "addresses lost:\n{}", lost.join("\n"));
}

#[test]
fn every_address_is_in_the_history() {
    let known: BTreeSet<(String, String, Scheme)> = history().into_iter().collect();
    let missing: Vec<String> = catalog()
        .iter()
        .flat_map(|(unit, m)| {
            m.resources
                .iter()
                .filter(|(a, s)| !known.contains(&(unit.clone(), (*a).clone(), **s)))
                .map(move |(a, s)| format!("{unit} {a} {}", s.name()))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "new addresses: append them to tests/fixtures/catalog_addresses.txt:\n{}",
        missing.join("\n")
    );
}
