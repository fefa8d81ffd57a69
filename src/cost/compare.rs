//! The cost change between two estimates (`tfgen cost SPEC --compare OLD` and
//! `--compare-git REV`): line by line, baseline and peak, with unchanged lines
//! folded, as a table, GitHub Markdown (for a pull-request comment) or JSON.
//!
//! Lines are matched by their item text; a line whose text changed but whose
//! category, unit and stem (the text before ` (` or ` ×`) are the same — e.g.
//! `NAT gateway × 1` → `NAT gateway × 3` — is one changed line, not a removed
//! and an added one.

use super::{Estimate, LineItem, round};
use serde::Serialize;
use std::fmt::Write;

/// One estimate's side of the comparison.
#[derive(Debug, Clone, Serialize)]
pub struct Side {
    /// Where the spec came from, e.g. `specs/prod.yaml` or `HEAD~1:specs/prod.yaml`.
    pub label: String,
    pub project: String,
    pub environment: String,
    pub region: String,
    pub baseline_total: f64,
    pub peak_total: f64,
}

/// One line that was added, removed or changed.
#[derive(Debug, Clone, Serialize)]
pub struct LineChange {
    /// `added`, `removed` or `changed`.
    pub change: &'static str,
    pub category: &'static str,
    /// The item as it is now (as it was, for a removed line).
    pub item: String,
    /// The item as it was, when its text changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_item: Option<String>,
    pub old_baseline_usd: f64,
    pub new_baseline_usd: f64,
    pub old_peak_usd: f64,
    pub new_peak_usd: f64,
    pub baseline_delta_usd: f64,
    pub peak_delta_usd: f64,
}

/// The change between two estimates.
#[derive(Debug, Clone, Serialize)]
pub struct CostDiff {
    pub old: Side,
    pub new: Side,
    /// The added, removed and changed lines.
    pub lines: Vec<LineChange>,
    /// The lines that cost the same (folded in the table and Markdown).
    pub unchanged_items: Vec<String>,
    pub unchanged_baseline_usd: f64,
    pub unchanged_peak_usd: f64,
    pub baseline_delta_usd: f64,
    pub peak_delta_usd: f64,
    /// The change in % of the old total; `null` when the old total is 0.
    pub baseline_delta_percent: Option<f64>,
    pub peak_delta_percent: Option<f64>,
}

fn side(e: &Estimate, label: &str) -> Side {
    Side {
        label: label.to_owned(),
        project: e.project.clone(),
        environment: e.environment.clone(),
        region: e.region.clone(),
        baseline_total: e.baseline_total,
        peak_total: e.peak_total,
    }
}

/// The text before ` (` or ` ×`: `NAT gateway × 3` → `NAT gateway`.
fn stem(item: &str) -> &str {
    let cut = [" (", " ×"]
        .iter()
        .filter_map(|p| item.find(p))
        .min()
        .unwrap_or(item.len());
    &item[..cut]
}

fn percent(delta: f64, old: f64) -> Option<f64> {
    (old != 0.0).then(|| round(delta / old * 100.0, 1))
}

