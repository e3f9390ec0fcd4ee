//! What `serve` adds to a built site before serving it: the live-reload
//! script in every HTML page (never in `omstil build` output), a 404 page
//! that works at any depth, a stand-in page while no build has succeeded,
//! and the Server-Sent Events the pages listen to.

use crate::diag::{self, Diagnostic, Sources};
use crate::incremental;
use std::fmt::Write as _;
use std::sync::Arc;

/// Where the script is served; the prefix `/__omstil/` is reserved.
pub(crate) const LIVE_JS_PATH: &str = "__omstil/live.js";
/// The event stream the script listens to.
pub(crate) const EVENTS_PATH: &str = "__omstil/events";
/// The script itself.
pub(crate) const LIVE_JS: &str = include_str!("live.js");

/// A build as served. The live-reload script goes into each HTML page as
/// it is sent (a few microseconds), not into every page at each build: a
/// rebuild then costs what changed, not the size of the site.
pub(crate) struct Site {
    /// The build as the incremental engine made it; `None` before the
    /// first good build.
    pub raw: Option<Arc<incremental::Files>>,
    /// The build's id, which the script tag carries.
    build: String,
    /// Sent with status 404 (or 503 while there is no build).
    pub not_found: Vec<u8>,
    /// What `/rapport.pdf` is made from, and the PDF once made.
    pub pdf: super::pdf::Lazy,
}

impl Site {
    /// Before the first good build: every page is a stand-in that shows
    /// the errors and reloads when the report builds.
    pub fn empty(build: String) -> Self {
        let html = format!(
            "<!DOCTYPE html>\n<html lang=\"da\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Forhåndsvisning – omstil</title>\n</head>\n<body>\n<main>\n<h1>Rapporten er ikke bygget endnu</h1>\n<p>Der er fejl i rapporten. Fejlene står i terminalen og vises her, så snart siden har forbindelse. Siden opdaterer sig selv, når fejlene er rettet.</p>\n</main>\n{}\n</body>\n</html>\n",
            script_tag(&build, true)
        );
        Site {
            raw: None,
            build,
            not_found: html.into_bytes(),
            pdf: Default::default(),
        }
    }

    /// A good build; its own 404.html gets links that work from any
    /// folder.
    pub fn new(files: Arc<incremental::Files>, build: String) -> Self {
        let not_found = match files.get("404.html") {
            Some(page) => {
                let page = root_relative(&String::from_utf8_lossy(page));
                inject(page.as_bytes(), &script_tag(&build, true))
            }
            None => format!(
                "<!DOCTYPE html>\n<html lang=\"da\">\n<head>\n<meta charset=\"utf-8\">\n<title>Siden findes ikke</title>\n</head>\n<body>\n<main>\n<h1>Siden findes ikke</h1>\n<p><a href=\"/\">Gå til forsiden</a></p>\n</main>\n{}\n</body>\n</html>\n",
                script_tag(&build, true)
            )
            .into_bytes(),
        };
        Site {
            raw: Some(files),
            build,
            not_found,
            pdf: Default::default(),
        }
    }

    /// The site, with what its PDF is made from.
    pub fn with_pdf(mut self, input: Option<crate::pdf::Input>) -> Self {
        self.pdf = super::pdf::Lazy::new(input);
        self
    }

    /// The file at `path` as served: HTML pages with the script.
    pub fn get(&self, path: &str) -> Option<std::borrow::Cow<'_, [u8]>> {
        let bytes = self.raw.as_ref()?.get(path)?;
        Some(if path.ends_with(".html") {
            inject(bytes, &script_tag(&self.build, false)).into()
        } else {
            bytes.as_slice().into()
        })
    }

    pub fn has(&self, path: &str) -> bool {
        self.raw.as_ref().is_some_and(|r| r.contains_key(path))
    }

    /// The same build with the print page and search index of `bg`.
    pub fn with_background(
        &self,
        bg: &incremental::Files,
        pdf: Option<crate::pdf::Input>,
    ) -> Option<Self> {
        let raw = self.raw.as_ref()?;
        let files = overlay(raw, bg);
        Some(Site::new(files, self.build.clone()).with_pdf(pdf))
    }

    /// The build's files as `crate::pdf` takes them (for `/rapport.pdf`).
    pub fn files_for_pdf(&self) -> Option<crate::output::Files> {
        let raw = self.raw.as_ref()?;
        Some(
            raw.iter()
                .map(|(p, b)| (p.to_string(), b.to_vec()))
                .collect(),
        )
    }
}

