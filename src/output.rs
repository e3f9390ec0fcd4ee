//! Output: where rendered files go ([`Sink`]), and how a build puts them on
//! disk: into a temporary sibling folder, swapped in whole under a lock
//! ([`staging`]), so a killed build leaves the old output as it was. omstil
//! only replaces a folder it made itself (it has the marker file), deletes
//! only files it wrote, and refuses dangerous targets ([`target`]).

mod staging;
mod target;

pub use staging::Staging;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The built site: output path → bytes.
pub type Files = BTreeMap<String, Vec<u8>>;

/// The file that marks a folder as omstil's output.
pub const MARKER: &str = ".omstil-output";

/// Why the output folder was refused or could not be written.
#[derive(Debug)]
pub enum OutputError {
    Refused(String),
    Io(String),
}

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            OutputError::Refused(s) | OutputError::Io(s) => f.write_str(s),
        }
    }
}

fn io(what: &str, path: &Path, e: std::io::Error) -> OutputError {
    OutputError::Io(format!("{what} {}: {e}", path.display()))
}

/// Checks that `out` is a safe place to write the site of `report_root`:
/// the checks [`Staging::create`] runs (there on the real folder once its
/// parents exist, and under the lock).
pub fn check_target(out: &Path, report_root: &Path, force: bool) -> Result<(), OutputError> {
    let real = target::resolve_output(out)?;
    target::refuse_place(out, &real, report_root)?;
    target::refuse_contents(out, &real, force)
}

/// Writes `files` (a site built in memory) to `out`: into a temporary
/// sibling, then swapped in. `omstil build` writes while it renders instead
/// (`crate::build_to`).
pub fn write(files: &Files, out: &Path, report_root: &Path) -> Result<(), OutputError> {
    let staging = Staging::create(out, report_root, false)?;
    let sink = Sink::dir(staging.path());
    for (path, bytes) in files {
        sink.put(path, bytes.clone());
    }
    sink.finish()?;
    staging.commit()
}

/// Where rendered files go: a map in memory (the live preview, tests) or
/// a folder on disk (a build's staging folder), written as they are made so
/// that a large site is never held in memory whole. Shared by the threads
/// that render pages.
pub struct Sink {
    to: To,
    stats: Mutex<Stats>,
}

enum To {
    /// Counted, then dropped (`omstil check`).
    Null,
    Memory(Mutex<Files>),
    Dir {
        root: PathBuf,
        made: Mutex<BTreeSet<PathBuf>>,
        error: Mutex<Option<OutputError>>,
    },
}

/// Files and bytes written, by top-level folder ("." for the root).
#[derive(Default, Clone, Debug)]
pub struct Stats {
    pub folders: BTreeMap<String, (usize, usize)>,
    pub html_pages: usize,
    /// Size of the search index in bytes (the summary names it).
    pub search_index: usize,
}

/// A growing file body written in pieces (the print page's articles):
/// in memory, or in a scratch file in the staging folder.
pub enum Spool {
    /// Counts what it is given (`check`).
    Null(usize),
    Memory(Vec<u8>),
    File(std::io::BufWriter<fs::File>, PathBuf),
    /// The scratch file could not be made or written.
    Failed(OutputError),
}

impl Spool {
    pub fn push(&mut self, s: &str) {
        match self {
            Spool::Null(n) => *n += s.len(),
            Spool::Memory(v) => v.extend_from_slice(s.as_bytes()),
            Spool::File(w, p) => {
                if let Err(e) = w.write_all(s.as_bytes()) {
                    *self = Spool::Failed(io("Kan ikke skrive", p, e));
                }
            }
            Spool::Failed(_) => {}
        }
    }

    /// Drops the pieces (and the scratch file).
    pub fn discard(self) {
        if let Spool::File(w, p) = self {
            drop(w);
            let _ = fs::remove_file(p);
        }
    }
}

impl Sink {
    /// A sink that only counts what it is given.
    pub fn null() -> Sink {
        Sink {
            to: To::Null,
            stats: Mutex::default(),
        }
    }

    pub fn memory() -> Sink {
        Sink {
            to: To::Memory(Mutex::new(Files::new())),
            stats: Mutex::default(),
        }
    }

