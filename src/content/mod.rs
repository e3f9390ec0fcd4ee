//! Content: load a report folder (read files, split front matter, parse YAML
//! and CSV into the raw types), then resolve it into the typed [`model`].
//! Every problem becomes a diagnostic; nothing here panics on bad input.

mod assets;
mod budget;
pub mod cache;
pub mod course;
pub mod csvdata;
pub mod model;
pub mod patch;
pub mod provenance;
pub mod raw;
mod resolve;

/// Whether `id` is a valid id (`^[a-z0-9]+(-[a-z0-9]+)*$`).
pub fn is_valid_id(id: &str) -> bool {
    resolve::is_valid_id(id)
}

/// Turns any text into a valid id (used for heading slugs too).
pub fn suggest_id_pub(s: &str) -> String {
    resolve::suggest_id(s)
}

use crate::diag::{Diagnostics, Pos, Sources, did_you_mean, rel_name};
use crate::sandbox::{Refusal, Sandbox};
use crate::yaml::{self, de::from_node};
use model::Report;
use serde::de::DeserializeOwned;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The largest content file omstil reads.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// The YAML files a report may have at its root, in reading order.
pub const PART_FILES: [&str; 9] = [
    "omstil.yaml",
    "modenhedsanalyse.yaml",
    "forandringsteori.yaml",
    "udviklingsplan.yaml",
    "tilbudsvifte.yaml",
    "noegletal.yaml",
    "sagsanalyse.yaml",
    "aktoerer.yaml",
    "projekter.yaml",
];

/// Folders at the root that omstil knows; others are left alone.
const KNOWN_DIRS: [&str; 7] = [
    "sider",
    "opfoelgning",
    "billeder",
    "noegletal",
    "themes",
    "output",
    "schemas",
];

/// The result of loading: the model if there were no errors, and
/// everything the user should be told.
pub struct Loaded {
    pub report: Option<Report>,
    /// The model built despite errors (parts that failed are left out), to
    /// be rendered only to find the errors of the rest (Markdown links).
    pub unfinished: Option<Report>,
    pub diags: Diagnostics,
    pub sources: Sources,
    /// Every reference to an id written in a YAML list or field, resolved
    /// or not (for `omstil lsp`: references, rename).
    pub refs: Vec<RefSite>,
}

/// An id written where an entity of `kind` is expected.
#[derive(Clone, Debug)]
pub struct RefSite {
    pub kind: model::Kind,
    pub id: String,
    pub file: String,
    pub pos: Pos,
}

/// Reads and checks the report in `root`.
pub fn load(root: &Path) -> Loaded {
    load_in(root, Sandbox::new(root))
}

/// [`load`] with the editor's unsaved buffers in place of their files.
pub(crate) fn load_with(root: &Path, overlay: std::sync::Arc<crate::sandbox::Overlay>) -> Loaded {
    load_in(root, Sandbox::with_overlay(root, overlay))
}

/// [`load`] for the incremental preview: files unchanged since the last
/// load with the same `cache` are not read (or, for pages, parsed) again.
pub fn load_cached(root: &Path, cache: &Arc<cache::FileCache>) -> Loaded {
    load_in_cached(root, Sandbox::new(root), Some(cache.clone()))
}

fn load_in(root: &Path, sandbox: Sandbox) -> Loaded {
    load_in_cached(root, sandbox, None)
}

fn load_in_cached(root: &Path, sandbox: Sandbox, cache: Option<Arc<cache::FileCache>>) -> Loaded {
    let mut cx = Cx {
        root: root.to_path_buf(),
        sandbox,
        cache,
        diags: Diagnostics::new(),
        sources: Sources::default(),
        dropped: BTreeSet::new(),
        failed: BTreeSet::new(),
        refs: Vec::new(),
    };
    let report = load_inner(&mut cx);
    let (report, unfinished) = if cx.diags.has_errors() {
        (None, report)
    } else {
        (report, None)
    };
    Loaded {
        report,
        unfinished,
        diags: cx.diags,
        sources: cx.sources,
        refs: cx.refs,
    }
}

