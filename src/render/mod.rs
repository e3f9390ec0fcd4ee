//! Render: the model → HTML pages through Tera templates over view structs.
//! Each part has its own builder module; this one holds the shared context,
//! navigation and the page writer. Output goes into an in-memory map
//! `path → bytes`.

mod actors;
mod analysis;
mod anchors;
mod cases;
mod figures;
mod followup;
mod frames;
mod front;
pub(crate) mod memo;
pub mod names;
mod plan;
mod print;
mod print_fig;
pub(crate) use print_fig::too_wide;
pub(crate) mod print_float;
mod print_items;
mod print_parts;
mod projects;
pub(crate) mod reads;
pub mod search;
mod search_text;
pub(crate) use search_text::plain_text;
mod services;
mod sources;
mod toc;
mod toc_list;
mod trace;
pub mod views;

use crate::content::model::{Kind, Md, Report};
use crate::diag::{Diagnostics, Pos};
use crate::markdown::{self, Html, LinkIndex, MdOptions};
use crate::output::Sink;
use crate::theme::Theme;
use reads::Field;
use std::sync::Arc;
use views::*;

pub use crate::output::Files;

/// Shared state while rendering. Page builders borrow it mutably; the free
/// pages are rendered on several threads, each with its own `Ctx` made by
/// [`Ctx::fork`], and their results are merged in reading order.
pub struct Ctx<'a> {
    pub report: &'a Report,
    pub theme: &'a Theme,
    pub links: &'a LinkIndex,
    md_opts: MdOptions,
    pub diags: Diagnostics,
    pub(crate) sink: &'a Sink,
    /// Links to headings on other pages, and the ids of the pages written.
    anchors: &'a anchors::Anchors,
    /// Each page's source line and which entities are reconstructed.
    prov: &'a sources::ProvIndex,
    /// What the print page and the search index need of each page
    /// rendered since the last merge, in reading order.
    pub done: Vec<Done>,
    /// Print-only variants of the diagrams on the page being rendered:
    /// (screen SVG, print SVG); the print page gets the second.
    pub(crate) print_svgs: Vec<(String, String)>,
}

/// What is kept of a rendered page once it is written: its part of the
/// print page and its entry in the search index.
pub struct Done {
    pub print: String,
    pub toc: print::TocEntry,
    pub search: search::PageTerms,
}
pub use crate::url::url;

impl<'a> Ctx<'a> {
    /// UI string.
    pub fn t(&self, key: &str) -> String {
        self.theme.strings.get(key).to_string()
    }

