//! HTTP/1.1 on the wire for `serve`: accepting connections, reading request
//! heads, writing answers. Only what a preview needs: GET and HEAD, no
//! request bodies, keep-alive, one thread per connection.
//!
//! Why not tiny_http (used before): it accepts and reads connections on its
//! own threads and never hands out the socket, so it cannot be given
//! timeouts; it reads a header line of any length; it starts a thread for
//! every connection without bound; and its requests queue up for one
//! answering thread, so one browser that stopped reading stopped them all.
//!
//! The guarantees here, all on top of one thread per connection:
//! - at most [`MAX_CONNECTIONS`] connections that wait for or are answering
//!   a request. The next one closes the connection that has waited longest
//!   for a request (an idle keep-alive, or one sending its request slowly),
//!   which a browser simply opens again; when all are busy answering, it
//!   gets a quick 503. Event streams (open tabs) are not counted here but
//!   in `Shared::subscribe`, so tabs never keep pages from being served.
//! - a request head has [`HEAD_TIMEOUT`] to arrive in full and may be at
//!   most [`MAX_HEAD`] bytes (414 or 431 otherwise, then closed).
//! - every write has [`WRITE_TIMEOUT`] and a whole answer [`ANSWER_TIMEOUT`];
//!   a client that stops reading loses its connection, nobody else waits.

use std::collections::BTreeMap;
use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Connections waiting for or answering a request, at most.
pub(crate) const MAX_CONNECTIONS: usize = 64;
/// Request line and headers together, at most (browsers send about 1 KiB;
/// cookies set by other programs on `localhost` can add a lot).
pub(crate) const MAX_HEAD: usize = 32 * 1024;
/// How long a request head may take to arrive, and how long an idle
/// keep-alive connection stays open.
pub(crate) const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// How long one write may block on a client that does not read.
pub(crate) const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a whole answer may take to send.
pub(crate) const ANSWER_TIMEOUT: Duration = Duration::from_secs(60);

/// A request head, parsed.
pub(crate) struct Request {
    pub(crate) method: String,
    pub(crate) target: String,
    pub(crate) host: Option<String>,
    /// The connection may carry another request after this one.
    keep_alive: bool,
}

/// The open connections, so that the accept loop can count them and close
/// the one idle longest.
#[derive(Default)]
struct Pool {
    next: u64,
    /// Connection id → (a handle on its socket, since when it has waited
    /// for a request, as a tick of `next`; `None` while answering).
    open: BTreeMap<u64, (TcpStream, Option<u64>)>,
}

type Shared = Arc<Mutex<Pool>>;

fn lock(pool: &Shared) -> std::sync::MutexGuard<'_, Pool> {
    pool.lock().unwrap_or_else(|e| e.into_inner())
}

impl Pool {
    fn tick(&mut self) -> u64 {
        self.next += 1;
        self.next
    }

    /// Makes room for one more connection (closing the longest idle one if
    /// need be) and counts it in; `None` if all are busy answering.
    fn admit(&mut self, stream: &TcpStream) -> Option<u64> {
        if self.open.len() >= MAX_CONNECTIONS {
            let oldest = self
                .open
                .iter()
                .filter_map(|(id, (_, since))| since.map(|s| (s, *id)))
                .min()?;
            if let Some((s, _)) = self.open.remove(&oldest.1) {
                // Its thread's read ends at once; the thread then ends.
                let _ = s.shutdown(Shutdown::Both);
            }
        }
        let handle = stream.try_clone().ok()?;
        let id = self.tick();
        let since = self.tick();
        self.open.insert(id, (handle, Some(since)));
        Some(id)
    }

    /// Marks the connection idle (`true`) or answering; `false` if it was
    /// closed to make room meanwhile.
    fn mark(&mut self, id: u64, idle: bool) -> bool {
        let since = idle.then(|| self.tick());
        match self.open.get_mut(&id) {
            Some(slot) => {
                slot.1 = since;
                true
            }
            None => false,
        }
    }
}

/// One connection, as the request handler sees it.
pub(crate) struct Conn {
    stream: TcpStream,
    id: u64,
    pool: Shared,
    keep_alive: bool,
}