/// Shared state while loading.
pub(crate) struct Cx {
    pub root: PathBuf,
    /// Every file is read through this: inside the report, no special files.
    pub sandbox: Sandbox,
    pub diags: Diagnostics,
    pub sources: Sources,
    /// Ids of list entries that could not be read; references to them are
    /// not reported again.
    pub dropped: BTreeSet<String>,
    /// Part files that exist but could not be read at all; what depends on
    /// them is not checked (one root cause, one message).
    pub failed: BTreeSet<String>,
    /// References met while resolving (see [`Loaded::refs`]).
    pub refs: Vec<RefSite>,
    /// What the last load read (`serve`), or `None`.
    pub cache: Option<Arc<cache::FileCache>>,
}

impl Cx {
    /// A context for loading on another thread: the same report, sandbox
    /// and cache, nothing found yet.
    fn fork(&self) -> Cx {
        Cx {
            root: self.root.clone(),
            sandbox: self.sandbox.clone(),
            diags: Diagnostics::new(),
            sources: Sources::default(),
            dropped: BTreeSet::new(),
            failed: BTreeSet::new(),
            refs: Vec::new(),
            cache: self.cache.clone(),
        }
    }

    /// Takes in what a [`Cx::fork`] found.
    fn absorb(&mut self, other: Cx) {
        self.diags.extend(other.diags);
        self.sources.extend(other.sources);
        self.dropped.extend(other.dropped);
        self.failed.extend(other.failed);
        self.refs.extend(other.refs);
    }

