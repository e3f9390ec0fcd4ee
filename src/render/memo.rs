//! The render memo of the incremental preview (`crate::incremental`): the
//! same units of work as [`super::render`] (each part of the report, each
//! free page), but a unit is rendered again only when what it read
//! changed; otherwise what it left last time is replayed: its files, its
//! diagnostics, the links it asked `anchors` to check and the ids of its
//! pages, and its `Done` parts for the print page and the search index.
//!
//! A unit's inputs, and how a change to each is noticed:
//!
//! - **The global context** (the templates' `site`, `nav` and UI strings,
//!   the Markdown options, the theme's generation, whether the pages are
//!   listed on a page of their own): one hash; when it changes every unit
//!   is rendered again.
//! - **Its own input.** A free page: its resolved fields (title, id,
//!   description, order, position, provenance…), compared with the page
//!   as last rendered, and its Markdown text (by identity: the file cache
//!   keeps the same `Arc` for an unchanged file; else by content). A part:
//!   the fields of the model it reads ([`super::PART_READS`]; it is given
//!   no others, in the full build too: `super::reads`), each by the hash of
//!   its `Debug` form, and, if it reads the free pages, a generation that
//!   goes up when any free page's summary (all of it but its text) changes
//!   or pages come or go. Markdown written in YAML shows its file by
//!   address in that form (see `model::YamlSpot`), so the previous model is
//!   kept alive until the new one has been compared, and an equal address
//!   is the same text. So an edit to `tilbudsvifte.yaml` renders the
//!   services, the front page and the sources page again, not the theory
//!   of change.
//! - **What it looked up** in the indexes shared by all units (entity
//!   titles and ids, overview pages, images, provenance): recorded while
//!   the unit runs ([`crate::deps`]), stored with a hash of each answer, and
//!   asked again on the next rebuild. A page that links `[](@side/b)` is
//!   rendered again when `b`'s title changes or `b` is removed; one that
//!   links `[tekst](@side/b)` only when `b` comes or goes (it asks whether
//!   `b` exists, not its title). The front page's text is read through
//!   such a key too (`Dep::Front`), so editing `forside.md` renders only
//!   the front page. When the indexes and the front page's answer are
//!   equal to the last render's (a page's text edited, its title and id
//!   kept), no recorded lookup can answer otherwise, and they are not
//!   asked one by one.
//!
//! The checks that need every page (links to headings on other pages, the
//! "did you mean" of many broken links) run over the replayed and fresh
//! records together, as [`super::render`] runs them. The print page and
//! the search index are made from the `Done` parts by [`Background`],
//! which `incremental` runs on its own thread after the reload.

use super::anchors::{self, Anchors, PageIds};
use super::reads::{self, Field, hash_debug};
use super::{Ctx, Done, PART_READS, PARTS, Theme, front, print, search, setup, sources};
use crate::content::model::{Page, Report};
use crate::deps::{self, Dep};
use crate::diag::Diagnostics;
use crate::markdown::{Later, LinkIndex, MdOptions};
use crate::output::Sink;
use std::collections::{BTreeMap, HashMap};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

/// A built file, shared between the memo, the site and the server.
pub type Bytes = Arc<Vec<u8>>;
/// A file's path in the site, shared: a rebuild puts every unit's files
/// into a new map, and a shared path costs a count, not a copy.
pub type SitePath = Arc<str>;
/// A site in memory: path → bytes.
pub type SiteFiles = BTreeMap<SitePath, Bytes>;

/// What one unit left, kept until its inputs change.
struct Unit {
    /// Hash of the global context, and for a part of the model.
    key: u64,
    /// A free page as rendered (kept so that it can be compared).
    page: Option<Arc<Page>>,
    /// What it looked up, with a hash of each answer.
    deps: Vec<(Dep, u64)>,
    files: Vec<(SitePath, Bytes)>,
    diags: Diagnostics,
    done: Arc<Vec<Done>>,
    later: Later,
    ids: PageIds,
}