/// `files` with the files of `bg` put in (shared when they are in already).
pub(crate) fn overlay(
    files: &Arc<incremental::Files>,
    bg: &incremental::Files,
) -> Arc<incremental::Files> {
    if bg
        .iter()
        .all(|(p, b)| files.get(p).is_some_and(|f| Arc::ptr_eq(f, b)))
    {
        return files.clone();
    }
    let mut out = (**files).clone();
    for (p, b) in bg {
        out.insert(p.clone(), b.clone());
    }
    Arc::new(out)
}

/// Whether two builds are byte for byte the same.
pub(crate) fn same(a: &incremental::Files, b: &incremental::Files) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|((pa, ba), (pb, bb))| pa == pb && (Arc::ptr_eq(ba, bb) || ba == bb))
}

/// The tag that loads the live-reload script; `data-build` says which
/// build the page belongs to, `data-missing` that it is not the page asked
/// for (so no scroll position is restored on it).
fn script_tag(build: &str, missing: bool) -> String {
    format!(
        "<script src=\"/{LIVE_JS_PATH}\" data-build=\"{build}\"{}></script>",
        if missing { " data-missing=\"\"" } else { "" }
    )
}

/// Inserts `tag` before the last `</body>` (or at the end).
fn inject(html: &[u8], tag: &str) -> Vec<u8> {
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len() + 1);
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.push(b'\n');
    out.extend_from_slice(&html[at..]);
    out
}

/// Makes the relative URLs of a root-level page (404.html) root-absolute
/// (`assets/style.css` → `/assets/style.css`), so that it shows with its
/// styles and working links when served for `/hypoteser/findes-ikke.html`.
/// Unlike `<base href="/">`, this leaves `#indhold` (the skip link) on the
/// page itself.
pub(crate) fn root_relative(html: &str) -> String {
    const ATTRS: [&str; 5] = ["href", "src", "action", "poster", "xlink:href"];
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(i) = rest.find("=\"") {
        let (head, tail) = rest.split_at(i + 2);
        out.push_str(head);
        let before = &head[..i];
        let name_start = before
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == ':' || c == '-'))
            .map_or(0, |j| j + 1);
        let name = &before[name_start..];
        let preceded_by_space = before[..name_start]
            .chars()
            .next_back()
            .is_some_and(char::is_whitespace);
        let value = &tail[..tail.find('"').unwrap_or(tail.len())];
        if preceded_by_space
            && ATTRS.iter().any(|a| a.eq_ignore_ascii_case(name))
            && is_relative(value)
        {
            out.push('/');
        }
        rest = tail;
    }
    out.push_str(rest);
    out
}

fn is_relative(url: &str) -> bool {
    if url.is_empty() || url.starts_with(['#', '/', '?']) {
        return false;
    }
    // A scheme: letters, digits, + - . before the first ':' that comes
    // before any '/', '?' or '#'.
    let end = url.find(['/', '?', '#']).unwrap_or(url.len());
    match url[..end].find(':') {
        Some(0) | None => true,
        Some(i) => !url[..i]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)),
    }
}

/// One Server-Sent Event with a JSON object `{"build": …, "ms": …}`.
pub(crate) fn event(name: &str, build: &str, ms: Option<u128>) -> String {
    let mut data = format!("{{\"build\":{}", json_str(build));
    if let Some(ms) = ms {
        let _ = write!(data, ",\"ms\":{ms}");
    }
    data.push('}');
    format!("event: {name}\ndata: {data}\n\n")
}

/// The "errors" event: what the overlay shows. Each error has its place,
/// sentence, hint and the offending source line (cut around the column, the
/// column counted within what is sent); at most [`MAX_SHOWN`] errors are
/// sent, with the total.
pub(crate) fn errors_event(
    build: &str,
    errors: &[&Diagnostic],
    warnings: usize,
    sources: &Sources,
) -> String {
    let mut data = format!(
        "{{\"build\":{},\"warnings\":{warnings},\"total\":{},\"errors\":[",
        json_str(build),
        errors.len()
    );
    for (i, d) in errors.iter().take(MAX_SHOWN).enumerate() {
        if i > 0 {
            data.push(',');
        }
        let source = (d.line > 0)
            .then(|| sources.line(&d.file, d.line))
            .flatten()
            .map(|l| diag::window(l, d.col as usize));
        let col = source.as_ref().map_or(d.col as usize, |s| s.1);
        let _ = write!(
            data,
            "{{\"location\":{},\"file\":{},\"line\":{},\"col\":{col},\"message\":{},\"hint\":{},\"source\":{}}}",
            json_str(&d.location()),
            json_str(&d.file),
            d.line,
            json_str(&d.message),
            d.hint.as_deref().map_or("null".into(), json_str),
            source.map_or("null".into(), |s| json_str(&s.0)),
        );
    }
    data.push_str("]}");
    format!("event: errors\ndata: {data}\n\n")
}

/// How many errors the overlay lists (the terminal has them all).
const MAX_SHOWN: usize = 200;