    /// Reads a text file: size limit, UTF-8 (with a Latin-1 hint), BOM and
    /// CRLF removed. Records the text for diagnostics.
    pub fn read_text(&mut self, path: &Path) -> Option<Arc<str>> {
        let name = rel_name(&self.root, path);
        if let Some(text) = self.cache.as_ref().and_then(|c| c.text(&name)) {
            self.sources.insert_shared(&name, text.clone());
            return Some(text);
        }
        let mut bytes = match self.sandbox.read(path, MAX_FILE_BYTES) {
            Ok(b) => b,
            Err(Refusal::TooBig(len)) => {
                self.diags
                    .error(&name, Pos::FILE, format!(
                        "Filen er for stor ({} MB). omstil læser højst {} MB pr. fil.",
                        len / (1024 * 1024),
                        MAX_FILE_BYTES / (1024 * 1024)
                    ))
                    .hint("Del indholdet op i flere filer, eller fjern det, der ikke hører til rapporten.");
                return None;
            }
            Err(refusal) => {
                self.refuse(&name, &refusal);
                return None;
            }
        };
        if bytes.starts_with(b"\xEF\xBB\xBF") {
            bytes.drain(..3);
        }
        let text = match utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                let line = good.iter().filter(|b| **b == b'\n').count() as u32 + 1;
                let col = (good.len() - good.iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1))
                    as u32
                    + 1;
                self.diags
                    .error(&name, Pos::new(line, col), "Filen er ikke gemt som UTF-8 (den ser ud til at være gemt som Latin-1 eller Windows-1252).")
                    .hint("Åbn filen i din editor og gem den igen med tegnsættet UTF-8.");
                return None;
            }
        };
        let text = if text.contains('\r') {
            text.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            text
        };
        if let Some((line, col)) = find_control_char(&text) {
            self.diags
                .error(
                    &name,
                    Pos::new(line, col),
                    "Filen indeholder et usynligt kontroltegn.",
                )
                .hint("Slet tegnet; det kommer ofte fra kopiering ud af et andet program.");
            return None;
        }
        let text: Arc<str> = Arc::from(text);
        self.sources.insert_shared(&name, text.clone());
        if let Some(c) = &self.cache {
            c.store(&name, &text);
        }
        Some(text)
    }

    /// Reports a file that is not read, on the file itself.
    pub fn refuse(&mut self, name: &str, refusal: &Refusal) {
        refusal.report_file(&mut self.diags, name);
    }

    /// Parses YAML text from `file` into `T`, reporting every problem.
    pub fn parse_yaml<T: DeserializeOwned>(
        &mut self,
        file: &str,
        text: &str,
        line_offset: u32,
    ) -> Option<T> {
        if text.trim().is_empty() {
            self.diags.error(file, Pos::FILE, "Filen er tom.").hint(
                "Skriv indholdet i filen, eller slet den, hvis delen ikke skal med i rapporten.",
            );
            return None;
        }
        let node = match yaml::parse(text, line_offset) {
            Ok(n) => n,
            Err(e) => {
                let d = self.diags.error(file, e.pos, e.message);
                if let Some(h) = e.hint {
                    d.hint(h);
                }
                return None;
            }
        };
        if matches!(node.kind, yaml::NodeKind::Null) {
            self.diags
                .error(file, Pos::FILE, "Filen er tom (den har kun kommentarer).")
                .hint("Skriv indholdet i filen, eller slet den, hvis delen ikke skal med i rapporten.");
            return None;
        }
        if !matches!(node.kind, yaml::NodeKind::Map(_)) {
            self.diags
                .error(file, node.pos, "Filen skal bestå af nøgler med værdier (`nøgle: værdi`), ikke af en enkelt værdi eller en liste.")
                .hint("Se indholdsguiden for, hvilke nøgler filen skal have.");
            return None;
        }
        let outcome = from_node::<T>(&node);
        for e in &outcome.errors {
            let (msg, hint) = e.message();
            let d = self.diags.error(file, e.pos.unwrap_or(Pos::FILE), msg);
            if let Some(h) = hint {
                d.hint(h);
            }
        }
        self.dropped.extend(outcome.dropped_ids);
        outcome.value
    }

    /// Reads and parses one optional part file at the root.
    fn part<T: DeserializeOwned + Clone + Send + Sync + 'static>(
        &mut self,
        name: &str,
    ) -> Option<T> {
        let path = self.root.join(name);
        if !Sandbox::exists(&path) {
            return None;
        }
        let value = self
            .read_text(&path)
            .and_then(|text| self.parse_part(name, &text));
        if value.is_none() {
            self.failed.insert(name.to_string());
        }
        value
    }

    /// [`Cx::parse_yaml`] of a part file, or (`serve`) what it gave for the
    /// same text last time, with the same diagnostics.
    fn parse_part<T: DeserializeOwned + Clone + Send + Sync + 'static>(
        &mut self,
        name: &str,
        text: &Arc<str>,
    ) -> Option<T> {
        let Some(c) = self.cache.clone() else {
            return self.parse_yaml(name, text, 0);
        };
        let parse = match c
            .part(name, text)
            .and_then(|p| p.downcast::<cache::PartParse<T>>().ok())
        {
            Some(p) => p,
            None => {
                let (diags, dropped) = (
                    std::mem::take(&mut self.diags),
                    std::mem::take(&mut self.dropped),
                );
                let value = self.parse_yaml::<T>(name, text, 0);
                let p = Arc::new(cache::PartParse {
                    value,
                    diags: std::mem::replace(&mut self.diags, diags),
                    dropped: std::mem::replace(&mut self.dropped, dropped),
                });
                c.store_part(name, text, p.clone());
                p
            }
        };
        self.diags.extend_from(&parse.diags);
        self.dropped.extend(parse.dropped.iter().cloned());
        parse.value.clone()
    }
}

