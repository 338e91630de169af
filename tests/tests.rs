//! The integration-test binary: end-to-end CLI tests and emulator tests, one module each.

mod cli_show;
mod cli_validate;
mod corpus;
mod util;
