//! `-v` / `-vv` against the emulator: the log names each AWS call and ledger write, shows task
//! tokens only shortened and holds no credentials; without the flag nothing is logged.

use crate::emulator_support::{task_definition, unique, Emu};
use crate::fault_proxy::Fault;
use crate::util::{stderr, stdout};
use std::path::Path;
use std::time::Duration;

/// Credentials no other text in the suite holds, so finding them anywhere means a leak.
const KEY_ID: &str = "AKIASFNLEDGERLOGTEST";
const SECRET: &str = "sfnLedgerLogTestSecret/7c41e9d0b2a8";

/// The task tokens the service handed out through the proxy (the answers to GetActivityTask
/// that held one),
/// and the task inputs sent with them.
fn tasks(fault: &Fault) -> Vec<(String, String)> {
    fault
        .answers("GetActivityTask")
        .iter()
        .filter_map(|body| serde_json::from_slice::<serde_json::Value>(body).ok())
        .filter_map(|answer| {
            let token = answer["taskToken"].as_str().filter(|t| !t.is_empty())?.to_owned();
            Some((token, answer["input"].as_str().unwrap_or_default().to_owned()))
        })
        .collect()
}

/// The token as the tool shows it: 8 characters, an ellipsis and the length.
fn shortened(token: &str) -> String {
    let prefix: String = token.chars().take(8).collect();
    format!("{prefix}…({} chars)", token.chars().count())
}

/// Asserts that no 12 characters in a row of `token` appear in `text`: neither the whole token
/// nor any large part of it.
fn assert_token_hidden(token: &str, text: &str) {
    let chars: Vec<char> = token.chars().collect();
    assert!(chars.len() > 12, "a token this short cannot be checked: {token}");
    assert!(!text.contains(token), "the whole task token is in the output:\n{text}");
    for window in chars.windows(12).skip(1) {
        let part: String = window.iter().collect();
        assert!(!text.contains(&part), "part {part:?} of the task token is in the output:\n{text}");
    }
}

/// Log lines: `<time> <LEVEL> <target>: <message>` from the fmt logger.
fn log_lines(text: &str) -> Vec<&str> {
    text.lines().filter(|l| l.contains(" INFO ") || l.contains(" DEBUG ")).collect()
}

