//! `-v` / `-vv`: what the recorder logs (its AWS calls, retries, ledger writes, worker steps)
//! goes to stderr. Only sfn-ledger's own log targets are enabled; the AWS SDK's stay off (they
//! show the access key id and request details, and what they hide is up to the SDK version),
//! unless RUST_LOG asks for them.

use tracing_subscriber::filter::{EnvFilter, LevelFilter, Targets};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// The log targets of sfn-ledger's own crates.
const OWN_TARGETS: [&str; 3] = ["sfn_ledger", "sfn_ledger_recorder", "sfn_ledger_model"];

/// Installs the stderr logger: `verbose` 1 is info, 2 or more debug, for sfn-ledger's own
/// targets only. A non-empty RUST_LOG replaces that filter entirely (it may enable the AWS
/// SDK's logs). Without either, nothing is installed and nothing is logged.
pub fn init(verbose: u8) {
    let rust_log = std::env::var("RUST_LOG").ok().filter(|v| !v.trim().is_empty());
    let fmt = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_target(true);
    let registry = tracing_subscriber::registry().with(fmt);
    // A second logger cannot be installed; there is only ever one, so the error is ignored.
    if let Some(directives) = rust_log {
        let _ = registry.with(EnvFilter::new(directives)).try_init();
    } else if let Some(level) = level(verbose) {
        let targets =
            OWN_TARGETS.iter().fold(Targets::new(), |t, name| t.with_target(*name, level));
        let _ = registry.with(targets).try_init();
    }
}

/// The level of `-v` repeated `verbose` times; `None` without the flag.
fn level(verbose: u8) -> Option<LevelFilter> {
    match verbose {
        0 => None,
        1 => Some(LevelFilter::INFO),
        _ => Some(LevelFilter::DEBUG),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_v_raises_the_level() {
        assert_eq!(level(0), None);
        assert_eq!(level(1), Some(LevelFilter::INFO));
        assert_eq!(level(2), Some(LevelFilter::DEBUG));
        assert_eq!(level(5), Some(LevelFilter::DEBUG));
    }

    #[test]
    fn the_sdk_targets_stay_off() {
        let targets = OWN_TARGETS
            .iter()
            .fold(Targets::new(), |t, name| t.with_target(*name, LevelFilter::DEBUG));
        assert!(targets.would_enable("sfn_ledger_recorder::worker", &tracing::Level::DEBUG));
        assert!(!targets.would_enable("aws_smithy_runtime::client", &tracing::Level::ERROR));
        assert!(!targets.would_enable("aws_sdk_sfn::config", &tracing::Level::ERROR));
        assert!(!targets.would_enable("hyper_util::client", &tracing::Level::ERROR));
    }
}
