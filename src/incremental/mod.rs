//! Incremental rebuilds for `omstil serve`: after a save, only the changed
//! files are read again and only the pages whose inputs changed are
//! rendered again; the result is byte for byte what a full build of the
//! same folder gives (`tests/it/incremental.rs` checks this after every
//! step of seeded random edits).
//!
//! ```text
//! changed paths ─▶ content::cache::FileCache   unchanged files not re-read,
//!                                              unchanged pages not re-parsed
//!               ─▶ resolve (whole)             every diagnostic a full build
//!                                              gives; or, for a save of pages'
//!                                              text alone, the new bodies put
//!                                              into the last model
//!                                              (`content::patch`)
//!               ─▶ render::memo::Memo          units whose recorded inputs
//!                                              changed are rendered again,
//!                                              the others replayed
//!               ─▶ site = units' files + 404 + theme files + assets
//!                  + the last print page and search index
//!  background   ─▶ print.html, soeg.html and the search index from the
//!                  units' `Done` parts, begun 250 ms after the rebuild is
//!                  served (`start_background`), dropped when a newer save
//!                  comes first; handed to `on_background` when ready
//!                  (serve swaps them in without a second reload)
//! ```
//!
//! Why this split: loading (read + parse) and rendering are what grow with
//! the number of pages; resolving the model is one pass over it and gives
//! every cross-file diagnostic, so it is not made incremental in general
//! (a cached resolve would have to know which checks a file's change can
//! touch). The one case where that is known is a page whose front matter
//! is unchanged: nothing but its rendering reads its body
//! (`content::patch`). At 10,000 pages that took a page save's rebuild
//! from about 20 ms to about 7 ms.
//! The render's dependencies are taken from what each unit actually looked
//! up in the model's shared indexes (see `render::memo` and `deps`), not
//! guessed from file names. A change under `themes/`, or a batch of changes
//! the watcher could not name, renders everything again (the theme is
//! loaded again then; its generation is part of every key).
//! The watcher's names are trusted: an unnamed change is not seen until the
//! watcher reports it (see `content::cache`).
//!
//! The print page and the search index are made from every page's
//! rendered article, so they are the one part of the site that costs a
//! full pass at every save; they are made on their own thread after the
//! new pages are served. Until they are ready the previous ones are
//! served. Their only diagnostics are template errors of the theme's
//! `print.html` and `search.html`; these come with the background result.

use crate::content::{self, cache::FileCache};
use crate::diag::{Diagnostic, Diagnostics, Sources};
use crate::render::memo::Memo;
use crate::{Timings, pdf, theme};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub use crate::render::memo::{Bytes, SiteFiles as Files};

/// How long after a rebuild the print page and search index are begun:
/// a save within this time overtakes them, so that a burst of saves does
/// not make them again and again beside the rebuilds (they cost a pass
/// over every page: at 10,000 pages about as much as the rebuild).
const BACKGROUND_DELAY: Duration = Duration::from_millis(250);

/// Called on the background thread with the new print page, search page
/// and search index, once they are made and still the newest.
pub type OnBackground = Arc<dyn Fn(&Files) + Send + Sync>;

/// The incremental state of one report folder.
pub struct Engine {
    root: PathBuf,
    pdf_link: bool,
    cache: Arc<FileCache>,
    memo: Memo,
    /// Goes up when the theme's files may have changed.
    theme_gen: u64,
    /// The theme as last loaded and what loading it reported, while
    /// `theme_gen`, the theme's name and the language are the same.
    theme: Option<(ThemeKey, Option<theme::Theme>, Diagnostics)>,
    background: Arc<Mutex<Latest>>,
    running: Option<JoinHandle<()>>,
    /// The job of the last rebuild, until it is started.
    pending: Option<crate::render::memo::Background>,
    on_background: Option<OnBackground>,
    /// The last rebuild's diagnostics, before sorting.
    diags: Diagnostics,
    /// The print and search pages' diagnostics of a build with errors
    /// (made at once, not in the background).
    unpublished: Option<Diagnostics>,
    sources: Sources,
    /// What the last load gave, for a page save to be put into.
    last: Option<content::patch::Last>,
}

/// What a loaded theme is made from: the theme's generation, its name and
/// the language of its strings.
type ThemeKey = (u64, Option<String>, String);

