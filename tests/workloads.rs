//! Issue 14, part 2: web, backend and worker services, asserted on the
//! committed trees of specs/workers.yaml (`generated/sandbox`: the web `api`,
//! the backend `rates` called by `api` and `worker`, the Celery `worker`) and
//! of the web-only examples, which keep their ALB pieces and addresses.
//! `snapshots_trees` keeps `generated/` equal to what the specs produce.

use assert_cmd::Command;
use hcl::{Block, Body};
use serde_json::{Value, json};

const ENV: &str = "sandbox";

#[path = "support/tree.rs"]
mod tree;
use tree::{committed_inputs as inputs, file as read, json_of as json, parsed as parse};

/// The `mock_outputs` of a unit's dependency block, as JSON.
fn mocks(env: &str, unit: &str, dependency: &str) -> Value {
    let body = parse(&format!("generated/{env}/{unit}/terragrunt.hcl"));
    let block = body
        .blocks()
        .find(|b| b.identifier() == "dependency" && b.labels()[0].as_str() == dependency)
        .unwrap_or_else(|| panic!("{env}/{unit}: no dependency {dependency}"));
    attr(block, "mock_outputs")
}

/// A catalog module's file (`main.tf`, `outputs.tf`).
fn catalog(unit: &str, file: &str) -> Body {
    parse(&format!("generated/modules/{unit}/{file}"))
}

fn block<'a>(body: &'a Body, kind: &str, ty: &str, name: &str) -> &'a Block {
    body.blocks()
        .find(|b| {
            b.identifier() == kind && b.labels()[0].as_str() == ty && b.labels()[1].as_str() == name
        })
        .unwrap_or_else(|| panic!("no {kind} {ty}.{name}"))
}

fn resource<'a>(body: &'a Body, ty: &str, name: &str) -> &'a Block {
    block(body, "resource", ty, name)
}

/// The nested block `name` of a block (a `dynamic "name"` one when `dynamic`).
fn nested<'a>(b: &'a Block, name: &str, dynamic: bool) -> &'a Block {
    b.body()
        .blocks()
        .find(|n| {
            if dynamic {
                n.identifier() == "dynamic" && n.labels()[0].as_str() == name
            } else {
                n.identifier() == name
            }
        })
        .unwrap_or_else(|| panic!("no block {name}"))
}

/// An attribute of a block, following nested (non-dynamic) blocks: `attr(b, "a.b.c")`.
fn attr(block: &Block, path: &str) -> Value {
    let mut body = block.body();
    let parts: Vec<&str> = path.split('.').collect();
    let (last, nested) = parts.split_last().expect("a path");
    for name in nested {
        body = body
            .blocks()
            .find(|b| b.identifier() == *name)
            .unwrap_or_else(|| panic!("no block {name} in {path}"))
            .body();
    }
    body.attributes()
        .find(|a| a.key() == *last)
        .map(|a| json(a.expr()))
        .unwrap_or_else(|| panic!("no attribute {path}"))
}

/// The value of `local.<name>` in a module file.
fn local(body: &Body, name: &str) -> Value {
    body.blocks()
        .filter(|b| b.identifier() == "locals")
        .flat_map(|b| b.body().attributes())
        .find(|a| a.key() == name)
        .map(|a| json(a.expr()))
        .unwrap_or_else(|| panic!("no local {name}"))
}

fn keys(v: &Value) -> Vec<&str> {
    v.as_object()
        .unwrap_or_else(|| panic!("not a map: {v}"))
        .keys()
        .map(String::as_str)
        .collect()
}

#[test]
fn security_gets_each_service_kind_port_and_callers() {
    let security = inputs(ENV, "security");
    assert_eq!(
        security["services"],
        json!({
            "api": { "kind": "web", "port": 8000 },
            "rates": { "kind": "backend", "port": 9200, "callers": ["api", "worker"] },
            "worker": { "kind": "worker" },
        })
    );
    // Every service keeps a task role, the worker too.
    assert_eq!(
        keys(&security["task_role_names"]),
        ["api", "rates", "worker"]
    );
}

