//! Issue 15 part A: queues, tables (and the cache), asserted on the committed
//! tree of specs/workers.yaml (generated/sandbox) and on the catalog modules:
//! the resources, the grants (each statement's actions and its exact
//! resources, never `*`), and what each client receives.

#[path = "support/tree.rs"]
mod tree;

use hcl::{Block, Body};
use serde_json::{Value, json};
use tree::{attr, catalog, compact, generate, nested, resource};

/// The `inputs` of `generated/sandbox/<unit>/terragrunt.hcl`.
fn sandbox(unit: &str) -> Value {
    let body = hcl::parse(&tree::file(&format!(
        "generated/sandbox/{unit}/terragrunt.hcl"
    )))
    .expect("parses");
    let inputs = body
        .attributes()
        .find(|a| a.key() == "inputs")
        .expect("inputs");
    tree::json_of(inputs.expr())
}

fn data<'a>(body: &'a Body, ty: &str, name: &str) -> &'a Block {
    tree::block(body, "data", &[ty, name])
}

/// Each statement of a policy document: (sid, actions, resources), compact.
fn statements(doc: &Block) -> Vec<(String, String, String)> {
    nested(doc, "statement")
        .into_iter()
        .map(|s| {
            (
                attr(s, "sid"),
                compact(s, "actions"),
                compact(s, "resources"),
            )
        })
        .collect()
}

#[test]
fn the_ledger_has_a_jobs_queue_and_a_sessions_table() {
    let queues = sandbox("queues");
    assert_eq!(
        queues["queues"]["jobs"],
        json!({
            "fifo": false,
            "visibility_timeout": 300,
            "retention_days": 4,
            "max_receives": 5,
            "producers": ["api"],
            "consumers": queues["queues"]["jobs"]["consumers"].clone(),
        })
    );
    assert_eq!(
        queues["queue_names"],
        json!({ "jobs": "ledger-sandbox-jobs" })
    );
    assert_eq!(
        queues["dead_letter_queue_names"],
        json!({ "jobs": "ledger-sandbox-jobs-dlq" })
    );
    assert_eq!(queues["kms_key_arn"], "${dependency.kms.outputs.key_arn}");
    assert_eq!(
        queues["task_role_names"],
        "${dependency.security.outputs.task_role_names}"
    );

    let tables = sandbox("tables");
    assert_eq!(
        tables["tables"]["sessions"],
        json!({
            "hash_key": "id",
            "ttl_attribute": "expires_at",
            "point_in_time_recovery": true,
            "deletion_protection": true,
            "clients": ["api"],
            "readers": [],
        })
    );
    assert_eq!(
        tables["table_names"],
        json!({ "sessions": "ledger-sandbox-sessions" })
    );
    // nat: single: the tasks reach DynamoDB through the gateway endpoint.
    assert_eq!(sandbox("network")["create_dynamodb_endpoint"], true);
}

#[test]
fn the_clients_get_the_queue_url_and_the_table_name() {
    let compute = sandbox("compute");
    assert_eq!(
        compute["queue_environment"],
        "${dependency.queues.outputs.client_environment}"
    );
    assert_eq!(
        compute["table_environment"],
        "${dependency.tables.outputs.client_environment}"
    );
    let queues = catalog("queues/outputs.tf");
    let output = tree::block(&queues, "output", &["client_environment"]);
    assert!(
        compact(output, "value").contains(
            r#""${upper(replace(name,"-","_"))}_QUEUE_URL"=aws_sqs_queue.this[name].url"#
        ),
        "{}",
        compact(output, "value")
    );
    let tables = catalog("tables/outputs.tf");
    let output = tree::block(&tables, "output", &["client_environment"]);
    assert!(
        compact(output, "value").contains(
            r#""TABLE_${upper(replace(name,"-","_"))}"=aws_dynamodb_table.this[name].name"#
        ),
        "{}",
        compact(output, "value")
    );
    let main = catalog("compute/main.tf");
    let task = resource(&main, "aws_ecs_task_definition", "this");
    assert!(
        attr(task, "container_definitions").contains("local.data_environment[each.key]"),
        "the container environment merges the data services' variables"
    );
}

