//! The file cache of the incremental preview (`crate::incremental`): what
//! `content::load` read last time, so that a save re-reads only the files
//! that changed. A file's text is reused when the watcher did not name it
//! and its size, modification time, inode and change time are the ones
//! seen *before* it was read last (so a write during the read shows as a
//! change next time); a free page's parsed front matter, body and
//! diagnostics are reused while its text is the very text cached (the same
//! `Arc`). Keeping the same `Arc` for an unchanged file also lets the
//! render memo tell unchanged Markdown by identity instead of by content.
//!
//! Only successful reads are cached; a file that could not be read is
//! tried again (and reported again) on every load, as a full build does.

use super::RawPage;
use crate::diag::Diagnostics;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::sync::{Arc, Mutex};

/// Files read by the last load, by name relative to the report.
#[derive(Default)]
pub struct FileCache {
    files: Mutex<HashMap<String, Entry>>,
}

struct Entry {
    stamp: Stamp,
    text: Arc<str>,
    page: Option<Arc<PageParse>>,
}

/// What a file looked like on disk.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Stamp {
    len: u64,
    mtime: Option<std::time::SystemTime>,
    ino: u64,
    ctime: i64,
    ctime_ns: i64,
}

fn stamp(path: &Path) -> Option<Stamp> {
    let m = std::fs::symlink_metadata(path).ok()?;
    #[cfg(unix)]
    let (ino, ctime, ctime_ns) = {
        use std::os::unix::fs::MetadataExt;
        (m.ino(), m.ctime(), m.ctime_nsec())
    };
    #[cfg(not(unix))]
    let (ino, ctime, ctime_ns) = (0, 0, 0);
    Some(Stamp {
        len: m.len(),
        mtime: m.modified().ok(),
        ino,
        ctime,
        ctime_ns,
    })
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
    pub fn forget(&self, changed: Option<&[String]>) {
        let mut files = lock(&self.files);
        match changed {
            None => files.clear(),
            Some(changed) => {
                for c in changed {
                    let folder = format!("{}/", c.trim_end_matches('/'));
                    files.retain(|name, _| name != c && !name.starts_with(&folder));
                }
            }
        }
    }

    /// The cached text of `name` if the file at `path` is as it was.
    /// Returns the stamp to store the text under, when it must be read.
    pub(crate) fn text(&self, name: &str, path: &Path) -> Result<Arc<str>, Option<Stamp>> {
        let now = stamp(path);
        let files = lock(&self.files);
        match (files.get(name), now) {
            (Some(e), Some(now)) if e.stamp == now => Ok(e.text.clone()),
            _ => Err(now),
        }
    }

    /// Remembers the text read from `name` (stamped before reading).
    pub(crate) fn store(&self, name: &str, stamp: Option<Stamp>, text: &Arc<str>) {
        if let Some(stamp) = stamp {
            lock(&self.files).insert(
                name.to_string(),
                Entry {
                    stamp,
                    text: text.clone(),
                    page: None,
                },
            );
        }
    }

    /// The page parsed from exactly `text`, if it was parsed before.
    pub(crate) fn page(&self, name: &str, text: &Arc<str>) -> Option<Arc<PageParse>> {
        let files = lock(&self.files);
        let e = files.get(name)?;
        if Arc::ptr_eq(&e.text, text) {
            e.page.clone()
        } else {
            None
        }
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
