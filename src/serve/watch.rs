//! Watching the report folder for `serve`: notify + notify-debouncer-full,
//! recursive over the whole report (content, `themes/`, `omstil.yaml`, CSV,
//! pages, images), so that new folders are picked up too.
//!
//! What editors do: an atomic save (write a temp file, rename it over the
//! original) arrives as events on both names; the temp name is ignored
//! below and the real name is not, so it counts once. A burst of saves
//! within the debounce time is one batch; a batch that arrives while a
//! build runs waits in the channel (see `Builder::run`). Swap, backup and
//! lock files, hidden files, `output/` and plain reads (`Access` events)
//! never cause a build.
//!
//! A report folder that is deleted and made again (`git checkout` of a
//! parent, unzip, `rm -rf rapport && cp -r kopi rapport`) is a new folder:
//! the system's watch on the old one ends with it. A small thread looks at
//! the folder itself every [`ROOT_POLL`] and, when it is gone, back, or
//! another folder (inode) by the same name, watches it afresh and asks for
//! a build (which says in the overlay that the folder is gone while it is).

use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, DebouncedEvent, new_debouncer, new_debouncer_opt,
};
use std::collections::BTreeSet;
use std::path::{Component, Path};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

/// Quiet time after the last event before a batch is handed on. Editors'
/// saves (temp file + rename, or truncate + write) finish within a
/// millisecond or two, so 30 ms covers them with room to spare; 50 ms cost
/// 20 ms more on every save for nothing (measured with
/// `cargo run --release --example serve_latency`). A burst that outlasts it
/// only costs one more build: changes that arrive during a build are taken
/// together afterwards.
const DEBOUNCE: Duration = Duration::from_millis(30);
/// How often the debouncer looks for quiet paths: a batch is handed on
/// 30–35 ms after the last event (the default tick, a quarter of the
/// timeout, would add up to 8 ms).
const TICK: Duration = Duration::from_millis(5);
/// The polling watcher, used only when the system's watcher cannot start
/// (e.g. the limit on inotify watches is reached).
const POLL: Duration = Duration::from_millis(300);

/// How often the report folder itself is looked at (one `stat`): how soon
/// a deleted folder is reported, and a recreated one watched again.
const ROOT_POLL: Duration = Duration::from_millis(200);

/// Keeps the watcher alive; dropping it stops watching.
pub(crate) struct Watcher {
    _stop: Sender<()>,
}

/// Watches `root` afresh (the old watch, if any, is dropped first).
type Rearm = Box<dyn FnMut() -> Result<(), notify::Error> + Send>;

/// Starts watching `root` (absolute); sends each batch of relevant changed
/// paths (relative to `root`, `/`-separated) to `tx`.
pub(crate) fn start(root: &Path, tx: Sender<Vec<String>>) -> Result<Watcher, notify::Error> {
    let lost = Arc::new(AtomicBool::new(false));
    let rearm = debouncer(root, tx.clone(), lost.clone())?;
    let (stop, stopped) = mpsc::channel();
    let root = root.to_path_buf();
    std::thread::Builder::new()
        .name("omstil-watch-root".into())
        .spawn(move || keep_watching(&root, &tx, rearm, &lost, &stopped))
        .map_err(notify::Error::io)?;
    Ok(Watcher { _stop: stop })
}

/// The report folder's identity: another folder by the same name is
/// another inode. `None` when it is gone (or cannot be looked at).
fn identity(root: &Path) -> Option<(u64, u64)> {
    let meta = std::fs::metadata(root).ok().filter(|m| m.is_dir())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        Some((0, 0))
    }
}

/// The thread that keeps `root` watched until the [`Watcher`] is dropped.
/// `lost`: the watcher saw the folder itself deleted or moved (a folder
/// recreated at once may even get the old inode number back).
fn keep_watching(
    root: &Path,
    tx: &Sender<Vec<String>>,
    mut rearm: Rearm,
    lost: &AtomicBool,
    stopped: &Receiver<()>,
) {
    let mut watched = identity(root);
    while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(ROOT_POLL) {
        let now = identity(root);
        let was_lost = now.is_some() && lost.swap(false, Ordering::Relaxed);
        if now == watched && !was_lost {
            continue;
        }
        if now.is_some()
            && let Err(e) = rearm()
        {
            eprintln!(
                "omstil: rapportmappen kan ikke overvåges igen ({e}); genstart omstil serve."
            );
        }
        watched = now;
        // Gone, or back: build, so that the tabs hear which.
        if tx.send(Vec::new()).is_err() {
            return;
        }
    }
}

