//! A proxy in front of the emulator for the fault tests: it forwards a set number of requests,
//! then closes every connection without an answer (the service gone away) until it is switched
//! back. It notes the operation of every forwarded request and keeps the answers, so a test can
//! see what the service sent (a task token, for one).

#![allow(dead_code)]

use crate::emulator_support::Emu;
use crate::http_support::{exchange, header, read_message, serve_each};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// A forwarded request: its operation and the body of the answer.
type Note = (String, Vec<u8>);

/// A proxy that forwards `budget` requests, then refuses every one until switched back.
#[derive(Clone)]
pub struct Fault {
    /// Requests still to forward before refusing (`usize::MAX`: forward all).
    budget: Arc<AtomicUsize>,
    /// The operation and the answer's body of every forwarded request, in order.
    forwarded: Arc<Mutex<Vec<Note>>>,
    /// Requests refused: the connection closed without an answer.
    pub refused: Arc<AtomicUsize>,
}

impl Fault {
    /// Starts the proxy in front of the emulator; returns it and its URL.
    pub fn start(emu: &Emu, budget: usize) -> (Fault, String) {
        let fault = Fault {
            budget: Arc::new(AtomicUsize::new(budget)),
            forwarded: Arc::new(Mutex::new(Vec::new())),
            refused: Arc::new(AtomicUsize::new(0)),
        };
        let upstream = emu.url.trim_start_matches("http://").trim_end_matches('/').to_owned();
        let listener = emu.rt.block_on(TcpListener::bind("127.0.0.1:0")).expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        emu.rt.spawn(serve_each(listener, upstream, fault.clone(), connection));
        (fault, url)
    }

    /// The service is back: forward everything from now on.
    pub fn heal(&self) {
        self.budget.store(usize::MAX, Ordering::SeqCst);
    }

    /// The service goes away: refuse every request from now on.
    pub fn cut(&self) {
        self.budget.store(0, Ordering::SeqCst);
    }

    /// Operations forwarded so far, without the `AWSStepFunctions.` prefix.
    pub fn forwarded(&self) -> Vec<String> {
        self.forwarded.lock().expect("lock").iter().map(|(op, _)| op.clone()).collect()
    }

    /// The bodies of the answers to `operation`, in order (the ones that got an answer).
    pub fn answers(&self, operation: &str) -> Vec<Vec<u8>> {
        let forwarded = self.forwarded.lock().expect("lock");
        forwarded.iter().filter(|(op, _)| op == operation).map(|(_, body)| body.clone()).collect()
    }

    /// Whether to forward a request for `target` (and note it), or refuse it. Returns the index
    /// of its note.
    fn admit(&self, target: &str) -> Option<usize> {
        let mut forwarded = self.forwarded.lock().expect("lock");
        let budget = self.budget.load(Ordering::SeqCst);
        if budget == 0 {
            self.refused.fetch_add(1, Ordering::SeqCst);
            return None;
        }
        if budget != usize::MAX {
            self.budget.store(budget - 1, Ordering::SeqCst);
        }
        forwarded.push((target.trim_start_matches("AWSStepFunctions.").to_owned(), Vec::new()));
        Some(forwarded.len() - 1)
    }

    /// Keeps the answer to the request noted at `index`.
    fn keep(&self, index: usize, body: &[u8]) {
        if let Some(note) = self.forwarded.lock().expect("lock").get_mut(index) {
            note.1 = body.to_vec();
        }
    }
}

/// One client connection: requests one after another (keep-alive); a refused request drops the
/// connection without a word.
async fn connection(socket: TcpStream, upstream: String, fault: Fault) -> std::io::Result<()> {
    let (upstream, fault) = (upstream.as_str(), &fault);
    let (read, mut write) = socket.into_split();
    let mut reader = BufReader::new(read);
    while let Some((head, body)) = read_message(&mut reader).await? {
        let target = header(&head, "x-amz-target").unwrap_or_default();
        let Some(index) = fault.admit(&target) else {
            return Ok(());
        };
        let (status, body) = exchange(&head, &body, upstream).await?;
        fault.keep(index, &body);
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
