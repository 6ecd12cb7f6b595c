//! A loopback HTTP server that answers GET and HEAD from a routing function.
//! It binds 127.0.0.1 only: what it serves (the user's profiles) must never be
//! reachable from another machine.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::time::Duration;

/// What a route answers: a status, a content type and the body.
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn ok(content_type: &'static str, body: Vec<u8>) -> Reply {
        Reply { status: 200, content_type, body }
    }

    pub fn not_found() -> Reply {
        Reply { status: 404, content_type: "text/plain; charset=utf-8", body: b"not found\n".to_vec() }
    }
}

/// Headers on every answer. COOP/COEP make the page cross-origin isolated, so the
/// engine runs its threaded build, as `npm start` does; no-store keeps a profile
/// out of the browser's disk cache.
const HEADERS: &str = "cache-control: no-store\r\nx-content-type-options: nosniff\r\n\
cross-origin-opener-policy: same-origin\r\ncross-origin-embedder-policy: require-corp\r\n\
cross-origin-resource-policy: same-origin\r\nreferrer-policy: no-referrer\r\nconnection: close\r\n";

/// Binds 127.0.0.1:`port` (0: any free port).
pub fn bind(port: u16) -> std::io::Result<TcpListener> {
    TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port)))
}

/// Answers requests until the process ends, a thread per connection. `route`
/// gets the request's path (without the query) and must not block for long.
pub fn serve<F>(listener: TcpListener, route: F)
where
    F: Fn(&str) -> Reply + Send + Sync + 'static,
{
    let route = Arc::new(route);
    for stream in listener.incoming().flatten() {
        let route = Arc::clone(&route);
        std::thread::spawn(move || {
            let _ = answer(stream, &*route);
        });
    }
}

fn answer(mut stream: TcpStream, route: &dyn Fn(&str) -> Reply) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new((&stream).take(64 * 1024));
    let mut line = String::new();
    reader.read_line(&mut line)?;
    // the headers are read and ignored: nothing here depends on them
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let reply = match method {
        "GET" | "HEAD" => route(target.split(['?', '#']).next().unwrap_or("")),
        _ => Reply { status: 405, content_type: "text/plain; charset=utf-8", body: b"GET only\n".to_vec() },
    };
    let reason = match reply.status {
        200 => "OK",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    let head = format!(
        "HTTP/1.1 {} {reason}\r\ncontent-type: {}\r\ncontent-length: {}\r\n{HEADERS}\r\n",
        reply.status,
        reply.content_type,
        reply.body.len()
    );
    stream.write_all(head.as_bytes())?;
    if method != "HEAD" {
        stream.write_all(&reply.body)?;
    }
    stream.flush()
}

/// The content type of a site file, by its extension.
pub fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "gz" => "application/gzip",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}
