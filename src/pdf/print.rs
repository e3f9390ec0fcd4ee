//! Running the browser: one headless Chromium call that prints an HTML
//! file to PDF (`--print-to-pdf`), with a fresh profile, no network
//! chatter, no header or footer of its own, the headings as the PDF's
//! outline, and a time limit (the whole process group is killed when it
//! runs out). Its terminal output is kept and shown only on failure.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Why printing failed; the Danish message says what to do.
#[derive(Debug)]
pub enum PrintError {
    Start(PathBuf, std::io::Error),
    Timeout(Duration),
    Failed { code: Option<i32>, stderr: String },
    Io(String),
}

impl std::fmt::Display for PrintError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            PrintError::Start(b, e) => write!(
                f,
                "Kan ikke starte browseren {}: {e}. Vælg en anden med --browser STI.",
                b.display()
            ),
            PrintError::Timeout(d) => write!(
                f,
                "Browseren blev ikke færdig med PDF'en på {} sekunder og er stoppet. Prøv igen, eller vælg en anden browser med --browser STI.",
                d.as_secs()
            ),
            PrintError::Failed { code, stderr } => {
                let code =
                    code.map_or_else(|| "uden kode".to_string(), |c| format!("med kode {c}"));
                write!(
                    f,
                    "Browseren lavede ingen PDF (den stoppede {code}). Det skrev den:\n{}",
                    last_lines(stderr, 20)
                )
            }
            PrintError::Io(s) => f.write_str(s),
        }
    }
}

