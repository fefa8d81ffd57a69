//! Jobs: Fargate task-hours of each scheduled job, `cost.job_hours` per run
//! × its runs per month (see `spec::scheduler::Expression::runs_per_month`).
//! One-off jobs run when someone starts them: not priced, and a note says so.

use super::{CostError, Lines};
use crate::cost::prices::Sku;
use crate::resolve::Resolved;
use crate::spec::model::Platform;
use crate::spec::scheduler;

/// Runs per month of a job's schedule (0 for a one-off job, or an
/// expression the rules reject).
pub fn runs_per_month(schedule: Option<&str>) -> f64 {
    schedule
        .and_then(|s| scheduler::parse(s).ok())
        .map_or(0.0, |e| e.runs_per_month())
}

pub(super) fn lines(l: &mut Lines<'_>, spec: &Resolved) -> Result<(), CostError> {
    let hours_per_run = spec.cost.job_hours;
    for (name, j) in spec.jobs.iter().filter(|(_, j)| j.schedule.is_some()) {
        let runs = runs_per_month(j.schedule.as_deref());
        let hours = runs * hours_per_run;
        let (vcpu, gb) = (j.cpu as f64 / 1024.0, j.memory as f64 / 1024.0);
        let (vcpu_sku, gb_sku, arch) = match j.platform {
            Platform::X86_64 => (Sku::FargateVcpuHour, Sku::FargateGbHour, ""),
            Platform::Arm64 => (Sku::FargateArmVcpuHour, Sku::FargateArmGbHour, ", arm64"),
        };
        let runs_text = format!("{runs:.1} runs × {hours_per_run} h");
        l.fixed(
            "compute",
            format!("Fargate vCPU (job {name}, {vcpu} vCPU/task{arch}, {runs_text})"),
            "vCPU-h",
            vcpu_sku,
            hours * vcpu,
        )?;
        l.fixed(
            "compute",
            format!("Fargate memory (job {name}, {gb} GB/task{arch}, {runs_text})"),
            "GB-h",
            gb_sku,
            hours * gb,
        )?;
    }
    // With alarm_email, one alarm per scheduled job's dead-letter queue (the
    // failed-jobs rule matches AWS service events: no EventBridge charge).
    let scheduled = spec.jobs.values().filter(|j| j.schedule.is_some()).count();
    if spec.monitoring.alarm_email.is_some() && scheduled > 0 {
        l.fixed(
            "monitoring",
            "CloudWatch alarms (dead-letter queues of scheduled jobs)",
            "alarm",
            Sku::AlarmMonth,
            scheduled as f64,
        )?;
    }
    Ok(())
}

/// The note under an estimate with one-off jobs.
pub fn notes(spec: &Resolved) -> Vec<String> {
    let one_off: Vec<String> = spec
        .jobs
        .iter()
        .filter(|(_, j)| j.schedule.is_none())
        .map(|(n, _)| format!("`{n}`"))
        .collect();
    let mut notes = Vec::new();
    if !one_off.is_empty() {
        notes.push(format!(
            "One-off jobs ({}) are not priced: each run bills its task's Fargate vCPU and memory for as long as it runs.",
            one_off.join(", ")
        ));
    }
    if spec.jobs.values().any(|j| j.schedule.is_some()) {
        notes.push(format!(
            "Scheduled jobs: cost.job_hours ({} h) per run × runs per month — cron: its firings over a 365-day year / 12; rate: 730 h / the interval; at(): 0 (one run, in its own month).",
            spec.cost.job_hours
        ));
    }
    notes
}
