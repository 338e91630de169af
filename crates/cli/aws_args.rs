//! The AWS flags shared by the commands that call Step Functions, and the runtime they run in.

use clap::Args;
use sfn_ledger_recorder::aws::AwsOptions;
use std::path::PathBuf;

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

/// `--db`: where the ledger lives.
#[derive(Debug, Clone, Args)]
pub struct DbArgs {
    /// The ledger file (default: SFN_LEDGER_DB, else the platform data folder)
    #[arg(long, value_name = "PATH", env = "SFN_LEDGER_DB")]
    pub db: Option<PathBuf>,
}

impl DbArgs {
    /// The ledger path to open.
    pub fn path(&self) -> PathBuf {
        self.db.clone().unwrap_or_else(|| PathBuf::from("sfn-ledger.sqlite3"))
    }
}

/// A multi-threaded Tokio runtime for one command.
pub fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread().enable_all().build()?)
}