/// The last `n` lines of the browser's output (it can be long).
fn last_lines(s: &str, n: usize) -> String {
    let lines: Vec<&str> = s.lines().filter(|l| !l.trim().is_empty()).collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

/// A folder under the system's temp folder, removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(what: &str) -> Result<TempDir, PrintError> {
        Self::within(&std::env::temp_dir(), what)
    }

    /// A temporary folder that `browser` can read and write: the system's
    /// temp folder, except for a Snap browser (Ubuntu's Chromium), which
    /// has a private /tmp of its own: there, the snap's own folder in the
    /// home folder (`~/snap/chromium/common`).
    pub fn for_browser(browser: &Path, what: &str) -> Result<TempDir, PrintError> {
        match snap_folder(browser, std::env::var_os("HOME").map(PathBuf::from)) {
            Some(base) => Self::within(&base, what),
            None => Self::new(what),
        }
    }

    fn within(base: &Path, what: &str) -> Result<TempDir, PrintError> {
        let base = base.to_path_buf();
        for k in 0..1000u32 {
            let p = base.join(format!("omstil-{what}-{}-{k}", std::process::id()));
            match std::fs::create_dir(&p) {
                Ok(()) => return Ok(TempDir(p)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => {
                    return Err(PrintError::Io(format!(
                        "Kan ikke oprette en midlertidig mappe i {}: {e}",
                        base.display()
                    )));
                }
            }
        }
        Err(PrintError::Io(
            "Kan ikke oprette en midlertidig mappe.".into(),
        ))
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `~/snap/NAME/common` for a browser under `/snap/` (`/snap/bin/NAME`),
/// when that folder exists.
fn snap_folder(browser: &Path, home: Option<PathBuf>) -> Option<PathBuf> {
    let rest = browser.strip_prefix("/snap/").ok()?;
    let name = rest.file_name()?.to_str()?.split('.').next()?;
    let d = home?.join("snap").join(name).join("common");
    d.is_dir().then_some(d)
}

/// The arguments of one print: `html` to `pdf`, with the profile folder
/// `profile`.
pub fn args(html: &Path, pdf: &Path, profile: &Path, no_sandbox: bool) -> Vec<String> {
    let mut v: Vec<String> = vec!["--headless".into()];
    if no_sandbox {
        v.push("--no-sandbox".into());
    }
    v.extend(
        [
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--no-pdf-header-footer",
            "--generate-pdf-document-outline",
        ]
        .map(String::from),
    );
    v.push(format!("--user-data-dir={}", profile.display()));
    v.push(format!("--print-to-pdf={}", pdf.display()));
    v.push(file_url(html));
    v
}

/// Chromium refuses to start as root without `--no-sandbox` (on Linux, in
/// containers and CI); anyone else keeps the sandbox.
fn needs_no_sandbox() -> bool {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: geteuid has no preconditions and cannot fail.
        unsafe { libc::geteuid() == 0 }
    }
    #[cfg(not(target_os = "linux"))]
    {
        false
    }
}

/// `file:///…` for an absolute path, with every byte outside the safe set
/// percent-encoded (spaces, æøå; backslashes become slashes on Windows).
pub fn file_url(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file://");
    if !s.starts_with('/') {
        out.push('/');
    }
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~:".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Prints `html` with `browser` and returns the PDF's bytes.
pub fn print(browser: &Path, html: &Path, timeout: Duration) -> Result<Vec<u8>, PrintError> {
    print_sandboxed(browser, html, timeout, needs_no_sandbox())
}

/// [`print`], with the sandbox unless `root`; again without it when it
/// cannot start.
fn print_sandboxed(
    browser: &Path,
    html: &Path,
    timeout: Duration,
    root: bool,
) -> Result<Vec<u8>, PrintError> {
    match print_once(browser, html, timeout, root) {
        // A container or a system without user namespaces: Chromium's
        // sandbox cannot start. The page is omstil's own, from a local
        // file; print it without the sandbox rather than not at all.
        Err(PrintError::Failed { stderr, .. }) if !root && stderr.contains("sandbox") => {
            print_once(browser, html, timeout, true)
        }
        r => r,
    }
}

fn print_once(
    browser: &Path,
    html: &Path,
    timeout: Duration,
    no_sandbox: bool,
) -> Result<Vec<u8>, PrintError> {
    let tmp = TempDir::for_browser(browser, "pdf")?;
    let profile = tmp.path().join("profil");
    let pdf = tmp.path().join("udskrift.pdf");
    let log = tmp.path().join("browser.log");
    let stderr = std::fs::File::create(&log)
        .map_err(|e| PrintError::Io(format!("Kan ikke oprette {}: {e}", log.display())))?;
    let html = std::path::absolute(html).unwrap_or_else(|_| html.to_path_buf());
    let mut cmd = Command::new(browser);
    cmd.args(args(&html, &pdf, &profile, no_sandbox))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(stderr);
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        // Its own process group, so that a timeout stops the helpers too.
        cmd.process_group(0);
    }
    // "Text file busy": another thread's child briefly holds the file
    // open for writing (a browser just unpacked, or a test's script);
    // the usual remedy is to try again.
    let mut tries = 0;
    let mut child = loop {
        match cmd.spawn() {
            Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy && tries < 10 => {
                tries += 1;
                std::thread::sleep(Duration::from_millis(20));
            }
            r => break r.map_err(|e| PrintError::Start(browser.to_path_buf(), e))?,
        }
    };
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break s,
            Ok(None) if start.elapsed() >= timeout => {
                kill_group(&mut child);
                return Err(PrintError::Timeout(timeout));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(25)),
            Err(e) => {
                kill_group(&mut child);
                return Err(PrintError::Io(format!("Kan ikke vente på browseren: {e}")));
            }
        }
    };
    // Helpers the browser left behind (it normally leaves none).
    kill_group(&mut child);
    let bytes = std::fs::read(&pdf).ok().filter(|b| b.starts_with(b"%PDF"));
    match bytes {
        Some(b) if status.success() => Ok(b),
        _ => Err(PrintError::Failed {
            code: status.code(),
            stderr: std::fs::read_to_string(&log).unwrap_or_default(),
        }),
    }
}

