//! `omstil serve`: the real binary on port 0 in a temp copy of the example,
//! spoken to over plain TCP (HTTP/1.1 by hand, the event stream read line
//! by line). Every wait is bounded; the child is killed when a test ends,
//! pass or fail.

use crate::common::{TestReport, bin};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Long enough for a debug build on a busy 2-core machine.
const WAIT: Duration = Duration::from_secs(30);
/// How soon a page must be answered while other clients misbehave.
const PROMPT: Duration = Duration::from_secs(2);

/// A running `omstil serve`; killed on drop.
struct Serve {
    child: Child,
    addr: SocketAddr,
    stderr: Arc<Mutex<String>>,
    report: TestReport,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn drain(from: impl Read + Send + 'static, into: Arc<Mutex<String>>) {
    std::thread::spawn(move || {
        let mut r = BufReader::new(from);
        let mut line = String::new();
        while r.read_line(&mut line).is_ok_and(|n| n > 0) {
            into.lock().unwrap().push_str(&line);
            line.clear();
        }
    });
}

impl Serve {
    fn start(report: TestReport) -> Serve {
        let mut child = bin()
            .arg("serve")
            .arg(report.root())
            .args(["--port", "0"])
            .current_dir(report.tmp.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = Arc::new(Mutex::new(String::new()));
        let stderr = Arc::new(Mutex::new(String::new()));
        drain(child.stdout.take().unwrap(), stdout.clone());
        drain(child.stderr.take().unwrap(), stderr.clone());
        let mut serve = Serve {
            child,
            addr: "127.0.0.1:0".parse().unwrap(),
            stderr,
            report,
        };
        let url = wait_until(|| {
            let out = stdout.lock().unwrap();
            out.lines()
                .find_map(|l| l.strip_prefix("Forhåndsvisning: "))
                .map(str::to_string)
        })
        .unwrap_or_else(|| {
            panic!(
                "no URL printed; stdout: {}; stderr: {}",
                stdout.lock().unwrap(),
                serve.stderr()
            )
        });
        let host = url
            .strip_prefix("http://")
            .and_then(|u| u.strip_suffix('/'))
            .unwrap_or_else(|| panic!("odd URL {url}"));
        serve.addr = host.parse().unwrap();
        assert!(serve.addr.ip().is_loopback(), "{url}");
        assert_ne!(serve.addr.port(), 0, "{url}");
        serve
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    fn root(&self) -> std::path::PathBuf {
        self.report.root()
    }

    /// One request by hand; `Connection: close`, so the answer ends with
    /// the connection.
    fn request(&self, method: &str, target: &str, host: &str) -> Resp {
        self.request_within(method, target, host, WAIT)
    }

    fn request_within(&self, method: &str, target: &str, host: &str, limit: Duration) -> Resp {
        let mut s = TcpStream::connect_timeout(&self.addr, limit).unwrap();
        s.set_read_timeout(Some(limit)).unwrap();
        write!(
            s,
            "{method} {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw)
            .unwrap_or_else(|e| panic!("{method} {target}: no answer within {limit:?}: {e}"));
        Resp::parse(&raw)
    }

    /// A GET that must be answered within [`PROMPT`]; returns how long it
    /// took.
    fn get_promptly(&self, target: &str) -> Duration {
        let t = Instant::now();
        let r = self.request_within("GET", target, &self.addr.to_string(), PROMPT);
        let took = t.elapsed();
        assert_eq!(r.status, 200, "{target}");
        assert!(took < PROMPT, "{target} took {took:?}");
        took
    }

    fn get(&self, target: &str) -> Resp {
        self.request("GET", target, &self.addr.to_string())
    }

    /// Opens the live-reload stream and reads its `hello`.
    fn events(&self) -> Events {
        let s = TcpStream::connect_timeout(&self.addr, WAIT).unwrap();
        let mut w = s.try_clone().unwrap();
        write!(
            w,
            "GET /__omstil/events HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
            self.addr
        )
        .unwrap();
        let mut ev = Events {
            reader: BufReader::new(s),
            partial: Vec::new(),
        };
        let status = ev.line(WAIT).expect("status line");
        assert!(status.starts_with("HTTP/1.1 200"), "{status}");
        let mut ctype = String::new();
        loop {
            let l = ev.line(WAIT).expect("header");
            if l.is_empty() {
                break;
            }
            if l.to_ascii_lowercase().starts_with("content-type:") {
                ctype = l;
            }
        }
        assert!(ctype.contains("text/event-stream"), "{ctype}");
        let (name, _) = ev.next(WAIT).expect("hello");
        assert_eq!(name, "hello");
        ev
    }
}

struct Resp {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Resp {
    fn parse(raw: &[u8]) -> Resp {
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("end of headers");
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let mut lines = head.lines();
        let status: u16 = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|c| c.parse().ok())
            .expect("status line");
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Resp {
            status,
            headers,
            body: String::from_utf8_lossy(&raw[split + 4..]).into_owned(),
        }
    }

    fn header(&self, name: &str) -> &str {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }
}

/// The reading end of `/__omstil/events`.
struct Events {
    reader: BufReader<TcpStream>,
    /// A line begun before a read timed out.
    partial: Vec<u8>,
}

impl Events {
    /// The next line (without its line break), or `None` on timeout.
    fn line(&mut self, timeout: Duration) -> Option<String> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return None;
            }
            self.reader.get_ref().set_read_timeout(Some(left)).unwrap();
            match self.reader.read_until(b'\n', &mut self.partial) {
                Ok(0) => panic!("the event stream closed"),
                Ok(_) if self.partial.ends_with(b"\n") => {
                    let line = String::from_utf8(std::mem::take(&mut self.partial)).unwrap();
                    return Some(line.trim_end_matches(['\n', '\r']).to_string());
                }
                Ok(_) => {}
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(e) => panic!("reading the event stream: {e}"),
            }
        }
    }

