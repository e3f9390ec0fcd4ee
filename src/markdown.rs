//! Markdown → HTML with pulldown-cmark: heading ids, internal links by id
//! (`[tekst](@hypotese/tidlig-opsporing)`), a safe raw-HTML policy, and
//! checks on every link and image. Internal URLs are written from the site
//! root with a marker that `render` replaces by the page's relative prefix.

use crate::content::model::{Kind, Md, Report};
use crate::deps::{self, Dep};
use crate::diag::{Diagnostics, Pos, did_you_mean};
use crate::locate::Locator;
use crate::sanitize::{RawFragment, slot};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use std::collections::{BTreeMap, BTreeSet};

pub use crate::overviews::{OVERVIEWS, Overview};
pub use crate::url::{ROOT, relativize};

/// Every linkable entity: (kind, id) → title.
#[derive(PartialEq)]
pub struct LinkIndex {
    /// Kind → id → title (by kind first, so that a lookup by `&str` needs
    /// no key to be built).
    map: BTreeMap<Kind, BTreeMap<String, String>>,
    /// The overview pages the report has: link word → title (the UI
    /// string's key until [`LinkIndex::name_overviews`]).
    overviews: BTreeMap<&'static str, String>,
    /// How many ids each kind has.
    counts: BTreeMap<Kind, usize>,
    assets: BTreeSet<String>,
    /// What failed to load: links to it are not reported a second time.
    unchecked: crate::content::model::Unchecked,
}

/// Up to this many ids of a kind, a link to a missing id gets its "did you
/// mean" at once; beyond, only the first few hundred such errors get one
/// once every page is rendered, so that many bad links to a kind with many
/// ids stay linear.
const FEW_IDS: usize = 100;

/// A link to a missing id, whose hint may name the id that was meant.
#[derive(Clone, Debug)]
pub struct Guess {
    pub file: String,
    pub pos: Pos,
    /// The error's message, to find it again.
    pub message: String,
    kind: Kind,
    kind_word: String,
    id: String,
}

impl Guess {
    /// "Mente du `@hypotese/tidlig-opsporing`?", if an id is close.
    pub fn hint(&self, index: &LinkIndex) -> Option<String> {
        did_you_mean(&self.id, index.ids_of(self.kind))
            .map(|s| format!("Mente du `@{}/{s}`?", self.kind_word))
    }
}

impl LinkIndex {
    pub fn new(r: &Report) -> Self {
        let mut map: BTreeMap<Kind, BTreeMap<String, String>> = BTreeMap::new();
        for (k, h) in r.entities() {
            map.entry(k)
                .or_default()
                .insert(h.id.clone(), h.title.clone());
        }
        let assets = r.assets.iter().map(|a| a.rel.clone()).collect();
        let counts = map.iter().map(|(k, ids)| (*k, ids.len())).collect();
        let overviews = OVERVIEWS
            .iter()
            .filter(|o| (o.has)(r))
            .map(|o| (o.word, o.name.to_string()))
            .collect();
        LinkIndex {
            map,
            overviews,
            counts,
            assets,
            unchecked: r.unchecked.clone(),
        }
    }

    /// Gives the overview pages their names (the report's own words).
    pub fn name_overviews(&mut self, strings: &crate::theme::Strings) {
        for title in self.overviews.values_mut() {
            *title = strings.get(title).to_string();
        }
    }

    /// An index with no entities (for rendering Markdown on its own).
    pub fn empty() -> Self {
        LinkIndex {
            map: BTreeMap::new(),
            overviews: BTreeMap::new(),
            counts: BTreeMap::new(),
            assets: BTreeSet::new(),
            unchecked: Default::default(),
        }
    }

    pub fn title(&self, kind: Kind, id: &str) -> Option<&str> {
        deps::note(|| Dep::Title(kind, id.to_string()));
        self.title_unrecorded(kind, id)
    }

