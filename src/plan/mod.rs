//! Planning: a resolved spec → the environment's Terragrunt units, each with
//! its module's variables (and the inputs that set them), its outputs, and
//! its dependencies.
//!
//! A unit's dependencies are not listed by hand: they are the units whose
//! outputs its inputs read (`Input::Output`), so the `dependency` blocks, the
//! mock outputs and the DAG cannot disagree with the wiring.

pub mod names;
pub mod units;

use crate::resolve::Resolved;
use indexmap::IndexMap;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeSet;

/// The value given to a module variable.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Input {
    /// A value from the spec, encoded with the `hcl` filter.
    Value { value: Value },
    /// An output of another unit: `dependency.<unit>.outputs.<output>`.
    Output { unit: String, output: String },
    /// A Terragrunt expression, e.g. `local.env.tags`, and the value it
    /// evaluates to (for checks that need literal inputs, such as checkov).
    Expr { expr: String, value: Value },
}

/// A security check that fails in one environment because of a choice its
/// spec made (e.g. no Multi-AZ in profile `minimal`): recorded in the
/// environment's ledger, never skipped in the shared module.
#[derive(Debug, Clone, Serialize)]
pub struct TradeOff {
    /// The checkov check, e.g. `CKV_AWS_157`.
    pub check: String,
    /// The resource address in the unit's module, e.g. `aws_db_instance.this`.
    pub resource: String,
    /// The spec field whose value makes the check fail, e.g. `database.multi_az`.
    pub field: String,
    /// Why the choice is acceptable where it was made.
    pub reason: String,
}

/// An input of a unit: a variable of its catalog module (declared, typed
/// and described in the module's `variables.tf`) and what sets it.
#[derive(Debug, Clone, Serialize)]
pub struct Variable {
    pub name: String,
    pub input: Input,
}

/// An output of a unit's catalog module (declared in its `outputs.tf`).
#[derive(Debug, Clone, Serialize)]
pub struct Output {
    pub name: String,
    /// A plausible value for `mock_outputs` (validate and plan before the dependency exists).
    pub mock: Value,
}

/// A dependency of a unit on another, with the mocks of the outputs it reads.
#[derive(Debug, Clone, Serialize)]
pub struct Dependency {
    pub unit: String,
    pub mock_outputs: IndexMap<String, Value>,
}

/// One Terragrunt unit and its module.
#[derive(Debug, Clone, Serialize)]
pub struct Unit {
    pub name: String,
    /// What the unit holds, for comments and docs.
    pub summary: String,
    pub variables: Vec<Variable>,
    pub outputs: Vec<Output>,
    pub dependencies: Vec<Dependency>,
    /// Checks this environment fails by the spec's choice.
    pub trade_offs: Vec<TradeOff>,
}

/// Every unit of an environment, in dependency order.
#[derive(Debug, Clone, Serialize)]
pub struct EnvPlan {
    pub units: Vec<Unit>,
}

/// A planning failure: an internal error (the plan is built by tfgen itself).
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    #[error("internal error: dependency cycle among units: {0}")]
    Cycle(String),
    #[error(
        "internal error: unit `{unit}` reads `{dependency}.{output}`, which is not an output of `{dependency}`"
    )]
    UnknownOutput {
        unit: String,
        dependency: String,
        output: String,
    },
}

/// Plans the units of a resolved spec.
pub fn plan(spec: &Resolved) -> Result<EnvPlan, PlanError> {
    let mut units = units::all(spec);
    wire_dependencies(&mut units)?;
    let units = topological_order(units)?;
    Ok(EnvPlan { units })
}

/// Derives each unit's dependency blocks from the outputs its inputs read.
fn wire_dependencies(units: &mut [Unit]) -> Result<(), PlanError> {
    let outputs: IndexMap<String, Vec<Output>> = units
        .iter()
        .map(|u| (u.name.clone(), u.outputs.clone()))
        .collect();
    for unit in units.iter_mut() {
        let mut deps: IndexMap<String, IndexMap<String, Value>> = IndexMap::new();
        for var in &unit.variables {
            if let Input::Output { unit: dep, output } = &var.input {
                let mock = outputs
                    .get(dep)
                    .and_then(|outs| outs.iter().find(|o| &o.name == output))
                    .map(|o| o.mock.clone())
                    .ok_or_else(|| PlanError::UnknownOutput {
                        unit: unit.name.clone(),
                        dependency: dep.clone(),
                        output: output.clone(),
                    })?;
                deps.entry(dep.clone())
                    .or_default()
                    .insert(output.clone(), mock);
            }
        }
        unit.dependencies = deps
            .into_iter()
            .map(|(unit, mock_outputs)| Dependency { unit, mock_outputs })
            .collect();
    }
    Ok(())
}

