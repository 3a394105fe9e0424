//! UTC calendar arithmetic for time windows: days, months and years in
//! Unix seconds, and ISO dates for messages.

const DAY: u64 = 86_400;

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

fn seconds(days: i64) -> u64 {
    u64::try_from(days).unwrap_or(0) * DAY
}

/// `[start, end]` of the UTC day containing `t`.
pub fn day_of(t: u64) -> (u64, u64) {
    let start = t - t % DAY;
    (start, start + DAY - 1)
}

/// `[start, end]` of the UTC month containing `t`.
pub fn month_of(t: u64) -> (u64, u64) {
    let (y, m, _) = civil_from_days((t / DAY) as i64);
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    (
        seconds(days_from_civil(y, m, 1)),
        seconds(days_from_civil(ny, nm, 1)) - 1,
    )
}

/// `[start, end]` of the UTC year containing `t`.
pub fn year_of(t: u64) -> (u64, u64) {
    let (y, _, _) = civil_from_days((t / DAY) as i64);
    (
        seconds(days_from_civil(y, 1, 1)),
        seconds(days_from_civil(y + 1, 1, 1)) - 1,
    )
}

/// Parses `YYYY-MM-DD` as the start of that UTC day.
pub fn parse_date(s: &str) -> Option<u64> {
    let mut it = s.split('-');
    let y: i64 = it.next()?.parse().ok()?;
    let m: u32 = it.next()?.parse().ok()?;
    let d: u32 = it.next()?.parse().ok()?;
    if it.next().is_some() || !(1970..=9999).contains(&y) || !(1..=12).contains(&m) || d == 0 {
        return None;
    }
    let days = days_from_civil(y, m, d);
    // Refuse 2026-02-30 and the like.
    (civil_from_days(days) == (y, m, d)).then(|| seconds(days))
}

/// The date of day number `day` (days since 1970-01-01), `YYYY-MM-DD`.
pub fn format_day(day: u64) -> String {
    let (y, m, d) = civil_from_days(day as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// `YYYY-MM-DD HH:MM:SS UTC`.
pub fn format(t: u64) -> String {
    let (y, m, d) = civil_from_days((t / DAY) as i64);
    let s = t % DAY;
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02} UTC",
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_cover_their_calendar_unit() {
        // 2026-11-26 12:34:56 UTC
        let t = 1_795_696_496;
        assert_eq!(format(t), "2026-11-26 12:34:56 UTC");
        let (a, b) = day_of(t);
        assert_eq!(
            (format(a), format(b)),
            (
                "2026-11-26 00:00:00 UTC".into(),
                "2026-11-26 23:59:59 UTC".into()
            )
        );
        let (a, b) = month_of(t);
        assert_eq!(
            (format(a), format(b)),
            (
                "2026-11-01 00:00:00 UTC".into(),
                "2026-11-30 23:59:59 UTC".into()
            )
        );
        let (a, b) = year_of(t);
        assert_eq!(
            (format(a), format(b)),
            (
                "2026-01-01 00:00:00 UTC".into(),
                "2026-12-31 23:59:59 UTC".into()
            )
        );
        let (a, b) = month_of(parse_date("2024-02-10").unwrap());
        assert_eq!(format(b), "2024-02-29 23:59:59 UTC");
        assert_eq!(a, parse_date("2024-02-01").unwrap());
        assert!(parse_date("2026-02-30").is_none());
        assert!(parse_date("2026-13-01").is_none());
    }
}