    /// Whether the entity exists (a link's target, whatever its title).
    pub(crate) fn exists(&self, kind: Kind, id: &str) -> bool {
        deps::note(|| Dep::Exists(kind, id.to_string()));
        self.title_unrecorded(kind, id).is_some()
    }

    /// [`LinkIndex::title`] without noting the lookup (for the memo,
    /// which asks what a recorded lookup gives now).
    pub(crate) fn title_unrecorded(&self, kind: Kind, id: &str) -> Option<&str> {
        self.map.get(&kind)?.get(id).map(String::as_str)
    }

    /// What a recorded lookup gives now, fed to `h`, without noting it;
    /// `false` if it is not a lookup in this index.
    pub(crate) fn answer(&self, dep: &Dep, h: &mut impl std::hash::Hasher) -> bool {
        use std::hash::Hash;
        match dep {
            Dep::Title(k, id) => self.title_unrecorded(*k, id).hash(h),
            Dep::Exists(k, id) => self.title_unrecorded(*k, id).is_some().hash(h),
            Dep::Covers(k, id) => self.unchecked.covers(*k, id).hash(h),
            Dep::UncheckedKind(k) => self.unchecked.kinds.contains(k).hash(h),
            Dep::Count(k) => self.counts.get(k).hash(h),
            Dep::Ids(k) => {
                for id in self.map.get(k).into_iter().flat_map(|ids| ids.keys()) {
                    id.hash(h);
                }
            }
            Dep::Overview(w) => self.overviews.get(w.as_str()).hash(h),
            Dep::Asset(p) => self.assets.contains(p).hash(h),
            Dep::Prov(_) | Dep::Reconstructed(..) | Dep::Front => return false,
        }
        true
    }

    /// How many ids a kind has.
    pub(crate) fn count_of(&self, kind: Kind) -> usize {
        deps::note(|| Dep::Count(kind));
        self.counts.get(&kind).copied().unwrap_or(0)
    }

    /// An overview page's title (`@sagsanalyse`), if the report has it.
    pub(crate) fn overview(&self, word: &str) -> Option<&String> {
        deps::note(|| Dep::Overview(word.to_string()));
        self.overviews.get(word)
    }

    /// Whether the part file of `kind` failed to load.
    pub(crate) fn unchecked_kind(&self, kind: Kind) -> bool {
        deps::note(|| Dep::UncheckedKind(kind));
        self.unchecked.kinds.contains(&kind)
    }

    /// Whether a missing `kind`/`id` was already explained.
    pub(crate) fn covers(&self, kind: Kind, id: &str) -> bool {
        deps::note(|| Dep::Covers(kind, id.to_string()));
        self.unchecked.covers(kind, id)
    }

    /// Whether the report has the file `path` (an image).
    pub(crate) fn has_asset(&self, path: &str) -> bool {
        deps::note(|| Dep::Asset(path.to_string()));
        self.assets.contains(path)
    }

    /// The ids of one kind, sorted.
    pub(crate) fn ids_of(&self, kind: Kind) -> impl Iterator<Item = &str> {
        deps::note(|| Dep::Ids(kind));
        self.map
            .get(&kind)
            .into_iter()
            .flat_map(|ids| ids.keys().map(String::as_str))
    }
}

#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A rendered Markdown text.
#[derive(Clone, Debug, Default)]
pub struct Html {
    /// HTML with internal URLs behind [`ROOT`].
    pub html: String,
    pub headings: Vec<Heading>,
    /// Link checks that need every page, made once all are rendered.
    pub later: Later,
}

/// What [`render`] leaves for `render::anchors`.
#[derive(Clone, Debug, Default)]
pub struct Later {
    /// Links to a heading on another page.
    pub anchor_links: Vec<AnchorLink>,
    /// Links to missing ids of a kind with many ids, whose "did you mean"
    /// is made for the first few only.
    pub guesses: Vec<Guess>,
}

