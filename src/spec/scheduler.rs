//! EventBridge Scheduler expressions of `jobs.<name>.schedule`: `cron(…)`,
//! `rate(…)` and `at(…)`, checked as Scheduler reads them, and the runs per
//! month of each (what `tfgen cost` prices a job by).
//!
//! Cron fields (AWS, "Cron expressions reference"): minutes 0-59, hours 0-23,
//! day-of-month 1-31 (`, - * ? / L W`), month 1-12 or JAN-DEC (`, - * /`),
//! day-of-week 1-7 or SUN-SAT (`, - * ? L #`), year 1970-2199 (`, - * /`);
//! `?` in exactly one of day-of-month and day-of-week.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Weekday};

/// A problem with an expression: the message, and a hint.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub message: String,
    pub help: String,
}

fn problem(message: impl Into<String>, help: impl Into<String>) -> Problem {
    Problem {
        message: message.into(),
        help: help.into(),
    }
}

/// A parsed schedule expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expression {
    Cron(Cron),
    /// Every `minutes` minutes.
    Rate {
        minutes: u64,
    },
    /// Once, at this local time.
    At(NaiveDateTime),
}

/// The six fields of a cron expression, each as the values it matches.
#[derive(Debug, Clone, PartialEq)]
pub struct Cron {
    minutes: Vec<u32>,
    hours: Vec<u32>,
    /// `None`: `?`.
    days_of_month: Option<Vec<DayOfMonth>>,
    months: Vec<u32>,
    /// `None`: `?`.
    days_of_week: Option<Vec<DayOfWeek>>,
}

#[derive(Debug, Clone, PartialEq)]
enum DayOfMonth {
    Day(u32),
    /// `L`: the last day of the month.
    Last,
    /// `nW`: the weekday nearest day n, within the month.
    Weekday(u32),
}

#[derive(Debug, Clone, PartialEq)]
enum DayOfWeek {
    /// 1 = SUN … 7 = SAT.
    Day(u32),
    /// `nL`: the last such day of the month (`L` alone: Saturday).
    Last(u32),
    /// `n#k`: the k-th such day of the month.
    Nth(u32, u32),
}

const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];
const WEEKDAYS: [&str; 7] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/// Parses a Scheduler expression.
pub fn parse(text: &str) -> Result<Expression, Problem> {
    let inner = |prefix: &str| {
        text.strip_prefix(prefix)
            .and_then(|rest| rest.strip_suffix(')'))
    };
    if let Some(body) = inner("cron(") {
        parse_cron(body).map(Expression::Cron)
    } else if let Some(body) = inner("rate(") {
        parse_rate(body)
    } else if let Some(body) = inner("at(") {
        NaiveDateTime::parse_from_str(body, "%Y-%m-%dT%H:%M:%S")
            .map(Expression::At)
            .map_err(|_| {
                problem(
                    format!("`{body}` is not a date and time yyyy-mm-ddThh:mm:ss"),
                    "e.g. at(2027-01-31T18:00:00), read in the job's timezone",
                )
            })
    } else {
        Err(problem(
            format!("\"{text}\" is not an EventBridge Scheduler expression"),
            "use cron(minutes hours day-of-month month day-of-week year), rate(N minutes|hours|days) or at(yyyy-mm-ddThh:mm:ss), e.g. cron(0 3 * * ? *)",
        ))
    }
}

fn parse_rate(body: &str) -> Result<Expression, Problem> {
    let help = "write rate(VALUE UNIT) with a whole VALUE of 1 or more and UNIT minute(s), hour(s) or day(s), e.g. rate(6 hours)";
    let mut parts = body.split_whitespace();
    let (Some(value), Some(unit), None) = (parts.next(), parts.next(), parts.next()) else {
        return Err(problem(format!("`rate({body})` is not VALUE UNIT"), help));
    };
    let value: u64 = match value.parse() {
        Ok(v) if v > 0 => v,
        _ => {
            return Err(problem(
                format!("the rate `{value}` is not a whole number of 1 or more"),
                help,
            ));
        }
    };
    let per = match unit {
        "minute" | "minutes" => 1,
        "hour" | "hours" => 60,
        "day" | "days" => 1440,
        _ => {
            return Err(problem(
                format!("`{unit}` is not a rate unit"),
                "use minute(s), hour(s) or day(s)",
            ));
        }
    };
    Ok(Expression::Rate {
        minutes: value * per,
    })
}

