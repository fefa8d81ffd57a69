//! Every name tfgen generates fits AWS's rules for every spec the schema
//! accepts: the naming verify rule covers every name input of the catalog,
//! the names the modules build from `name_prefix` fit at their longest, the
//! spec with the longest names builds with valid, unique names, and so does
//! any valid spec with random name lengths (a property test).

use proptest::prelude::*;
use std::collections::BTreeSet;
use tfgen::verify::naming::{self, Input, Kind, PREFIX_INPUTS, check, rule};

const SUFFIXES: [&str; 5] = ["_name", "_names", "_identifier", "_prefix", "_prefixes"];

fn catalog_modules() -> Vec<&'static str> {
    let text = include_str!("../templates/modules/catalog.txt");
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split(':').next())
        .collect()
}

#[test]
fn every_name_input_of_the_catalog_has_a_rule() {
    let mut missing = Vec::new();
    for name in catalog_modules() {
        let module = tfgen::catalog::module(name).expect("catalog module");
        for v in module.variables {
            if SUFFIXES.iter().any(|s| v.name.ends_with(s))
                && !PREFIX_INPUTS.contains(&v.name)
                && !naming::INPUTS
                    .iter()
                    .any(|(m, var, _)| *m == name && *var == v.name)
            {
                missing.push(format!("{name}.{}", v.name));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "name inputs without an entry in verify::naming::INPUTS: {missing:?}"
    );
    // And no entry names a variable that does not exist.
    for (m, var, _) in naming::INPUTS {
        let module = tfgen::catalog::module(m).unwrap_or_else(|| panic!("no module {m}"));
        assert!(
            module.variables.iter().any(|v| v.name == *var),
            "INPUTS names {m}.{var}, not a variable"
        );
    }
}

/// The longest `name_prefix` the schema allows: a project of 30 characters,
/// `-`, an environment of 15.
fn longest_prefix() -> String {
    format!("{}-{}", "p".repeat(30), "e".repeat(15))
}

/// What each interpolation of a module-built name is at its longest.
fn longest(interpolation: &str) -> Option<String> {
    Some(match interpolation {
        "var.name_prefix" => longest_prefix(),
        "var.ssm_prefix" => format!("/{}/{}", "p".repeat(30), "e".repeat(15)),
        // A service name (1-20 characters).
        "each.key" => "s".repeat(20),
        "count.index" => "9".into(),
        "local.major_version" => "17".into(),
        // The longest managed rule group the waf unit names.
        "rule.value" => "AWSManagedRulesKnownBadInputsRuleSet".into(),
        _ => return None,
    })
}

/// The rule of a name attribute of a resource type, or `None` for a name
/// with no AWS limit that matters (a Datadog title).
fn attribute_rule(resource: &str, attribute: &str) -> Option<Option<Kind>> {
    Some(Some(match (resource, attribute) {
        ("aws_cognito_user_pool" | "aws_cognito_user_pool_client", "name") => Kind::CognitoUserPool,
        ("aws_ssm_parameter", "name") => Kind::SsmParameter,
        ("aws_budgets_budget", "name") => Kind::Budget,
        ("aws_cloudfront_origin_access_control", "name") => Kind::CloudFrontOriginAccessControl,
        ("aws_ecs_cluster", "name") | ("aws_ecs_task_definition", "family") => Kind::EcsName,
        ("aws_cloudwatch_log_group", "name") => Kind::LogGroup,
        ("aws_appautoscaling_policy" | "aws_appautoscaling_scheduled_action", "name") => {
            Kind::AppAutoScaling
        }
        ("aws_db_subnet_group", "name") => Kind::DbSubnetGroup,
        ("aws_iam_role", "name") => Kind::IamRole,
        ("aws_iam_role", "name_prefix") => Kind::IamRoleNamePrefix,
        ("aws_iam_instance_profile", "name") => Kind::IamInstanceProfile,
        ("aws_db_parameter_group" | "aws_rds_cluster_parameter_group", "name") => {
            Kind::RdsParameterGroup
        }
        (
            "aws_db_instance" | "aws_rds_cluster" | "aws_rds_cluster_instance",
            "identifier" | "cluster_identifier" | "final_snapshot_identifier",
        ) => Kind::RdsIdentifier,
        ("aws_ecr_repository", "name") => Kind::EcrRepository,
        ("aws_kms_alias", "name") => Kind::KmsAlias,
        ("aws_sns_topic", "name") => Kind::SnsTopic,
        ("aws_cloudwatch_metric_alarm", "alarm_name") => Kind::CloudWatchAlarm,
        ("aws_security_group", "name") => Kind::SecurityGroup,
        ("aws_secretsmanager_secret", "name") => Kind::SecretsManagerSecret,
        ("aws_wafv2_web_acl", "name") => Kind::WafName,
        ("aws_wafv2_web_acl", "metric_name") => Kind::WafMetricName,
        ("aws_cloudwatch_event_rule", "name") => Kind::EventBridgeRule,
        ("aws_scheduler_schedule", "name") => Kind::SchedulerSchedule,
        ("aws_sfn_state_machine", "name") => Kind::StepFunctionsStateMachine,
        ("aws_service_discovery_http_namespace", "name") => Kind::CloudMapNamespace,
        ("aws_lb", "name") => Kind::LoadBalancer,
        ("aws_lb_target_group", "name") => Kind::TargetGroup,
        ("aws_s3_bucket", "bucket") => Kind::S3Bucket,
        ("mongodbatlas_project", "name") => Kind::AtlasProject,
        ("mongodbatlas_flex_cluster" | "mongodbatlas_advanced_cluster", "name") => {
            Kind::AtlasCluster
        }
        ("sentry_project", "slug") => Kind::SentrySlug,
        ("sentry_project" | "sentry_key" | "sentry_issue_alert", "name") => Kind::SentryName,
        // Datadog documents no limit on monitor names and dashboard titles.
        (r, "name" | "title") if r.starts_with("datadog_") => return Some(None),
        _ => return None,
    }))
}

const NAME_ATTRIBUTES: [&str; 9] = [
    "name",
    "name_prefix",
    "identifier",
    "cluster_identifier",
    "final_snapshot_identifier",
    "family",
    "bucket",
    "alarm_name",
    "metric_name",
];

/// The longest values of a name expression: a literal, a template with each
/// interpolation at its longest, each branch of a conditional (`null` is no
/// name); `Err` with the first part this test does not know.
fn longest_values(expr: &hcl::Expression) -> Result<Vec<String>, String> {
    use hcl::Expression as E;
    match expr {
        E::String(s) => Ok(vec![s.clone()]),
        E::Null => Ok(Vec::new()),
        E::Parenthesis(inner) => longest_values(inner),
        E::Conditional(c) => {
            let mut values = longest_values(&c.true_expr)?;
            values.extend(longest_values(&c.false_expr)?);
            Ok(values)
        }
        E::TemplateExpr(t) => {
            let template = hcl::Template::from_expr(t).map_err(|e| e.to_string())?;
            let mut out = String::new();
            for element in template.elements() {
                match element {
                    hcl::template::Element::Literal(l) => out.push_str(l),
                    hcl::template::Element::Interpolation(i) => {
                        let longest = longest_values(&i.expr)?
                            .into_iter()
                            .max_by_key(String::len)
                            .ok_or("an interpolation with no value")?;
                        out.push_str(&longest);
                    }
                    hcl::template::Element::Directive(_) => return Err("a directive".into()),
                }
            }
            Ok(vec![out])
        }
        other => {
            let text = hcl::format::to_string(other).map_err(|e| e.to_string())?;
            longest(text.trim()).map(|v| vec![v]).ok_or(text)
        }
    }
}

/// Every `resource` block of a module (type, name, body).
fn resources(body: &hcl::Body) -> Vec<(String, String, &hcl::Body)> {
    body.blocks()
        .filter(|b| b.identifier() == "resource" && b.labels().len() == 2)
        .map(|b| {
            (
                b.labels()[0].as_str().to_owned(),
                b.labels()[1].as_str().to_owned(),
                b.body(),
            )
        })
        .collect()
}

/// Every attribute of a body and of its nested blocks (`dynamic` contents too).
fn attributes(body: &hcl::Body) -> Vec<&hcl::Attribute> {
    let mut out: Vec<&hcl::Attribute> = body.attributes().collect();
    for block in body.blocks() {
        out.extend(attributes(block.body()));
    }
    out
}

/// Every name a catalog module builds from `name_prefix` or `ssm_prefix`
/// (`"${var.name_prefix}-…"`), at the longest the schema allows, passes the
/// rule of its resource type. A new name attribute built from them fails
/// here until it has a rule.
#[test]
fn every_name_a_module_builds_fits_at_its_longest() {
    let mut checked = 0;
    let mut problems = Vec::new();
    for name in catalog_modules() {
        let module = tfgen::catalog::module(name).expect("catalog module");
        let Some((_, main)) = module.files.iter().find(|(f, _)| *f == "main.tf") else {
            continue;
        };
        let body = hcl::parse(main).expect("main.tf parses");
        for (resource, label, block) in resources(&body) {
            for attribute in attributes(block) {
                let key = attribute.key();
                let text = hcl::format::to_string(attribute.expr()).expect("formats");
                if !NAME_ATTRIBUTES.contains(&key)
                    || !(text.contains("var.name_prefix") || text.contains("var.ssm_prefix"))
                {
                    continue;
                }
                let at = format!("{name}: {resource}.{label}.{key}");
                let kind = match attribute_rule(&resource, key) {
                    Some(Some(kind)) => kind,
                    Some(None) => continue,
                    None => {
                        problems.push(format!("{at}: no naming rule for this attribute"));
                        continue;
                    }
                };
                match longest_values(attribute.expr()) {
                    Ok(values) if values.is_empty() => {
                        problems.push(format!("{at}: `{text}` holds no name to check"));
                    }
                    Ok(values) => {
                        for value in values {
                            checked += 1;
                            if let Err(e) = check(rule(kind), &value) {
                                problems.push(format!("{at}: {e}"));
                            }
                        }
                    }
                    Err(unknown) => {
                        problems.push(format!("{at}: `{unknown}` has no longest value here"));
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(checked >= 30, "only {checked} names checked");
}

fn generate(yaml: &str) -> tfgen::build::Generated {
    let checked = tfgen::spec::check(yaml.as_bytes());
    let resolved = checked
        .resolved
        .unwrap_or_else(|| panic!("invalid spec: {:?}\n{yaml}", checked.diagnostics));
    tfgen::build::generate(&resolved, "spec.yaml").unwrap_or_else(|e| panic!("{e}\n{yaml}"))
}

/// The literal inputs of a unit: variable → value.
fn inputs(
    generated: &tfgen::build::Generated,
    unit: &str,
) -> serde_json::Map<String, serde_json::Value> {
    let path = generated
        .files
        .keys()
        .find(|k| {
            k.ends_with(&format!("/{unit}/terragrunt.hcl"))
                || *k == &format!("{unit}/terragrunt.hcl")
        })
        .unwrap_or_else(|| panic!("no unit {unit}"));
    let body: hcl::Body = hcl::from_str(&generated.files[path]).expect("parses");
    let inputs = body
        .attributes()
        .find(|a| a.key() == "inputs")
        .expect("inputs")
        .expr()
        .clone();
    let mut out = serde_json::Map::new();
    if let hcl::Expression::Object(object) = inputs {
        for (k, v) in &object {
            if let (Some(key), Some(value)) = (key_name(k), literal(v)) {
                out.insert(key, value);
            }
        }
    }
    out
}

fn key_name(key: &hcl::ObjectKey) -> Option<String> {
    match key {
        hcl::ObjectKey::Identifier(i) => Some(i.to_string()),
        hcl::ObjectKey::Expression(hcl::Expression::String(s)) => Some(s.clone()),
        _ => None,
    }
}

/// The JSON value of a literal HCL expression; `None` for anything computed.
fn literal(expr: &hcl::Expression) -> Option<serde_json::Value> {
    use serde_json::Value;
    Some(match expr {
        hcl::Expression::String(s) => Value::String(s.clone()),
        hcl::Expression::Bool(b) => Value::Bool(*b),
        hcl::Expression::Number(n) => serde_json::to_value(n).ok()?,
        hcl::Expression::Array(items) => {
            Value::Array(items.iter().map(literal).collect::<Option<_>>()?)
        }
        hcl::Expression::Object(object) => Value::Object(
            object
                .iter()
                .map(|(k, v)| Some((key_name(k)?, literal(v)?)))
                .collect::<Option<_>>()?,
        ),
        _ => return None,
    })
}

fn strings(v: &serde_json::Value) -> Vec<String> {
    match v {
        serde_json::Value::String(s) => vec![s.clone()],
        serde_json::Value::Object(m) => m.values().flat_map(strings).collect(),
        serde_json::Value::Array(a) => a.iter().flat_map(strings).collect(),
        _ => Vec::new(),
    }
}

/// Every literal name input of every unit of the tree passes its rule (the
/// build ran the verify rule too; this reads the generated HCL itself).
fn assert_names_pass(generated: &tfgen::build::Generated) -> usize {
    let mut checked = 0;
    for path in generated
        .files
        .keys()
        .filter(|k| k.ends_with("/terragrunt.hcl"))
    {
        let unit = path.rsplit('/').nth(1).expect("unit dir");
        for (var, value) in inputs(generated, unit) {
            let entry = naming::INPUTS
                .iter()
                .find(|(m, v, _)| *m == unit && *v == var);
            if let Some((_, _, Input::Name(kind))) = entry {
                for name in strings(&value) {
                    check(rule(*kind), &name).unwrap_or_else(|e| panic!("{path}: {var}: {e}"));
                    checked += 1;
                }
            }
        }
    }
    checked
}

#[test]
fn the_longest_names_build_with_valid_unique_names() {
    let yaml = include_str!("fixtures/variants/longest-names.yaml");
    let generated = generate(yaml);
    assert!(assert_names_pass(&generated) >= 8);

    let compute = inputs(&generated, "compute");
    let alb = compute["alb_name"].as_str().expect("alb_name");
    assert_eq!(alb.len(), 32, "{alb}");
    assert!(alb.starts_with("retail-aws-analytics-plat-"), "{alb}");
    let prefixes = strings(&compute["target_group_name_prefixes"]);
    assert_eq!(prefixes, ["store-", "store-"]);

    let roles = strings(&inputs(&generated, "security")["task_role_names"]);
    assert_eq!(roles.len(), 2);
    assert_ne!(
        roles[0], roles[1],
        "task roles of two services share a name"
    );
    assert!(roles.iter().all(|r| r.len() == 64), "{roles:?}");

    let domain = inputs(&generated, "auth")["domain_prefix"]
        .as_str()
        .expect("domain_prefix")
        .to_owned();
    assert!(
        domain.starts_with("retail-analytics-platform1-longest-names-x-"),
        "{domain}"
    );

    // Target groups are named by AWS from the prefix (unique), replaced
    // before they are destroyed.
    let module = tfgen::catalog::module("compute").expect("compute");
    let (_, tf) = module
        .files
        .iter()
        .find(|(f, _)| *f == "main.tf")
        .expect("main.tf");
    let tg = &tf[tf
        .find("resource \"aws_lb_target_group\" \"this\"")
        .expect("tg")..];
    let tg = &tg[..tg.find("\n}\n").expect("end")];
    assert!(
        tg.contains("name_prefix          = var.target_group_name_prefixes[each.key]"),
        "{tg}"
    );
    assert!(tg.contains("create_before_destroy = true"), "{tg}");
    assert!(!tg.contains("substr("), "{tg}");
}

/// The names of a spec that fits are the names the modules built before:
/// existing deployments keep their resources.
#[test]
fn names_that_fit_are_kept() {
    let generated = generate(include_str!("../specs/prod.yaml"));
    assert_eq!(
        inputs(&generated, "compute")["alb_name"],
        "bookmark-manager-prod"
    );
    assert_eq!(
        inputs(&generated, "security")["task_role_names"]["api"],
        "bookmark-manager-prod-api-task"
    );
}

fn label(min: usize, max: usize) -> impl Strategy<Value = String> {
    // Letters and digits in runs joined by single hyphens, starting with a
    // letter: what the schema accepts for a project and an environment.
    (min..=max).prop_flat_map(|len| {
        prop::collection::vec(
            prop::sample::select(b"abcdefghijklmnopqrstuvwxyz0123456789-".to_vec()),
            len,
        )
        .prop_map(move |mut bytes| {
            bytes[0] = b'a' + bytes[0] % 26;
            let last = bytes.len() - 1;
            for i in 1..bytes.len() {
                if bytes[i] == b'-' && (bytes[i - 1] == b'-' || i == last) {
                    bytes[i] = b'x';
                }
            }
            String::from_utf8(bytes).expect("ascii")
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any valid spec, its names at random lengths within the schema's
    /// limits, builds (the verify rule runs) and every literal name passes.
    #[test]
    fn every_name_of_a_valid_spec_passes(
        project in label(3, 30),
        environment in label(1, 15),
        services in prop::collection::btree_set(label(1, 20), 1..4),
    ) {
        prop_assume!(environment != "modules");
        prop_assume!(!["aws", "ssm", "sthree-"].iter().any(|w| project.starts_with(w)));
        let mut yaml = format!(
            "version: 1\nproject: {project}\nenvironment: {environment}\nregion: us-east-1\nprofile: minimal\n\
             access:\n  waf:\n    enabled: true\nauth:\n  enabled: true\n\
             database:\n  engine: postgres\nbastion:\n  enabled: true\n\
             monitoring:\n  alarm_email: ops@example.com\nservices:\n"
        );
        for (i, s) in services.iter().enumerate() {
            let path = if i == 0 { "/".to_owned() } else { format!("/p{i}/*") };
            yaml.push_str(&format!("  {s}:\n    port: {}\n    path: \"{path}\"\n", 3000 + i));
        }
        let generated = generate(&yaml);
        prop_assert!(assert_names_pass(&generated) >= 4);
        let roles: BTreeSet<String> =
            strings(&inputs(&generated, "security")["task_role_names"]).into_iter().collect();
        prop_assert_eq!(roles.len(), services.len(), "task role names collide");
    }
}

/// The verify stage refuses a tree whose literal name breaks its rule, at
/// the input's line, before anything is written.
#[test]
fn verify_refuses_a_name_over_its_limit() {
    let mut files = generate(include_str!("../specs/prod.yaml")).files;
    let path = "compute/terragrunt.hcl".to_owned();
    let long = "bookmark-manager-production-east";
    let text = files[&path].replace(
        "alb_name    = \"bookmark-manager-prod\"",
        &format!("alb_name    = \"{long}-\""),
    );
    assert_ne!(text, files[&path], "alb_name not found");
    let line = text
        .lines()
        .position(|l| l.contains("alb_name    ="))
        .expect("line")
        + 1;
    files.insert(path.clone(), text);
    let errors = tfgen::verify::verify(&files).expect_err("verify accepts the name");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].file, path);
    assert_eq!(errors[0].line, Some(line));
    assert_eq!(
        errors[0].message,
        format!(
            "input `alb_name`: load balancer name `{long}-` has 33 characters (at most 32), ends with a hyphen"
        )
    );

    let mut files = generate(include_str!("../specs/prod.yaml")).files;
    let path = "security/terragrunt.hcl".to_owned();
    let text = files[&path].replace(
        "api = \"bookmark-manager-prod-api-task\"",
        &format!("api = \"{}\"", "r".repeat(65)),
    );
    files.insert(path.clone(), text);
    let errors = tfgen::verify::verify(&files).expect_err("verify accepts the role");
    assert_eq!(
        errors
            .iter()
            .map(|e| e.message.as_str())
            .collect::<Vec<_>>(),
        [format!(
            "input `task_role_names`: IAM role name `{}` has 65 characters (at most 64)",
            "r".repeat(65)
        )]
    );
}

/// What the schema and the rules refuse so that no name tfgen builds ends in
/// a hyphen or holds two in a row (RDS identifiers and ECR repositories
/// refuse both).
#[test]
fn hyphens_that_would_break_names_are_refused() {
    let spec = |project: &str, environment: &str, service: &str| {
        format!(
            "version: 1\nproject: {project}\nenvironment: {environment}\nregion: us-east-1\n\
             services:\n  {service}:\n    port: 3000\n    path: /\n"
        )
    };
    let errors = |yaml: String| -> Vec<String> {
        tfgen::spec::check(yaml.as_bytes())
            .diagnostics
            .iter()
            .filter(|d| d.severity == tfgen::diagnostic::Severity::Error)
            .map(|d| format!("{}: {}", d.path, d.message))
            .collect()
    };
    assert!(errors(spec("shop", "prod", "web")).is_empty());
    for (yaml, field) in [
        (spec("shop", "prod-", "web"), "environment"),
        (spec("shop", "pr--od", "web"), "environment"),
        (spec("shop--x", "prod", "web"), "project"),
        (spec(&"p".repeat(31), "prod", "web"), "project"),
        (spec("shop", &"e".repeat(16), "web"), "environment"),
        (spec("shop", "prod", "we--b"), "services.we--b"),
        (spec("aws-shop", "prod", "web"), "project"),
        (spec("ssmart", "prod", "web"), "project"),
        (spec("sthree-shop", "prod", "web"), "project"),
    ] {
        let found = errors(yaml.clone());
        assert!(
            found.iter().any(|e| e.starts_with(field)),
            "{field} not refused: {found:?}\n{yaml}"
        );
    }
}
