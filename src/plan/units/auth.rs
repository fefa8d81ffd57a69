//! Unit `auth`.

use super::*;

pub(super) fn plan(spec: &Resolved, a: &resolve::Auth) -> Unit {
    let base = spec
        .domain
        .as_ref()
        .map_or("http://localhost:3000".to_string(), |d| {
            format!("https://{}", d.name)
        });
    unit(
        "auth",
        "Cognito user pool and app client",
        vec![
            name_prefix_var(spec),
            kms_key_var(),
            var(
                "mfa",
                "string",
                "MFA mode: OFF, OPTIONAL or ON.",
                value(format!("{:?}", a.mfa).to_uppercase()),
            ),
            var(
                "password_min_length",
                "number",
                "Minimum password length.",
                value(a.password_min_length),
            ),
            var(
                "callback_urls",
                "list(string)",
                "OAuth callback URLs of the web app.",
                value([format!("{base}/api/auth/callback/cognito")]),
            ),
            var(
                "logout_urls",
                "list(string)",
                "Sign-out URLs of the web app.",
                value([base]),
            ),
            var(
                "deletion_protection",
                "bool",
                "Protect the user pool from deletion.",
                value(spec.profile != Profile::Minimal),
            ),
            var(
                "ssm_prefix",
                "string",
                "SSM path prefix for the pool and client IDs.",
                ssm_prefix_input(spec),
            ),
        ],
        vec![
            out(
                "user_pool_id",
                "ID of the user pool.",
                "aws_cognito_user_pool.this.id",
                json!("ap-northeast-1_mock"),
            ),
            out(
                "client_id",
                "ID of the web app client.",
                "aws_cognito_user_pool_client.web.id",
                json!("mockclientid"),
            ),
        ],
    )
}
