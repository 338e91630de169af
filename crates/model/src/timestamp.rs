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

/// Reads decimal epoch seconds exactly (exponent forms fall back to floating point), in one
/// pass over the digits: this runs once per event.
fn parse_epoch_seconds(text: &str) -> Result<Timestamp, String> {
    let bad = || format!("`timestamp` {text} is not a valid number of epoch seconds");
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest.as_bytes()),
        None => (false, text.as_bytes()),
    };
    let mut seconds: i64 = 0;
    let mut nanos: i32 = 0;
    let mut whole_digits = 0;
    let mut scale = 100_000_000;
    let mut in_fraction = false;
    for &b in digits {
        match b {
            b'0'..=b'9' if in_fraction => {
                nanos += i32::from(b - b'0') * scale;
                scale /= 10;
            }
            b'0'..=b'9' => {
                seconds = seconds
                    .checked_mul(10)
                    .and_then(|s| s.checked_add(i64::from(b - b'0')))
                    .ok_or_else(bad)?;
                whole_digits += 1;
            }
            b'.' if !in_fraction => in_fraction = true,
            b'e' | b'E' => return parse_epoch_seconds_in_floating_point(text),
            _ => return Err(bad()),
        }
    }
    if whole_digits == 0 {
        return Err(bad());
    }
    let (seconds, nanos) = if negative { (-seconds, -nanos) } else { (seconds, nanos) };
    Timestamp::new(seconds, nanos).map_err(|_| bad())
}

fn parse_epoch_seconds_in_floating_point(text: &str) -> Result<Timestamp, String> {
    let bad = || format!("`timestamp` {text} is not a valid number of epoch seconds");
    let seconds: f64 = text.parse().map_err(|_| bad())?;
    let nanos = (seconds * 1e9).round();
    if !nanos.is_finite() || nanos.abs() > 9.0e18 {
        return Err(bad());
    }
    Timestamp::from_nanosecond(nanos as i128).map_err(|_| bad())
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
        let long = parse_timestamp("1700000000.1234567891").unwrap();
        assert_eq!(long.as_nanosecond() % 1_000_000_000, 123_456_789);
        let before_1970 = parse_timestamp("-1.5").unwrap();
        assert_eq!(before_1970.as_nanosecond(), -1_500_000_000);
        assert_eq!(parse_timestamp("1.5e3").unwrap().as_nanosecond(), 1_500_000_000_000);
        assert_eq!(
            parse_timestamp("1700000000").unwrap().as_nanosecond(),
            1_700_000_000 * 1_000_000_000
        );
        for bad in ["1.2.3", ".5", "-", "1x", "99999999999999999999"] {
            assert!(parse_timestamp(bad).is_err(), "{bad}");
        }
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
