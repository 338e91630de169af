//! The integration-test binary: end-to-end CLI tests and emulator tests, one module each.

mod corpus;
mod util;
