//! Unit `budget`.

use super::*;

pub(super) fn plan(spec: &Resolved, b: &resolve::Budget) -> Unit {
    unit(
        "budget",
        "AWS Budgets monthly cost alert",
        vec![
            name_prefix_var(spec),
            set("monthly_limit_usd", value(b.monthly_limit_usd)),
            set("email", value(&b.email)),
        ],
        vec![out("budget_name", json!("mock-monthly"))],
    )
}
