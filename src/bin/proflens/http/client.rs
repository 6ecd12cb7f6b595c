//! A GET over plain HTTP/1.1, for a Go service's `/debug/pprof/` endpoints: the
//! status, the content type and the whole body (sized, chunked or to the end).
//! It follows no redirect: `watch` sends nothing anywhere but the URL given.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

/// A service's base URL, split: `http://host:port/prefix`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Base {
    pub host: String,
    pub port: u16,
    /// The path before `/debug/pprof/`, without a trailing `/` (usually empty).
    pub prefix: String,
}

impl Base {
    pub fn parse(url: &str) -> Result<Base, String> {
        let rest = url.strip_prefix("http://").ok_or_else(|| {
            if url.starts_with("https://") {
                format!("{url}: https is not supported; reach the service over plain http (an ssh or kubectl port-forward to 127.0.0.1)")
            } else {
                format!("{url}: give the service's base URL, such as http://127.0.0.1:6060")
            }
        })?;
        let (authority, path) = rest.split_once('/').map_or((rest, ""), |(a, p)| (a, p));
        let (host, port) = match authority.rsplit_once(':') {
            Some((h, p)) if !h.ends_with(']') || authority.starts_with('[') => {
                (h, p.parse().map_err(|_| format!("{url}: bad port {p:?}"))?)
            }
            _ => (authority, 80),
        };
        if host.is_empty() {
            return Err(format!("{url}: no host"));
        }
        // a base given as .../debug/pprof/ names the same service
        let prefix = path.trim_end_matches('/').trim_end_matches("debug/pprof").trim_end_matches('/');
        let prefix = if prefix.is_empty() { String::new() } else { format!("/{prefix}") };
        Ok(Base { host: host.to_string(), port, prefix })
    }

    /// The full URL of `path` (which starts with `/`), for messages.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}:{}{}{path}", self.host, self.port, self.prefix)
    }
}

pub struct Response {
    pub status: u16,
    pub reason: String,
    pub content_type: String,
    pub location: Option<String>,
    pub body: Vec<u8>,
}

/// GETs `path` from the service; `timeout` bounds the connection and each read.
pub fn get(base: &Base, path: &str, timeout: Duration) -> Result<Response, String> {
    let url = base.url(path);
    let addr = (base.host.as_str(), base.port)
        .to_socket_addrs()
        .map_err(|e| format!("{url}: {e}"))?
        .next()
        .ok_or_else(|| format!("{url}: the host has no address"))?;
    let mut stream = TcpStream::connect_timeout(&addr, timeout).map_err(|e| format!("{url}: {e}"))?;
    stream.set_read_timeout(Some(timeout)).map_err(|e| format!("{url}: {e}"))?;
    let request = format!(
        "GET {}{path} HTTP/1.1\r\nHost: {}:{}\r\nUser-Agent: proflens\r\nAccept-Encoding: identity\r\nConnection: close\r\n\r\n",
        base.prefix, base.host, base.port
    );
    stream.write_all(request.as_bytes()).map_err(|e| format!("{url}: {e}"))?;
    read_response(BufReader::new(stream)).map_err(|e| format!("{url}: {e}"))
}

fn read_response(mut r: impl BufRead) -> Result<Response, String> {
    let mut line = String::new();
    r.read_line(&mut line).map_err(|e| e.to_string())?;
    let mut parts = line.trim_end().splitn(3, ' ');
    let version = parts.next().unwrap_or("");
    if !version.starts_with("HTTP/1.") {
        return Err("the answer is not HTTP/1.x".into());
    }
    let status: u16 = parts.next().and_then(|s| s.parse().ok()).ok_or("the answer has no status")?;
    let reason = parts.next().unwrap_or("").to_string();
    let (mut length, mut chunked, mut content_type, mut location) = (None, false, String::new(), None);
    loop {
        line.clear();
        if r.read_line(&mut line).map_err(|e| e.to_string())? == 0 || line.trim().is_empty() {
            break;
        }
        let Some((name, value)) = line.split_once(':') else { continue };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-length" => length = value.parse::<usize>().ok(),
            "transfer-encoding" => chunked = value.eq_ignore_ascii_case("chunked"),
            "content-type" => content_type = value.to_string(),
            "location" => location = Some(value.to_string()),
            _ => {}
        }
    }
    let mut body = Vec::new();
    if chunked {
        loop {
            line.clear();
            r.read_line(&mut line).map_err(|e| e.to_string())?;
            let size = usize::from_str_radix(line.trim().split(';').next().unwrap_or(""), 16)
                .map_err(|_| format!("bad chunk size {:?}", line.trim()))?;
            if size == 0 {
                break;
            }
            let start = body.len();
            body.resize(start + size, 0);
            r.read_exact(&mut body[start..]).map_err(|e| e.to_string())?;
            line.clear();
            r.read_line(&mut line).map_err(|e| e.to_string())?;
        }
    } else if let Some(n) = length {
        body.resize(n, 0);
        r.read_exact(&mut body).map_err(|e| format!("the answer ended early: {e}"))?;
    } else {
        r.read_to_end(&mut body).map_err(|e| e.to_string())?;
    }
    Ok(Response { status, reason, content_type, location, body })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bases() {
        let b = Base::parse("http://127.0.0.1:6060").unwrap();
        assert_eq!((b.host.as_str(), b.port, b.prefix.as_str()), ("127.0.0.1", 6060, ""));
        assert_eq!(Base::parse("http://svc:8080/debug/pprof/").unwrap().prefix, "");
        assert_eq!(Base::parse("http://svc/admin/debug/pprof").unwrap().prefix, "/admin");
        assert_eq!(Base::parse("http://svc/admin/debug/pprof").unwrap().port, 80);
        assert_eq!(
            Base::parse("http://svc:1").unwrap().url("/debug/pprof/heap"),
            "http://svc:1/debug/pprof/heap"
        );
        assert!(Base::parse("https://svc").unwrap_err().contains("https is not supported"));
        assert!(Base::parse("svc:6060").is_err());
        assert!(Base::parse("http://svc:x").is_err());
    }

    #[test]
    fn chunked_and_sized_bodies() {
        let r = read_response(&b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: a/b\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n"[..]).unwrap();
        assert_eq!((r.status, r.body.as_slice(), r.content_type.as_str()), (200, &b"abcde"[..], "a/b"));
        let r = read_response(&b"HTTP/1.1 404 Not Found\r\nContent-Length: 4\r\n\r\nnope+extra"[..]).unwrap();
        assert_eq!((r.status, r.reason.as_str(), r.body.as_slice()), (404, "Not Found", &b"nope"[..]));
        let r = read_response(&b"HTTP/1.0 302 Found\r\nLocation: http://elsewhere/\r\n\r\n"[..]).unwrap();
        assert_eq!(r.location.as_deref(), Some("http://elsewhere/"));
        assert!(read_response(&b"SSH-2.0-OpenSSH\r\n"[..]).is_err());
        assert!(read_response(&b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nshort"[..]).is_err());
    }
}