    /// The next event as (name, data), or `None` if none came in time.
    /// Comments (pings) and `retry:` lines are skipped.
    fn next(&mut self, timeout: Duration) -> Option<(String, String)> {
        let deadline = Instant::now() + timeout;
        let (mut name, mut data) = (None, None);
        loop {
            let line = self.line(deadline.saturating_duration_since(Instant::now()))?;
            if line.is_empty() {
                if let Some(d) = data.take() {
                    return Some((name.take().unwrap_or_else(|| "message".into()), d));
                }
            } else if let Some(v) = line.strip_prefix("event: ") {
                name = Some(v.to_string());
            } else if let Some(v) = line.strip_prefix("data: ") {
                data = Some(v.to_string());
            }
        }
    }

    /// Waits for the event `name`, skipping others; returns its data.
    fn wait_for(&mut self, name: &str) -> String {
        let deadline = Instant::now() + WAIT;
        let mut seen = Vec::new();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.next(left) {
                Some((n, d)) if n == name => return d,
                Some((n, _)) => seen.push(n),
                None => panic!("no `{name}` event within {WAIT:?}; saw {seen:?}"),
            }
        }
    }
}

/// Polls `f` until it gives a value, for at most [`WAIT`].
fn wait_until<T>(mut f: impl FnMut() -> Option<T>) -> Option<T> {
    let deadline = Instant::now() + WAIT;
    loop {
        if let Some(v) = f() {
            return Some(v);
        }
        if Instant::now() > deadline {
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn append(path: &Path, text: &str) {
    let mut old = std::fs::read_to_string(path).unwrap();
    old.push_str(text);
    std::fs::write(path, old).unwrap();
}

/// The `build` id in an event's data.
fn build_of(data: &str) -> &str {
    let rest = data.split("\"build\":\"").nth(1).expect("build id");
    &rest[..rest.find('"').unwrap()]
}

/// Nothing but the report in the temp folder: serve wrote no `output/`,
/// here or inside the report.
fn assert_wrote_nothing(serve: &Serve) {
    let names: Vec<String> = std::fs::read_dir(serve.report.tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["rapport"]);
    assert!(!serve.root().join("output").exists());
}

#[test]
fn serve_reloads_after_an_edit_and_serves_the_change() {
    let serve = Serve::start(TestReport::example());
    let page = serve.get("/");
    assert_eq!(page.status, 200);
    assert_eq!(page.header("content-type"), "text/html; charset=utf-8");
    assert_eq!(page.header("cache-control"), "no-store");
    assert!(page.body.contains("<script src=\"/__omstil/live.js\""));
    assert!(!page.body.contains("Sætning skrevet af testen"));

    let mut events = serve.events();
    append(
        &serve.root().join("forside.md"),
        "\nSætning skrevet af testen, nr. 4711.\n",
    );
    let data = events.wait_for("reload");
    let page = serve.get("/");
    assert!(
        page.body.contains("Sætning skrevet af testen, nr. 4711."),
        "the reload came before the new page"
    );
    assert!(
        page.body
            .contains(&format!("data-build=\"{}\"", build_of(&data))),
        "the page is not from the build the reload announced"
    );
    assert_wrote_nothing(&serve);
}

#[test]
fn serve_shows_errors_in_the_overlay_and_recovers() {
    let serve = Serve::start(TestReport::example());
    let settings = serve.root().join("omstil.yaml");
    let good = std::fs::read_to_string(&settings).unwrap();
    let line = good.lines().count() + 1;
    let before = serve.get("/").body;
    let mut events = serve.events();

    append(&settings, "titl: Forkert\n");
    let data = events.wait_for("errors");
    let place = format!("omstil.yaml:{line}:1");
    assert!(
        data.contains(&format!("\"location\":\"{place}\"")),
        "{data}"
    );
    assert!(data.contains("Ukendt nøgle `titl`."), "{data}");
    assert!(data.contains("\"source\":\"titl: Forkert\""), "{data}");
    // The last good build is still served.
    let during = serve.get("/");
    assert_eq!(during.status, 200);
    assert_eq!(during.body, before);
    // A tab opened now is told at once.
    let mut late = serve.events();
    let (name, data) = late.next(WAIT).expect("errors for a new tab");
    assert_eq!(name, "errors");
    assert!(data.contains(&place), "{data}");
    // And the terminal says it too.
    let said = wait_until(|| {
        let err = serve.stderr();
        (err.contains(&place) && err.contains("Ukendt nøgle `titl`.")).then_some(())
    });
    assert!(said.is_some(), "terminal: {}", serve.stderr());

    // Fixed: the same site as before, so the overlay goes without a reload.
    std::fs::write(&settings, &good).unwrap();
    assert!(events.wait_for("ok").contains("\"build\""));
    late.wait_for("ok");
    let mut fresh = serve.events();
    assert_eq!(
        fresh.next(Duration::from_millis(800)),
        None,
        "a new tab still gets an event after the fix"
    );
    assert_eq!(serve.get("/").body, before);
    assert_wrote_nothing(&serve);
}

#[test]
fn serve_answers_only_with_files_of_the_site() {
    let serve = Serve::start(TestReport::example());
    for target in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/%2E%2E/%2E%2E/Cargo.toml",
        "/..%2fCargo.toml",
        "/..%2FCargo.toml",
        "/..%5cCargo.toml",
        "/..\\Cargo.toml",
        "/assets/../../Cargo.toml",
        "/assets/%2e%2e/%2e%2e/Cargo.toml",
        "/%2e%2e%2f%2e%2e%2fCargo.toml",
        "/rapport/omstil.yaml",
        "/omstil.yaml",
        "/forside.md",
        "/index.html%00",
        "/./index.html",
        "//etc/passwd",
        "/%",
        "/__omstil/",
        "/__omstil/../index.html",
    ] {
        let r = serve.get(target);
        assert_eq!(r.status, 404, "{target}");
        assert!(!r.body.contains("[package]"), "{target}");
        assert!(!r.body.contains("kommune: "), "{target}");
    }

    let css = serve.get("/assets/style.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), "text/css; charset=utf-8");
    assert_eq!(css.header("cache-control"), "no-store");
    let svg = serve.get("/billeder/logo.svg");
    assert_eq!(svg.header("content-type"), "image/svg+xml");
    let js = serve.get("/__omstil/live.js");
    assert_eq!(js.header("content-type"), "text/javascript; charset=utf-8");
    assert!(js.body.contains("EventSource"));

    let head = serve.request("HEAD", "/", &serve.addr.to_string());
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    let len: usize = head.header("content-length").parse().unwrap();
    assert_eq!(len, serve.get("/").body.len());
    assert_eq!(
        serve.request("POST", "/", &serve.addr.to_string()).status,
        405
    );
    // DNS rebinding: another site's name pointed at 127.0.0.1.
    assert_eq!(serve.request("GET", "/", "angriber.example:80").status, 403);
    assert_eq!(serve.request("GET", "/", "localhost").status, 200);

    // The site's own 404 page, with links that work from any folder.
    let missing = serve.get("/hypoteser/findes-ikke.html");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.header("content-type"), "text/html; charset=utf-8");
    assert!(missing.body.contains("href=\"/assets/style.css\""));
    assert!(missing.body.contains("href=\"#indhold\""));
    assert!(missing.body.contains("data-missing"));

    // `omstil build` output never has the live-reload script.
    let built = serve.report.build();
    assert!(built.status.success());
    assert!(!serve.report.read_out("index.html").contains("__omstil"));
    assert!(!serve.root().join("output").exists());
}

#[test]
fn serve_rides_out_editor_saves_swap_files_new_folders_and_deletions() {
    let serve = Serve::start(TestReport::example());
    let root = serve.root();
    let mut events = serve.events();

    // Swap, backup and lock files, and the publish folder: no build.
    for litter in [
        ".forside.md.swp",
        "4913",
        "forside.md~",
        ".#forside.md",
        "#forside.md#",
        ".DS_Store",
        "output/index.html",
    ] {
        let p = root.join(litter);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, "x").unwrap();
    }
    assert_eq!(
        events.next(Duration::from_millis(1500)),
        None,
        "editor litter caused a build"
    );

    // An atomic save: a temp file renamed over the original.
    let tmp = root.join(".forside.md.tmp-4242");
    let mut text = std::fs::read_to_string(root.join("forside.md")).unwrap();
    text.push_str("\nGemt atomisk.\n");
    std::fs::write(&tmp, &text).unwrap();
    std::fs::rename(&tmp, root.join("forside.md")).unwrap();
    served(&serve, &mut events, "/", |r| {
        r.body.contains("Gemt atomisk.")
    });

    // A burst of saves: the last one wins, in a few builds, not one each.
    for i in 0..10 {
        std::fs::write(root.join("forside.md"), format!("{text}\nByge {i}.\n")).unwrap();
    }
    let reloads = served(&serve, &mut events, "/", |r| r.body.contains("Byge 9."));
    assert!(reloads <= 5, "{reloads} reloads for one burst");

    // A new page, renamed, then deleted.
    std::fs::write(
        root.join("sider/testside.md"),
        "---\ntitel: Testside\n---\nNy side fra testen.\n",
    )
    .unwrap();
    served(&serve, &mut events, "/sider/testside.html", |r| {
        r.status == 200 && r.body.contains("Ny side fra testen.")
    });
    std::fs::rename(
        root.join("sider/testside.md"),
        root.join("sider/omdoebt.md"),
    )
    .unwrap();
    served(&serve, &mut events, "/sider/omdoebt.html", |r| {
        r.status == 200
    });
    assert_eq!(serve.get("/sider/testside.html").status, 404);
    std::fs::remove_file(root.join("sider/omdoebt.md")).unwrap();
    served(&serve, &mut events, "/sider/omdoebt.html", |r| {
        r.status == 404
    });

    // A new folder, and a second file in it once it is watched.
    let logo = std::fs::read(root.join("billeder/logo.svg")).unwrap();
    std::fs::create_dir_all(root.join("billeder/ny-mappe")).unwrap();
    std::fs::write(root.join("billeder/ny-mappe/a.svg"), &logo).unwrap();
    served(&serve, &mut events, "/billeder/ny-mappe/a.svg", |r| {
        r.status == 200
    });
    std::fs::write(root.join("billeder/ny-mappe/b.svg"), &logo).unwrap();
    served(&serve, &mut events, "/billeder/ny-mappe/b.svg", |r| {
        r.status == 200 && r.header("content-type") == "image/svg+xml"
    });
}

/// Waits, reload by reload, until `path` is served as `ok` says; returns
/// how many reloads that took. Checking before each wait makes it immune
/// to reloads of earlier changes still unread on the stream.
fn served(serve: &Serve, events: &mut Events, path: &str, ok: impl Fn(&Resp) -> bool) -> usize {
    let mut reloads = 0;
    while !ok(&serve.get(path)) {
        events.wait_for("reload");
        reloads += 1;
        assert!(
            reloads <= 20,
            "{path}: still not served after {reloads} reloads"
        );
    }
    reloads
}

#[test]
fn serve_survives_its_report_folder_being_deleted_and_recreated() {
    let serve = Serve::start(TestReport::fixture("minimal"));
    let root = serve.root();
    let backup = serve.report.tmp.path().join("kopi");
    crate::common::copy_dir(&root, &backup);
    let before = serve.get("/");
    assert_eq!(before.status, 200);
    assert!(before.body.contains("Prøverapport"), "{}", before.body);
    let mut events = serve.events();

    // `rm -rf rapport`: the last good build stays, the overlay says why.
    std::fs::remove_dir_all(&root).unwrap();
    let gone = Instant::now();
    // (A build that began halfway through the deletion may fail first.)
    for _ in 0..5 {
        let data = events.wait_for("errors");
        if data.contains("Rapportmappen findes ikke længere") {
            break;
        }
    }
    let shown = gone.elapsed();
    let mut late = serve.events();
    let (name, data) = late.next(WAIT).expect("errors for a new tab");
    assert_eq!(name, "errors");
    assert!(data.contains("Rapportmappen findes ikke længere"), "{data}");
    let during = serve.get("/");
    assert_eq!(during.status, 200);
    assert_eq!(during.body, before.body);

    // `cp -r kopi rapport`, with a new title: built and reloaded.
    let settings = backup.join("omstil.yaml");
    let yaml = std::fs::read_to_string(&settings).unwrap();
    std::fs::write(&settings, yaml.replace("Prøverapport", "Genskabt rapport")).unwrap();
    let back = Instant::now();
    crate::common::copy_dir(&backup, &root);
    let reloaded = served(&serve, &mut events, "/", |r| {
        r.body.contains("Genskabt rapport")
    });
    eprintln!(
        "folder gone → overlay in {shown:?}; back → new title served in {:?} ({reloaded} reloads)",
        back.elapsed()
    );

    // And it still watches the new folder.
    let settings = root.join("omstil.yaml");
    let yaml = std::fs::read_to_string(&settings).unwrap();
    std::fs::write(&settings, yaml.replace("Genskabt rapport", "Igen ændret")).unwrap();
    served(&serve, &mut events, "/", |r| r.body.contains("Igen ændret"));

    // Another folder moved in under the same name (`mv`, not a copy).
    let other = serve.report.tmp.path().join("anden");
    crate::common::copy_dir(&backup, &other);
    std::fs::rename(&root, serve.report.tmp.path().join("gammel")).unwrap();
    std::fs::rename(&other, &root).unwrap();
    served(&serve, &mut events, "/", |r| {
        r.body.contains("Genskabt rapport")
    });
    let settings = root.join("omstil.yaml");
    let yaml = std::fs::read_to_string(&settings).unwrap();
    std::fs::write(&settings, yaml.replace("Genskabt rapport", "Flyttet ind")).unwrap();
    served(&serve, &mut events, "/", |r| r.body.contains("Flyttet ind"));
}

/// Connects, with the usual timeouts.
fn connect(serve: &Serve) -> TcpStream {
    let s = TcpStream::connect_timeout(&serve.addr, WAIT).unwrap();
    s.set_read_timeout(Some(WAIT)).unwrap();
    s.set_write_timeout(Some(WAIT)).unwrap();
    s
}

/// Whether the server has closed (or reset) the connection; does not wait.
fn closed_by_server(mut s: &TcpStream) -> bool {
    s.set_nonblocking(true).unwrap();
    let closed = match s.read(&mut [0u8; 1]) {
        Ok(0) => true,
        Ok(_) => false,
        Err(e) => e.kind() != std::io::ErrorKind::WouldBlock,
    };
    s.set_nonblocking(false).unwrap();
    closed
}

#[test]
fn serve_answers_others_while_clients_stall() {
    let serve = Serve::start(TestReport::example());
    let host = serve.addr.to_string();
    // Half a request, then nothing.
    let mut half = connect(&serve);
    write!(half, "GET / HTTP/1.1\r\nHost: {host}\r\nUser-Ag").unwrap();
    // 40 MB of answers asked for (the print page, 64 times), none read.
    let mut greedy = connect(&serve);
    let ask = format!("GET /print.html HTTP/1.1\r\nHost: {host}\r\n\r\n").repeat(64);
    greedy.write_all(ask.as_bytes()).unwrap();
    std::thread::sleep(Duration::from_millis(300));

    let took: Vec<Duration> = (0..5).map(|_| serve.get_promptly("/")).collect();
    let big = serve.get_promptly("/print.html");
    eprintln!("with a stalled and a greedy client: GET / {took:?}, GET /print.html {big:?}");
    assert!(
        !closed_by_server(&half),
        "the half request was dropped at once"
    );
}

#[test]
fn serve_refuses_a_huge_request_head_and_stays_up() {
    let serve = Serve::start(TestReport::fixture("minimal"));
    let host = serve.addr.to_string();
    for (head, status) in [
        (
            format!(
                "GET / HTTP/1.1\r\nHost: {host}\r\nX-Stor: {}\r\n\r\n",
                "a".repeat(1 << 20)
            ),
            431,
        ),
        (
            format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(1 << 20)),
            414,
        ),
    ] {
        let mut s = connect(&serve);
        let mut w = s.try_clone().unwrap();
        // Written on the side: the server stops reading long before the end.
        let writer = std::thread::spawn(move || {
            let _ = w.write_all(head.as_bytes());
            let _ = w.shutdown(std::net::Shutdown::Write);
        });
        let t = Instant::now();
        let mut raw = Vec::new();
        let _ = s.read_to_end(&mut raw);
        let first = String::from_utf8_lossy(&raw);
        let first = first.lines().next().unwrap_or("(closed without an answer)");
        assert!(
            first.starts_with(&format!("HTTP/1.1 {status} ")),
            "{first} after {:?}",
            t.elapsed()
        );
        let refused = t.elapsed();
        assert!(refused < PROMPT, "{refused:?}");
        writer.join().unwrap();
        let after = serve.get_promptly("/");
        eprintln!("1 MB head: {status} in {refused:?}; then GET / in {after:?}");
    }
}

