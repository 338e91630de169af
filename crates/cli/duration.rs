//! Reads the durations and times given on the command line (`90s`, `5m`, `1h 30m`, or an
//! RFC 3339 time for `--since`).

use jiff::Timestamp;
use std::time::Duration;

/// Parses `90s`, `5m`, `1h30m`.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    humantime::parse_duration(text)
        .map_err(|e| format!("{text:?} is not a duration like 90s, 5m or 1h30m: {e}"))
}

/// Parses `--since`: a duration back from now (`2h`) or a time (`2026-01-31T10:00:00Z`).
pub fn parse_since(text: &str) -> Result<Timestamp, String> {
    if let Ok(time) = text.parse::<Timestamp>() {
        return Ok(time);
    }
    let back = parse_duration(text).map_err(|_| {
        format!("{text:?} is neither a duration like 2h nor a time like 2026-01-31T10:00:00Z")
    })?;
    let back = jiff::SignedDuration::try_from(back).map_err(|e| e.to_string())?;
    Timestamp::now().checked_sub(back).map_err(|e| e.to_string())
}

/// A duration for people: `1.234s`, `2m 5s`.
pub fn show(duration: Duration) -> String {
    if duration < Duration::from_secs(60) {
        format!("{:.3}s", duration.as_secs_f64())
    } else {
        humantime::format_duration(Duration::from_secs(duration.as_secs())).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_times() {
        assert_eq!(parse_duration("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("1h30m"), Ok(Duration::from_secs(5400)));
        assert!(parse_duration("soon").is_err());
        let t = parse_since("2026-01-31T10:00:00Z").expect("time");
        assert_eq!(t.as_second(), 1_769_853_600);
        let an_hour_ago = parse_since("1h").expect("duration");
        let diff = Timestamp::now().as_second() - an_hour_ago.as_second();
        assert!((3599..=3601).contains(&diff));
        assert_eq!(show(Duration::from_millis(1234)), "1.234s");
        assert_eq!(show(Duration::from_secs(125)), "2m 5s");
    }
}
