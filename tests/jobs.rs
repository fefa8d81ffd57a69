//! `jobs:` (issue 14 part 3): the facts of specs/workers.yaml's nightly and
//! migrate jobs on the committed tree (generated/sandbox and the catalog's
//! jobs module), the least-privilege IAM of the schedules, the names at their
//! longest, the README's run-task, and the cost of a job, hand-computed.

use hcl::{Block, Body, Expression};
use serde_json::{Value, json};

#[path = "support/tree.rs"]
mod tree;
use tree::{committed_inputs as inputs, file as read, json_of as json, parsed as parse};

fn block<'a>(body: &'a Body, kind: &str, ty: &str, name: &str) -> &'a Block {
    body.blocks()
        .find(|b| {
            b.identifier() == kind && b.labels()[0].as_str() == ty && b.labels()[1].as_str() == name
        })
        .unwrap_or_else(|| panic!("no {kind} {ty}.{name}"))
}

/// An attribute of a block, following nested blocks: `attr(b, "a.b.c")`.
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

/// The statements of a policy document block: (sid, actions, resources,
/// conditions as [test, variable, values]).
fn statements(doc: &Block) -> Vec<(Value, Value, Value, Vec<Value>)> {
    doc.body()
        .blocks()
        .filter(|b| b.identifier() == "statement")
        .map(|s| {
            let get = |k: &str| {
                s.body()
                    .attributes()
                    .find(|a| a.key() == k)
                    .map_or(Value::Null, |a| json(a.expr()))
            };
            let conditions = s
                .body()
                .blocks()
                .filter(|b| b.identifier() == "condition")
                .map(|c| {
                    let get = |k: &str| {
                        c.body()
                            .attributes()
                            .find(|a| a.key() == k)
                            .map_or(Value::Null, |a| json(a.expr()))
                    };
                    json!([get("test"), get("variable"), get("values")])
                })
                .collect();
            (get("sid"), get("actions"), get("resources"), conditions)
        })
        .collect()
}

#[test]
fn workers_defines_the_nightly_report_and_the_migrate_job() {
    let i = inputs("sandbox", "jobs");
    let jobs = &i["jobs"];
    assert_eq!(
        jobs["nightly-report"],
        json!({
            "uses": "api",
            "command": ["python", "manage.py", "report"],
            "cpu": 512,
            "memory": 1024,
            "cpu_architecture": "ARM64",
            "environment": { "DJANGO_SETTINGS_MODULE": "ledger.settings.production" },
            "secrets": ["DJANGO_SECRET_KEY"],
            "secret_sources": {
                "STRIPE_KEY": { "ssm": "/shared/stripe/key" },
                "GITHUB_TOKEN": { "secretsmanager": "ci/github", "key": "token" }
            },
            "schedule": "cron(0 3 * * ? *)",
            "timezone": "Europe/Dublin",
            "retries": 2
        })
    );
    // A one-off job: no schedule, so no timezone or retries either.
    let migrate = jobs["migrate"].as_object().expect("migrate");
    assert_eq!(
        migrate["command"],
        json!(["python", "manage.py", "migrate"])
    );
    assert_eq!(migrate["uses"], "api");
    for absent in ["schedule", "timezone", "retries", "image"] {
        assert!(!migrate.contains_key(absent), "migrate has {absent}");
    }
    // The api's image comes from its ECR repository; its role and network.
    assert_eq!(
        i["repository_urls"],
        "${dependency.ecr.outputs.repository_urls}"
    );
    assert_eq!(
        i["service_task_role_arns"],
        "${dependency.security.outputs.task_role_arns}"
    );
    assert_eq!(
        i["task_subnet_ids"],
        "${dependency.network.outputs.private_subnet_ids}"
    );
    assert_eq!(i["assign_public_ip"], false);
    // The tasks' group and, for a job with `uses`, its service's own group.
    assert_eq!(
        i["task_security_group_id"],
        "${dependency.security.outputs.task_security_group_id}"
    );
    assert_eq!(
        i["service_security_group_ids"],
        "${dependency.security.outputs.service_security_group_ids}"
    );
    let main = read("generated/modules/jobs/main.tf");
    assert!(
        main.contains("[var.task_security_group_id],")
            && main.contains("[var.service_security_group_ids[job.uses]]"),
        "the jobs' security groups"
    );
    assert_eq!(
        i["cluster_name"],
        "${dependency.compute.outputs.cluster_name}"
    );
    // Only the scheduled job has a schedule, a role and a dead-letter queue.
    assert_eq!(
        i["schedule_names"],
        json!({ "nightly-report": "ledger-sandbox-nightly-report" })
    );
    assert_eq!(
        i["scheduler_role_names"],
        json!({ "nightly-report": "ledger-sandbox-nightly-report-scheduler" })
    );
    assert_eq!(
        i["dead_letter_queue_names"],
        json!({ "nightly-report": "ledger-sandbox-nightly-report-dlq" })
    );
    assert_eq!(i["enable_database"], true);
    // The unit comes after compute in the deploy order.
    let catalog = read("templates/modules/catalog.txt");
    let pos = |unit: &str| {
        catalog
            .find(&format!("\n{unit}: "))
            .unwrap_or_else(|| panic!("{unit} in catalog.txt"))
    };
    assert!(pos("compute") < pos("jobs"));
}

