//! The fast path: the common forms of a history read in one pass over the bytes.

use super::event_from_fields;
use super::typed_fields::TypedEventFields;
use crate::event::RawEvent;
use crate::history::History;
use serde::Deserialize;
use std::sync::Arc;

/// The common case in one pass over the bytes: one or more `{"events": [...]}` pages, or a bare
/// array of events, every event well-formed. Each event is read straight into its typed fields
/// and its text kept as it is. Returns `None` for anything else, or at the first thing wrong,
/// and the careful path reads the input again to say what. Reading the documents first and
/// then each event again scanned every byte twice: that was a fifth of `report`'s time.
pub(super) fn read_in_one_pass(text: &str, source: Option<&Arc<String>>) -> Option<History> {
    let bytes = text.as_bytes();
    // About one event per 500 bytes in AWS CLI output: reserve once rather than grow and copy.
    let mut history = History { events: Vec::with_capacity(text.len() / 500), warnings: vec![] };
    let mut pos = skip_whitespace(bytes, 0);
    if bytes.get(pos) == Some(&b'[') {
        pos = read_events(text, source, pos, &mut history)?;
        return (skip_whitespace(bytes, pos) == bytes.len()).then_some(history);
    }
    while pos < bytes.len() {
        pos = read_page(text, source, pos, &mut history)?;
        pos = skip_whitespace(bytes, pos);
    }
    Some(history)
}

/// Reads one `{"events": [...], ...}` page starting at `pos`; returns where it ends.
fn read_page(
    text: &str,
    source: Option<&Arc<String>>,
    pos: usize,
    history: &mut History,
) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes.get(pos) != Some(&b'{') {
        return None;
    }
    let mut pos = skip_whitespace(bytes, pos + 1);
    let mut saw_events = false;
    loop {
        let (key, end) = read_value::<std::borrow::Cow<'_, str>>(text, pos)?;
        pos = skip_whitespace(bytes, end);
        if bytes.get(pos) != Some(&b':') {
            return None;
        }
        pos = skip_whitespace(bytes, pos + 1);
        if key == "events" && !saw_events {
            saw_events = true;
            pos = read_events(text, source, pos, history)?;
        } else if key == "events" {
            return None;
        } else {
            pos = read_value::<serde::de::IgnoredAny>(text, pos)?.1;
        }
        pos = skip_whitespace(bytes, pos);
        match bytes.get(pos) {
            Some(b',') => pos = skip_whitespace(bytes, pos + 1),
            Some(b'}') if saw_events => return Some(pos + 1),
            _ => return None,
        }
    }
}

/// Reads a `[event, ...]` array starting at `pos`; returns where it ends.
fn read_events(
    text: &str,
    source: Option<&Arc<String>>,
    pos: usize,
    history: &mut History,
) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes.get(pos) != Some(&b'[') {
        return None;
    }
    let mut pos = skip_whitespace(bytes, pos + 1);
    if bytes.get(pos) == Some(&b']') {
        return Some(pos + 1);
    }
    loop {
        let (fields, end) = read_value::<TypedEventFields<'_>>(text, pos)?;
        let raw = match source {
            Some(source) => RawEvent::shared(source, pos, end),
            None => RawEvent::owned(&text[pos..end]),
        };
        let event = event_from_fields(fields, raw, &mut history.warnings)?;
        history.events.push(event);
        pos = skip_whitespace(bytes, end);
        match bytes.get(pos) {
            Some(b',') => pos = skip_whitespace(bytes, pos + 1),
            Some(b']') => return Some(pos + 1),
            _ => return None,
        }
    }
}

/// Reads one JSON value starting exactly at `pos`; returns it and where it ends.
fn read_value<'a, T: Deserialize<'a>>(text: &'a str, pos: usize) -> Option<(T, usize)> {
    let rest = text.get(pos..)?;
    if rest.starts_with(|c: char| c.is_ascii_whitespace()) {
        return None;
    }
    let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<T>();
    let value = stream.next()?.ok()?;
    Some((value, pos + stream.byte_offset()))
}

/// The first position at or after `pos` that is not JSON whitespace.
fn skip_whitespace(bytes: &[u8], mut pos: usize) -> usize {
    while let Some(b' ' | b'\n' | b'\r' | b'\t') = bytes.get(pos) {
        pos += 1;
    }
    pos
}
