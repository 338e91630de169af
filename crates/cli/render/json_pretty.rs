//! Pretty-printed JSON, byte for byte as `serde_json::to_writer_pretty` writes it, with each
//! line break and its indentation written at once.
//!
//! serde_json's pretty formatter writes the indentation two spaces at a time: on the
//! 230,000-line report of a 25,000-event history that was a million small writes, a tenth of
//! `report --format json`.

use serde::Serialize;
use serde_json::ser::{Formatter, Serializer};
use std::io::{self, Write};

/// A comma, a line break and enough indentation for 64 levels; slices of it are written.
const BREAK: [u8; 2 + 2 * 64] = {
    let mut bytes = [b' '; 2 + 2 * 64];
    bytes[0] = b',';
    bytes[1] = b'\n';
    bytes
};

/// Writes `value` as pretty-printed JSON (two-space indentation).
pub fn to_writer_pretty<W: Write, T: Serialize + ?Sized>(writer: W, value: &T) -> io::Result<()> {
    let mut serializer = Serializer::with_formatter(writer, Indented::default());
    value.serialize(&mut serializer).map_err(io::Error::other)
}

#[derive(Default)]
struct Indented {
    depth: usize,
    has_value: bool,
}

impl Indented {
    /// A line break (after a comma unless `first`) and the current indentation.
    fn line_break<W: Write + ?Sized>(&self, writer: &mut W, first: bool) -> io::Result<()> {
        let start = if first { 1 } else { 0 };
        let end = 2 + 2 * self.depth;
        match BREAK.get(start..end) {
            Some(bytes) => writer.write_all(bytes),
            None => {
                writer.write_all(&BREAK[start..2])?;
                (0..self.depth).try_for_each(|_| writer.write_all(b"  "))
            }
        }
    }
}

impl Formatter for Indented {
    fn begin_array<W: Write + ?Sized>(&mut self, writer: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        writer.write_all(b"[")
    }

    fn end_array<W: Write + ?Sized>(&mut self, writer: &mut W) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.line_break(writer, true)?;
        }
        writer.write_all(b"]")
    }

    fn begin_array_value<W: Write + ?Sized>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.line_break(writer, first)
    }

    fn end_array_value<W: Write + ?Sized>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: Write + ?Sized>(&mut self, writer: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        writer.write_all(b"{")
    }

    fn end_object<W: Write + ?Sized>(&mut self, writer: &mut W) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.line_break(writer, true)?;
        }
        writer.write_all(b"}")
    }

    fn begin_object_key<W: Write + ?Sized>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.line_break(writer, first)
    }

    fn begin_object_value<W: Write + ?Sized>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: Write + ?Sized>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn writes_what_serde_json_writes() {
        let mut deep = json!("leaf");
        for i in 0..70 {
            deep = json!({ "level": i, "inner": [deep, [], {}, null, 1.5] });
        }
        let value = json!({ "a": [1, {"b": "c\n\"d\""}, []], "e": {}, "f": deep });
        let mut ours = Vec::new();
        to_writer_pretty(&mut ours, &value).unwrap();
        assert_eq!(String::from_utf8(ours).unwrap(), serde_json::to_string_pretty(&value).unwrap());
    }
}
