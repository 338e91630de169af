//! `bare-parse`: the baseline. Reads a history file with serde_json, keeping only `id`,
//! `previousEventId`, `type` and `timestamp` of each event, and prints the event count.

use serde::Deserialize;

#[derive(Deserialize)]
struct Page {
    events: Vec<Event>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Event {
    id: i64,
    #[serde(rename = "previousEventId", default)]
    previous_event_id: i64,
    #[serde(rename = "type")]
    event_type: String,
    timestamp: Timestamp,
}

/// Epoch seconds (CLI v1) or ISO-8601 text (CLI v2), kept as nanoseconds.
struct Timestamp(#[allow(dead_code)] i128);

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl serde::de::Visitor<'_> for Visit {
            type Value = Timestamp;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("epoch seconds or an ISO-8601 string")
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Timestamp, E> {
                Ok(Timestamp((v * 1000.0).round() as i128 * 1_000_000))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Timestamp, E> {
                Ok(Timestamp(i128::from(v) * 1_000_000_000))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Timestamp, E> {
                Ok(Timestamp(i128::from(v) * 1_000_000_000))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Timestamp, E> {
                let ts: jiff::Timestamp = v.parse().map_err(E::custom)?;
                Ok(Timestamp(ts.as_nanosecond()))
            }
        }
        deserializer.deserialize_any(Visit)
    }
}

fn main() -> anyhow::Result<()> {
    let path = std::env::args().nth(1).ok_or_else(|| anyhow::anyhow!("usage: bare-parse FILE"))?;
    let bytes = std::fs::read(&path)?;
    let page: Page = serde_json::from_slice(&bytes)?;
    println!("{}", page.events.len());
    Ok(())
}