    pub fn dir(root: &Path) -> Sink {
        Sink {
            to: To::Dir {
                root: root.to_path_buf(),
                made: Mutex::default(),
                error: Mutex::default(),
            },
            stats: Mutex::default(),
        }
    }

    fn count(&self, path: &str, len: usize) {
        let mut st = self.stats.lock().unwrap_or_else(|e| e.into_inner());
        let folder = path.split_once('/').map_or(".", |(f, _)| f);
        let e = st.folders.entry(folder.to_string()).or_default();
        e.0 += 1;
        e.1 += len;
        if path.ends_with(".html") {
            st.html_pages += 1;
        }
        if path == crate::url::SEARCH_INDEX {
            st.search_index = len;
        }
    }

    /// Stores one file (later files replace earlier ones of the same path).
    pub fn put(&self, path: &str, bytes: Vec<u8>) {
        self.count(path, bytes.len());
        match &self.to {
            To::Null => {}
            To::Memory(files) => {
                files
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(path.to_string(), bytes);
            }
            To::Dir { root, made, .. } => {
                let target = root.join(path);
                let r = self.make_parent(&target, made).and_then(|_| {
                    fs::write(&target, &bytes).map_err(|e| io("Kan ikke skrive", &target, e))
                });
                if let Err(e) = r {
                    self.fail(e);
                }
            }
        }
    }

    /// Keeps the first write error for [`Sink::finish`].
    fn fail(&self, e: OutputError) {
        if let To::Dir { error, .. } = &self.to {
            error
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .get_or_insert(e);
        }
    }

    fn make_parent(
        &self,
        target: &Path,
        made: &Mutex<BTreeSet<PathBuf>>,
    ) -> Result<(), OutputError> {
        let Some(dir) = target.parent() else {
            return Ok(());
        };
        let mut made = made.lock().unwrap_or_else(|e| e.into_inner());
        if !made.contains(dir) {
            fs::create_dir_all(dir).map_err(|e| io("Kan ikke oprette", dir, e))?;
            made.insert(dir.to_path_buf());
        }
        Ok(())
    }

    /// A new spool for a file written in pieces; `name` tells the
    /// spools of one build apart (their scratch files).
    pub fn spool(&self, name: &str) -> Spool {
        match &self.to {
            To::Null => Spool::Null(0),
            To::Memory(_) => Spool::Memory(Vec::new()),
            To::Dir { root, .. } => {
                let p = root.join(format!(".omstil-spool-{name}"));
                match fs::File::create(&p) {
                    Ok(f) => Spool::File(std::io::BufWriter::with_capacity(1 << 16, f), p),
                    Err(e) => Spool::Failed(io("Kan ikke oprette", &p, e)),
                }
            }
        }
    }

    /// Stores `head`, the spooled pieces and `tail` as the file `path`.
    pub fn put_spliced(&self, path: &str, head: &[u8], spool: Spool, tail: &[u8]) {
        match spool {
            Spool::Null(n) => self.count(path, head.len() + n + tail.len()),
            Spool::Memory(mut body) => {
                let mut bytes = Vec::with_capacity(head.len() + body.len() + tail.len());
                bytes.extend_from_slice(head);
                bytes.append(&mut body);
                bytes.extend_from_slice(tail);
                self.put(path, bytes);
            }
            Spool::File(w, scratch) => {
                let To::Dir { root, .. } = &self.to else {
                    return;
                };
                let target = root.join(path);
                if head.is_empty() {
                    // Nothing goes before the pieces: the scratch file
                    // becomes the file, with `tail` added (no copy).
                    self.finish_spool(path, w, &scratch, tail, &target);
                    return;
                }
                let r = (|| -> std::io::Result<u64> {
                    let mut f = w.into_inner().map_err(|e| e.into_error())?;
                    f.flush()?;
                    drop(f);
                    let mut out = std::io::BufWriter::new(fs::File::create(&target)?);
                    out.write_all(head)?;
                    let n = std::io::copy(&mut fs::File::open(&scratch)?, &mut out)?;
                    out.write_all(tail)?;
                    out.flush()?;
                    fs::remove_file(&scratch)?;
                    Ok(n)
                })();
                match r {
                    Ok(n) => self.count(path, head.len() + n as usize + tail.len()),
                    Err(e) => self.fail(io("Kan ikke skrive", &target, e)),
                }
            }
            Spool::Failed(e) => self.fail(e),
        }
    }

