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
mod deps;
pub mod diag;
pub mod diagrams;
pub mod format;
mod fxhash;
pub mod incremental;
pub mod init;
mod locate;
pub mod lsp;
pub mod markdown;
mod memsearch;
pub mod new;
pub mod new_round;
pub mod output;
pub mod overviews;
pub mod pdf;
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
    /// The PDF, when one was asked for (`omstil pdf`, `build --pdf`).
    pub pdf: Option<Result<pdf::Made, pdf::Error>>,
    /// What the PDF step needs of the report (its title, the UI wording).
    pdf_input: Option<pdf::Input>,
}

/// The browser that prints the PDF and its time limit per print.
#[derive(Clone, Debug)]
pub struct PdfWith {
    pub browser: std::path::PathBuf,
    pub timeout: Duration,
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
    /// What the PDF step needs of the report (when it was loaded).
    pub fn pdf_input(&self) -> Option<&pdf::Input> {
        self.pdf_input.as_ref()
    }

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
    build_memory(root, false)
}

/// [`build`], with or without the link to `rapport.pdf` on the pages.
pub fn build_memory(root: &Path, pdf_link: bool) -> Build {
    let sink = output::Sink::memory();
    let mut b = build_into(root, &sink, pdf_link);
    let files = sink.into_files();
    if b.errors() == 0 {
        b.files = Some(files);
    }
    b
}

/// Checks the report in `root`: a whole build whose files are counted and
/// dropped (so checking a large report takes little memory).
pub fn check(root: &Path) -> Build {
    build_into(root, &output::Sink::null(), false)
}

/// `omstil pdf`: builds the report in memory and prints it to a PDF
/// (in [`Build::pdf`] when the report has no errors). Writes nothing.
pub fn build_pdf(root: &Path, with: &PdfWith) -> Build {
    let mut b = build(root);
    if let (Some(files), Some(input)) = (&b.files, &b.pdf_input) {
        b.pdf = Some(pdf::from_files(files, input, &with.browser, with.timeout));
        b.elapsed += b.pdf.as_ref().map_or(Duration::ZERO, |r| {
            r.as_ref().map_or(Duration::ZERO, |m| m.elapsed)
        });
    }
    b
}

/// One follow-up round (`2025-04`) as a status report: its page,
/// `opfoelgning/2025-04.html`, printed as a PDF titled like the page.
pub fn build_round_pdf(root: &Path, with: &PdfWith, round: &str) -> Build {
    let mut b = build(root);
    if let (Some(files), Some(input)) = (&b.files, &b.pdf_input) {
        let page = format!("opfoelgning/{round}.html");
        b.pdf = Some(match files.get(&page) {
            Some(html) => {
                let mut input = input.clone();
                if let Some(title) = html_title(html) {
                    input.meta.title = title;
                }
                pdf::from_files_page(files, &page, &input, &with.browser, with.timeout)
            }
            None => Err(pdf::Error::Io(round_not_found(files, round))),
        });
    }
    b
}

/// The text of a page's `<title>` (entities as written).
fn html_title(html: &[u8]) -> Option<String> {
    let s = std::str::from_utf8(html).ok()?;
    let start = s.find("<title>")? + "<title>".len();
    let end = start + s[start..].find("</title>")?;
    Some(s[start..end].replace("&amp;", "&").replace("&#x27;", "'"))
}

fn round_not_found(files: &output::Files, round: &str) -> String {
    let rounds: Vec<&str> = files
        .keys()
        .filter_map(|p| p.strip_prefix("opfoelgning/")?.strip_suffix(".html"))
        .collect();
    if rounds.is_empty() {
        format!(
            "Rapporten har ingen opfølgning `{round}`; den har ingen opfølgninger i `opfoelgning/`."
        )
    } else {
        format!(
            "Rapporten har ingen opfølgning `{round}`. Vælg en af: {}.",
            rounds.join(", ")
        )
    }
}

/// Builds the report in `root` into the folder `out`, file by file into a
/// staging folder that replaces `out` only when the build has no errors
/// (otherwise `out` is left as it was). `out` is checked first (see
/// [`output::check_target`]; `force` allows a non-empty folder omstil did
/// not make) and locked while the build runs.
pub fn build_to(root: &Path, out: &Path, force: bool) -> Result<Build, output::OutputError> {
    build_to_with(root, out, force, None)
}

/// [`build_to`], and with `pdf` also `rapport.pdf` in the site (linked
/// from the pages). If the PDF cannot be made, nothing is swapped in: the
/// old output stays as it was, and [`Build::pdf`] says why.
pub fn build_to_with(
    root: &Path,
    out: &Path,
    force: bool,
    pdf: Option<&PdfWith>,
) -> Result<Build, output::OutputError> {
    let start = Instant::now();
    let staging = output::Staging::create(out, root, force)?;
    let sink = output::Sink::dir(staging.path());
    let mut b = build_into(root, &sink, pdf.is_some());
    if let (Some(with), Some(input), 0) = (pdf, &b.pdf_input, b.errors()) {
        let made = sink
            .finish()
            .map_err(|e| pdf::Error::Io(e.to_string()))
            .and_then(|()| pdf::from_dir(staging.path(), input, &with.browser, with.timeout));
        if let Ok(m) = &made {
            sink.put(pdf::FILE, m.bytes.clone());
            b.phases.push(("pdf", m.elapsed));
        }
        let failed = made.is_err();
        b.pdf = Some(made);
        if failed {
            b.elapsed = start.elapsed();
            return Ok(b);
        }
    }
    if b.errors() == 0 {
        let t = Instant::now();
        sink.finish()?;
        staging.commit()?;
        b.phases.push(("udskiftning", t.elapsed()));
    }
    b.elapsed = start.elapsed();
    Ok(b)
}

fn build_into(root: &Path, sink: &output::Sink, pdf_link: bool) -> Build {
    let start = Instant::now();
    let mut t = Timings::start();
    let loaded = content::load(root);
    t.mark("indlæsning");
    build_loaded(root, loaded, sink, start, t, pdf_link)
}

/// What the PDF step needs of a loaded report and its theme.
pub(crate) fn pdf_input_of(report: &content::model::Report, theme: &theme::Theme) -> pdf::Input {
    pdf::Input {
        meta: pdf::Meta {
            title: report.settings.title.clone(),
            author: report.settings.municipality.clone(),
            subject: report.settings.subtitle.clone(),
        },
        see_page: theme.strings.get("pdf.see_page").to_string(),
    }
}

/// The rest of a build once the report is loaded (`omstil lsp` loads it
/// itself, with the editor's buffers, and checks it from here).
fn build_loaded(
    root: &Path,
    loaded: content::Loaded,
    sink: &output::Sink,
    start: Instant,
    mut t: Timings,
    pdf_link: bool,
) -> Build {
    let mut diags = loaded.diags;
    // A report with errors is still rendered, into nothing, so that the
    // errors of its other files (Markdown links) show in the same run.
    let nowhere = output::Sink::null();
    let mut pdf_input = None;
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
        diags.extend(render::render(&report, &mut theme, sink, &mut t, pdf_link));
        pdf_input = Some(pdf_input_of(&report, &theme));
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
        pdf: None,
        pdf_input,
    }
}
