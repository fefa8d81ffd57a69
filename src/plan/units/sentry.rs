//! Unit `sentry`.

use super::*;

pub(super) fn plan(spec: &Resolved, s: &resolve::Sentry) -> Unit {
    unit(
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
                mock_arn(
                    spec,
                    "ssm",
                    &format!("parameter{}/SENTRY_DSN", ssm_prefix(spec)),
                ),
            ),
            out("project_slug", json!("mock-web")),
        ],
    )
}
