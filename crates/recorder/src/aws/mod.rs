//! The AWS side of the recorder: the Step Functions client and what its errors mean.

pub mod config;
pub mod errors;
pub mod trace;

pub use config::{client, loader, AwsOptions, HTTP_READ_TIMEOUT, MAX_ATTEMPTS};
pub use errors::AwsError;