/// `bytes` as a `String` if they are UTF-8 (checked with SIMD), else
/// std's error, which says where.
pub(crate) fn utf8(bytes: Vec<u8>) -> Result<String, std::string::FromUtf8Error> {
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: simdutf8 has just checked that the bytes are UTF-8.
        Ok(unsafe { String::from_utf8_unchecked(bytes) })
    } else {
        String::from_utf8(bytes)
    }
}

/// Whether `b` could start a control character: C0 but tab and newline,
/// DEL, or the lead byte of U+0080–U+009F.
fn may_start_control(b: u8) -> bool {
    (b < 0x20 && b != b'\t' && b != b'\n') || b == 0x7f || b == 0xc2
}

fn find_control_char(text: &str) -> Option<(u32, u32)> {
    // Fast path: no byte that could start one, tested 32 bytes at a time
    // without a branch per byte (so the compiler can vectorize it).
    let bytes = text.as_bytes();
    let mut chunks = bytes.chunks_exact(32);
    let none = chunks
        .by_ref()
        .all(|c| !c.iter().fold(false, |any, &b| any | may_start_control(b)))
        && !chunks.remainder().iter().any(|&b| may_start_control(b));
    if none {
        return None;
    }
    for (i, line) in text.lines().enumerate() {
        if let Some(j) = line.chars().position(|c| c.is_control() && c != '\t') {
            return Some((i as u32 + 1, j as u32 + 1));
        }
    }
    None
}

/// Splits `---\nyaml\n---\nbody` into (front matter, body, line of body).
pub fn split_front_matter(text: &str) -> (Option<&str>, &str, u32) {
    let Some(rest) = text.strip_prefix("---\n") else {
        return (None, text, 1);
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" || line.trim_end() == "..." {
            let fm = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let body_line = 2 + fm.lines().count() as u32 + 1;
            return (Some(fm), body, body_line);
        }
        offset += line.len();
    }
    (None, text, 1)
}

fn load_inner(cx: &mut Cx) -> Option<Report> {
    let root = cx.root.clone();
    if !Sandbox::exists(&root.join("omstil.yaml")) {
        let shown = root.display().to_string();
        cx.diags
            .error("omstil.yaml", Pos::FILE, format!("Mappen {shown} indeholder ikke filen omstil.yaml, så den er ikke en omstil-rapport."))
            .hint("Angiv rapportens mappe, eller opret en ny rapport med `omstil init MAPPE`.");
        return None;
    }
    check_root_entries(cx);
    // The free pages are read and parsed (on the pool) while the part files
    // are: a large theory of change takes as long to parse as thousands of
    // pages' front matter. What each side found is merged after.
    let mut pages_cx = cx.fork();
    let (mut raw, pages) = rayon::join(
        || resolve::RawReport {
            settings: cx.part("omstil.yaml"),
            analysis: cx.part("modenhedsanalyse.yaml"),
            toc: cx.part("forandringsteori.yaml"),
            plan: cx.part("udviklingsplan.yaml"),
            services: cx.part("tilbudsvifte.yaml"),
            key_figures: cx.part("noegletal.yaml"),
            case_review: cx.part("sagsanalyse.yaml"),
            actors: cx.part("aktoerer.yaml"),
            projects: cx.part("projekter.yaml"),
            followup: None,
            front: None,
            pages: Vec::new(),
            assets: Vec::new(),
        },
        || load_pages(&mut pages_cx),
    );
    cx.absorb(pages_cx);
    raw.followup = resolve::load_followup(cx);
    raw.front = load_front(cx);
    raw.pages = pages;
    raw.assets = assets::load_assets(cx);
    resolve::resolve(cx, raw)
}