/// The memo: every unit of the last render.
#[derive(Default)]
pub struct Memo {
    parts: Vec<Option<Unit>>,
    /// By page file (hashed with Fx: each rebuild looks up 10,000).
    pages: HashMap<String, Unit, crate::fxhash::Fx>,
    /// The model of the last render, alive so that addresses in its
    /// `Debug` form are not reused while the next one is compared.
    prev: Option<Arc<Report>>,
    /// What the parts see of the free pages, as of the last render.
    summaries: Vec<Summary>,
    /// Goes up when the summaries change.
    generation: u64,
    /// The shared indexes and the front page's answer of the last render:
    /// when the new ones are equal, no recorded lookup can give another
    /// answer, and the units' lookups are not asked again one by one.
    answers: Option<(Arc<LinkIndex>, Arc<sources::ProvIndex>, u64)>,
    /// The hashes of the last render's model, field by field.
    model: Option<reads::Hashes>,
    /// The theme's generation at the last render.
    theme_gen: Option<u64>,
    /// Every unit's files merged, as of the last render, when no two units
    /// wrote the same path (then the merge does not depend on the units'
    /// order, and a render that replaced some units patches it).
    merged: Option<SiteFiles>,
}

/// What the parts see of a free page (all of it but its text).
#[derive(PartialEq)]
struct Summary {
    h: crate::content::model::Header,
    file: String,
    description: Option<String>,
    order: i32,
    featured: bool,
    body_file: String,
    body_line: u32,
    /// `Debug` of the body's YAML spot (always `None` for a page).
    body_yaml: Option<String>,
}

impl Summary {
    fn of(p: &Page) -> Summary {
        Summary {
            h: p.h.clone(),
            file: p.file.clone(),
            description: p.description.clone(),
            order: p.order,
            featured: p.featured,
            body_file: p.body.file.clone(),
            body_line: p.body.line,
            body_yaml: p.body.yaml.as_ref().map(|y| format!("{y:?}")),
        }
    }

    /// Whether `p` is what this was made from, but its text.
    fn matches(&self, p: &Page) -> bool {
        self.h == p.h
            && self.file == p.file
            && self.description == p.description
            && self.order == p.order
            && self.featured == p.featured
            && self.body_file == p.body.file
            && self.body_line == p.body.line
            && match (&self.body_yaml, &p.body.yaml) {
                (None, None) => true,
                (x, y) => *x == y.as_ref().map(|y| format!("{y:?}")),
            }
    }
}

/// A render through the memo.
pub struct Rendered {
    /// Every file of the site except the print page, the search page and
    /// index, the theme's static files and the assets.
    pub files: SiteFiles,
    pub diags: Diagnostics,
    /// How many units were rendered (the rest were replayed).
    pub rendered: usize,
    pub units: usize,
    /// What the print page and the search index are made from.
    pub background: Background,
}

/// The print page, the search page and the search index, to be made from
/// the units' `Done` parts (on another thread).
pub struct Background {
    report: Arc<Report>,
    theme: Arc<Theme>,
    links: Arc<LinkIndex>,
    prov: Arc<sources::ProvIndex>,
    md_opts: MdOptions,
    done: Vec<Arc<Vec<Done>>>,
}

impl Background {
    /// Makes the files (`print.html`, `soeg.html`, the search index) and
    /// their diagnostics, as [`super::render`] does after the pages;
    /// `None` if `wanted` says no (a newer save came) once the pages are
    /// merged.
    pub fn run(self, wanted: &(dyn Fn() -> bool + Sync)) -> Option<(SiteFiles, Diagnostics)> {
        let sink = Sink::memory();
        let anchors = Anchors::default();
        let cx = Ctx {
            report: &self.report,
            theme: &self.theme,
            links: &self.links,
            md_opts: self.md_opts,
            diags: Diagnostics::new(),
            sink: &sink,
            anchors: &anchors,
            prov: &self.prov,
            done: Vec::new(),
            print_svgs: Vec::new(),
        };
        let mut body = print::Body::new(sink.spool("print")).with_strings(&cx);
        let mut index = search::Index::spooled(sink.spool("search"));
        for (i, d) in self.done.iter().flat_map(|d| d.iter()).enumerate() {
            if i % 256 == 0 && !wanted() {
                return None;
            }
            body.push(&d.print, d.toc.clone());
            index.add(d.search.clone());
        }
        if !wanted() {
            return None;
        }
        let (mut c1, mut c2) = (cx.fork(), cx.fork());
        rayon::join(
            || print::render(&mut c1, body),
            || search::render(&mut c2, index),
        );
        let mut diags = c1.diags;
        diags.extend(c2.diags);
        drop(cx);
        let files = sink
            .into_files()
            .into_iter()
            .map(|(p, b)| (SitePath::from(p), Arc::new(b)))
            .collect();
        Some((files, diags))
    }
}