#[test]
fn every_service_has_its_own_security_group_and_a_backend_admits_only_its_callers() {
    let main = catalog("security", "main.tf");
    let service = resource(&main, "aws_security_group", "service");
    assert_eq!(attr(service, "for_each"), json!("${var.services}"));
    assert_eq!(attr(service, "vpc_id"), json!("${var.vpc_id}"));
    // Named apart from the shared groups (alb, tasks, database, bastion),
    // whatever the service is called.
    assert_eq!(
        attr(service, "name"),
        json!("${var.name_prefix}-service-${each.key}")
    );
    // The group of a worker or a web service has no rule of its own: the only
    // rules on service groups are a backend's, from and to its callers.
    let on_service_groups: Vec<String> = main
        .blocks()
        .filter(|b| b.identifier() == "resource")
        .filter(|b| {
            attr_opt(b, "security_group_id")
                .is_some_and(|v| v.to_string().contains("aws_security_group.service"))
        })
        .map(|b| format!("{}.{}", b.labels()[0].as_str(), b.labels()[1].as_str()))
        .collect();
    assert_eq!(
        on_service_groups,
        [
            "aws_vpc_security_group_ingress_rule.backend_from_caller",
            "aws_vpc_security_group_egress_rule.caller_to_backend",
        ]
    );
    let ingress = resource(
        &main,
        "aws_vpc_security_group_ingress_rule",
        "backend_from_caller",
    );
    assert_eq!(attr(ingress, "for_each"), json!("${local.backend_callers}"));
    assert_eq!(
        attr(ingress, "security_group_id"),
        json!("${aws_security_group.service[each.value.backend].id}")
    );
    assert_eq!(
        attr(ingress, "referenced_security_group_id"),
        json!("${aws_security_group.service[each.value.caller].id}")
    );
    // The backend's port only.
    for port in ["from_port", "to_port"] {
        assert_eq!(attr(ingress, port), json!("${each.value.port}"));
    }
    assert_eq!(attr(ingress, "ip_protocol"), json!("tcp"));
    let egress = resource(
        &main,
        "aws_vpc_security_group_egress_rule",
        "caller_to_backend",
    );
    assert_eq!(
        attr(egress, "security_group_id"),
        json!("${aws_security_group.service[each.value.caller].id}")
    );
    assert_eq!(
        attr(egress, "referenced_security_group_id"),
        json!("${aws_security_group.service[each.value.backend].id}")
    );
    // The pairs come from the backends' callers only.
    let pairs = local(&main, "backend_callers").to_string();
    assert!(pairs.contains("if svc.kind == \\\"backend\\\""), "{pairs}");
    // The ALB reaches the web services' ports only.
    assert_eq!(
        local(&main, "web_ports"),
        json!("${{for name, svc in var.services : name => svc.port if svc.kind == \"web\"}}")
    );
    for (ty, name) in [
        ("aws_vpc_security_group_ingress_rule", "tasks_from_alb"),
        ("aws_vpc_security_group_egress_rule", "alb_to_tasks"),
    ] {
        assert_eq!(
            attr(resource(&main, ty, name), "for_each"),
            json!("${local.web_ports}"),
            "{name}"
        );
    }
    // The output the other units read, by service name.
    let outputs = catalog("security", "outputs.tf");
    let ids = outputs
        .blocks()
        .find(|b| {
            b.identifier() == "output" && b.labels()[0].as_str() == "service_security_group_ids"
        })
        .expect("output service_security_group_ids");
    assert_eq!(
        attr(ids, "value"),
        json!("${{for name, sg in aws_security_group.service : name => sg.id}}")
    );
}

fn attr_opt(block: &Block, key: &str) -> Option<Value> {
    block
        .body()
        .attributes()
        .find(|a| a.key() == key)
        .map(|a| json(a.expr()))
}

