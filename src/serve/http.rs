//! The HTTP side of `serve`: GET and HEAD from the in-memory site, the
//! live-reload script and event stream under `/__omstil/`, the 404 page.
//!
//! Paths are looked up in the built site's map and never on disk, so no URL
//! can reach a file outside the site; the URL is still checked strictly
//! (percent-decoding, `.`/`..` segments, backslashes, NUL) so that odd
//! requests get a plain 404.

use super::Shared;
use super::page::{EVENTS_PATH, LIVE_JS, LIVE_JS_PATH};
use super::wire::{self, Conn, Request};
use std::io::Write;
use std::net::{IpAddr, TcpListener};
use std::sync::Arc;
use std::sync::mpsc::RecvTimeoutError;
use std::time::Duration;

/// A comment line on the event stream this often, so that a closed tab is
/// noticed (the write fails) and its thread ends.
const PING: Duration = Duration::from_secs(15);

const TEXT: &str = "text/plain; charset=utf-8";

/// Serves requests until the process ends, each connection on its own
/// thread (see [`wire`] for the limits).
pub(crate) fn serve(listener: TcpListener, shared: Arc<Shared>, loopback_only: bool) {
    wire::serve(listener, move |req, conn| {
        handle(req, conn, &shared, loopback_only)
    });
}

fn handle(req: &Request, conn: &mut Conn, shared: &Arc<Shared>, loopback_only: bool) {
    if !matches!(req.method.as_str(), "GET" | "HEAD") {
        let body = b"Kun GET og HEAD.\n";
        return conn.respond(req, 405, TEXT, body, &[("Allow", "GET, HEAD")]);
    }
    if loopback_only && !host_allowed(req.host.as_deref()) {
        // A page on another site that has pointed its own name at
        // 127.0.0.1 (DNS rebinding) must not read the preview.
        let body = "Forhåndsvisningen svarer kun på adressen localhost eller 127.0.0.1. Start omstil serve med --bind for at vise den under et andet navn.\n";
        return conn.respond(req, 403, TEXT, body.as_bytes(), &[]);
    }
    let Some(key) = site_path(&req.target) else {
        return not_found(req, conn, shared);
    };
    if key == EVENTS_PATH {
        if req.method == "HEAD" {
            return conn.respond(req, 200, "text/event-stream; charset=utf-8", b"", &[]);
        }
        return events(req, conn, shared);
    }
    if key == LIVE_JS_PATH {
        let body = LIVE_JS.as_bytes();
        return conn.respond(req, 200, "text/javascript; charset=utf-8", body, &[]);
    }
    if key.starts_with("__omstil/") {
        return not_found(req, conn, shared);
    }
    let site = shared.site();
    if key == crate::pdf::FILE && !site.has(&key) && site.raw.is_some() {
        let (status, ctype, body) = site.pdf.get(|| site.files_for_pdf());
        return conn.respond(req, status, ctype, &body, &[]);
    }
    if let Some(bytes) = site.get(&key) {
        return conn.respond(req, 200, content_type(&key), &bytes, &[]);
    }
    // A folder without its trailing slash: send the browser to it, so that
    // the page's relative links resolve.
    if !site.has(&format!("{key}/index.html")) {
        return not_found(req, conn, shared);
    }
    let path = req.target.split(['?', '#']).next().unwrap_or("/");
    conn.respond(req, 301, TEXT, b"", &[("Location", &format!("{path}/"))]);
}

fn not_found(req: &Request, conn: &mut Conn, shared: &Shared) {
    let site = shared.site();
    let status = if site.raw.is_some() { 404 } else { 503 };
    conn.respond(
        req,
        status,
        "text/html; charset=utf-8",
        &site.not_found,
        &[],
    );
}

