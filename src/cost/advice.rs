//! Savings advice: where the spec pays for something it can't use or could
//! get cheaper. Each suggestion's saving comes from the same pricing rules as
//! the estimate: the spec with the change is priced again and the totals are
//! subtracted (or, where no spec field expresses the change, the same line's
//! quantity is cut). Suggestions are advice: tfgen never applies them.

use super::items::{concurrent_tasks, line_items};
use super::prices::{RegionPrices, Sku};
use super::{CostError, LineItem, round};
use crate::resolve::{DatabaseEngine, Resolved};
use crate::spec::model::{Endpoint, Nat, Profile};
use serde::Serialize;

/// One suggestion with its monthly saving.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// A stable name of the rule, e.g. `endpoints-without-nat`.
    pub rule: &'static str,
    /// What to change and why.
    pub advice: String,
    /// USD per month saved at baseline.
    pub baseline_saving_usd: f64,
    /// USD per month saved at peak.
    pub peak_saving_usd: f64,
}

/// Baseline and peak totals of `lines`, summed in cents as the estimate does.
pub(super) fn totals(lines: &[LineItem]) -> (f64, f64) {
    let cents = |f: fn(&LineItem) -> f64| {
        lines
            .iter()
            .map(|l| (f(l) * 100.0).round() as i64)
            .sum::<i64>() as f64
            / 100.0
    };
    (cents(|l| l.baseline_usd), cents(|l| l.peak_usd))
}

struct Advisor<'a> {
    spec: &'a Resolved,
    prices: &'a RegionPrices,
    ecs_hours: f64,
    now: (f64, f64),
    out: Vec<Suggestion>,
}

impl Advisor<'_> {
    /// The saving of the spec as `change` leaves it, priced by the same rules.
    fn reprice(&self, change: impl FnOnce(&mut Resolved)) -> Result<(f64, f64), CostError> {
        let mut changed = self.spec.clone();
        change(&mut changed);
        let (base, peak) = totals(&line_items(&changed, self.prices, self.ecs_hours)?);
        Ok((round(self.now.0 - base, 2), round(self.now.1 - peak, 2)))
    }

    fn push(&mut self, rule: &'static str, advice: String, (base, peak): (f64, f64)) {
        if base > 0.0 || peak > 0.0 {
            self.out.push(Suggestion {
                rule,
                advice,
                baseline_saving_usd: base,
                peak_saving_usd: peak,
            });
        }
    }
}

/// Every suggestion for `spec`, whose priced lines are `lines`.
pub(super) fn suggestions(
    spec: &Resolved,
    prices: &RegionPrices,
    ecs_hours: f64,
    lines: &[LineItem],
) -> Result<Vec<Suggestion>, CostError> {
    let mut a = Advisor {
        spec,
        prices,
        ecs_hours,
        now: totals(lines),
        out: Vec::new(),
    };
    let interface = crate::plan::units::interface_endpoints(spec);
    let network = &spec.network;

    // Tasks in public subnets reach ECR, CloudWatch Logs, SSM and Secrets
    // Manager over the internet: the endpoints buy nothing.
    if network.nat == Nat::None && !interface.is_empty() {
        let saving = a.reprice(|s| s.network.endpoints.retain(|e| *e == Endpoint::S3))?;
        a.push(
            "endpoints-without-nat",
            format!(
                "Interface endpoints ({}) with `nat: none`: the tasks have public IPs and reach these services without them. \
                 Keep `network.endpoints: [s3]` (the S3 gateway endpoint is free).",
                interface.join(", ")
            ),
            saving,
        );
    } else if spec.profile == Profile::Minimal && !interface.is_empty() && network.azs > 1 {
        // No spec field puts endpoints in fewer AZs: cut the same line's AZ-hours.
        let line = lines.iter().find(|l| l.unit == "endpoint-AZ-h");
        if let Some(l) = line {
            let share = (network.azs - 1) as f64 / network.azs as f64;
            let saving = (
                round(l.baseline_usd * share, 2),
                round(l.peak_usd * share, 2),
            );
            a.push(
                "endpoints-every-az",
                format!(
                    "Interface endpoints in all {} AZs in the `minimal` profile: a non-production environment can reach them in one AZ \
                     (cross-AZ traffic to them is billed per GB). tfgen places endpoints in every AZ; fewer AZs need a change to the network module.",
                    network.azs
                ),
                saving,
            );
        }
    }

    if network.nat == Nat::PerAz && spec.profile != Profile::Resilient {
        let saving = a.reprice(|s| s.network.nat = Nat::Single)?;
        a.push(
            "nat-per-az",
            format!(
                "A NAT gateway in each of the {} AZs outside the `resilient` profile: `network.nat: single` keeps one \
                 (an AZ outage then cuts the other AZs' outbound traffic).",
                network.azs
            ),
            saving,
        );
    }

    if let Some(db) = &spec.database
        && let DatabaseEngine::AuroraPostgres { readers, .. } = db.engine
        && readers > 0
        && !spec.is_production()
    {
        let saving = a.reprice(|s| {
            if let Some(DatabaseEngine::AuroraPostgres { readers, .. }) =
                s.database.as_mut().map(|d| &mut d.engine)
            {
                *readers = 0;
            }
        })?;
        a.push(
            "aurora-readers",
            format!(
                "{readers} Aurora reader(s) in `{}`, which is not a production environment: `database.readers: 0` runs the writer alone \
                 (a failover then takes minutes instead of seconds).",
                spec.environment
            ),
            saving,
        );
    }

    if spec.profile == Profile::Minimal && spec.monitoring.container_insights {
        let saving = a.reprice(|s| s.monitoring.container_insights = false)?;
        a.push(
            "container-insights-minimal",
            "Container Insights in the `minimal` profile: `monitoring.container_insights: false` keeps the standard ECS metrics for free."
                .to_owned(),
            saving,
        );
    }

    if spec.monitoring.datadog.is_some() {
        let per_task = prices
            .get(Sku::DatadogInfraFargateTaskMonth)
            .zip(prices.get(Sku::DatadogApmFargateTaskMonth))
            .map(|(i, p)| i + p);
        for (name, service) in &spec.services {
            if service.cpu > 256 {
                continue;
            }
            let Some(per_task) = per_task else { break };
            let mut alone = spec.clone();
            alone.services.retain(|n, _| n == name);
            let (base, peak) = concurrent_tasks(&alone, ecs_hours);
            a.push(
                "datadog-small-tasks",
                format!(
                    "The Datadog agent sidecar in `{name}`, which runs 0.25 vCPU: the agent takes a share of the task's CPU and memory. \
                     Watch it through CloudWatch, or give it more CPU before adding the agent."
                ),
                (
                    round(base * per_task, 2),
                    round(peak * per_task, 2),
                ),
            );
        }
    }
    Ok(a.out)
}

#[cfg(test)]
mod tests;