#[test]
fn a_schedule_runs_the_task_definition_on_the_cluster_on_fargate() {
    let m = parse("generated/modules/jobs/main.tf");
    let s = block(&m, "resource", "aws_scheduler_schedule", "job");
    assert_eq!(attr(s, "for_each"), "${local.scheduled}");
    assert_eq!(attr(s, "schedule_expression"), "${each.value.schedule}");
    assert_eq!(
        attr(s, "schedule_expression_timezone"),
        "${each.value.timezone}"
    );
    assert_eq!(attr(s, "kms_key_arn"), "${var.kms_key_arn}");
    assert_eq!(attr(s, "flexible_time_window.mode"), "OFF");
    assert_eq!(attr(s, "target.arn"), "${local.cluster_arn}");
    assert_eq!(
        attr(s, "target.role_arn"),
        "${aws_iam_role.scheduler[each.key].arn}"
    );
    assert_eq!(
        attr(s, "target.ecs_parameters.task_definition_arn"),
        "${aws_ecs_task_definition.job[each.key].arn}"
    );
    assert_eq!(attr(s, "target.ecs_parameters.launch_type"), "FARGATE");
    assert_eq!(
        attr(s, "target.ecs_parameters.network_configuration.subnets"),
        "${var.task_subnet_ids}"
    );
    assert_eq!(
        attr(
            s,
            "target.ecs_parameters.network_configuration.assign_public_ip"
        ),
        "${var.assign_public_ip}"
    );
    assert_eq!(
        attr(s, "target.retry_policy.maximum_retry_attempts"),
        "${each.value.retries}"
    );
    assert_eq!(
        attr(s, "target.dead_letter_config.arn"),
        "${aws_sqs_queue.dead_letter[each.key].arn}"
    );
    let locals = m
        .blocks()
        .find(|b| b.identifier() == "locals")
        .expect("locals");
    let cluster_arn = locals
        .body()
        .attributes()
        .find(|a| a.key() == "cluster_arn")
        .map(|a| json(a.expr()))
        .expect("cluster_arn");
    assert_eq!(
        cluster_arn,
        "arn:${local.partition}:ecs:${local.region}:${local.account_id}:cluster/${var.cluster_name}"
    );

    // The dead-letter queue is encrypted at rest with the environment key.
    let q = block(&m, "resource", "aws_sqs_queue", "dead_letter");
    assert_eq!(attr(q, "kms_master_key_id"), "${var.kms_key_arn}");
    assert_eq!(attr(q, "name"), "${var.dead_letter_queue_names[each.key]}");

    // The task definition: Fargate, the job's own family and log group.
    let td = block(&m, "resource", "aws_ecs_task_definition", "job");
    assert_eq!(attr(td, "family"), "${var.name_prefix}-${each.key}");
    assert_eq!(attr(td, "requires_compatibilities"), json!(["FARGATE"]));
    assert_eq!(
        attr(td, "execution_role_arn"),
        "${var.task_execution_role_arn}"
    );
    assert_eq!(
        attr(td, "task_role_arn"),
        "${local.task_role_arns[each.key]}"
    );
    let logs = block(&m, "resource", "aws_cloudwatch_log_group", "job");
    assert_eq!(attr(logs, "kms_key_id"), "${var.kms_key_arn}");
    assert_eq!(attr(logs, "retention_in_days"), "${var.log_retention_days}");
}