/// Compares `old` (labelled `old_label`) with `new`.
pub fn compare(old: &Estimate, old_label: &str, new: &Estimate, new_label: &str) -> CostDiff {
    let mut old_left: Vec<Option<&LineItem>> = old.lines.iter().map(Some).collect();
    let mut take = |pred: &dyn Fn(&LineItem) -> bool| -> Option<&LineItem> {
        let slot = old_left.iter_mut().find(|o| o.is_some_and(pred))?;
        slot.take()
    };
    // Exact matches first, then by stem, so a renamed line never steals another's match.
    let exact: Vec<Option<&LineItem>> = new
        .lines
        .iter()
        .map(|n| take(&|o: &LineItem| o.item == n.item))
        .collect();
    let matched: Vec<Option<&LineItem>> = new
        .lines
        .iter()
        .zip(exact)
        .map(|(n, found)| {
            found.or_else(|| {
                take(&|o: &LineItem| {
                    o.category == n.category && o.unit == n.unit && stem(&o.item) == stem(&n.item)
                })
            })
        })
        .collect();
    let mut lines = Vec::new();
    let mut unchanged_items = Vec::new();
    let (mut unchanged_baseline, mut unchanged_peak) = (0.0, 0.0);
    for (n, o) in new.lines.iter().zip(matched) {
        let (ob, op) = o.map_or((0.0, 0.0), |o| (o.baseline_usd, o.peak_usd));
        let same_text = o.is_some_and(|o| o.item == n.item);
        if same_text && ob == n.baseline_usd && op == n.peak_usd {
            unchanged_items.push(n.item.clone());
            unchanged_baseline += n.baseline_usd;
            unchanged_peak += n.peak_usd;
            continue;
        }
        lines.push(LineChange {
            change: if o.is_some() { "changed" } else { "added" },
            category: n.category,
            item: n.item.clone(),
            old_item: o.filter(|o| o.item != n.item).map(|o| o.item.clone()),
            old_baseline_usd: ob,
            new_baseline_usd: n.baseline_usd,
            old_peak_usd: op,
            new_peak_usd: n.peak_usd,
            baseline_delta_usd: round(n.baseline_usd - ob, 2),
            peak_delta_usd: round(n.peak_usd - op, 2),
        });
    }
    for o in old_left.into_iter().flatten() {
        lines.push(LineChange {
            change: "removed",
            category: o.category,
            item: o.item.clone(),
            old_item: None,
            old_baseline_usd: o.baseline_usd,
            new_baseline_usd: 0.0,
            old_peak_usd: o.peak_usd,
            new_peak_usd: 0.0,
            baseline_delta_usd: round(-o.baseline_usd, 2),
            peak_delta_usd: round(-o.peak_usd, 2),
        });
    }
    let baseline_delta = round(new.baseline_total - old.baseline_total, 2);
    let peak_delta = round(new.peak_total - old.peak_total, 2);
    CostDiff {
        old: side(old, old_label),
        new: side(new, new_label),
        lines,
        unchanged_items,
        unchanged_baseline_usd: round(unchanged_baseline, 2),
        unchanged_peak_usd: round(unchanged_peak, 2),
        baseline_delta_usd: baseline_delta,
        peak_delta_usd: peak_delta,
        baseline_delta_percent: percent(baseline_delta, old.baseline_total),
        peak_delta_percent: percent(peak_delta, old.peak_total),
    }
}

/// `+4.35`, `-61.42`, `0.00`.
fn signed(x: f64) -> String {
    if x > 0.0 {
        format!("+{x:.2}")
    } else if x < 0.0 {
        format!("{x:.2}")
    } else {
        "0.00".into()
    }
}

/// `153.81 → 200.00 (+46.19, +30.0 %)`.
fn total(old: f64, new: f64, delta: f64, percent: Option<f64>) -> String {
    let pct = match percent {
        Some(p) if p > 0.0 => format!(", +{p:.1} %"),
        Some(p) => format!(", {p:.1} %"),
        None => String::new(),
    };
    format!("{old:.2} → {new:.2} ({}{pct})", signed(delta))
}

/// The baseline totals of a diff, as [`total`] writes them.
fn baseline_total(d: &CostDiff) -> String {
    total(
        d.old.baseline_total,
        d.new.baseline_total,
        d.baseline_delta_usd,
        d.baseline_delta_percent,
    )
}

/// The peak totals of a diff, as [`total`] writes them.
fn peak_total(d: &CostDiff) -> String {
    total(
        d.old.peak_total,
        d.new.peak_total,
        d.peak_delta_usd,
        d.peak_delta_percent,
    )
}

/// `4.35 → 8.70`, `— → 45.26` (added), `61.42 → —` (removed).
fn from_to(change: &str, old: f64, new: f64) -> String {
    match change {
        "added" => format!("— → {new:.2}"),
        "removed" => format!("{old:.2} → —"),
        _ => format!("{old:.2} → {new:.2}"),
    }
}

fn mark(change: &str) -> &'static str {
    match change {
        "added" => "+",
        "removed" => "-",
        _ => "~",
    }
}

/// The item, with its old text when that changed.
fn item_text(l: &LineChange) -> String {
    match &l.old_item {
        Some(old) => format!("{old} → {}", l.item),
        None => l.item.clone(),
    }
}

fn heading(d: &CostDiff) -> String {
    format!(
        "{}/{} in {}: monthly cost change, USD",
        d.new.project, d.new.environment, d.new.region
    )
}

fn folded(d: &CostDiff) -> String {
    match d.unchanged_items.len() {
        0 => String::new(),
        n => format!(
            "{n} unchanged line{} ({:.2} baseline, {:.2} peak)",
            if n == 1 { "" } else { "s" },
            d.unchanged_baseline_usd,
            d.unchanged_peak_usd
        ),
    }
}

