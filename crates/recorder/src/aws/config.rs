//! Builds the Step Functions client from the standard AWS configuration chain, with the same
//! `--profile`, `--region` and `--endpoint-url` overrides as the AWS CLI.

use super::errors::AwsError;
use super::trace::AttemptLog;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region};
use std::time::Duration;

/// Attempts per call (the first try included) in the SDK's standard retry mode, used unless
/// `AWS_RETRY_MODE` or `AWS_MAX_ATTEMPTS` says otherwise.
pub const MAX_ATTEMPTS: u32 = 5;

/// How long a response may stay silent. GetActivityTask holds the connection open for up to
/// 60 seconds when no task is waiting, so this must be longer than that.
pub const HTTP_READ_TIMEOUT: Duration = Duration::from_secs(70);

/// How long opening a connection may take.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Overrides of the standard chain, each behaving like the AWS CLI flag of the same name.
/// Anything left `None` comes from the environment (`AWS_PROFILE`, `AWS_REGION` /
/// `AWS_DEFAULT_REGION`, `AWS_ENDPOINT_URL` / `AWS_ENDPOINT_URL_SFN`) or the shared config files.
#[derive(Debug, Clone, Default)]
pub struct AwsOptions {
    /// A named profile of `~/.aws/config` and `~/.aws/credentials`.
    pub profile: Option<String>,
    /// The region, such as `us-east-1`.
    pub region: Option<String>,
    /// Another endpoint, such as an emulator's `http://127.0.0.1:4566`.
    pub endpoint_url: Option<String>,
}

/// Loads the configuration and returns a Step Functions client. Credentials are resolved on the
/// first call, so a missing one shows up as [`AwsError::NoCredentials`] from that call.
pub async fn client(options: &AwsOptions) -> Result<aws_sdk_sfn::Client, AwsError> {
    let config = loader(options).load().await;
    let Some(region) = config.region() else {
        return Err(AwsError::NoRegion);
    };
    // Never the credentials: only where the calls go.
    let endpoint = config.endpoint_url().unwrap_or("the region's default");
    let profile = options.profile.as_deref().unwrap_or("from the environment");
    tracing::debug!("client: region {region}, endpoint {endpoint}, profile {profile}");
    let config = aws_sdk_sfn::config::Builder::from(&config).interceptor(AttemptLog).build();
    Ok(aws_sdk_sfn::Client::from_conf(config))
}

/// The configuration [`client`] loads: the standard chain with the timeouts, the retry settings
/// and the overrides of `options`. Tests add static credentials to it.
pub fn loader(options: &AwsOptions) -> aws_config::ConfigLoader {
    let timeouts = TimeoutConfig::builder()
        .connect_timeout(CONNECT_TIMEOUT)
        .read_timeout(HTTP_READ_TIMEOUT)
        .build();
    let mut loader = aws_config::defaults(BehaviorVersion::latest()).timeout_config(timeouts);
    let env_retry = ["AWS_RETRY_MODE", "AWS_MAX_ATTEMPTS"]
        .iter()
        .any(|name| std::env::var_os(name).is_some_and(|v| !v.is_empty()));
    if !env_retry {
        loader = loader.retry_config(RetryConfig::standard().with_max_attempts(MAX_ATTEMPTS));
    }
    if let Some(profile) = &options.profile {
        loader = loader.profile_name(profile);
    }
    if let Some(region) = &options.region {
        loader = loader.region(Region::new(region.clone()));
    }
    if let Some(url) = &options.endpoint_url {
        loader = loader.endpoint_url(url);
    }
    loader
}
