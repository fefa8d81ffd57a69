//! AWS's naming rules, applied to every literal name a unit passes to its
//! module, so a name AWS would refuse fails `tfgen build` instead of the
//! apply.
//!
//! [`RULES`] is the table of rules (length, characters, first character,
//! hyphens, reserved words) and [`INPUTS`] says which rule each name input of
//! each catalog module follows. Every module variable whose name ends in
//! `_name`, `_names`, `_identifier`, `_prefix` or `_prefixes` is in
//! [`INPUTS`] (a test keeps it so): either with its rule, or with the reason
//! it is not a literal name tfgen chooses (an output of another unit). The
//! names a module builds itself from `name_prefix` are checked against the
//! same table at their longest by a test of the catalog.

use hcl::Body;
use hcl::Expression;

use super::{Unit, VerifyError, object_key_name};

/// A kind of AWS name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    LoadBalancer,
    TargetGroup,
    TargetGroupNamePrefix,
    IamRole,
    IamRoleNamePrefix,
    S3Bucket,
    RdsIdentifier,
    RdsParameterGroup,
    CognitoDomain,
    PostgresDatabase,
    EcrRepository,
    EcsName,
    LogGroup,
    WafName,
    WafMetricName,
    SsmParameter,
    SecretsManagerSecret,
    DnsName,
    SecurityGroup,
    SnsTopic,
    CloudWatchAlarm,
    KmsAlias,
    SentrySlug,
    EventBridgeRule,
    SchedulerSchedule,
    CognitoUserPool,
    Budget,
    CloudFrontOriginAccessControl,
    AppAutoScaling,
    DbSubnetGroup,
    IamInstanceProfile,
    SentryName,
    StepFunctionsStateMachine,
    AtlasProject,
    AtlasCluster,
    MongodbDatabase,
    SqsQueue,
    DynamoDbTable,
    ElastiCacheServerless,
    CloudMapNamespace,
}

/// The characters a name may contain.
#[derive(Debug, Clone, Copy)]
pub enum Chars {
    /// a-z, A-Z, 0-9 and `-`.
    AlnumHyphen,
    /// a-z, 0-9 and `-`.
    LowerAlnumHyphen,
    /// a-z, 0-9, `-` and `.`.
    LowerAlnumHyphenDot,
    /// a-z, 0-9, `-`, `_`, `.` and `/`.
    LowerRepository,
    /// a-z, A-Z, 0-9 and `_`.
    AlnumUnderscore,
    /// a-z, A-Z, 0-9, `-` and `_`.
    AlnumHyphenUnderscore,
    /// a-z, A-Z, 0-9 and `+=,.@_-`.
    Iam,
    /// a-z, A-Z, 0-9 and `._-/#`.
    LogGroup,
    /// a-z, A-Z, 0-9 and `_.-/`.
    SsmParameter,
    /// a-z, A-Z, 0-9 and `/_+=.@-`.
    Secret,
    /// a-z, A-Z, 0-9 and `._-`.
    AlnumDotHyphenUnderscore,
    /// a-z, A-Z, 0-9 and `/_-`.
    KmsAlias,
    /// Any printable ASCII character.
    Printable,
}

