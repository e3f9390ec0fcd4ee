//! Provenance on the pages: the "Kilde: …" line and the "Rekonstrueret"
//! marker on each entity's page and after each link to it ([`ProvIndex`],
//! component `provenance` in `provenance.html`), and the page `kilder.html`
//! listing every source with what rests on it, and what was reconstructed.

use super::Ctx;
use super::analysis::toc_of;
use super::views::*;
use crate::content::model::{Kind, Provenance, Report, SourceRef};
use crate::theme::Strings;
use crate::url::url;
use std::collections::{BTreeMap, BTreeSet};

/// Something in the report that can carry a source: an entity with a
/// page, or a part of a page (the case review, a suggestion, the front page).
struct Item<'r> {
    title: String,
    /// Site path, with an anchor for what has no page of its own.
    path: String,
    entity: Option<(Kind, &'r str)>,
    prov: &'r Provenance,
}

fn items<'r>(r: &'r Report, t: &Strings) -> Vec<Item<'r>> {
    let mut v = Vec::new();
    if let Some(fp) = Some(&r.front_prov).filter(|p| !p.is_empty()) {
        v.push(Item {
            title: t.get("nav.home").to_string(),
            path: "index.html".into(),
            entity: None,
            prov: fp,
        });
    }
    // Most entries (every free page, say) have no provenance: they are
    // passed over before their title and address are made.
    for (kind, h) in r.headers().into_iter().filter(|(_, h)| !h.prov.is_empty()) {
        v.push(Item {
            title: h.title.clone(),
            path: kind.url(&h.id),
            entity: Some((kind, &h.id)),
            prov: &h.prov,
        });
    }
    if let Some(a) = &r.analysis {
        v.extend(
            a.suggestions
                .iter()
                .filter(|s| !s.prov.is_empty())
                .map(|s| Item {
                    title: s.title.clone(),
                    path: "modenhedsanalyse.html#forslag".into(),
                    entity: None,
                    prov: &s.prov,
                }),
        );
    }
    if let Some(c) = &r.case_review {
        v.push(Item {
            title: c
                .title
                .clone()
                .unwrap_or_else(|| t.get("part.cases").into()),
            path: "sagsanalyse.html".into(),
            entity: None,
            prov: &c.prov,
        });
    }
    v.retain(|i| !i.prov.is_empty());
    v
}

/// "Udviklingsstrategi 2023–2025, s. 6".
pub fn source_text(s: &SourceRef, t: &Strings) -> String {
    match &s.page {
        Some(p) => format!("{}, {} {p}", s.text, t.get("provenance.page")),
        None => s.text.clone(),
    }
}

/// The view of a provenance, or `None` when there is nothing to show.
pub fn view(p: &Provenance, t: &Strings) -> Option<ProvenanceV> {
    (!p.is_empty()).then(|| ProvenanceV {
        source: p.source.as_ref().map(|s| source_text(s, t)),
        link: p.source.as_ref().and_then(|s| s.link.clone()),
        reconstructed: p.reconstructed,
    })
}

/// What the pages need of the provenance, looked up by path (a page's own
/// line) and by entity (the marker after a link), built once per render.
#[derive(Default, PartialEq)]
pub struct ProvIndex {
    pages: BTreeMap<String, ProvenanceV>,
    reconstructed: BTreeSet<(Kind, String)>,
}

impl ProvIndex {
    pub fn new(r: &Report, t: &Strings) -> Self {
        let mut ix = ProvIndex::default();
        for i in items(r, t) {
            if let (Some((kind, id)), true) = (i.entity, i.prov.reconstructed) {
                ix.reconstructed.insert((kind, id.to_string()));
            }
            if !i.path.contains('#')
                && let Some(v) = view(i.prov, t)
            {
                ix.pages.entry(i.path).or_insert(v);
            }
        }
        ix
    }

    pub fn page(&self, path: &str) -> Option<ProvenanceV> {
        crate::deps::note(|| crate::deps::Dep::Prov(path.to_string()));
        self.pages.get(path).cloned()
    }

    pub fn is_reconstructed(&self, kind: Kind, id: &str) -> bool {
        crate::deps::note(|| crate::deps::Dep::Reconstructed(kind, id.to_string()));
        self.is_reconstructed_unrecorded(kind, id)
    }

    /// [`ProvIndex::is_reconstructed`] without noting the lookup.
    pub(crate) fn is_reconstructed_unrecorded(&self, kind: Kind, id: &str) -> bool {
        !self.reconstructed.is_empty() && self.reconstructed.contains(&(kind, id.to_string()))
    }