/// A JSON string literal, always on one line (as an event's `data:` must be).
fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    crate::render::search::json_str(&mut out, s);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Severity;

    #[test]
    fn injects_the_script_before_the_end_of_body() {
        let out = inject(b"<html><body><p>x</p></body></html>", "<script></script>");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<html><body><p>x</p><script></script>\n</body></html>"
        );
        let out = inject(b"<p>x</p>", "<s>");
        assert_eq!(String::from_utf8(out).unwrap(), "<p>x</p><s>\n");
    }

    #[test]
    fn only_served_pages_get_the_script() {
        let mut files = incremental::Files::new();
        files.insert("index.html".into(), Arc::new(b"<body>i</body>".to_vec()));
        files.insert("assets/style.css".into(), Arc::new(b"body{}".to_vec()));
        files.insert(
            "404.html".into(),
            Arc::new(b"<body><a href=\"index.html\">f</a></body>".to_vec()),
        );
        let site = Site::new(Arc::new(files.clone()), "1-1".into());
        let index = String::from_utf8_lossy(&site.get("index.html").unwrap()).into_owned();
        assert!(index.contains("<script src=\"/__omstil/live.js\" data-build=\"1-1\"></script>"));
        assert_eq!(&*site.get("assets/style.css").unwrap(), b"body{}");
        assert!(same(site.raw.as_ref().unwrap(), &files));
        let nf = String::from_utf8_lossy(&site.not_found).into_owned();
        assert!(nf.contains("href=\"/index.html\""), "{nf}");
        assert!(nf.contains("data-missing"), "{nf}");
    }

    #[test]
    fn makes_relative_links_root_absolute_and_leaves_the_rest() {
        let html = r##"<link rel="stylesheet" href="assets/style.css"><a class="skip" href="#indhold">s</a>
<a href="https://x.dk/a">e</a> <a href="mailto:a@b.dk">m</a> <img src="billeder/logo.svg" alt="">
<a href="/abs">a</a> <a data-href="rel">d</a> <a title="x=&quot;y&quot;" href="sider/a.html?x=1:2">q</a>"##;
        let out = root_relative(html);
        assert!(out.contains(r#"href="/assets/style.css""#), "{out}");
        assert!(out.contains(r##"href="#indhold""##), "{out}");
        assert!(out.contains(r#"href="https://x.dk/a""#), "{out}");
        assert!(out.contains(r#"href="mailto:a@b.dk""#), "{out}");
        assert!(out.contains(r#"src="/billeder/logo.svg""#), "{out}");
        assert!(out.contains(r#"href="/abs""#), "{out}");
        assert!(out.contains(r#"data-href="rel""#), "{out}");
        assert!(out.contains(r#"href="/sider/a.html?x=1:2""#), "{out}");
    }

    #[test]
    fn events_are_single_lines_of_escaped_json() {
        assert_eq!(
            event("reload", "5-2", Some(31)),
            "event: reload\ndata: {\"build\":\"5-2\",\"ms\":31}\n\n"
        );
        let mut sources = Sources::default();
        sources.insert("a.yaml", "id: x\ntitl: \"y\"\n");
        let d = Diagnostic {
            severity: Severity::Error,
            file: "a.yaml".into(),
            line: 2,
            col: 1,
            message: "Ukendt nøgle `titl`.\n<b>".into(),
            hint: Some("Mente du `titel`?".into()),
        };
        let e = errors_event("5-2", &[&d], 3, &sources);
        let data = e.strip_prefix("event: errors\ndata: ").unwrap();
        assert_eq!(data.matches('\n').count(), 2, "{e}");
        assert!(data.contains(r#""location":"a.yaml:2:1""#), "{e}");
        assert!(
            data.contains(r#""message":"Ukendt nøgle `titl`.\n\u003cb>""#),
            "{e}"
        );
        assert!(data.contains(r#""source":"titl: \"y\"""#), "{e}");
        assert!(data.contains(r#""warnings":3"#), "{e}");
        // A long line is cut around the column; the column is within the cut.
        sources.insert(
            "b.csv",
            &format!("{}x{}", "1;".repeat(5000), ";2".repeat(5000)),
        );
        let d = Diagnostic {
            file: "b.csv".into(),
            line: 1,
            col: 10_001,
            ..d
        };
        let many = vec![&d; 1000];
        let e = errors_event("5-3", &many, 0, &sources);
        assert!(e.len() < 100_000, "{} bytes", e.len());
        assert!(e.contains(r#""total":1000"#));
        assert_eq!(
            e.matches(r#""location":"b.csv:1:10001""#).count(),
            MAX_SHOWN
        );
        assert!(e.contains(r#""col":62,"#), "{}", &e[..400]);
        assert_eq!(json_str("\u{1}"), "\"\\u0001\"");
    }
}
