//! Input files stay inside the report: every file omstil reads or copies
//! (part files, pages, CSV, images, the logo, a theme folder) is checked
//! here first. A path must resolve, links followed, inside the report
//! folder; it must be a regular file (or, for folders, a folder); FIFOs,
//! sockets and devices are never opened. A leaf module (only `diag`): it
//! knows nothing of the pipeline and gives each refusal as a Danish sentence.

use crate::diag::{Diagnostics, Pos};
use std::collections::BTreeMap;
use std::fs::{File, Metadata};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Unsaved editor buffers (`omstil lsp`): real (canonical) path → text.
/// A read consults it only after the path has passed every check below, so
/// a buffer stands in for a regular file inside the report and nothing else.
pub type Overlay = BTreeMap<PathBuf, Arc<str>>;

/// The report folder, with its real (canonical) path.
#[derive(Clone, Debug)]
pub(crate) struct Sandbox {
    canon: Option<PathBuf>,
    overlay: Option<Arc<Overlay>>,
    /// A folder of the report opened once ([`Sandbox::with_dir`]): its
    /// files are read relative to it, without resolving each path again.
    dir: Option<Arc<OpenDir>>,
}

/// A folder inside the report, checked and opened: files directly in it
/// are looked at and opened relative to the open folder (`fstatat`,
/// `openat` with `O_NOFOLLOW`), so a link or a swapped folder on the way
/// is never followed, and the path is not resolved component by component
/// for each of thousands of pages.
#[derive(Debug)]
struct OpenDir {
    path: PathBuf,
    #[cfg(unix)]
    fd: File,
}

/// Why a path is not read.
#[derive(Debug)]
pub(crate) enum Refusal {
    /// Nothing at the path (a dangling link if `link`).
    Missing {
        link: bool,
    },
    /// Leads outside the report; `link` if the path itself is the link.
    Outside {
        link: bool,
    },
    /// A folder where a file belongs.
    Dir,
    /// A file where a folder belongs.
    File,
    /// A FIFO, socket or device: never opened.
    Special(&'static str),
    /// A link that leads (through links) back to itself.
    Loop,
    /// Bigger than the limit given (its size).
    TooBig(u64),
    Io(std::io::Error),
}

impl Refusal {
    /// The sentence for a diagnostic on the file `name` itself.
    pub(crate) fn message(&self, name: &str) -> String {
        match self {
            Refusal::Missing { link: true } => {
                "Filen er en genvej (symlink), der peger på noget, som ikke findes.".into()
            }
            Refusal::Outside { link: true } => {
                "Filen er en genvej (symlink), der peger uden for rapportens mappe.".into()
            }
            Refusal::Outside { link: false } => {
                "Filen ligger i en mappe, der er en genvej (symlink) uden for rapportens mappe."
                    .into()
            }
            Refusal::Loop => "Filen er en genvej (symlink), der peger i ring.".into(),
            Refusal::TooBig(len) => format!("Filen er for stor ({} MB).", len / (1024 * 1024)),
            Refusal::Io(e) => format!("Filen kan ikke læses: {e}."),
            _ => self.message_about(&format!("`{name}`")),
        }
    }

    /// The sentence for a diagnostic elsewhere that names the path (`what`
    /// is e.g. "CSV-filen `noegletal/a.csv`").
    pub(crate) fn message_about(&self, what: &str) -> String {
        match self {
            Refusal::Missing { link: true } => {
                format!("{what} er en genvej (symlink), der peger på noget, som ikke findes.")
            }
            Refusal::Missing { link: false } => format!("{what} findes ikke i rapportens mappe."),
            Refusal::Outside { .. } => {
                format!("{what} fører via en genvej (symlink) uden for rapportens mappe.")
            }
            Refusal::Loop => format!("{what} er en genvej (symlink), der peger i ring."),
            Refusal::Dir => format!("{what} er en mappe, ikke en fil."),
            Refusal::File => format!("{what} er en fil, ikke en mappe."),
            Refusal::Special(kind) => {
                format!("{what} er {kind}, ikke en almindelig fil, så omstil læser den ikke.")
            }
            Refusal::TooBig(len) => {
                format!("{what} er for stor ({} MB).", len / (1024 * 1024))
            }
            Refusal::Io(e) => format!("{what} kan ikke læses: {e}."),
        }
    }

    /// Reports the refusal as an error on the file `name` itself.
    pub(crate) fn report_file(&self, diags: &mut Diagnostics, name: &str) {
        diags
            .error(name, Pos::FILE, self.message(name))
            .hint(self.hint());
    }

    /// Reports the refusal as an error on the folder `name`.
    pub(crate) fn report_folder(&self, diags: &mut Diagnostics, name: &str) {
        diags
            .error(name, Pos::FILE, self.message_about(&format!("`{name}`")))
            .hint(self.hint());
    }

