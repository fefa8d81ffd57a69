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
            set("domain_prefix", value(names::auth_domain_prefix(spec))),
            kms_key_var(),
            set("mfa", value(format!("{:?}", a.mfa).to_uppercase())),
            set("password_min_length", value(a.password_min_length)),
            set(
                "callback_urls",
                value([format!("{base}/api/auth/callback/cognito")]),
            ),
            set("logout_urls", value([base])),
            set(
                "deletion_protection",
                value(spec.profile != Profile::Minimal),
            ),
            set("ssm_prefix", ssm_prefix_input(spec)),
        ],
        vec![
            out(
                "user_pool_id",
                json!(format!("{}_mock", spec.region.code())),
            ),
            out("client_id", json!("mockclientid")),
        ],
    )
}
