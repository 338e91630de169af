//! Paging proof. LocalStack answers GetExecutionHistory in one page whatever `maxResults` says,
//! so a small HTTP proxy in front of it cuts the answers into pages of `maxResults` events with
//! a `nextToken` (and honours it), counting the calls. The recorder must fetch every event with
//! the fewest calls, and make none for an execution already recorded whole.

use crate::emulator_record::{map_definition, map_input};
use crate::emulator_support::{unique, Emu};
use crate::http_support::{exchange, header, read_message, serve_each};
use crate::util::{stderr, stdout};
use serde_json::Value;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

const HISTORY_TARGET: &str = "AWSStepFunctions.GetExecutionHistory";

#[test]
fn long_histories_are_fetched_page_by_page_with_the_fewest_calls() {
    let Some(emu) = Emu::new() else { return };
    let machine = emu.state_machine(&unique("PagedMap"), map_definition());
    let arn = emu.start(&machine, "paged", &map_input(300));
    emu.wait_until(Duration::from_secs(60), "the map to finish", |e| e.status(&arn) != "RUNNING");
    let total = emu.event_count(&arn);
    assert_eq!(total, 1206);

    let calls = Arc::new(AtomicUsize::new(0));
    let seen = Arc::new(Mutex::new(Vec::new()));
    let upstream = emu.url.trim_start_matches("http://").trim_end_matches('/').to_owned();
    let listener = emu.rt.block_on(TcpListener::bind("127.0.0.1:0")).expect("bind");
    let proxy = format!("http://{}", listener.local_addr().expect("address"));
    emu.rt.spawn(serve_each(
        listener,
        upstream,
        Proxy { calls: calls.clone(), seen: seen.clone() },
        connection,
    ));

    let out = emu.sfn_via(&proxy, &["record", "--execution", &arn]);
    assert_eq!(out.status.code(), Some(0), "stdout: {}\nstderr: {}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("SUCCEEDED inserted 1206 already stored 0"), "{}", stdout(&out));
    // ceil(1206 / 1000) = 2 pages.
    assert_eq!(calls.load(Ordering::SeqCst), 2);
    let ledger = emu.ledger();
    let ids: Vec<i64> =
        ledger.history(&arn).expect("history").events.iter().map(|e| e.id).collect();
    assert_eq!(ids, (1..=1206).collect::<Vec<i64>>());

    // Recorded whole and finished: recording again makes no history call.
    let out = emu.sfn_via(&proxy, &["record", "--execution", &arn]);
    assert_eq!(out.status.code(), Some(0), "stdout: {}\nstderr: {}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("unchanged"), "{}", stdout(&out));
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}

/// What the proxy counts and keeps.
#[derive(Clone)]
struct Proxy {
    /// GetExecutionHistory calls answered.
    calls: Arc<AtomicUsize>,
    /// The events of the last whole history the emulator sent, as JSON.
    seen: Arc<Mutex<Vec<Value>>>,
}

/// One client connection: requests one after another (keep-alive).
async fn connection(socket: TcpStream, upstream: String, proxy: Proxy) -> std::io::Result<()> {
    let (upstream, proxy) = (upstream.as_str(), &proxy);
    let (read, mut write) = socket.into_split();
    let mut reader = BufReader::new(read);
    while let Some((head, body)) = read_message(&mut reader).await? {
        let target = header(&head, "x-amz-target").unwrap_or_default();
        let (status, body) = if target == HISTORY_TARGET {
            proxy.calls.fetch_add(1, Ordering::SeqCst);
            page(&head, &body, upstream, &proxy.seen).await?
        } else {
            exchange(&head, &body, upstream).await?
        };
        let response = format!(
            "HTTP/1.1 {status}\r\ncontent-type: application/x-amz-json-1.0\r\ncontent-length: {}\r\n\r\n",
            body.len()
        );
        write.write_all(response.as_bytes()).await?;
        write.write_all(&body).await?;
        write.flush().await?;
    }
    Ok(())
}

/// Asks the emulator for the whole history, then answers with the page the request asks for:
/// `maxResults` events from the offset in `nextToken`, with a `nextToken` when more remain.
async fn page(
    head: &str,
    body: &[u8],
    upstream: &str,
    seen: &Mutex<Vec<Value>>,
) -> std::io::Result<(String, Vec<u8>)> {
    let mut request: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    let max = request.get("maxResults").and_then(Value::as_u64).unwrap_or(100) as usize;
    let offset = request
        .get("nextToken")
        .and_then(Value::as_str)
        .and_then(|t| t.strip_prefix("offset-"))
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or(0);
    if let Some(object) = request.as_object_mut() {
        object.remove("nextToken");
        object.remove("maxResults");
    }
    let forwarded = serde_json::to_vec(&request).unwrap_or_default();
    let (status, answer) = exchange(head, &forwarded, upstream).await?;
    let mut answer: Value = serde_json::from_slice(&answer).unwrap_or(Value::Null);
    let events = answer.get("events").and_then(Value::as_array).cloned().unwrap_or_default();
    if let Ok(mut seen) = seen.lock() {
        seen.clone_from(&events);
    }
    let end = (offset + max).min(events.len());
    let mut page = serde_json::Map::new();
    page.insert("events".into(), Value::Array(events[offset.min(end)..end].to_vec()));
    if end < events.len() {
        page.insert("nextToken".into(), Value::String(format!("offset-{end}")));
    }
    answer = Value::Object(page);
    Ok((status, serde_json::to_vec(&answer).unwrap_or_default()))
}
