//! The integration-test binary: end-to-end CLI tests and emulator tests, one module each.

mod emulator_paging;
mod emulator_record;
mod emulator_run;
mod emulator_support;
mod util;
