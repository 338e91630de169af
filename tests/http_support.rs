//! Minimal HTTP/1.1 plumbing shared by the test proxies and the fake service: reading one
//! message, forwarding one request upstream, reading a header.

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// Sends one request to the emulator on a fresh connection; returns status line and body.
pub async fn exchange(
    head: &str,
    body: &[u8],
    upstream: &str,
) -> std::io::Result<(String, Vec<u8>)> {
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or_default();
    let mut out = format!("{request_line}\r\n");
    for line in lines.filter(|l| !l.is_empty()) {
        let name = line.split(':').next().unwrap_or_default().to_ascii_lowercase();
        if name != "content-length" && name != "connection" {
            out.push_str(line);
            out.push_str("\r\n");
        }
    }
    out.push_str(&format!("content-length: {}\r\nconnection: close\r\n\r\n", body.len()));
    let stream = TcpStream::connect(upstream).await?;
    let (read, mut write) = stream.into_split();
    write.write_all(out.as_bytes()).await?;
    write.write_all(body).await?;
    let mut reader = BufReader::new(read);
    let (response_head, response_body) = read_message(&mut reader)
        .await?
        .ok_or_else(|| std::io::Error::other("emulator closed the connection"))?;
    let status_line = response_head.lines().next().unwrap_or_default();
    let status = status_line.split_once(' ').map_or("502 Bad Gateway", |x| x.1).to_owned();
    Ok((status, response_body))
}

/// Reads one HTTP/1.1 message (head and body: content-length, chunked, or until close).
pub async fn read_message<R: tokio::io::AsyncRead + Unpin>(
    reader: &mut BufReader<R>,
) -> std::io::Result<Option<(String, Vec<u8>)>> {
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).await? == 0 {
            return Ok(None);
        }
        if line == "\r\n" && !head.is_empty() {
            break;
        }
        head.push_str(&line);
    }
    let mut body = Vec::new();
    if let Some(length) = header(&head, "content-length").and_then(|v| v.parse::<usize>().ok()) {
        body.resize(length, 0);
        reader.read_exact(&mut body).await?;
    } else if header(&head, "transfer-encoding").is_some_and(|v| v.contains("chunked")) {
        loop {
            let mut size = String::new();
            reader.read_line(&mut size).await?;
            let size = usize::from_str_radix(size.trim().split(';').next().unwrap_or("0"), 16)
                .unwrap_or(0);
            let mut chunk = vec![0; size + 2];
            reader.read_exact(&mut chunk).await?;
            if size == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..size]);
        }
    } else if !head.starts_with("POST") && !head.starts_with("GET") {
        reader.read_to_end(&mut body).await?;
    }
    Ok(Some((head, body)))
}

/// A header's value, by case-insensitive name.
pub fn header(head: &str, name: &str) -> Option<String> {
    head.split("\r\n").skip(1).find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.trim().eq_ignore_ascii_case(name).then(|| value.trim().to_owned())
    })
}

/// Accepts connections until the listener closes and serves each one on its own task with
/// `connection(socket, upstream, state)`; what a connection returns is ignored (a client that
/// hangs up is not an error for a test proxy).
pub async fn serve_each<S, F, Fut>(
    listener: tokio::net::TcpListener,
    upstream: String,
    state: S,
    connection: F,
) where
    S: Clone + Send + 'static,
    F: Fn(TcpStream, String, S) -> Fut,
    Fut: std::future::Future<Output = std::io::Result<()>> + Send + 'static,
{
    while let Ok((socket, _)) = listener.accept().await {
        tokio::spawn(connection(socket, upstream.clone(), state.clone()));
    }
}