#[test]
fn queues_are_encrypted_tls_only_and_redrive_to_their_dead_letter_queue() {
    let main = catalog("queues/main.tf");
    for name in ["this", "dead_letter"] {
        let queue = resource(&main, "aws_sqs_queue", name);
        assert_eq!(attr(queue, "kms_master_key_id"), "var.kms_key_arn");
        assert_eq!(attr(queue, "fifo_queue"), "each.value.fifo");
        let policy = data(
            &main,
            "aws_iam_policy_document",
            if name == "this" {
                "queue"
            } else {
                "dead_letter"
            },
        );
        let deny = &nested(policy, "statement")[0];
        assert_eq!(attr(deny, "effect"), "\"Deny\"");
        let condition = &nested(deny, "condition")[0];
        assert_eq!(attr(condition, "variable"), "\"aws:SecureTransport\"");
        assert_eq!(compact(condition, "values"), r#"["false"]"#);
        assert_eq!(
            compact(deny, "resources"),
            format!("[aws_sqs_queue.{name}[each.key].arn]")
        );
    }
    let queue = resource(&main, "aws_sqs_queue", "this");
    let redrive = compact(queue, "redrive_policy");
    assert!(
        redrive.contains("deadLetterTargetArn=aws_sqs_queue.dead_letter[each.key].arn"),
        "{redrive}"
    );
    assert!(
        redrive.contains("maxReceiveCount=each.value.max_receives"),
        "{redrive}"
    );
    let allow = resource(&main, "aws_sqs_queue_redrive_allow_policy", "dead_letter");
    let allow = compact(allow, "redrive_allow_policy");
    assert!(allow.contains(r#"redrivePermission="byQueue""#), "{allow}");
    assert!(
        allow.contains("sourceQueueArns=[aws_sqs_queue.this[each.key].arn]"),
        "{allow}"
    );
}

#[test]
fn producers_send_and_consumers_receive_on_their_queue_only() {
    let main = catalog("queues/main.tf");
    assert_eq!(
        statements(data(&main, "aws_iam_policy_document", "send")),
        [
            (
                "\"SendToQueue\"".into(),
                r#"["sqs:SendMessage"]"#.into(),
                "[aws_sqs_queue.this[each.value.queue].arn]".into()
            ),
            (
                "\"EncryptMessages\"".into(),
                r#"["kms:GenerateDataKey","kms:Decrypt"]"#.into(),
                "[var.kms_key_arn]".into()
            ),
        ]
    );
    assert_eq!(
        statements(data(&main, "aws_iam_policy_document", "receive")),
        [
            (
                "\"ReceiveFromQueue\"".into(),
                r#"["sqs:ReceiveMessage","sqs:DeleteMessage","sqs:ChangeMessageVisibility","sqs:GetQueueAttributes"]"#.into(),
                "[aws_sqs_queue.this[each.value.queue].arn]".into()
            ),
            (
                "\"DecryptMessages\"".into(),
                r#"["kms:Decrypt"]"#.into(),
                "[var.kms_key_arn]".into()
            ),
        ]
    );
    for (doc, policy) in [("send", "send"), ("receive", "receive")] {
        let statement = &nested(data(&main, "aws_iam_policy_document", doc), "statement")[1];
        let via = &nested(statement, "condition")[0];
        assert_eq!(attr(via, "variable"), "\"kms:ViaService\"");
        assert_eq!(compact(via, "values"), "[local.sqs_endpoint]");
        let attached = resource(&main, "aws_iam_role_policy", policy);
        assert_eq!(
            attr(attached, "role"),
            "local.role_names[each.value.service]"
        );
    }
    assert!(!tree::file("templates/modules/queues/main.tf").contains("resources = [\"*\"]"));
}

#[test]
fn tables_are_on_demand_encrypted_and_granted_per_table() {
    let main = catalog("tables/main.tf");
    let table = resource(&main, "aws_dynamodb_table", "this");
    assert_eq!(attr(table, "billing_mode"), "\"PAY_PER_REQUEST\"");
    assert_eq!(
        attr(table, "deletion_protection_enabled"),
        "each.value.deletion_protection"
    );
    let sse = &nested(table, "server_side_encryption")[0];
    assert_eq!(attr(sse, "kms_key_arn"), "var.kms_key_arn");
    let pitr = &nested(table, "point_in_time_recovery")[0];
    assert_eq!(attr(pitr, "enabled"), "each.value.point_in_time_recovery");
    let table_arn = "[aws_dynamodb_table.this[each.value.table].arn]".to_string();
    let read_write = statements(data(&main, "aws_iam_policy_document", "read_write"));
    assert_eq!(read_write[0].0, "\"ReadWriteTable\"");
    assert_eq!(
        read_write[0].1,
        "concat(local.read_actions,local.write_actions)"
    );
    assert_eq!(read_write[0].2, table_arn);
    assert_eq!(read_write[1].1, r#"["kms:Decrypt"]"#);
    assert_eq!(read_write[1].2, "[var.kms_key_arn]");
    let read = statements(data(&main, "aws_iam_policy_document", "read"));
    assert_eq!(
        read[0],
        (
            "\"ReadTable\"".into(),
            "local.read_actions".into(),
            table_arn
        )
    );
    let locals = tree::block(&main, "locals", &[]);
    let reads = compact(locals, "read_actions");
    assert!(
        !reads.contains("Put") && !reads.contains("Delete") && !reads.contains("Update"),
        "{reads}"
    );
    assert!(!tree::file("templates/modules/tables/main.tf").contains("\"*\""));
}

#[test]
fn the_dead_letter_queue_alarms_when_alarm_email_is_set() {
    assert_eq!(
        sandbox("monitoring")["dead_letter_queues"],
        "${dependency.queues.outputs.dead_letter_queue_sqs_names}"
    );
    let main = catalog("monitoring/main.tf");
    let alarm = resource(&main, "aws_cloudwatch_metric_alarm", "dead_letter_queue");
    assert_eq!(attr(alarm, "namespace"), "\"AWS/SQS\"");
    assert_eq!(
        attr(alarm, "metric_name"),
        "\"ApproximateNumberOfMessagesVisible\""
    );
    assert_eq!(attr(alarm, "threshold"), "0");
    assert_eq!(
        attr(alarm, "comparison_operator"),
        "\"GreaterThanThreshold\""
    );
    assert_eq!(
        compact(alarm, "alarm_actions"),
        "[aws_sns_topic.alarms.arn]"
    );
    // Without alarm_email there is no monitoring unit at all.
    let quiet = tree::example("workers.yaml")
        .replace("  alarm_email: ops@ledger.example", "  alarm_email: null");
    assert!(!generate(&quiet).contains_key("monitoring/terragrunt.hcl"));
}

#[test]
fn a_fifo_queue_and_its_dead_letter_queue_end_in_fifo() {
    let spec = tree::example("workers.yaml").replace(
        "    visibility_timeout: 300",
        "    fifo: true\n    visibility_timeout: 300",
    );
    let queues = tree::inputs(&generate(&spec), "queues");
    assert_eq!(queues["queue_names"]["jobs"], "ledger-sandbox-jobs.fifo");
    assert_eq!(
        queues["dead_letter_queue_names"]["jobs"],
        "ledger-sandbox-jobs-dlq.fifo"
    );
}

#[test]
fn minimal_tables_trade_point_in_time_recovery_and_protection() {
    let spec = tree::example("workers.yaml")
        .replace("profile: balanced", "profile: minimal")
        .replace("  nat: single", "  nat: none")
        .replace("monitoring:\n", "monitoring:\n  container_insights: true\n");
    let generated = generate(&spec);
    let tables = tree::inputs(&generated, "tables");
    assert_eq!(
        tables["tables"]["sessions"]["point_in_time_recovery"],
        false
    );
    assert_eq!(tables["tables"]["sessions"]["deletion_protection"], false);
    // Without private subnets for the tasks, no gateway endpoint.
    assert!(
        tree::inputs(&generated, "network")
            .get("create_dynamodb_endpoint")
            .is_none()
    );
}

#[test]
fn the_cache_admits_its_clients_groups_only_and_hands_them_cache_url() {
    let cache = sandbox("cache");
    assert_eq!(cache["engine"], "valkey");
    assert_eq!(cache["major_engine_version"], "8");
    assert_eq!(cache["max_storage_gb"], 5);
    assert_eq!(cache["cache_name"], "ledger-sandbox");
    assert_eq!(cache["clients"], json!(["api", "worker"]));
    assert_eq!(
        cache["subnet_ids"],
        "${dependency.network.outputs.private_subnet_ids}"
    );
    assert_eq!(
        cache["service_security_group_ids"],
        "${dependency.security.outputs.service_security_group_ids}"
    );
    assert_eq!(
        sandbox("compute")["cache_environment"],
        "${dependency.cache.outputs.client_environment}"
    );

    let main = catalog("cache/main.tf");
    let server = resource(&main, "aws_elasticache_serverless_cache", "this");
    assert_eq!(attr(server, "kms_key_id"), "var.kms_key_arn");
    assert_eq!(
        compact(server, "security_group_ids"),
        "[aws_security_group.cache.id]"
    );
    let limits = &nested(server, "cache_usage_limits")[0];
    let storage = &nested(limits, "data_storage")[0];
    assert_eq!(attr(storage, "maximum"), "var.max_storage_gb");
    for (rule, group) in [
        ("cache_from_client", "aws_security_group.cache.id"),
        (
            "client_to_cache",
            "var.service_security_group_ids[each.key]",
        ),
    ] {
        let kind = if rule == "cache_from_client" {
            "aws_vpc_security_group_ingress_rule"
        } else {
            "aws_vpc_security_group_egress_rule"
        };
        let r = resource(&main, kind, rule);
        assert_eq!(attr(r, "for_each"), "toset(var.clients)");
        assert_eq!(attr(r, "security_group_id"), group);
        assert_eq!(attr(r, "from_port"), "6379");
        assert_eq!(attr(r, "to_port"), "6379");
    }
    // No CIDR anywhere: only security groups reach the cache.
    assert!(!tree::file("templates/modules/cache/main.tf").contains("cidr"));
    let outputs = catalog("cache/outputs.tf");
    let env = tree::block(&outputs, "output", &["client_environment"]);
    assert!(
        compact(env, "value").contains("CACHE_URL=\"rediss://"),
        "{}",
        compact(env, "value")
    );
}

#[test]
fn the_worker_scales_on_its_queue_backlog_and_from_zero() {
    let compute = sandbox("compute");
    assert_eq!(
        compute["queue_scaling"],
        json!({ "worker": { "queue_name": "ledger-sandbox-jobs", "messages_per_task": 100 } })
    );
    assert_eq!(compute["services"]["worker"]["min"], 0);
    let main = catalog("compute/main.tf");
    let backlog = resource(&main, "aws_appautoscaling_policy", "queue_backlog");
    assert_eq!(attr(backlog, "policy_type"), "\"TargetTrackingScaling\"");
    let config = &nested(backlog, "target_tracking_scaling_policy_configuration")[0];
    assert_eq!(attr(config, "target_value"), "each.value.messages_per_task");
    let metric = &nested(config, "customized_metric_specification")[0];
    let queries: Vec<(String, String)> = nested(metric, "metrics")
        .into_iter()
        .map(|m| {
            let name = nested(m, "metric_stat")
                .first()
                .map(|s| attr(nested(s, "metric")[0], "metric_name"))
                .unwrap_or_else(|| attr(m, "expression"));
            (attr(m, "id"), name)
        })
        .collect();
    assert_eq!(
        queries,
        [
            (
                "\"visible\"".into(),
                "\"ApproximateNumberOfMessagesVisible\"".into()
            ),
            ("\"tasks\"".into(), "\"RunningTaskCount\"".into()),
            ("\"backlog\"".into(), "\"visible / tasks\"".into()),
        ]
    );
    let start = resource(&main, "aws_appautoscaling_policy", "queue_start");
    assert_eq!(
        compact(start, "for_each"),
        "{forname,qinvar.queue_scaling:name=>qifvar.services[name].min==0}"
    );
    let step = &nested(start, "step_scaling_policy_configuration")[0];
    assert_eq!(attr(step, "adjustment_type"), "\"ExactCapacity\"");
    let alarm = resource(&main, "aws_cloudwatch_metric_alarm", "queue_start");
    assert_eq!(compact(alarm, "alarm_actions"), "[each.value.arn]");
    let waiting = &nested(alarm, "metric_query")[0];
    assert_eq!(
        attr(waiting, "expression"),
        "\"IF(visible > 0 AND FILL(tasks, 0) == 0, 1, 0)\""
    );
}

#[test]
fn the_readme_says_what_each_client_receives_and_how_to_read_the_dead_letters() {
    let readme = tree::file("generated/sandbox/README.md");
    for line in [
        "| `api` | `JOBS_QUEUE_URL`, `TABLE_SESSIONS`, `CACHE_URL` | send to `jobs`; read and write `sessions`; connect to the cache (port 6379, TLS) |",
        "| `worker` | `JOBS_QUEUE_URL`, `CACHE_URL` | receive and delete from `jobs`; connect to the cache (port 6379, TLS) |",
        "DLQ=$(aws sqs get-queue-url --region eu-west-1 --queue-name ledger-sandbox-jobs-dlq --query QueueUrl --output text)",
        "aws sqs receive-message --region eu-west-1 --queue-url \"$DLQ\" --max-number-of-messages 10 \\",
        "redis-cli --tls --sni \"$CACHE_HOST\" -h localhost -p 16379 PING",
    ] {
        assert!(readme.contains(line), "{line}");
    }
    // The data units deploy between security and compute.
    let phases = tfgen::plan::phases(
        &tfgen::plan::plan(
            &tree::check(&tree::example("workers.yaml"))
                .resolved
                .expect("valid"),
        )
        .expect("plans"),
    );
    let phase_of = |unit: &str| {
        phases
            .iter()
            .position(|p| p.iter().any(|u| u == unit))
            .expect(unit)
    };
    for unit in ["queues", "tables", "cache"] {
        assert!(phase_of("security") < phase_of(unit), "{unit}");
        assert!(phase_of(unit) < phase_of("compute"), "{unit}");
    }
}

#[test]
fn the_graph_draws_each_client_edge() {
    let resolved = tree::check(&tree::example("workers.yaml"))
        .resolved
        .expect("valid");
    let mermaid = tfgen::graph::architecture(&resolved).to_mermaid();
    for edge in [
        "svc_api -->|\"send\"| queue_jobs",
        "queue_jobs -->|\"receive\"| svc_worker",
        "svc_api -->|\"rediss\"| cache",
        "svc_worker -->|\"rediss\"| cache",
        "svc_api -->|\"read/write\"| table_sessions",
    ] {
        assert!(mermaid.contains(edge), "{edge}\n{mermaid}");
    }
    // A job with an image of its own is drawn as the job it is.
    let variant = tree::check(&tree::variant("data-minimal.yaml"))
        .resolved
        .expect("valid");
    let mermaid = tfgen::graph::architecture(&variant).to_mermaid();
    assert!(
        mermaid.contains("job_digest -->|\"send\"| queue_mail"),
        "{mermaid}"
    );
    assert!(!mermaid.contains("svc_digest"), "{mermaid}");
}

#[test]
fn the_data_services_cost_what_the_assumptions_say() {
    let resolved = tree::check(&tree::variant("data-minimal.yaml"))
        .resolved
        .expect("valid");
    let estimate = tfgen::cost::estimate(&resolved).expect("priced");
    let usd = |item: &str| {
        estimate
            .lines
            .iter()
            .find(|l| l.item == item)
            .unwrap_or_else(|| panic!("no line {item}"))
            .baseline_usd
    };
    // us-east-1, the defaults: 5 M requests over two queues, one FIFO.
    assert_eq!(usd("SQS requests"), 1.00); // 2.5 × 0.40
    assert_eq!(usd("SQS requests (FIFO queues)"), 1.25); // 2.5 × 0.50
    // Redis OSS meters at least 1 GB: 730 GB-hours × 0.125.
    assert_eq!(
        usd("ElastiCache Serverless redis data stored (1 GB)"),
        91.25
    );
    assert_eq!(usd("ElastiCache Serverless redis ECPUs"), 0.34); // 100 × 0.0034
    assert_eq!(usd("DynamoDB on-demand writes"), 0.63); // 1 × 0.625
    assert_eq!(usd("DynamoDB on-demand reads"), 0.63); // 5 × 0.125
    assert_eq!(usd("DynamoDB storage"), 0.25);
    // Profile minimal: no point-in-time recovery to bill.
    assert!(
        !estimate
            .lines
            .iter()
            .any(|l| l.item.contains("point-in-time"))
    );
    assert_eq!(usd("CloudWatch alarms (dead-letter queues)"), 0.20);
    // Elsewhere the lines say they use the us-east-1 rate.
    let sandbox = tree::check(&tree::example("workers.yaml"))
        .resolved
        .expect("valid");
    let estimate = tfgen::cost::estimate(&sandbox).expect("priced");
    assert!(
        estimate.lines.iter().any(|l| l.item
            == "ElastiCache Serverless valkey data stored (0.5 GB), at the us-east-1 rate")
    );
    assert!(
        estimate
            .notes
            .iter()
            .any(|n| n.contains("priced for us-east-1 and us-west-2 only"))
    );
}

#[test]
fn jobs_receive_what_their_service_does_or_are_granted_by_name() {
    // The ledger's jobs use `api`: they run with its role and group, and get
    // its variables through the jobs unit.
    let jobs = sandbox("jobs");
    for (var, unit) in [
        ("queue_environment", "queues"),
        ("table_environment", "tables"),
        ("cache_environment", "cache"),
    ] {
        assert_eq!(
            jobs[var],
            format!("${{dependency.{unit}.outputs.client_environment}}")
        );
    }
    let main = catalog("jobs/main.tf");
    let task = resource(&main, "aws_ecs_task_definition", "job");
    assert!(attr(task, "container_definitions").contains("local.data_environment[each.key]"));
    let locals = main
        .blocks()
        .filter(|b| b.identifier() == "locals")
        .find(|b| b.body().attributes().any(|a| a.key() == "data_environment"))
        .expect("locals data_environment");
    let env = compact(locals, "data_environment");
    assert!(
        env.contains("lookup(var.queue_environment,job.uses!=null?job.uses:name,{})"),
        "{env}"
    );
    // A job with an image of its own is granted by name, on its own role.
    let variant = generate(&tree::variant("data-minimal.yaml"));
    let queues = tree::inputs(&variant, "queues");
    assert_eq!(
        queues["queues"]["mail"]["producers"],
        json!(["web", "worker", "digest"])
    );
    assert_eq!(
        queues["job_task_role_names"],
        "${dependency.security.outputs.job_task_role_names}"
    );
    assert_eq!(
        tree::inputs(&variant, "tables")["tables"]["carts"]["readers"],
        json!(["worker", "digest"])
    );
    let modules = catalog("queues/main.tf");
    let locals = tree::block(&modules, "locals", &[]);
    assert_eq!(
        compact(locals, "role_names"),
        "merge(var.task_role_names,var.job_task_role_names)"
    );
}
