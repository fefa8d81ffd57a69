//! Hours per month that the ECS services run.

use crate::resolve::Schedule;
use crate::spec::rules::{minutes, parse_days};

/// Hours in the average month: 24 × 365 / 12.
pub const HOURS_PER_MONTH: f64 = 730.0;

/// Weeks in the average month: 365 / 12 / 7 = 52.143 / 12 ≈ 4.345.
pub const WEEKS_PER_MONTH: f64 = 365.0 / 12.0 / 7.0;

const MINUTES_PER_WEEK: u32 = 7 * 24 * 60;

/// Hours per month that the services run.
///
/// Without a schedule, [`HOURS_PER_MONTH`] (730). With one:
///
/// `hours/month = hours running per week × 52.143 / 12`
///
/// which for a window within one day is `(stop − start) × scheduled days per
/// week × 52.143 / 12` — MON-FRI 09:00-22:00 is 13 × 5 × 4.345 = 282.4 h.
///
/// The week is walked as the generated scheduled actions run it: on each
/// scheduled day the services scale up at `start` and to zero at `stop`. A
/// window with `stop < start` runs overnight and stops on the following day
/// (MON-FRI 22:00-06:00 stops TUE-SAT at 06:00: five 8-hour nights).
///
/// Hours are counted in the schedule's time zone, on the local clock: the
/// zone decides *when* the services run, not how long. A daylight-saving
/// change inside a window lengthens or shortens that one day by an hour;
/// the estimate ignores it.
pub fn monthly_hours(schedule: Option<&Schedule>) -> Result<f64, String> {
    let Some(s) = schedule else {
        return Ok(HOURS_PER_MONTH);
    };
    Ok(weekly_minutes(s)? as f64 / 60.0 * WEEKS_PER_MONTH)
}

/// Minutes per week the services run under `s`.
fn weekly_minutes(s: &Schedule) -> Result<u32, String> {
    let days = parse_days(&s.days)?;
    let start = minutes(&s.start).ok_or_else(|| format!("bad start time `{}`", s.start))?;
    let stop = minutes(&s.stop).ok_or_else(|| format!("bad stop time `{}`", s.stop))?;
    if start == stop {
        return Err("start and stop are the same time".into());
    }
    // (minute of the week, running after it); day 0 is Sunday, as in cron.
    let mut events: Vec<(u32, bool)> = days
        .iter()
        .flat_map(|&d| {
            let day = d as u32 * 24 * 60;
            // An overnight window stops on the next day (see `plan::units::stop_days`).
            let stop_day = if stop < start { day + 24 * 60 } else { day };
            [
                (day + start, true),
                ((stop_day + stop) % MINUTES_PER_WEEK, false),
            ]
        })
        .collect();
    events.sort_unstable();
    // The state at the start of the week is the one the previous week ended in.
    let Some(&(_, mut running)) = events.last() else {
        return Err("no days".into());
    };
    let mut at = 0;
    let mut total = 0;
    for (minute, up) in events {
        if running {
            total += minute - at;
        }
        (at, running) = (minute, up);
    }
    if running {
        total += MINUTES_PER_WEEK - at;
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schedule(timezone: &str, days: &str, start: &str, stop: &str) -> Schedule {
        Schedule {
            timezone: timezone.into(),
            days: days.into(),
            start: start.into(),
            stop: stop.into(),
        }
    }

    fn hours(days: &str, start: &str, stop: &str) -> f64 {
        monthly_hours(Some(&schedule("Asia/Tokyo", days, start, stop))).expect("valid")
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 0.01
    }

    #[test]
    fn no_schedule_is_the_whole_month() {
        assert_eq!(monthly_hours(None).unwrap(), 730.0);
    }

    #[test]
    fn weekday_business_hours_are_282_and_a_half() {
        let h = hours("MON-FRI", "09:00", "22:00");
        assert!(close(h, 13.0 * 5.0 * 52.143 / 12.0), "{h}");
        assert!((282.3..282.6).contains(&h), "{h}");
    }

    #[test]
    fn every_day_around_the_clock_is_730() {
        // 00:00-23:59 every day is the closest a schedule gets to 00:00-24:00.
        let h = hours("SUN-SAT", "00:00", "23:59");
        assert!(close(h, 730.0 * 1439.0 / 1440.0), "{h}");
        // A window from 00:00 to 00:00 the next day would be 730 exactly: 24 × 7 weeks.
        assert!(close(24.0 * 7.0 * WEEKS_PER_MONTH, 730.0));
    }

    #[test]
    fn the_time_zone_does_not_change_the_count() {
        let tokyo = hours("MON-FRI", "09:00", "22:00");
        for tz in [
            "UTC",
            "America/New_York",
            "Europe/Berlin",
            "Australia/Lord_Howe",
        ] {
            let s = schedule(tz, "MON-FRI", "09:00", "22:00");
            assert_eq!(monthly_hours(Some(&s)).unwrap(), tokyo, "{tz}");
        }
    }

    #[test]
    fn lists_ranges_and_weekends() {
        assert!(close(
            hours("MON,WED,FRI", "08:00", "18:00"),
            10.0 * 3.0 * WEEKS_PER_MONTH
        ));
        assert!(close(
            hours("SAT-SUN", "10:00", "16:00"),
            6.0 * 2.0 * WEEKS_PER_MONTH
        ));
        assert!(close(
            hours("FRI-MON", "10:00", "12:00"),
            2.0 * 4.0 * WEEKS_PER_MONTH
        ));
    }

    #[test]
    fn overnight_every_day_runs_the_night_of_each_day() {
        assert!(close(
            hours("SUN-SAT", "22:00", "06:00"),
            8.0 * 7.0 * WEEKS_PER_MONTH
        ));
    }

    #[test]
    fn overnight_on_weekdays_stops_the_next_morning() {
        // Five 8-hour nights: Friday 22:00 stops Saturday 06:00, not Monday.
        let h = hours("MON-FRI", "22:00", "06:00");
        assert!(close(h, 5.0 * 8.0 * WEEKS_PER_MONTH), "{h}");
    }

    #[test]
    fn a_window_across_the_end_of_the_week_counts_once() {
        // Saturday 20:00 to Sunday 02:00 crosses the end of the cron week (Sunday = 0).
        assert!(close(
            hours("SUN-SAT", "20:00", "02:00"),
            6.0 * 7.0 * WEEKS_PER_MONTH
        ));
        // A single overnight day stops the next morning: Saturday 20:00 to Sunday 02:00.
        assert!(close(hours("SAT", "20:00", "02:00"), 6.0 * WEEKS_PER_MONTH));
    }

    #[test]
    fn invalid_schedules_are_errors_not_panics() {
        let bad = schedule("UTC", "MON-FRY", "09:00", "22:00");
        assert!(monthly_hours(Some(&bad)).is_err());
        let same = schedule("UTC", "MON", "09:00", "09:00");
        assert!(monthly_hours(Some(&same)).is_err());
    }
}
