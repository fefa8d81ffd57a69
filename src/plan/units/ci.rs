//! Unit `ci`: the GitHub OIDC provider and the roles the workflows assume
//! (`repository.github`; docs/spec.md, "The `ci` unit").

use super::*;
use crate::spec::model::{OidcProvider, StateBackend, StateLock};

/// The IAM service prefixes of what the module catalog manages: the deploy
/// role's actions (IAM and S3 are granted on the environment's names, not here). One list for
/// every environment, so that a spec change never needs a change of the role
/// before the apply that uses it.
pub const MANAGED_SERVICES: [&str; 25] = [
    "acm",
    "application-autoscaling",
    "budgets",
    "cloudfront",
    "cloudwatch",
    "cognito-idp",
    "dynamodb",
    "ec2",
    "ecr",
    "ecs",
    "elasticache",
    "elasticloadbalancing",
    "events",
    "kms",
    "logs",
    "rds",
    "route53",
    "scheduler",
    "secretsmanager",
    "servicediscovery",
    "sns",
    "sqs",
    "ssm",
    "states",
    "wafv2",
];

/// The `sub` claims that may assume the deploy role: the environment's
/// GitHub environment when its apply waits for approval, else the main branch.
pub fn deploy_subjects(spec: &Resolved, github: &crate::repository::GitHub) -> Vec<String> {
    let repo = &github.repository;
    if github.deploy_environments.contains(&spec.environment) {
        vec![format!("repo:{repo}:environment:{}", spec.environment)]
    } else {
        vec![format!("repo:{repo}:ref:refs/heads/main")]
    }
}

pub(super) fn plan(spec: &Resolved, github: &crate::repository::GitHub) -> Unit {
    let (bucket, lock_table) = match (&spec.state.backend, &spec.state.s3) {
        (StateBackend::S3, Some(s3)) => (
            Input::Expr {
                expr: format!("\"{}\"", s3.bucket),
                value: s3
                    .bucket
                    .replace("${get_aws_account_id()}", MOCK_ACCOUNT)
                    .into(),
            },
            match s3.lock {
                StateLock::Dynamodb => value(&s3.dynamodb_table),
                _ => value(Value::Null),
            },
        ),
        _ => (value(Value::Null), value(Value::Null)),
    };
    let mut secrets = vec![format!("{}-*", name_prefix(spec))];
    if let Some(dd) = &spec.monitoring.datadog {
        secrets.push(dd.api_key_secret.clone());
        secrets.push(dd.app_key_secret.clone());
    }
    if let Some(sentry) = &spec.monitoring.sentry {
        secrets.push(sentry.auth_token_secret.clone());
    }
    secrets.dedup();
    let mock_role = |role: &str| {
        json!(format!(
            "arn:aws:iam::{MOCK_ACCOUNT}:role/{}-github-{role}",
            name_prefix(spec)
        ))
    };
    unit(
        "ci",
        "the GitHub OIDC provider (created or looked up), the deploy and plan roles of the workflows",
        vec![
            name_prefix_var(spec),
            set(
                "create_oidc_provider",
                value(github.oidc_provider == OidcProvider::Create),
            ),
            set("deploy_subjects", value(deploy_subjects(spec, github))),
            set(
                "plan_subjects",
                value(vec![format!("repo:{}:pull_request", github.repository)]),
            ),
            set("state_bucket", bucket),
            set("state_key_prefix", value(&spec.environment)),
            set("state_lock_table", lock_table),
            set("ssm_prefix", ssm_prefix_input(spec)),
            set("managed_services", value(MANAGED_SERVICES.as_slice())),
            kms_key_var(),
            set("readable_secrets", value(&secrets)),
        ],
        vec![
            out("deploy_role_arn", mock_role("deploy")),
            out("plan_role_arn", mock_role("plan")),
            out(
                "oidc_provider_arn",
                json!(format!(
                    "arn:aws:iam::{MOCK_ACCOUNT}:oidc-provider/token.actions.githubusercontent.com"
                )),
            ),
        ],
    )
}
