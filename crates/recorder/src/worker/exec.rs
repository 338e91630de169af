//! Runs an activity task through a shell command: the task input on stdin, a JSON document on
//! stdout as the output; anything else becomes a task failure with an error name and a cause.

use std::process::Stdio;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::process::Command;

/// The longest error name SendTaskFailure accepts.
pub const ERROR_LIMIT: usize = 256;
/// The longest cause SendTaskFailure accepts.
pub const CAUSE_LIMIT: usize = 32_768;

/// A task failure to report with SendTaskFailure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskFailure {
    /// The error name, such as `ExecFailed` (at most 256 characters).
    pub error: String,
    /// The cause (at most 32,768 characters; the end of stderr for a failed command).
    pub cause: String,
}

impl TaskFailure {
    /// A failure with both parts cut to the API limits (the cause keeps its end).
    pub fn new(error: &str, cause: &str) -> TaskFailure {
        TaskFailure { error: keep_start(error, ERROR_LIMIT), cause: keep_end(cause, CAUSE_LIMIT) }
    }
}

/// Runs `command` with `sh -c`, giving it `input` on stdin. Returns its stdout when it exits 0
/// and writes a JSON document. The command runs in its own process group: when it exits, or
/// when this future is dropped (time limit, closed task, shutdown), whatever it started in the
/// background is killed with it.
pub async fn run_command(command: &str, input: &str) -> Result<String, TaskFailure> {
    let mut child = shell(command)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| TaskFailure::new("ExecSpawnFailed", &format!("cannot run {command}: {e}")))?;
    let group = ProcessGroup::of(&child);
    let mut stdin = child.stdin.take();
    let mut stdout = child.stdout.take();
    let mut stderr = child.stderr.take();
    let input = input.as_bytes().to_vec();
    let feed = async move {
        if let Some(mut pipe) = stdin.take() {
            // A command that does not read its input closes the pipe early: not an error.
            let _ = pipe.write_all(&input).await;
            let _ = pipe.shutdown().await;
        }
    };
    let read_out = async move {
        let mut buf = Vec::new();
        if let Some(pipe) = stdout.as_mut() {
            let _ = pipe.read_to_end(&mut buf).await;
        }
        buf
    };
    let read_err = async move {
        let mut buf = Vec::new();
        if let Some(pipe) = stderr.as_mut() {
            let _ = pipe.read_to_end(&mut buf).await;
        }
        buf
    };
    let wait = async {
        let status = child.wait().await;
        // Processes left in the background would keep the pipes open: end them with the shell.
        group.kill();
        status
    };
    let ((), out, err, status) = tokio::join!(feed, read_out, read_err, wait);
    let status = status
        .map_err(|e| TaskFailure::new("ExecFailed", &format!("cannot wait for {command}: {e}")))?;
    let stderr_text = String::from_utf8_lossy(&err);
    if !status.success() {
        let how = match status.code() {
            Some(code) => format!("exit code {code}"),
            None => "killed by a signal".to_owned(),
        };
        let tail = stderr_text.trim_end();
        let cause = if tail.is_empty() { how } else { format!("{how}; stderr: {tail}") };
        return Err(failure_keeping_end("ExecFailed", &cause, tail));
    }
    let text = String::from_utf8_lossy(&out).trim().to_owned();
    match serde_json::from_str::<serde::de::IgnoredAny>(&text) {
        Ok(_) => Ok(text),
        Err(e) => {
            let shown = keep_start(&text, 200);
            Err(TaskFailure::new(
                "ExecOutputNotJson",
                &format!("stdout of {command} is not a JSON document ({e}): {shown:?}"),
            ))
        }
    }
}

/// The process group of a command; killed when dropped (Unix; elsewhere nothing is done).
struct ProcessGroup(Option<u32>);

impl ProcessGroup {
    fn of(child: &tokio::process::Child) -> ProcessGroup {
        ProcessGroup(child.id())
    }

