//! Logs the SDK's attempts that failed and its retries (`-v`): the operation, the attempt number
//! and the error code or connection problem, never a request or response body.

use super::errors::chain_text;
use aws_sdk_sfn::config::interceptors::{
    BeforeTransmitInterceptorContextRef, FinalizerInterceptorContextRef,
};
use aws_sdk_sfn::config::{ConfigBag, Intercept, RuntimeComponents};
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::orchestrator::Metadata;
use aws_smithy_runtime_api::client::retries::RequestAttempts;

/// The interceptor added to every client built by [`super::client`].
#[derive(Debug, Default)]
pub struct AttemptLog;

/// The operation name and attempt number of the call under way.
fn call(cfg: &ConfigBag) -> (String, u32) {
    let operation = cfg.load::<Metadata>().map_or("?", Metadata::name).to_owned();
    let attempt = cfg.load::<RequestAttempts>().map_or(1, |a| a.attempts());
    (operation, attempt)
}

impl Intercept for AttemptLog {
    fn name(&self) -> &'static str {
        "sfn-ledger-attempt-log"
    }

    fn read_before_transmit(
        &self,
        _context: &BeforeTransmitInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let (operation, attempt) = call(cfg);
        if attempt > 1 {
            tracing::info!("retrying {operation} (attempt {attempt})");
        }
        Ok(())
    }

    fn read_after_attempt(
        &self,
        context: &FinalizerInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let Some(Err(error)) = context.output_or_error() else { return Ok(()) };
        let (operation, attempt) = call(cfg);
        let why = match context.response() {
            // Only the status and the error code: a message could quote what was sent.
            Some(response) => {
                let status = response.status().as_u16();
                match response.body().bytes().and_then(error_code) {
                    Some(code) => format!("{code} (HTTP {status})"),
                    None => format!("HTTP {status}"),
                }
            }
            None => match error.as_connector_error() {
                Some(connector) => format!("no answer: {}", chain_text(connector)),
                None if error.is_timeout_error() => "no answer: timed out".to_owned(),
                None => error.to_string(),
            },
        };
        tracing::info!("{operation} attempt {attempt} failed: {why}");
        Ok(())
    }
}

/// The `__type` of an awsJson error body, without its namespace (`ThrottlingException`).
fn error_code(body: &[u8]) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct ErrorBody {
        #[serde(rename = "__type")]
        kind: String,
    }
    let parsed: ErrorBody = serde_json::from_slice(body).ok()?;
    let code = parsed.kind.rsplit('#').next().unwrap_or_default();
    let code = code.split(':').next().unwrap_or_default();
    (!code.is_empty()).then(|| code.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_codes_lose_their_namespace() {
        let body = br#"{"__type":"com.amazonaws.swf.service.v2.model#TaskTimedOut","message":"x"}"#;
        assert_eq!(error_code(body).as_deref(), Some("TaskTimedOut"));
        let body = br#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#;
        assert_eq!(error_code(body).as_deref(), Some("ThrottlingException"));
        assert_eq!(error_code(b"<html>"), None);
        assert_eq!(error_code(br#"{"__type":""}"#), None);
    }
}