/// A link to a heading on an entity's or a page's page:
/// `[tekst](@side/baggrund#metode)`.
#[derive(Clone, Debug)]
pub struct AnchorLink {
    /// The page linked to, from the site root: `sider/baggrund.html`.
    pub target: String,
    pub anchor: String,
    /// The link as written, and where.
    pub link: String,
    pub file: String,
    pub pos: Pos,
}

/// Options for the renderer.
#[derive(Clone, Copy, Debug)]
pub struct MdOptions {
    pub raw_html: bool,
    /// Demote headings so that `#` in the text becomes `<h2>` under the
    /// page's own `<h1>`.
    pub shift_headings: bool,
    /// English report: the footnotes' back-links are labelled in English.
    pub english: bool,
}

/// Turns heading text into an id: `Tidlig opsporing i 0–5 år` →
/// `tidlig-opsporing-i-0-5-aar`.
pub fn slug(text: &str) -> String {
    crate::content::suggest_id_pub(text)
}

/// The Markdown extensions every text is parsed with (pulldown-cmark's
/// options; public for the benchmark's work floor, `examples/floor.rs`).
pub fn parser_options() -> Options {
    let mut o = Options::empty();
    o.insert(Options::ENABLE_TABLES);
    o.insert(Options::ENABLE_FOOTNOTES);
    o.insert(Options::ENABLE_STRIKETHROUGH);
    o.insert(Options::ENABLE_TASKLISTS);
    o.insert(Options::ENABLE_HEADING_ATTRIBUTES);
    o
}