/// The event stream of one tab: the current state first, then every event,
/// each sent at once. It keeps the connection's thread until the tab
/// closes (noticed at the next event or ping) or stops reading (a write
/// times out).
fn events(req: &Request, conn: &mut Conn, shared: &Arc<Shared>) {
    let Some((first, rx, _guard)) = shared.subscribe() else {
        let body = "For mange faneblade er forbundet.\n".as_bytes();
        return conn.respond(req, 503, TEXT, body, &[]);
    };
    let w = conn.keep_open();
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n\r\nretry: 500\n\n{first}"
    );
    if w.write_all(head.as_bytes()).is_err() {
        return;
    }
    loop {
        let msg = match rx.recv_timeout(PING) {
            Ok(msg) => msg,
            Err(RecvTimeoutError::Timeout) => ": ping\n\n".into(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if w.write_all(msg.as_bytes()).is_err() {
            return;
        }
    }
}

/// The site's key for a request target (`/hypoteser/a.html?x` →
/// `hypoteser/a.html`, `/` → `index.html`), or `None` for anything that is
/// not a plain path inside the site.
pub(crate) fn site_path(target: &str) -> Option<String> {
    let path = target.split(['?', '#']).next()?;
    let path = path.strip_prefix('/')?;
    let bytes = percent_decode(path)?;
    let path = String::from_utf8(bytes).ok()?;
    if path.contains(['\\', '\0']) || path.chars().any(char::is_control) {
        return None;
    }
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len() - 1;
    for (i, s) in segments.iter().enumerate() {
        if *s == "." || *s == ".." || (s.is_empty() && i != last) || s.contains(':') {
            return None;
        }
    }
    let mut key = path;
    if key.is_empty() || key.ends_with('/') {
        key.push_str("index.html");
    }
    Some(key)
}

fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Some(out)
}

/// Whether the `Host` header names this machine (or is absent, as in
/// HTTP/1.0).
pub(crate) fn host_allowed(host: Option<&str>) -> bool {
    let Some(host) = host else { return true };
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None => host.split(':').next().unwrap_or(""),
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// The Content-Type for a file in the site, by its extension.
pub(crate) fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_urls_to_site_paths() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(site_path("/?x=1").as_deref(), Some("index.html"));
        assert_eq!(
            site_path("/hypoteser/a.html#top").as_deref(),
            Some("hypoteser/a.html")
        );
        assert_eq!(site_path("/sider/").as_deref(), Some("sider/index.html"));
        assert_eq!(
            site_path("/billeder/N%C3%B8gle%20tal.svg").as_deref(),
            Some("billeder/Nøgle tal.svg")
        );
    }

    #[test]
    fn refuses_everything_that_leaves_the_site_or_is_odd() {
        for bad in [
            "/../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/%2E%2E/Cargo.toml",
            "/..%2fCargo.toml",
            "/..%2FCargo.toml",
            "/a/../../Cargo.toml",
            "/a/%2e%2e/%2e%2e/Cargo.toml",
            "/..\\Cargo.toml",
            "/..%5cCargo.toml",
            "/%5c%5cserver/share",
            "/./index.html",
            "/index.html%00.css",
            "/a//b.html",
            "/%",
            "/%zz",
            "/%c3",
            "/C:/Windows/win.ini",
            "//etc/passwd",
            "http://example.com/",
            "*",
            "",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn accepts_only_this_machine_as_host_on_loopback() {
        for ok in [
            None,
            Some("localhost"),
            Some("localhost:1111"),
            Some("127.0.0.1:1111"),
            Some("[::1]:1111"),
            Some("rapport.localhost:8080"),
        ] {
            assert!(host_allowed(ok), "{ok:?}");
        }
        for bad in [Some("evil.example:1111"), Some("10.0.0.1"), Some("")] {
            assert!(!host_allowed(bad), "{bad:?}");
        }
    }

    #[test]
    fn knows_the_site_s_content_types() {
        assert_eq!(content_type("a/b.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("assets/style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("billeder/logo.SVG"), "image/svg+xml");
        assert_eq!(content_type("x"), "application/octet-stream");
    }
}