#[test]
fn compute_gets_the_alb_settings_of_web_services_only() {
    let compute = inputs(ENV, "compute");
    let services = &compute["services"];
    assert_eq!(services["api"]["kind"], json!("web"));
    assert_eq!(services["api"]["port"], json!(8000));
    assert_eq!(services["api"]["path"], json!("/"));
    assert_eq!(services["api"]["health_check_path"], json!("/healthz"));
    assert_eq!(services["api"]["requests_per_target"], json!(1000));
    assert_eq!(services["rates"]["kind"], json!("backend"));
    assert_eq!(services["rates"]["port"], json!(9200));
    // No ALB health check: the container's own stands in for it.
    assert_eq!(
        services["rates"]["health_check_command"],
        json!(["CMD", "curl", "-fs", "http://localhost:9200/healthz"])
    );
    assert_eq!(services["worker"]["kind"], json!("worker"));
    assert_eq!(
        services["worker"]["command"],
        json!(["celery", "-A", "ledger", "worker", "--loglevel", "info"])
    );
    assert_eq!(services["worker"]["min"], json!(0));
    assert_eq!(services["worker"]["max"], json!(4));
    for name in ["rates", "worker"] {
        for field in [
            "path",
            "health_check_path",
            "health_check_matcher",
            "health_check_interval",
            "unhealthy_threshold",
            "requests_per_target",
        ] {
            assert!(services[name].get(field).is_none(), "{name}.{field}");
        }
    }
    assert!(services["worker"].get("port").is_none());
    // A target group name prefix for the web service only.
    assert_eq!(keys(&compute["target_group_name_prefixes"]), ["api"]);
    // Each service's own group, from security.
    assert_eq!(
        compute["service_security_group_ids"],
        json!("${dependency.security.outputs.service_security_group_ids}")
    );
    let mock = mocks(ENV, "compute", "security");
    assert_eq!(
        keys(&mock["service_security_group_ids"]),
        ["api", "rates", "worker"]
    );
}

#[test]
fn the_alb_pieces_exist_for_web_services_only_under_their_old_addresses() {
    let main = catalog("compute", "main.tf");
    assert_eq!(
        local(&main, "web_services"),
        json!("${{for name, svc in var.services : name => svc if svc.kind == \"web\"}}")
    );
    // Keyed by service name as before: existing web services keep their addresses.
    assert_eq!(
        attr(resource(&main, "aws_lb_target_group", "this"), "for_each"),
        json!("${local.web_services}")
    );
    assert_eq!(
        attr(
            resource(&main, "aws_appautoscaling_policy", "requests"),
            "for_each"
        ),
        json!(
            "${{for name, svc in local.web_services : name => svc if svc.requests_per_target != null}}"
        )
    );
    let routed = local(&main, "routed_services").to_string();
    assert!(routed.contains("kind == \\\"web\\\""), "{routed}");
    // Priorities still count every service name, so adding a backend or a
    // worker moves no rule.
    assert!(routed.contains("keys(var.services)"), "{routed}");
    let ecs = resource(&main, "aws_ecs_service", "this");
    assert_eq!(attr(ecs, "for_each"), json!("${var.services}"));
    assert_eq!(
        attr(ecs, "health_check_grace_period_seconds"),
        json!("${each.value.kind == \"web\" ? each.value.health_check_grace_seconds : null}")
    );
    let lb = nested(ecs, "load_balancer", true);
    assert_eq!(
        attr(lb, "for_each"),
        json!("${each.value.kind == \"web\" ? [each.value.port] : []}")
    );
    assert_eq!(
        attr(lb, "content.target_group_arn"),
        json!("${aws_lb_target_group.this[each.key].arn}")
    );
    // Both groups on every task.
    assert_eq!(
        attr(ecs, "network_configuration.security_groups"),
        json!([
            "${var.task_security_group_id}",
            "${var.service_security_group_ids[each.key]}"
        ])
    );
    // Target-group alarms follow the target groups: the compute output the
    // monitoring unit iterates holds the web services only.
    let outputs = catalog("compute", "outputs.tf");
    let suffixes = outputs
        .blocks()
        .find(|b| {
            b.identifier() == "output" && b.labels()[0].as_str() == "target_group_arn_suffixes"
        })
        .expect("output target_group_arn_suffixes");
    assert_eq!(
        attr(suffixes, "value"),
        json!("${{for name, tg in aws_lb_target_group.this : name => tg.arn_suffix}}")
    );
    let monitoring = catalog("monitoring", "main.tf");
    assert_eq!(
        attr(
            resource(
                &monitoring,
                "aws_cloudwatch_metric_alarm",
                "unhealthy_hosts"
            ),
            "for_each"
        ),
        json!("${var.target_group_arn_suffixes}")
    );
    assert_eq!(
        keys(&mocks(ENV, "monitoring", "compute")["target_group_arn_suffixes"]),
        ["api"]
    );
}

