//! Unit `sentry`.

use super::*;

pub(super) fn plan(spec: &Resolved, s: &resolve::Sentry) -> Unit {
    let mut u = unit(
        "sentry",
        "Sentry project, client key and DSN parameter for the web service",
        vec![
            name_prefix_var(spec),
            kms_key_var(),
            set("organization", value(&s.organization)),
            set("team", value(&s.team)),
            set("auth_token_secret", value(&s.auth_token_secret)),
            set("ssm_prefix", ssm_prefix_input(spec)),
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