#[test]
fn the_scheduler_role_may_run_exactly_its_task_definition_and_pass_its_two_roles() {
    let m = parse("generated/modules/jobs/main.tf");
    let trust = block(&m, "data", "aws_iam_policy_document", "scheduler_assume");
    let trust = statements(trust);
    assert_eq!(trust.len(), 1);
    assert_eq!(trust[0].1, json!(["sts:AssumeRole"]));
    assert_eq!(
        trust[0].3,
        vec![json!([
            "StringEquals",
            "aws:SourceAccount",
            ["${local.account_id}"]
        ])]
    );
    let principals = trust_principals(&m);
    assert_eq!(principals, json!(["scheduler.amazonaws.com"]));

    let policy = block(&m, "data", "aws_iam_policy_document", "scheduler");
    let st = statements(policy);
    assert_eq!(
        st,
        vec![
            (
                json!("RunTheJobsTaskDefinition"),
                json!(["ecs:RunTask"]),
                // The family without revision, any revision: exactly this job.
                json!([
                    "arn:${local.partition}:ecs:${local.region}:${local.account_id}:task-definition/${aws_ecs_task_definition.job[each.key].family}:*"
                ]),
                vec![json!([
                    "ArnEquals",
                    "ecs:cluster",
                    ["${local.cluster_arn}"]
                ])],
            ),
            (
                json!("PassTheTaskRoles"),
                json!(["iam:PassRole"]),
                json!([
                    "${var.task_execution_role_arn}",
                    "${local.task_role_arns[each.key]}"
                ]),
                vec![json!([
                    "StringEquals",
                    "iam:PassedToService",
                    ["ecs-tasks.amazonaws.com"]
                ])],
            ),
            (
                json!("SendFailedInvocations"),
                json!(["sqs:SendMessage"]),
                json!(["${aws_sqs_queue.dead_letter[each.key].arn}"]),
                vec![],
            ),
            (
                json!("UseTheEnvironmentKey"),
                json!(["kms:Decrypt", "kms:GenerateDataKey"]),
                json!(["${var.kms_key_arn}"]),
                vec![],
            ),
        ]
    );
    // No wildcard resource or action anywhere in the module's policies.
    for doc in m
        .blocks()
        .filter(|b| b.identifier() == "data" && b.labels()[0].as_str() == "aws_iam_policy_document")
    {
        for (sid, actions, resources, _) in statements(doc) {
            for v in resources.as_array().into_iter().flatten() {
                let v = v.as_str().unwrap_or_default();
                assert!(v != "*" && !v.ends_with("/*"), "{sid}: resource {v}");
            }
            for a in actions.as_array().into_iter().flatten() {
                assert!(!a.as_str().unwrap_or_default().contains('*'), "{sid}: {a}");
            }
        }
    }
    // The task role a job runs with: its service's, else its own (security unit).
    let locals = m
        .blocks()
        .find(|b| b.identifier() == "locals")
        .expect("locals");
    let roles = locals
        .body()
        .attributes()
        .find(|a| a.key() == "task_role_arns")
        .map(|a| a.expr().to_string())
        .expect("task_role_arns");
    assert!(
        roles.contains("var.service_task_role_arns[job.uses]")
            && roles.contains("var.job_task_role_arns[name]"),
        "{roles}"
    );
}

fn trust_principals(m: &Body) -> Value {
    let trust = block(m, "data", "aws_iam_policy_document", "scheduler_assume");
    let statement = trust
        .body()
        .blocks()
        .find(|b| b.identifier() == "statement")
        .expect("statement");
    let principals = statement
        .body()
        .blocks()
        .find(|b| b.identifier() == "principals")
        .expect("principals");
    principals
        .body()
        .attributes()
        .find(|a| a.key() == "identifiers")
        .map(|a| json(a.expr()))
        .expect("identifiers")
}

#[test]
fn jobs_without_uses_get_a_task_role_in_the_security_unit() {
    let yaml = "version: 1\nproject: demo\nenvironment: test\nregion: us-east-1\n\
                services:\n  web:\n    port: 3000\n    image: nginx:1.27\n\
                jobs:\n  cleanup:\n    image: busybox:1.37\n    schedule: rate(6 hours)\n    command: [\"true\"]\n";
    let generated = generate(yaml);
    let security = unit_inputs(&generated, "security");
    assert_eq!(
        security["job_task_role_names"],
        json!({ "cleanup": "demo-test-cleanup-task" })
    );
    let jobs = unit_inputs(&generated, "jobs");
    assert_eq!(
        jobs["job_task_role_arns"],
        "${dependency.security.outputs.job_task_role_arns}"
    );
    assert!(jobs.get("service_task_role_arns").is_none());
    assert!(jobs.get("repository_urls").is_none(), "no ECR image");
    let m = parse("generated/modules/security/main.tf");
    let role = block(&m, "resource", "aws_iam_role", "job_task");
    assert_eq!(attr(role, "for_each"), "${var.job_task_role_names}");
    assert_eq!(
        attr(role, "assume_role_policy"),
        "${data.aws_iam_policy_document.ecs_tasks_assume.json}"
    );
}