/// The newest background job and its result.
#[derive(Default)]
struct Latest {
    /// The number of the newest job started.
    started: u64,
    /// The newest result: its job, files and diagnostics.
    done: Option<(u64, Arc<Files>, Diagnostics)>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// What one rebuild gave.
pub struct Outcome {
    /// Sorted; the print page's and the search page's come with
    /// [`Engine::wait`] (they are made in the background).
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Sources,
    /// The whole site (with the latest print page and search index made so
    /// far), or `None` when there are errors.
    pub site: Option<Arc<Files>>,
    /// HTML pages in the site.
    pub pages: usize,
    /// Units of rendering: how many were rendered again, of how many.
    pub rendered: usize,
    pub units: usize,
    pub elapsed: Duration,
    /// Whether the saved pages were put into the last model instead of
    /// the report being loaded in full (`content::patch`).
    pub patched: bool,
    pub phases: Vec<(&'static str, Duration)>,
    pub pdf_input: Option<pdf::Input>,
}

impl Outcome {
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == crate::diag::Severity::Error)
            .count()
    }
}

impl Engine {
    /// An engine for the report in `root` (nothing is read yet).
    /// `pdf_link`: as [`crate::build_memory`].
    pub fn new(root: &Path, pdf_link: bool) -> Engine {
        Engine {
            root: root.to_path_buf(),
            pdf_link,
            cache: Arc::new(FileCache::new()),
            memo: Memo::new(),
            theme_gen: 0,
            theme: None,
            background: Arc::default(),
            running: None,
            pending: None,
            on_background: None,
            diags: Diagnostics::new(),
            unpublished: None,
            sources: Sources::default(),
            last: None,
        }
    }

    /// Calls `f` with the print page, search page and index each time the
    /// background makes them (and they are still the newest).
    pub fn on_background(&mut self, f: OnBackground) {
        self.on_background = Some(f);
    }

    /// Rebuilds after `changed` (paths relative to the root, `/`-separated,
    /// as the watcher names them; `None`: unknown, read everything again).
    pub fn rebuild(&mut self, changed: Option<&[String]>) -> Outcome {
        let start = Instant::now();
        let mut t = Timings::start();
        // Until a background job is started: no print page diagnostics.
        self.unpublished = Some(Diagnostics::new());
        if let Some(old) = self.pending.take() {
            crate::render::memo::drop_later(old);
        }
        self.cache.forget(&self.root, changed);
        if changed.is_none_or(|c| c.iter().any(|p| p == "themes" || p.starts_with("themes/"))) {
            self.theme_gen += 1;
        }
        // A save of free pages' text is put into the last model when it
        // can be (`content::patch`); anything else is loaded in full.
        let patched = match (changed, &self.last) {
            (Some(c), Some(last)) if only_pages(changed) => {
                content::patch::pages(&self.root, &self.cache, last, c)
                    .map(|(report, sources)| (report, sources, last.ok, last.diags.clone()))
            }
            _ => None,
        };
        let was_patched = patched.is_some();
        let (report, sources, ok_model, mut diags) = match patched {
            Some((report, sources, ok, diags)) => (Some(report), sources, ok, diags),
            None => {
                let loaded = content::load_cached(&self.root, &self.cache);
                let ok = loaded.report.is_some();
                (
                    loaded.report.or(loaded.unfinished),
                    loaded.sources,
                    ok,
                    loaded.diags,
                )
            }
        };
        t.mark("indlæsning");
        let report = report.map(Arc::new);
        let last = report.as_ref().map(|r| content::patch::Last {
            report: r.clone(),
            ok: ok_model,
            diags: diags.clone(),
            sources: sources.clone(),
        });
        if let Some(old) = std::mem::replace(&mut self.last, last) {
            // Freeing a model loaded in full costs milliseconds.
            crate::render::memo::drop_later(old);
        }
        let mut site = None;
        let mut pdf_input = None;
        let (mut rendered, mut units) = (0, 0);
        if let Some(report) = report
            && let Some(theme) = self.theme(&report.settings, &mut diags)
        {
            t.mark("tema");
            pdf_input = Some(crate::pdf_input_of(&report, &theme));
            let statics: Vec<(crate::render::memo::SitePath, Bytes)> = theme
                .statics
                .iter()
                .map(|(p, b)| (p.as_str().into(), b.clone()))
                .collect();
            let assets: Vec<(crate::render::memo::SitePath, Bytes)> = report
                .assets
                .iter()
                .map(|a| (a.rel.as_str().into(), a.bytes.clone()))
                .collect();
            let r = self.memo.render(
                report.clone(),
                theme,
                self.theme_gen,
                self.pdf_link,
                only_pages(changed),
            );
            t.mark("sider");
            (rendered, units) = (r.rendered, r.units);
            diags.extend(r.diags);
            if ok_model && !diags.has_errors() {
                let mut files = r.files;
                files.extend(statics);
                files.extend(assets);
                if let Some((_, bg, _)) = &lock(&self.background).done {
                    for (p, b) in bg.iter() {
                        files.insert(p.clone(), b.clone());
                    }
                }
                site = Some(Arc::new(files));
            }
            if site.is_some() {
                // Started by `start_background`, once the site is served.
                self.unpublished = None;
                self.pending = Some(r.background);
            } else {
                // Not served: made here, for the diagnostics only.
                self.stop_background();
                let (_, d) = r.background.run(&|| true).unwrap_or_default();
                self.unpublished = Some(d);
            }
        }
        self.diags = diags.clone();
        self.sources = sources.clone();
        let pages = site.as_ref().map_or(0, |s| html_pages(s));
        t.mark("samling");
        Outcome {
            diagnostics: diags.into_sorted(),
            sources,
            site,
            pages,
            rendered,
            units,
            elapsed: start.elapsed(),
            patched: was_patched,
            phases: t.steps,
            pdf_input,
        }
    }