impl Chars {
    fn allows(self, c: u8) -> bool {
        let alnum = c.is_ascii_alphanumeric();
        let lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        match self {
            Chars::AlnumHyphen => alnum || c == b'-',
            Chars::LowerAlnumHyphen => lower || c == b'-',
            Chars::LowerAlnumHyphenDot => lower || c == b'-' || c == b'.',
            Chars::LowerRepository => lower || b"-_./".contains(&c),
            Chars::AlnumUnderscore => alnum || c == b'_',
            Chars::AlnumHyphenUnderscore => alnum || c == b'-' || c == b'_',
            Chars::Iam => alnum || b"+=,.@_-".contains(&c),
            Chars::LogGroup => alnum || b"._-/#".contains(&c),
            Chars::SsmParameter => alnum || b"_.-/".contains(&c),
            Chars::Secret => alnum || b"/_+=.@-".contains(&c),
            Chars::AlnumDotHyphenUnderscore => alnum || b"._-".contains(&c),
            Chars::KmsAlias => alnum || b"/_-".contains(&c),
            Chars::Printable => (b' '..=b'~').contains(&c),
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Chars::AlnumHyphen => "letters, digits and hyphens",
            Chars::LowerAlnumHyphen => "lowercase letters, digits and hyphens",
            Chars::LowerAlnumHyphenDot => "lowercase letters, digits, hyphens and periods",
            Chars::LowerRepository => "lowercase letters, digits and - _ . /",
            Chars::AlnumUnderscore => "letters, digits and underscores",
            Chars::AlnumHyphenUnderscore => "letters, digits, hyphens and underscores",
            Chars::Iam => "letters, digits and + = , . @ _ -",
            Chars::LogGroup => "letters, digits and . _ - / #",
            Chars::SsmParameter => "letters, digits and _ . - /",
            Chars::Secret => "letters, digits and / _ + = . @ -",
            Chars::AlnumDotHyphenUnderscore => "letters, digits and . _ -",
            Chars::KmsAlias => "letters, digits and / _ -",
            Chars::Printable => "printable ASCII characters",
        }
    }
}

/// AWS's rule for one kind of name.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub kind: Kind,
    /// What the name names, for messages.
    pub what: &'static str,
    pub min: usize,
    pub max: usize,
    pub chars: Chars,
    /// The first character is a letter.
    pub starts_with_letter: bool,
    /// Neither the first nor the last character is a hyphen.
    pub no_edge_hyphen: bool,
    /// The last character is not a hyphen (the first may be).
    pub no_trailing_hyphen: bool,
    /// No two hyphens in a row.
    pub no_double_hyphen: bool,
    pub reserved_prefixes: &'static [&'static str],
    pub reserved_suffixes: &'static [&'static str],
    /// Words the name must not contain anywhere.
    pub reserved_words: &'static [&'static str],
}

const BASE: Rule = Rule {
    kind: Kind::LoadBalancer,
    what: "",
    min: 1,
    max: 0,
    chars: Chars::Printable,
    starts_with_letter: false,
    no_edge_hyphen: false,
    no_trailing_hyphen: false,
    no_double_hyphen: false,
    reserved_prefixes: &[],
    reserved_suffixes: &[],
    reserved_words: &[],
};