/// Warns about files at the root that look like misspelt part files.
fn check_root_entries(cx: &mut Cx) {
    let Ok(entries) = std::fs::read_dir(&cx.root) else {
        return;
    };
    let mut names: Vec<(String, bool)> = entries
        .filter_map(Result::ok)
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                e.path().is_dir(),
            )
        })
        .collect();
    names.sort();
    for (name, is_dir) in names {
        // A folder named like a part file is reported when it is read.
        if name.starts_with('.') || PART_FILES.contains(&name.as_str()) || name == "forside.md" {
            continue;
        }
        if is_dir {
            if !KNOWN_DIRS.contains(&name.as_str())
                && let Some(s) = did_you_mean(&name, KNOWN_DIRS)
            {
                cx.diags
                    .warning(
                        &name,
                        Pos::FILE,
                        format!("Mappen `{name}` bruges ikke af omstil."),
                    )
                    .hint(format!("Mente du `{s}`?"));
            }
            continue;
        }
        let lower = name.to_lowercase();
        if (lower.ends_with(".yaml") || lower.ends_with(".yml"))
            && !PART_FILES.contains(&name.as_str())
        {
            let stem = lower.trim_end_matches(".yml").trim_end_matches(".yaml");
            let cands: Vec<&str> = PART_FILES
                .iter()
                .map(|p| p.trim_end_matches(".yaml"))
                .collect();
            let d = cx.diags.warning(
                &name,
                Pos::FILE,
                format!("Filen `{name}` bruges ikke af omstil og bliver ikke læst."),
            );
            match did_you_mean(stem, cands) {
                Some(s) => d.hint(format!("Mente du `{s}.yaml`?")),
                None => d.hint(format!(
                    "Rapportens YAML-filer hedder: {}.",
                    PART_FILES.join(", ")
                )),
            };
        } else if lower.ends_with(".md") && name != "forside.md" {
            cx.diags
                .warning(
                    &name,
                    Pos::FILE,
                    format!("Markdown-filen `{name}` bliver ikke læst her."),
                )
                .hint("Læg fri sider i mappen `sider/`; forsiden hedder `forside.md`.");
        }
    }
}

fn load_front(cx: &mut Cx) -> Option<(Option<raw::FrontMatter>, model::Md)> {
    let path = cx.root.join("forside.md");
    if !Sandbox::exists(&path) {
        return None;
    }
    let text = cx.read_text(&path)?;
    let (fm, body, line) = split_front_matter(&text);
    if unclosed_front_matter(cx, "forside.md", &text, fm) {
        return None;
    }
    let fm = match fm {
        Some(f) if !f.trim().is_empty() => {
            Some(cx.parse_yaml::<raw::FrontMatter>("forside.md", f, 1)?)
        }
        _ => None,
    };
    Some((
        fm,
        model::Md {
            text: model::Text::within(&text, body),
            file: "forside.md".into(),
            line,
            yaml: None,
        },
    ))
}

/// Reports front matter that begins with `---` but is never closed.
fn unclosed_front_matter(cx: &mut Cx, name: &str, text: &str, fm: Option<&str>) -> bool {
    if fm.is_some() || !text.starts_with("---\n") {
        return false;
    }
    cx.diags
        .error(
            name,
            Pos::new(1, 1),
            "Forside-blokken (front matter) begynder med `---`, men bliver aldrig afsluttet.",
        )
        .hint("Skriv `---` på en linje for sig efter forside-blokkens sidste linje.");
    true
}

/// A page as read: its id (from the file name), front matter and body.
#[derive(Clone)]
pub(crate) struct RawPage {
    pub id: String,
    pub file: String,
    pub front: raw::FrontMatter,
    pub body: model::Md,
}

