//! The file cache of the incremental preview (`crate::incremental`): what
//! `content::load` read last time, so that a save re-reads only the files
//! that changed. A file's text is reused until the watcher names it (or a
//! folder above it) as changed; a batch the watcher could not name (a
//! rescan after lost events, the report folder coming back) empties the
//! cache. The watcher is trusted rather than every file looked at: a
//! `stat` of each of 10,000 pages cost about 20 % of a load, and a write
//! the watcher reports late (during the read) is reported again, so the
//! file is read again on the next batch. A free page's parsed front
//! matter, body and diagnostics are reused while its text is the very text
//! cached (the same `Arc`). Keeping the same `Arc` for an unchanged file
//! also lets the render memo tell unchanged Markdown by identity instead
//! of by content. A part file's parse (its raw value and diagnostics) is
//! kept the same way. The listing of `sider/` (which files are pages, and
//! what their names cost in warnings) is kept while every change the
//! watcher names in it is to a listed page that is still a file, or to a
//! name the listing skips: a page save does not walk 10,000 names. The
//! files in `billeder/` are kept as bytes the same way (each load still
//! looks at each file through the sandbox and checks an SVG's content).
//!
//! Only successful reads are cached; a file that could not be read is
//! tried again (and reported again) on every load, as a full build does.

use super::RawPage;
use crate::diag::{Diagnostics, Sources};
use std::any::Any;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Files read by the last load, by name relative to the report.
#[derive(Default)]
pub struct FileCache {
    files: Mutex<HashMap<String, Entry>>,
    /// The page files of `sider/` as last listed, while no change the
    /// watcher named can have added, removed or replaced one.
    listing: Mutex<Option<Arc<PageListing>>>,
    /// The free pages' texts as the last load gave them to diagnostics.
    page_sources: Mutex<Option<Arc<PageSources>>>,
    /// The bytes of the files in `billeder/` (images can be large: a
    /// save need not read them all again).
    bytes: Mutex<HashMap<String, Arc<Vec<u8>>>>,
}

/// The free pages' texts for diagnostics: the listing they follow, each
/// page's text (`None`: not read) and the map made of them. A load with the
/// same listing copies the map and puts in only the texts that changed,
/// instead of 10,000 inserts.
pub(crate) struct PageSources {
    pub listing: Arc<PageListing>,
    pub texts: Vec<Option<Arc<str>>>,
    pub sources: Sources,
}

struct Entry {
    text: Arc<str>,
    page: Option<Arc<PageParse>>,
    /// A part file's parse: a [`PartParse`] of its raw type.
    part: Option<Arc<dyn Any + Send + Sync>>,
}

/// The page files of `sider/` (path, name, id), in file order, and what
/// listing them reported.
pub(crate) struct PageListing {
    pub todo: Vec<(PathBuf, String, String)>,
    pub diags: Diagnostics,
}

/// A part file as parsed (`Cx::parse_yaml`): the value and what parsing it
/// reported.
pub(crate) struct PartParse<T> {
    pub value: Option<T>,
    pub diags: Diagnostics,
    pub dropped: BTreeSet<String>,
}