#[test]
fn a_job_without_uses_and_nat_none_runs_in_public_subnets_with_a_public_ip() {
    let yaml = "version: 1\nproject: demo\nenvironment: test\nregion: us-east-1\nprofile: minimal\n\
                access:\n  allowed_cidrs: [203.0.113.10/32]\n\
                services:\n  web:\n    port: 3000\n\
                jobs:\n  once:\n    image: busybox:1.37\n";
    let generated = generate(yaml);
    let jobs = unit_inputs(&generated, "jobs");
    assert_eq!(jobs["assign_public_ip"], true);
    assert_eq!(
        jobs["task_subnet_ids"],
        "${dependency.network.outputs.public_subnet_ids}"
    );
    // A one-off job only: no schedule names.
    assert!(jobs.get("schedule_names").is_none());
    let readme = &generated.files["README.md"];
    assert!(
        readme.contains("assignPublicIp=ENABLED"),
        "README's run-task: {readme}"
    );
}

#[test]
fn the_longest_names_fit_their_aws_limits() {
    let project = "p".repeat(30);
    let env = "e".repeat(15);
    let job = "j".repeat(20);
    let j2 = format!("{}k", "j".repeat(19));
    let yaml = format!(
        "version: 1\nproject: {project}\nenvironment: {env}\nregion: us-east-1\n\
         services:\n  web:\n    port: 3000\n    image: nginx:1.27\n\
         jobs:\n  {job}:\n    image: busybox:1.37\n    schedule: cron(0 3 * * ? *)\n  {j2}:\n    image: busybox:1.37\n    schedule: cron(0 4 * * ? *)\n",
    );
    let generated = generate(&yaml);
    let jobs = unit_inputs(&generated, "jobs");
    let names = |key: &str| -> Vec<String> {
        jobs[key]
            .as_object()
            .expect(key)
            .values()
            .map(|v| v.as_str().expect("name").to_owned())
            .collect()
    };
    for (key, max) in [
        ("schedule_names", 64),
        ("scheduler_role_names", 64),
        ("dead_letter_queue_names", 80),
    ] {
        let n = names(key);
        assert_eq!(n.len(), 2, "{key}");
        assert_ne!(n[0], n[1], "{key}: two jobs share a name");
        assert!(n.iter().all(|x| x.len() <= max), "{key}: {n:?}");
    }
    // Schedule and role names are cut (with a hash), the queue's fits whole.
    assert!(names("schedule_names").iter().all(|n| n.len() == 64));
    assert!(names("dead_letter_queue_names")[0].ends_with("-dlq"));
}

#[test]
fn the_readme_runs_migrations_as_the_one_off_job() {
    let readme = read("generated/sandbox/README.md");
    assert!(
        readme.contains(
            "TASK=$(eval \"$(cd jobs && terragrunt output -json run_task_commands | jq -r '.[\"migrate\"]')\")"
        ),
        "{readme}"
    );
    assert!(readme.contains(
        "aws ecs wait tasks-stopped --region eu-west-1 --cluster ledger-sandbox --tasks \"$TASK\""
    ));
    assert!(readme.contains("--query 'tasks[0].containers[0].exitCode' --output text"));
    assert!(readme.contains("aws logs tail /ecs/ledger-sandbox/migrate --region eu-west-1"));
    // The manual form: cluster, family, launch type, subnets, group, public IP.
    assert!(readme.contains(
        "aws ecs run-task --region eu-west-1 --cluster ledger-sandbox --task-definition ledger-sandbox-$JOB \\"
    ));
    assert!(readme.contains(
        "--network-configuration \"awsvpcConfiguration={subnets=[$SUBNETS],securityGroups=[$SG],assignPublicIp=DISABLED}\""
    ));
    assert!(readme.contains("--launch-type FARGATE"));
    // Port forwarding is no longer the way migrations run here.
    assert!(!readme.contains("npx prisma migrate deploy"));
    assert!(readme.contains("| `nightly-report` | `cron(0 3 * * ? *)` (Europe/Dublin) | `api` |"));
    // The module output that prints the command with the real IDs.
    let outputs = read("generated/modules/jobs/outputs.tf");
    for part in [
        "\"aws ecs run-task\"",
        "\"--cluster ${var.cluster_name}\"",
        "\"--task-definition ${td.family}\"",
        "\"--launch-type FARGATE\"",
        "assignPublicIp=${var.assign_public_ip ? \"ENABLED\" : \"DISABLED\"}",
    ] {
        assert!(outputs.contains(part), "run_task_commands lacks {part}");
    }
}

