//! Unit `budget`.

use super::*;

pub(super) fn plan(b: &resolve::Budget) -> Unit {
    unit(
        "budget",
        "AWS Budgets monthly cost alert",
        vec![
            name_prefix_var(),
            var(
                "monthly_limit_usd",
                "number",
                "Monthly budget in USD.",
                value(b.monthly_limit_usd),
            ),
            var(
                "email",
                "string",
                "Email notified at 80 % actual and 100 % forecasted.",
                value(&b.email),
            ),
        ],
        vec![out(
            "budget_name",
            "Name of the budget.",
            "aws_budgets_budget.monthly.name",
            json!("mock-monthly"),
        )],
    )
}
