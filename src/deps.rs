//! Dependency recording for the incremental preview (`incremental`,
//! `render::memo`): while one unit of rendering (a part of the report or
//! one free page) runs on a thread, every lookup it makes in the shared
//! indexes (`markdown::LinkIndex`, the provenance index) is noted here as
//! a [`Dep`] key. The memo stores the keys with a hash of each key's value;
//! on the next rebuild the unit is rendered again only if one of those
//! values changed (or its own input did). A leaf module: it knows nothing
//! of the pipeline but the entity kinds.
//!
//! The recorder is thread-local: a unit runs from start to end on one
//! thread (nothing inside a unit uses the thread pool), so the lookups a
//! thread makes between [`start`] and [`stop`] are exactly the unit's.
//! When no unit is being recorded (`omstil build`), [`note`] costs one
//! thread-local read.

use crate::content::model::Kind;
use std::cell::RefCell;

/// Something a unit looked up in the model's shared indexes.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Dep {
    /// An entity's title, or that it does not exist.
    Title(Kind, String),
    /// Whether an entity exists (a link with its own text).
    Exists(Kind, String),
    /// Whether a missing entity was already explained (`Unchecked`).
    Covers(Kind, String),
    /// Whether a part file of a kind failed to load.
    UncheckedKind(Kind),
    /// How many ids a kind has.
    Count(Kind),
    /// Every id of a kind (the "did you mean" of a broken link).
    Ids(Kind),
    /// An overview page's title (`@sagsanalyse`), or that there is none.
    Overview(String),
    /// Whether the report has the file (an image).
    Asset(String),
    /// The provenance line of the page at a path.
    Prov(String),
    /// Whether an entity is marked reconstructed.
    Reconstructed(Kind, String),
    /// The front page's text (`forside.md`), which is read only where
    /// this is noted (`render::front`) and so is not in the parts' key.
    Front,
}

thread_local! {
    static DEPS: RefCell<Option<Vec<Dep>>> = const { RefCell::new(None) };
}

/// Starts recording this thread's lookups.
pub(crate) fn start() {
    DEPS.with(|d| *d.borrow_mut() = Some(Vec::new()));
}

/// Stops recording; the lookups since [`start`], sorted, each once.
pub(crate) fn stop() -> Vec<Dep> {
    let mut v = DEPS.with(|d| d.borrow_mut().take()).unwrap_or_default();
    v.sort();
    v.dedup();
    v
}

/// Notes a lookup (if this thread is recording).
pub(crate) fn note(dep: impl FnOnce() -> Dep) {
    DEPS.with(|d| {
        if let Some(v) = d.borrow_mut().as_mut() {
            v.push(dep());
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_only_between_start_and_stop() {
        note(|| Dep::Count(Kind::Side));
        start();
        note(|| Dep::Asset("b".into()));
        note(|| Dep::Asset("a".into()));
        note(|| Dep::Asset("b".into()));
        assert_eq!(stop(), vec![Dep::Asset("a".into()), Dep::Asset("b".into())]);
        note(|| Dep::Count(Kind::Side));
        assert_eq!(stop(), vec![]);
    }
}
