//! The swap: a build writes into a hidden staging folder beside the output
//! and swaps it in at the end, holding a lock on the output all the while.
//!
//! What it guarantees:
//! - One build at a time per output folder: the lock file
//!   `.NAME.omstil-laas` beside it is held from start to swap; a second
//!   build stops at once with a message and touches nothing.
//! - The swap is one atomic step on Linux (`renameat2(RENAME_EXCHANGE)`),
//!   two renames elsewhere; a build that finds the traces of a killed one
//!   (the old site under its hidden name, no output) puts it back first.
//! - omstil deletes only what it wrote: the marker file `.omstil-output`
//!   lists every file of the site. Anything else in the output (`.git/`,
//!   `CNAME`, `.htaccess`, …) is moved over into the new site; if the new
//!   site has a file of the same name, the build stops and names it.

use super::target;
use super::{MARKER, OutputError, io};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// The marker's first line (for the human who opens it) and the line that
/// starts the list of files omstil wrote.
const MARKER_TEXT: &str = "Denne mappe er lavet af omstil. Ved næste build sletter omstil kun filerne herunder; andre filer i mappen flyttes med over i det nye website.\n";
const LIST_START: &str = "omstil-filer 1";

/// A temporary sibling folder of the output being written. Either
/// [`Staging::commit`] swaps it in, or dropping it removes it, so the old
/// output stays as it was until the new one is whole.
pub struct Staging {
    tmp: PathBuf,
    tmp_made: bool,
    out: PathBuf,
    /// The output as the user named it, for messages.
    shown: String,
    parent: PathBuf,
    name: String,
    done: bool,
    /// Folders this build made for the output (outermost first); removed
    /// again, when still empty, if the build does not finish.
    made: Vec<PathBuf>,
    lock: Option<(fs::File, PathBuf)>,
}

impl Staging {
    /// Checks `out` (see [`super::check_target`]), makes its parent folders,
    /// takes the lock, recovers what a killed build left, and creates the
    /// temporary folder beside `out`.
    pub fn create(out: &Path, report_root: &Path, force: bool) -> Result<Staging, OutputError> {
        let real = target::resolve_output(out)?;
        target::refuse_place(out, &real, report_root)?;
        let parent = real
            .parent()
            .ok_or_else(|| OutputError::Refused("Uddatamappen har ingen overmappe.".into()))?;
        let mut s = Staging {
            tmp: PathBuf::new(),
            tmp_made: false,
            out: real.clone(),
            shown: target::shown(out, &real),
            parent: parent.to_path_buf(),
            name: real
                .file_name()
                .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned()),
            done: false,
            made: Vec::new(),
            lock: None,
        };
        s.made = make_dirs(parent)?;
        // The same checks on the real folder now that its parents exist.
        let parent = parent
            .canonicalize()
            .map_err(|e| io("Kan ikke finde", parent, e))?;
        s.out = parent.join(real.file_name().unwrap_or_default());
        s.parent = parent;
        target::refuse_place(out, &s.out, report_root)?;
        // Once before the lock, so that a refusal leaves no lock file.
        target::refuse_contents(out, &s.out, force)?;
        s.lock = Some(lock(&s.parent, &s.name, &s.shown)?);
        for note in recover(&s.parent, &s.name, &s.out) {
            eprintln!("omstil: {note}");
        }
        target::refuse_contents(out, &s.out, force)?;
        s.tmp = s
            .parent
            .join(format!(".{}.omstil-ny-{}", s.name, std::process::id()));
        fs::create_dir(&s.tmp).map_err(|e| io("Kan ikke oprette", &s.tmp, e))?;
        s.tmp_made = true;
        Ok(s)
    }

    /// The temporary folder to write into.
    pub fn path(&self) -> &Path {
        &self.tmp
    }

    /// Marks the new site as omstil's (with the list of its files), moves
    /// the files omstil did not write from the old output into it, and
    /// swaps it in for the old one.
    pub fn commit(mut self) -> Result<(), OutputError> {
        let (tmp, out) = (self.tmp.clone(), self.out.clone());
        write_marker(&tmp)?;
        let old = fs::symlink_metadata(&out).is_ok();
        if !old {
            fs::rename(&tmp, &out)
                .map_err(|e| io("Kan ikke flytte den nye udgave på plads i", &out, e))?;
            self.done = true;
            return Ok(());
        }
        let (theirs, clash) = foreign(&out, &Manifest::read(&out))
            .and_then(|f| plan(&out, &tmp, f))
            .map_err(|e| io("Kan ikke læse", &out, e))?;
        if !clash.is_empty() {
            return Err(OutputError::Refused(format!(
                "Disse filer i {} er ikke skrevet af omstil, men det nye website har filer med samme navn: {}. omstil overskriver dem ikke. Flyt eller omdøb dem, og byg igen; intet er ændret.",
                self.shown,
                listed(&clash)
            )));
        }
        carry(&out, &tmp, &theirs)?;
        let gone = match swap(&tmp, &out, &self.parent, &self.name) {
            Ok(gone) => gone,
            Err(e) => {
                // Put the carried files back; the old output stays as it was.
                let _ = carry(&tmp, &out, &theirs);
                return Err(e);
            }
        };
        self.done = true;
        // `gone` is the old site: only files omstil wrote are left in it
        // (an unmarked old output is empty by now).
        remove_site(&gone);
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if self.done {
            return;
        }
        if self.tmp_made {
            if !self.tmp.join(MARKER).exists() {
                // Only what this build wrote.
                let _ = fs::remove_dir_all(&self.tmp);
            } else if foreign(&self.tmp, &Manifest::read(&self.tmp)).is_ok_and(|f| f.is_empty()) {
                // The swap failed and the carried files went back.
                remove_site(&self.tmp);
            }
            // Else carried files could not go back: the next build does.
        }
        if !self.made.is_empty() {
            // Folders made for an output that never came: remove them (and
            // the lock file in them) when nothing else is there.
            if let Some((file, path)) = self.lock.take() {
                let _ = fs::remove_file(path);
                drop(file);
            }
            for dir in self.made.iter().rev() {
                let _ = fs::remove_dir(dir);
            }
        }
    }
}