/// A free page as loaded: the page (if it could be read) and what loading
/// it reported.
pub(crate) struct PageParse {
    pub page: Option<RawPage>,
    pub diags: Diagnostics,
    pub dropped: BTreeSet<String>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl FileCache {
    pub fn new() -> Self {
        Self::default()
    }

    /// Forgets the files named in `changed` and everything under a named
    /// folder; `None` (changes the watcher could not name): everything.
    /// The listing of `sider/` (in `root`) is kept only if every change
    /// in it is to a page file listed and still a file, or to a name the
    /// listing skips that is not a folder.
    pub fn forget(&self, root: &Path, changed: Option<&[String]>) {
        let mut files = lock(&self.files);
        let mut bytes = lock(&self.bytes);
        let mut listing = lock(&self.listing);
        let holds = match (listing.as_ref(), changed) {
            (Some(l), Some(changed)) => changed.iter().all(|c| listing_holds(l, root, c)),
            _ => false,
        };
        if !holds {
            *listing = None;
        }
        match changed {
            None => {
                files.clear();
                bytes.clear();
            }
            Some(changed) => {
                for c in changed {
                    let folder = format!("{}/", c.trim_end_matches('/'));
                    files.retain(|name, _| name != c && !name.starts_with(&folder));
                    bytes.retain(|name, _| name != c && !name.starts_with(&folder));
                }
            }
        }
    }

    /// The listing of `sider/`, if no change can have altered it.
    pub(crate) fn listing(&self) -> Option<Arc<PageListing>> {
        lock(&self.listing).clone()
    }

    /// The free pages' texts as the last load gave them to diagnostics.
    pub(crate) fn page_sources(&self) -> Option<Arc<PageSources>> {
        lock(&self.page_sources).clone()
    }

    /// Remembers the free pages' texts given to diagnostics.
    pub(crate) fn store_page_sources(&self, p: PageSources) {
        *lock(&self.page_sources) = Some(Arc::new(p));
    }

    /// Remembers the listing of `sider/`.
    pub(crate) fn store_listing(&self, l: &Arc<PageListing>) {
        *lock(&self.listing) = Some(l.clone());
    }

    /// The parse of the part file `name` from exactly `text`, if cached.
    pub(crate) fn part(&self, name: &str, text: &Arc<str>) -> Option<Arc<dyn Any + Send + Sync>> {
        self.of_text(name, text, |e| e.part.clone())
    }

    /// What `get` takes from the entry of `name`, if its text is `text`.
    fn of_text<T>(
        &self,
        name: &str,
        text: &Arc<str>,
        get: impl Fn(&Entry) -> Option<T>,
    ) -> Option<T> {
        let files = lock(&self.files);
        let e = files.get(name)?;
        if Arc::ptr_eq(&e.text, text) {
            get(e)
        } else {
            None
        }
    }

    /// Remembers the parse of the part file `name` from `text`.
    pub(crate) fn store_part(
        &self,
        name: &str,
        text: &Arc<str>,
        parse: Arc<dyn Any + Send + Sync>,
    ) {
        if let Some(e) = lock(&self.files).get_mut(name)
            && Arc::ptr_eq(&e.text, text)
        {
            e.part = Some(parse);
        }
    }

    /// The cached text of `name`, if it has not changed since.
    pub(crate) fn text(&self, name: &str) -> Option<Arc<str>> {
        lock(&self.files).get(name).map(|e| e.text.clone())
    }

    /// Remembers the text read from `name`.
    pub(crate) fn store(&self, name: &str, text: &Arc<str>) {
        lock(&self.files).insert(
            name.to_string(),
            Entry {
                text: text.clone(),
                page: None,
                part: None,
            },
        );
    }

    /// The cached bytes of the file `name` (in `billeder/`), if it has
    /// not changed since.
    pub(crate) fn bytes(&self, name: &str) -> Option<Arc<Vec<u8>>> {
        lock(&self.bytes).get(name).cloned()
    }

    /// Remembers the bytes read from `name`.
    pub(crate) fn store_bytes(&self, name: &str, bytes: &Arc<Vec<u8>>) {
        lock(&self.bytes).insert(name.to_string(), bytes.clone());
    }

    /// The page parsed from exactly `text`, if it was parsed before.
    pub(crate) fn page(&self, name: &str, text: &Arc<str>) -> Option<Arc<PageParse>> {
        self.of_text(name, text, |e| e.page.clone())
    }

    /// For each of `names`: its cached text and the page parsed from it,
    /// if both are cached (one lock for them all: `content::load_pages`
    /// asks for every page at each rebuild).
    pub(crate) fn parsed<'n>(
        &self,
        names: impl Iterator<Item = &'n str>,
    ) -> Vec<Option<(Arc<str>, Arc<PageParse>)>> {
        let files = lock(&self.files);
        names
            .map(|name| {
                let e = files.get(name)?;
                Some((e.text.clone(), e.page.clone()?))
            })
            .collect()
    }

    /// Remembers the page parsed from `text`.
    pub(crate) fn store_page(&self, name: &str, text: &Arc<str>, parse: Arc<PageParse>) {
        if let Some(e) = lock(&self.files).get_mut(name)
            && Arc::ptr_eq(&e.text, text)
        {
            e.page = Some(parse);
        }
    }
}

/// The free pages' texts for diagnostics, made from `texts` (one for each
/// page of `listing`, in order): in `serve`, the last load's map with only
/// the changed texts put in, when the listing is the same.
pub(crate) fn page_sources(
    cache: Option<&FileCache>,
    listing: &Arc<PageListing>,
    texts: Vec<Option<Arc<str>>>,
) -> Sources {
    let names = listing.todo.iter().map(|(_, name, _)| name.as_str());
    let prev = cache
        .and_then(|c| c.page_sources())
        .filter(|p| Arc::ptr_eq(&p.listing, listing) && p.texts.len() == texts.len());
    let sources = match &prev {
        Some(prev) => {
            let mut s = prev.sources.clone();
            for ((name, new), old) in names.zip(&texts).zip(&prev.texts) {
                match (new, old) {
                    (Some(n), Some(o)) if Arc::ptr_eq(n, o) => {}
                    (Some(n), _) => s.insert_shared(name, n.clone()),
                    (None, Some(_)) => s.remove(name),
                    (None, None) => {}
                }
            }
            s
        }
        None => {
            let mut s = Sources::default();
            for (name, text) in names.zip(&texts) {
                if let Some(t) = text {
                    s.insert_shared(name, t.clone());
                }
            }
            s
        }
    };
    if let Some(c) = cache {
        c.store_page_sources(PageSources {
            listing: listing.clone(),
            texts,
            sources: sources.clone(),
        });
    }
    sources
}

/// Whether the change `c` (relative to `root`) leaves the listing of
/// `sider/` as it is: a change outside `sider/`, to a page file listed that
/// is still a regular file, or to a name directly in `sider/` that the
/// listing skips (hidden, backup, not `.md`) and that is not a folder.
fn listing_holds(l: &PageListing, root: &Path, c: &str) -> bool {
    let c = c.trim_end_matches('/');
    let Some(rest) = c.strip_prefix("sider/") else {
        // `sider` itself, or the root (""), may have changed as a whole.
        return !(c == "sider" || c.is_empty() || c == ".");
    };
    if rest.is_empty() || rest.contains('/') {
        return false;
    }
    let meta = std::fs::symlink_metadata(root.join(c)).ok();
    if l.todo.iter().any(|(_, name, _)| name == c) {
        return meta.is_some_and(|m| m.is_file());
    }
    let skipped = rest.starts_with('.') || rest.ends_with('~') || !rest.ends_with(".md");
    skipped && !meta.is_some_and(|m| m.is_dir())
}