    /// What a recorded lookup gives now, fed to `h`, without noting it;
    /// `false` if it is not a lookup in this index.
    pub(crate) fn answer(&self, dep: &crate::deps::Dep, h: &mut impl std::hash::Hasher) -> bool {
        use crate::deps::Dep;
        use std::hash::Hash;
        match dep {
            Dep::Prov(path) => format!("{:?}", self.pages.get(path)).hash(h),
            Dep::Reconstructed(k, id) => self.is_reconstructed_unrecorded(*k, id).hash(h),
            _ => return false,
        }
        true
    }
}

fn item_link(i: &Item, t: &Strings) -> LinkV {
    LinkV {
        title: i.title.clone(),
        url: url(&i.path),
        note: i
            .prov
            .source
            .as_ref()
            .and_then(|s| s.page.as_ref())
            .map(|p| format!("{} {p}", t.get("provenance.page"))),
        badge: i
            .entity
            .map(|(k, _)| t.get(&format!("kind.{}", k.link_word())).to_string()),
        reconstructed: i.prov.reconstructed,
        ..Default::default()
    }
}

/// `kilder.html`: the listed sources in their order, then each distinct
/// free-text source in reading order, each with what rests on it; then
/// what was reconstructed.
pub fn render(cx: &mut Ctx) {
    let r = cx.report;
    if !r.has_sources() {
        return;
    }
    let t = &cx.theme.strings;
    let items = items(r, t);
    let mut free: Vec<(&str, Option<&str>)> = Vec::new();
    let mut rests: BTreeMap<(Option<usize>, usize), Vec<LinkV>> = BTreeMap::new();
    for i in &items {
        let Some(s) = &i.prov.source else { continue };
        let key = match s.listed {
            Some(l) => (Some(l), 0),
            None => {
                let k = (s.text.as_str(), s.link.as_deref());
                let n = free.iter().position(|f| *f == k).unwrap_or_else(|| {
                    free.push(k);
                    free.len() - 1
                });
                (None, n)
            }
        };
        rests.entry(key).or_default().push(item_link(i, t));
    }
    let mut sections = Vec::new();
    let mut section = |id: String, heading: &str, note: Option<String>, link: Option<&str>, key| {
        let links = rests.remove(&key).unwrap_or_default();
        let mut html = String::new();
        if let Some(l) = link {
            let l = crate::diagrams::esc(l);
            let label = crate::diagrams::esc(t.get("sources.link"));
            html.push_str(&format!("<p>{label}: <a href=\"{l}\">{l}</a></p>"));
        }
        if !links.is_empty() {
            let rests_on = crate::diagrams::esc(t.get("sources.rests_on"));
            html.push_str(&format!("<p>{rests_on}</p>"));
        }
        sections.push(Section {
            id,
            heading: heading.to_string(),
            note,
            html: (!html.is_empty()).then_some(html),
            empty: Some(t.get("sources.none").to_string()),
            links,
            ..Default::default()
        });
    };
    for (n, s) in r.sources.iter().enumerate() {
        let published = s
            .published
            .as_ref()
            .map(|p| format!("{}: {p}.", t.get("sources.published")));
        section(
            format!("kilde-{}", s.id),
            &s.title,
            published,
            s.link.as_deref(),
            (Some(n), 0),
        );
    }
    for (n, (text, link)) in free.clone().into_iter().enumerate() {
        section(format!("kilde-{}", n + 1), text, None, link, (None, n));
    }
    let reconstructed: Vec<LinkV> = items
        .iter()
        .filter(|i| i.prov.reconstructed)
        .map(|i| LinkV {
            note: None,
            ..item_link(i, t)
        })
        .collect();
    sections.push(Section {
        id: "rekonstrueret".into(),
        heading: t.get("sources.reconstructed_heading").to_string(),
        note: Some(t.get("sources.reconstructed_note").to_string()),
        empty: Some(t.get("sources.no_reconstructed").to_string()),
        links: reconstructed,
        ..Default::default()
    });
    let title = cx.t("part.sources");
    let mut v = cx.page("kilder.html", &title, "kilder", "kilder.html");
    v.breadcrumbs = cx.crumbs(None);
    v.lead = Some(cx.t("sources.lead"));
    v.sections = sections;
    v.toc = toc_of(&v.sections);
    cx.emit("kilder.html", "page.html", &v);
}