/// Removes a site folder whose files are all omstil's, the marker last,
/// so that a folder half removed when a crash came is still known as
/// omstil's. A folder without the marker is only removed when empty.
fn remove_site(dir: &Path) {
    if dir.join(MARKER).exists()
        && let Ok(list) = fs::read_dir(dir)
    {
        for e in list.flatten().filter(|e| e.file_name() != MARKER) {
            let _ = if e.file_type().is_ok_and(|t| t.is_dir()) {
                fs::remove_dir_all(e.path())
            } else {
                fs::remove_file(e.path())
            };
        }
        if fs::read_dir(dir).is_ok_and(|l| l.count() == 1) {
            let _ = fs::remove_file(dir.join(MARKER));
        }
    }
    let _ = fs::remove_dir(dir);
}

/// Makes `dir` and its missing parents; returns the ones it made.
fn make_dirs(dir: &Path) -> Result<Vec<PathBuf>, OutputError> {
    let mut missing = Vec::new();
    let mut d = Some(dir);
    while let Some(p) = d.filter(|p| fs::symlink_metadata(p).is_err()) {
        missing.push(p.to_path_buf());
        d = p.parent();
    }
    missing.reverse();
    for (i, p) in missing.iter().enumerate() {
        if let Err(e) = fs::create_dir(p) {
            for made in missing[..i].iter().rev() {
                let _ = fs::remove_dir(made);
            }
            return Err(io("Kan ikke oprette", p, e));
        }
    }
    Ok(missing)
}

/// Takes the lock of the output `name` in `parent`, or says who holds it.
fn lock(parent: &Path, name: &str, shown: &str) -> Result<(fs::File, PathBuf), OutputError> {
    let path = parent.join(format!(".{name}.omstil-laas"));
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| io("Kan ikke oprette låsefilen", &path, e))?;
    match file.try_lock() {
        Ok(()) => Ok((file, path)),
        Err(fs::TryLockError::WouldBlock) => Err(OutputError::Refused(format!(
            "Et andet build skriver til {shown} lige nu. Vent, til det er færdigt, og byg så igen (låsen er {}).",
            path.display()
        ))),
        // A file system without locks: go on, as before there were locks.
        Err(fs::TryLockError::Error(e)) if e.kind() == std::io::ErrorKind::Unsupported => {
            Ok((file, path))
        }
        Err(fs::TryLockError::Error(e)) => Err(io("Kan ikke låse", &path, e)),
    }
}

/// Swaps the new site `tmp` in for the existing `out`. Returns where the
/// old site is now.
fn swap(tmp: &Path, out: &Path, parent: &Path, name: &str) -> Result<PathBuf, OutputError> {
    if exchange(tmp, out) {
        return Ok(tmp.to_path_buf());
    }
    swap_by_renames(tmp, out, parent, name)
}

