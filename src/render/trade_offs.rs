//! The environment's ledger of security trade-offs: every check the shared
//! modules fail here because of a value this spec chose, with the field, the
//! value and where it came from. `.ci/checkov` accepts exactly these failures,
//! and the environment README lists them for reviewers.

use crate::plan::EnvPlan;
use crate::resolve::Resolved;
use serde::Serialize;

/// One deliberate weakening, as the ledger and the README show it.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub unit: String,
    pub check: String,
    pub resource: String,
    pub field: String,
    /// The resolved value of `field`, as `tfgen explain` shows it.
    pub value: String,
    /// `spec`, `profile minimal`, `default`.
    pub origin: String,
    pub reason: String,
}

/// Every trade-off of the environment, in unit order.
pub fn entries(spec: &Resolved, plan: &EnvPlan) -> Vec<Entry> {
    plan.units
        .iter()
        .flat_map(|unit| {
            unit.trade_offs.iter().map(move |t| {
                let setting = spec.settings.iter().find(|s| s.path == t.field);
                Entry {
                    unit: unit.name.clone(),
                    check: t.check.clone(),
                    resource: t.resource.clone(),
                    field: t.field.clone(),
                    value: setting.map_or_else(
                        || "(not set)".to_owned(),
                        |s| match &s.value {
                            serde_json::Value::String(text) => text.clone(),
                            other => other.to_string(),
                        },
                    ),
                    origin: setting.map_or_else(|| "default".to_owned(), |s| s.origin.to_string()),
                    reason: t.reason.clone(),
                }
            })
        })
        .collect()
}

/// The ledger file, `security-trade-offs.yaml`. Strings are written as JSON
/// strings, which YAML reads as they are.
pub fn ledger(header: &str, entries: &[Entry]) -> String {
    let mut out = format!(
        "{header}\n# Security checks this environment fails on purpose, each because of a value the\n# spec chose. The shared modules carry no skip for them: `.ci/checkov` runs each\n# module with this environment's inputs and accepts exactly these failures.\n"
    );
    if entries.is_empty() {
        out.push_str("trade_offs: []\n");
        return out;
    }
    out.push_str("trade_offs:\n");
    let quote = |s: &str| serde_json::to_string(s).unwrap_or_default();
    for e in entries {
        out.push_str(&format!(
            "  - unit: {}\n    check: {}\n    resource: {}\n    field: {}\n    value: {}\n    origin: {}\n    reason: {}\n",
            quote(&e.unit),
            quote(&e.check),
            quote(&e.resource),
            quote(&e.field),
            quote(&e.value),
            quote(&e.origin),
            quote(&e.reason),
        ));
    }
    out
}
