//! Human durations (`"20s"`, `"1m30s"`, `"500ms"`, `"1h 5m"`) read with jiff's friendly format,
//! and their display.

use jiff::SignedDuration;

/// Parses a human duration; ISO-8601 (`PT1M30S`) is accepted as well. Negative durations are
/// refused.
pub fn parse_duration(text: &str) -> Result<SignedDuration, String> {
    let duration: SignedDuration = text.trim().parse().map_err(|_| {
        format!("invalid duration {text:?} (expected e.g. \"20s\", \"1m30s\", \"500ms\", \"2h\")")
    })?;
    if duration.is_negative() {
        return Err(format!("invalid duration {text:?}: must not be negative"));
    }
    Ok(duration)
}

/// Formats a duration compactly, rounded to the millisecond: `17.491s`, `1m 30s`, `120ms`.
pub fn format_duration(duration: SignedDuration) -> String {
    let nanos = duration.as_nanos();
    let millis = (nanos + if nanos < 0 { -500_000 } else { 500_000 }) / 1_000_000;
    let sign = if millis < 0 { "-" } else { "" };
    let millis = millis.unsigned_abs();
    if millis < 1000 {
        return format!("{sign}{millis}ms");
    }
    if millis < 60_000 {
        let text = format!("{}.{:03}", millis / 1000, millis % 1000);
        let text = text.trim_end_matches('0').trim_end_matches('.');
        return format!("{sign}{text}s");
    }
    let total_seconds = millis / 1000;
    let (hours, minutes, seconds) =
        (total_seconds / 3600, total_seconds / 60 % 60, millis % 60_000);
    let seconds = format!("{}.{:03}", seconds / 1000, seconds % 1000);
    let seconds = seconds.trim_end_matches('0').trim_end_matches('.');
    if hours > 0 {
        format!("{sign}{hours}h {minutes}m {seconds}s")
    } else {
        format!("{sign}{minutes}m {seconds}s")
    }
}

/// Serde helper: an optional human duration.
pub(crate) fn deserialize_opt<'de, D>(deserializer: D) -> Result<Option<SignedDuration>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    use serde::Deserialize;
    let text = String::deserialize(deserializer)?;
    parse_duration(&text).map(Some).map_err(serde::de::Error::custom)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_friendly_forms() {
        assert_eq!(parse_duration("20s").unwrap(), SignedDuration::from_secs(20));
        assert_eq!(parse_duration("1m30s").unwrap(), SignedDuration::from_secs(90));
        assert_eq!(parse_duration("1m 30s").unwrap(), SignedDuration::from_secs(90));
        assert_eq!(parse_duration("500ms").unwrap(), SignedDuration::from_millis(500));
        assert_eq!(parse_duration("2h").unwrap(), SignedDuration::from_secs(7200));
        assert_eq!(parse_duration("PT1M").unwrap(), SignedDuration::from_secs(60));
        assert!(parse_duration("twenty").is_err());
        assert!(parse_duration("-5s").is_err());
    }

    #[test]
    fn formats_compactly() {
        assert_eq!(format_duration(SignedDuration::from_millis(17_491)), "17.491s");
        assert_eq!(format_duration(SignedDuration::from_millis(120)), "120ms");
        assert_eq!(format_duration(SignedDuration::from_secs(90)), "1m 30s");
        assert_eq!(format_duration(SignedDuration::from_secs(20)), "20s");
        assert_eq!(format_duration(SignedDuration::from_millis(-250)), "-250ms");
        assert_eq!(format_duration(SignedDuration::from_secs(3725)), "1h 2m 5s");
        assert_eq!(format_duration(SignedDuration::from_micros(1_013_600)), "1.014s");
        assert_eq!(format_duration(SignedDuration::from_micros(400)), "0ms");
    }
}
