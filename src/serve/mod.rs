//! `omstil serve`: the live preview beside the consultant's editor.
//!
//! The last stage of the pipeline, in memory instead of on disk:
//!
//! ```text
//! watch (notify + debouncer, 30 ms) ─▶ builder thread: incremental::Engine
//!   ├─ success → Site (pages with the live-reload script) swapped in behind
//!   │            an RwLock<Arc<Site>>, then "reload" to every open tab
//!   └─ failure → last good Site stays; "errors" (the diagnostics) to every
//!                tab, which shows them as an overlay; terminal too
//! http + wire ─▶ GET/HEAD from the current Site, one thread per connection
//!                (bounded, with timeouts); /__omstil/events is the
//!                Server-Sent Events stream, one per tab
//! ```
//!
//! Nothing is ever written to disk: not `output/`, not anywhere else, except
//! that `/rapport.pdf` is printed from a temporary folder (removed again;
//! see `serve::pdf`).
//!
//! A change is built incrementally (`crate::incremental`): the files the
//! watcher names are read again, the model is resolved again, and only the
//! pages whose recorded inputs changed are rendered again; print.html and
//! the search index follow on a background thread 250 ms later and are
//! swapped in without a second reload. The site is shared, not copied:
//! the live-reload script is put into a page as it is sent. Measured with
//! `cargo run --release --example serve_latency [-- N --dir DIR --file REL]`.
//!
//! Why a small HTTP/1.1 server of our own (`wire`) and not axum + tokio: a
//! preview server for one person needs a handful of GET routes and one
//! event stream; threads and `std::net` do that in a few hundred lines with
//! no dependencies, and with the limits a server needs (timeouts, head
//! size, number of connections), which tiny_http (used before) could not
//! be given; see `wire`.

mod http;
mod page;
mod pdf;
mod watch;
mod wire;

use crate::diag::{self, Diagnostic, Severity};
use crate::incremental;
use page::Site;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::thread::{self, JoinHandle};

/// The port tried when none is given (as Zola does); a busy default port
/// falls back to any free port.
pub const DEFAULT_PORT: u16 = 1111;

/// At most this many open event streams (tabs) at once; each has a thread.
const MAX_STREAMS: usize = 64;

/// What `omstil serve` was asked to do.
pub struct Options {
    /// The report folder (the one with omstil.yaml).
    pub root: PathBuf,
    /// The address to listen on; loopback unless the user asked otherwise.
    pub bind: IpAddr,
    /// `None`: [`DEFAULT_PORT`], or a free port if it is taken. `Some(0)`:
    /// any free port.
    pub port: Option<u16>,
    /// Print only errors and warnings.
    pub quiet: bool,
    /// After each rebuild, print how long each step took and how many
    /// units were rendered again (`--verbose`).
    pub verbose: bool,
    /// Colour the terminal diagnostics.
    pub color: bool,
}

/// A running preview: the HTTP thread, the builder thread and the watcher.
/// Dropping it stops the watcher; the server runs until the process ends.
pub struct Running {
    url: String,
    addr: SocketAddr,
    http: JoinHandle<()>,
    _watcher: Option<watch::Watcher>,
}

impl Running {
    /// The address to open in a browser, e.g. `http://127.0.0.1:1111/`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The address actually bound (the real port when 0 was asked for).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Blocks while the server runs (until the process is stopped).
    pub fn wait(self) {
        let _ = self.http.join();
    }
}

/// `omstil serve`: starts the preview, prints its address, serves until
/// stopped. Exit code 2 when it cannot start (no such folder, busy port).
pub fn run(opts: Options, open: bool) -> ExitCode {
    let quiet = opts.quiet;
    let bind = opts.bind;
    match start(opts) {
        Ok(running) => {
            crate::say!("Forhåndsvisning: {}", running.url());
            if !bind.is_loopback() {
                crate::say!(
                    "Bemærk: forhåndsvisningen kan ses af andre på netværket ({bind}); den er ikke beskyttet af adgangskode."
                );
            }
            if !quiet {
                crate::say!(
                    "Som PDF (laves, når den åbnes): {}{}",
                    running.url(),
                    crate::pdf::FILE
                );
                crate::say!("Siden opdaterer sig selv, når du gemmer en fil. Stop med Ctrl+C.");
            }
            flush_stdout();
            if open {
                open_browser(running.url());
            }
            running.wait();
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("omstil: {e}");
            ExitCode::from(2)
        }
    }
}

