//! Writes a generated history as `{"events": [...]}` the way the AWS CLI prints it (4-space
//! indentation, `timestamp`, `type`, `id`, `previousEventId`, then the details).

use super::{Generated, GeneratedEvent};
use jiff::tz::{Offset, TimeZone};
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::Serialize;
use serde_json::ser::PrettyFormatter;
use serde_json::value::RawValue;
use std::io::Write;

/// The timestamp form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// AWS CLI v1: epoch seconds as a number with 3 decimals (`1489912589.005`).
    V1,
    /// AWS CLI v2: ISO-8601 with microseconds and an offset (`2017-03-19T17:36:29.005000+09:00`).
    V2,
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(text: &str) -> Result<Format, String> {
        match text {
            "v1" => Ok(Format::V1),
            "v2" => Ok(Format::V2),
            other => Err(format!("unknown format {other:?}: expected v1 or v2")),
        }
    }
}

/// The offset v2 timestamps are written in (the CLI prints local time; here Tokyo, +09:00).
const V2_OFFSET_HOURS: i8 = 9;

/// The JSON text of a timestamp in epoch milliseconds.
pub fn timestamp_text(epoch_ms: i64, format: Format) -> String {
    let (seconds, millis) = (epoch_ms.div_euclid(1000), epoch_ms.rem_euclid(1000));
    match format {
        Format::V1 => format!("{seconds}.{millis:03}"),
        Format::V2 => {
            let ts = jiff::Timestamp::from_second(seconds).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
            let zone = TimeZone::fixed(Offset::constant(V2_OFFSET_HOURS));
            let dt = ts.to_zoned(zone).datetime();
            format!(
                "\"{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{millis:03}000+{V2_OFFSET_HOURS:02}:00\"",
                dt.year(),
                dt.month(),
                dt.day(),
                dt.hour(),
                dt.minute(),
                dt.second()
            )
        }
    }
}

struct EventOut<'a> {
    event: &'a GeneratedEvent,
    timestamp: Box<RawValue>,
}

impl Serialize for EventOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("timestamp", &self.timestamp)?;
        map.serialize_entry("type", self.event.event_type)?;
        map.serialize_entry("id", &self.event.id)?;
        map.serialize_entry("previousEventId", &self.event.previous_event_id)?;
        if let Some((key, details)) = &self.event.details {
            map.serialize_entry(key, details)?;
        }
        map.end()
    }
}

struct EventsOut<'a>(&'a Generated, Format);

impl Serialize for EventsOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.events.len()))?;
        for event in &self.0.events {
            let epoch_ms = self.0.start_epoch_ms + event.time_ms as i64;
            let text = timestamp_text(epoch_ms, self.1);
            let timestamp = RawValue::from_string(text).map_err(serde::ser::Error::custom)?;
            seq.serialize_element(&EventOut { event, timestamp })?;
        }
        seq.end()
    }
}

impl Generated {
    /// Writes the history as `{"events": [...]}` in the given form, indented by 4 spaces as
    /// the AWS CLI prints it.
    pub fn write_json<W: Write>(&self, format: Format, writer: W) -> std::io::Result<()> {
        let formatter = PrettyFormatter::with_indent(b"    ");
        self.write_with(format, serde_json::Serializer::with_formatter(writer, formatter))
    }

    /// Writes the history as `{"events": [...]}` without whitespace.
    pub fn write_compact_json<W: Write>(&self, format: Format, writer: W) -> std::io::Result<()> {
        self.write_with(format, serde_json::Serializer::new(writer))
    }

    fn write_with<W: Write, F: serde_json::ser::Formatter>(
        &self,
        format: Format,
        mut serializer: serde_json::Serializer<W, F>,
    ) -> std::io::Result<()> {
        let mut map = serializer.serialize_map(Some(1)).map_err(std::io::Error::other)?;
        map.serialize_entry("events", &EventsOut(self, format)).map_err(std::io::Error::other)?;
        SerializeMap::end(map).map_err(std::io::Error::other)
    }

    /// The history as `{"events": [...]}` text, indented as the AWS CLI prints it.
    pub fn to_json(&self, format: Format) -> String {
        let mut out = Vec::new();
        // Writing to a Vec cannot fail.
        let _ = self.write_json(format, &mut out);
        String::from_utf8(out).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::{timestamp_text, Format};

    #[test]
    fn timestamps_in_both_cli_forms() {
        // 2026-03-02T09:00:00.005Z
        assert_eq!(timestamp_text(1_772_442_000_005, Format::V1), "1772442000.005");
        assert_eq!(timestamp_text(1_772_442_000_120, Format::V1), "1772442000.120");
        assert_eq!(
            timestamp_text(1_772_442_000_005, Format::V2),
            "\"2026-03-02T18:00:00.005000+09:00\""
        );
    }
}
