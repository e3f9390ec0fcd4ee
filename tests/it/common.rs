//! Helpers in the style of mdBook's `BookTest`: copy a report to a temp
//! folder, run the real `omstil` binary on it, read the output.

#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_omstil"));
    c.env("NO_COLOR", "1");
    c
}

pub use crate::copy_dir::copy_dir;

/// A report copied into a temp folder.
pub struct TestReport {
    pub tmp: tempfile::TempDir,
}

impl TestReport {
    /// The bundled example report.
    pub fn example() -> Self {
        Self::from_dir(&repo().join("content"))
    }

    pub fn from_dir(dir: &Path) -> Self {
        let tmp = tempfile::tempdir().unwrap();
        copy_dir(dir, &tmp.path().join("rapport"));
        TestReport { tmp }
    }

    /// A fixture from tests/fixtures/<name>, laid over the minimal report
    /// when the fixture has no omstil.yaml of its own.
    pub fn fixture(name: &str) -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let dir = repo().join("tests/fixtures").join(name);
        if !dir.join("omstil.yaml").exists() {
            copy_dir(
                &repo().join("tests/fixtures/minimal"),
                &tmp.path().join("rapport"),
            );
        }
        copy_dir(&dir, &tmp.path().join("rapport"));
        TestReport { tmp }
    }

    pub fn root(&self) -> PathBuf {
        self.tmp.path().join("rapport")
    }

    pub fn out(&self) -> PathBuf {
        self.tmp.path().join("ud")
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.root().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    pub fn build(&self) -> Output {
        bin()
            .arg("build")
            .arg(self.root())
            .arg("--output")
            .arg(self.out())
            .output()
            .unwrap()
    }

    pub fn check(&self) -> Output {
        bin().arg("check").arg(self.root()).output().unwrap()
    }

    pub fn read_out(&self, rel: &str) -> String {
        std::fs::read_to_string(self.out().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The `<main>` element of a page.
pub fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("page has <main>");
    let end = html.find("</main>").expect("page has </main>");
    &html[start..end]
}

/// All files of a built site, path → text (binary files as empty).
pub fn site(out: &Path) -> BTreeMap<String, String> {
    let mut m = BTreeMap::new();
    for e in walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let rel = e
            .path()
            .strip_prefix(out)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        m.insert(rel, std::fs::read_to_string(e.path()).unwrap_or_default());
    }
    m
}

/// Values of `attr="…"` in `html`.
pub fn attrs<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let pat = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&pat) {
        rest = &rest[i + pat.len()..];
        let end = rest.find('"').unwrap();
        out.push(&rest[..end]);
        rest = &rest[end..];
    }
    out
}

/// Resolves a relative URL against the page's path.
pub fn resolve(page: &str, url: &str) -> String {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for seg in url.split('/') {
        match seg {
            ".." => {
                assert!(
                    parts.pop().is_some(),
                    "{page}: {url} climbs above the site root"
                );
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

pub fn ids(html: &str) -> BTreeSet<&str> {
    attrs(html, "id").into_iter().collect()
}

/// Checks every `href` and `src` of every page: internal targets and
/// anchors exist, URLs are relative, nothing is loaded from outside.
/// Returns how many links were checked.
pub fn check_links(files: &BTreeMap<String, String>) -> usize {
    let mut checked = 0;
    for (path, html) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let srcs = attrs(html, "src");
        for url in attrs(html, "href").into_iter().chain(srcs.iter().copied()) {
            if url.starts_with("https://")
                || url.starts_with("http://")
                || url.starts_with("mailto:")
            {
                assert!(!srcs.contains(&url), "{path} loads {url}");
                continue;
            }
            assert!(
                !url.starts_with('/'),
                "{path}: absolute URL {url} breaks sub-paths and file://"
            );
            assert!(
                !url.contains("omstil-root:"),
                "{path}: unrelativized URL {url}"
            );
            let (file, frag) = match url.split_once('#') {
                Some((f, a)) => (f, Some(a)),
                None => (url, None),
            };
            let target = if file.is_empty() {
                path.clone()
            } else {
                resolve(path, file)
            };
            let target_html = files
                .get(&target)
                .unwrap_or_else(|| panic!("{path}: broken link {url} → {target}"));
            if let Some(frag) = frag.filter(|f| !f.is_empty()) {
                assert!(
                    ids(target_html).contains(frag),
                    "{path}: link {url} → no id {frag} in {target}"
                );
            }
            checked += 1;
        }
    }
    checked
}

/// Runs `cmd` with its output captured, failing the test if it does not
/// finish within `limit` (a hang must not hang the suite).
pub fn run_within(mut cmd: Command, limit: std::time::Duration) -> Output {
    let start = std::time::Instant::now();
    let mut child = cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("omstil did not finish within {limit:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// The visible text of an HTML fragment: tags dropped, white space folded.
pub fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut tag = false;
    for c in html.chars() {
        match c {
            '<' => tag = true,
            '>' => {
                tag = false;
                out.push(' ');
            }
            c if !tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}