#[test]
fn backends_publish_their_port_through_service_connect_and_every_service_is_a_client() {
    let main = catalog("compute", "main.tf");
    let namespace = resource(&main, "aws_service_discovery_http_namespace", "this");
    assert_eq!(
        attr(namespace, "count"),
        json!("${local.create_service_connect ? 1 : 0}")
    );
    assert_eq!(attr(namespace, "name"), json!("${var.name_prefix}"));
    assert_eq!(
        local(&main, "create_service_connect"),
        json!("${anytrue([for svc in values(var.services) : svc.kind == \"backend\"])}")
    );
    let ecs = resource(&main, "aws_ecs_service", "this");
    let sc = nested(ecs, "service_connect_configuration", true);
    // Every service, whatever its kind, once the namespace exists.
    assert_eq!(
        attr(sc, "for_each"),
        json!("${aws_service_discovery_http_namespace.this[*].arn}")
    );
    assert_eq!(attr(sc, "content.enabled"), json!(true));
    assert_eq!(
        attr(sc, "content.namespace"),
        json!("${service_connect_configuration.value}")
    );
    let content = nested(sc, "content", false);
    let published = nested(content, "service", true);
    assert_eq!(
        attr(published, "for_each"),
        json!("${each.value.kind == \"backend\" ? [each.value.port] : []}")
    );
    assert_eq!(attr(published, "content.port_name"), json!("${each.key}"));
    assert_eq!(
        attr(published, "content.discovery_name"),
        json!("${each.key}")
    );
    assert_eq!(
        attr(published, "content.client_alias.dns_name"),
        json!("${each.key}")
    );
    assert_eq!(
        attr(published, "content.client_alias.port"),
        json!("${service.value}")
    );
    // The proxy logs to the service's own (encrypted) log group.
    assert_eq!(
        attr(content, "log_configuration.options")["awslogs-group"],
        json!("${aws_cloudwatch_log_group.service[each.key].name}")
    );
    // The port mapping is named after the backend: the port_name above.
    let task = resource(&main, "aws_ecs_task_definition", "this").body();
    let definitions = task
        .attributes()
        .find(|a| a.key() == "container_definitions")
        .map(|a| format!("{}", a.expr()))
        .expect("container_definitions");
    assert!(
        definitions.contains("each.value.kind == \"backend\" ? each.key : null"),
        "{definitions}"
    );
    assert!(
        definitions.contains("portMappings = each.value.port == null ? null"),
        "{definitions}"
    );
}