    /// A hint that fits the refusal.
    pub(crate) fn hint(&self) -> &'static str {
        match self {
            Refusal::Outside { .. } => {
                "Kopiér filen ind i rapportens mappe i stedet for at linke til den."
            }
            Refusal::Missing { .. } | Refusal::Loop => "Ret eller slet genvejen.",
            Refusal::Dir => "Omdøb eller flyt mappen; her skal ligge en fil.",
            Refusal::File => "Omdøb eller flyt filen; her skal ligge en mappe.",
            Refusal::Special(_) => "Slet den, og læg en almindelig fil i stedet.",
            Refusal::TooBig(_) => "Gør filen mindre, eller del den op.",
            Refusal::Io(_) => "Tjek filens rettigheder.",
        }
    }
}

/// What kind of special file the metadata describes, if any.
fn special(m: &Metadata) -> Option<&'static str> {
    if m.is_file() || m.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = m.file_type();
        if t.is_fifo() {
            return Some("en navngiven pipe (FIFO)");
        }
        if t.is_socket() {
            return Some("en socket");
        }
        if t.is_block_device() || t.is_char_device() {
            return Some("en enhedsfil");
        }
    }
    Some("en særlig fil")
}

impl Sandbox {
    pub(crate) fn new(root: &Path) -> Self {
        Sandbox {
            canon: root.canonicalize().ok(),
            overlay: None,
            dir: None,
        }
    }

    /// This sandbox, reading the files directly in the folder `dir` through
    /// one open handle of it (see [`OpenDir`]). When the folder cannot be
    /// opened, or on a system without `openat`, reads take the general way.
    pub(crate) fn with_dir(&self, dir: &Path) -> Sandbox {
        Sandbox {
            dir: self.open_dir(dir).map(Arc::new),
            ..self.clone()
        }
    }

    #[cfg(unix)]
    fn open_dir(&self, dir: &Path) -> Option<OpenDir> {
        use std::os::unix::fs::OpenOptionsExt;
        let (meta, real) = self.resolve(dir).ok()?;
        if !meta.is_dir() {
            return None;
        }
        let fd = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_DIRECTORY | libc::O_NOFOLLOW)
            .open(&real)
            .ok()?;
        // The folder opened is the one checked, not one swapped in since.
        same_file(&meta, &fd.metadata().ok()?).then(|| OpenDir {
            path: dir.to_path_buf(),
            fd,
        })
    }

    #[cfg(not(unix))]
    fn open_dir(&self, _: &Path) -> Option<OpenDir> {
        None
    }

    /// A sandbox whose reads see the editor's unsaved buffers first.
    pub(crate) fn with_overlay(root: &Path, overlay: Arc<Overlay>) -> Self {
        Sandbox {
            overlay: Some(overlay),
            ..Sandbox::new(root)
        }
    }

    /// Whether anything (a file, a folder, a link, even a dangling one) is
    /// at `path`.
    pub(crate) fn exists(path: &Path) -> bool {
        std::fs::symlink_metadata(path).is_ok()
    }

    /// Follows `path` and checks it stays inside; the metadata of what it
    /// leads to, and its real path.
    fn resolve(&self, path: &Path) -> Result<(Metadata, PathBuf), Refusal> {
        let own = std::fs::symlink_metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Refusal::Missing { link: false },
            _ if is_loop(&e) => Refusal::Loop,
            _ => Refusal::Io(e),
        })?;
        let link = own.file_type().is_symlink();
        let meta = if link {
            std::fs::metadata(path).map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => Refusal::Missing { link: true },
                _ if is_loop(&e) => Refusal::Loop,
                _ => Refusal::Io(e),
            })?
        } else {
            own
        };
        let real = path.canonicalize().map_err(|e| match e {
            e if is_loop(&e) => Refusal::Loop,
            e => Refusal::Io(e),
        })?;
        match &self.canon {
            Some(root) if real.starts_with(root) => Ok((meta, real)),
            _ => Err(Refusal::Outside { link }),
        }
    }

    /// Checks that `path` is a regular file inside the report; its size.
    pub(crate) fn check_file(&self, path: &Path) -> Result<u64, Refusal> {
        let (meta, _) = self.resolve(path)?;
        if meta.is_dir() {
            return Err(Refusal::Dir);
        }
        if let Some(kind) = special(&meta) {
            return Err(Refusal::Special(kind));
        }
        Ok(meta.len())
    }

    /// Checks that `path` is a folder inside the report.
    pub(crate) fn check_dir(&self, path: &Path) -> Result<(), Refusal> {
        let (meta, _) = self.resolve(path)?;
        if meta.is_dir() {
            return Ok(());
        }
        match special(&meta) {
            Some(kind) => Err(Refusal::Special(kind)),
            None => Err(Refusal::File),
        }
    }

    /// Reads a regular file inside the report of at most `max` bytes. The
    /// file is checked before it is opened (a FIFO would block the open),
    /// opened without blocking, and the opened file is checked to be the one
    /// that was looked at.
    pub(crate) fn read(&self, path: &Path, max: u64) -> Result<Vec<u8>, Refusal> {
        #[cfg(unix)]
        if let Some(dir) = &self.dir
            && self.overlay.is_none()
            && path.parent() == Some(dir.path.as_path())
            && let Some(read) = path.file_name().and_then(|name| dir.read(name, max))
        {
            return read;
        }
        let (meta, real) = self.resolve(path)?;
        if meta.is_dir() {
            return Err(Refusal::Dir);
        }
        if let Some(kind) = special(&meta) {
            return Err(Refusal::Special(kind));
        }
        if let Some(text) = self.overlay.as_ref().and_then(|o| o.get(&real)) {
            if text.len() as u64 > max {
                return Err(Refusal::TooBig(text.len() as u64));
            }
            return Ok(text.as_bytes().to_vec());
        }
        let file = open_nonblocking(&real).map_err(Refusal::Io)?;
        let opened = file.metadata().map_err(Refusal::Io)?;
        if let Some(kind) = special(&opened) {
            return Err(Refusal::Special(kind));
        }
        if opened.is_dir() {
            return Err(Refusal::Dir);
        }
        if !same_file(&meta, &opened) {
            // Replaced between the look and the open.
            return Err(Refusal::Outside { link: true });
        }
        read_limited(file, opened.len(), max)
    }
}