/// [`swap`] where the system has no atomic exchange: two renames. A crash
/// between them leaves the old site under its hidden name, which the next
/// build puts back (see [`recover`]).
fn swap_by_renames(
    tmp: &Path,
    out: &Path,
    parent: &Path,
    name: &str,
) -> Result<PathBuf, OutputError> {
    let old = parent.join(format!(".{name}.omstil-gammel-{}", std::process::id()));
    fs::rename(out, &old).map_err(|e| io("Kan ikke flytte", out, e))?;
    if let Err(e) = fs::rename(tmp, out) {
        let _ = fs::rename(&old, out);
        return Err(io("Kan ikke flytte den nye udgave på plads i", out, e));
    }
    Ok(old)
}

/// Swaps two folders in one atomic step, where the system can.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> bool {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let (Ok(a), Ok(b)) = (
        CString::new(a.as_os_str().as_bytes()),
        CString::new(b.as_os_str().as_bytes()),
    ) else {
        return false;
    };
    // SAFETY: both paths are valid NUL-terminated strings for the call.
    let r = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    r == 0
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> bool {
    false
}

/// What the marker of a folder says omstil wrote there.
enum Manifest {
    /// No marker: nothing in the folder is omstil's.
    None,
    /// A marker from before the list: all is omstil's but hidden files
    /// (`.git/`, `.htaccess`, …) and `CNAME`/`web.config`, which omstil
    /// never wrote.
    Unlisted,
    Listed {
        files: BTreeSet<String>,
        dirs: BTreeSet<String>,
    },
}

impl Manifest {
    fn read(dir: &Path) -> Manifest {
        let Ok(text) = fs::read_to_string(dir.join(MARKER)) else {
            return if dir.join(MARKER).exists() {
                Manifest::Unlisted
            } else {
                Manifest::None
            };
        };
        let mut lines = text.lines();
        if !lines.any(|l| l == LIST_START) {
            return Manifest::Unlisted;
        }
        let files: BTreeSet<String> = lines.map(unescape).collect();
        let mut dirs = BTreeSet::new();
        for f in &files {
            let mut p = f.as_str();
            while let Some((d, _)) = p.rsplit_once('/') {
                if !dirs.insert(d.to_string()) {
                    break;
                }
                p = d;
            }
        }
        Manifest::Listed { files, dirs }
    }

    /// Whether omstil wrote the entry `rel` (a file, or a folder of its).
    fn ours(&self, rel: &str, is_dir: bool) -> bool {
        match self {
            Manifest::None => false,
            Manifest::Unlisted => {
                !(rel.split('/').any(|c| c.starts_with('.'))
                    || rel == "CNAME"
                    || rel == "web.config")
            }
            Manifest::Listed { files, dirs } => {
                if is_dir {
                    dirs.contains(rel)
                } else {
                    files.contains(rel)
                }
            }
        }
    }
}

/// A path relative to the site root, `/`-separated.
fn key(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The first few of `paths` for a message, and how many more there are.
fn listed(paths: &[PathBuf]) -> String {
    const SHOWN: usize = 10;
    let mut s: Vec<String> = paths.iter().take(SHOWN).map(|p| key(p)).collect();
    if paths.len() > SHOWN {
        s.push(format!("og {} andre", paths.len() - SHOWN));
    }
    s.join(", ")
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match (c, c == '\\') {
            (_, true) => match chars.next() {
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some(o) => out.push(o),
                None => {}
            },
            (c, false) => out.push(c),
        }
    }
    out
}

/// Every file under `root` (relative, sorted), not following symlinks.
fn files_under(root: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    entries(root, Path::new(""), &mut |rel, is_dir| {
        if !is_dir {
            found.push(rel.to_path_buf());
        }
        true
    })?;
    found.sort();
    Ok(found)
}

/// Walks the folder `root`/`rel`; `f(rel, is_dir)` says whether to go
/// into a folder.
fn entries(root: &Path, rel: &Path, f: &mut dyn FnMut(&Path, bool) -> bool) -> std::io::Result<()> {
    let mut list: Vec<_> = fs::read_dir(root.join(rel))?.collect::<Result<_, _>>()?;
    // Cached: `file_name` makes a new string at each call.
    list.sort_by_cached_key(|e| e.file_name());
    for e in list {
        let r = rel.join(e.file_name());
        let is_dir = e.file_type()?.is_dir();
        if f(&r, is_dir) && is_dir {
            entries(root, &r, f)?;
        }
    }
    Ok(())
}