#[test]
fn a_scheduled_job_costs_its_runs_times_job_hours_at_the_fargate_rate() {
    // us-east-1 x86: $0.04048 per vCPU-hour, $0.004445 per GB-hour.
    // cron(0 3 * * ? *): 365 runs a year, 365 / 12 = 30.4167 a month;
    // × 0.5 h = 15.2083 h; × 1 vCPU = 15.2083 vCPU-h = $0.6156;
    // × 2 GB = 30.4167 GB-h = $0.1352.
    let yaml = "version: 1\nproject: demo\nenvironment: test\nregion: us-east-1\n\
                services:\n  web:\n    port: 3000\n    image: nginx:1.27\n\
                jobs:\n  report:\n    image: busybox:1.37\n    schedule: cron(0 3 * * ? *)\n    cpu: 1024\n    memory: 2048\n  \
                once:\n    image: busybox:1.37\n\
                cost:\n  job_hours: 0.5\n";
    let e = estimate(yaml);
    let vcpu = e
        .lines
        .iter()
        .find(|l| l.item.starts_with("Fargate vCPU (job report"))
        .expect("vCPU line");
    assert!((vcpu.baseline_quantity - 15.208).abs() < 0.001, "{vcpu:?}");
    assert_eq!(vcpu.baseline_usd, 0.62);
    assert_eq!(vcpu.peak_usd, 0.62);
    let gb = e
        .lines
        .iter()
        .find(|l| l.item.starts_with("Fargate memory (job report"))
        .expect("memory line");
    assert!((gb.baseline_quantity - 30.417).abs() < 0.001, "{gb:?}");
    assert_eq!(gb.baseline_usd, 0.14);
    // The one-off job: no line, a note.
    assert!(!e.lines.iter().any(|l| l.item.contains("job once")));
    assert!(
        e.notes
            .iter()
            .any(|n| n.starts_with("One-off jobs (`once`) are not priced")),
        "{:?}",
        e.notes
    );
    assert!(
        e.assumptions
            .iter()
            .any(|a| a.path == "cost.job_hours" && a.value == 0.5)
    );
}

#[test]
fn rates_and_weekday_crons_price_by_their_runs() {
    // Jobs default to 256 CPU units (0.25 vCPU) and 512 MiB (0.5 GB).
    // rate(6 hours): 730 / 6 = 121.667 runs × 1 h = 121.667 task-hours;
    // × 0.25 vCPU = 30.417 vCPU-h = $1.2313 at $0.04048.
    let yaml = "version: 1\nproject: demo\nenvironment: test\nregion: us-east-1\n\
                services:\n  web:\n    port: 3000\n    image: nginx:1.27\n\
                jobs:\n  sweep:\n    image: busybox:1.37\n    schedule: rate(6 hours)\n  \
                weekly:\n    image: busybox:1.37\n    schedule: cron(0 9 ? * MON *)\n  \
                once:\n    image: busybox:1.37\n    schedule: at(2027-03-01T09:00:00)\n";
    let e = estimate(yaml);
    let line = |start: &str| {
        e.lines
            .iter()
            .find(|l| l.item.starts_with(start))
            .unwrap_or_else(|| panic!("{start}"))
    };
    let sweep = line("Fargate vCPU (job sweep");
    assert!(
        (sweep.baseline_quantity - 30.417).abs() < 0.001,
        "{sweep:?}"
    );
    assert_eq!(sweep.baseline_usd, 1.23);
    // 2027 has 52 Mondays: 52 / 12 = 4.333 runs × 0.25 vCPU = 1.083 vCPU-h.
    let weekly = line("Fargate vCPU (job weekly");
    assert!(
        (weekly.baseline_quantity - 1.083).abs() < 0.001,
        "{weekly:?}"
    );
    // at(): one run, in its own month: 0 a month.
    let once = line("Fargate vCPU (job once");
    assert_eq!(once.baseline_quantity, 0.0);
}

