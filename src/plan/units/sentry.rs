//! Unit `sentry`.

use super::*;

pub(super) fn plan(spec: &Resolved, s: &resolve::Sentry) -> Unit {
    let mut u = unit(
        "sentry",
        "Sentry project, client key and DSN parameter for the web service",
        vec![
            name_prefix_var(),
            kms_key_var(),
            var(
                "organization",
                "string",
                "Sentry organization slug.",
                value(&s.organization),
            ),
            var(
                "team",
                "string",
                "Sentry team that owns the project.",
                value(&s.team),
            ),
            var(
                "auth_token_secret",
                "string",
                "Secrets Manager secret holding the Sentry auth token.",
                value(&s.auth_token_secret),
            ),
            var(
                "ssm_prefix",
                "string",
                "SSM path prefix of the DSN parameter.",
                ssm_prefix_input(),
            ),
        ],
        vec![
            out(
                "dsn_parameter_arn",
                "ARN of the SSM parameter holding the DSN.",
                "aws_ssm_parameter.dsn.arn",
                json!(format!(
                    "arn:aws:ssm:{}:123456789012:parameter{}/SENTRY_DSN",
                    spec.region.code(),
                    ssm_prefix(spec)
                )),
            ),
            out(
                "project_slug",
                "Slug of the Sentry project.",
                "sentry_project.web.slug",
                json!("mock-web"),
            ),
        ],
    );
    u.providers = vec!["sentry".into()];
    u
}