/// AWS's naming rules (API references of CreateLoadBalancer,
/// CreateTargetGroup, CreateRole, S3 bucket naming rules, CreateDBInstance /
/// CreateDBCluster, CreateUserPoolDomain, CreateRepository, CreateService,
/// CreateLogGroup, WAFv2 CreateWebACL, PutParameter, CreateSecret,
/// CreateSecurityGroup, CreateTopic, PutMetricAlarm, CreateAlias, PutRule,
/// CreateSchedule, CreateHttpNamespace) and the Terraform AWS provider's
/// `name_prefix` limits.
pub const RULES: &[Rule] = &[
    Rule {
        kind: Kind::LoadBalancer,
        what: "load balancer name",
        max: 32,
        chars: Chars::AlnumHyphen,
        no_edge_hyphen: true,
        reserved_prefixes: &["internal-"],
        ..BASE
    },
    Rule {
        kind: Kind::TargetGroup,
        what: "target group name",
        max: 32,
        chars: Chars::AlnumHyphen,
        no_edge_hyphen: true,
        ..BASE
    },
    // The provider appends 26 characters to a prefix (32 - 26 = 6).
    Rule {
        kind: Kind::TargetGroupNamePrefix,
        what: "target group name_prefix",
        max: 6,
        chars: Chars::AlnumHyphen,
        reserved_prefixes: &["-"],
        ..BASE
    },
    Rule {
        kind: Kind::IamRole,
        what: "IAM role name",
        max: 64,
        chars: Chars::Iam,
        ..BASE
    },
    // The provider appends 26 characters to a prefix (64 - 26 = 38).
    Rule {
        kind: Kind::IamRoleNamePrefix,
        what: "IAM role name_prefix",
        max: 38,
        chars: Chars::Iam,
        ..BASE
    },
    Rule {
        kind: Kind::S3Bucket,
        what: "S3 bucket name",
        min: 3,
        max: 63,
        chars: Chars::LowerAlnumHyphenDot,
        no_edge_hyphen: true,
        reserved_prefixes: &["xn--", "sthree-", "amzn-s3-demo-", "."],
        reserved_suffixes: &["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3", "."],
        reserved_words: &[".."],
        ..BASE
    },
    Rule {
        kind: Kind::RdsIdentifier,
        what: "RDS identifier",
        max: 63,
        chars: Chars::LowerAlnumHyphen,
        starts_with_letter: true,
        no_edge_hyphen: true,
        no_double_hyphen: true,
        ..BASE
    },
    Rule {
        kind: Kind::RdsParameterGroup,
        what: "RDS parameter group name",
        max: 255,
        chars: Chars::LowerAlnumHyphen,
        starts_with_letter: true,
        no_edge_hyphen: true,
        no_double_hyphen: true,
        ..BASE
    },
    Rule {
        kind: Kind::CognitoDomain,
        what: "Cognito domain prefix",
        max: 63,
        chars: Chars::LowerAlnumHyphen,
        no_edge_hyphen: true,
        reserved_words: &["aws", "amazon", "cognito"],
        ..BASE
    },
    Rule {
        kind: Kind::PostgresDatabase,
        what: "PostgreSQL database name",
        max: 63,
        chars: Chars::AlnumUnderscore,
        starts_with_letter: true,
        ..BASE
    },
    Rule {
        kind: Kind::EcrRepository,
        what: "ECR repository name",
        min: 2,
        max: 256,
        chars: Chars::LowerRepository,
        no_edge_hyphen: true,
        no_double_hyphen: true,
        ..BASE
    },
    Rule {
        kind: Kind::EcsName,
        what: "ECS name",
        max: 255,
        chars: Chars::AlnumHyphenUnderscore,
        ..BASE
    },
    Rule {
        kind: Kind::LogGroup,
        what: "log group name",
        max: 512,
        chars: Chars::LogGroup,
        ..BASE
    },
    Rule {
        kind: Kind::WafName,
        what: "WAF name",
        max: 128,
        chars: Chars::AlnumHyphenUnderscore,
        ..BASE
    },
    Rule {
        kind: Kind::WafMetricName,
        what: "WAF metric name",
        max: 255,
        chars: Chars::AlnumHyphenUnderscore,
        ..BASE
    },
    Rule {
        kind: Kind::SsmParameter,
        what: "SSM parameter name",
        max: 1011,
        chars: Chars::SsmParameter,
        reserved_prefixes: &["aws", "ssm", "/aws", "/ssm"],
        ..BASE
    },
    Rule {
        kind: Kind::SecretsManagerSecret,
        what: "Secrets Manager secret name",
        max: 512,
        chars: Chars::Secret,
        ..BASE
    },
    Rule {
        kind: Kind::DnsName,
        what: "DNS name",
        max: 253,
        chars: Chars::LowerAlnumHyphenDot,
        no_edge_hyphen: true,
        reserved_words: &[".."],
        ..BASE
    },
    Rule {
        kind: Kind::SecurityGroup,
        what: "security group name",
        max: 255,
        chars: Chars::Printable,
        reserved_prefixes: &["sg-"],
        ..BASE
    },
    Rule {
        kind: Kind::SnsTopic,
        what: "SNS topic name",
        max: 256,
        chars: Chars::AlnumHyphenUnderscore,
        ..BASE
    },
    Rule {
        kind: Kind::CloudWatchAlarm,
        what: "CloudWatch alarm name",
        max: 255,
        chars: Chars::Printable,
        ..BASE
    },
    Rule {
        kind: Kind::KmsAlias,
        what: "KMS alias",
        max: 256,
        chars: Chars::KmsAlias,
        reserved_prefixes: &["alias/aws/"],
        ..BASE
    },
    // MongoDB Atlas (Administration API): project names up to 64 characters;
    // cluster names up to 64 letters, digits and hyphens, starting and ending
    // with a letter or digit; database names under 64 characters without
    // `/\. "$*<>:|?`.
    Rule {
        kind: Kind::AtlasProject,
        what: "Atlas project name",
        max: 64,
        chars: Chars::AlnumHyphenUnderscore,
        ..BASE
    },
    Rule {
        kind: Kind::AtlasCluster,
        what: "Atlas cluster name",
        max: 64,
        chars: Chars::AlnumHyphen,
        no_edge_hyphen: true,
        ..BASE
    },
    Rule {
        kind: Kind::MongodbDatabase,
        what: "MongoDB database name",
        max: 63,
        chars: Chars::AlnumHyphenUnderscore,
        ..BASE
    },
    // Sentry: slugs of at most 50 characters, lowercase, digits, - and _.
    Rule {
        kind: Kind::SentrySlug,
        what: "Sentry slug",
        max: 50,
        chars: Chars::LowerRepository,
        ..BASE
    },
    Rule {
        kind: Kind::EventBridgeRule,
        what: "EventBridge rule name",
        max: 64,
        chars: Chars::AlnumDotHyphenUnderscore,
        ..BASE
    },
    Rule {
        kind: Kind::SchedulerSchedule,
        what: "EventBridge Scheduler schedule name",
        max: 64,
        chars: Chars::AlnumDotHyphenUnderscore,
        ..BASE
    },
    Rule {
        kind: Kind::CognitoUserPool,
        what: "Cognito user pool or client name",
        max: 128,
        chars: Chars::Iam,
        ..BASE
    },
    Rule {
        kind: Kind::Budget,
        what: "budget name",
        max: 100,
        chars: Chars::Printable,
        reserved_words: &[":", "\\"],
        ..BASE
    },
    Rule {
        kind: Kind::CloudFrontOriginAccessControl,
        what: "CloudFront origin access control name",
        max: 64,
        chars: Chars::Printable,
        ..BASE
    },
    Rule {
        kind: Kind::AppAutoScaling,
        what: "Application Auto Scaling policy or scheduled action name",
        max: 256,
        chars: Chars::Printable,
        ..BASE
    },
    Rule {
        kind: Kind::DbSubnetGroup,
        what: "DB subnet group name",
        max: 255,
        chars: Chars::LowerRepository,
        ..BASE
    },
    Rule {
        kind: Kind::IamInstanceProfile,
        what: "IAM instance profile name",
        max: 128,
        chars: Chars::Iam,
        ..BASE
    },
    // Sentry: the smallest of its name limits (a key's label, 64).
    Rule {
        kind: Kind::SentryName,
        what: "Sentry name",
        max: 64,
        chars: Chars::Printable,
        ..BASE
    },
    // SQS: 1-80 letters, digits, hyphens and underscores; a FIFO queue's
    // name ends in `.fifo` (the one place a period may stand).
    Rule {
        kind: Kind::SqsQueue,
        what: "SQS queue name",
        max: 80,
        chars: Chars::AlnumDotHyphenUnderscore,
        ..BASE
    },
    Rule {
        kind: Kind::DynamoDbTable,
        what: "DynamoDB table name",
        min: 3,
        max: 255,
        chars: Chars::AlnumDotHyphenUnderscore,
        ..BASE
    },
    // A serverless cache: 1-40 lowercase letters, digits and hyphens,
    // starting with a letter, no `--`, not ending with a hyphen.
    Rule {
        kind: Kind::ElastiCacheServerless,
        what: "ElastiCache serverless cache name",
        max: 40,
        chars: Chars::LowerAlnumHyphen,
        starts_with_letter: true,
        no_edge_hyphen: true,
        no_double_hyphen: true,
        ..BASE
    },
    Rule {
        kind: Kind::StepFunctionsStateMachine,
        what: "Step Functions state machine name",
        max: 80,
        chars: Chars::AlnumHyphenUnderscore,
        ..BASE
    },
    // CreateHttpNamespace: `^(?!arn:)[!-~]{1,1024}$`.
    Rule {
        kind: Kind::CloudMapNamespace,
        what: "Cloud Map namespace name",
        max: 1024,
        chars: Chars::Printable,
        reserved_prefixes: &["arn:"],
        ..BASE
    },
];