fn load_pages(cx: &mut Cx) -> Vec<RawPage> {
    let mut out = Vec::new();
    let listing = match cx.cache.as_ref().and_then(|c| c.listing()) {
        Some(l) => {
            cx.diags.extend_from(&l.diags);
            l
        }
        None => {
            // What listing `sider/` reports, kept with the listing.
            let before = std::mem::take(&mut cx.diags);
            let todo = page_files(cx);
            let l = Arc::new(cache::PageListing {
                todo: todo.unwrap_or_default(),
                diags: std::mem::replace(&mut cx.diags, before),
            });
            cx.diags.extend_from(&l.diags);
            if let Some(c) = &cx.cache
                && !l.diags.has_errors()
            {
                c.store_listing(&l);
            }
            l
        }
    };
    let todo = &listing.todo;
    // Pages whose text and parse are cached are taken as they are, with one
    // look into the cache; reading and parsing the others is independent
    // work: both cores. The results (and their diagnostics) are merged in
    // file order.
    let hits = match &cx.cache {
        Some(c) => c.parsed(todo.iter().map(|(_, name, _)| name.as_str())),
        None => vec![None; todo.len()],
    };
    let misses: Vec<_> = todo
        .iter()
        .zip(&hits)
        .filter(|(_, hit)| hit.is_none())
        .map(|(t, _)| t.clone())
        .collect();
    use rayon::prelude::*;
    let root = cx.root.clone();
    // The pages are all directly in `sider/`: read through one open handle.
    let sandbox = if misses.is_empty() {
        cx.sandbox.clone()
    } else {
        cx.sandbox.with_dir(&root.join("sider"))
    };
    let cache = cx.cache.clone();
    let results: Vec<(Option<RawPage>, Cx)> = misses
        .into_par_iter()
        .map(|(path, name, id)| {
            let mut local = Cx {
                root: root.clone(),
                sandbox: sandbox.clone(),
                diags: Diagnostics::new(),
                sources: Sources::default(),
                dropped: BTreeSet::new(),
                failed: BTreeSet::new(),
                refs: Vec::new(),
                cache: cache.clone(),
            };
            let page = load_page(&mut local, &path, name, id.clone());
            if page.is_none() {
                // Links to a page that could not be read are not reported.
                local.dropped.insert(id);
            }
            (page, local)
        })
        .collect();
    let mut results = results.into_iter();
    // Each page's text as `read_text` records it (`None`: not read).
    let mut texts: Vec<Option<Arc<str>>> = Vec::with_capacity(todo.len());
    for ((_, name, id), hit) in todo.iter().zip(hits) {
        if let Some((text, parse)) = hit {
            // As `load_page` gives a cached page.
            texts.push(Some(text));
            cx.diags.extend_from(&parse.diags);
            cx.dropped.extend(parse.dropped.iter().cloned());
            match &parse.page {
                Some(p) => out.push(p.clone()),
                None => {
                    cx.dropped.insert(id.clone());
                }
            }
        } else if let Some((page, local)) = results.next() {
            // A page's own context recorded its text only.
            texts.push(local.sources.get_shared(name));
            cx.diags.extend(local.diags);
            cx.dropped.extend(local.dropped);
            out.extend(page);
        }
    }
    cx.sources
        .extend(cache::page_sources(cx.cache.as_deref(), &listing, texts));
    out
}

/// The page files in `sider/`, as (path, name, id), in file order; what
/// is wrong with the folder or a name in it is reported. `None`: the
/// folder is not there.
fn page_files(cx: &mut Cx) -> Option<Vec<(PathBuf, String, String)>> {
    let dir = cx.root.join("sider");
    let entries = list_dir(cx, &dir, 4)?;
    // (path, is a folder), from the listing (no second look at each file).
    let mut files: Vec<(PathBuf, bool)> = entries
        .into_iter()
        .filter(|e| e.depth() > 0)
        .map(|e| (e.file_type().is_dir(), e.into_path()))
        .map(|(is_dir, path)| (path, is_dir))
        .collect();
    files.sort();
    let mut todo = Vec::new();
    for (path, is_dir) in files {
        let name = rel_name(&cx.root, &path);
        let file_name = path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        if file_name.starts_with('.') || file_name.ends_with('~') || !file_name.ends_with(".md") {
            continue;
        }
        if is_dir {
            if path.parent() == Some(dir.as_path()) {
                cx.refuse(&name, &Refusal::Dir);
            }
            continue;
        }
        if path.parent() != Some(dir.as_path()) {
            cx.diags
                .warning(
                    &name,
                    Pos::FILE,
                    "Sider i undermapper af `sider/` bliver ikke læst.",
                )
                .hint("Flyt filen direkte ind i `sider/`.");
            continue;
        }
        // One `.md` off, not every one: `a.md.md` is not a second page `a`.
        let id = file_name
            .strip_suffix(".md")
            .unwrap_or(&file_name)
            .to_string();
        if !resolve::is_valid_id(&id) {
            cx.diags
                .error(&name, Pos::FILE, format!("Filnavnet `{file_name}` kan ikke bruges som sidens id: brug kun små bogstaver a–z, tal og bindestreger."))
                .hint(format!("Omdøb filen til `{}.md`.", resolve::suggest_id(&id)));
            continue;
        }
        todo.push((path, name, id));
    }
    Some(todo)
}

