//! Turns SDK errors into messages a person understands, naming what was asked for.

use aws_sdk_sfn::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};

/// Why a Step Functions call failed.
#[derive(Debug, thiserror::Error)]
pub enum AwsError {
    /// No credentials anywhere in the chain.
    #[error(
        "no AWS credentials found: set AWS_PROFILE (or --profile), or AWS_ACCESS_KEY_ID and \
         AWS_SECRET_ACCESS_KEY, or log in with `aws sso login`"
    )]
    NoCredentials,
    /// No region anywhere in the chain.
    #[error("no AWS region configured: use --region, AWS_REGION or a profile with a region")]
    NoRegion,
    /// The credentials were refused or lack a permission.
    #[error("access denied to {operation} on {subject}: {message}")]
    AccessDenied {
        /// The API operation.
        operation: &'static str,
        /// What it was asked about.
        subject: String,
        /// The service's words.
        message: String,
    },
    /// The state machine does not exist (in this account and region).
    #[error("state machine {0} does not exist in this account and region")]
    UnknownStateMachine(String),
    /// The activity does not exist.
    #[error("activity {0} does not exist in this account and region")]
    UnknownActivity(String),
    /// The execution does not exist.
    #[error("execution {0} does not exist")]
    UnknownExecution(String),
    /// StartExecution with a name already used by another execution.
    #[error(
        "execution name {name} is already used by an execution of {state_machine}; choose \
         another --name"
    )]
    NameAlreadyUsed {
        /// The execution name.
        name: String,
        /// The state machine.
        state_machine: String,
    },
    /// The task token is no longer valid (the task timed out, or was already closed).
    #[error("task {token} is no longer open: {message}")]
    TaskClosed {
        /// The token, shortened (tokens are secrets).
        token: String,
        /// The service's words.
        message: String,
    },
    /// The service kept refusing for too many calls, through every retry.
    #[error(
        "Step Functions throttled {operation} on {subject} (rate exceeded) through every retry: \
         {message}; wait and try again, or make fewer calls at once"
    )]
    Throttled {
        /// The API operation.
        operation: &'static str,
        /// What it was asked about.
        subject: String,
        /// The error code and the service's words.
        message: String,
    },
    /// The service could not be reached (after retries).
    #[error("cannot reach Step Functions for {operation} on {subject}: {message}")]
    Unreachable {
        /// The API operation.
        operation: &'static str,
        /// What it was asked about.
        subject: String,
        /// What went wrong underneath.
        message: String,
    },
    /// Any other refusal.
    #[error("{operation} on {subject} failed: {message}")]
    Service {
        /// The API operation.
        operation: &'static str,
        /// What it was asked about.
        subject: String,
        /// The error code and the service's words.
        message: String,
    },
}

/// What a failed call was about: the operation and the name, ARN or (short) token it concerned.
#[derive(Debug, Clone, Copy)]
pub struct Asked<'a> {
    /// The API operation, such as `StartExecution`.
    pub operation: &'static str,
    /// The name or ARN asked about.
    pub subject: &'a str,
}

impl<'a> Asked<'a> {
    /// A call of `operation` about `subject`.
    pub fn new(operation: &'static str, subject: &'a str) -> Asked<'a> {
        Asked { operation, subject }
    }
}

impl AwsError {
    /// Classifies an SDK error of a call about `asked`.
    pub fn from_sdk<E, R>(error: SdkError<E, R>, asked: Asked<'_>) -> AwsError
    where
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
        R: std::fmt::Debug + Send + Sync + 'static,
    {
        let subject = asked.subject.to_owned();
        let operation = asked.operation;
        let text = DisplayErrorContext(&error).to_string();
        if let SdkError::ServiceError(_) = &error {
            let code = error.code().unwrap_or("").to_owned();
            let message = error.message().unwrap_or("").to_owned();
            return from_code(&code, message, operation, subject);
        }
        if is_credentials_problem(&text) {
            return AwsError::NoCredentials;
        }
        match &error {
            SdkError::DispatchFailure(_) | SdkError::TimeoutError(_) => {
                AwsError::Unreachable { operation, subject, message: chain_text(&error) }
            }
            _ => AwsError::Service { operation, subject, message: text },
        }
    }
}

fn from_code(code: &str, message: String, operation: &'static str, subject: String) -> AwsError {
    match code {
        "StateMachineDoesNotExist" | "StateMachineDeleting" => {
            AwsError::UnknownStateMachine(subject)
        }
        "ActivityDoesNotExist" => AwsError::UnknownActivity(subject),
        "ExecutionDoesNotExist" => AwsError::UnknownExecution(subject),
        "ExecutionAlreadyExists" => {
            AwsError::NameAlreadyUsed { name: subject, state_machine: message }
        }
        "TaskTimedOut" | "TaskDoesNotExist" | "InvalidToken" => {
            AwsError::TaskClosed { token: subject, message: join(code, &message) }
        }
        "ThrottlingException"
        | "Throttling"
        | "ThrottledException"
        | "TooManyRequestsException"
        | "RequestLimitExceeded" => {
            AwsError::Throttled { operation, subject, message: join(code, &message) }
        }
        "AccessDeniedException"
        | "AccessDenied"
        | "UnrecognizedClientException"
        | "InvalidClientTokenId"
        | "InvalidSignatureException"
        | "ExpiredTokenException"
        | "ExpiredToken"
        | "NotAuthorized" => {
            AwsError::AccessDenied { operation, subject, message: join(code, &message) }
        }
        _ => AwsError::Service { operation, subject, message: join(code, &message) },
    }
}

fn join(code: &str, message: &str) -> String {
    match (code.is_empty(), message.is_empty()) {
        (true, true) => "no details given".to_owned(),
        (false, true) => code.to_owned(),
        (true, false) => message.to_owned(),
        (false, false) => format!("{code}: {message}"),
    }
}

/// The messages of an error and its sources, joined by `: ` (without the Debug dumps that
/// `DisplayErrorContext` adds), each one only once.
pub(crate) fn chain_text(error: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut next = Some(error);
    while let Some(current) = next {
        let text = current.to_string();
        if !text.is_empty() && !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        next = current.source();
    }
    parts.join(": ")
}

fn is_credentials_problem(text: &str) -> bool {
    let text = text.to_ascii_lowercase();
    text.contains("credentials") && (text.contains("no providers") || text.contains("not loaded"))
        || text.contains("failed to load credentials")
        || text.contains("credentialsnotloaded")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_name_the_subject() {
        let e = from_code("StateMachineDoesNotExist", "x".into(), "StartExecution", "sm".into());
        assert_eq!(e.to_string(), "state machine sm does not exist in this account and region");
        let e = from_code("AccessDeniedException", "no".into(), "ListActivities", "a".into());
        assert_eq!(
            e.to_string(),
            "access denied to ListActivities on a: AccessDeniedException: no"
        );
        let e = from_code(
            "ThrottlingException",
            "Rate exceeded".into(),
            "GetExecutionHistory",
            "e".into(),
        );
        assert_eq!(
            e.to_string(),
            "Step Functions throttled GetExecutionHistory on e (rate exceeded) through every \
             retry: ThrottlingException: Rate exceeded; wait and try again, or make fewer calls \
             at once"
        );
        let e = from_code("Weird", String::new(), "X", "y".into());
        assert_eq!(e.to_string(), "X on y failed: Weird");
    }

    #[test]
    fn credential_texts_are_recognised() {
        assert!(is_credentials_problem(
            "dispatch failure: other: no providers in chain provided credentials"
        ));
        assert!(!is_credentials_problem("connection refused"));
    }
}
