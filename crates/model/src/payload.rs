//! Payloads (input, output, parameters) are read from an event's raw JSON only when asked for.
//!
//! Payloads are most of a history's bytes, and almost every one is JSON text inside a JSON
//! string, so full of `\"` escapes. Decoding and copying them all while reading a history was
//! the largest single cost of `report` on a 25,000-event history, and most commands never look
//! at them: the typed details skip them, and [`payload_field`] finds one in the kept text.

use serde_json::value::RawValue;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The value of `field` in the details object of an event (the first `*EventDetails` member
/// that has it), decoded when it is a string and as its JSON text otherwise. `None` when the
/// event has no such field, or is not a JSON object.
pub fn payload_field<'a>(event_json: &'a str, field: &str) -> Option<Cow<'a, str>> {
    let members: BTreeMap<Cow<'a, str>, &'a RawValue> = serde_json::from_str(event_json).ok()?;
    members
        .iter()
        .filter(|(key, _)| key.ends_with("EventDetails"))
        .find_map(|(_, details)| field_of(details.get(), field))
}

fn field_of<'a>(details_json: &'a str, field: &str) -> Option<Cow<'a, str>> {
    let members: BTreeMap<Cow<'a, str>, &'a RawValue> = serde_json::from_str(details_json).ok()?;
    let value = members.get(field)?.get();
    if value == "null" {
        return None;
    }
    if value.starts_with('"') {
        let inside = &value[1..value.len() - 1];
        if !inside.contains('\\') {
            return Some(Cow::Borrowed(inside));
        }
        return serde_json::from_str::<String>(value).ok().map(Cow::Owned);
    }
    Some(Cow::Borrowed(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_payload_decoded_and_borrows_when_it_can() {
        let event = r#"{"id":2,"type":"PassStateEntered","stateEnteredEventDetails":
            {"name":"A","input":"{\"a\":\"\u00e9\"}","plain":"x"}}"#;
        assert_eq!(payload_field(event, "input").as_deref(), Some("{\"a\":\"é\"}"));
        assert!(matches!(payload_field(event, "plain"), Some(Cow::Borrowed("x"))));
        assert_eq!(payload_field(event, "output"), None);
    }

    #[test]
    fn gives_a_payload_that_is_not_a_string_as_its_json_and_null_as_none() {
        let event = r#"{"id":1,"type":"X","xEventDetails":{"input":{"a":1},"output":null}}"#;
        assert_eq!(payload_field(event, "input").as_deref(), Some(r#"{"a":1}"#));
        assert_eq!(payload_field(event, "output"), None);
        assert_eq!(payload_field("not json", "input"), None);
    }
}