fn estimate(yaml: &str) -> tfgen::cost::Estimate {
    let checked = tfgen::spec::check(yaml.as_bytes());
    let spec = checked
        .resolved
        .unwrap_or_else(|| panic!("invalid spec: {:?}", checked.diagnostics));
    tfgen::cost::estimate(&spec).expect("priced")
}

fn generate(yaml: &str) -> tfgen::build::Generated {
    let checked = tfgen::spec::check(yaml.as_bytes());
    let resolved = checked
        .resolved
        .unwrap_or_else(|| panic!("invalid spec: {:?}\n{yaml}", checked.diagnostics));
    tfgen::build::generate(&resolved, "spec.yaml").unwrap_or_else(|e| panic!("{e}\n{yaml}"))
}

fn unit_inputs(generated: &tfgen::build::Generated, unit: &str) -> Value {
    let path = generated
        .files
        .keys()
        .find(|k| k.ends_with(&format!("{unit}/terragrunt.hcl")))
        .unwrap_or_else(|| panic!("no unit {unit}"));
    let body: Body = hcl::parse(&generated.files[path]).expect("parses");
    let attr = body
        .attributes()
        .find(|a| a.key() == "inputs")
        .expect("inputs");
    json(attr.expr())
}

#[test]
fn the_architecture_shows_each_job_with_its_schedule_and_service() {
    let checked = tfgen::spec::check(read("specs/workers.yaml").as_bytes());
    let spec = checked.resolved.expect("workers resolves");
    let mermaid = tfgen::graph::architecture(&spec).to_mermaid();
    for line in [
        "scheduler(\"EventBridge Scheduler<br/>dead-letter queues (SQS)\")",
        "job_nightly_report[\"job nightly-report<br/>scheduled (Europe/Dublin)<br/>0.5 vCPU / 1 GB\"]",
        "job_migrate[\"job migrate<br/>one-off: aws ecs run-task<br/>0.5 vCPU / 1 GB\"]",
        "scheduler -.->|\"cron(0 3 * * ? *)\"| job_nightly_report",
        "job_nightly_report -.->|\"uses image, settings\"| svc_api",
        "job_migrate -.->|\"uses image, settings\"| svc_api",
        // With the alarm email: the failure rule and the dead-letter alarms.
        "job_failures(\"EventBridge rule<br/>failed jobs\")",
        "ecs -.->|\"job exits non-zero\"| job_failures",
        "job_failures -.-> sns",
        "scheduler -.->|\"dead letters\"| alarms",
    ] {
        assert!(mermaid.contains(line), "no `{line}` in\n{mermaid}");
    }
}

// --- Failed jobs are told to the alarm topic (with monitoring.alarm_email) ----

/// The first argument of a function call attribute (`jsonencode({...})`) as JSON.
fn call_arg(block: &Block, key: &str) -> Value {
    let expr = block
        .body()
        .attributes()
        .find(|a| a.key() == key)
        .unwrap_or_else(|| panic!("no attribute {key}"))
        .expr();
    match expr {
        Expression::FuncCall(call) => json(&call.args[0]),
        other => panic!("{key} is not a function call: {other:?}"),
    }
}

/// The principals (type, identifiers) of each statement of a policy document.
fn statement_principals(doc: &Block) -> Vec<Value> {
    doc.body()
        .blocks()
        .filter(|b| b.identifier() == "statement")
        .map(|s| {
            let p = s
                .body()
                .blocks()
                .find(|b| b.identifier() == "principals")
                .expect("principals");
            json!([attr(p, "type"), attr(p, "identifiers")])
        })
        .collect()
}

