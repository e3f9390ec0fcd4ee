//! A save of free pages' text put into the last model (`serve`), instead
//! of loading and resolving the whole report again.
//!
//! When the watcher names only free pages (`sider/<name>.md`), the listing
//! of `sider/` still holds (`cache::FileCache::forget`), and each named
//! page's front matter is byte for byte what it was, a full load would
//! give the last model with those pages' bodies replaced, and the same
//! diagnostics:
//!
//! - loading a page reports only on its front matter (it is not closed,
//!   it is missing, or its YAML is wrong); the body is not looked at until
//!   it is rendered;
//! - resolving reads a page's id (its file name, in the listing), its
//!   front matter (title, description, order, provenance) and nothing of
//!   its body, and nothing else reads the page;
//! - the parts and every other file are unchanged, since the watcher names
//!   every change (see `cache`).
//!
//! So the page's resolved fields are kept and only its body is new; its
//! place in the menu (order, title, id) is the same. Anything else (a
//! changed front matter, a page that could not be read before or now, a
//! file the last model does not have) is loaded in full.
//! `tests/it/incremental.rs` compares the result with a full build after
//! every step of its random edits, and checks that page saves take this
//! way.

use super::cache::FileCache;
use super::model::Report;
use super::{Cx, load_page, split_front_matter};
use crate::diag::{Diagnostics, Sources};
use crate::sandbox::Sandbox;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

/// What the last load gave (before rendering).
pub struct Last {
    /// The model (made despite errors if `ok` is false).
    pub report: Arc<Report>,
    /// Whether it loaded without errors.
    pub ok: bool,
    /// What loading and resolving reported.
    pub diags: Diagnostics,
    pub sources: Sources,
}

/// The last model with the free pages in `changed` read again, and the
/// sources with their new texts; `None` if a full load is needed (see the
/// module's doc). Call after `cache.forget(root, Some(changed))`.
pub fn pages(
    root: &Path,
    cache: &Arc<FileCache>,
    last: &Last,
    changed: &[String],
) -> Option<(Report, Sources)> {
    let listing = cache.listing()?;
    let mut report: Option<Report> = None;
    let mut sources = last.sources.clone();
    let mut seen = BTreeSet::new();
    for name in changed {
        if !seen.insert(name.as_str()) {
            continue;
        }
        let Some((path, _, id)) = listing.todo.iter().find(|(_, n, _)| n == name) else {
            // The listing held, so this is a name it skips (a hidden
            // file, an editor's backup), not a page.
            continue;
        };
        let at = last.report.pages.iter().position(|p| p.file == *name)?;
        let before = last.sources.get_shared(name)?;
        let mut cx = Cx {
            root: root.to_path_buf(),
            sandbox: Sandbox::new(root),
            cache: Some(cache.clone()),
            diags: Diagnostics::new(),
            sources: Sources::default(),
            dropped: BTreeSet::new(),
            failed: BTreeSet::new(),
            refs: Vec::new(),
        };
        // Read and parsed as a full load does, and kept in the cache.
        let page = load_page(&mut cx, path, name.clone(), id.clone())?;
        let now = cx.sources.get_shared(name)?;
        let (Some(a), _, line_a) = split_front_matter(&before) else {
            return None;
        };
        let (Some(b), _, line_b) = split_front_matter(&now) else {
            return None;
        };
        if a != b || line_a != line_b || cx.diags.has_errors() {
            return None;
        }
        let report = report.get_or_insert_with(|| (*last.report).clone());
        let mut p = (*report.pages[at]).clone();
        p.body = page.body;
        report.pages[at] = Arc::new(p);
        sources.insert_shared(name, now);
    }
    let report = report.unwrap_or_else(|| (*last.report).clone());
    Some((report, sources))
}
