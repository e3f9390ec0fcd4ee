//! `omstil lsp`: a language server over stdio (the `lsp-server` and
//! `lsp-types` crates of rust-analyzer). One source of truth: each check
//! runs the same loader and checks as `omstil check`, with the editor's
//! unsaved buffers laid over their files ([`crate::sandbox::Overlay`]), and
//! publishes its diagnostics for every file (clearing files that no longer
//! have any). The same load gives the [`index::Index`] of ids behind
//! completion, go to definition, references, hover and rename
//! (`requests.rs`).

mod index;
mod requests;
mod text;

use crate::diag::{Diagnostic, Severity, Sources};
use index::Index;
use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::Notification as _;
use lsp_types::{
    DiagnosticSeverity, DidChangeTextDocumentParams, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, PublishDiagnosticsParams, Uri,
};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long the server waits for more edits before it checks.
const DEBOUNCE: Duration = Duration::from_millis(15);

/// Runs the server on stdin/stdout until the client says `exit`.
pub fn run() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let (conn, io) = Connection::stdio();
    serve(conn)?;
    io.join()?;
    Ok(())
}

/// Serves one client on `conn` (stdio, or a memory connection in the
/// benchmark `examples/lsp_latency.rs`) until it says `shutdown`.
pub fn serve(conn: Connection) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let params = conn.initialize(serde_json::to_value(requests::capabilities())?)?;
    let params: lsp_types::InitializeParams = serde_json::from_value(params)?;
    Server::new(conn, workspace_root(&params)).main_loop()
}

/// An open document.
pub(crate) struct Doc {
    uri: Uri,
    text: String,
}

pub(crate) struct Server {
    conn: Connection,
    /// The report folder (real path), once known.
    root: Option<PathBuf>,
    /// Open documents by real path.
    docs: BTreeMap<PathBuf, Doc>,
    dirty: bool,
    index: Index,
    sources: Sources,
    /// Files that had diagnostics at the last publish.
    published: BTreeSet<String>,
}

/// The report folder of the workspace: its root or `content/` with
/// `omstil.yaml`.
fn workspace_root(p: &lsp_types::InitializeParams) -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    for f in p.workspace_folders.iter().flatten() {
        dirs.extend(text::uri_to_path(&f.uri));
    }
    #[allow(deprecated)]
    if let Some(u) = &p.root_uri {
        dirs.extend(text::uri_to_path(u));
    }
    dirs.iter()
        .flat_map(|d| [d.clone(), d.join("content")])
        .find(|d| d.join("omstil.yaml").is_file())
        .and_then(|d| d.canonicalize().ok())
}

/// The report folder a file is in: the nearest folder above it with
/// `omstil.yaml`.
fn root_of(file: &Path) -> Option<PathBuf> {
    file.ancestors()
        .skip(1)
        .find(|d| d.join("omstil.yaml").is_file())
        .map(Path::to_path_buf)
}

impl Server {
    fn new(conn: Connection, root: Option<PathBuf>) -> Self {
        Server {
            conn,
            dirty: root.is_some(),
            root,
            docs: BTreeMap::new(),
            index: Index::default(),
            sources: Sources::default(),
            published: BTreeSet::new(),
        }
    }

