//! The AWS flags shared by the commands that call Step Functions, and the runtime they run in.

use clap::Args;
use sfn_ledger_recorder::aws::AwsOptions;

/// `--profile`, `--region` and `--endpoint-url`, as in the AWS CLI.
#[derive(Debug, Clone, Args)]
pub struct AwsArgs {
    /// Use this profile of ~/.aws/config (default: AWS_PROFILE, else `default`)
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    /// Use this region (default: AWS_REGION / AWS_DEFAULT_REGION, else the profile's)
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,
    /// Send requests here instead, e.g. an emulator (default: AWS_ENDPOINT_URL_SFN /
    /// AWS_ENDPOINT_URL)
    #[arg(long, value_name = "URL")]
    pub endpoint_url: Option<String>,
}

impl AwsArgs {
    /// The overrides for the recorder's client.
    pub fn options(&self) -> AwsOptions {
        AwsOptions {
            profile: self.profile.clone(),
            region: self.region.clone(),
            endpoint_url: self.endpoint_url.clone(),
        }
    }
}

/// A multi-threaded Tokio runtime for one command.
pub fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread().enable_all().build()?)
}