impl Conn {
    /// Sends an answer. `extra`: more headers, e.g. `("Allow", "GET, HEAD")`.
    pub(crate) fn respond(
        &mut self,
        req: &Request,
        status: u16,
        ctype: &str,
        body: &[u8],
        extra: &[(&str, &str)],
    ) {
        self.keep_alive &= req.keep_alive;
        let mut head = format!(
            "HTTP/1.1 {status} {}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n",
            reason(status),
            body.len()
        );
        for (name, value) in extra {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if !self.keep_alive {
            head.push_str("Connection: close\r\n");
        }
        head.push_str("\r\n");
        let body = if req.method == "HEAD" { &[][..] } else { body };
        if send(&mut self.stream, head.as_bytes(), body).is_err() {
            self.keep_alive = false;
        }
    }

    /// Turns the connection into a long-lived stream (the live-reload
    /// events): it no longer counts as a connection here, is never closed
    /// to make room, and ends with the handler. Each write still has
    /// [`WRITE_TIMEOUT`].
    pub(crate) fn keep_open(&mut self) -> &mut TcpStream {
        lock(&self.pool).open.remove(&self.id);
        self.keep_alive = false;
        &mut self.stream
    }
}

/// Accepts connections until the process ends; `handle` answers each
/// request (on the connection's own thread).
pub(crate) fn serve<F>(listener: TcpListener, handle: F)
where
    F: Fn(&Request, &mut Conn) + Send + Sync + 'static,
{
    let handle = Arc::new(handle);
    let pool = Shared::default();
    for incoming in listener.incoming() {
        let stream = match incoming {
            Ok(s) => s,
            Err(e) => {
                // Out of file descriptors, mostly: wait for some to close.
                eprintln!("omstil: fejl i forbindelsen til browseren: {e}");
                std::thread::sleep(Duration::from_millis(50));
                continue;
            }
        };
        let Some(id) = lock(&pool).admit(&stream) else {
            refuse(stream);
            continue;
        };
        let conn = Conn {
            stream,
            id,
            pool: pool.clone(),
            keep_alive: true,
        };
        let handle = handle.clone();
        let spawned = std::thread::Builder::new()
            .name("omstil-http".into())
            .spawn(move || connection(conn, &*handle));
        if let Err(e) = spawned {
            eprintln!("omstil: kan ikke åbne flere forbindelser til browseren: {e}");
            lock(&pool).open.remove(&id);
        }
    }
}

/// All connections busy answering: a quick 503, without reading anything.
fn refuse(mut stream: TcpStream) {
    let _ = stream.set_write_timeout(Some(Duration::from_millis(100)));
    let body = "Forhåndsvisningen har for mange forbindelser lige nu. Prøv igen.\n";
    let _ = write!(
        stream,
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nRetry-After: 1\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.shutdown(Shutdown::Write);
}

/// Serves the requests of one connection, one after the other.
fn connection(mut conn: Conn, handle: &dyn Fn(&Request, &mut Conn)) {
    let _ = conn.stream.set_nodelay(true);
    let _ = conn.stream.set_write_timeout(Some(WRITE_TIMEOUT));
    let mut buf = Vec::new();
    while conn.keep_alive {
        let head = read_head(&mut conn.stream, &mut buf);
        if !lock(&conn.pool).mark(conn.id, false) {
            return; // closed to make room for another
        }
        let req = match head {
            Ok(Some(req)) => req,
            Ok(None) => break,
            Err(status) => {
                let body = format!("{}\n", reason(status));
                let req = Request {
                    method: "GET".into(),
                    target: String::new(),
                    host: None,
                    keep_alive: false,
                };
                conn.respond(
                    &req,
                    status,
                    "text/plain; charset=utf-8",
                    body.as_bytes(),
                    &[],
                );
                linger(&mut conn.stream);
                break;
            }
        };
        handle(&req, &mut conn);
        if !lock(&conn.pool).mark(conn.id, true) {
            return;
        }
    }
    lock(&conn.pool).open.remove(&conn.id);
}

/// After an error answer: stop sending, and read (and drop) what the client
/// still sends for a moment, so that closing does not reset the connection
/// before the client has read the answer.
fn linger(stream: &mut TcpStream) {
    let _ = stream.shutdown(Shutdown::Write);
    let deadline = Instant::now() + Duration::from_secs(1);
    let mut scratch = [0u8; 16 * 1024];
    let mut left: usize = 4 << 20;
    while left > 0 {
        let now = Instant::now();
        if now >= deadline || stream.set_read_timeout(Some(deadline - now)).is_err() {
            return;
        }
        match stream.read(&mut scratch) {
            Ok(0) | Err(_) => return,
            Ok(n) => left = left.saturating_sub(n),
        }
    }
}

/// Writes the head and body, within [`ANSWER_TIMEOUT`] (give or take the
/// last write's [`WRITE_TIMEOUT`]).
fn send(stream: &mut TcpStream, head: &[u8], body: &[u8]) -> io::Result<()> {
    let deadline = Instant::now() + ANSWER_TIMEOUT;
    if body.len() <= 16 * 1024 {
        // Head and a small body in one packet.
        return write_by(stream, &[head, body].concat(), deadline);
    }
    write_by(stream, head, deadline)?;
    write_by(stream, body, deadline)
}

/// `write_all`, giving up at `deadline`: a client that reads a byte now
/// and then cannot keep the connection for ever.
fn write_by(stream: &mut TcpStream, mut data: &[u8], deadline: Instant) -> io::Result<()> {
    while !data.is_empty() {
        if Instant::now() > deadline {
            return Err(io::ErrorKind::TimedOut.into());
        }
        match stream.write(data) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => data = &data[n..],
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Reads the next request head. `buf` keeps what was read beyond it (a
/// pipelined next request). `Ok(None)`: the client closed the connection
/// or went quiet between requests. `Err(status)`: answer that and close.
fn read_head(stream: &mut TcpStream, buf: &mut Vec<u8>) -> Result<Option<Request>, u16> {
    let deadline = Instant::now() + HEAD_TIMEOUT;
    let mut chunk = [0u8; 8 * 1024];
    loop {
        // Blank lines before a request are allowed (RFC 9112, 2.2).
        let blank = buf
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count();
        buf.drain(..blank);
        if let Some((len, used)) = head_end(buf) {
            let req = parse_head(&buf[..len]);
            buf.drain(..used);
            return req.map(Some);
        }
        if buf.len() > MAX_HEAD {
            return Err(if buf.contains(&b'\n') { 431 } else { 414 });
        }
        let now = Instant::now();
        if now >= deadline {
            return if buf.is_empty() { Ok(None) } else { Err(408) };
        }
        if stream.set_read_timeout(Some(deadline - now)).is_err() {
            return Ok(None);
        }
        match stream.read(&mut chunk) {
            Ok(0) => return Ok(None),
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) => {}
            Err(_) => return Ok(None),
        }
    }
}

/// Where the head in `buf` ends: (its length without the blank line, the
/// bytes it takes up with it). Bare `\n` line ends are accepted too.
fn head_end(buf: &[u8]) -> Option<(usize, usize)> {
    let limit = buf.len().min(MAX_HEAD + 4);
    (0..limit).find_map(|i| {
        if buf[i] != b'\n' {
            return None;
        }
        match &buf[i + 1..] {
            [b'\n', ..] => Some((i, i + 2)),
            [b'\r', b'\n', ..] => Some((i, i + 3)),
            _ => None,
        }
    })
}

/// Parses a request line and headers; `Err(status)` for what is not
/// HTTP/1.x as it should be.
fn parse_head(head: &[u8]) -> Result<Request, u16> {
    let head = std::str::from_utf8(head).map_err(|_| 400u16)?;
    let mut lines = head.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let first = lines.next().unwrap_or("");
    let parts: Vec<&str> = first.split(' ').collect();
    let [method, target, version] = parts[..] else {
        return Err(400);
    };
    let http10 = match version {
        "HTTP/1.1" => false,
        "HTTP/1.0" => true,
        v if v.starts_with("HTTP/") => return Err(505),
        _ => return Err(400),
    };
    if method.is_empty() || !method.bytes().all(|b| b.is_ascii_uppercase()) || target.is_empty() {
        return Err(400);
    }
    let mut host = None;
    let mut close = http10;
    let mut body = false;
    for line in lines {
        let (name, value) = line.split_once(':').ok_or(400u16)?;
        if name.is_empty()
            || name
                .bytes()
                .any(|b| b.is_ascii_whitespace() || b.is_ascii_control())
        {
            return Err(400);
        }
        let value = value.trim_matches([' ', '\t']);
        if name.eq_ignore_ascii_case("host") {
            if host.is_some() {
                return Err(400); // two Hosts: which one would the check see?
            }
            host = Some(value.to_string());
        } else if name.eq_ignore_ascii_case("connection") {
            let has = |t: &str| value.split(',').any(|v| v.trim().eq_ignore_ascii_case(t));
            close = if http10 {
                !has("keep-alive")
            } else {
                has("close")
            };
        } else if name.eq_ignore_ascii_case("transfer-encoding")
            || (name.eq_ignore_ascii_case("content-length") && value != "0")
        {
            // No request here has a body; rather than read one, the
            // connection ends after the answer.
            body = true;
        }
    }
    Ok(Request {
        method: method.to_string(),
        target: target.to_string(),
        host,
        keep_alive: !close && !body,
    })
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Request, u16> {
        let (len, _) = head_end(s.as_bytes()).expect("a whole head");
        parse_head(&s.as_bytes()[..len])
    }

    #[test]
    fn parses_request_heads() {
        let r =
            parse("GET /a.html?x HTTP/1.1\r\nHost: localhost:1111\r\nAccept: */*\r\n\r\n").unwrap();
        assert_eq!((r.method.as_str(), r.target.as_str()), ("GET", "/a.html?x"));
        assert_eq!(r.host.as_deref(), Some("localhost:1111"));
        assert!(r.keep_alive);
        let r = parse("HEAD / HTTP/1.1\nHost:x\nConnection: Close\n\n").unwrap();
        assert!(!r.keep_alive);
        assert!(!parse("GET / HTTP/1.0\r\n\r\n").unwrap().keep_alive);
        assert!(
            parse("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                .unwrap()
                .keep_alive
        );
        assert!(
            !parse("GET / HTTP/1.1\r\nContent-Length: 3\r\n\r\n")
                .unwrap()
                .keep_alive
        );
        for (bad, status) in [
            ("GET /\r\n\r\n", 400),
            ("GET  / HTTP/1.1\r\n\r\n", 400),
            ("get / HTTP/1.1\r\n\r\n", 400),
            ("GET / HTTP/2.0\r\n\r\n", 505),
            ("GET / HTTP/1.1\r\nno colon\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n", 400),
        ] {
            assert_eq!(parse(bad).err(), Some(status), "{bad:?}");
        }
    }

    #[test]
    fn finds_the_end_of_a_head_and_keeps_what_follows() {
        let two = b"GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\n";
        assert_eq!(head_end(two), Some((16, 19)));
        assert_eq!(head_end(b"GET /a HTTP/1.1\r\nHost: x\r\n"), None);
    }

    #[test]
    fn gives_up_on_a_client_that_does_not_read() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let _client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (mut s, _) = listener.accept().unwrap();
        s.set_write_timeout(Some(Duration::from_millis(100)))
            .unwrap();
        let t = Instant::now();
        let big = vec![b'x'; 64 << 20];
        let deadline = t + Duration::from_millis(200);
        assert!(write_by(&mut s, &big, deadline).is_err());
        assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
    }

    #[test]
    fn makes_room_by_closing_the_connection_idle_longest() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let mut pool = Pool::default();
        let mut ids = Vec::new();
        let mut clients = Vec::new();
        for _ in 0..MAX_CONNECTIONS {
            clients.push(TcpStream::connect(addr).unwrap());
            let (s, _) = listener.accept().unwrap();
            ids.push(pool.admit(&s).unwrap());
        }
        // All but the first two are busy answering; the second has waited
        // longer than the first.
        for id in &ids[2..] {
            assert!(pool.mark(*id, false));
        }
        assert!(pool.mark(ids[1], true));
        assert!(pool.mark(ids[0], true));
        clients.push(TcpStream::connect(addr).unwrap());
        let (s, _) = listener.accept().unwrap();
        let a = pool.admit(&s).unwrap();
        assert!(!pool.open.contains_key(&ids[1]));
        assert!(pool.open.contains_key(&ids[0]));
        assert!(!pool.mark(ids[1], false), "a closed connection is told so");
        assert!(pool.mark(a, false));
        let b = pool.admit(&s).unwrap();
        assert!(!pool.open.contains_key(&ids[0]));
        assert!(pool.mark(b, false));
        assert!(pool.admit(&s).is_none(), "all busy: no room");
        assert_eq!(pool.open.len(), MAX_CONNECTIONS);
    }
}
