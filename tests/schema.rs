//! The committed schema must match the model.

#[test]
fn committed_schema_is_current() {
    let committed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/schema/tfgen.schema.json"
    ))
    .expect("schema/tfgen.schema.json exists");
    let current = tfgen::spec::schema::json_schema_text();
    assert!(
        committed == current,
        "schema/tfgen.schema.json is stale: run `cargo run -q -- schema --write schema/tfgen.schema.json`"
    );
}

#[test]
fn every_example_spec_points_editors_at_the_schema() {
    let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/specs"));
    let mut seen = 0;
    // specs/ and its folders (specs/multi/ holds the multi-environment example).
    let mut folders = vec![(dir.to_path_buf(), "../".to_owned())];
    while let Some((folder, up)) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("specs/ exists") {
            let path = entry.expect("readable entry").path();
            if path.is_dir() {
                folders.push((path, format!("{up}../")));
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("readable spec");
            assert!(
                text.starts_with(&format!(
                    "# yaml-language-server: $schema={up}schema/tfgen.schema.json\n"
                )),
                "{} must start with the yaml-language-server schema comment",
                path.display()
            );
            seen += 1;
        }
    }
    assert!(seen >= 3, "expected the three example specs, found {seen}");
}

/// Every field of the schema is documented in docs/spec.md, so the reference cannot drift.
#[test]
fn spec_reference_documents_every_field() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/spec.md"))
        .expect("docs/spec.md exists");
    let schema = tfgen::spec::schema::json_schema();
    let mut missing = Vec::new();
    let mut stack = vec![(String::new(), schema["properties"].clone())];
    while let Some((prefix, props)) = stack.pop() {
        let Some(props) = props.as_object() else {
            continue;
        };
        for (name, node) in props {
            let documented = [format!("`{name}"), format!(".{name}`"), format!(".{name}.")];
            if !documented.iter().any(|d| doc.contains(d.as_str())) {
                missing.push(format!("{prefix}{name}"));
            }
            let target = match node.get("$ref").and_then(|r| r.as_str()) {
                Some(r) => schema["$defs"][r.trim_start_matches("#/$defs/")].clone(),
                None => node
                    .get("additionalProperties")
                    .cloned()
                    .unwrap_or_default(),
            };
            let target = match target.get("$ref").and_then(|r| r.as_str()) {
                Some(r) => schema["$defs"][r.trim_start_matches("#/$defs/")].clone(),
                None => target,
            };
            if let Some(p) = target.get("properties") {
                stack.push((format!("{prefix}{name}."), p.clone()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "docs/spec.md does not document: {missing:?}"
    );
}

/// The schema node of a dotted field path (`services.web.health_check.path`).
fn field_schema<'a>(schema: &'a serde_json::Value, path: &str) -> Option<&'a serde_json::Value> {
    let deref = |node: &'a serde_json::Value| match node.get("$ref").and_then(|r| r.as_str()) {
        Some(r) => schema.pointer(r.trim_start_matches('#')),
        None => Some(node),
    };
    let mut node = schema;
    for segment in path.split('.') {
        node = deref(node)?;
        node = match node.get("properties").and_then(|p| p.get(segment)) {
            Some(n) => n,
            None => node.get("additionalProperties")?,
        };
    }
    Some(node)
}