/// Binds, builds once, starts watching and serving; returns at once.
pub fn start(opts: Options) -> Result<Running, String> {
    if !opts.root.is_dir() {
        return Err(format!(
            "Mappen {} findes ikke. Angiv rapportens mappe (den med omstil.yaml).",
            opts.root.display()
        ));
    }
    let root = opts
        .root
        .canonicalize()
        .map_err(|e| format!("Kan ikke læse mappen {}: {e}", opts.root.display()))?;
    let listener = bind(opts.bind, opts.port)?;
    let addr = listener
        .local_addr()
        .map_err(|e| format!("Kan ikke læse den lokale adresse: {e}"))?;

    let shared = Arc::new(Shared::new());
    // Watch before the first build, so that a save during it is not lost.
    let (tx, rx) = mpsc::channel();
    let watcher = match watch::start(&root, tx) {
        Ok(w) => Some(w),
        Err(e) => {
            eprintln!(
                "omstil: filerne kan ikke overvåges ({e}); siden opdaterer sig ikke selv. Genstart omstil serve efter ændringer."
            );
            None
        }
    };
    let mut builder = Builder {
        engine: incremental::Engine::new(&root, false),
        root,
        shared: shared.clone(),
        quiet: opts.quiet,
        verbose: opts.verbose,
        color: opts.color,
        printed: Vec::new(),
    };
    builder.engine.on_background(builder.background_hook());
    builder.rebuild(None, false);
    builder.engine.start_background();
    thread::Builder::new()
        .name("omstil-build".into())
        .spawn(move || builder.run(rx))
        .map_err(|e| format!("Kan ikke starte byggetråden: {e}"))?;
    let loopback_only = opts.bind.is_loopback();
    let http = thread::Builder::new()
        .name("omstil-http".into())
        .spawn(move || http::serve(listener, shared, loopback_only))
        .map_err(|e| format!("Kan ikke starte webserveren: {e}"))?;
    Ok(Running {
        url: url_for(addr),
        addr,
        http,
        _watcher: watcher,
    })
}

fn bind(ip: IpAddr, port: Option<u16>) -> Result<TcpListener, String> {
    let p = port.unwrap_or(DEFAULT_PORT);
    match TcpListener::bind((ip, p)) {
        Ok(l) => Ok(l),
        Err(e) if port.is_none() && e.kind() == std::io::ErrorKind::AddrInUse => {
            TcpListener::bind((ip, 0)).map_err(|e| format!("Kan ikke lytte på {ip}: {e}"))
        }
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => Err(format!(
            "Port {p} er optaget. Vælg en anden med --port, eller --port 0 for en ledig port."
        )),
        Err(e) => Err(format!("Kan ikke lytte på {ip} port {p}: {e}")),
    }
}

/// The URL to print: an unspecified address (0.0.0.0, ::) is shown as the
/// loopback address of its family, which a browser can open.
fn url_for(addr: SocketAddr) -> String {
    let ip = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}/", SocketAddr::new(ip, addr.port()))
}

fn flush_stdout() {
    use std::io::Write;
    let _ = std::io::stdout().flush();
}

fn open_browser(url: &str) {
    let mut cmd = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    let spawned = cmd
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if spawned.is_err() {
        eprintln!("omstil: kunne ikke åbne browseren; åbn selv {url}");
    }
}

/// Locks a mutex even if a thread panicked while holding it: the data
/// here (a list of tabs, the current state) stays usable.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// What the HTTP threads and the builder share.
pub(crate) struct Shared {
    site: RwLock<Arc<Site>>,
    hub: Mutex<Hub>,
    streams: AtomicUsize,
    /// Tells this server's pages from another run's after a restart.
    instance: u64,
}

