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

use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, DebouncedEvent, new_debouncer, new_debouncer_opt,
};
use std::collections::BTreeSet;
use std::path::{Component, Path};
use std::sync::mpsc::Sender;
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

/// Keeps the watcher alive; dropping it stops watching.
pub(crate) type Watcher = Box<dyn std::any::Any + Send>;

/// Starts watching `root` (absolute); sends each batch of relevant changed
/// paths (relative to `root`, `/`-separated) to `tx`.
pub(crate) fn start(root: &Path, tx: Sender<Vec<String>>) -> Result<Watcher, notify::Error> {
    let handler = {
        let root = root.to_path_buf();
        let tx = tx.clone();
        move |res: DebounceEventResult| handle(&root, &tx, res)
    };
    let native = new_debouncer(DEBOUNCE, Some(TICK), handler).and_then(|mut d| {
        d.watch(root, RecursiveMode::Recursive)?;
        Ok(d)
    });
    let error = match native {
        Ok(d) => return Ok(Box::new(d)),
        Err(e) => e,
    };
    eprintln!(
        "omstil: systemets filovervågning kan ikke bruges ({error}); filerne kigges i stedet efter hvert {}. sekund.",
        POLL.as_secs_f32()
    );
    let handler = {
        let root = root.to_path_buf();
        move |res: DebounceEventResult| handle(&root, &tx, res)
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
    Ok(Box::new(d))
}

/// Runs on the debouncer's thread: must never panic (that would end
/// watching), so errors are only printed.
fn handle(root: &Path, tx: &Sender<Vec<String>>, res: DebounceEventResult) {
    match res {
        Ok(events) => {
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
}