/// Whether two versions of a free page are the same input.
fn same_page(a: &Arc<Page>, b: &Arc<Page>) -> bool {
    if Arc::ptr_eq(a, b) {
        return true;
    }
    a.h == b.h
        && a.file == b.file
        && a.description == b.description
        && a.order == b.order
        && a.featured == b.featured
        && a.body.file == b.body.file
        && a.body.line == b.body.line
        && match (&a.body.yaml, &b.body.yaml) {
            (None, None) => true,
            (x, y) => format!("{x:?}") == format!("{y:?}"),
        }
        && same_text(a, b)
}

fn same_text(a: &Page, b: &Page) -> bool {
    let (a, b): (&str, &str) = (&a.body.text, &b.body.text);
    (a.as_ptr() == b.as_ptr() && a.len() == b.len()) || a == b
}

/// What a recorded lookup gives now.
fn answer(dep: &Dep, r: &Report, links: &LinkIndex, prov: &sources::ProvIndex) -> u64 {
    let mut h = DefaultHasher::new();
    if let Dep::Front = dep {
        hash_debug(&mut h, &r.front);
    } else if !links.answer(dep, &mut h) {
        prov.answer(dep, &mut h);
    }
    h.finish()
}

/// Drops `v` on a thread of its own: freeing a whole model (10,000 pages
/// of strings) costs milliseconds that the rebuild need not wait for.
pub(crate) fn drop_later<T: Send + 'static>(v: T) {
    // Without a thread, the closure (and `v` with it) is dropped here.
    let _ = std::thread::Builder::new()
        .name("omstil-frigiv".into())
        .spawn(move || drop(v));
}

/// A unit of work: a part (by its number) or a free page.
enum Work<'r> {
    Part(usize),
    Page(&'r Arc<Page>),
}

impl Memo {
    pub fn new() -> Memo {
        Memo::default()
    }

    /// Whether the unit's inputs are what they were. `answers_same`: the
    /// shared indexes equal those of the last render (then every recorded
    /// lookup gives the answer stored with it).
    fn fresh(
        unit: Option<&Unit>,
        key: u64,
        page: Option<&Arc<Page>>,
        answers_same: bool,
        (report, links, prov): (&Report, &LinkIndex, &sources::ProvIndex),
    ) -> bool {
        let Some(u) = unit else { return false };
        u.key == key
            && match (&u.page, page) {
                (Some(a), Some(b)) => same_page(a, b),
                (None, None) => true,
                _ => false,
            }
            && (answers_same
                || u.deps
                    .iter()
                    .all(|(d, v)| answer(d, report, links, prov) == *v))
    }

