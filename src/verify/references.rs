//! The catalog's own consistency: every module parses, declares its variables
//! in `variables.tf` and its outputs in `outputs.tf`, and every reference in it
//! (`var.x`, `local.x`, `aws_x.y`, `data.aws_x.y`, `module.x`) names something
//! the module declares; a variable no expression reads is dead and reported too.

use super::*;

/// Resource type prefixes of the providers the catalog uses: a traversal
/// rooted at such a name is a resource reference.
const RESOURCE_PREFIXES: [&str; 8] = [
    "aws_",
    "datadog_",
    "sentry_",
    "mongodbatlas_",
    "random_",
    "time_",
    "tls_",
    "terraform_data",
];

/// What one module declares.
#[derive(Default)]
struct Declared {
    variables: BTreeSet<String>,
    locals: BTreeSet<String>,
    resources: BTreeSet<String>,
    data: BTreeSet<String>,
    modules: BTreeSet<String>,
}

/// Verifies every module of a catalog tree (`<unit>/<file>` → text).
pub fn verify_modules(files: &BTreeMap<String, String>) -> Result<(), Vec<VerifyError>> {
    let mut errors = Vec::new();
    let mut by_module: BTreeMap<&str, Vec<(&str, &str, Body)>> = BTreeMap::new();
    for (path, text) in files {
        if !path.ends_with(".tf") {
            continue;
        }
        let Some((dir, file)) = path.rsplit_once('/') else {
            continue;
        };
        match parse_file(path, text) {
            Ok(body) => by_module.entry(dir).or_default().push((file, text, body)),
            Err(e) => errors.push(e),
        }
    }
    for (dir, files) in &by_module {
        check_module(dir, files, &mut errors);
    }
    sorted(errors)
}

fn check_module(dir: &str, files: &[(&str, &str, Body)], errors: &mut Vec<VerifyError>) {
    let mut declared = Declared::default();
    for (file, text, body) in files {
        let index = LineIndex::new(text);
        let path = format!("{dir}/{file}");
        for block in body.blocks() {
            let labels: Vec<&str> = block.labels().iter().map(|l| l.as_str()).collect();
            let kind = block.identifier();
            let home = match kind {
                "variable" => Some("variables.tf"),
                "output" => Some("outputs.tf"),
                _ => None,
            };
            if let Some(home) = home.filter(|home| file != home) {
                errors.push(VerifyError::new(
                    path.as_str(),
                    index.block_header(kind, &labels, 0),
                    format!("{kind} `{}` belongs in {home}", labels.join(".")),
                ));
            }
            match (kind, labels.as_slice()) {
                ("variable", [name]) => {
                    declared.variables.insert((*name).to_owned());
                }
                ("locals", []) => {
                    for attr in block.body().attributes() {
                        declared.locals.insert(attr.key().to_owned());
                    }
                }
                ("resource", [ty, name]) => {
                    declared.resources.insert(format!("{ty}.{name}"));
                }
                ("data", [ty, name]) => {
                    declared.data.insert(format!("{ty}.{name}"));
                }
                ("module", [name]) => {
                    declared.modules.insert((*name).to_owned());
                }
                _ => {}
            }
        }
    }
    let mut used_variables = BTreeSet::new();
    for (file, text, body) in files {
        let index = LineIndex::new(text);
        let path = format!("{dir}/{file}");
        let mut nth: BTreeMap<String, usize> = BTreeMap::new();
        let mut check = |t: &Traversal| {
            let Some((needle, problem)) = reference_problem(t, &declared, &mut used_variables)
            else {
                return;
            };
            let n = nth.entry(needle.clone()).or_insert(0);
            let line = index.find_token(&needle, *n);
            *n += 1;
            if let Some(problem) = problem {
                errors.push(VerifyError::new(path.as_str(), line, problem));
            }
        };
        for attr in body.attributes() {
            walk_expr(attr.expr(), &mut check, 0);
        }
        for block in body.blocks() {
            if matches!(block.identifier(), "moved" | "removed") {
                // `from` names an address that no longer exists, by design.
                for attr in block.body().attributes().filter(|a| a.key() == "to") {
                    walk_expr(attr.expr(), &mut check, 0);
                }
            } else {
                walk_body(block.body(), &mut check);
            }
        }
    }
    for (file, text, body) in files.iter().filter(|(f, _, _)| *f == "variables.tf") {
        let index = LineIndex::new(text);
        for block in body.blocks().filter(|b| b.identifier() == "variable") {
            let Some(name) = block.labels().first().map(|l| l.as_str()) else {
                continue;
            };
            if !used_variables.contains(name) {
                errors.push(VerifyError::new(
                    format!("{dir}/{file}"),
                    index.block_header("variable", &[name], 0),
                    format!("variable `{name}` is declared but nothing in module `{dir}` reads it"),
                ));
            }
        }
    }
}