/// The state the open tabs are told about, and the tabs themselves. One
/// lock for both, so that a tab that connects gets the current state and
/// then every later event, none twice and none missed.
struct Hub {
    generation: u64,
    /// The "errors" event while the last build failed.
    failed: Option<Arc<str>>,
    tabs: Vec<Sender<Arc<str>>>,
    /// The newest print page and search index made in the background.
    background: Option<Arc<incremental::Files>>,
    /// What the served site's PDF is made from.
    pdf: Option<crate::pdf::Input>,
}

/// An open event stream; counts itself out when dropped.
pub(crate) struct StreamGuard(Arc<Shared>);

impl Drop for StreamGuard {
    fn drop(&mut self) {
        self.0.streams.fetch_sub(1, Ordering::Relaxed);
    }
}

impl Shared {
    fn new() -> Self {
        let instance = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64 % 1_000_000_000);
        Shared {
            site: RwLock::new(Arc::new(Site::empty(format!("{instance}-0")))),
            hub: Mutex::new(Hub {
                generation: 0,
                failed: None,
                tabs: Vec::new(),
                background: None,
                pdf: None,
            }),
            streams: AtomicUsize::new(0),
            instance,
        }
    }

    /// The id a page carries and the events name: the instance and the
    /// generation of the build, e.g. `481516-7`.
    fn build_id(&self, generation: u64) -> String {
        format!("{}-{generation}", self.instance)
    }

    /// The site now served.
    pub(crate) fn site(&self) -> Arc<Site> {
        self.site.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Registers a tab: the events to send first (hello, and the errors if
    /// the last build failed) and the channel for later ones. `None` when
    /// too many streams are open.
    pub(crate) fn subscribe(self: &Arc<Self>) -> Option<(String, Receiver<Arc<str>>, StreamGuard)> {
        if self.streams.fetch_add(1, Ordering::Relaxed) >= MAX_STREAMS {
            self.streams.fetch_sub(1, Ordering::Relaxed);
            return None;
        }
        let guard = StreamGuard(self.clone());
        let mut hub = lock(&self.hub);
        let mut first = page::event("hello", &self.build_id(hub.generation), None);
        if let Some(errors) = &hub.failed {
            first.push_str(errors);
        }
        let (tx, rx) = mpsc::channel();
        hub.tabs.push(tx);
        Some((first, rx, guard))
    }

    fn broadcast(hub: &mut Hub, msg: String) {
        let msg: Arc<str> = msg.into();
        hub.tabs.retain(|t| t.send(msg.clone()).is_ok());
    }

    /// A good build: swaps it in and tells the tabs to reload, or, when the
    /// site is byte for byte what is served already, only to drop the
    /// overlay. Returns whether the site changed.
    fn succeed(
        &self,
        files: Arc<incremental::Files>,
        pdf: Option<crate::pdf::Input>,
        ms: u128,
    ) -> bool {
        let mut hub = lock(&self.hub);
        hub.failed = None;
        // The newest print page and search index, if the background made
        // them after this build began.
        let files = match &hub.background {
            Some(bg) => page::overlay(&files, bg),
            None => files,
        };
        hub.pdf = pdf.clone();
        if self
            .site()
            .raw
            .as_ref()
            .is_some_and(|old| page::same(old, &files))
        {
            let msg = page::event("ok", &self.build_id(hub.generation), Some(ms));
            Self::broadcast(&mut hub, msg);
            return false;
        }
        hub.generation += 1;
        let id = self.build_id(hub.generation);
        let site = Arc::new(Site::new(files, id.clone()).with_pdf(pdf));
        let old = std::mem::replace(
            &mut *self.site.write().unwrap_or_else(|e| e.into_inner()),
            site,
        );
        // The last build's 10,000 paths are freed off the rebuild's path.
        crate::render::memo::drop_later(old);
        Self::broadcast(&mut hub, page::event("reload", &id, Some(ms)));
        true
    }

    /// The print page and search index of the newest good build, made in
    /// the background: swapped into the served site without a reload.
    fn background(&self, bg: &incremental::Files) {
        let mut hub = lock(&self.hub);
        hub.background = Some(Arc::new(bg.clone()));
        if let Some(site) = self.site().with_background(bg, hub.pdf.clone()) {
            *self.site.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(site);
        }
    }

    /// A failed build: the served site stays; the tabs show the errors.
    fn fail(&self, errors: &[&Diagnostic], warnings: usize, sources: &diag::Sources) {
        let mut hub = lock(&self.hub);
        let msg = page::errors_event(&self.build_id(hub.generation), errors, warnings, sources);
        hub.failed = Some(msg.clone().into());
        Self::broadcast(&mut hub, msg);
    }
}

/// The builder thread: rebuilds on every batch of changes, reports to the
/// terminal and to the tabs.
struct Builder {
    root: PathBuf,
    shared: Arc<Shared>,
    /// What the last builds left: only what changed is built again.
    engine: incremental::Engine,
    quiet: bool,
    verbose: bool,
    color: bool,
    /// The diagnostics last printed, so that an unchanged list is not
    /// printed again on every save.
    printed: Vec<Diagnostic>,
}

impl Builder {
    /// Builds once per batch. Changes that arrive during a build queue up
    /// in the channel and are taken together: one more build, not one per
    /// change.
    fn run(mut self, rx: Receiver<Vec<String>>) {
        while let Ok(mut changed) = rx.recv() {
            // An empty batch: changes the watcher could not name.
            let mut unknown = changed.is_empty();
            while let Ok(more) = rx.try_recv() {
                unknown |= more.is_empty();
                changed.extend(more);
            }
            changed.sort();
            changed.dedup();
            self.rebuild(Some(&changed), unknown);
            // The print page and search index, once the pages are served.
            self.engine.start_background();
        }
    }

    /// `changed`: `None` for the first build; `unknown`: other files may
    /// have changed too.
    fn rebuild(&mut self, changed: Option<&[String]>, unknown: bool) {
        if !self.root.is_dir() {
            // Deleted (or made unreadable) under us: the watcher looks for
            // it to come back and asks for a build when it does.
            let d = note(
                self.root.display().to_string(),
                "Rapportmappen findes ikke længere, eller den kan ikke læses. Forhåndsvisningen venter på, at den kommer igen.",
                "Den sidste gode udgave vises stadig; siden bygges igen, så snart mappen er tilbage.",
            );
            if self.printed != [d.clone()] {
                eprintln!("omstil: {}: {}", d.file, d.message);
                self.printed = vec![d.clone()];
            }
            self.shared.fail(&[&d], 0, &diag::Sources::default());
            return;
        }
        let engine = &mut self.engine;
        let named = changed.filter(|_| !unknown);
        let built =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| engine.rebuild(named)));
        let what = changed.map(describe);
        let b = match built {
            Ok(b) => b,
            Err(panic) => {
                let text = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                eprintln!(
                    "omstil: intern fejl under bygningen ({text}). Den sidste gode udgave vises stadig."
                );
                // What it had cached may be half updated: start afresh.
                self.engine = self.new_engine();
                let d = note(
                    what.unwrap_or_default(),
                    &format!(
                        "omstil fejlede internt under bygningen: {text}. Det er en fejl i omstil, ikke i rapporten."
                    ),
                    "Prøv at gemme igen; meld fejlen, hvis den bliver ved.",
                );
                self.shared.fail(&[&d], 0, &diag::Sources::default());
                return;
            }
        };
        if b.diagnostics != self.printed {
            if !b.diagnostics.is_empty() {
                eprint!("{}", diag::render(&b.diagnostics, &b.sources, self.color));
            }
            self.printed = b.diagnostics.clone();
        }
        let ms = b.elapsed.as_millis();
        let warnings = b
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count();
        let counts = diag::counts(b.errors(), warnings);
        let pdf = b.pdf_input.clone();
        match b.site {
            Some(files) => {
                let changed_site = self.shared.succeed(files, pdf, ms);
                if self.quiet {
                    return;
                }
                match &what {
                    None => crate::say!("Bygget {} sider på {ms} ms ({counts}).", b.pages),
                    Some(w) if changed_site => {
                        crate::say!("{w}: bygget igen på {ms} ms ({counts}); siden genindlæses.")
                    }
                    Some(w) => crate::say!("{w}: bygget igen på {ms} ms; intet nyt på websitet."),
                }
                if self.verbose {
                    for (phase, d) in &b.phases {
                        crate::say!("  {phase:<16} {:>7.1} ms", d.as_secs_f64() * 1000.0);
                    }
                    if b.patched {
                        crate::say!("  kun de gemte sider læst; resten af modellen genbrugt");
                    }
                    crate::say!("  {} af {} enheder renderet igen", b.rendered, b.units);
                }
                flush_stdout();
            }
            None => {
                let mut errors: Vec<&Diagnostic> = b
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .collect();
                // The file just saved first: its mistake is usually the
                // cause of the others (a renamed id breaks every reference).
                if let Some(changed) = changed {
                    errors.sort_by_key(|d| !changed.contains(&d.file));
                }
                self.shared.fail(&errors, warnings, &b.sources);
                let prefix = what.map(|w| format!("{w}: ")).unwrap_or_default();
                eprintln!(
                    "omstil: {prefix}{counts}. Fejlene vises også i browseren; den sidste gode udgave vises stadig."
                );
            }
        }
    }
}

