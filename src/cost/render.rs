//! The estimate as an aligned table, GitHub markdown or JSON.

use super::{Estimate, LineItem, Suggestion};
use std::fmt::Write;

/// A quantity without trailing zeros: `282.44`, `0.5`, `730`.
fn number(x: f64) -> String {
    let text = format!("{x:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".into()
    } else {
        text.into()
    }
}

/// Units that are counted things take an `s` after any number but 1.
const COUNTED: &[&str] = &[
    "ACL",
    "rule",
    "secret",
    "zone",
    "alarm",
    "metric",
    "task-month",
];

/// `70.61 vCPU-h`, or `70.61 → 706.1 vCPU-h` when the peak differs.
fn quantity(line: &LineItem) -> String {
    let (b, p) = (number(line.baseline_quantity), number(line.peak_quantity));
    let plural = if COUNTED.contains(&line.unit) && p != "1" {
        "s"
    } else {
        ""
    };
    let unit = line.unit;
    if b == p {
        format!("{b} {unit}{plural}")
    } else {
        format!("{b} → {p} {unit}{plural}")
    }
}

/// The line under the title: ECS hours and the price date.
fn preamble(e: &Estimate) -> String {
    let hours = number(e.ecs_hours_per_month);
    let when = match &e.schedule {
        Some(s) => format!("ECS services run {hours} h/month ({s})"),
        None => format!("ECS services run {hours} h/month (no schedule)"),
    };
    format!(
        "{when}; {} on-demand prices read {}.",
        e.region, e.prices_read_on
    )
}

/// An aligned table: item, quantity and unit, baseline USD, peak USD; the
/// totals; then the assumptions with their origin, and the notes.
pub fn render_table(e: &Estimate) -> String {
    let rows: Vec<[String; 4]> = e
        .lines
        .iter()
        .map(|l| {
            [
                l.item.clone(),
                quantity(l),
                format!("{:.2}", l.baseline_usd),
                format!("{:.2}", l.peak_usd),
            ]
        })
        .collect();
    let total = [
        "TOTAL".to_owned(),
        String::new(),
        format!("{:.2}", e.baseline_total),
        format!("{:.2}", e.peak_total),
    ];
    let head = ["ITEM", "QUANTITY", "BASELINE", "PEAK"].map(str::to_owned);
    let width = |i: usize| {
        rows.iter()
            .chain([&head, &total])
            .map(|r| r[i].chars().count())
            .max()
            .unwrap_or(0)
    };
    let w = [width(0), width(1), width(2), width(3)];
    let row = |r: &[String; 4]| {
        let pad = |s: &str, w: usize| " ".repeat(w.saturating_sub(s.chars().count()));
        format!(
            "{}{}  {}{}  {}{}  {}{}\n",
            r[0],
            pad(&r[0], w[0]),
            r[1],
            pad(&r[1], w[1]),
            pad(&r[2], w[2]),
            r[2],
            pad(&r[3], w[3]),
            r[3]
        )
    };
    let mut out = format!(
        "{}/{} in {}: monthly estimate, USD\n{}\n\n",
        e.project,
        e.environment,
        e.region,
        preamble(e)
    );
    out.push_str(&row(&head));
    for r in &rows {
        out.push_str(&row(r));
    }
    out.push_str(&row(&total));

    out.push_str("\nAssumptions (set them under `cost:` in the spec):\n");
    let values: Vec<String> = e.assumptions.iter().map(|a| number(a.value)).collect();
    let wp = e
        .assumptions
        .iter()
        .map(|a| a.path.len())
        .max()
        .unwrap_or(0);
    let wv = values.iter().map(String::len).max().unwrap_or(0);
    let wo = e
        .assumptions
        .iter()
        .map(|a| a.origin.len())
        .max()
        .unwrap_or(0);
    for (a, v) in e.assumptions.iter().zip(&values) {
        let _ = writeln!(
            out,
            "  {:wp$}  {v:>wv$}  {:wo$}  {}",
            a.path, a.origin, a.meaning
        );
    }
    out.push_str("\nNotes:\n");
    for n in &e.notes {
        let _ = writeln!(out, "  - {n}");
    }
    if !e.suggestions.is_empty() {
        out.push_str("\nSavings advice (suggestions only; the spec is not changed):\n");
        for s in &e.suggestions {
            let _ = writeln!(out, "  - {} [{}]: {}", saving(s), s.rule, s.advice);
        }
    }
    out
}

/// `saves 61.42/month` or `saves 3.00/month at baseline, 30.00 at peak`.
fn saving(s: &Suggestion) -> String {
    if s.baseline_saving_usd == s.peak_saving_usd {
        format!("saves {:.2}/month", s.baseline_saving_usd)
    } else {
        format!(
            "saves {:.2}/month at baseline, {:.2} at peak",
            s.baseline_saving_usd, s.peak_saving_usd
        )
    }
}

/// A markdown cell: pipes escaped.
fn cell(s: &str) -> String {
    s.replace('|', "\\|")
}

/// GitHub markdown: the line items as a table with a total row, then the
/// assumptions as a table, then the notes.
pub fn render_markdown(e: &Estimate) -> String {
    let mut out = format!(
        "### {}/{} in {}: monthly estimate, USD\n\n{}\n\n",
        e.project,
        e.environment,
        e.region,
        preamble(e)
    );
    out.push_str("| item | quantity | baseline | peak |\n| --- | --- | ---: | ---: |\n");
    for l in &e.lines {
        let _ = writeln!(
            out,
            "| {} | {} | {:.2} | {:.2} |",
            cell(&l.item),
            cell(&quantity(l)),
            l.baseline_usd,
            l.peak_usd
        );
    }
    let _ = writeln!(
        out,
        "| **total** | | **{:.2}** | **{:.2}** |",
        e.baseline_total, e.peak_total
    );
    out.push_str("\n| assumption | value | origin | meaning |\n| --- | ---: | --- | --- |\n");
    for a in &e.assumptions {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} |",
            a.path,
            number(a.value),
            a.origin,
            cell(a.meaning)
        );
    }
    out.push('\n');
    for n in &e.notes {
        let _ = writeln!(out, "- {}", cell(n));
    }
    if !e.suggestions.is_empty() {
        out.push_str("\n#### Savings advice (suggestions only; the spec is not changed)\n\n");
        for s in &e.suggestions {
            let _ = writeln!(out, "- **{}** (`{}`): {}", saving(s), s.rule, s.advice);
        }
    }
    out
}

/// The estimate as pretty JSON (the field order of [`Estimate`]), ending in a newline.
pub fn render_json(e: &Estimate) -> String {
    let mut text = serde_json::to_string_pretty(e).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::number;

    #[test]
    fn numbers_drop_trailing_zeros() {
        assert_eq!(number(282.4404), "282.44");
        assert_eq!(number(0.5), "0.5");
        assert_eq!(number(730.0), "730");
        assert_eq!(number(1_000_000.0), "1000000");
        assert_eq!(number(-0.0001), "0");
    }
}