    /// Renders `report` through the memo. `theme_gen` changes whenever the
    /// theme's files may have changed. `only_pages`: no file changed since
    /// the last render but free pages' Markdown files (then the model
    /// outside the free pages is what it was, when the pages' summaries
    /// and the ids left out are too, and its hash is not made again).
    pub fn render(
        &mut self,
        report: Arc<Report>,
        mut theme: Theme,
        theme_gen: u64,
        pdf_link: bool,
        only_pages: bool,
    ) -> Rendered {
        // The parts see the free pages' summaries: when one changed, or
        // pages came or went, the parts' key is new.
        let pages_same = self.summaries.len() == report.pages.len()
            && self
                .summaries
                .iter()
                .zip(&report.pages)
                .all(|(s, p)| s.matches(p));
        if !pages_same {
            self.summaries = report.pages.iter().map(|p| Summary::of(p)).collect();
            self.generation += 1;
        }
        // The parts are resolved from the part files alone, given the
        // pages' summaries and the ids left out after errors (a page that
        // could not be read): when none of these changed, neither did the
        // model outside the pages, nor the link and provenance indexes
        // (made from the entities' ids, titles and sources, the assets'
        // names and the theme's strings). Hashing the model's `Debug` form
        // was most of a page save's rebuild at 1,000 pages, making the
        // indexes a tenth of it at 10,000.
        let model_same = only_pages
            && pages_same
            && self.theme_gen == Some(theme_gen)
            && self
                .prev
                .as_ref()
                .is_some_and(|p| p.unchecked == report.unchecked);
        self.theme_gen = Some(theme_gen);
        let indexes = model_same
            .then(|| {
                self.answers
                    .as_ref()
                    .map(|(l, p, _)| (l.clone(), p.clone()))
            })
            .flatten();
        let setup = setup(&report, &mut theme, pdf_link, indexes);
        let theme = Arc::new(theme);
        let (links, prov) = (setup.links, setup.prov);
        let md_opts = setup.md_opts;
        let global = {
            let mut h = DefaultHasher::new();
            for v in [&setup.site, &setup.nav] as [&dyn erased::Json; 2] {
                v.json().hash(&mut h);
            }
            serde_json::to_string(&theme.strings)
                .unwrap_or_default()
                .hash(&mut h);
            hash_debug(&mut h, &md_opts);
            (theme_gen, pdf_link, report.pages.len()).hash(&mut h);
            h.finish()
        };
        let model = match self.model {
            Some(h) if model_same => h,
            _ => reads::Hashes::of(&report),
        };
        self.model = Some(model);
        // A part's key: the global context, the fields of the model it
        // reads (it is given no others) and, if it reads the free pages,
        // their summaries' generation.
        let part_key = |i: usize| {
            let reads = PART_READS[i];
            let mut h = DefaultHasher::new();
            (global, model.of_reads(reads)).hash(&mut h);
            if reads.contains(&Field::Pages) {
                self.generation.hash(&mut h);
            }
            h.finish()
        };
        // The previous model may go now: the new one has been hashed.
        if let Some(old) = self.prev.replace(report.clone()) {
            drop_later(old);
        }
        self.parts.resize_with(PARTS.len(), || None);

        // Which units must be rendered again.
        let work: Vec<(Work, u64)> = (0..PARTS.len())
            .map(|i| (Work::Part(i), part_key(i)))
            .chain(report.pages.iter().map(|p| (Work::Page(p), global)))
            .collect();
        let front = answer(&Dep::Front, &report, &links, &prov);
        let answers_same = self.answers.as_ref().is_some_and(|(l, p, f)| {
            *f == front
                && (Arc::ptr_eq(l, &links) || **l == *links)
                && (Arc::ptr_eq(p, &prov) || **p == *prov)
        });
        if let Some(old) = self.answers.replace((links.clone(), prov.clone(), front)) {
            drop_later(old);
        }
        let stale: Vec<usize> = {
            use rayon::prelude::*;
            work.par_iter()
                .enumerate()
                .filter(|(_, (w, key))| {
                    let (unit, page) = match w {
                        Work::Part(i) => (self.parts[*i].as_ref(), None),
                        Work::Page(p) => (self.pages.get(&p.file), Some(*p)),
                    };
                    !Self::fresh(unit, *key, page, answers_same, (&report, &links, &prov))
                })
                .map(|(i, _)| i)
                .collect()
        };
        let rendered = {
            use rayon::prelude::*;
            let (report, theme, links, prov) = (&*report, &*theme, &*links, &*prov);
            stale
                .par_iter()
                .map(|&i| {
                    let (w, key) = &work[i];
                    run(w, *key, report, theme, links, prov, md_opts)
                })
                .collect::<Vec<_>>()
        };
        let n_rendered = rendered.len();
        // What the replaced units wrote; `None` once a unit is new.
        let mut replaced: Option<Vec<Vec<(SitePath, Bytes)>>> = Some(Vec::new());
        for (&i, unit) in stale.iter().zip(rendered) {
            let old = match &work[i].0 {
                Work::Part(n) => self.parts[*n].replace(unit),
                Work::Page(p) => self.pages.insert(p.file.clone(), unit),
            };
            match (old, replaced.as_mut()) {
                (Some(old), Some(r)) => r.push(old.files),
                _ => replaced = None,
            }
        }
        if self.pages.len() > report.pages.len() {
            let live: std::collections::HashSet<&str> =
                report.pages.iter().map(|p| p.file.as_str()).collect();
            self.pages.retain(|f, _| live.contains(f.as_str()));
            replaced = None;
        }

        // Everything in reading order, as the full render merges it.
        let units: Vec<&Unit> = self
            .parts
            .iter()
            .flatten()
            .chain(report.pages.iter().filter_map(|p| self.pages.get(&p.file)))
            .collect();
        let mut diags = Diagnostics::new();
        let mut done = Vec::with_capacity(units.len());
        for u in &units {
            diags.extend_from(&u.diags);
            done.push(u.done.clone());
        }
        // The units' files: the last merge patched (the replaced units'
        // files out, their new ones in), or merged anew.
        let patched = match (self.merged.take(), replaced) {
            (Some(mut m), Some(old)) => {
                for (p, _) in old.iter().flatten() {
                    m.remove(p);
                }
                let fresh = stale.iter().map(|&i| match &work[i].0 {
                    Work::Part(n) => self.parts[*n].as_ref(),
                    Work::Page(p) => self.pages.get(&p.file),
                });
                let mut twice = false;
                for (p, b) in fresh.flatten().flat_map(|u| &u.files) {
                    twice |= m.insert(p.clone(), b.clone()).is_some();
                }
                (!twice).then_some(m)
            }
            _ => None,
        };
        let mut files = match patched {
            Some(m) => {
                self.merged = Some(m.clone());
                m
            }
            None => {
                let mut m = SiteFiles::new();
                let mut twice = false;
                for (p, b) in units.iter().flat_map(|u| &u.files) {
                    twice |= m.insert(p.clone(), b.clone()).is_some();
                }
                self.merged = (!twice).then(|| m.clone());
                m
            }
        };
        // The 404 page (cheap; always made) and the checks across pages.
        let sink = Sink::memory();
        let anchors404 = Anchors::default();
        let mut cx = Ctx {
            report: &report,
            theme: &theme,
            links: &links,
            md_opts,
            diags,
            sink: &sink,
            anchors: &anchors404,
            prov: &prov,
            done: Vec::new(),
            print_svgs: Vec::new(),
        };
        front::render_404(&mut cx);
        let mut diags = cx.diags;
        let (_, ids404) = anchors404.into_parts();
        let mut links_to_check: Vec<_> = units
            .iter()
            .flat_map(|u| u.later.anchor_links.iter().cloned())
            .collect();
        let mut guesses: Vec<_> = units
            .iter()
            .flat_map(|u| u.later.guesses.iter().cloned())
            .collect();
        if !links_to_check.is_empty() || !guesses.is_empty() {
            let mut pages: HashMap<&str, &(_, _)> = HashMap::new();
            for ids in units.iter().map(|u| &u.ids).chain([&ids404]) {
                for (p, v) in ids {
                    pages.entry(p.as_str()).or_insert(v);
                }
            }
            anchors::check(
                &mut links_to_check,
                &mut guesses,
                |p| pages.get(p).copied(),
                &links,
                &mut diags,
            );
        }
        for (p, b) in sink.into_files() {
            files.insert(p.into(), Arc::new(b));
        }
        Rendered {
            files,
            diags,
            rendered: n_rendered,
            units: units.len(),
            background: Background {
                report,
                theme,
                links,
                prov,
                md_opts,
                done,
            },
        }
    }
}