#[test]
fn workers_tells_the_alarm_topic_of_failed_jobs_through_one_rule() {
    // The plan: the jobs unit takes the topic from monitoring (deployed before
    // it), both name the same rule, and the key lets EventBridge publish.
    let jobs = inputs("sandbox", "jobs");
    assert_eq!(
        jobs["alarm_topic_arn"],
        "${dependency.monitoring.outputs.alarm_topic_arn}"
    );
    assert_eq!(jobs["job_failure_rule_name"], "ledger-sandbox-job-failed");
    let monitoring = inputs("sandbox", "monitoring");
    assert_eq!(
        monitoring["job_failure_rule_name"],
        "ledger-sandbox-job-failed"
    );
    assert_eq!(inputs("sandbox", "kms")["enable_event_topic_access"], true);
    // Specs without jobs leave the key and the topic policy as they were.
    assert_eq!(inputs("prod", "kms")["enable_event_topic_access"], false);
    assert!(
        inputs("prod", "monitoring")
            .get("job_failure_rule_name")
            .is_none()
    );

    let m = parse("generated/modules/jobs/main.tf");
    let rule = block(&m, "resource", "aws_cloudwatch_event_rule", "job_failed");
    assert_eq!(
        attr(rule, "count"),
        "${var.alarm_topic_arn == null ? 0 : 1}"
    );
    assert_eq!(attr(rule, "name"), "${var.job_failure_rule_name}");
    assert_eq!(
        call_arg(rule, "event_pattern"),
        json!({
            "source": ["aws.ecs"],
            "detail-type": ["ECS Task State Change"],
            "detail": {
                "clusterArn": ["${local.cluster_arn}"],
                "lastStatus": ["STOPPED"],
                "taskDefinitionArn": "${[for name in sort(keys(var.jobs)) : { prefix = \"arn:${local.partition}:ecs:${local.region}:${local.account_id}:task-definition/${var.name_prefix}-${name}:\" }]}",
                "$or": [
                    { "containers": { "exitCode": [{ "anything-but": 0 }] } },
                    { "stopCode": ["TaskFailedToStart"] },
                ],
            },
        })
    );

    let target = block(&m, "resource", "aws_cloudwatch_event_target", "job_failed");
    assert_eq!(
        attr(target, "rule"),
        "${aws_cloudwatch_event_rule.job_failed[0].name}"
    );
    assert_eq!(attr(target, "arn"), "${var.alarm_topic_arn}");
    assert_eq!(
        attr(target, "input_transformer.input_paths"),
        json!({
            "job": "$.detail.containers[0].name",
            "exit_code": "$.detail.containers[0].exitCode",
            "stop_code": "$.detail.stopCode",
            "reason": "$.detail.stoppedReason",
            "task": "$.detail.taskArn",
        })
    );
    let template = attr(target, "input_transformer.input_template");
    let template = template.as_str().expect("a string template");
    // A quoted string (a plain-text message), naming every input path and the logs.
    assert!(
        template.starts_with("\"Job <job> of ${var.name_prefix} failed."),
        "{template}"
    );
    assert!(template.ends_with('"'), "{template}");
    for part in [
        "<exit_code>",
        "<stop_code>",
        "<reason>",
        "<task>",
        "group /ecs/${var.name_prefix}/<job>, stream <job>/<job>/",
    ] {
        assert!(template.contains(part), "no {part} in {template}");
    }

    let alarm = block(&m, "resource", "aws_cloudwatch_metric_alarm", "dead_letter");
    assert_eq!(
        attr(alarm, "for_each"),
        "${var.alarm_topic_arn == null ? {} : local.scheduled}"
    );
    assert_eq!(attr(alarm, "namespace"), "AWS/SQS");
    assert_eq!(
        attr(alarm, "metric_name"),
        "ApproximateNumberOfMessagesVisible"
    );
    assert_eq!(attr(alarm, "threshold"), 0);
    assert_eq!(attr(alarm, "comparison_operator"), "GreaterThanThreshold");
    assert_eq!(
        attr(alarm, "alarm_actions"),
        json!(["${var.alarm_topic_arn}"])
    );
    assert_eq!(
        attr(alarm, "dimensions"),
        json!({ "QueueName": "${aws_sqs_queue.dead_letter[each.key].name}" })
    );
    assert_eq!(
        attr(alarm, "alarm_name"),
        "${var.name_prefix}-${each.key}-schedule-failed"
    );
}