/// Every `default` in the schema is what tfgen resolves when the field is left
/// out (with the default profile, balanced), so accepting a completion changes nothing.
#[test]
fn schema_defaults_are_the_resolved_defaults() {
    let schema = tfgen::spec::schema::json_schema();
    // One spec turns every feature on (postgres); the other leaves the switches out (aurora).
    let on = "version: 1\nproject: demo\nenvironment: dev\nregion: eu-west-1\nstate: {}\nnetwork: {}\n\
        access: {waf: {enabled: true}}\ndomain: {name: example.com}\n\
        services:\n  web: {port: 3000, path: /, health_check: {}, scaling: {}, build: {}}\n  worker: {kind: worker, scaling: {min: 0, queue: q1}}\n\
        schedule: {enabled: true}\ndatabase: {engine: postgres}\nstorage: {}\nregistry: {}\nbastion: {enabled: true}\n\
        cdn: {enabled: true}\nauth: {enabled: true}\n\
        monitoring: {datadog: {enabled: true}, sentry: {enabled: true, organization: o, team: t}}\n\
        budget: {}\ncost: {}\nqueues: {q1: {consumers: [worker]}, q2: {}}\ncache: {}\ntables: {t: {hash_key: id}}\n\
        jobs:\n  nightly: {image: busybox, schedule: rate(1 day)}\nrepository: {tools: {}, github: {repository: acme/demo}}\nmongodb: {org_id: 5f1e2d3c4b5a69788796a5b4}\n";
    let off = "version: 1\nproject: demo\nenvironment: dev\nregion: eu-west-1\naccess: {waf: {}}\n\
        services:\n  web: {port: 3000}\nschedule: {}\ndatabase: {}\nbastion: {}\ncdn: {}\nauth: {}\n\
        monitoring: {datadog: {}, sentry: {}}\n";
    let mut checked = std::collections::BTreeSet::new();
    for text in [on, off] {
        let checked_spec = tfgen::spec::check(text.as_bytes());
        assert!(!checked_spec.has_errors(), "{:?}", checked_spec.diagnostics);
        let resolved = checked_spec.resolved.expect("resolves");
        let settings = serde_json::to_value(&resolved.settings).expect("settings serialize");
        for setting in settings.as_array().expect("a list of settings") {
            let path = setting["path"].as_str().expect("a path");
            let origin = setting["origin"].to_string();
            // Writing a schedule section turns it on: `enabled` defaults to true there.
            let section_default = text == off && path == "schedule.enabled";
            if !(origin.contains("default") || origin.contains("balanced") || section_default) {
                continue;
            }
            let Some(default) = field_schema(&schema, path).and_then(|n| n.get("default")) else {
                continue;
            };
            assert_eq!(
                default, &setting["value"],
                "the schema's default of {path} is not what tfgen resolves"
            );
            checked.insert(
                path.replace("services.web", "services.*")
                    .replace("services.worker", "services.*")
                    .replace("queues.q2", "queues.*")
                    .replace("tables.t.", "tables.*.")
                    .replace("jobs.nightly", "jobs.*"),
            );
        }
    }
    // Every default in the schema was compared.
    let mut unchecked = Vec::new();
    let mut stack = vec![(String::new(), schema.clone())];
    while let Some((prefix, node)) = stack.pop() {
        let node = match node.get("$ref").and_then(|r| r.as_str()) {
            Some(r) => schema
                .pointer(r.trim_start_matches('#'))
                .cloned()
                .unwrap_or_default(),
            None => node,
        };
        // `version` and a service's `port` are required: their defaults only seed completions.
        let required = |p: &str| ["version", "services.*.port"].contains(&p);
        let compared = match prefix.strip_prefix("environments.*.") {
            // An environment's override completes the default of the field it overrides.
            Some(field) => {
                (checked.contains(field) || required(field))
                    && field_schema(&schema, field).and_then(|n| n.get("default"))
                        == node.get("default")
            }
            None => checked.contains(&prefix) || required(&prefix),
        };
        if node.get("default").is_some() && !compared {
            unchecked.push(prefix.clone());
        }
        let dot = if prefix.is_empty() {
            String::new()
        } else {
            format!("{prefix}.")
        };
        if let Some(props) = node.get("properties").and_then(|p| p.as_object()) {
            for (name, child) in props {
                stack.push((format!("{dot}{name}"), child.clone()));
            }
        }
        if let Some(child) = node.get("additionalProperties").filter(|c| c.is_object()) {
            stack.push((format!("{dot}*"), child.clone()));
        }
    }
    assert!(
        unchecked.is_empty(),
        "defaults never compared: {unchecked:?}"
    );
}

/// Strict validators accept the schema: only standard formats, and every
/// keyword outside draft 2020-12 is one of the editor annotations.
#[test]
fn schema_is_standard_and_editor_friendly() {
    let schema = tfgen::spec::schema::json_schema();
    assert!(schema.get("$id").is_none(), "no URL serves the schema");
    let text = tfgen::spec::schema::json_schema_text();
    assert!(
        !text.contains("\"format\""),
        "custom formats (uint32, double) are refused by strict validators"
    );
    for (name, def) in schema["$defs"].as_object().expect("$defs") {
        assert!(def.get("title").is_some(), "$defs/{name} has no title");
    }
    let mut stack = vec![schema.clone()];
    while let Some(node) = stack.pop() {
        match node {
            serde_json::Value::Object(map) => {
                if map.contains_key("pattern") {
                    assert!(
                        map.contains_key("patternErrorMessage"),
                        "a pattern without a message: {map:?}"
                    );
                }
                stack.extend(map.into_iter().map(|(_, v)| v));
            }
            serde_json::Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
}

#[test]
fn schema_write_writes_the_committed_schema() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("nested/tfgen.schema.json");
    assert_cmd::Command::cargo_bin("tfgen")
        .expect("the binary")
        .args(["schema", "--write"])
        .arg(&path)
        .assert()
        .success();
    let written = std::fs::read_to_string(&path).expect("written");
    assert_eq!(written, tfgen::spec::schema::json_schema_text());
}