/// Orders units so that each comes after its dependencies; among units that
/// are ready at the same time, the definition order is kept (deterministic).
fn topological_order(mut pending: Vec<Unit>) -> Result<Vec<Unit>, PlanError> {
    let mut done: BTreeSet<String> = BTreeSet::new();
    let mut ordered = Vec::with_capacity(pending.len());
    while !pending.is_empty() {
        let ready = pending
            .iter()
            .position(|u| u.dependencies.iter().all(|d| done.contains(&d.unit)));
        match ready {
            Some(i) => {
                let unit = pending.remove(i);
                done.insert(unit.name.clone());
                ordered.push(unit);
            }
            None => {
                let names: Vec<String> = pending.iter().map(|u| u.name.clone()).collect();
                return Err(PlanError::Cycle(names.join(", ")));
            }
        }
    }
    Ok(ordered)
}

impl Unit {
    /// The unit's inputs as literal values, with each dependency output
    /// replaced by its mock: what `terraform.tfvars.json` would hold for a tool
    /// that reads `.tf` files only (checkov).
    pub fn literal_inputs(&self) -> serde_json::Map<String, Value> {
        self.variables
            .iter()
            .map(|v| {
                let value = match &v.input {
                    Input::Value { value } | Input::Expr { value, .. } => value.clone(),
                    Input::Output { unit, output } => self
                        .dependencies
                        .iter()
                        .find(|d| &d.unit == unit)
                        .and_then(|d| d.mock_outputs.get(output))
                        .cloned()
                        .unwrap_or(Value::Null),
                };
                (v.name.clone(), value)
            })
            .collect()
    }
}

/// Deploy phases: units whose dependencies are all in earlier phases.
pub fn phases(plan: &EnvPlan) -> Vec<Vec<String>> {
    let mut phase_of: IndexMap<String, usize> = IndexMap::new();
    for unit in &plan.units {
        let phase = unit
            .dependencies
            .iter()
            .filter_map(|d| phase_of.get(&d.unit).map(|p| p + 1))
            .max()
            .unwrap_or(0);
        phase_of.insert(unit.name.clone(), phase);
    }
    let count = phase_of.values().max().map_or(0, |m| m + 1);
    let mut phases = vec![Vec::new(); count];
    for (name, phase) in phase_of {
        phases[phase].push(name);
    }
    phases
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(name: &str, reads: &[(&str, &str)]) -> Unit {
        Unit {
            name: name.into(),
            summary: String::new(),
            variables: reads
                .iter()
                .map(|(u, o)| Variable {
                    name: format!("{u}_{o}"),
                    input: Input::Output {
                        unit: (*u).into(),
                        output: (*o).into(),
                    },
                })
                .collect(),
            outputs: vec![Output {
                name: "id".into(),
                mock: Value::from("mock"),
            }],
            dependencies: Vec::new(),
            trade_offs: Vec::new(),
        }
    }

    #[test]
    fn orders_by_dependencies_and_reports_cycles() {
        let mut units = vec![unit("compute", &[("network", "id")]), unit("network", &[])];
        wire_dependencies(&mut units).unwrap();
        let ordered = topological_order(units).unwrap();
        let names: Vec<&str> = ordered.iter().map(|u| u.name.as_str()).collect();
        assert_eq!(names, ["network", "compute"]);
        assert_eq!(ordered[1].dependencies[0].mock_outputs["id"], "mock");

        let mut cyclic = vec![unit("a", &[("b", "id")]), unit("b", &[("a", "id")])];
        wire_dependencies(&mut cyclic).unwrap();
        assert!(matches!(
            topological_order(cyclic),
            Err(PlanError::Cycle(_))
        ));
    }

    #[test]
    fn unknown_outputs_are_internal_errors() {
        let mut units = vec![
            unit("compute", &[("network", "nope")]),
            unit("network", &[]),
        ];
        assert!(matches!(
            wire_dependencies(&mut units),
            Err(PlanError::UnknownOutput { .. })
        ));
    }
}