    pub fn lang(&self) -> &'static str {
        self.report.settings.lang()
    }

    /// Renders Markdown (links checked, diagnostics collected).
    pub fn md(&mut self, md: &Md) -> Html {
        let mut html = markdown::render(md, self.links, &self.md_opts, &mut self.diags);
        self.anchors.add(std::mem::take(&mut html.later));
        if crate::memsearch::contains(&html.html, "<table") {
            let (hint, label) = (self.t("table.scroll_hint"), self.t("table.label"));
            html.html = frames::wrap_tables(&html.html, &hint, &label);
        }
        html
    }

    pub fn md_opt(&mut self, md: &Option<Md>) -> Option<String> {
        md.as_ref().map(|m| self.md(m).html)
    }

    /// The "Beskrivelse" section of an entity page, if it has a text.
    pub fn description(&mut self, md: &Option<Md>) -> Option<Section> {
        let html = self.md_opt(md)?;
        Some(Section {
            id: "beskrivelse".into(),
            heading: self.t("common.description"),
            html: Some(html),
            ..Default::default()
        })
    }

    /// A link to an entity.
    pub fn link(&self, kind: Kind, id: &str) -> LinkV {
        LinkV {
            title: self.links.title(kind, id).unwrap_or(id).to_string(),
            url: url(&kind.url(id)),
            reconstructed: self.prov.is_reconstructed(kind, id),
            ..Default::default()
        }
    }

    /// The source line and marker of something shown without a page of
    /// its own (a suggestion).
    pub fn provenance(&self, p: &crate::content::model::Provenance) -> Option<ProvenanceV> {
        sources::view(p, &self.theme.strings)
    }

    /// A section listing links, with a text when there are none.
    pub fn link_section(
        &self,
        id: &str,
        heading_key: &str,
        links: Vec<LinkV>,
        empty_key: &str,
    ) -> Section {
        Section {
            id: id.into(),
            heading: self.t(heading_key),
            empty: Some(self.t(empty_key)),
            links,
            ..Default::default()
        }
    }

    pub fn crumbs(&self, part: Option<(&str, &str)>) -> Vec<LinkV> {
        let mut v = vec![LinkV {
            title: self.t("nav.home"),
            url: url("index.html"),
            ..Default::default()
        }];
        if let Some((key, path)) = part {
            v.push(LinkV {
                title: self.t(key),
                url: url(path),
                ..Default::default()
            });
        }
        v
    }

    /// A blank page view for `path`.
    pub fn page(&self, path: &str, title: &str, kind: &str, active: &str) -> PageView {
        PageView {
            active: active.to_string(),
            breadcrumbs: Vec::new(),
            title: title.to_string(),
            kind_label: None,
            kind: kind.to_string(),
            lead: None,
            facts: Vec::new(),
            provenance: self.prov.page(path),
            sections: Vec::new(),
            toc: Vec::new(),
            path: path.to_string(),
            cards: Vec::new(),
            body: None,
            newest_round: None,
            front: None,
        }
    }

    /// A context for rendering on another thread: the same report, theme
    /// and output, its own diagnostics and results.
    pub fn fork(&self) -> Ctx<'a> {
        Ctx {
            report: self.report,
            theme: self.theme,
            links: self.links,
            md_opts: self.md_opts,
            diags: Diagnostics::new(),
            sink: self.sink,
            anchors: self.anchors,
            prov: self.prov,
            done: Vec::new(),
            print_svgs: Vec::new(),
        }
    }

    /// Renders `view` with `template`, or a kind-specific template when the
    /// theme has one. Template errors become diagnostics.
    pub(crate) fn render_html(
        &mut self,
        path: &str,
        template: &str,
        view: &PageView,
    ) -> Option<String> {
        let specific = format!("{}.html", view.kind);
        let name = if self.theme.tera.contains_template(&specific) {
            specific.as_str()
        } else {
            template
        };
        let internal =
            |e: &dyn std::fmt::Display| format!("Intern fejl ved opbygning af siden {path}: {e}");
        let ctx = match view.context() {
            Ok(c) => c,
            Err(e) => {
                self.diags.error(name, Pos::FILE, internal(&e));
                return None;
            }
        };
        // Rendered into bytes and checked with SIMD: `Tera::render` checks
        // its output with std's slower `String::from_utf8`. 16 KiB holds
        // most pages without growing the buffer.
        let mut out = Vec::with_capacity(16 * 1024);
        match self.theme.tera.render_to(name, &ctx, &mut out) {
            Ok(()) => match crate::content::utf8(out) {
                Ok(html) => Some(html),
                Err(e) => {
                    self.diags.error(name, Pos::FILE, internal(&e));
                    None
                }
            },
            Err(e) => {
                let failing =
                    crate::theme::failing_template(&e).unwrap_or_else(|| name.to_string());
                let shown = self
                    .theme
                    .template_files
                    .get(&failing)
                    .cloned()
                    .unwrap_or(failing);
                crate::theme::report_tera_error(&e, &shown, &mut self.diags);
                None
            }
        }
    }

    /// Renders `view` with `template` (or a kind-specific template when the
    /// theme has one) and writes the page. Its article goes to the print
    /// page and the search index.
    pub fn emit(&mut self, path: &str, template: &str, view: &PageView) {
        // Diagrams go into scroll frames that keep their text legible.
        let framed = frames::frame(self, path, view);
        let view = framed.as_ref().unwrap_or(view);
        let Some(html) = self.render_html(path, template, view) else {
            return;
        };
        if !["ikke-fundet", "print", "soeg"].contains(&view.kind.as_str())
            && let (Some(a), Some(b)) = (
                crate::memsearch::find(&html, "<article"),
                crate::memsearch::rfind(&html, "</article>"),
            )
        {
            let mut article = std::borrow::Cow::Borrowed(&html[a..b + "</article>".len()]);
            for (screen, print) in std::mem::take(&mut self.print_svgs) {
                article = crate::memsearch::replace(&article, &screen, &print).into();
            }
            let article = &*article;
            let label = view.kind_label.as_deref().unwrap_or_default();
            self.done.push(Done {
                print: print::rewrite(path, article),
                toc: print::TocEntry::new(path, &view.title),
                search: search::PageTerms::new(path, &view.title, label, article),
            });
        }
        self.anchors.add_page(path, &html);
        let depth = path.matches('/').count();
        self.sink
            .put(path, crate::url::relativize(&html, depth).into_bytes());
    }

    /// Writes a part's overview page (`path` is also its menu key): the
    /// sections with a table of contents, under the home crumb.
    pub fn emit_overview(&mut self, path: &str, title: &str, kind: &str, sections: Vec<Section>) {
        let mut v = self.page(path, title, kind, path);
        v.breadcrumbs = self.crumbs(None);
        v.sections = sections;
        v.toc = analysis::toc_of(&v.sections);
        self.emit(path, "page.html", &v);
    }

    /// A section of backlinks (`id`, heading `heading_key`), or nothing
    /// when there are none.
    pub fn backlink_section(
        &self,
        id: &str,
        heading_key: &str,
        links: Vec<LinkV>,
    ) -> Option<Section> {
        (!links.is_empty()).then(|| self.link_section(id, heading_key, links, "common.none"))
    }

    /// "3 hypoteser" with the right form.
    pub fn count(&self, n: usize, one: &str, many: &str) -> String {
        format!("{n} {}", if n == 1 { self.t(one) } else { self.t(many) })
    }
}