#[cfg(unix)]
impl OpenDir {
    /// Reads the regular file `name` in the folder, or `None` when it is
    /// anything else (a link, a folder, a special file, gone): the general
    /// [`Sandbox::read`] then says what it is. A special file is never
    /// opened: it is looked at first, without following a link.
    fn read(&self, name: &std::ffi::OsStr, max: u64) -> Option<Result<Vec<u8>, Refusal>> {
        use std::os::fd::{AsRawFd, FromRawFd};
        use std::os::unix::ffi::OsStrExt;
        use std::os::unix::fs::MetadataExt;
        let name = std::ffi::CString::new(name.as_bytes()).ok()?;
        // SAFETY: `st` is written by fstatat before it is read; `name` is
        // a NUL-terminated string and the folder's descriptor is open.
        let mut st: libc::stat = unsafe { std::mem::zeroed() };
        let looked = unsafe {
            libc::fstatat(
                self.fd.as_raw_fd(),
                name.as_ptr(),
                &mut st,
                libc::AT_SYMLINK_NOFOLLOW,
            )
        };
        if looked != 0 || st.st_mode & libc::S_IFMT != libc::S_IFREG {
            return None;
        }
        // SAFETY: as above; a descriptor it returns is ours to own.
        let fd = unsafe {
            libc::openat(
                self.fd.as_raw_fd(),
                name.as_ptr(),
                libc::O_RDONLY | libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC,
            )
        };
        if fd < 0 {
            return None;
        }
        // SAFETY: `fd` was just opened and is owned by nothing else.
        let file = unsafe { File::from_raw_fd(fd) };
        let opened = file.metadata().ok()?;
        if !opened.is_file() || opened.dev() != st.st_dev || opened.ino() != st.st_ino {
            // Replaced between the look and the open.
            return None;
        }
        Some(read_limited(file, opened.len(), max))
    }
}

/// Reads an open regular file of `len` bytes, refusing more than `max`
/// (also when it grew since its size was read).
fn read_limited(file: File, len: u64, max: u64) -> Result<Vec<u8>, Refusal> {
    if len > max {
        return Err(Refusal::TooBig(len));
    }
    let mut bytes = Vec::with_capacity(len as usize + 1);
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(Refusal::Io)?;
    if bytes.len() as u64 > max {
        return Err(Refusal::TooBig(bytes.len() as u64));
    }
    Ok(bytes)
}

#[cfg(unix)]
fn is_loop(e: &std::io::Error) -> bool {
    e.raw_os_error() == Some(libc::ELOOP)
}

