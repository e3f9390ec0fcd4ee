//! omstil: a static report-site generator for a Danish municipality's work
//! with vulnerable children. The build is a pipeline of plain functions:
//!
//! ```text
//! content::load  (read files, YAML/CSV → raw types → resolved model)
//!   → theme::Theme::load (templates, UI strings, static files)
//!   → render::render (Markdown, views, Tera, on every core)
//!   → output::Sink: a staging folder swapped in atomically (build),
//!     a map in memory (serve, tests), or counts only (check)
//! ```

/// `println!` that ignores a closed stdout (`omstil build --verbose | head`,
/// `omstil serve | head`): printing is never worth a crash.
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

pub mod content;
pub mod diag;
pub mod diagrams;
pub mod format;
pub mod init;
mod locate;
pub mod markdown;
pub mod new;
pub mod new_round;
pub mod output;
pub mod overviews;
pub mod render;
mod sandbox;
pub mod sanitize;
pub mod schema;
pub mod serve;
pub mod theme;
pub mod url;
pub mod yaml;

use diag::{Diagnostic, Sources};
use output::Files;
use std::path::Path;
use std::time::{Duration, Instant};

/// What a build produced: the site if there were no errors (in memory
/// builds), all diagnostics (sorted), the source texts to quote, and counts.
pub struct Build {
    pub files: Option<Files>,
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Sources,
    pub pages: usize,
    /// Files and bytes written, by folder.
    pub stats: output::Stats,
    pub elapsed: Duration,
    /// How long each step took (`--verbose` shows them).
    pub phases: Vec<(&'static str, Duration)>,
}

/// Times the steps of a build, one after another.
pub struct Timings {
    pub steps: Vec<(&'static str, Duration)>,
    lap: Instant,
}

impl Timings {
    pub fn start() -> Timings {
        Timings {
            steps: Vec::new(),
            lap: Instant::now(),
        }
    }

    /// Ends the step `name` (begun at the last mark).
    pub fn mark(&mut self, name: &'static str) {
        let now = Instant::now();
        self.steps.push((name, now - self.lap));
        self.lap = now;
    }
}

impl Build {
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == diag::Severity::Error)
            .count()
    }

    /// Size of the search index in bytes (0 without a site).
    pub fn search_index_bytes(&self) -> usize {
        self.stats.search_index
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == diag::Severity::Warning)
            .count()
    }
}

/// Builds the report in `root` into memory. Never writes to disk.
pub fn build(root: &Path) -> Build {
    let sink = output::Sink::memory();
    let mut b = build_into(root, &sink);
    let files = sink.into_files();
    if b.errors() == 0 {
        b.files = Some(files);
    }
    b
}

/// Checks the report in `root`: a whole build whose files are counted and
/// dropped (so checking a large report takes little memory).
pub fn check(root: &Path) -> Build {
    build_into(root, &output::Sink::null())
}

/// Builds the report in `root` into the folder `out`, file by file into a
/// staging folder that replaces `out` only when the build has no errors
/// (otherwise `out` is left as it was). `out` is checked first (see
/// [`output::check_target`]; `force` allows a non-empty folder omstil did
/// not make) and locked while the build runs.
pub fn build_to(root: &Path, out: &Path, force: bool) -> Result<Build, output::OutputError> {
    let start = Instant::now();
    let staging = output::Staging::create(out, root, force)?;
    let sink = output::Sink::dir(staging.path());
    let mut b = build_into(root, &sink);
    if b.errors() == 0 {
        let t = Instant::now();
        sink.finish()?;
        staging.commit()?;
        b.phases.push(("udskiftning", t.elapsed()));
    }
    b.elapsed = start.elapsed();
    Ok(b)
}

fn build_into(root: &Path, sink: &output::Sink) -> Build {
    let start = Instant::now();
    let mut t = Timings::start();
    let loaded = content::load(root);
    t.mark("indlæsning");
    let mut diags = loaded.diags;
    // A report with errors is still rendered, into nothing, so that the
    // errors of its other files (Markdown links) show in the same run.
    let nowhere = output::Sink::null();
    let (report, sink) = match (loaded.report, loaded.unfinished) {
        (Some(r), _) => (Some(r), sink),
        (None, r) => (r, &nowhere),
    };
    if let Some(report) = report
        && let Some(mut theme) = theme::Theme::load(
            root,
            report.settings.theme.as_deref(),
            report.settings.lang(),
            &mut diags,
        )
    {
        t.mark("tema");
        diags.extend(render::render(&report, &mut theme, sink, &mut t));
    }
    let stats = if diags.has_errors() {
        output::Stats::default()
    } else {
        sink.stats()
    };
    Build {
        files: None,
        diagnostics: diags.into_sorted(),
        sources: loaded.sources,
        pages: stats.html_pages,
        stats,
        elapsed: start.elapsed(),
        phases: t.steps,
    }
}