    /// Ends the scratch file `scratch` with `tail` and moves it to
    /// `target` (the file `path`).
    fn finish_spool(
        &self,
        path: &str,
        mut w: std::io::BufWriter<fs::File>,
        scratch: &Path,
        tail: &[u8],
        target: &Path,
    ) {
        let To::Dir { made, .. } = &self.to else {
            return;
        };
        let r = self.make_parent(target, made).and_then(|()| {
            (|| -> std::io::Result<u64> {
                w.write_all(tail)?;
                let f = w.into_inner().map_err(|e| e.into_error())?;
                let len = f.metadata()?.len();
                drop(f);
                fs::rename(scratch, target)?;
                Ok(len)
            })()
            .map_err(|e| io("Kan ikke skrive", target, e))
        });
        match r {
            Ok(len) => self.count(path, len as usize),
            Err(e) => self.fail(e),
        }
    }

    /// What was written so far.
    pub fn stats(&self) -> Stats {
        self.stats.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The first write error, if any.
    pub fn finish(&self) -> Result<(), OutputError> {
        match &self.to {
            To::Null | To::Memory(_) => Ok(()),
            To::Dir { error, .. } => match error.lock().unwrap_or_else(|e| e.into_inner()).take() {
                Some(e) => Err(e),
                None => Ok(()),
            },
        }
    }

    /// The files of a memory sink (empty for a folder).
    pub fn into_files(self) -> Files {
        match self.to {
            To::Memory(files) => files.into_inner().unwrap_or_else(|e| e.into_inner()),
            To::Null | To::Dir { .. } => Files::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(s: &str) -> Files {
        let mut f = Files::new();
        f.insert("index.html".into(), s.as_bytes().to_vec());
        f.insert("a/b.html".into(), b"x".to_vec());
        f
    }

    #[test]
    fn writes_and_replaces_its_own_output() {
        let dir = std::env::temp_dir().join(format!("omstil-out-test-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let out = dir.join("output");
        write(&files("1"), &out, &dir.join("rapport")).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "1");
        assert!(check_target(&out, &dir.join("rapport"), false).is_ok());
        write(&files("2"), &out, &dir.join("rapport")).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "2");
        // The output and its lock file, nothing else.
        let names: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn an_interrupted_write_leaves_the_old_output_and_is_cleaned_up() {
        let dir = std::env::temp_dir().join(format!("omstil-out-test3-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let out = dir.join("output");
        write(&files("gammel"), &out, &dir.join("rapport")).unwrap();
        // A build killed while writing leaves its temporary folder behind.
        let leftover = dir.join(".output.omstil-ny-99999");
        fs::create_dir_all(&leftover).unwrap();
        fs::write(leftover.join("index.html"), "halv").unwrap();
        // A write that fails half-way ("a" is a file, so "a/b.html" cannot be
        // written) must leave the old site as it was.
        let mut broken = files("ny");
        broken.insert("a".into(), b"x".to_vec());
        assert!(write(&broken, &out, &dir.join("rapport")).is_err());
        assert_eq!(
            fs::read_to_string(out.join("index.html")).unwrap(),
            "gammel"
        );
        let mut names: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(
            names,
            vec![".output.omstil-laas".to_string(), "output".to_string()],
            "temporary folders left: {names:?}"
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn refuses_foreign_and_dangerous_folders() {
        let dir = std::env::temp_dir().join(format!("omstil-out-test2-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("mine")).unwrap();
        fs::write(dir.join("mine/vigtig.docx"), "x").unwrap();
        assert!(matches!(
            check_target(&dir.join("mine"), &dir.join("r"), false),
            Err(OutputError::Refused(_))
        ));
        assert!(check_target(&dir.join("mine"), &dir.join("r"), true).is_ok());
        assert!(check_target(Path::new("/"), &dir, false).is_err());
        assert!(check_target(&dir, &dir.join("r"), false).is_err());
        assert!(check_target(&dir.join("r"), &dir.join("r"), false).is_err());
        fs::remove_dir_all(&dir).unwrap();
    }
}
