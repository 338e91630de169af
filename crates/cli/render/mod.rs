//! Renderers: turn a timing report or a history into tables, JSON, Markdown, HTML, traces and
//! graphs. Each returns text; only the commands write it out.

pub mod fmt;
pub mod graph;
pub mod json_pretty;
pub mod report_json;
pub mod report_markdown;
pub mod report_rows;
pub mod report_table;
pub mod stats_json;
pub mod stats_markdown;
pub mod stats_rows;
pub mod stats_table;
pub mod timeline_html;
pub mod timeline_text;
pub mod timeline_trace;