fn parse_cron(body: &str) -> Result<Cron, Problem> {
    let fields: Vec<&str> = body.split_whitespace().collect();
    if fields.len() != 6 {
        return Err(problem(
            format!(
                "cron has six fields (minutes hours day-of-month month day-of-week year), but `cron({body})` has {}",
                fields.len()
            ),
            "e.g. cron(0 3 * * ? *) runs every day at 03:00; the year comes last, usually *",
        ));
    }
    let minutes = values(fields[0], "minutes", 0, 59, &[])?;
    let hours = values(fields[1], "hours", 0, 23, &[])?;
    let months = values(fields[3], "month", 1, 12, &MONTHS)?;
    values(fields[5], "year", 1970, 2199, &[])?;
    let (dom, dow) = (fields[2], fields[4]);
    let one_any = "put ? in exactly one of day-of-month and day-of-week: cron(0 3 * * ? *) every day, cron(0 3 ? * MON-FRI *) on weekdays";
    let (days_of_month, days_of_week) = match (dom == "?", dow == "?") {
        (true, true) => {
            return Err(problem("day-of-month and day-of-week are both ?", one_any));
        }
        (false, false) => {
            return Err(problem(
                format!(
                    "day-of-month `{dom}` and day-of-week `{dow}` are both set: one of them must be ?"
                ),
                one_any,
            ));
        }
        (true, false) => (None, Some(days_of_week(dow)?)),
        (false, true) => (Some(days_of_month(dom)?), None),
    };
    Ok(Cron {
        minutes,
        hours,
        days_of_month,
        months,
        days_of_week,
    })
}

/// A value of a field: a number, or a name of `names` (1-based).
fn number(text: &str, field: &str, min: u32, max: u32, names: &[&str]) -> Result<u32, Problem> {
    let value = names
        .iter()
        .position(|n| n.eq_ignore_ascii_case(text))
        .map(|i| i as u32 + 1)
        .or_else(|| text.parse::<u32>().ok());
    match value {
        Some(v) if (min..=max).contains(&v) => Ok(v),
        _ => {
            let named = if names.is_empty() {
                String::new()
            } else {
                format!(" or {}-{}", names[0], names[names.len() - 1])
            };
            Err(problem(
                format!("`{text}` is not a {field} value ({min}-{max}{named})"),
                format!("the {field} field takes {min}-{max}{named}, with , - * /"),
            ))
        }
    }
}