#[cfg(not(unix))]
fn is_loop(_: &std::io::Error) -> bool {
    false
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

#[cfg(unix)]
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_: &Metadata, _: &Metadata) -> bool {
    true
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    /// In `dir`: a file `a.md`, a link to it `b.md`, a link out of the
    /// report `c.md` (to `outside/hemmelig`), a folder `e.md` and a FIFO
    /// `f.md` (its path is returned).
    fn mixed_files(dir: &Path, outside: &Path) -> PathBuf {
        std::fs::write(dir.join("a.md"), "a").unwrap();
        std::os::unix::fs::symlink("a.md", dir.join("b.md")).unwrap();
        std::os::unix::fs::symlink(outside.join("hemmelig"), dir.join("c.md")).unwrap();
        std::fs::create_dir(dir.join("e.md")).unwrap();
        let fifo = dir.join("f.md");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        fifo
    }

    #[test]
    fn links_inside_work_and_links_outside_dirs_and_fifos_are_refused() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("hemmelig"), "x").unwrap();
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        let fifo = mixed_files(root, outside.path());
        std::os::unix::fs::symlink(outside.path(), root.join("ude")).unwrap();
        std::os::unix::fs::symlink("findes-ikke", root.join("d.md")).unwrap();
        let s = Sandbox::new(root);
        assert_eq!(s.read(&root.join("b.md"), 10).unwrap(), b"a");
        assert!(matches!(
            s.read(&root.join("c.md"), 10),
            Err(Refusal::Outside { link: true })
        ));
        assert!(matches!(
            s.read(&root.join("ude/hemmelig"), 10),
            Err(Refusal::Outside { link: false })
        ));
        assert!(matches!(
            s.read(&root.join("d.md"), 10),
            Err(Refusal::Missing { link: true })
        ));
        assert!(matches!(s.read(&root.join("e.md"), 10), Err(Refusal::Dir)));
        std::os::unix::fs::symlink("ring.md", root.join("ring.md")).unwrap();
        assert!(matches!(
            s.read(&root.join("ring.md"), 10),
            Err(Refusal::Loop)
        ));
        assert!(matches!(
            s.read(&fifo, 10),
            Err(Refusal::Special("en navngiven pipe (FIFO)"))
        ));
        assert!(matches!(
            s.read(&root.join("a.md"), 0),
            Err(Refusal::TooBig(1))
        ));
        assert!(matches!(
            s.check_dir(&root.join("a.md")),
            Err(Refusal::File)
        ));
        assert!(matches!(
            s.check_dir(&root.join("ude")),
            Err(Refusal::Outside { link: true })
        ));
    }

    #[test]
    fn a_folder_opened_once_reads_its_files_and_refuses_as_the_general_way() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("hemmelig"), "x").unwrap();
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        let dir = root.join("sider");
        std::fs::create_dir(&dir).unwrap();
        let fifo = mixed_files(&dir, outside.path());
        let s = Sandbox::new(root).with_dir(&dir);
        assert!(s.dir.is_some(), "the folder is opened");
        // The fast way reads a plain file; everything else takes the
        // general way and gets its refusal.
        let d = s.dir.as_ref().unwrap();
        assert_eq!(d.read("a.md".as_ref(), 10).unwrap().unwrap(), b"a");
        for other in ["b.md", "c.md", "e.md", "f.md", "findes-ikke.md"] {
            assert!(d.read(other.as_ref(), 10).is_none(), "{other}");
        }
        assert!(matches!(
            d.read("a.md".as_ref(), 0),
            Some(Err(Refusal::TooBig(1)))
        ));
        assert_eq!(s.read(&dir.join("a.md"), 10).unwrap(), b"a");
        assert_eq!(s.read(&dir.join("b.md"), 10).unwrap(), b"a");
        assert!(matches!(
            s.read(&dir.join("c.md"), 10),
            Err(Refusal::Outside { link: true })
        ));
        assert!(matches!(s.read(&dir.join("e.md"), 10), Err(Refusal::Dir)));
        assert!(matches!(
            s.read(&fifo, 10),
            Err(Refusal::Special("en navngiven pipe (FIFO)"))
        ));
        // A folder that is a link out of the report is not opened.
        std::os::unix::fs::symlink(outside.path(), root.join("ude")).unwrap();
        assert!(Sandbox::new(root).with_dir(&root.join("ude")).dir.is_none());
    }

    #[test]
    fn the_overlay_stands_in_only_for_regular_files_inside() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("hemmelig"), "ude").unwrap();
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        std::fs::write(root.join("a.md"), "disk").unwrap();
        std::os::unix::fs::symlink(outside.path().join("hemmelig"), root.join("c.md")).unwrap();
        let mut o = Overlay::new();
        o.insert(root.join("a.md").canonicalize().unwrap(), "buffer".into());
        o.insert(
            outside.path().join("hemmelig").canonicalize().unwrap(),
            "buffer".into(),
        );
        let s = Sandbox::with_overlay(root, std::sync::Arc::new(o));
        assert_eq!(s.read(&root.join("a.md"), 10).unwrap(), b"buffer");
        assert!(matches!(
            s.read(&root.join("a.md"), 3),
            Err(Refusal::TooBig(6))
        ));
        assert!(matches!(
            s.read(&root.join("c.md"), 10),
            Err(Refusal::Outside { link: true })
        ));
    }
}