fn darken(hex: &str, f: f64) -> String {
    let h = hex.trim_start_matches('#');
    let h: String = if h.len() == 3 {
        h.chars().flat_map(|c| [c, c]).collect()
    } else {
        h.to_string()
    };
    let p = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).unwrap_or(0);
    let d = |v: u8| ((v as f64) * f).round().clamp(0.0, 255.0) as u8;
    format!("#{:02x}{:02x}{:02x}", d(p(0)), d(p(2)), d(p(4)))
}

fn site_view(r: &Report) -> SiteView {
    let s = &r.settings;
    SiteView {
        title: s.title.clone(),
        subtitle: s.subtitle.clone(),
        municipality: s.municipality.clone(),
        lang: s.lang(),
        primary: s.primary.clone(),
        primary_dark: darken(&s.primary, 0.75),
        accent: s.accent.clone(),
        logo_url: s.logo.as_ref().map(|l| url(l)),
        accessibility_url: s.accessibility_url.clone(),
        status_date: s.status_date.map(|d| d.long(s.lang())),
        status_date_iso: s.status_date.map(|d| d.iso()),
        period: s.period_span.long(s.lang()),
        period_in_title: s.title.contains(&s.period_span.long(s.lang())),
        home_url: url("index.html"),
        print_url: url("print.html"),
        pdf: false,
        pdf_url: url(crate::pdf::FILE),
        print_css_url: url("assets/print.css"),
        css_url: url("assets/style.css"),
        js_url: url("assets/omstil.js"),
        search_url: url("soeg.html"),
    }
}

fn nav(r: &Report, t: &crate::theme::Strings) -> Vec<NavItem> {
    let item = |key: &str, path: &str| NavItem {
        title: t.get(key).to_string(),
        url: url(path),
        key: path.to_string(),
        children: Vec::new(),
    };
    let mut v = vec![item("nav.home", "index.html")];
    if r.analysis.is_some() {
        v.push(item("part.analysis", "modenhedsanalyse.html"));
    }
    if r.toc.is_some() {
        v.push(item("part.toc", "forandringsteori.html"));
    }
    if r.plan.is_some() {
        v.push(item("part.plan", "udviklingsplan.html"));
    }
    // == followup (issue 16) ==
    if r.followup.is_some() {
        v.push(item("part.followup", followup::PATH));
    }
    if r.services.is_some() {
        v.push(item("part.services", "tilbudsvifte.html"));
    }
    if r.key_figures.is_some() {
        v.push(item("part.figures", "noegletal.html"));
    }
    if r.case_review.is_some() {
        v.push(item("part.cases", "sagsanalyse.html"));
    }
    if r.actors.is_some() {
        v.push(item("part.actors", "aktoerer.html"));
    }
    if r.projects.is_some() {
        v.push(item("part.projects", "projekter.html"));
    }
    if r.analysis.is_some() || r.toc.is_some() {
        v.push(item("part.trace", "sporbarhed.html"));
    }
    if r.has_sources() {
        v.push(item("part.sources", "kilder.html"));
    }
    if r.pages.len() > MAX_NAV_PAGES {
        // Listing hundreds of pages on every page would make the site grow
        // with the square of its size: link to a list page instead.
        v.push(item("nav.pages", "sider.html"));
    } else if !r.pages.is_empty() {
        let mut pages = item("nav.pages", &r.pages[0].h.id);
        pages.url = url(&Kind::Side.url(&r.pages[0].h.id));
        pages.key = "sider".into();
        pages.children = r
            .pages
            .iter()
            .map(|p| NavItem {
                title: p.h.title.clone(),
                url: url(&Kind::Side.url(&p.h.id)),
                key: Kind::Side.url(&p.h.id),
                children: Vec::new(),
            })
            .collect();
        v.push(pages);
    }
    v
}