/// Renders `md`, reporting bad links into `diags`.
pub fn render(md: &Md, index: &LinkIndex, opts: &MdOptions, diags: &mut Diagnostics) -> Html {
    let o = parser_options();
    // With raw HTML, the sanitiser's markers never come from the text
    // itself (U+FFFD has the same UTF-8 length, so offsets and lines stay
    // right).
    let source: std::borrow::Cow<str> =
        if opts.raw_html && md.text.chars().any(crate::sanitize::is_marker) {
            md.text
                .chars()
                .map(|c| {
                    if crate::sanitize::is_marker(c) {
                        '\u{FFFD}'
                    } else {
                        c
                    }
                })
                .collect::<String>()
                .into()
        } else {
            std::borrow::Cow::Borrowed(&md.text)
        };
    let parser = Parser::new_ext(&source, o).into_offset_iter();
    // About one event per 30 bytes of Markdown: sized once, not grown by
    // doubling and copying.
    let mut events: Vec<Event> = Vec::with_capacity(source.len() / 24 + 16);
    // The author's raw HTML (with `raa_html: true`): each fragment's text,
    // line and whether it starts a new fragment; the events hold a slot.
    let mut raws: Vec<RawFragment> = Vec::new();
    let mut in_html_block = false;
    let mut raw_lines = Locator::new(md);
    let mut headings = Vec::new();
    let mut used_ids: BTreeSet<String> = BTreeSet::new();
    // Per base id, the next number to try: `slug-2`, `slug-3`, … are tried
    // once each, not from 2 again for every equal heading.
    let mut next_n: BTreeMap<String, u32> = BTreeMap::new();
    let mut locator = Locator::new(md);
    let mut later = Later::default();
    // Index of the open heading's Start event and its collected text.
    let mut open_heading: Option<(usize, String)> = None;
    // Links whose text is empty get the entity's title.
    let mut pending_title: Option<(usize, CowStr)> = None;
    for (ev, range) in parser {
        let at = range.start;
        // Asked only when a diagnostic or a heading link needs it: most
        // links never cost a position.
        let mut pos = || locator.pos(at);
        match ev {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let level = if opts.shift_headings {
                    demote(level)
                } else {
                    level
                };
                open_heading = Some((events.len(), id.map(String::from).unwrap_or_default()));
                // `{onclick=…}` would be written as an attribute: only ids
                // and classes are kept.
                if let Some((name, _)) = attrs.first() {
                    diags
                        .warning(&md.file, pos(), format!("Overskriftens egenskab `{name}` bliver ikke brugt."))
                        .hint("En overskrift kan kun få et id og klasser, fx `# Titel {#id .klasse}`.");
                }
                events.push(Event::Start(Tag::Heading {
                    level,
                    id: None,
                    classes,
                    attrs: Vec::new(),
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                let level = if opts.shift_headings {
                    demote(level)
                } else {
                    level
                };
                if let Some((start, explicit)) = open_heading.take() {
                    let mut htext = String::new();
                    for e in &events[start + 1..] {
                        if let Event::Text(t) | Event::Code(t) = e {
                            htext.push_str(t);
                        }
                    }
                    let base = if explicit.is_empty() {
                        slug(&htext)
                    } else {
                        explicit
                    };
                    let mut id = base;
                    if !used_ids.insert(id.clone()) {
                        let base = std::mem::take(&mut id);
                        let n = next_n.entry(base.clone()).or_insert(2);
                        loop {
                            id = format!("{base}-{n}");
                            *n += 1;
                            if used_ids.insert(id.clone()) {
                                break;
                            }
                        }
                    }
                    if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[start] {
                        *slot = Some(CowStr::from(id.clone()));
                    }
                    headings.push(Heading {
                        level: level as u8,
                        id,
                        text: htext,
                    });
                }
                events.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = check_url(&dest_url, md, index, &mut pos, diags, false, &mut later);
                // The target's title, if the link has no text of its own
                // (looked up only then: a page depends on the titles it
                // shows, see `deps`).
                if dest_url.starts_with('@') {
                    pending_title = Some((events.len(), dest_url.clone()));
                }
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: dest.into(),
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Link) => {
                if let Some((start, url)) = pending_title.take()
                    && start + 1 == events.len()
                    && let Some(title) = internal_title(&url, index)
                {
                    events.push(Event::Text(title.into()));
                }
                events.push(Event::End(TagEnd::Link));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = check_url(&dest_url, md, index, &mut pos, diags, true, &mut later);
                events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: dest.into(),
                    title,
                    id,
                }));
            }
            Event::Html(h) | Event::InlineHtml(h) if !opts.raw_html => {
                events.push(Event::Text(h));
            }
            Event::Start(Tag::HtmlBlock) => {
                in_html_block = true;
                events.push(Event::Start(Tag::HtmlBlock));
            }
            Event::End(TagEnd::HtmlBlock) => {
                in_html_block = false;
                events.push(Event::End(TagEnd::HtmlBlock));
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                // A block's lines are one fragment; each inline tag is one.
                let new = !(in_html_block && matches!(events.last(), Some(Event::Html(_))));
                events.push(Event::Html(slot(raws.len()).into()));
                raws.push(RawFragment {
                    text: h.to_string(),
                    line: raw_lines.pos(range.start).line,
                    new,
                });
            }
            other => events.push(other),
        }
    }
    let back = if opts.english {
        "Back to the text"
    } else {
        "Tilbage til teksten"
    };
    let events = footnotes::rewrite(events, back);
    let mut out = String::with_capacity(md.text.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    if !raws.is_empty() {
        out = sanitize_raw(&out, &raws, &md.file, diags);
    }
    Html {
        html: out,
        headings,
        later,
    }
}

