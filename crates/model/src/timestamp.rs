//! Event timestamps in both forms the AWS CLI writes, read without losing precision.

use jiff::Timestamp;

/// Reads a timestamp as it appears in history JSON: a number of epoch seconds with a fraction
/// (AWS CLI v1 and the API itself) or an ISO-8601 string with an offset (AWS CLI v2).
///
/// `raw` is the JSON text of the value. Numbers are read digit by digit, so nanoseconds survive.
pub fn parse_timestamp(raw: &str) -> Result<Timestamp, String> {
    let raw = raw.trim();
    if let Some(quoted) = raw.strip_prefix('"') {
        let text: String = serde_json::from_str(raw).map_err(|e| format!("bad string: {e}"))?;
        let _ = quoted;
        return parse_text(&text);
    }
    if raw.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
        return parse_epoch_seconds(raw);
    }
    let kind = match raw.chars().next() {
        Some('{') => "an object",
        Some('[') => "an array",
        Some('t') | Some('f') => "a boolean",
        Some('n') => "null",
        _ => "something else",
    };
    Err(format!("`timestamp` must be epoch seconds or an ISO-8601 string, found {kind}"))
}

fn parse_text(text: &str) -> Result<Timestamp, String> {
    if let Ok(ts) = text.parse::<Timestamp>() {
        return Ok(ts);
    }
    // Some tools write epoch seconds as a string.
    if !text.is_empty() && text.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-') {
        return parse_epoch_seconds(text);
    }
    Err(format!(
        "`timestamp` {text:?} is not a known format (expected epoch seconds like 1489912589.005 \
         or ISO-8601 with an offset like 2017-03-19T17:36:29.005000+09:00)"
    ))
}

/// Reads decimal epoch seconds exactly (exponent forms fall back to floating point).
fn parse_epoch_seconds(text: &str) -> Result<Timestamp, String> {
    let bad = || format!("`timestamp` {text} is not a valid number of epoch seconds");
    if text.contains(['e', 'E']) {
        let seconds: f64 = text.parse().map_err(|_| bad())?;
        let nanos = (seconds * 1e9).round();
        if !nanos.is_finite() || nanos.abs() > 9.0e18 {
            return Err(bad());
        }
        return Timestamp::from_nanosecond(nanos as i128).map_err(|_| bad());
    }
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    if !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let seconds: i64 = whole.parse().map_err(|_| bad())?;
    let mut nanos: i64 = 0;
    for (i, b) in fraction.bytes().take(9).enumerate() {
        nanos += i64::from(b - b'0') * 10_i64.pow(8 - i as u32);
    }
    let total = i128::from(seconds) * 1_000_000_000 + i128::from(nanos);
    let total = if negative { -total } else { total };
    Timestamp::from_nanosecond(total).map_err(|_| bad())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cli_v1_epoch_seconds_exactly() {
        let ts = parse_timestamp("1489912589.005").unwrap();
        assert_eq!(ts.as_nanosecond(), 1_489_912_589_005_000_000);
        let micro = parse_timestamp("1700000000.123456").unwrap();
        assert_eq!(micro.as_nanosecond() % 1_000_000_000, 123_456_000);
    }

    #[test]
    fn reads_cli_v2_iso_strings_with_offsets() {
        let ts = parse_timestamp("\"2017-03-19T17:36:29.005000+09:00\"").unwrap();
        assert_eq!(ts, parse_timestamp("1489912589.005").unwrap());
    }

    #[test]
    fn rejects_unknown_formats_with_a_reason() {
        let err = parse_timestamp("\"yesterday\"").unwrap_err();
        assert!(err.contains("not a known format"), "{err}");
        let err = parse_timestamp("{}").unwrap_err();
        assert!(err.contains("found an object"), "{err}");
    }
}
