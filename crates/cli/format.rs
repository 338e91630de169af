//! The `--format` choice shared by commands that print reports.

/// How a command prints its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// For people: lines or a table.
    #[default]
    Text,
    /// One JSON document on standard output.
    Json,
}