#[test]
fn worker_debug_log_names_each_call_and_never_the_whole_task_token() {
    let Some(emu) = Emu::new() else { return };
    let name = unique("log-act");
    let activity = emu.activity(&name);
    // LocalStack refuses heartbeats (InvalidToken) for a task without HeartbeatSeconds.
    let definition = task_definition(&activity, "Work", Some(30));
    let machine = emu.state_machine(&unique("LogSm"), &definition);
    let arn = emu.start(&machine, "logged", r#"{"n":1}"#);
    emu.wait_until(Duration::from_secs(30), "scheduled", |e| e.event_count(&arn) >= 3);
    let (fault, proxy) = Fault::start(&emu, usize::MAX);
    let args = ["worker", "-vv", "--activity", &name, "--exec", "sleep 2; cat", "--heartbeat", "1"];
    let out = emu.sfn_via(&proxy, &[&args[..], &["--max-tasks", "1"]].concat());
    let (out_text, err_text) = (stdout(&out), stderr(&out));
    assert_eq!(out.status.code(), Some(0), "stdout: {out_text}\nstderr: {err_text}");
    emu.wait_until(Duration::from_secs(30), "success", |e| e.status(&arn) == "SUCCEEDED");

    let tasks = tasks(&fault);
    assert_eq!(tasks.len(), 1, "{:?}", fault.forwarded());
    let (token, input) = &tasks[0];
    let short = shortened(token);
    // The emulator sends the input re-serialized (`{"n": 1}`); `cat` gives it back as it came.
    let bytes = input.len();
    // What the worker did, in the order it did it, at debug level, from our own targets only.
    let expected = [
        format!("DEBUG sfn_ledger_recorder::resolve: ListActivities to find {name}"),
        format!("DEBUG sfn_ledger_recorder::worker: GetActivityTask on {activity}"),
        format!(
            "INFO sfn_ledger_recorder::worker: GetActivityTask on {activity}: task {short} \
             received ({bytes} bytes of input)"
        ),
        format!("DEBUG sfn_ledger_recorder::worker::task: task {short}: running `sleep 2; cat`"),
        format!("DEBUG sfn_ledger_recorder::worker::task: SendTaskHeartbeat for task {short}"),
        format!("DEBUG sfn_ledger_recorder::worker::task: heartbeat of task {short} accepted"),
        format!(
            "DEBUG sfn_ledger_recorder::worker::task: SendTaskSuccess for task {short} ({bytes} bytes \
             of output)"
        ),
        format!("INFO sfn_ledger_recorder::worker::task: task {short}: SendTaskSuccess accepted"),
    ];
    let mut from = 0;
    for line in &expected {
        let at = err_text[from..].find(line.as_str());
        let at = at.unwrap_or_else(|| panic!("no {line:?} after byte {from} in:\n{err_text}"));
        from += at + line.len();
    }
    // The worker's own lines are still there, unchanged.
    assert!(err_text.contains(&format!("task {short} received\n")), "{err_text}");
    assert!(err_text.contains("1 task(s): 1 succeeded, 0 failed, 0 lost"), "{err_text}");
    // Nothing from the SDK or the HTTP stack: those logs can hold request bodies.
    for line in log_lines(&err_text) {
        assert!(line.contains(" sfn_ledger"), "a log line from another target: {line}");
    }
    assert_token_hidden(token, &out_text);
    assert_token_hidden(token, &err_text);
}

/// Every file of the ledger (the database and any journal beside it) as bytes.
fn ledger_bytes(db: &Path) -> Vec<u8> {
    let dir = db.parent().expect("folder");
    let stem = db.file_name().expect("name").to_string_lossy().into_owned();
    let mut bytes = Vec::new();
    for entry in std::fs::read_dir(dir).expect("folder") {
        let path = entry.expect("entry").path();
        if path.file_name().is_some_and(|n| n.to_string_lossy().starts_with(&stem)) {
            bytes.extend(std::fs::read(&path).expect("ledger file"));
        }
    }
    bytes
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn record_and_run_logs_name_calls_and_writes_and_hold_no_credentials() {
    let Some(emu) = Emu::new() else { return };
    let with_secrets = |args: &[&str]| {
        emu.command(&emu.url, args)
            .env("AWS_ACCESS_KEY_ID", KEY_ID)
            .env("AWS_SECRET_ACCESS_KEY", SECRET)
            .output()
            .expect("sfn-ledger runs")
    };
    let pass = r#"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#;
    let machine = emu.state_machine(&unique("LogRecordSm"), pass);
    let recorded = emu.start(&machine, "recorded", "{}");
    let quiet = emu.start(&machine, "quiet", "{}");
    for arn in [&recorded, &quiet] {
        emu.wait_until(Duration::from_secs(30), "the end", |e| e.status(arn) == "SUCCEEDED");
        assert_eq!(emu.event_count(arn), 4);
    }

    // Without -v: no log line at all.
    let out = with_secrets(&["record", "--execution", &quiet]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), format!("{quiet} SUCCEEDED inserted 4 already stored 0\n"));

    // -v: the history fetched and the ledger write; -vv adds each call.
    let out = with_secrets(&["record", "-v", "--execution", &recorded]);
    let (out_text, err_text) = (stdout(&out), stderr(&out));
    assert_eq!(out.status.code(), Some(0), "stdout: {out_text}\nstderr: {err_text}");
    assert!(err_text.contains(&format!(
        "INFO sfn_ledger_recorder::history: history of {recorded}: 4 event(s) listed in 1 \
         call(s), 4 new"
    )));
    assert!(err_text.contains(&format!(
        "INFO sfn_ledger_recorder::record: ledger: stored {recorded}: 4 new event(s), 0 already \
         stored"
    )));
    assert!(!err_text.contains(" DEBUG "), "{err_text}");
    // Logs go to stderr only: stdout is what it is without -v.
    assert!(log_lines(&out_text).is_empty(), "{out_text}");
    let again = with_secrets(&["record", "-vv", "--execution", &recorded]);
    let again_err = stderr(&again);
    assert_eq!(again.status.code(), Some(0), "{again_err}");
    assert!(again_err
        .contains(&format!("DEBUG sfn_ledger_recorder::describe: DescribeExecution {recorded}")));
    assert!(again_err.contains(&format!("{recorded} is recorded whole already: no history call")));
    assert!(!again_err.contains("GetExecutionHistory"), "{again_err}");

    // run -v: the start, the worker's task, the end, the ledger write.
    let name = unique("log-run-act");
    let activity = emu.activity(&name);
    let task_machine =
        emu.state_machine(&unique("LogRunSm"), &task_definition(&activity, "Work", None));
    let worker = format!("{name}=echo");
    let run = with_secrets(&[
        "run",
        "-v",
        "--state-machine",
        &task_machine,
        "--name",
        "ran",
        "--worker",
        &worker,
    ]);
    let (run_out, run_err) = (stdout(&run), stderr(&run));
    assert_eq!(run.status.code(), Some(0), "stdout: {run_out}\nstderr: {run_err}");
    let ran = task_machine.replace(":stateMachine:", ":execution:") + ":ran";
    let events = emu.event_count(&ran);
    assert_eq!(events, 7, "ExecutionStarted … ExecutionSucceeded of one activity task");
    for line in [
        format!("INFO sfn_ledger_recorder::run: started {ran}"),
        format!("INFO sfn_ledger_recorder::worker: GetActivityTask on {activity}: task "),
        "SendTaskSuccess accepted".to_owned(),
        format!("INFO sfn_ledger_recorder::run: {ran} ended: SUCCEEDED"),
        format!("INFO sfn_ledger_recorder::history: history of {ran}: 7 event(s) listed in 1 call(s), 7 new"),
        format!("INFO sfn_ledger::commands::run: ledger: stored {ran}: 7 new event(s), 0 already stored"),
    ] {
        assert!(run_err.contains(&line), "no {line:?} in:\n{run_err}");
    }

    // The credentials signed every call above; they are written nowhere.
    let ledger = ledger_bytes(&emu.db());
    assert!(contains(&ledger, &ran) && contains(&ledger, &recorded), "the ledger was read");
    for text in [&out_text, &err_text, &stdout(&again), &again_err, &run_out, &run_err] {
        assert!(!text.contains(SECRET) && !text.contains(KEY_ID), "credentials shown:\n{text}");
    }
    assert!(!contains(&ledger, SECRET), "the secret key is in the ledger file");
    assert!(!contains(&ledger, KEY_ID), "the access key id is in the ledger file");
}