/// Starts the debouncer on `root`; returns how to watch `root` again.
fn debouncer(
    root: &Path,
    tx: Sender<Vec<String>>,
    lost: Arc<AtomicBool>,
) -> Result<Rearm, notify::Error> {
    let handler = {
        let root = root.to_path_buf();
        let tx = tx.clone();
        let lost = lost.clone();
        move |res: DebounceEventResult| handle(&root, &tx, &lost, res)
    };
    let native = new_debouncer(DEBOUNCE, Some(TICK), handler).and_then(|mut d| {
        d.watch(root, RecursiveMode::Recursive)?;
        Ok(d)
    });
    let error = match native {
        Ok(mut d) => {
            let root = root.to_path_buf();
            return Ok(Box::new(move || {
                let _ = d.unwatch(&root);
                d.watch(&root, RecursiveMode::Recursive)
            }));
        }
        Err(e) => e,
    };
    eprintln!(
        "omstil: systemets filovervågning kan ikke bruges ({error}); filerne kigges i stedet efter hvert {}. sekund.",
        POLL.as_secs_f32()
    );
    let handler = {
        let root = root.to_path_buf();
        move |res: DebounceEventResult| handle(&root, &tx, &lost, res)
    };
    let config = notify::Config::default().with_poll_interval(POLL);
    let mut d = new_debouncer_opt::<_, notify::PollWatcher, _>(
        DEBOUNCE,
        Some(TICK),
        handler,
        notify_debouncer_full::NoCache,
        config,
    )?;
    d.watch(root, RecursiveMode::Recursive)?;
    let root = root.to_path_buf();
    Ok(Box::new(move || {
        let _ = d.unwatch(&root);
        d.watch(&root, RecursiveMode::Recursive)
    }))
}

/// Runs on the debouncer's thread: must never panic (that would end
/// watching), so errors are only printed.
fn handle(root: &Path, tx: &Sender<Vec<String>>, lost: &AtomicBool, res: DebounceEventResult) {
    match res {
        Ok(events) => {
            if events.iter().any(|e| loses_root(root, e)) {
                lost.store(true, Ordering::Relaxed);
            }
            if let Some(changed) = relevant_changes(root, &events) {
                // The builder is gone only when the process is ending.
                let _ = tx.send(changed);
            }
        }
        Err(errors) => {
            for e in errors {
                eprintln!("omstil: fejl i overvågningen af filerne: {e}");
            }
        }
    }
}

/// Whether the event ends the watch on the folder itself: it was deleted
/// or moved away.
fn loses_root(root: &Path, ev: &DebouncedEvent) -> bool {
    matches!(
        ev.kind,
        EventKind::Remove(_) | EventKind::Modify(notify::event::ModifyKind::Name(_))
    ) && ev.paths.iter().any(|p| p == root)
}

/// The changed paths worth a build, or `None` if nothing in the batch is.
/// An event without paths, or one that says events were lost (a rescan),
/// counts as a change of unknown files.
fn relevant_changes(root: &Path, events: &[DebouncedEvent]) -> Option<Vec<String>> {
    let mut changed = BTreeSet::new();
    let mut any = false;
    for ev in events {
        if matches!(ev.kind, EventKind::Access(_)) {
            continue;
        }
        if ev.need_rescan() || ev.paths.is_empty() {
            any = true;
            continue;
        }
        for p in &ev.paths {
            if let Some(rel) = relevant(root, p) {
                any = true;
                changed.insert(rel);
            }
        }
    }
    any.then(|| changed.into_iter().collect())
}