/// Stops the browser and every process of its group.
fn kill_group(child: &mut std::process::Child) {
    #[cfg(unix)]
    {
        if let Ok(pgid) = i32::try_from(child.id()) {
            // SAFETY: kill has no memory preconditions; the group is the
            // browser's own (made by `process_group(0)` above).
            unsafe {
                libc::kill(-pgid, libc::SIGKILL);
            }
        }
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// Writes an executable shell script `body` at `path` (a stand-in browser
/// in tests).
#[cfg(all(test, unix))]
pub(crate) fn script(path: &Path, body: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(path, format!("#!/bin/sh\n{body}")).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path.to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snap_browser_prints_in_its_own_folder() {
        let home = TempDir::new("hjem").unwrap();
        let common = home.path().join("snap/chromium/common");
        let h = Some(home.path().to_path_buf());
        assert_eq!(
            snap_folder(Path::new("/snap/bin/chromium"), h.clone()),
            None
        );
        std::fs::create_dir_all(&common).unwrap();
        assert_eq!(
            snap_folder(Path::new("/snap/bin/chromium"), h.clone()),
            Some(common)
        );
        assert_eq!(snap_folder(Path::new("/usr/bin/chromium"), h), None);
    }

    #[test]
    fn file_urls_are_percent_encoded() {
        assert_eq!(
            file_url(Path::new("/tmp/min rapport/æ.html")),
            "file:///tmp/min%20rapport/%C3%A6.html"
        );
        assert_eq!(
            file_url(Path::new(r"C:\Users\a b\print.html")),
            "file:///C:/Users/a%20b/print.html"
        );
    }

    #[test]
    fn the_arguments_print_without_header_with_outline() {
        let a = args(
            Path::new("/s/p.html"),
            Path::new("/t/u.pdf"),
            Path::new("/t/p"),
            false,
        );
        assert_eq!(a[0], "--headless");
        assert!(!a.contains(&"--no-sandbox".to_string()));
        for f in [
            "--no-pdf-header-footer",
            "--generate-pdf-document-outline",
            "--print-to-pdf=/t/u.pdf",
            "--user-data-dir=/t/p",
        ] {
            assert!(a.contains(&f.to_string()), "{f}");
        }
        assert_eq!(a.last().unwrap(), "file:///s/p.html");
        assert!(
            args(Path::new("/p"), Path::new("/u"), Path::new("/t"), true)
                .contains(&"--no-sandbox".to_string())
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_browser_that_hangs_is_stopped_at_the_time_limit() {
        let tmp = TempDir::new("haenger").unwrap();
        // Starts a helper that would also hang; both must be stopped.
        let fake = script(&tmp.path().join("browser"), "sleep 30 &\nsleep 30\n");
        let t = Instant::now();
        let e = print(&fake, Path::new("/x.html"), Duration::from_millis(300)).unwrap_err();
        assert!(matches!(e, PrintError::Timeout(_)), "{e}");
        assert!(t.elapsed() < Duration::from_secs(5));
        assert!(e.to_string().contains("sekunder"));
    }

    #[cfg(unix)]
    #[test]
    fn a_browser_without_a_usable_sandbox_is_run_again_without_it() {
        let tmp = TempDir::new("sandkasse").unwrap();
        let out = tmp.path().join("args");
        let body = format!(
            "echo \"$@\" >> '{}'\ncase \"$*\" in *--no-sandbox*) ;; *) echo 'No usable sandbox!' >&2; exit 1;; esac\nfor a in \"$@\"; do case \"$a\" in --print-to-pdf=*) printf '%%PDF-1.4' > \"${{a#--print-to-pdf=}}\";; esac; done\n",
            out.display()
        );
        let fake = script(&tmp.path().join("browser"), &body);
        let pdf =
            print_sandboxed(&fake, Path::new("/x.html"), Duration::from_secs(10), false).unwrap();
        assert!(pdf.starts_with(b"%PDF"));
        let calls = std::fs::read_to_string(&out).unwrap();
        let calls: Vec<&str> = calls.lines().collect();
        assert_eq!(calls.len(), 2, "{calls:?}");
        assert!(!calls[0].contains("--no-sandbox") && calls[1].contains("--no-sandbox"));
    }

    #[cfg(unix)]
    #[test]
    fn a_failing_browser_shows_what_it_wrote() {
        let tmp = TempDir::new("fejler").unwrap();
        let fake = script(
            &tmp.path().join("browser"),
            "echo 'noget gik galt' >&2\nexit 3\n",
        );
        let e = print(&fake, Path::new("/x.html"), Duration::from_secs(10)).unwrap_err();
        let m = e.to_string();
        assert!(m.contains("kode 3") && m.contains("noget gik galt"), "{m}");
    }
}