/// The rule of a kind of name.
pub fn rule(kind: Kind) -> &'static Rule {
    RULES
        .iter()
        .find(|r| r.kind == kind)
        .expect("every kind has a rule in RULES")
}

/// What a name input of a catalog module is.
#[derive(Debug, Clone, Copy)]
pub enum Input {
    /// A literal name (or map or list of names) that follows this rule.
    Name(Kind),
    /// Not a name tfgen chooses here: why.
    Not(&'static str),
}

/// Every name input of every catalog module: (module, variable, what it is).
pub const INPUTS: &[(&str, &str, Input)] = &[
    (
        "ci",
        "state_key_prefix",
        Input::Not(
            "the environment's name, as the prefix of its state keys (checked as the environment name)",
        ),
    ),
    ("auth", "domain_prefix", Input::Name(Kind::CognitoDomain)),
    (
        "bastion",
        "instance_profile_name",
        Input::Not("an output of the security unit"),
    ),
    (
        "cdn",
        "origin_domain_name",
        Input::Not("the DNS name of the ALB or of the domain: set by AWS or the spec"),
    ),
    (
        "cdn",
        "bucket_name",
        Input::Not("an output of the storage unit"),
    ),
    (
        "cdn",
        "bucket_regional_domain_name",
        Input::Not("an output of the storage unit"),
    ),
    ("compute", "alb_name", Input::Name(Kind::LoadBalancer)),
    (
        "compute",
        "database_name",
        Input::Not("an output of the database unit (the tasks' DATABASE_NAME)"),
    ),
    (
        "compute",
        "target_group_name_prefixes",
        Input::Name(Kind::TargetGroupNamePrefix),
    ),
    (
        "compute",
        "task_execution_role_name",
        Input::Not("an output of the security unit"),
    ),
    (
        "database",
        "database_name",
        Input::Name(Kind::PostgresDatabase),
    ),
    (
        "datadog",
        "database_identifier",
        Input::Not("an output of the database unit"),
    ),
    ("dns-records", "record_names", Input::Name(Kind::DnsName)),
    (
        "dns-records",
        "target_dns_name",
        Input::Not("an output of the cdn or compute unit"),
    ),
    (
        "dns-records",
        "origin_record_name",
        Input::Name(Kind::DnsName),
    ),
    (
        "dns-records",
        "alb_dns_name",
        Input::Not("an output of the compute unit"),
    ),
    ("dns", "domain_name", Input::Name(Kind::DnsName)),
    (
        "mongodb",
        "database_name",
        Input::Name(Kind::MongodbDatabase),
    ),
    (
        "mongodb",
        "task_execution_role_name",
        Input::Not("an output of the security unit"),
    ),
    (
        "monitoring",
        "cluster_name",
        Input::Not("an output of the compute unit"),
    ),
    (
        "jobs",
        "cluster_name",
        Input::Not("an output of the compute unit"),
    ),
    (
        "jobs",
        "database_name",
        Input::Not("an output of the database unit (the tasks' DATABASE_NAME)"),
    ),
    (
        "jobs",
        "schedule_names",
        Input::Name(Kind::SchedulerSchedule),
    ),
    ("jobs", "scheduler_role_names", Input::Name(Kind::IamRole)),
    (
        "jobs",
        "dead_letter_queue_names",
        Input::Name(Kind::SqsQueue),
    ),
    (
        "jobs",
        "job_failure_rule_name",
        Input::Name(Kind::EventBridgeRule),
    ),
    (
        "monitoring",
        "job_failure_rule_name",
        Input::Name(Kind::EventBridgeRule),
    ),
    ("monitoring", "service_names", Input::Name(Kind::EcsName)),
    (
        "monitoring",
        "database_identifier",
        Input::Not("an output of the database unit"),
    ),
    (
        "security",
        "ssm_parameter_names",
        Input::Name(Kind::SsmParameter),
    ),
    (
        "security",
        "secret_names",
        Input::Name(Kind::SecretsManagerSecret),
    ),
    ("security", "task_role_names", Input::Name(Kind::IamRole)),
    (
        "security",
        "job_task_role_names",
        Input::Name(Kind::IamRole),
    ),
    ("queues", "queue_names", Input::Name(Kind::SqsQueue)),
    (
        "queues",
        "dead_letter_queue_names",
        Input::Name(Kind::SqsQueue),
    ),
    (
        "queues",
        "task_role_names",
        Input::Not("an output of the security unit"),
    ),
    ("tables", "table_names", Input::Name(Kind::DynamoDbTable)),
    (
        "queues",
        "job_task_role_names",
        Input::Not("an output of the security unit"),
    ),
    (
        "tables",
        "job_task_role_names",
        Input::Not("an output of the security unit"),
    ),
    (
        "cache",
        "cache_name",
        Input::Name(Kind::ElastiCacheServerless),
    ),
    (
        "tables",
        "task_role_names",
        Input::Not("an output of the security unit"),
    ),
    ("storage", "bucket_name", Input::Name(Kind::S3Bucket)),
    ("storage", "logs_bucket_name", Input::Name(Kind::S3Bucket)),
];

/// Variables every module has that are not names themselves but the start
/// of the names the module builds (`{project}-{environment}` and
/// `/{project}/{environment}`): the catalog test checks those names at the
/// longest the schema allows.
pub const PREFIX_INPUTS: [&str; 2] = ["name_prefix", "ssm_prefix"];

/// The rule a module's input follows, if it is a literal name.
pub fn input_rule(module: &str, variable: &str) -> Option<&'static Rule> {
    INPUTS
        .iter()
        .find(|(m, v, _)| *m == module && *v == variable)
        .and_then(|(_, _, input)| match input {
            Input::Name(kind) => Some(rule(*kind)),
            Input::Not(_) => None,
        })
}