    fn main_loop(&mut self) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        loop {
            let msg = if self.dirty {
                match self.conn.receiver.recv_timeout(DEBOUNCE) {
                    Ok(m) => m,
                    Err(e) if e.is_timeout() => {
                        self.check();
                        continue;
                    }
                    Err(_) => return Ok(()),
                }
            } else {
                match self.conn.receiver.recv() {
                    Ok(m) => m,
                    Err(_) => return Ok(()),
                }
            };
            match msg {
                Message::Request(req) => {
                    if self.conn.handle_shutdown(&req)? {
                        return Ok(());
                    }
                    if self.dirty {
                        self.check();
                    }
                    let resp = self.request(req);
                    self.conn.sender.send(Message::Response(resp))?;
                }
                Message::Notification(n) => self.notification(n),
                Message::Response(_) => {}
            }
        }
    }

    fn request(&mut self, req: Request) -> Response {
        let id = req.id.clone();
        if !requests::knows(&req.method) {
            let code = lsp_server::ErrorCode::MethodNotFound as i32;
            return Response::new_err(
                id,
                code,
                format!("omstil lsp kender ikke `{}`.", req.method),
            );
        }
        match requests::handle(self, req) {
            Ok(v) => Response::new_ok(id, v),
            Err(e) => error(id, e),
        }
    }

    fn notification(&mut self, n: Notification) {
        use lsp_types::notification::{
            DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument,
            DidOpenTextDocument, DidSaveTextDocument,
        };
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(n.params) {
                    self.open(p.text_document.uri, p.text_document.text);
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(n.params)
                    && let Some(c) = p.content_changes.into_iter().next_back()
                {
                    // Full sync: the last change is the whole text.
                    self.open(p.text_document.uri, c.text);
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(n.params)
                    && let Some(path) = self.real_path(&p.text_document.uri)
                {
                    self.docs.remove(&path);
                    self.dirty = true;
                }
            }
            DidSaveTextDocument::METHOD | DidChangeWatchedFiles::METHOD => self.dirty = true,
            _ => {}
        }
    }

    fn open(&mut self, uri: Uri, text: String) {
        let Some(path) = self.real_path(&uri) else {
            return;
        };
        if self.root.is_none() {
            self.root = root_of(&path);
        }
        self.docs.insert(path, Doc { uri, text });
        self.dirty = true;
    }

    /// The real path of a document (`None` for a file not on disk).
    fn real_path(&self, uri: &Uri) -> Option<PathBuf> {
        text::uri_to_path(uri)?.canonicalize().ok()
    }

    /// The file's name in diagnostics (`sider/a.md`), if it is in the report.
    pub(crate) fn rel(&self, uri: &Uri) -> Option<String> {
        let root = self.root.as_ref()?;
        let path = self.real_path(uri)?;
        let rel = path.strip_prefix(root).ok()?;
        Some(rel.to_string_lossy().replace('\\', "/"))
    }

    /// The URI of a report file: the editor's own for an open document.
    pub(crate) fn uri(&self, rel: &str) -> Option<Uri> {
        let path = self.root.as_ref()?.join(rel);
        Some(match self.docs.get(&path) {
            Some(d) => d.uri.clone(),
            None => text::path_to_uri(&path),
        })
    }

    /// The current text of a report file: the buffer, else what was read.
    pub(crate) fn text(&self, rel: &str) -> Option<&str> {
        let path = self.root.as_ref()?.join(rel);
        match self.docs.get(&path) {
            Some(d) => Some(&d.text),
            None => self.sources.get(rel),
        }
    }

    /// Checks the report as `omstil check` does, with the open buffers,
    /// and publishes the diagnostics.
    pub(crate) fn check(&mut self) {
        self.dirty = false;
        let Some(root) = self.root.clone() else {
            return;
        };
        let overlay: crate::sandbox::Overlay = self
            .docs
            .iter()
            .map(|(p, d)| (p.clone(), Arc::from(d.text.as_str())))
            .collect();
        let (diags, index, sources) = check(&root, Arc::new(overlay));
        self.index = index;
        self.sources = sources;
        self.publish(&diags);
    }

    fn publish(&mut self, diags: &[Diagnostic]) {
        let mut by_file: BTreeMap<&str, Vec<lsp_types::Diagnostic>> = BTreeMap::new();
        for d in diags {
            let text = self.sources.get(&d.file).unwrap_or("");
            by_file.entry(&d.file).or_default().push(to_lsp(d, text));
        }
        let now: BTreeSet<String> = by_file.keys().map(|f| f.to_string()).collect();
        let gone: Vec<String> = self.published.difference(&now).cloned().collect();
        let empty = gone.iter().map(|f| (f.as_str(), Vec::new()));
        for (file, list) in by_file.into_iter().chain(empty) {
            let Some(uri) = self.uri(file) else { continue };
            let p = PublishDiagnosticsParams::new(uri, list, None);
            let n = Notification::new(
                lsp_types::notification::PublishDiagnostics::METHOD.to_string(),
                p,
            );
            let _ = self.conn.sender.send(Message::Notification(n));
        }
        self.published = now;
    }
}

/// One check of the report in `root` with `overlay`: its diagnostics
/// (exactly those of `omstil check`), the id index and the texts read.
pub(crate) fn check(
    root: &Path,
    overlay: Arc<crate::sandbox::Overlay>,
) -> (Vec<Diagnostic>, Index, Sources) {
    let start = Instant::now();
    let mut t = crate::Timings::start();
    let mut loaded = crate::content::load_with(root, overlay);
    t.mark("indlæsning");
    let refs = std::mem::take(&mut loaded.refs);
    let model = loaded.report.as_ref().or(loaded.unfinished.as_ref());
    let index = Index::new(model, &refs, &loaded.sources);
    let b = crate::build_loaded(root, loaded, &crate::output::Sink::null(), start, t, false);
    (b.diagnostics, index, b.sources)
}

/// A diagnostic for the editor: same sentence, the hint after it, the
/// range from the column over the word there (as the terminal's caret).
fn to_lsp(d: &Diagnostic, text: &str) -> lsp_types::Diagnostic {
    let range = if d.line == 0 {
        lsp_types::Range::default()
    } else {
        let line = text::line_of(text, d.line - 1);
        let col = d.col.max(1);
        let width = if d.col == 0 {
            line.chars().count() as u32
        } else {
            line.chars()
                .skip(col as usize - 1)
                .take_while(|c| !c.is_whitespace() && *c != ':')
                .count()
                .max(1) as u32
        };
        text::range(text, d.line, col, width)
    };
    let message = match &d.hint {
        Some(h) => format!("{}\nhjælp: {h}", d.message),
        None => d.message.clone(),
    };
    lsp_types::Diagnostic {
        range,
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        source: Some("omstil".into()),
        message,
        ..Default::default()
    }
}

fn error(id: RequestId, message: String) -> Response {
    Response::new_err(id, lsp_server::ErrorCode::RequestFailed as i32, message)
}