#[test]
fn the_web_only_examples_stay_web_services_without_a_namespace() {
    for env in ["staging", "prod", "production"] {
        let compute = inputs(env, "compute");
        let services = compute["services"].as_object().expect("services");
        for (name, svc) in services {
            assert_eq!(svc["kind"], json!("web"), "{env}.{name}");
            assert!(svc["port"].is_number(), "{env}.{name}");
            assert!(svc["path"].is_string(), "{env}.{name}");
        }
        assert_eq!(
            keys(&compute["target_group_name_prefixes"]),
            services.keys().map(String::as_str).collect::<Vec<_>>(),
            "{env}"
        );
        let security = inputs(env, "security");
        for (name, svc) in security["services"].as_object().expect("services") {
            assert!(svc.get("callers").is_none(), "{env}.{name}");
        }
        // No backend, so no namespace and no Service Connect proxy there.
        let readme = read(&format!("generated/{env}/README.md"));
        assert!(!readme.contains("Service Connect"), "{env}");
    }
}

#[test]
fn the_readme_and_the_diagram_show_the_backend_its_callers_and_the_worker() {
    let readme = read("generated/sandbox/README.md");
    for line in [
        "| `api` | web | the ALB, path `/` (container port 8000) | the ALB |",
        "| `rates` | backend | `http://rates:9200` (ECS Service Connect), no ALB | `api`, `worker` |",
        "| `worker` | worker | nothing: no port | nobody |",
        "`rates` (backend, 0.25 vCPU / 0.5 GB, 1–2 tasks)",
        "`worker` (worker, 0.5 vCPU / 1 GB, 0–4 tasks)",
        "svc_api -.->|\"http://rates:9200\"| svc_rates",
        "svc_worker -.->|\"http://rates:9200\"| svc_rates",
        "alb -->|\"/\"| svc_api",
    ] {
        assert!(readme.contains(line), "{line}");
    }
    // Only the web service hangs off the ALB.
    assert!(!readme.contains("alb -->|\"/\"| svc_worker"));
    assert!(!readme.contains("| svc_rates\n  alb"));
    assert_eq!(readme.matches("alb -->|").count(), 1);
}

fn tfgen(args: &[&str]) -> std::process::Output {
    Command::cargo_bin("tfgen")
        .expect("binary")
        .args(args)
        .output()
        .expect("runs")
}

fn validate(services: &str) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("spec.yaml");
    std::fs::write(
        &spec,
        format!(
            "version: 1\nproject: demo-app\nenvironment: dev\nregion: eu-west-1\nprofile: minimal\naccess:\n  allowed_cidrs: [203.0.113.10/32]\nservices:\n  web:\n    port: 8080\n{services}"
        ),
    )
    .unwrap();
    let out = tfgen(&["validate", spec.to_str().unwrap()]);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_worker_that_may_scale_to_zero_with_cpu_and_memory_tracking_is_a_warning() {
    let (code, stderr) =
        validate("  worker:\n    kind: worker\n    desired: 1\n    scaling: { min: 0, max: 3 }\n");
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("warning: services.worker.scaling.min: `worker` may scale to 0 tasks, but CPU and memory tracking never scale a service out from 0"),
        "{stderr}"
    );
    // min 0 stays an error on a web service.
    let (code, stderr) = validate("    desired: 0\n    scaling: { min: 0, max: 2 }\n");
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("a web service keeps at least one task behind the ALB"));
}

#[test]
fn a_backend_is_called_by_every_other_service_unless_callers_narrows_it() {
    let (code, stderr) = validate(
        "  search:\n    kind: backend\n    port: 9200\n  worker:\n    kind: worker\n    scaling: { min: 1, max: 2 }\n",
    );
    assert_eq!(code, Some(0), "{stderr}");
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("spec.yaml");
    std::fs::write(
        &spec,
        "version: 1\nproject: demo-app\nenvironment: dev\nregion: eu-west-1\nprofile: minimal\naccess:\n  allowed_cidrs: [203.0.113.10/32]\nservices:\n  web:\n    port: 8080\n  search:\n    kind: backend\n    port: 9200\n  worker:\n    kind: worker\n    scaling: { min: 1, max: 2 }\n",
    )
    .unwrap();
    let out = tfgen(&["explain", spec.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text
        .lines()
        .find(|l| l.contains("services.search.callers"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(line.contains("[web, worker]"), "{line}");
    assert!(line.contains("default"), "{line}");
}