impl Builder {
    fn new_engine(&self) -> incremental::Engine {
        let mut e = incremental::Engine::new(&self.root, false);
        e.on_background(self.background_hook());
        e
    }

    /// Swaps the print page and search index in when they are made.
    fn background_hook(&self) -> incremental::OnBackground {
        let shared = self.shared.clone();
        Arc::new(move |bg| shared.background(bg))
    }
}

/// An error about the whole report rather than a place in it.
fn note(file: String, message: &str, hint: &str) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        file,
        line: 0,
        col: 0,
        message: message.into(),
        hint: Some(hint.into()),
    }
}

/// "sider/om.md", "sider/om.md og 2 andre filer", "Ændringer".
fn describe(changed: &[String]) -> String {
    match changed {
        [] => "Ændringer".into(),
        [one] => one.clone(),
        [first, rest @ ..] if rest.len() == 1 => format!("{first} og 1 anden fil"),
        [first, rest @ ..] => format!("{first} og {} andre filer", rest.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_changes_and_prints_usable_urls() {
        assert_eq!(describe(&[]), "Ændringer");
        assert_eq!(describe(&["a.md".into()]), "a.md");
        assert_eq!(
            describe(&["a.md".into(), "b.md".into()]),
            "a.md og 1 anden fil"
        );
        assert_eq!(
            describe(&["a.md".into(), "b.md".into(), "c".into()]),
            "a.md og 2 andre filer"
        );
        assert_eq!(
            url_for("0.0.0.0:80".parse().unwrap()),
            "http://127.0.0.1:80/"
        );
        assert_eq!(url_for("[::]:8080".parse().unwrap()), "http://[::1]:8080/");
        assert_eq!(
            url_for("192.168.1.2:1111".parse().unwrap()),
            "http://192.168.1.2:1111/"
        );
    }

    #[test]
    fn a_new_tab_gets_the_current_state_and_later_events() {
        let shared = Arc::new(Shared::new());
        let (first, rx, _g) = shared.subscribe().unwrap();
        assert!(first.starts_with("event: hello\n"), "{first}");
        let mut files = incremental::Files::new();
        files.insert("index.html".into(), Arc::new(b"<body>1</body>".to_vec()));
        let files = Arc::new(files);
        assert!(shared.succeed(files.clone(), None, 5));
        let msg = rx.try_recv().unwrap();
        assert!(msg.starts_with("event: reload\n"), "{msg}");
        // The same site again: no reload, only "ok".
        assert!(!shared.succeed(files, None, 5));
        assert!(rx.try_recv().unwrap().starts_with("event: ok\n"));
        let d = Diagnostic {
            severity: Severity::Error,
            file: "a.yaml".into(),
            line: 2,
            col: 1,
            message: "Ukendt nøgle `titl`.".into(),
            hint: None,
        };
        shared.fail(&[&d], 0, &diag::Sources::default());
        assert!(rx.try_recv().unwrap().starts_with("event: errors\n"));
        // A tab that opens now is told about the errors at once.
        let (first, _rx, _g2) = shared.subscribe().unwrap();
        assert!(first.contains("event: errors\n"), "{first}");
        assert!(first.contains("a.yaml:2:1"), "{first}");
        assert!(String::from_utf8_lossy(&shared.site().get("index.html").unwrap()).contains("1"));
    }
}
