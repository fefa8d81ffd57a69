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
        "schema/tfgen.schema.json is stale: run `cargo run -- schema > schema/tfgen.schema.json`"
    );
}

#[test]
fn every_example_spec_points_editors_at_the_schema() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/specs");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).expect("specs/ exists") {
        let path = entry.expect("readable entry").path();
        let text = std::fs::read_to_string(&path).expect("readable spec");
        assert!(
            text.starts_with("# yaml-language-server: $schema=../schema/tfgen.schema.json\n"),
            "{} must start with the yaml-language-server schema comment",
            path.display()
        );
        seen += 1;
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