/// Up to this many free pages are listed in the sidebar; more get a list
/// page of their own (`sider.html`).
pub const MAX_NAV_PAGES: usize = 12;

/// Free pages rendered together on the worker threads before their results
/// are merged: enough to keep both cores busy, few enough that the pending
/// print and search parts stay small.
const CHUNK: usize = 256;

/// The parts of the report, each an independent builder, in reading order.
const PARTS: [fn(&mut Ctx); 13] = [
    front::render,
    analysis::render,
    toc::render,
    plan::render,
    services::render,
    figures::render,
    cases::render,
    actors::render,
    projects::render,
    followup::render,
    trace::render,
    sources::render,
    front::render_page_list,
];

/// What each of [`PARTS`] reads of the model besides the settings: it is
/// given only these fields (`reads::masked`), and the preview renders it
/// again only when one of them changed.
pub(crate) const PART_READS: [&[Field]; 13] = {
    use Field::*;
    [
        // The front page shows something of everything.
        &Field::ALL,
        &[Analysis, KeyFigures, Toc],
        &[Actors, Analysis, CaseReview, KeyFigures, Plan, Toc],
        &[Actors, FollowUp, Plan, Projects, Toc],
        &[Services],
        &[Analysis, KeyFigures, Toc],
        &[CaseReview, Toc],
        &[Actors, Plan, Toc],
        &[Plan, Projects],
        &[FollowUp, KeyFigures, Plan, Toc],
        &[Analysis, KeyFigures, Plan, Toc],
        // The sources: every entity's and page's provenance.
        &[
            Actors, Analysis, Assets, CaseReview, FollowUp, KeyFigures, Pages, Plan, Projects,
            Services, Sources, Toc, Unchecked,
        ],
        // The list of free pages.
        &[Pages],
    ]
};

/// What every page of one render shares, made once per render.
struct Setup {
    links: Arc<LinkIndex>,
    prov: Arc<sources::ProvIndex>,
    md_opts: MdOptions,
    /// What the templates' global context was given (for the memo).
    site: SiteView,
    nav: Vec<NavItem>,
}

/// The report's own words in the UI strings, the templates' global
/// context (site, navigation, strings), and the indexes of the report.
/// `indexes`: the link and provenance indexes, when the caller knows they
/// would come out as these (`memo`: nothing they are made from changed).
fn setup(
    report: &Report,
    theme: &mut Theme,
    pdf_link: bool,
    indexes: Option<(Arc<LinkIndex>, Arc<sources::ProvIndex>)>,
) -> Setup {
    names::apply(&mut theme.strings, &report.settings.names);
    names::audience(&mut theme.strings, report.settings.audience.as_deref());
    let mut site = site_view(report);
    site.pdf = pdf_link;
    let nav = nav(report, &theme.strings);
    let g = theme.tera.global_context();
    g.insert("site", &site);
    g.insert("nav", &nav);
    g.insert("t", &theme.strings);
    let (links, prov) = indexes.unwrap_or_else(|| {
        let mut links = LinkIndex::new(report);
        links.name_overviews(&theme.strings);
        let prov = sources::ProvIndex::new(report, &theme.strings);
        (Arc::new(links), Arc::new(prov))
    });
    Setup {
        links,
        prov,
        md_opts: MdOptions {
            raw_html: report.settings.raw_html,
            shift_headings: true,
            english: report.settings.lang() == "en",
        },
        site,
        nav,
    }
}

/// Merges what the pages rendered so far left for the print page and the
/// search index, in reading order.
struct Merge {
    print: print::Body,
    search: search::Index,
}

impl Merge {
    fn add(&mut self, done: Vec<Done>) {
        for d in done {
            self.print.push(&d.print, d.toc);
            self.search.add(d.search);
        }
    }
}

/// Renders every page of the report into `sink`. Problems (bad links in
/// Markdown, template errors) go to the returned diagnostics.
pub fn render(
    report: &Report,
    theme: &mut Theme,
    sink: &Sink,
    t: &mut crate::Timings,
    pdf_link: bool,
) -> Diagnostics {
    render_reading(report, theme, sink, t, pdf_link, &PART_READS)
}