/// The text to locate a reference by, and what is wrong with it (`None`
/// when it names something declared). `None` overall for traversals that are
/// not references to module objects (`each.value`, `count.index`, a `for`
/// or `dynamic` iterator, a provider alias).
fn reference_problem(
    t: &Traversal,
    declared: &Declared,
    used_variables: &mut BTreeSet<String>,
) -> Option<(String, Option<String>)> {
    let Expression::Variable(root) = &t.expr else {
        return None;
    };
    let root = root.as_str();
    let attr = |i: usize| match t.operators.get(i) {
        Some(TraversalOperator::GetAttr(ident)) => Some(ident.as_str()),
        _ => None,
    };
    match root {
        "var" => {
            let name = attr(0)?;
            used_variables.insert(name.to_owned());
            let problem = (!declared.variables.contains(name))
                .then(|| format!("`var.{name}` is not a declared variable"));
            Some((format!("var.{name}"), problem))
        }
        "local" => {
            let name = attr(0)?;
            let problem = (!declared.locals.contains(name))
                .then(|| format!("`local.{name}` is not declared in a locals block"));
            Some((format!("local.{name}"), problem))
        }
        "data" => {
            let address = format!("{}.{}", attr(0)?, attr(1)?);
            let problem = (!declared.data.contains(&address))
                .then(|| format!("`data.{address}` is not a declared data source"));
            Some((format!("data.{address}"), problem))
        }
        "module" => {
            let name = attr(0)?;
            let problem = (!declared.modules.contains(name))
                .then(|| format!("`module.{name}` is not a declared module call"));
            Some((format!("module.{name}"), problem))
        }
        ty if RESOURCE_PREFIXES.iter().any(|p| ty.starts_with(p)) => {
            let address = format!("{ty}.{}", attr(0)?);
            let problem = (!declared.resources.contains(&address))
                .then(|| format!("`{address}` is not a declared resource"));
            Some((address, problem))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn module(main: &str, variables: &str) -> BTreeMap<String, String> {
        [
            ("m/main.tf", main),
            ("m/variables.tf", variables),
            (
                "m/outputs.tf",
                "output \"id\" {\n  value = aws_vpc.this.id\n}\n",
            ),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
    }

    fn messages(files: &BTreeMap<String, String>) -> Vec<String> {
        verify_modules(files)
            .err()
            .unwrap_or_default()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    const VARIABLES: &str = "variable \"cidr\" {\n  type = string\n}\n";

    #[test]
    fn a_consistent_module_passes() {
        let main = r#"locals {
  tags = { Name = "x" }
}

data "aws_region" "current" {}

resource "aws_vpc" "this" {
  count      = 1
  cidr_block = var.cidr
  tags       = merge(local.tags, { Region = data.aws_region.current.region })
}

resource "aws_subnet" "a" {
  for_each   = { for k, v in local.tags : k => v }
  vpc_id     = aws_vpc.this[0].id
  cidr_block = each.value

  dynamic "timeouts" {
    for_each = []
    content {
      create = timeouts.value
    }
  }
}

moved {
  from = aws_subnet.old
  to   = aws_subnet.a
}
"#;
        assert_eq!(messages(&module(main, VARIABLES)), Vec::<String>::new());
    }

    #[test]
    fn undeclared_references_are_reported_at_their_line() {
        let main = r#"resource "aws_vpc" "this" {
  cidr_block = var.cidr
  tags       = local.tags
  ipv6       = var.ipv6
}

resource "aws_subnet" "a" {
  vpc_id = aws_vpc.that.id
  az     = data.aws_availability_zones.all.names[0]
}

moved {
  from = aws_subnet.old
  to   = aws_subnet.b
}
"#;
        assert_eq!(
            messages(&module(main, VARIABLES)),
            [
                "m/main.tf:3: `local.tags` is not declared in a locals block",
                "m/main.tf:4: `var.ipv6` is not a declared variable",
                "m/main.tf:8: `aws_vpc.that` is not a declared resource",
                "m/main.tf:9: `data.aws_availability_zones.all` is not a declared data source",
                "m/main.tf:14: `aws_subnet.b` is not a declared resource",
            ]
        );
    }

    #[test]
    fn unused_and_misplaced_declarations_are_reported() {
        let main = "resource \"aws_vpc\" \"this\" {\n  cidr_block = \"10.0.0.0/16\"\n}\n\nvariable \"extra\" {\n  type = string\n}\n";
        assert_eq!(
            messages(&module(main, VARIABLES)),
            [
                "m/main.tf:5: variable `extra` belongs in variables.tf",
                "m/variables.tf:1: variable `cidr` is declared but nothing in module `m` reads it",
            ]
        );
    }
}