/// Checks `name` against `rule`: `Err` with every way it breaks the rule.
pub fn check(rule: &Rule, name: &str) -> Result<(), String> {
    let mut problems = Vec::new();
    let len = name.len();
    if len < rule.min || len > rule.max {
        problems.push(if rule.min > 1 {
            format!("has {len} characters ({}-{} allowed)", rule.min, rule.max)
        } else {
            format!("has {len} characters (at most {})", rule.max)
        });
    }
    let bad: String = name
        .bytes()
        .filter(|c| !rule.chars.allows(*c))
        .map(char::from)
        .collect();
    if !bad.is_empty() {
        problems.push(format!(
            "contains {bad:?} (only {} allowed)",
            rule.chars.describe()
        ));
    }
    if rule.starts_with_letter && !name.bytes().next().is_some_and(|c| c.is_ascii_alphabetic()) {
        problems.push("does not start with a letter".into());
    }
    if rule.no_edge_hyphen && name.starts_with('-') {
        problems.push("starts with a hyphen".into());
    }
    if (rule.no_edge_hyphen || rule.no_trailing_hyphen) && name.ends_with('-') {
        problems.push("ends with a hyphen".into());
    }
    if rule.no_double_hyphen && name.contains("--") {
        problems.push("contains two hyphens in a row".into());
    }
    for p in rule.reserved_prefixes {
        if name.starts_with(p) {
            problems.push(format!("starts with the reserved {p:?}"));
        }
    }
    for s in rule.reserved_suffixes {
        if name.ends_with(s) {
            problems.push(format!("ends with the reserved {s:?}"));
        }
    }
    for w in rule.reserved_words {
        if name.contains(w) {
            problems.push(format!("contains the reserved {w:?}"));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{} `{name}` {}", rule.what, problems.join(", ")))
    }
}

/// Every literal string of an input value: the value, the values of a map,
/// the elements of a list (nested), with the map key that holds each.
fn literal_names<'e>(expr: &'e Expression, out: &mut Vec<&'e str>) {
    match expr {
        Expression::String(s) => out.push(s),
        Expression::Array(items) => items.iter().for_each(|e| literal_names(e, out)),
        Expression::Object(object) => object.values().for_each(|e| literal_names(e, out)),
        // Not literal (a dependency output, an expression over env.hcl, a
        // function call): the module or another rule is responsible for it.
        _ => {}
    }
}

