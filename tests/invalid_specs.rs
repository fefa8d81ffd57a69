//! The corpus of invalid specs in tests/fixtures/invalid/, each run through
//! the real binary: exit code 1, and a message naming the right line, column
//! and field path. Expectations are written from reading each fixture.

use assert_cmd::Command;
use std::path::Path;

struct Case {
    file: &'static str,
    /// `line:col` of the problem.
    at: &'static str,
    /// Field path printed after `error:` (empty for whole-document problems).
    path: &'static str,
    /// A phrase of the message.
    says: &'static str,
    /// A phrase of the `help:` line, if there must be one.
    help: Option<&'static str>,
}

const fn case(
    file: &'static str,
    at: &'static str,
    path: &'static str,
    says: &'static str,
    help: Option<&'static str>,
) -> Case {
    Case {
        file,
        at,
        path,
        says,
        help,
    }
}

const CASES: &[Case] = &[
    // Issue 14: what each kind of service allows.
    case(
        "worker_with_port.yaml",
        "15:11",
        "services.worker.port",
        "`port` has no effect on a worker service: a worker has no port and is not behind the ALB",
        Some("remove `port` (the container port), or set `kind: web`"),
    ),
    case(
        "worker_with_path.yaml",
        "14:11",
        "services.worker.path",
        "`path` has no effect on a worker service: a worker has no port and is not behind the ALB",
        Some("remove `path` (the ALB path pattern), or set `kind: web`"),
    ),
    case(
        "worker_with_health_path.yaml",
        "15:13",
        "services.worker.health_check.path",
        "`health_check.path` has no effect on a worker service: a worker has no port and is not behind the ALB",
        Some("remove `health_check.path` (the ALB health check path), or set `kind: web`"),
    ),
    case(
        "requests_per_target_on_backend.yaml",
        "16:28",
        "services.search.scaling.requests_per_target",
        "`scaling.requests_per_target` has no effect on a backend service: a backend is not behind the ALB; the other services reach it through Service Connect",
        Some(
            "remove `scaling.requests_per_target` (request-count scaling tracks the ALB's requests per target), or set `kind: web`",
        ),
    ),
    case(
        "callers_unknown.yaml",
        "15:20",
        "services.search.callers[1]",
        "`wokrer` is not a service",
        Some("did you mean `worker`?"),
    ),
    case(
        "callers_on_web.yaml",
        "12:14",
        "services.web.callers",
        "`callers` narrows who may call a backend service, but `web` is a web service",
        Some("set `kind: backend`, or remove `callers`"),
    ),
    case(
        "backend_without_port.yaml",
        "12:3",
        "services.search",
        "missing required field `port`: a backend service listens on a port",
        Some(
            "add `port:` (the container port), or set `kind: worker` for a service that only calls out",
        ),
    ),
    case(
        "no_web_service.yaml",
        "8:1",
        "services",
        "no service serves \"/\" (the default route)",
        Some("add a web service (the default kind) with `path: /`"),
    ),
    // Issue 14 part 3: jobs.
    case(
        "job_uses_unknown.yaml",
        "12:11",
        "jobs.nightly.uses",
        "`uses: wbe` names no service",
        Some("did you mean `web`?"),
    ),
    case(
        "job_bad_schedule.yaml",
        "11:15",
        "jobs.nightly.schedule",
        "day-of-month `*` and day-of-week `*` are both set: one of them must be ?",
        Some("put ? in exactly one of day-of-month and day-of-week"),
    ),
    case(
        "job_bad_timezone.yaml",
        "12:15",
        "jobs.nightly.timezone",
        "\"Europe/Dublni\" is not an IANA time zone",
        Some("did you mean `Europe/Dublin`?"),
    ),
    case(
        "job_retries.yaml",
        "13:14",
        "jobs.nightly.retries",
        "retries 200 is more than EventBridge Scheduler's 185",
        Some("use 0-185"),
    ),
    case(
        "job_no_image.yaml",
        "10:3",
        "jobs.cleanup",
        "job `cleanup` has no image and uses no service",
        Some("set `uses: SERVICE`"),
    ),
    case(
        "job_retries_one_off.yaml",
        "13:14",
        "jobs.migrate.retries",
        "has no effect: job `migrate` has no schedule (a one-off job, run on demand)",
        Some("remove it, or add `schedule: cron(...)`"),
    ),
    case(
        "job_name_clash.yaml",
        "10:3",
        "jobs.web",
        "job `web` has the name of a service",
        Some("jobs and services share one namespace"),
    ),
    case(
        "build_with_image.yaml",
        "13:12",
        "services.web.build",
        "service `web` runs the image nginx:1.27: CI builds nothing for it",
        Some("remove `image` to build the service's image into its ECR repository"),
    ),
    case(
        "repository_with_tofu.yaml",
        "13:3",
        "repository",
        "mise.toml pins Terraform, but this environment runs OpenTofu (`tool: tofu`)",
        Some("use `tool: terraform` with `repository:`"),
    ),
    case(
        "repository_root_outside.yaml",
        "12:9",
        "repository.root",
        "`infra/../..` leaves the folder holding the output root",
        Some("use `.` (the default) or a folder inside it"),
    ),
    case(
        "repository_bad_github.yaml",
        "13:17",
        "repository.github.repository",
        "\"https://github.com/acme/demo-app\" is not valid: write it as OWNER/REPO",
        None,
    ),
    case(
        "secret_manager_arn.yaml",
        "14:25",
        "services.web.secrets[0].secretsmanager",
        "Secrets Manager secret name `arn:aws:secretsmanager:eu-west-1:123456789012:secret:ci/github-AbCdEf` contains",
        Some("write the secret's name (e.g. ci/github), not its ARN"),
    ),
    case(
        "web_min_zero.yaml",
        "13:21",
        "services.web.scaling.min",
        "a web service keeps at least one task behind the ALB, but scaling.min is 0",
        Some("set `scaling.min: 1` or more"),
    ),
    case(
        "secret_two_sources.yaml",
        "16:25",
        "services.web.secrets[1].secretsmanager",
        "secret `STRIPE_KEY` reads either `ssm` or `secretsmanager`, not both",
        Some("keep the one that holds the value"),
    ),
    case(
        "secret_key_on_ssm.yaml",
        "13:58",
        "services.web.secrets[0].key",
        "`key` picks a JSON key of a Secrets Manager secret; an SSM parameter has none",
        Some("remove `key`"),
    ),
    case(
        "secret_key_on_ssm.yaml",
        "13:34",
        "services.web.secrets[0].ssm",
        "\"shared/stripe/key\" is neither a full parameter name nor an SSM parameter ARN",
        Some("\"/shared/stripe/key\""),
    ),
    case(
        "bad_matcher.yaml",
        "13:16",
        "services.web.health_check.matcher",
        "\"200-600\" is not an ALB success-code matcher",
        Some("HTTP codes from 200 to 499"),
    ),
    case(
        "bad_health_command.yaml",
        "13:17",
        "services.web.health_check.command[0]",
        "a container health check starts with CMD or CMD-SHELL, not `curl`",
        Some("CMD-SHELL"),
    ),
    case(
        "bad_list_item.yaml",
        "6:19",
        "network.endpoints[1]",
        "\"dynamodb\" is not a valid item of `endpoints`; expected one of s3, ecr",
        None,
    ),
    case(
        "null_section.yaml",
        "9:19",
        "services.web.health_check",
        "expected mapping, found null\n",
        None,
    ),
    // A float that is a whole number is that number: the pair rule reports it, not an internal error.
    case(
        "float_memory.yaml",
        "10:13",
        "services.web.memory",
        "cpu 256 with memory 4096 is not a valid Fargate pair",
        Some("512, 1024, 2048"),
    ),
    case(
        "alias_bomb.yaml",
        "5:45",
        "",
        "expands to more than 100000 nodes",
        None,
    ),
    case(
        "aurora_capacity_step.yaml",
        "14:17",
        "database.max_capacity",
        "not a multiple of 0.5",
        Some("steps of 0.5"),
    ),
    case(
        "aurora_fields_on_postgres.yaml",
        "14:3",
        "database.min_capacity",
        "does not apply to engine postgres",
        Some("remove it"),
    ),
    case(
        "aurora_min_gt_max.yaml",
        "14:17",
        "database.min_capacity",
        "greater than max_capacity",
        None,
    ),
    case(
        "bad_allowed_cidr.yaml",
        "7:19",
        "access.allowed_cidrs[0]",
        "is not a CIDR block",
        Some("203.0.113.10/32"),
    ),
    case(
        "bad_cidr.yaml",
        "13:9",
        "network.cidr",
        "is not an IPv4 CIDR block",
        Some("10.0.0.0/16"),
    ),
    case(
        "bad_days.yaml",
        "13:9",
        "schedule.days",
        "did you mean `FRI`",
        None,
    ),
    case(
        "bad_enum_profile.yaml",
        "5:10",
        "profile",
        "expected one of minimal, balanced, resilient",
        None,
    ),
    case(
        "reserved_environment.yaml",
        "3:14",
        "environment",
        "`modules` is reserved: the shared module catalog is written to <out>/modules/",
        Some("name the environment after its stage"),
    ),
    case(
        "bad_region.yaml",
        "4:9",
        "region",
        "not a known AWS region",
        Some("did you mean `ap-northeast-1`?"),
    ),
    case(
        "bad_service_name.yaml",
        "10:5",
        "services.Web_App",
        "not a DNS label",
        Some("lowercase"),
    ),
    case(
        "bad_time.yaml",
        "13:10",
        "schedule.start",
        "24-hour time",
        None,
    ),
    case(
        "bad_timezone.yaml",
        "13:13",
        "schedule.timezone",
        "not an IANA time zone",
        Some("did you mean `Asia/Tokyo`?"),
    ),
    case("binary_garbage.bin", "1:1", "", "not UTF-8", None),
    case(
        "cidr_host_bits.yaml",
        "13:9",
        "network.cidr",
        "host bits set",
        Some("did you mean `10.0.0.0/16`?"),
    ),
    case(
        "cidr_too_small.yaml",
        "13:9",
        "network.cidr",
        "/16 to /24",
        None,
    ),
    case(
        "deep_nesting.yaml",
        "12:70",
        "",
        "nesting deeper than 64 levels",
        None,
    ),
    case(
        "desired_outside_scaling.yaml",
        "12:14",
        "services.web.desired",
        "outside scaling.min..max",
        None,
    ),
    case(
        "duplicate_key.yaml",
        "12:5",
        "",
        "duplicate key `port`",
        None,
    ),
    case(
        "empty.yaml",
        "1:1",
        "",
        "the spec is empty",
        Some("examples in specs/"),
    ),
    case(
        "feature_off_field.yaml",
        "13:3",
        "cdn.price_class",
        "the CDN is disabled",
        Some("cdn.enabled: true"),
    ),
    case(
        "invalid_fargate_cpu.yaml",
        "12:10",
        "services.web.cpu",
        "300 is not a valid Fargate CPU; expected one of 256, 512",
        None,
    ),
    case(
        "invalid_fargate_pair.yaml",
        "13:13",
        "services.web.memory",
        "not a valid Fargate pair",
        Some("2048, 3072"),
    ),
    case(
        "missing_default_path.yaml",
        "8:1",
        "services",
        "no service serves \"/\"",
        Some("path: /"),
    ),
    case(
        "missing_port.yaml",
        "9:3",
        "services.web",
        "missing required field `port`",
        Some("add `port:`"),
    ),
    case(
        "missing_required_project.yaml",
        "1:1",
        "",
        "missing required field `project`",
        None,
    ),
    case(
        "missing_services.yaml",
        "1:1",
        "",
        "missing required field `services`",
        None,
    ),
    case(
        "misspelled_nested_key.yaml",
        "14:3",
        "network.natt",
        "unknown field `natt`",
        Some("did you mean `nat`?"),
    ),
    case(
        "misspelled_top_key.yaml",
        "12:1",
        "netwrk",
        "unknown field `netwrk`",
        Some("did you mean `network`?"),
    ),
    case(
        "multiple_documents.yaml",
        "12:1",
        "",
        "one YAML document",
        None,
    ),
    case(
        "multiple_errors.yaml",
        "12:10",
        "services.web.cpu",
        "not a valid Fargate CPU",
        None,
    ),
    case(
        "overlapping_paths.yaml",
        "14:11",
        "services.api.path",
        "already served by service `web`",
        None,
    ),
    case(
        "postgres_fields_on_aurora.yaml",
        "14:3",
        "database.instance_class",
        "does not apply to engine aurora_postgres",
        None,
    ),
    case(
        "schema_and_rules.yaml",
        "4:1",
        "regin",
        "unknown field `regin`",
        Some("did you mean `region`?"),
    ),
    case(
        "scaling_min_gt_max.yaml",
        "13:12",
        "services.web.scaling.min",
        "greater than scaling.max",
        None,
    ),
    case(
        "sentry_without_org.yaml",
        "14:5",
        "monitoring.sentry.organization",
        "required when Sentry is enabled",
        None,
    ),
    case(
        "start_equals_stop.yaml",
        "14:9",
        "schedule.stop",
        "start and stop are both 09:00",
        None,
    ),
    case(
        "unknown_key.yaml",
        "12:1",
        "kubernetes",
        "unknown field `kubernetes`",
        Some("expected one of version"),
    ),
    case(
        "unsupported_version.yaml",
        "1:10",
        "version",
        "version 2 is not supported",
        Some("version: 1"),
    ),
    case(
        "version_as_number.yaml",
        "13:12",
        "database.version",
        "expected string, found a number 17.6",
        Some("quote it: \"17.6\""),
    ),
    case(
        "wrong_type_port.yaml",
        "10:11",
        "services.web.port",
        "expected integer, found a string",
        None,
    ),
    case(
        "yaml_syntax_error.yaml",
        "13:1",
        "",
        "YAML syntax error",
        None,
    ),
    // Specs of several environments (tests/environments.rs holds their whole output).
    case(
        "environments_and_environment.yaml",
        "4:1",
        "environment",
        "a spec has either `environment` (one environment) or `environments` (several), not both",
        Some("remove `environment: staging` and list that environment under `environments:`"),
    ),
    case(
        "environment_override_invalid.yaml",
        "16:25",
        "services.web.scaling.min",
        "a web service keeps at least one task behind the ALB, but scaling.min is 0 (in environment prod)",
        Some("set `scaling.min: 1` or more"),
    ),
    case(
        "environment_override_shared_only.yaml",
        "9:5",
        "environments.staging.project",
        "`project` cannot be overridden by an environment: every environment of a spec is of one project",
        Some("keep `project:` at the top; another project is another spec"),
    ),
    case(
        "environment_bad_name.yaml",
        "9:3",
        "environments.Prod",
        "\"Prod\" is not valid: use lowercase letters, digits and single hyphens between them, starting with a letter (1-15 characters)",
        None,
    ),
    case(
        "environment_shared_error.yaml",
        "7:36",
        "services.web.cpu",
        "300 is not a valid Fargate CPU; expected one of 256, 512, 1024, 2048, 4096, 8192, 16384 (in environments staging, prod)",
        None,
    ),
    // Issue 15: MongoDB Atlas.
    case(
        "mongodb_nat_without_nat.yaml",
        "14:11",
        "mongodb.access",
        "`access: nat` puts the NAT gateways' addresses on the Atlas access list, but `network.nat` is none: the tasks have changing public IPs, so the access list would have to be open to the world",
        Some(
            "set `network.nat: single` (or `per_az`), or `mongodb.access: privatelink` with a tier of M10 or larger",
        ),
    ),
    case(
        "mongodb_privatelink_flex.yaml",
        "12:11",
        "mongodb.access",
        "Atlas Flex clusters have no private endpoints, so `access: privatelink` needs a dedicated tier",
        Some("set `mongodb.tier: M10` (or larger), or `mongodb.access: nat`"),
    ),
    case(
        "mongodb_unknown_client.yaml",
        "14:18",
        "mongodb.clients[1]",
        "`wbe` is not a service of this spec",
        Some("did you mean `web`?"),
    ),
    case(
        "mongodb_client_own_uri.yaml",
        "9:27",
        "services.api.secrets[1]",
        "`api` is a client of `mongodb` and receives MONGODB_URI from it; this one would be a second definition",
        Some(
            "remove it (and the hand-made parameter): the generated secret holds the Atlas connection string",
        ),
    ),
    case(
        "mongodb_flex_version.yaml",
        "11:12",
        "mongodb.version",
        "Atlas Flex clusters run MongoDB 8.0; version \"7.0\" needs a dedicated tier",
        Some("remove `version`, or set `mongodb.tier: M10` (or larger)"),
    ),
    case(
        "mongodb_bad_org_id.yaml",
        "10:11",
        "mongodb.org_id",
        "\"my-org\" is not valid: an Atlas organization ID is 24 lowercase hexadecimal characters",
        None,
    ),
    // Issue 15: the data services.
    case(
        "queue_unknown_producer.yaml",
        "11:17",
        "queues.jobs.producers[0]",
        "`apii` is not a service",
        Some("did you mean `api`?"),
    ),
    case(
        "queue_fifo_name_too_long.yaml",
        "10:3",
        "queues.invoice-generation-requests",
        "the FIFO queue `invoice-generation-requests` would be named `a-very-long-project-name-here-staging-europe-invoice-generation-requests-dlq.fifo` (81 characters) for its dead-letter queue; SQS allows 80",
        Some("shorten the queue name to 26 characters or fewer"),
    ),
    case(
        "table_ttl_is_key.yaml",
        "13:20",
        "tables.sessions.ttl_attribute",
        "`expires_at` is the table's range_key; a key attribute cannot be the TTL attribute",
        Some("keep the expiry time in an attribute that is no key"),
    ),
    case(
        "scaling_queue_unknown.yaml",
        "9:39",
        "services.api.scaling.queue",
        "`job` is not a queue of `queues`",
        Some("did you mean `jobs`?"),
    ),
    case(
        "queue_job_with_uses.yaml",
        "16:17",
        "queues.jobs.producers[0]",
        "job `report` runs with the task role and security group of `api`, which it uses: it receives what `api` receives",
        Some("name `api` here instead, or give `report` an image of its own (no `uses`)"),
    ),
    case(
        "scaling_queue_on_web.yaml",
        "9:39",
        "services.api.scaling.queue",
        "only a worker scales on a queue, but `api` is a web service",
        Some("set `kind: worker` on `api`"),
    ),
    case(
        "queue_ranges.yaml",
        "11:25",
        "queues.jobs.visibility_timeout",
        "50000 is more than the maximum 43200",
        None,
    ),
    case(
        "queue_ranges.yaml",
        "12:21",
        "queues.jobs.retention_days",
        "15 is more than the maximum 14",
        None,
    ),
    case(
        "queue_ranges.yaml",
        "13:19",
        "queues.jobs.max_receives",
        "0 is less than the minimum 1",
        None,
    ),
];

fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid")
}

fn validate(path: &Path) -> (i32, String) {
    let output = Command::cargo_bin("tfgen")
        .expect("binary")
        .env("NO_COLOR", "1")
        .arg("validate")
        .arg(path)
        .output()
        .expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn every_invalid_spec_is_reported_precisely() {
    let mut failures = Vec::new();
    for c in CASES {
        let path = fixtures().join(c.file);
        let (code, stderr) = validate(&path);
        let location = format!("{}:{}: error: ", path.display(), c.at);
        let head = if c.path.is_empty() {
            location.clone()
        } else {
            format!("{location}{}: ", c.path)
        };
        let ok = code == 1
            && stderr.contains(&head)
            && stderr.contains(c.says)
            && c.help
                .is_none_or(|h| stderr.contains("help:") && stderr.contains(h))
            && !stderr.contains("panicked");
        if !ok {
            failures.push(format!(
                "{}: exit {code}, expected `{head}…{}`; got:\n{stderr}",
                c.file, c.says
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn all_problems_are_reported_at_once() {
    let (code, stderr) = validate(&fixtures().join("multiple_errors.yaml"));
    assert_eq!(code, 1);
    for needle in [
        "services.web.cpu",
        "network.natt: unknown field",
        "network.azs: 9 is more than the maximum 6",
    ] {
        assert!(stderr.contains(needle), "missing {needle}:\n{stderr}");
    }
}

/// The `file:line:col: severity: path: message` lines of a validation.
fn problem_lines(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter(|l| l.contains(": error: ") || l.contains(": warning: "))
        .map(str::to_owned)
        .collect()
}

#[test]
fn schema_errors_and_rule_errors_come_in_one_pass_sorted_by_position() {
    let path = fixtures().join("schema_and_rules.yaml");
    let (code, stderr) = validate(&path);
    assert_eq!(code, 1, "{stderr}");
    let at = |pos: &str, rest: &str| format!("{}:{pos}: {rest}", path.display());
    let expected = [
        at("1:1", "error: missing required field `region`"),
        at(
            "1:1",
            "warning: access.allowed_cidrs: tasks run with public IPs",
        ),
        at("4:1", "error: regin: unknown field `regin`"),
        at(
            "7:9",
            "error: network.cidr: \"10.0.0.1/16\" has host bits set",
        ),
        at("8:8", "error: network.azs: 9 is more than the maximum 6"),
        at("9:1", "error: services: no service serves \"/\""),
        at("11:11", "error: services.web.port: expected integer"),
        at(
            "12:10",
            "error: services.web.cpu: 300 is not a valid Fargate CPU",
        ),
        at(
            "14:11",
            "error: services.web.path: path pattern \"web/*\" must start with /",
        ),
        at(
            "18:21",
            "error: services.api.scaling.min: scaling.min 3 is greater",
        ),
        at(
            "20:13",
            "error: schedule.timezone: \"Europe/Dublim\" is not an IANA",
        ),
        at("21:10", "error: schedule.start: \"9:00\" is not valid"),
        at("23:12", "error: cdn.enabled: expected boolean"),
        at(
            "26:16",
            "error: monitoring.alarm_email: \"ops-at-example.com\" is not an email",
        ),
    ];
    let lines = problem_lines(&stderr);
    assert_eq!(lines.len(), expected.len(), "{stderr}");
    for (line, want) in lines.iter().zip(&expected) {
        assert!(
            line.starts_with(want.as_str()),
            "expected `{want}…`, got:\n{stderr}"
        );
    }
    // Nothing is said about values standing in for rejected ones: the profile's
    // memory for cpu 300, or the CDN fields while `enabled` is not a boolean.
    assert!(!stderr.contains("Fargate pair"), "{stderr}");
    assert!(!stderr.contains("has no effect"), "{stderr}");
    assert!(!stderr.contains("internal error"), "{stderr}");
}

#[test]
fn fixing_the_schema_errors_reveals_no_new_problem() {
    let text = std::fs::read_to_string(fixtures().join("schema_and_rules.yaml")).expect("fixture");
    let (code, first) = validate(&fixtures().join("schema_and_rules.yaml"));
    assert_eq!(code, 1);
    let fixed = text
        .replace("regin:", "region:")
        .replace("azs: 9", "azs: 2")
        .replace("port: \"3000\"", "port: 3000")
        .replace("cpu: 300", "cpu: 1024")
        .replace("\"9:00\"", "\"09:00\"")
        .replace("enabled: \"yes\"", "enabled: true");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("schema_and_rules.yaml");
    std::fs::write(&path, fixed).expect("write");
    let (code, second) = validate(&path);
    assert_eq!(code, 1, "the rule errors remain:\n{second}");
    assert!(
        !second.contains("expected"),
        "schema errors are fixed:\n{second}"
    );
    // Everything reported now was reported in the first pass (by field and message).
    let tail = |line: &str| {
        line.split_once(": ")
            .map_or(String::new(), |(_, t)| t.to_owned())
    };
    let before: Vec<String> = problem_lines(&first).iter().map(|l| tail(l)).collect();
    for line in problem_lines(&second) {
        let line = tail(&line);
        assert!(
            before.contains(&line),
            "`{line}` appears only after the schema errors are fixed; first pass:\n{first}"
        );
    }
}

#[test]
fn every_fixture_has_an_expectation() {
    let mut files: Vec<String> = std::fs::read_dir(fixtures())
        .expect("fixtures")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let covered: Vec<&str> = CASES.iter().map(|c| c.file).collect();
    for file in &files {
        assert!(
            covered.contains(&file.as_str()),
            "{file} has no expectation in CASES"
        );
    }
    assert!(files.len() >= 30, "the corpus has {} fixtures", files.len());
}

#[test]
fn huge_files_are_refused_without_reading_them_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("huge.yaml");
    let mut text = String::from("version: 1\ntags:\n");
    while text.len() <= 2 * 1024 * 1024 {
        text.push_str(
            "  padding-key-with-a-long-name-to-fill-the-file: some value that takes room\n",
        );
    }
    std::fs::write(&path, text).expect("write");
    let (code, stderr) = validate(&path);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(&format!("{}:1:1: error: ", path.display())),
        "{stderr}"
    );
    assert!(
        stderr.contains("larger than") && stderr.contains("1 MiB"),
        "{stderr}"
    );
}

#[test]
fn a_missing_file_is_an_io_error() {
    let (code, stderr) = validate(&fixtures().join("does-not-exist.yaml"));
    assert_eq!(code, 2);
    assert!(stderr.contains("cannot read"), "{stderr}");
}