/// Runs the author's raw HTML through the sanitiser (omstil's own HTML
/// kept out of it) and warns, per line, about what was removed.
fn sanitize_raw(
    rendered: &str,
    raws: &[RawFragment],
    file: &str,
    diags: &mut Diagnostics,
) -> String {
    const SHOWN: usize = 50;
    let (out, removed) = crate::sanitize::sanitize_fragments(rendered, raws);
    if let Some((line, _)) = removed.get(SHOWN) {
        diags.warning(
            file,
            Pos::new(*line, 0),
            format!(
                "Rå HTML blev også renset på {} linjer mere herfra.",
                removed.len() - SHOWN
            ),
        );
    }
    for (line, what) in removed.into_iter().take(SHOWN) {
        diags
            .warning(file, Pos::new(line, 0), format!("Rå HTML blev renset: omstil fjernede {}.", what.join(", ")))
            .hint("Rå HTML må kun være almindeligt indhold (tabeller, details, span, billeder fra rapporten, links): ingen scripts, hændelses-attributter (`onclick=` o.l.), styles, iframes, formularer eller adresser, der henter noget uden for rapporten.");
    }
    out
}

fn demote(l: HeadingLevel) -> HeadingLevel {
    match l {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

fn internal_title(url: &str, index: &LinkIndex) -> Option<String> {
    let rest = url.strip_prefix('@')?;
    let Some((kind, id)) = rest.split_once('/') else {
        let word = rest.split('#').next().unwrap_or(rest);
        return index.overview(word).cloned();
    };
    let id = id.split('#').next().unwrap_or(id);
    index
        .title(Kind::from_link_word(kind)?, id)
        .map(str::to_string)
}

/// Checks a link or image target and returns the URL to write.
fn check_url(
    url: &str,
    md: &Md,
    index: &LinkIndex,
    pos: &mut dyn FnMut() -> Pos,
    diags: &mut Diagnostics,
    image: bool,
    later: &mut Later,
) -> String {
    let u = url.trim();
    let scheme_of = |s: &str| {
        s.split_once(':').map(|(a, _)| a.to_string()).filter(|a| {
            a.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-' || c == '.')
        })
    };
    if let Some(rest) = u.strip_prefix('@') {
        let (path, anchor) = match rest.split_once('#') {
            Some((p, a)) => (p, Some(a)),
            None => (rest, None),
        };
        if let Some(o) = OVERVIEWS.iter().find(|o| o.word == path) {
            let page = o.page;
            if index.overview(o.word).is_none() {
                if o.kind.is_some_and(|k| index.unchecked_kind(k)) {
                    return "#".into(); // its file's own error was reported
                }
                diags
                    .error(
                        &md.file,
                        pos(),
                        format!(
                            "Linket `{u}` peger på oversigten `{page}`, men rapporten har ikke den del."
                        ),
                    )
                    .hint(format!(
                        "Siden kommer med {}; ret linket, eller fjern det.",
                        o.source
                    ));
                return "#".into();
            }
            let mut out = format!("{ROOT}{page}");
            if let Some(a) = anchor {
                out.push('#');
                out.push_str(a);
                later.anchor_links.push(AnchorLink {
                    target: page.to_string(),
                    anchor: a.to_string(),
                    link: u.to_string(),
                    file: md.file.clone(),
                    pos: pos(),
                });
            }
            return out;
        }
        let Some((kind_word, id)) = path.split_once('/') else {
            let d = diags.error(
                &md.file,
                pos(),
                format!("Linket `{u}` mangler en slags og et id."),
            );
            match did_you_mean(path, OVERVIEWS.iter().map(|o| o.word)) {
                Some(w) => d.hint(format!("Mente du oversigten `@{w}`?")),
                None => d.hint(
                    "Skriv fx `[tekst](@hypotese/tidlig-opsporing)`, eller link til en oversigt som `@sagsanalyse`.",
                ),
            };
            return "#".into();
        };
        let Some(kind) = Kind::from_link_word(kind_word) else {
            let words: Vec<&str> = Kind::ALL.iter().map(|k| k.link_word()).collect();
            let d = diags.error(
                &md.file,
                pos(),
                format!("`@{kind_word}` er ikke en kendt slags link."),
            );
            match did_you_mean(kind_word, words.iter().copied()) {
                Some(s) => d.hint(format!("Mente du `@{s}/{id}`?")),
                None => d.hint(format!(
                    "Brug en af: {}.",
                    words
                        .iter()
                        .map(|w| format!("@{w}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            };
            return "#".into();
        };
        if !index.exists(kind, id) {
            if index.covers(kind, id) {
                return "#".into(); // its file's own error was reported
            }
            let at = pos();
            let d = diags.error(
                &md.file,
                at,
                format!(
                    "Linket peger på {} `{id}`, som ikke findes.",
                    kind.definite()
                ),
            );
            d.hint(format!(
                "Id'er af den slags defineres i {}.",
                kind.home_file()
            ));
            // Guessing the meant id costs a pass over the kind's ids: done
            // here for a few, after rendering (for the first errors) for many.
            let guess = Guess {
                file: md.file.clone(),
                pos: at,
                message: d.message.clone(),
                kind,
                kind_word: kind_word.to_string(),
                id: id.to_string(),
            };
            if index.count_of(kind) <= FEW_IDS {
                if let Some(hint) = guess.hint(index) {
                    d.hint(hint);
                }
            } else {
                later.guesses.push(guess);
            }
            return "#".into();
        }
        // `{ROOT}{folder}/{id}.html`, built in place (the most common
        // link: no `format!` machinery, one allocation).
        let folder = kind.folder();
        let mut out = String::with_capacity(ROOT.len() + folder.len() + id.len() + 7 + u.len());
        for part in [ROOT, folder, "/", id, ".html"] {
            out.push_str(part);
        }
        if let Some(a) = anchor {
            out.push('#');
            out.push_str(a);
            later.anchor_links.push(AnchorLink {
                target: kind.url(id),
                anchor: a.to_string(),
                link: u.to_string(),
                file: md.file.clone(),
                pos: pos(),
            });
        }
        return out;
    }
    // Lowercased only here: internal links (above) never need it.
    let lower = u.to_lowercase();
    if let Some(s) = scheme_of(&lower) {
        return match s.as_str() {
            "http" | "https" if image => {
                diags
                    .error(&md.file, pos(), format!("Billedet `{u}` hentes fra internettet, men rapporten skal kunne læses uden netadgang."))
                    .hint("Gem billedet i mappen `billeder/` og skriv fx `![Beskrivelse](billeder/kort.png)`.");
                "#".into()
            }
            "http" | "https" | "mailto" | "tel" => u.to_string(),
            _ => {
                diags
                    .error(
                        &md.file,
                        pos(),
                        format!("Links af typen `{s}:` er ikke tilladt."),
                    )
                    .hint(
                        "Brug kun `https://`, `mailto:` eller interne links som `@side/baggrund`.",
                    );
                "#".into()
            }
        };
    }
    if u.starts_with('#') || u.is_empty() {
        return u.to_string();
    }
    // A path inside the report, written from the report root.
    let path = u
        .split(['#', '?'])
        .next()
        .unwrap_or(u)
        .trim_start_matches("./");
    if path.starts_with('/') || path.split('/').any(|p| p == "..") {
        diags
            .error(&md.file, pos(), format!("Stien `{u}` peger uden for rapportens mappe."))
            .hint("Læg filen i `billeder/` og skriv stien fra rapportens mappe, fx `billeder/kort.png`.");
        return "#".into();
    }
    if index.has_asset(path) {
        return format!("{ROOT}{u}", u = u.trim_start_matches("./"));
    }
    let d = diags.error(
        &md.file,
        pos(),
        format!("Filen `{path}` findes ikke i rapporten."),
    );
    if path.ends_with(".md") || path.ends_with(".html") {
        d.hint("Link til andre sider med `@side/id`, fx `[Baggrund](@side/baggrund)`.");
    } else {
        d.hint(
            "Læg filen i `billeder/` og skriv stien fra rapportens mappe, fx `billeder/kort.png`.",
        );
    }
    "#".into()
}

mod footnotes;

#[cfg(test)]
mod tests;