/// An aligned table: `+` added, `-` removed, `~` changed; unchanged lines folded into one.
pub fn render_diff_table(d: &CostDiff) -> String {
    let mut rows: Vec<[String; 5]> = d
        .lines
        .iter()
        .map(|l| {
            [
                format!("{} {}", mark(l.change), item_text(l)),
                from_to(l.change, l.old_baseline_usd, l.new_baseline_usd),
                signed(l.baseline_delta_usd),
                from_to(l.change, l.old_peak_usd, l.new_peak_usd),
                signed(l.peak_delta_usd),
            ]
        })
        .collect();
    let fold = folded(d);
    if !fold.is_empty() {
        rows.push([
            format!("  … {fold}"),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ]);
    }
    let head = ["ITEM", "BASELINE", "Δ", "PEAK", "Δ"].map(str::to_owned);
    let width = |i: usize| {
        rows.iter()
            .chain([&head])
            .map(|r| r[i].chars().count())
            .max()
            .unwrap_or(0)
    };
    let w = [width(0), width(1), width(2), width(3), width(4)];
    let pad = |s: &str, w: usize| " ".repeat(w.saturating_sub(s.chars().count()));
    let row = |r: &[String; 5]| {
        let line = format!(
            "{}{}  {}{}  {}{}  {}{}  {}{}",
            r[0],
            pad(&r[0], w[0]),
            pad(&r[1], w[1]),
            r[1],
            pad(&r[2], w[2]),
            r[2],
            pad(&r[3], w[3]),
            r[3],
            pad(&r[4], w[4]),
            r[4]
        );
        format!("{}\n", line.trim_end())
    };
    let mut out = format!(
        "{}\nold: {}\nnew: {}\n\n",
        heading(d),
        d.old.label,
        d.new.label
    );
    out.push_str(&row(&head));
    for r in &rows {
        out.push_str(&row(r));
    }
    let _ = writeln!(
        out,
        "\nTOTAL baseline  {}\nTOTAL peak      {}",
        baseline_total(d),
        peak_total(d)
    );
    out
}

/// GitHub Markdown for a pull-request comment: the changed lines as a table,
/// the totals, and the unchanged lines folded in a `<details>` block.
pub fn render_diff_markdown(d: &CostDiff) -> String {
    let cell = |s: &str| s.replace('|', "\\|");
    let mut out = format!(
        "### {}\n\n`{}` → `{}`\n\n",
        heading(d),
        d.old.label,
        d.new.label
    );
    let _ = writeln!(
        out,
        "**Baseline {}** · **peak {}**\n",
        baseline_total(d),
        peak_total(d)
    );
    if d.lines.is_empty() {
        out.push_str("No line changed.\n");
    } else {
        out.push_str(
            "| | item | baseline | Δ | peak | Δ |\n| --- | --- | ---: | ---: | ---: | ---: |\n",
        );
        for l in &d.lines {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                l.change,
                cell(&item_text(l)),
                from_to(l.change, l.old_baseline_usd, l.new_baseline_usd),
                signed(l.baseline_delta_usd),
                from_to(l.change, l.old_peak_usd, l.new_peak_usd),
                signed(l.peak_delta_usd)
            );
        }
    }
    if !d.unchanged_items.is_empty() {
        let _ = writeln!(out, "\n<details><summary>{}</summary>\n", folded(d));
        for item in &d.unchanged_items {
            let _ = writeln!(out, "- {}", cell(item));
        }
        out.push_str("\n</details>\n");
    }
    out
}

/// The comparison as pretty JSON (the field order of [`CostDiff`]), ending in a newline.
pub fn render_diff_json(d: &CostDiff) -> String {
    let mut text = serde_json::to_string_pretty(d).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_cut_at_the_first_parenthesis_or_times_sign() {
        assert_eq!(stem("NAT gateway × 3"), "NAT gateway");
        assert_eq!(stem("Fargate vCPU (web, 1 vCPU/task)"), "Fargate vCPU");
        assert_eq!(stem("ALB"), "ALB");
    }

    #[test]
    fn totals_show_delta_and_percent() {
        assert_eq!(
            total(100.0, 130.0, 30.0, Some(30.0)),
            "100.00 → 130.00 (+30.00, +30.0 %)"
        );
        assert_eq!(total(0.0, 5.0, 5.0, None), "0.00 → 5.00 (+5.00)");
        assert_eq!(
            total(10.0, 5.0, -5.0, Some(-50.0)),
            "10.00 → 5.00 (-5.00, -50.0 %)"
        );
    }
}
