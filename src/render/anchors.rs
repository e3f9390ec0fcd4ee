//! Link checks that need every page: links to a heading on another page
//! (`[tekst](@side/baggrund#metode)`) and the "did you mean" of links to
//! missing ids of a kind with many ids. Markdown records them while pages
//! render on several threads, each written page records the ids it has, and
//! once every page is written the links whose heading is missing become
//! errors. One pass over each page's HTML; the guesses are made for the
//! first [`MAX_GUESSES`] errors in reading order only, so their cost does
//! not grow with the number of bad links times the number of ids.

use crate::diag::{Diagnostics, did_you_mean};
use crate::markdown::{AnchorLink, Guess, Later, LinkIndex};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Mutex;

/// Shared by all forks of the render context.
#[derive(Default)]
pub(crate) struct Anchors {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    links: Vec<AnchorLink>,
    guesses: Vec<Guess>,
    /// Page path → every `id` on it, and the ids of its headings in order.
    pages: PageIds,
}

impl Anchors {
    pub(crate) fn add(&self, later: Later) {
        if !later.anchor_links.is_empty() || !later.guesses.is_empty() {
            let mut inner = lock(&self.inner);
            inner.links.extend(later.anchor_links);
            inner.guesses.extend(later.guesses);
        }
    }

    /// Records the ids of the page written at `path`.
    pub(crate) fn add_page(&self, path: &str, html: &str) {
        let ids = ids_of(html);
        lock(&self.inner).pages.insert(path.to_string(), ids);
    }

    /// An error for every link to a heading its page does not have, and
    /// the guessed ids.
    pub(crate) fn check(&self, index: &LinkIndex, diags: &mut Diagnostics) {
        let mut inner = lock(&self.inner);
        let inner = &mut *inner;
        let pages = &inner.pages;
        check(
            &mut inner.links,
            &mut inner.guesses,
            |p| pages.get(p),
            index,
            diags,
        );
    }

    /// What was recorded: the links and guesses, and each page's ids (for
    /// the incremental preview, which keeps them per unit of rendering).
    pub(crate) fn into_parts(self) -> (Later, PageIds) {
        let inner = self.inner.into_inner().unwrap_or_else(|e| e.into_inner());
        let later = Later {
            anchor_links: inner.links,
            guesses: inner.guesses,
        };
        (later, inner.pages)
    }
}

/// Page path → every `id` on it, and the ids of its headings in order.
pub(crate) type PageIds = BTreeMap<String, (BTreeSet<String>, Vec<String>)>;

/// [`Anchors::check`] over links, guesses and the ids of the pages as
/// `page` finds them.
pub(crate) fn check<'p>(
    links: &mut [AnchorLink],
    guesses: &mut [Guess],
    page: impl Fn(&str) -> Option<&'p (BTreeSet<String>, Vec<String>)>,
    index: &LinkIndex,
    diags: &mut Diagnostics,
) {
    guess(guesses, index, diags);
    links.sort_by(|a, b| (&a.file, a.pos, &a.link).cmp(&(&b.file, b.pos, &b.link)));
    let mut guessed = 0;
    for l in links.iter() {
        let Some((all, headings)) = page(&l.target) else {
            continue;
        };
        if all.contains(&l.anchor) {
            continue;
        }
        let d = diags.error(
            &l.file,
            l.pos,
            format!(
                "Linket `{}` peger på overskriften `#{}`, som ikke findes på siden.",
                l.link, l.anchor
            ),
        );
        let base = l.link.split('#').next().unwrap_or(&l.link);
        let meant = (guessed < MAX_GUESSES)
            .then(|| {
                guessed += 1;
                did_you_mean(&l.anchor, headings.iter().map(String::as_str))
            })
            .flatten();
        match meant {
            Some(s) => d.hint(format!("Mente du `{base}#{s}`?")),
            None if headings.is_empty() => {
                d.hint(format!("Siden har ingen overskrifter; link til `{base}`."))
            }
            None => {
                let shown: Vec<String> =
                    headings.iter().take(8).map(|h| format!("`#{h}`")).collect();
                let more = if headings.len() > 8 { ", …" } else { "" };
                d.hint(format!(
                    "Sidens overskrifter har id'erne {}{more}.",
                    shown.join(", ")
                ))
            }
        };
    }
}

/// How many errors about missing ids get a guessed id.
const MAX_GUESSES: usize = 200;

/// "Mente du …?" for the first [`MAX_GUESSES`] errors, in the order they
/// are printed (so which ones get it does not depend on the threads).
fn guess(guesses: &mut [Guess], index: &LinkIndex, diags: &mut Diagnostics) {
    guesses.sort_by(|a, b| (&a.file, a.pos, &a.message).cmp(&(&b.file, b.pos, &b.message)));
    let mut hints: HashMap<(&str, u32, u32, &str), String> = HashMap::new();
    for g in guesses.iter().take(MAX_GUESSES) {
        if let Some(h) = g.hint(index) {
            hints.insert((&g.file, g.pos.line, g.pos.col, &g.message), h);
        }
    }
    if hints.is_empty() {
        return;
    }
    for d in diags.iter_mut() {
        if let Some(h) = hints.get(&(d.file.as_str(), d.line, d.col, d.message.as_str())) {
            d.hint = Some(h.clone());
        }
    }
}

fn lock(m: &Mutex<Inner>) -> std::sync::MutexGuard<'_, Inner> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Every `id="…"` in `html`, and those on headings (`<h2 id="…">`) in order.
fn ids_of(html: &str) -> (BTreeSet<String>, Vec<String>) {
    let mut all = BTreeSet::new();
    let mut headings = Vec::new();
    // memmem's SIMD search: the same non-overlapping matches as
    // `match_indices`, on every page of the site.
    for i in memchr::memmem::find_iter(html.as_bytes(), b" id=\"") {
        let rest = &html[i + 5..];
        let Some(end) = rest.find('"') else { break };
        let id = unescape(&rest[..end]);
        let tag_start = html[..i].rfind('<').unwrap_or(0);
        let tag = &html[tag_start..i];
        if tag.len() == 3 && tag.starts_with("<h") && tag.as_bytes()[2].is_ascii_digit() {
            headings.push(id.clone());
        }
        all.insert(id);
    }
    (all, headings)
}

fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_ids_and_heading_ids() {
        let (all, headings) =
            ids_of("<main id=\"indhold\"><h2 id=\"metode\">M</h2><h3 id=\"a&amp;b\">x</h3>");
        assert!(all.contains("indhold") && all.contains("metode") && all.contains("a&b"));
        assert_eq!(headings, vec!["metode", "a&b"]);
    }
}