#[test]
fn the_alarm_topic_lets_exactly_the_rule_and_the_environments_alarms_publish() {
    let m = parse("generated/modules/monitoring/main.tf");
    let doc = block(&m, "data", "aws_iam_policy_document", "alarms_topic");
    assert_eq!(
        statements(doc),
        vec![
            (
                json!("AlarmsOfThisEnvironmentPublish"),
                json!(["sns:Publish"]),
                json!(["${aws_sns_topic.alarms.arn}"]),
                vec![json!([
                    "ArnLike",
                    "aws:SourceArn",
                    [
                        "arn:${local.partition}:cloudwatch:${local.region}:${local.account_id}:alarm:${var.name_prefix}-*"
                    ]
                ])],
            ),
            (
                json!("TheJobFailureRulePublishes"),
                json!(["sns:Publish"]),
                json!(["${aws_sns_topic.alarms.arn}"]),
                // The rule's exact ARN: no other rule, no other account.
                vec![json!([
                    "ArnEquals",
                    "aws:SourceArn",
                    [
                        "arn:${local.partition}:events:${local.region}:${local.account_id}:rule/${var.job_failure_rule_name}"
                    ]
                ])],
            ),
        ]
    );
    assert_eq!(
        statement_principals(doc),
        vec![
            json!(["Service", ["cloudwatch.amazonaws.com"]]),
            json!(["Service", ["events.amazonaws.com"]]),
        ]
    );
    let policy = block(&m, "resource", "aws_sns_topic_policy", "alarms");
    assert_eq!(attr(policy, "arn"), "${aws_sns_topic.alarms.arn}");
    assert_eq!(
        attr(policy, "policy"),
        "${data.aws_iam_policy_document.alarms_topic[0].json}"
    );

    // The key: EventBridge may encrypt what it publishes to the topic.
    let k = parse("generated/modules/kms/main.tf");
    let key = block(&k, "data", "aws_iam_policy_document", "key");
    let dynamic = key
        .body()
        .blocks()
        .filter(|b| b.identifier() == "dynamic")
        .find(|b| {
            b.body().blocks().any(|c| {
                c.body().attributes().any(|a| {
                    a.key() == "sid" && json(a.expr()) == "EventBridgePublishesToEncryptedTopics"
                })
            })
        })
        .expect("the EventBridge statement");
    assert_eq!(
        attr(dynamic, "for_each"),
        "${var.enable_event_topic_access ? [1] : []}"
    );
    let content = dynamic
        .body()
        .blocks()
        .find(|b| b.identifier() == "content")
        .expect("content");
    assert_eq!(
        content
            .body()
            .attributes()
            .find(|a| a.key() == "actions")
            .map(|a| json(a.expr())),
        Some(json!(["kms:Decrypt", "kms:GenerateDataKey"]))
    );
    let principals = content
        .body()
        .blocks()
        .find(|b| b.identifier() == "principals")
        .expect("principals");
    assert_eq!(
        attr(principals, "identifiers"),
        json!(["events.amazonaws.com"])
    );
}

#[test]
fn without_an_alarm_email_nobody_is_told_and_the_readme_says_so() {
    let yaml = "version: 1\nproject: demo\nenvironment: test\nregion: us-east-1\n\
                services:\n  web:\n    port: 3000\n    image: nginx:1.27\n\
                jobs:\n  nightly:\n    image: busybox:1.37\n    schedule: cron(0 3 * * ? *)\n";
    let generated = generate(yaml);
    let jobs = unit_inputs(&generated, "jobs");
    assert!(jobs.get("alarm_topic_arn").is_none());
    assert!(jobs.get("job_failure_rule_name").is_none());
    assert_eq!(
        unit_inputs(&generated, "kms")["enable_event_topic_access"],
        false
    );
    let readme = &generated.files["README.md"];
    assert!(
        readme.contains(
            "**Who is told when a job fails:** nobody: the spec has no `monitoring.alarm_email`."
        ),
        "{readme}"
    );

    let with_email = generate(&format!(
        "{yaml}monitoring:\n  alarm_email: ops@example.com\n"
    ));
    let readme = &with_email.files["README.md"];
    for line in [
        "**Who is told when a job fails:** **ops@example.com**, through the alarm topic",
        "`demo-test-alarms`. The EventBridge rule `demo-test-job-failed` mails it whenever a",
        "The alarm `demo-test-<job>-schedule-failed` mails it too when a scheduled run could",
    ] {
        assert!(readme.contains(line), "no `{line}` in {readme}");
    }
    assert_eq!(
        unit_inputs(&with_email, "monitoring")["job_failure_rule_name"],
        "demo-test-job-failed"
    );

    // The dead-letter alarm is priced ($0.10 an alarm-month in us-east-1), only with the email.
    let dead_letter_alarms = |yaml: &str| {
        estimate(yaml)
            .lines
            .into_iter()
            .find(|l| l.item == "CloudWatch alarms (dead-letter queues of scheduled jobs)")
    };
    assert!(dead_letter_alarms(yaml).is_none());
    let line = dead_letter_alarms(&format!(
        "{yaml}monitoring:\n  alarm_email: ops@example.com\n"
    ))
    .expect("the dead-letter alarm line");
    assert_eq!(line.baseline_quantity, 1.0);
    assert_eq!(line.baseline_usd, 0.10);
}