/// Renders one unit on this thread, recording what it looks up.
fn run(
    w: &Work,
    key: u64,
    report: &Report,
    theme: &Theme,
    links: &LinkIndex,
    prov: &sources::ProvIndex,
    md_opts: MdOptions,
) -> Unit {
    let sink = Sink::memory();
    let anchors = Anchors::default();
    // A part sees the fields it reads, as in the full render (`reads`).
    let masked = match w {
        Work::Part(i) => Some(reads::masked(report, PART_READS[*i])),
        Work::Page(_) => None,
    };
    let mut c = Ctx {
        report: masked.as_deref().unwrap_or(report),
        theme,
        links,
        md_opts,
        diags: Diagnostics::new(),
        sink: &sink,
        anchors: &anchors,
        prov,
        done: Vec::new(),
        print_svgs: Vec::new(),
    };
    deps::start();
    match w {
        Work::Part(i) => PARTS[*i](&mut c),
        Work::Page(p) => front::render_page(&mut c, p),
    }
    let recorded = deps::stop();
    let Ctx { diags, done, .. } = c;
    let (later, ids) = anchors.into_parts();
    Unit {
        key,
        page: match w {
            Work::Page(p) => Some(Arc::clone(p)),
            Work::Part(_) => None,
        },
        deps: recorded
            .into_iter()
            .map(|d| {
                let v = answer(&d, report, links, prov);
                (d, v)
            })
            .collect(),
        files: sink
            .into_files()
            .into_iter()
            .map(|(p, b)| (SitePath::from(p), Arc::new(b)))
            .collect(),
        diags,
        done: Arc::new(done),
        later,
        ids,
    }
}

/// `serde_json` of the templates' global values, behind one trait object.
mod erased {
    pub(super) trait Json {
        fn json(&self) -> String;
    }
    impl<T: serde::Serialize> Json for T {
        fn json(&self) -> String {
            serde_json::to_string(self).unwrap_or_default()
        }
    }
}