/// Writes the marker with the list of the site's files (via a temporary
/// name, so a marker is always whole).
fn write_marker(site: &Path) -> Result<(), OutputError> {
    let files = files_under(site).map_err(|e| io("Kan ikke læse", site, e))?;
    let mut text = format!("{MARKER_TEXT}{LIST_START}\n");
    for f in files {
        text.push_str(&escape(&key(&f)));
        text.push('\n');
    }
    let part = site.join(format!("{MARKER}.ny"));
    fs::write(&part, text).map_err(|e| io("Kan ikke skrive", &part, e))?;
    fs::rename(&part, site.join(MARKER)).map_err(|e| io("Kan ikke skrive", site, e))
}

/// The outermost entries of `dir` that omstil did not write, sorted.
fn foreign(dir: &Path, m: &Manifest) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    entries(dir, Path::new(""), &mut |rel, is_dir| {
        let k = key(rel);
        if k == MARKER || m.ours(&k, is_dir) {
            return true;
        }
        found.push(rel.to_path_buf());
        false
    })?;
    Ok(found)
}

/// Whether `rel` (or a folder on its way) is already taken in `site`.
fn taken(site: &Path, rel: &Path) -> bool {
    if fs::symlink_metadata(site.join(rel)).is_ok() {
        return true;
    }
    rel.ancestors()
        .skip(1)
        .filter(|a| !a.as_os_str().is_empty())
        .any(|a| fs::symlink_metadata(site.join(a)).is_ok_and(|m| !m.is_dir()))
}

/// Splits the entries `theirs` of `from` into those that can move to the
/// same place in `to` and those whose place is taken there. A folder that
/// is a folder in both is merged: its entries are split in turn.
fn plan(
    from: &Path,
    to: &Path,
    mut theirs: Vec<PathBuf>,
) -> std::io::Result<(Vec<PathBuf>, Vec<PathBuf>)> {
    let (mut free, mut clash) = (Vec::new(), Vec::new());
    let is_dir = |p: &Path| fs::symlink_metadata(p).is_ok_and(|m| m.is_dir());
    while let Some(rel) = theirs.pop() {
        if is_dir(&from.join(&rel)) && is_dir(&to.join(&rel)) {
            for e in fs::read_dir(from.join(&rel))? {
                theirs.push(rel.join(e?.file_name()));
            }
        } else if taken(to, &rel) {
            clash.push(rel);
        } else {
            free.push(rel);
        }
    }
    free.sort();
    clash.sort();
    Ok((free, clash))
}

/// Moves the entries `rels` from `from` to the same places in `to`; on a
/// failure moves the ones already moved back.
fn carry(from: &Path, to: &Path, rels: &[PathBuf]) -> Result<(), OutputError> {
    for (i, rel) in rels.iter().enumerate() {
        let (a, b) = (from.join(rel), to.join(rel));
        let r = b
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|_| fs::rename(&a, &b));
        if let Err(e) = r {
            for back in rels[..i].iter().rev() {
                let _ = fs::rename(to.join(back), from.join(back));
            }
            return Err(io("Kan ikke flytte", &a, e));
        }
    }
    Ok(())
}

