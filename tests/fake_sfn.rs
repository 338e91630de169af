//! A scripted stand-in for Step Functions on 127.0.0.1, for what the emulator cannot do
//! (throttling, server errors): it answers each awsJson1_0 request (`x-amz-target:
//! AWSStepFunctions.<Operation>`) as a script says and notes when every request arrived.

#![allow(dead_code)]

use crate::http_support::{header, read_message};
use std::sync::{Arc, Mutex};
use std::time::Instant;
use tokio::io::{AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// The execution every canned answer is about.
pub const EXECUTION: &str = "arn:aws:states:us-east-1:123456789012:execution:Fake:run-1";
/// Its state machine.
pub const STATE_MACHINE: &str = "arn:aws:states:us-east-1:123456789012:stateMachine:Fake";

/// An answer: HTTP status line (without `HTTP/1.1 `) and JSON body.
pub type Answer = (&'static str, String);

/// Decides the answer to the `nth` (0-based) request of `operation`, given the request body.
pub type Script = Arc<dyn Fn(&str, usize, &str) -> Answer + Send + Sync>;

/// One request the fake received.
#[derive(Debug, Clone)]
pub struct Arrival {
    /// The operation, such as `GetExecutionHistory`.
    pub operation: String,
    /// When its head had been read.
    pub at: Instant,
    /// Its JSON body.
    pub body: String,
}

/// A running fake.
pub struct Fake {
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    /// Every request so far, in arrival order.
    pub log: Arc<Mutex<Vec<Arrival>>>,
}

impl Fake {
    /// Binds 127.0.0.1:0 and serves on the current runtime until the runtime stops.
    pub async fn start(script: Script) -> Fake {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1:0");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let log = Arc::new(Mutex::new(Vec::new()));
        let served = log.clone();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                let (script, log) = (script.clone(), served.clone());
                tokio::spawn(async move {
                    let _ = connection(socket, &script, &log).await;
                });
            }
        });
        Fake { url, log }
    }

    /// The arrival times of the requests of `operation`.
    pub fn arrivals(&self, operation: &str) -> Vec<Instant> {
        let log = self.log.lock().expect("log");
        log.iter().filter(|a| a.operation == operation).map(|a| a.at).collect()
    }
}

/// ThrottlingException, as Step Functions sends it (HTTP 400).
pub fn throttled() -> Answer {
    ("400 Bad Request", r#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#.into())
}

/// A transient server error with the given status line.
pub fn server_error(status: &'static str) -> Answer {
    (status, r#"{"__type":"InternalFailure","message":"try again"}"#.into())
}

/// The normal answer to `operation` about the execution the request `body` names (else
/// [`EXECUTION`]): a finished two-event execution.
pub fn ok(operation: &str, body: &str) -> Answer {
    let request: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
    let execution = request.get("executionArn").and_then(|v| v.as_str()).unwrap_or(EXECUTION);
    let name = execution.rsplit(':').next().unwrap_or_default();
    let body = match operation {
        "DescribeExecution" => format!(
            r#"{{"executionArn":"{execution}","stateMachineArn":"{STATE_MACHINE}","name":"{name}","status":"SUCCEEDED","startDate":1764000000.0,"stopDate":1764000001.5,"input":"{{}}","output":"{{}}"}}"#
        ),
        "GetExecutionHistory" => r#"{"events":[{"timestamp":1764000000.0,"type":"ExecutionStarted","id":1,"previousEventId":0,"executionStartedEventDetails":{"input":"{}","roleArn":"arn:aws:iam::123456789012:role/r"}},{"timestamp":1764000001.5,"type":"ExecutionSucceeded","id":2,"previousEventId":1,"executionSucceededEventDetails":{"output":"{}"}}]}"#.to_owned(),
        "DescribeStateMachineForExecution" => format!(
            r#"{{"stateMachineArn":"{STATE_MACHINE}","name":"Fake","definition":"{{\"StartAt\":\"Done\",\"States\":{{\"Done\":{{\"Type\":\"Succeed\"}}}}}}","roleArn":"arn:aws:iam::123456789012:role/r","updateDate":1764000000.0}}"#
        ),
        other => {
            return (
                "400 Bad Request",
                format!(r#"{{"__type":"UnknownOperationException","message":"{other}"}}"#),
            )
        }
    };
    ("200 OK", body)
}

/// A client built by the recorder's own configuration code, pointed at `url`, with static
/// test credentials.
pub async fn client(url: &str) -> aws_sdk_sfn::Client {
    let options = sfn_ledger_recorder::aws::AwsOptions {
        profile: None,
        region: Some("us-east-1".into()),
        endpoint_url: Some(url.to_owned()),
    };
    let credentials = aws_sdk_sfn::config::Credentials::new("test", "test", None, None, "fake");
    let config =
        sfn_ledger_recorder::aws::loader(&options).credentials_provider(credentials).load().await;
    aws_sdk_sfn::Client::new(&config)
}

/// One connection: requests one after another (keep-alive).
async fn connection(
    socket: TcpStream,
    script: &Script,
    log: &Mutex<Vec<Arrival>>,
) -> std::io::Result<()> {
    let (read, mut write) = socket.into_split();
    let mut reader = BufReader::new(read);
    while let Some((head, body)) = read_message(&mut reader).await? {
        let at = Instant::now();
        let body = String::from_utf8_lossy(&body).into_owned();
        let target = header(&head, "x-amz-target").unwrap_or_default();
        let operation = target.trim_start_matches("AWSStepFunctions.").to_owned();
        let nth = {
            let mut log = log.lock().expect("log");
            let nth = log.iter().filter(|a| a.operation == operation).count();
            log.push(Arrival { operation: operation.clone(), at, body: body.clone() });
            nth
        };
        let (status, answer) = script(&operation, nth, &body);
        let response = format!(
            "HTTP/1.1 {status}\r\ncontent-type: application/x-amz-json-1.0\r\ncontent-length: {}\r\n\r\n{answer}",
            answer.len()
        );
        write.write_all(response.as_bytes()).await?;
        write.flush().await?;
    }
    Ok(())
}