/// [`render`], each part given the fields of the model in `part_reads`
/// (the tests give every part everything, to compare).
fn render_reading(
    report: &Report,
    theme: &mut Theme,
    sink: &Sink,
    t: &mut crate::Timings,
    pdf_link: bool,
    part_reads: &[&[Field]; 13],
) -> Diagnostics {
    let Setup {
        links,
        prov,
        md_opts,
        ..
    } = setup(report, theme, pdf_link, None);
    let theme = &*theme;
    let anchors = anchors::Anchors::default();
    let mut cx = Ctx {
        anchors: &anchors,
        prov: &prov,
        report,
        theme,
        links: &links,
        md_opts,
        diags: Diagnostics::new(),
        sink,
        done: Vec::new(),
        print_svgs: Vec::new(),
    };
    let mut merge = Merge {
        print: print::Body::new(sink.spool("print")).with_strings(&cx),
        search: search::Index::spooled(sink.spool("search")),
    };
    // The parts (independent builders) and the free pages render at the
    // same time: the parts are few and some are long (the theory of change
    // and its diagrams), so waiting for them before the first pages would
    // leave a core idle. The pages render in chunks; while one chunk
    // renders, the results of the ones before are merged, in reading order:
    // the parts' results first, so the pages' wait until the parts are done.
    type Results = Vec<(Diagnostics, Vec<Done>)>;
    let parts_done: std::sync::Mutex<Option<Results>> = std::sync::Mutex::new(None);
    let render_parts = || {
        use rayon::prelude::*;
        let results: Results = PARTS
            .par_iter()
            .zip(part_reads)
            .map(|(part, reads)| {
                let model = reads::masked(report, reads);
                let mut c: Ctx = cx.fork();
                c.report = &model;
                part(&mut c);
                (c.diags, c.done)
            })
            .collect();
        *parts_done.lock().unwrap_or_else(|e| e.into_inner()) = Some(results);
    };
    let render_chunk = |cx: &Ctx, chunk: &[&crate::content::model::Page]| {
        use rayon::prelude::*;
        chunk
            .par_iter()
            .map(|p| {
                let mut c = cx.fork();
                front::render_page(&mut c, p);
                (c.diags, c.done)
            })
            .collect::<Results>()
    };
    let mut diags = Diagnostics::new();
    // Merges the parts' results once they are there, then every chunk
    // waiting behind them.
    let mut parts_merged = false;
    let mut merge_ready =
        |merge: &mut Merge, waiting: &mut Vec<Results>, parts: Option<Results>| {
            if let Some(parts) = parts {
                for (d, done) in parts {
                    diags.extend(d);
                    merge.add(done);
                }
                parts_merged = true;
            }
            if parts_merged {
                for (d, done) in waiting.drain(..).flatten() {
                    diags.extend(d);
                    merge.add(done);
                }
            }
        };
    let pages: Vec<&crate::content::model::Page> = report.pages.iter().map(|p| &**p).collect();
    let mut waiting: Vec<Results> = Vec::new();
    rayon::join(render_parts, || {
        for chunk in pages.chunks(CHUNK) {
            let parts = parts_done.lock().unwrap_or_else(|e| e.into_inner()).take();
            let (results, ()) = rayon::join(
                || render_chunk(&cx, chunk),
                || merge_ready(&mut merge, &mut waiting, parts),
            );
            waiting.push(results);
        }
    });
    let parts = parts_done.lock().unwrap_or_else(|e| e.into_inner()).take();
    merge_ready(&mut merge, &mut waiting, parts);
    cx.diags.extend(diags);
    front::render_404(&mut cx);
    anchors.check(&links, &mut cx.diags);
    t.mark("sider");
    // The print page and the search index are independent of each other.
    let (mut c1, mut c2) = (cx.fork(), cx.fork());
    let Merge {
        print: spool,
        search: index,
    } = merge;
    rayon::join(
        || print::render(&mut c1, spool),
        || search::render(&mut c2, index),
    );
    cx.diags.extend(c1.diags);
    cx.diags.extend(c2.diags);
    t.mark("udskrift+søgning");
    for (path, bytes) in &theme.statics {
        sink.put(path, bytes.to_vec());
    }
    for a in &report.assets {
        sink.put(&a.rel, a.bytes.to_vec());
    }
    t.mark("filer");
    cx.diags
}