#[test]
fn serve_sheds_idle_connections_beyond_its_bound_and_recovers() {
    let serve = Serve::start(TestReport::fixture("minimal"));
    // Open tabs: their event streams are not counted with the pages.
    let mut tabs: Vec<Events> = (0..10).map(|_| serve.events()).collect();
    // Far more idle connections than the server keeps (64).
    let idle: Vec<TcpStream> = (0..100).map(|_| connect(&serve)).collect();
    let busy = serve.get_promptly("/");
    // The oldest idle connections were closed to make room; not all kept.
    let closed = idle.iter().filter(|s| closed_by_server(s)).count();
    assert!(
        (37..=100).contains(&closed),
        "{closed} of 100 idle connections closed"
    );
    let kept = idle
        .iter()
        .rev()
        .take(20)
        .filter(|s| closed_by_server(s))
        .count();
    assert_eq!(
        kept, 0,
        "the newest connections were closed, not the oldest"
    );
    // The tabs still hear about a change.
    let settings = serve.root().join("omstil.yaml");
    let yaml = std::fs::read_to_string(&settings).unwrap();
    std::fs::write(&settings, yaml.replace("Prøverapport", "Ny titel")).unwrap();
    for tab in &mut tabs {
        tab.wait_for("reload");
    }
    drop(idle);
    let after = serve.get_promptly("/");
    eprintln!("with 100 idle connections: GET / {busy:?} ({closed} closed); after: {after:?}");
}