/// Cleans up after builds that were killed, before anything else happens
/// (the caller holds the lock, so no live build owns these folders):
/// - no output but the old site under its hidden name: it is put back;
/// - files a killed build had carried over are moved back into the output;
/// - the hidden folders are then removed, but only when they hold nothing
///   omstil did not write, and the empty `NAME.gammel-N` folders that
///   older versions left beside the output.
///
/// Returns what the user should be told.
fn recover(parent: &Path, name: &str, out: &Path) -> Vec<String> {
    let (ny, gammel, visible) = (
        format!(".{name}.omstil-ny-"),
        format!(".{name}.omstil-gammel-"),
        format!("{name}.gammel-"),
    );
    let numbered = |n: &str, prefix: &str| {
        n.strip_prefix(prefix)
            .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
    };
    let mut left: Vec<(bool, PathBuf)> = Vec::new();
    let Ok(list) = fs::read_dir(parent) else {
        return Vec::new();
    };
    for e in list.flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        if !e.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        if numbered(&n, &visible) {
            // Empty ones only: remove_dir never removes anything inside.
            let _ = fs::remove_dir(e.path());
        } else if numbered(&n, &gammel) || numbered(&n, &ny) {
            left.push((numbered(&n, &ny), e.path()));
        }
    }
    // Old sites first, then by name.
    left.sort();
    let mut notes = Vec::new();
    if fs::symlink_metadata(out).is_err()
        && let Some(i) = left.iter().position(|(_, p)| p.join(MARKER).exists())
    {
        let (_, site) = left.remove(i);
        if fs::rename(&site, out).is_ok() {
            notes.push(format!(
                "Et tidligere build blev afbrudt; det forrige website i {} er lagt tilbage.",
                out.display()
            ));
        }
    }
    for (is_new, dir) in left {
        let m = Manifest::read(&dir);
        if matches!(m, Manifest::None) {
            // A staging folder from before the marker: all omstil's.
            // (An unmarked old output was emptied before the swap.)
            let _ = if is_new {
                fs::remove_dir_all(&dir)
            } else {
                fs::remove_dir(&dir)
            };
            continue;
        }
        let (free, mut stuck) = match foreign(&dir, &m).and_then(|f| plan(&dir, out, f)) {
            Ok(split) if out.is_dir() => split,
            _ => (Vec::new(), vec![PathBuf::from(".")]),
        };
        for rel in free {
            if carry(&dir, out, std::slice::from_ref(&rel)).is_err() {
                stuck.push(rel);
            }
        }
        if stuck.is_empty() {
            remove_site(&dir);
        } else {
            notes.push(format!(
                "{} er efterladt af et afbrudt build og indeholder filer, som omstil ikke har skrevet ({}); mappen er ikke slettet.",
                dir.display(),
                listed(&stuck)
            ));
        }
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_marker_lists_odd_names_and_reads_them_back() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path();
        fs::create_dir_all(site.join("a/b")).unwrap();
        fs::write(site.join("a/b/c.html"), "x").unwrap();
        fs::write(site.join("linje\nskift\\x"), "x").unwrap();
        write_marker(site).unwrap();
        let m = Manifest::read(site);
        assert!(m.ours("a/b/c.html", false));
        assert!(m.ours("a/b", true) && m.ours("a", true));
        assert!(m.ours("linje\nskift\\x", false));
        assert!(!m.ours("CNAME", false) && !m.ours("a/b/c.html", true));
        fs::write(site.join("CNAME"), "x").unwrap();
        fs::create_dir(site.join(".git")).unwrap();
        fs::write(site.join("a/egen.png"), "x").unwrap();
        let theirs: Vec<String> = foreign(site, &m).unwrap().iter().map(|p| key(p)).collect();
        assert_eq!(theirs, [".git", "CNAME", "a/egen.png"]);
    }

    #[test]
    fn a_crash_between_the_two_renames_is_recovered() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        let (out, tmp) = (p.join("ud"), p.join(".ud.omstil-ny-1"));
        for (site, text) in [(&out, "gammel"), (&tmp, "ny")] {
            fs::create_dir(site).unwrap();
            fs::write(site.join("index.html"), text).unwrap();
            write_marker(site).unwrap();
        }
        fs::write(out.join("CNAME"), "x.dk").unwrap();
        carry(&out, &tmp, &[PathBuf::from("CNAME")]).unwrap();
        // The first rename of the swap, then the crash.
        fs::rename(&out, p.join(".ud.omstil-gammel-1")).unwrap();
        let notes = recover(p, "ud", &out);
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert_eq!(
            fs::read_to_string(out.join("index.html")).unwrap(),
            "gammel"
        );
        assert_eq!(fs::read_to_string(out.join("CNAME")).unwrap(), "x.dk");
        let left: Vec<_> = fs::read_dir(p)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, ["ud"]);
        // Without the crash, the two renames swap the sites.
        fs::create_dir(&tmp).unwrap();
        fs::write(tmp.join("index.html"), "ny").unwrap();
        let old = swap_by_renames(&tmp, &out, p, "ud").unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "ny");
        assert_eq!(
            fs::read_to_string(old.join("index.html")).unwrap(),
            "gammel"
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn exchange_swaps_two_folders() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        fs::create_dir(&a).unwrap();
        fs::create_dir(&b).unwrap();
        fs::write(a.join("x"), "a").unwrap();
        fs::write(b.join("x"), "b").unwrap();
        assert!(exchange(&a, &b));
        assert_eq!(fs::read_to_string(a.join("x")).unwrap(), "b");
        assert_eq!(fs::read_to_string(b.join("x")).unwrap(), "a");
    }
}
