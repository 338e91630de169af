//! Formatting of durations, shares and timestamps for people.

use jiff::Timestamp;

/// A duration for people: `0.25 ms`, `48 ms`, `17.533 s`, `2m 03.500s`, `1h 02m 03s`.
pub fn duration(ms: f64) -> String {
    let sign = if ms < 0.0 { "-" } else { "" };
    let ms = ms.abs();
    if ms < 1000.0 {
        let text = format!("{ms:.3}");
        let text = text.trim_end_matches('0').trim_end_matches('.');
        return format!("{sign}{text} ms");
    }
    let seconds = ms / 1000.0;
    if seconds < 60.0 {
        return format!("{sign}{seconds:.3} s");
    }
    let minutes = (seconds / 60.0).floor();
    let rest = seconds - minutes * 60.0;
    if minutes < 60.0 {
        return format!("{sign}{minutes}m {rest:06.3}s");
    }
    let hours = (minutes / 60.0).floor();
    format!("{sign}{hours}h {:02}m {:02}s", minutes - hours * 60.0, rest.floor())
}

/// An optional duration, `-` when absent.
pub fn maybe_duration(ms: Option<f64>) -> String {
    ms.map_or_else(|| "-".to_owned(), duration)
}

/// A share of a whole as a percentage with one decimal.
pub fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// A timestamp in RFC 3339, UTC, as precise as recorded.
pub fn timestamp(ts: Timestamp) -> String {
    ts.to_string()
}

/// Rounds milliseconds to whole nanoseconds, hiding floating-point noise in sums.
pub fn round_ms(ms: f64) -> f64 {
    (ms * 1e6).round() / 1e6
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration(0.25), "0.25 ms");
        assert_eq!(duration(48.0), "48 ms");
        assert_eq!(duration(17533.0), "17.533 s");
        assert_eq!(duration(123_500.0), "2m 03.500s");
        assert_eq!(duration(3_723_000.0), "1h 02m 03s");
        assert_eq!(duration(-5.0), "-5 ms");
    }
}