/// The path relative to `root` if a change to it can change the site.
fn relevant(root: &Path, path: &Path) -> Option<String> {
    let Ok(rel) = path.strip_prefix(root) else {
        // Outside the report (should not happen): rebuild to be safe.
        return Some(path.display().to_string());
    };
    let parts: Vec<String> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    if parts.first().is_some_and(|p| p == "output") {
        return None;
    }
    if parts.iter().any(|p| p.starts_with('.')) {
        // .git, .DS_Store, vim's .x.swp, Emacs' .#x, .output.omstil-ny-…
        return None;
    }
    if let Some(name) = parts.last()
        && is_editor_litter(name)
    {
        return None;
    }
    Some(parts.join("/"))
}

/// Swap, backup, lock and temp files that editors write beside the file.
fn is_editor_litter(name: &str) -> bool {
    const ENDINGS: [&str; 9] = [
        "~",
        ".swp",
        ".swx",
        ".swo",
        ".tmp",
        ".bak",
        ".kate-swp",
        ".crswap",
        "___jb_tmp___",
    ];
    name == "4913"
        || (name.starts_with('#') && name.ends_with('#'))
        || name.ends_with("___jb_old___")
        || ENDINGS.iter().any(|e| name.ends_with(e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, CreateKind, ModifyKind, RenameMode};
    use std::path::PathBuf;
    use std::time::Instant;

    fn ev(kind: EventKind, paths: &[&str]) -> DebouncedEvent {
        let mut e = notify::Event::new(kind);
        for p in paths {
            e = e.add_path(PathBuf::from(p));
        }
        DebouncedEvent::new(e, Instant::now())
    }

    #[test]
    fn ignores_output_hidden_files_and_editor_litter() {
        let root = Path::new("/r");
        for ignored in [
            "/r/output/index.html",
            "/r/.git/index",
            "/r/.forside.md.swp",
            "/r/sider/.#om.md",
            "/r/.DS_Store",
            "/r/4913",
            "/r/forside.md~",
            "/r/#forside.md#",
            "/r/sider/om.md.swx",
            "/r/.output.omstil-ny-12/index.html",
        ] {
            assert_eq!(relevant(root, Path::new(ignored)), None, "{ignored}");
        }
        for kept in [
            "/r/omstil.yaml",
            "/r/sider/ny/side.md",
            "/r/noegletal/a.csv",
            "/r/themes/egen/templates/page.html",
            "/r/outputs.md",
        ] {
            assert!(relevant(root, Path::new(kept)).is_some(), "{kept}");
        }
        assert_eq!(
            relevant(root, Path::new("/r/sider/om.md")).as_deref(),
            Some("sider/om.md")
        );
    }

    #[test]
    fn a_batch_counts_if_any_event_in_it_does() {
        let root = Path::new("/r");
        let reads = [ev(EventKind::Access(AccessKind::Any), &["/r/forside.md"])];
        assert_eq!(relevant_changes(root, &reads), None);
        let litter = [ev(EventKind::Create(CreateKind::File), &["/r/4913"])];
        assert_eq!(relevant_changes(root, &litter), None);
        // An atomic save: temp file renamed over the real one.
        let save = [
            ev(EventKind::Create(CreateKind::File), &["/r/.forside.md.tmp"]),
            ev(
                EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
                &["/r/forside.md.tmp", "/r/forside.md"],
            ),
        ];
        assert_eq!(
            relevant_changes(root, &save),
            Some(vec!["forside.md".to_string()])
        );
        let rescan = [ev(EventKind::Other, &[])];
        assert_eq!(relevant_changes(root, &rescan), Some(vec![]));
    }

    #[test]
    fn notices_when_the_folder_itself_goes() {
        let root = Path::new("/r");
        let gone = ev(
            EventKind::Remove(notify::event::RemoveKind::Folder),
            &["/r"],
        );
        assert!(loses_root(root, &gone));
        let moved = ev(
            EventKind::Modify(ModifyKind::Name(RenameMode::From)),
            &["/r"],
        );
        assert!(loses_root(root, &moved));
        let file = ev(
            EventKind::Remove(notify::event::RemoveKind::File),
            &["/r/a.md"],
        );
        assert!(!loses_root(root, &file));
        let made = ev(EventKind::Create(CreateKind::Folder), &["/r"]);
        assert!(!loses_root(root, &made));
    }
}