    /// The theme for `settings`: loaded again only after a change under
    /// `themes/` or to the theme's name or language (parsing its strings
    /// and compiling its templates is most of a small rebuild); what
    /// loading it reported is reported again each time, as a full build
    /// does.
    fn theme(
        &mut self,
        settings: &content::model::Settings,
        diags: &mut Diagnostics,
    ) -> Option<theme::Theme> {
        let key: ThemeKey = (
            self.theme_gen,
            settings.theme.clone(),
            settings.lang().to_string(),
        );
        let cached = self.theme.as_ref().filter(|(k, _, _)| *k == key);
        let (_, theme, reported) = match cached {
            Some(c) => c,
            None => {
                let mut reported = Diagnostics::new();
                let theme = theme::Theme::load(
                    &self.root,
                    settings.theme.as_deref(),
                    settings.lang(),
                    &mut reported,
                );
                self.theme.insert((key, theme, reported))
            }
        };
        diags.extend_from(reported);
        theme.clone()
    }

    /// The background job of an earlier build will not be served.
    fn stop_background(&mut self) {
        lock(&self.background).started += 1;
        self.running = None;
        self.pending = None;
    }

    /// Starts making the print page and the search index of the last
    /// rebuild on their own thread (`serve` calls this once the new pages
    /// are served, so that it does not compete with the swap); a job of
    /// an earlier rebuild still running stops at its next check.
    pub fn start_background(&mut self) {
        self.start_background_after(BACKGROUND_DELAY);
    }

    fn start_background_after(&mut self, delay: Duration) {
        let Some(job) = self.pending.take() else {
            return;
        };
        let seq = {
            let mut l = lock(&self.background);
            l.started += 1;
            l.started
        };
        let latest = self.background.clone();
        let hook = self.on_background.clone();
        let spawned = std::thread::Builder::new()
            .name("omstil-udskrift".into())
            .spawn(move || {
                let wanted = || lock(&latest).started == seq;
                // A save that follows soon (typing, a burst of saves)
                // overtakes this job before it costs anything.
                std::thread::sleep(delay);
                if !wanted() {
                    return;
                }
                let Some((files, diags)) = job.run(&wanted) else {
                    return;
                };
                let files = Arc::new(files);
                let mut l = lock(&latest);
                if l.started == seq {
                    l.done = Some((seq, files.clone(), diags));
                    drop(l);
                    if let Some(hook) = hook {
                        hook(&files);
                    }
                }
            });
        // Without a thread (the system refused one) the print page and
        // the search index stay as they were until the next save.
        self.running = spawned.ok();
    }

    /// Waits for the background work of the last rebuild; returns the
    /// whole site (`None` if it had errors) and every diagnostic, as a full
    /// build would give them.
    pub fn wait(&mut self, site: Option<&Files>) -> (Option<Files>, Vec<Diagnostic>) {
        self.start_background_after(Duration::ZERO);
        if let Some(h) = self.running.take() {
            let _ = h.join();
        }
        let l = lock(&self.background);
        let mut diags = self.diags.clone();
        let mut files = site.cloned();
        if let Some(d) = &self.unpublished {
            diags.extend_from(d);
        } else if let Some((seq, bg, d)) = &l.done
            && *seq == l.started
        {
            diags.extend_from(d);
            if let Some(files) = &mut files {
                for (p, b) in bg.iter() {
                    files.insert(p.clone(), b.clone());
                }
            }
        }
        if diags.has_errors() {
            files = None;
        }
        (files, diags.into_sorted())
    }

    /// The source texts of the last rebuild (to quote in diagnostics).
    pub fn sources(&self) -> &Sources {
        &self.sources
    }
}

/// Whether every change named is to a free page's Markdown file
/// (`sider/<name>.md`): then no part file changed.
fn only_pages(changed: Option<&[String]>) -> bool {
    changed.is_some_and(|c| {
        !c.is_empty()
            && c.iter().all(|p| {
                p.strip_prefix("sider/")
                    .is_some_and(|n| !n.contains('/') && n.ends_with(".md"))
            })
    })
}

fn html_pages(files: &Files) -> usize {
    files.keys().filter(|p| p.ends_with(".html")).count()
}
