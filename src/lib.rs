//! omstil: a static report-site generator for a Danish municipality's work
//! with vulnerable children. The build is a pipeline of plain functions:
//!
//! ```text
//! content::load  (read files, YAML/CSV → raw types → resolved model)
//!   → theme::Theme::load (templates, UI strings, static files)
//!   → render::render (Markdown, views, Tera) → Files (path → bytes)
//!   → output::write (atomic swap) or serve (in memory)
//! ```

pub mod content;
pub mod diag;
pub mod diagrams;
pub mod format;
pub mod init;
pub mod markdown;
pub mod new;
pub mod output;
pub mod render;
pub mod schema;
pub mod serve;
pub mod theme;
pub mod yaml;

use diag::{Diagnostic, Sources};
use render::Files;
use std::path::Path;
use std::time::{Duration, Instant};

/// What a build produced: the site if there were no errors, all
/// diagnostics (sorted), the source texts to quote, and counts.
pub struct Build {
    pub files: Option<Files>,
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Sources,
    pub pages: usize,
    pub elapsed: Duration,
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
        self.files
            .as_ref()
            .and_then(|f| f.get("assets/soegeindeks.js"))
            .map_or(0, Vec::len)
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
    let start = Instant::now();
    let loaded = content::load(root);
    let mut diags = loaded.diags;
    let mut files = None;
    if let Some(report) = loaded.report
        && let Some(mut theme) = theme::Theme::load(
            root,
            report.settings.theme.as_deref(),
            report.settings.lang(),
            &mut diags,
        )
    {
        let (f, d) = render::render(&report, &mut theme);
        diags.extend(d);
        if !diags.has_errors() {
            files = Some(f);
        }
    }
    let pages = files.as_ref().map_or(0, |f: &Files| {
        f.keys().filter(|k| k.ends_with(".html")).count()
    });
    Build {
        files,
        diagnostics: diags.into_sorted(),
        sources: loaded.sources,
        pages,
        elapsed: start.elapsed(),
    }
}
