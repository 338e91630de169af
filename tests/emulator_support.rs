//! Shared setup of the emulator tests: the emulator's URL, an SDK client to create resources,
//! unique names, and the binary run against the emulator with its own ledger.

#![allow(dead_code)]

use aws_sdk_sfn::Client;
use sfn_ledger_recorder::ledger::Ledger;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

/// The role every test state machine claims (the emulator does not check it).
pub const ROLE: &str = "arn:aws:iam::000000000000:role/sfn-ledger-tests";

/// The emulator URL from `SFN_LEDGER_EMULATOR_URL`. Without it the test fails, telling how to
/// run the suite, unless `SFN_LEDGER_SKIP_EMULATOR=1` (then `None`: the test does nothing).
pub fn emulator_url() -> Option<String> {
    match std::env::var("SFN_LEDGER_EMULATOR_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ if std::env::var("SFN_LEDGER_SKIP_EMULATOR").as_deref() == Ok("1") => {
            eprintln!("SFN_LEDGER_SKIP_EMULATOR=1: emulator test skipped");
            None
        }
        _ => panic!(
            "SFN_LEDGER_EMULATOR_URL is not set: run scripts/test (it starts the LocalStack \
             emulator), or scripts/emulator.sh start PORT and export the URL it prints; set \
             SFN_LEDGER_SKIP_EMULATOR=1 to skip the emulator tests"
        ),
    }
}

/// One emulator test: its runtime, SDK client, temporary ledger and emulator URL.
pub struct Emu {
    /// The emulator URL.
    pub url: String,
    /// A runtime for the SDK calls.
    pub rt: tokio::runtime::Runtime,
    /// An SDK client talking to the emulator.
    pub client: Client,
    /// Holds the ledger file.
    pub dir: tempfile::TempDir,
}

impl Emu {
    /// Sets up a test, or `None` when emulator tests are skipped.
    pub fn new() -> Option<Emu> {
        let url = emulator_url()?;
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let client = rt.block_on(sdk_client(&url));
        let dir = tempfile::tempdir().expect("temp dir");
        Some(Emu { url, rt, client, dir })
    }

    /// The ledger file of this test.
    pub fn db(&self) -> PathBuf {
        self.dir.path().join("ledger.sqlite3")
    }

    /// Opens the ledger of this test.
    pub fn ledger(&self) -> Ledger {
        Ledger::open(&self.db()).expect("ledger opens")
    }

    /// Runs `sfn-ledger ARGS --db LEDGER --endpoint-url EMULATOR` with test credentials (no
    /// `--db` for `worker`).
    pub fn sfn(&self, args: &[&str]) -> Output {
        self.sfn_via(&self.url, args)
    }

    /// Like [`Emu::sfn`], with another endpoint (such as a proxy in front of the emulator).
    pub fn sfn_via(&self, endpoint: &str, args: &[&str]) -> Output {
        self.command(endpoint, args).output().expect("sfn-ledger runs")
    }

    /// The command [`Emu::sfn_via`] runs, to add to it or spawn it: `sfn-ledger ARGS --db
    /// LEDGER --endpoint-url ENDPOINT` with test credentials (no `--db` for `worker`).
    pub fn command(&self, endpoint: &str, args: &[&str]) -> std::process::Command {
        let mut command = crate::util::sfn_ledger();
        command.args(args);
        // `worker` keeps no ledger.
        if args.first() != Some(&"worker") {
            command.arg("--db").arg(self.db());
        }
        command
            .arg("--endpoint-url")
            .arg(endpoint)
            .env("AWS_ACCESS_KEY_ID", "test")
            .env("AWS_SECRET_ACCESS_KEY", "test")
            .env("AWS_REGION", "us-east-1")
            .env_remove("AWS_PROFILE")
            .env_remove("AWS_SESSION_TOKEN")
            .env_remove("SFN_LEDGER_DB");
        command
    }

    /// Creates an activity and returns its ARN.
    pub fn activity(&self, name: &str) -> String {
        self.rt.block_on(async {
            let out = self.client.create_activity().name(name).send().await.expect("activity");
            out.activity_arn().to_owned()
        })
    }

    /// Creates a state machine and returns its ARN.
    pub fn state_machine(&self, name: &str, definition: &str) -> String {
        self.rt.block_on(async {
            let out = self
                .client
                .create_state_machine()
                .name(name)
                .definition(definition)
                .role_arn(ROLE)
                .send()
                .await
                .expect("state machine");
            out.state_machine_arn().to_owned()
        })
    }

    /// Starts an execution directly (outside the tool) and returns its ARN.
    pub fn start(&self, state_machine_arn: &str, name: &str, input: &str) -> String {
        self.rt.block_on(async {
            let out = self
                .client
                .start_execution()
                .state_machine_arn(state_machine_arn)
                .name(name)
                .input(input)
                .send()
                .await
                .expect("execution starts");
            out.execution_arn().to_owned()
        })
    }

    /// The execution's status.
    pub fn status(&self, execution_arn: &str) -> String {
        self.rt.block_on(async {
            let out = self
                .client
                .describe_execution()
                .execution_arn(execution_arn)
                .send()
                .await
                .expect("describe");
            out.status().as_str().to_owned()
        })
    }

    /// The number of events the emulator lists for the execution (it answers in one page).
    pub fn event_count(&self, execution_arn: &str) -> usize {
        self.rt.block_on(async {
            let out = self
                .client
                .get_execution_history()
                .execution_arn(execution_arn)
                .send()
                .await
                .expect("history");
            out.events().len()
        })
    }

    /// Waits (at most `limit`) until `done` holds, checking every 200 ms.
    pub fn wait_until(&self, limit: Duration, what: &str, mut done: impl FnMut(&Emu) -> bool) {
        let start = Instant::now();
        while !done(self) {
            assert!(start.elapsed() < limit, "timed out after {limit:?} waiting for {what}");
            std::thread::sleep(Duration::from_millis(200));
        }
    }
}

/// An SDK client for the emulator with static test credentials.
pub async fn sdk_client(url: &str) -> Client {
    let config = aws_config::defaults(aws_config::BehaviorVersion::latest())
        .region(aws_config::Region::new("us-east-1"))
        .endpoint_url(url)
        .credentials_provider(aws_sdk_sfn::config::Credentials::new(
            "test", "test", None, None, "tests",
        ))
        .load()
        .await;
    Client::new(&config)
}

/// A name no other test (or earlier run against the same emulator) uses: `prefix-<pid>-<n>`.
pub fn unique(prefix: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!("{prefix}-{}-{nanos:x}-{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed))
}

/// A one-state definition: a Task on the activity, with an optional heartbeat limit.
pub fn task_definition(activity_arn: &str, state: &str, heartbeat_seconds: Option<u32>) -> String {
    let heartbeat =
        heartbeat_seconds.map(|s| format!(",\"HeartbeatSeconds\":{s}")).unwrap_or_default();
    format!(
        r#"{{"StartAt":"{state}","States":{{"{state}":{{"Type":"Task","Resource":"{activity_arn}"{heartbeat},"End":true}}}}}}"#
    )
}

/// Event types of a stored history, in order.
pub fn types(ledger: &Ledger, arn: &str) -> Vec<String> {
    let history = ledger.history(arn).expect("history");
    history.events.iter().map(|e| e.event_type.as_str().to_owned()).collect()
}

/// The path as text.
pub fn text(path: &Path) -> String {
    path.display().to_string()
}
