//! Benchmark support for sfn-ledger: a deterministic generator of large, well-formed execution
//! histories ([`generate`]) used by the benchmark programs in `src/bin` and by `bench/run.sh`.

pub mod generate;