/// Reads one free page (or takes it from the cache when its text is the
/// text parsed last time).
fn load_page(cx: &mut Cx, path: &Path, name: String, id: String) -> Option<RawPage> {
    let text = cx.read_text(path)?;
    let Some(c) = cx.cache.clone() else {
        return parse_page(cx, &text, name, id);
    };
    if let Some(p) = c.page(&name, &text) {
        cx.diags.extend_from(&p.diags);
        cx.dropped.extend(p.dropped.iter().cloned());
        return p.page.clone();
    }
    // `cx` is this page's own context: what it holds now is the page's.
    let page = parse_page(cx, &text, name.clone(), id);
    let parse = cache::PageParse {
        page: page.clone(),
        diags: cx.diags.clone(),
        dropped: cx.dropped.clone(),
    };
    c.store_page(&name, &text, Arc::new(parse));
    page
}

/// Parses one free page: front matter and body.
fn parse_page(cx: &mut Cx, text: &Arc<str>, name: String, id: String) -> Option<RawPage> {
    let text = text.clone();
    let (fm, body, line) = split_front_matter(&text);
    if unclosed_front_matter(cx, &name, &text, fm) {
        return None;
    }
    let front = match fm {
        Some(f) if !f.trim().is_empty() => cx.parse_yaml::<raw::FrontMatter>(&name, f, 1)?,
        _ => {
            cx.diags
                .error(
                    &name,
                    Pos::new(1, 1),
                    "Siden mangler en forside-blok (front matter) med en titel.",
                )
                .hint("Begynd filen med tre linjer: `---`, `titel: Sidens titel` og `---`.");
            return None;
        }
    };
    Some(RawPage {
        id,
        file: name.clone(),
        front,
        body: model::Md {
            text: model::Text::within(&text, body),
            file: name,
            line,
            yaml: None,
        },
    })
}

/// Lists a folder of the report (`sider`, `billeder`), walking at most
/// `depth` levels without following links: `None` if it is not there,
/// an error naming it if it is not a folder inside the report or a part of
/// it cannot be read.
pub(crate) fn list_dir(cx: &mut Cx, dir: &Path, depth: usize) -> Option<Vec<walkdir::DirEntry>> {
    if !Sandbox::exists(dir) {
        return None;
    }
    if let Err(refusal) = cx.sandbox.check_dir(dir) {
        refusal.report_folder(&mut cx.diags, &rel_name(&cx.root, dir));
        return None;
    }
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(false)
        .max_depth(depth)
        .sort_by_file_name()
    {
        match entry {
            Ok(e) => out.push(e),
            Err(e) => {
                let path = e.path().unwrap_or(dir);
                let name = rel_name(&cx.root, path);
                let msg = match e.io_error() {
                    Some(io) => format!("Mappen kan ikke læses: {io}."),
                    None => format!("Mappen kan ikke læses: {e}."),
                };
                cx.diags
                    .error(&name, Pos::FILE, msg)
                    .hint("Tjek mappens rettigheder.");
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests;