/// Checks every literal name input of `unit` (a unit of catalog module
/// `module`) against its rule.
pub(super) fn check_unit(
    unit: &Unit<'_>,
    body: &Body,
    module: &str,
    errors: &mut Vec<VerifyError>,
) {
    let Some(Expression::Object(inputs)) = body
        .attributes()
        .find(|a| a.key() == "inputs")
        .map(|a| a.expr())
    else {
        return;
    };
    let inputs_line = unit.index.top_level_key("inputs");
    for (key, expr) in inputs {
        let Some(variable) = object_key_name(key) else {
            continue;
        };
        let Some(rule) = input_rule(module, variable) else {
            continue;
        };
        let mut names = Vec::new();
        literal_names(expr, &mut names);
        for name in names {
            if let Err(problem) = check(rule, name) {
                errors.push(VerifyError::new(
                    unit.file.as_str(),
                    unit.index
                        .key_in_group_nth(inputs_line, variable, 0)
                        .or(inputs_line),
                    format!("input `{variable}`: {problem}"),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(kind: Kind, name: &str) -> String {
        check(rule(kind), name).expect_err(name)
    }

    #[test]
    fn every_kind_has_one_rule() {
        for r in RULES {
            assert_eq!(RULES.iter().filter(|o| o.kind == r.kind).count(), 1);
            assert!(r.min >= 1 && r.max >= r.min, "{:?}", r.kind);
            assert_eq!(rule(r.kind).kind, r.kind);
        }
    }

    #[test]
    fn a_name_too_long_is_refused() {
        let name = format!("{}-{}", "p".repeat(30), "environment-13");
        assert_eq!(
            err(Kind::LoadBalancer, &name),
            format!("load balancer name `{name}` has 45 characters (at most 32)")
        );
        let role = "r".repeat(70);
        assert_eq!(
            err(Kind::IamRole, &role),
            format!("IAM role name `{role}` has 70 characters (at most 64)")
        );
        assert_eq!(
            err(Kind::TargetGroupNamePrefix, "webapp-"),
            "target group name_prefix `webapp-` has 7 characters (at most 6)"
        );
    }

    #[test]
    fn a_trailing_hyphen_is_refused() {
        assert_eq!(
            err(Kind::LoadBalancer, "shop-prod-"),
            "load balancer name `shop-prod-` ends with a hyphen"
        );
        assert_eq!(
            err(Kind::RdsIdentifier, "shop--prod"),
            "RDS identifier `shop--prod` contains two hyphens in a row"
        );
        assert_eq!(
            err(Kind::RdsIdentifier, "1shop"),
            "RDS identifier `1shop` does not start with a letter"
        );
    }

    #[test]
    fn an_uppercase_bucket_is_refused() {
        assert_eq!(
            err(Kind::S3Bucket, "Shop-Assets"),
            "S3 bucket name `Shop-Assets` contains \"SA\" (only lowercase letters, digits, hyphens and periods allowed)"
        );
        assert_eq!(
            err(Kind::S3Bucket, "ab"),
            "S3 bucket name `ab` has 2 characters (3-63 allowed)"
        );
    }

    #[test]
    fn a_reserved_word_is_refused() {
        assert_eq!(
            err(Kind::CognitoDomain, "my-aws-shop"),
            "Cognito domain prefix `my-aws-shop` contains the reserved \"aws\""
        );
        assert_eq!(
            err(Kind::LoadBalancer, "internal-shop"),
            "load balancer name `internal-shop` starts with the reserved \"internal-\""
        );
        assert_eq!(
            err(Kind::S3Bucket, "xn--shop"),
            "S3 bucket name `xn--shop` starts with the reserved \"xn--\""
        );
    }

    #[test]
    fn valid_names_pass() {
        assert_eq!(check(rule(Kind::LoadBalancer), "shop-prod"), Ok(()));
        assert_eq!(check(rule(Kind::TargetGroupNamePrefix), "web-"), Ok(()));
        assert_eq!(check(rule(Kind::S3Bucket), "shop-prod-assets"), Ok(()));
        assert_eq!(check(rule(Kind::CognitoDomain), "shop-prod"), Ok(()));
        assert_eq!(check(rule(Kind::IamRole), &"r".repeat(64)), Ok(()));
    }
}