/// The values a field with `, - * /` matches.
fn values(
    text: &str,
    field: &str,
    min: u32,
    max: u32,
    names: &[&str],
) -> Result<Vec<u32>, Problem> {
    let mut out = Vec::new();
    for item in text.split(',') {
        let (range, step) = match item.split_once('/') {
            Some((range, step)) => {
                let step: u32 = step.parse().ok().filter(|s| *s > 0).ok_or_else(|| {
                    problem(
                        format!("`{item}` has no increment of 1 or more after /"),
                        format!("e.g. 0/15 in minutes: every 15 from 0 (the {field} field)"),
                    )
                })?;
                (range, step)
            }
            None => (item, 1),
        };
        let (start, end) = if range == "*" {
            (min, max)
        } else if let Some((a, b)) = range.split_once('-') {
            let (a, b) = (
                number(a, field, min, max, names)?,
                number(b, field, min, max, names)?,
            );
            if a > b {
                return Err(problem(
                    format!("the {field} range `{range}` runs backwards"),
                    format!("write the smaller value first, e.g. {b}-{a} (or a list)"),
                ));
            }
            (a, b)
        } else {
            let a = number(range, field, min, max, names)?;
            // `5/10`: from 5 to the end of the field, every 10.
            (a, if item.contains('/') { max } else { a })
        };
        out.extend((start..=end).step_by(step as usize));
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

fn days_of_month(text: &str) -> Result<Vec<DayOfMonth>, Problem> {
    let mut out = Vec::new();
    for item in text.split(',') {
        if item == "L" {
            out.push(DayOfMonth::Last);
        } else if let Some(day) = item.strip_suffix('W') {
            out.push(DayOfMonth::Weekday(number(
                day,
                "day-of-month",
                1,
                31,
                &[],
            )?));
        } else {
            out.extend(
                values(item, "day-of-month", 1, 31, &[])?
                    .into_iter()
                    .map(DayOfMonth::Day),
            );
        }
    }
    Ok(out)
}

fn days_of_week(text: &str) -> Result<Vec<DayOfWeek>, Problem> {
    let mut out = Vec::new();
    for item in text.split(',') {
        if item.contains('/') {
            return Err(problem(
                format!("`{item}`: day-of-week takes no / increment"),
                "list the days instead, e.g. MON,WED,FRI",
            ));
        }
        if item == "L" {
            out.push(DayOfWeek::Last(7));
        } else if let Some(day) = item.strip_suffix('L') {
            out.push(DayOfWeek::Last(number(
                day,
                "day-of-week",
                1,
                7,
                &WEEKDAYS,
            )?));
        } else if let Some((day, nth)) = item.split_once('#') {
            let day = number(day, "day-of-week", 1, 7, &WEEKDAYS)?;
            let nth = nth.parse::<u32>().ok().filter(|n| (1..=5).contains(n));
            let Some(nth) = nth else {
                return Err(problem(
                    format!("`{item}`: the number after # is the week of the month, 1-5"),
                    "e.g. MON#1, the first Monday of the month",
                ));
            };
            out.push(DayOfWeek::Nth(day, nth));
        } else {
            out.extend(
                values(item, "day-of-week", 1, 7, &WEEKDAYS)?
                    .into_iter()
                    .map(DayOfWeek::Day),
            );
        }
    }
    Ok(out)
}

/// Hours in an average month (8,760 h / 12), AWS's monthly figure.
pub const HOURS_PER_MONTH: f64 = 730.0;

/// The year whose days cron expressions are counted over: a common year
/// (365 days, so a daily job runs 365 / 12 = 30.42 times a month, the
/// 730-hour month of every other estimate).
const REFERENCE_YEAR: i32 = 2027;

impl Expression {
    /// Runs in an average month: cron, its firings over a common year / 12
    /// (the year field is not read: the estimate is for a year the schedule
    /// runs in); rate, 730 h / its interval; at, 0 (it runs once, in its own
    /// month, and never again).
    pub fn runs_per_month(&self) -> f64 {
        match self {
            Expression::Cron(c) => c.runs_per_year() as f64 / 12.0,
            Expression::Rate { minutes } => HOURS_PER_MONTH * 60.0 / *minutes as f64,
            Expression::At(_) => 0.0,
        }
    }
}

impl Cron {
    fn runs_per_year(&self) -> u64 {
        let per_day = (self.minutes.len() * self.hours.len()) as u64;
        let Some(mut day) = NaiveDate::from_ymd_opt(REFERENCE_YEAR, 1, 1) else {
            return 0;
        };
        let mut days = 0;
        while day.year() == REFERENCE_YEAR {
            if self.months.contains(&day.month()) && self.matches_day(day) {
                days += 1;
            }
            let Some(next) = day.succ_opt() else { break };
            day = next;
        }
        days * per_day
    }

    fn matches_day(&self, day: NaiveDate) -> bool {
        let last = last_day_of_month(day);
        if let Some(items) = &self.days_of_month {
            return items.iter().any(|item| match item {
                DayOfMonth::Day(d) => day.day() == *d,
                DayOfMonth::Last => day.day() == last,
                DayOfMonth::Weekday(d) => nearest_weekday(day, *d, last) == Some(day.day()),
            });
        }
        let weekday = day.weekday().num_days_from_sunday() + 1;
        self.days_of_week.iter().flatten().any(|item| match item {
            DayOfWeek::Day(d) => weekday == *d,
            DayOfWeek::Last(d) => weekday == *d && day.day() + 7 > last,
            DayOfWeek::Nth(d, n) => weekday == *d && (day.day() - 1) / 7 + 1 == *n,
        })
    }
}

fn last_day_of_month(day: NaiveDate) -> u32 {
    (28..=31)
        .rev()
        .find(|d| day.with_day(*d).is_some())
        .unwrap_or(28)
}

/// The day of `day`'s month that `nW` fires on: day n if a weekday, else the
/// nearest weekday in the same month (None when n is past the month's end).
fn nearest_weekday(day: NaiveDate, n: u32, last: u32) -> Option<u32> {
    if n > last {
        return None;
    }
    let target = day.with_day(n)?;
    Some(match target.weekday() {
        Weekday::Sat if n == 1 => 3,
        Weekday::Sat => n - 1,
        Weekday::Sun if n == last => n - 2,
        Weekday::Sun => n + 1,
        _ => n,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(text: &str) -> f64 {
        parse(text).expect(text).runs_per_month()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn a_daily_cron_runs_365_over_12_times_a_month() {
        // 365 days of 2027, once a day: 365 / 12.
        assert!(close(runs("cron(0 3 * * ? *)"), 365.0 / 12.0));
    }

    #[test]
    fn weekdays_at_two_times_count_each_firing() {
        // 2027 starts on a Friday: 261 weekdays (52 weeks × 5 + Fri 31 Dec).
        assert!(close(
            runs("cron(0 9,17 ? * MON-FRI *)"),
            261.0 * 2.0 / 12.0
        ));
    }

    #[test]
    fn the_first_of_the_month_runs_once_a_month() {
        assert!(close(runs("cron(30 2 1 * ? *)"), 1.0));
        assert!(close(runs("cron(0 0 L * ? *)"), 1.0));
        assert!(close(runs("cron(0 0 ? * MON#1 *)"), 1.0));
        assert!(close(runs("cron(0 0 ? * 6L *)"), 1.0));
        assert!(close(runs("cron(0 0 15W * ? *)"), 1.0));
    }

    #[test]
    fn every_fifteen_minutes_is_four_an_hour() {
        // 4 × 24 × 365 / 12 = 2,920.
        assert!(close(runs("cron(0/15 * * * ? *)"), 2920.0));
        assert!(close(runs("rate(15 minutes)"), 2920.0));
    }

    #[test]
    fn rates_divide_the_730_hour_month() {
        assert!(close(runs("rate(1 day)"), 730.0 / 24.0));
        assert!(close(runs("rate(6 hours)"), 730.0 / 6.0));
        assert!(close(runs("rate(1 hours)"), 730.0));
    }

    #[test]
    fn a_one_time_schedule_runs_no_month_after_its_own() {
        assert!(close(runs("at(2027-01-31T18:00:00)"), 0.0));
    }

    #[test]
    fn scheduler_rules_are_enforced() {
        let message = |text: &str| parse(text).expect_err(text).message;
        assert!(message("cron(0 3 * * *)").contains("six fields"));
        assert!(message("cron(0 3 * * * *)").contains("both set"));
        assert!(message("cron(0 3 ? * ? *)").contains("both ?"));
        assert!(message("cron(60 3 * * ? *)").contains("not a minutes value"));
        assert!(message("cron(0 3 ? * MON/2 *)").contains("no / increment"));
        assert!(message("cron(0 3 * FOO ? *)").contains("not a month value"));
        assert!(message("rate(0 hours)").contains("not a whole number"));
        assert!(message("rate(5 weeks)").contains("not a rate unit"));
        assert!(message("at(2027-01-31 18:00)").contains("yyyy-mm-ddThh:mm:ss"));
        assert!(message("daily").contains("not an EventBridge Scheduler expression"));
        assert!(parse("cron(0 3 ? * SUN-SAT 2027-2030)").is_ok());
    }
}
