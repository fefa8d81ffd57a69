//! No input makes the loader panic: arbitrary bytes, and arbitrary YAML-ish
//! text built from the spec's own vocabulary, valid and invalid (so the
//! partial resolution of documents with schema errors is exercised too).

use proptest::prelude::*;

fn yamlish() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("version: 1\n".to_string()),
        Just("project: bookmark-manager\n".to_string()),
        Just("environment: prod\n".to_string()),
        Just("region: ap-northeast-1\n".to_string()),
        Just("services:\n  web:\n    port: 3000\n".to_string()),
        Just("  api: { port: 3001, path: /api/* }\n".to_string()),
        Just("database: { engine: aurora_postgres, min_capacity: 0.5 }\n".to_string()),
        Just("schedule: { days: MON-FRI }\n".to_string()),
        // Schema errors next to rule errors: the rules run on what the schema accepted.
        Just("  bad: { port: x, cpu: 300, memory: 4096, path: web }\n".to_string()),
        Just("netwrk: { cidr: 10.0.0.1/16 }\n".to_string()),
        Just("network: { azs: 9, cidr: 10.0.0.0/30, endpoints: [s3, 7] }\n".to_string()),
        Just("cdn: { enabled: yes, price_class: PriceClass_1 }\n".to_string()),
        Just("database: { engine: mysql, min_capacity: 4, max_capacity: 0.7 }\n".to_string()),
        Just("services: {}\n".to_string()),
        Just("version: 2\n".to_string()),
        Just("domain: { www: maybe }\n".to_string()),
        Just("- &a [*a]\n".to_string()),
        Just("&x ".to_string()),
        Just("*x".to_string()),
        Just("[{".to_string()),
        Just("}]".to_string()),
        Just("\"\\u".to_string()),
        Just("? ".to_string()),
        Just("--- \n".to_string()),
        Just("!!binary ".to_string()),
        Just("|\n  ".to_string()),
        "[ -~\n\t]{0,12}",
    ];
    prop::collection::vec(token, 0..24).prop_map(|t| t.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = tfgen::spec::check(&bytes);
    }

    #[test]
    fn arbitrary_yaml_never_panics(text in yamlish()) {
        let checked = tfgen::spec::check(text.as_bytes());
        // Every problem has a real position.
        for d in &checked.diagnostics {
            prop_assert!(d.position.line >= 1 && d.position.column >= 1, "{:?}", d);
            // A document with invalid parts is resolved without them, never
            // reported as a disagreement between the schema and the model.
            prop_assert!(!d.message.contains("internal error"), "{:?}\n{}", d, text);
        }
    }
}