    /// Sends SIGKILL to every process of the group (the shell leads it, so its pid is the id).
    fn kill(&self) {
        #[cfg(unix)]
        if let Some(id) = self.0.and_then(|id| i32::try_from(id).ok()) {
            use nix::sys::signal::{killpg, Signal};
            let _ = killpg(nix::unistd::Pid::from_raw(id), Signal::SIGKILL);
        }
    }
}

impl Drop for ProcessGroup {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Builds the failure for a non-zero exit: when the whole cause is too long, the exit code is
/// kept in front of as much of the end of stderr as fits.
fn failure_keeping_end(error: &str, cause: &str, stderr_tail: &str) -> TaskFailure {
    if cause.chars().count() <= CAUSE_LIMIT {
        return TaskFailure::new(error, cause);
    }
    let head_len = cause.chars().count() - stderr_tail.chars().count();
    let head: String = cause.chars().take(head_len).collect();
    let tail = keep_end(stderr_tail, CAUSE_LIMIT.saturating_sub(head_len + 1));
    TaskFailure::new(error, &format!("{head}…{tail}"))
}

#[cfg(unix)]
fn shell(command: &str) -> Command {
    let mut cmd = Command::new("sh");
    cmd.arg("-c").arg(command).process_group(0);
    cmd
}

#[cfg(not(unix))]
fn shell(command: &str) -> Command {
    let mut cmd = Command::new("cmd");
    cmd.arg("/C").arg(command);
    cmd
}

/// The first `limit` characters.
pub fn keep_start(text: &str, limit: usize) -> String {
    text.chars().take(limit).collect()
}

/// The last `limit` characters.
pub fn keep_end(text: &str, limit: usize) -> String {
    let count = text.chars().count();
    text.chars().skip(count.saturating_sub(limit)).collect()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[tokio::test]
    async fn stdout_json_is_the_output() {
        assert_eq!(run_command("cat", r#"{"a": 1}"#).await, Ok(r#"{"a": 1}"#.to_owned()));
    }

    #[tokio::test]
    async fn a_failing_command_reports_its_exit_code_and_stderr_end() {
        let failure = run_command("echo starting >&2; echo boom >&2; exit 3", "{}").await;
        let failure = failure.expect_err("fails");
        assert_eq!(failure.error, "ExecFailed");
        assert_eq!(failure.cause, "exit code 3; stderr: starting\nboom");
    }

    #[tokio::test]
    async fn non_json_output_is_a_failure() {
        let failure = run_command("echo hello", "{}").await.expect_err("fails");
        assert_eq!(failure.error, "ExecOutputNotJson");
    }

    #[tokio::test]
    async fn background_processes_end_with_the_command() {
        let started = std::time::Instant::now();
        let out = run_command("sleep 30 & echo '{}'", "{}").await;
        assert_eq!(out, Ok("{}".to_owned()));
        assert!(started.elapsed() < std::time::Duration::from_secs(10));
    }

    #[tokio::test]
    async fn a_dropped_command_takes_its_children_with_it() {
        let dir = std::env::temp_dir().join(format!("sfn-ledger-exec-{}", std::process::id()));
        let _ = std::fs::remove_file(&dir);
        let marker = dir.display().to_string();
        let command = format!("(sleep 1; touch {marker}) & sleep 30");
        let run = run_command(&command, "{}");
        assert!(tokio::time::timeout(std::time::Duration::from_millis(300), run).await.is_err());
        tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
        assert!(!dir.exists(), "the background child outlived the command");
    }

    #[test]
    fn long_causes_keep_the_exit_code_and_the_end() {
        let stderr = format!("{}END", "x".repeat(40_000));
        let cause = format!("exit code 1; stderr: {stderr}");
        let failure = failure_keeping_end("ExecFailed", &cause, &stderr);
        assert_eq!(failure.cause.chars().count(), CAUSE_LIMIT);
        assert!(failure.cause.starts_with("exit code 1; stderr: …xx"));
        assert!(failure.cause.ends_with("xEND"));
        assert_eq!(TaskFailure::new(&"e".repeat(300), "c").error.len(), ERROR_LIMIT);
    }
}
