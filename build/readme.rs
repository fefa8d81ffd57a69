//! A module's `README.md`, in the layout terraform-docs writes (requirements,
//! resources, inputs, outputs), derived from the module's own files so it can
//! never drift from them.

use hcl::{Block, Body, Expression};

/// Renders the README of catalog module `name` (without the generated-file
/// header) from its files. A file that does not parse fails the build.
pub fn render(name: &str, summary: &str, files: &[(&str, String)]) -> String {
    let body = |file: &str| -> Body {
        let text = files
            .iter()
            .find(|(f, _)| *f == file)
            .map_or("", |(_, text)| text.as_str());
        hcl::parse(text).unwrap_or_else(|e| panic!("templates/modules/{name}/{file}: {e}"))
    };
    let mut out = format!("# Module `{name}`\n\n{summary}.\n");
    out.push_str(&format!(
        "\nUsed by the `{name}` unit of every environment that needs it: `terraform.source = \"../../modules//{name}\"`.\n"
    ));
    requirements(&mut out, &body("versions.tf"));
    resources(&mut out, &body("main.tf"));
    inputs(&mut out, &body("variables.tf"));
    outputs(&mut out, &body("outputs.tf"));
    out
}

/// `a_b` → `a\_b`, as terraform-docs escapes names in link text and anchors.
fn escaped(name: &str) -> String {
    name.replace('_', "\\_")
}

/// A table cell: pipes escaped, newlines as `<br/>`.
fn cell(text: &str) -> String {
    text.trim().replace('|', "\\|").replace('\n', "<br/>")
}

/// An expression as terraform-docs shows it: inline code, or `<pre>` when
/// it spans lines.
fn code(expr: &Expression) -> String {
    let text = hcl::format::to_string(expr).unwrap_or_default();
    if text.contains('\n') {
        format!(
            "<pre>{}</pre>",
            text.replace('|', "\\|").replace('\n', "<br/>")
        )
    } else {
        format!("`{}`", text.replace('|', "\\|"))
    }
}

fn attr<'a>(block: &'a Block, key: &str) -> Option<&'a Expression> {
    block
        .body()
        .attributes()
        .find(|a| a.key() == key)
        .map(|a| a.expr())
}

fn string(expr: Option<&Expression>) -> String {
    match expr {
        Some(Expression::String(s)) => s.clone(),
        Some(other) => hcl::format::to_string(other).unwrap_or_default(),
        None => String::new(),
    }
}

fn requirements(out: &mut String, versions: &Body) {
    out.push_str("\n## Requirements\n\n| Name | Version |\n|------|---------|\n");
    let Some(terraform) = versions.blocks().find(|b| b.identifier() == "terraform") else {
        return;
    };
    let row = |out: &mut String, name: &str, version: &str| {
        out.push_str(&format!(
            "| <a name=\"requirement_{name}\"></a> [{}](#requirement\\_{}) | {} |\n",
            escaped(name),
            escaped(name),
            cell(version)
        ));
    };
    row(
        out,
        "terraform",
        &string(attr(terraform, "required_version")),
    );
    let providers = terraform
        .body()
        .blocks()
        .find(|b| b.identifier() == "required_providers");
    for provider in providers.iter().flat_map(|p| p.body().attributes()) {
        let version = match provider.expr() {
            Expression::Object(object) => object
                .iter()
                .find(|(k, _)| hcl::format::to_string(*k).is_ok_and(|k| k == "version"))
                .map(|(_, v)| string(Some(v)))
                .unwrap_or_default(),
            _ => String::new(),
        };
        row(out, provider.key(), &version);
    }
}

/// The registry page of a resource type, by its provider prefix.
fn registry_link(kind: &str, ty: &str) -> String {
    if ty == "terraform_data" {
        // Built into Terraform, not a provider's resource.
        return "https://developer.hashicorp.com/terraform/language/resources/terraform-data"
            .into();
    }
    let (provider, short) = ty.split_once('_').unwrap_or((ty, ""));
    let source = match provider {
        "datadog" => "DataDog/datadog",
        "sentry" => "jianyuan/sentry",
        "mongodbatlas" => "mongodb/mongodbatlas",
        _ => "hashicorp/aws",
    };
    let section = if kind == "data" {
        "data-sources"
    } else {
        "resources"
    };
    format!("https://registry.terraform.io/providers/{source}/latest/docs/{section}/{short}")
}

fn resources(out: &mut String, main: &Body) {
    out.push_str("\n## Resources\n\n| Name | Type |\n|------|------|\n");
    let mut rows: Vec<(String, String)> = main
        .blocks()
        .filter(|b| matches!(b.identifier(), "resource" | "data"))
        .filter_map(|b| {
            let labels: Vec<&str> = b.labels().iter().map(|l| l.as_str()).collect();
            let [ty, name] = labels[..] else { return None };
            let kind = if b.identifier() == "data" {
                "data source"
            } else {
                "resource"
            };
            let row = format!(
                "| [{ty}.{name}]({}) | {kind} |\n",
                registry_link(b.identifier(), ty)
            );
            Some((format!("{ty}.{name}"), row))
        })
        .collect();
    rows.sort();
    for (_, row) in rows {
        out.push_str(&row);
    }
}

fn inputs(out: &mut String, variables: &Body) {
    out.push_str(
        "\n## Inputs\n\n| Name | Description | Type | Default | Required |\n|------|-------------|------|---------|:--------:|\n",
    );
    let mut rows: Vec<(bool, String, String)> = variables
        .blocks()
        .filter(|b| b.identifier() == "variable")
        .filter_map(|b| {
            let name = b.labels().first()?.as_str().to_owned();
            let ty = attr(b, "type").map_or_else(|| "`any`".to_owned(), code);
            let default = attr(b, "default");
            let required = default.is_none();
            let row = format!(
                "| <a name=\"input_{name}\"></a> [{0}](#input\\_{0}) | {1} | {ty} | {2} | {3} |\n",
                escaped(&name),
                cell(&string(attr(b, "description"))),
                default.map_or_else(|| "n/a".to_owned(), code),
                if required { "yes" } else { "no" },
            );
            Some((!required, name, row))
        })
        .collect();
    // terraform-docs lists required inputs first, each group by name.
    rows.sort();
    for (_, _, row) in rows {
        out.push_str(&row);
    }
}

fn outputs(out: &mut String, outputs: &Body) {
    out.push_str("\n## Outputs\n\n| Name | Description |\n|------|-------------|\n");
    let mut rows: Vec<(String, String)> = outputs
        .blocks()
        .filter(|b| b.identifier() == "output")
        .filter_map(|b| {
            let name = b.labels().first()?.as_str().to_owned();
            let row = format!(
                "| <a name=\"output_{name}\"></a> [{0}](#output\\_{0}) | {1} |\n",
                escaped(&name),
                cell(&string(attr(b, "description")))
            );
            Some((name, row))
        })
        .collect();
    rows.sort();
    for (_, row) in rows {
        out.push_str(&row);
    }
}
