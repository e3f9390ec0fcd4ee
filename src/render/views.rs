//! View structs: what templates see. Built from the model by the page
//! builders; every URL is written from the site root behind
//! [`crate::url::ROOT`] and made relative when the page is written.

use serde::Serialize;

/// The report as a whole, on every page.
#[derive(Serialize, Clone, Debug)]
pub struct SiteView {
    pub title: String,
    pub subtitle: Option<String>,
    pub municipality: String,
    pub lang: &'static str,
    pub primary: String,
    pub primary_dark: String,
    pub accent: String,
    pub logo_url: Option<String>,
    pub accessibility_url: Option<String>,
    pub status_date: Option<String>,
    pub status_date_iso: Option<String>,
    pub period: String,
    /// Whether the title already says the period (the footer then does not repeat it).
    pub period_in_title: bool,
    pub home_url: String,
    pub print_url: String,
    /// The site has `rapport.pdf` (`build --pdf`): link to it.
    pub pdf: bool,
    pub pdf_url: String,
    /// The paged-media stylesheet (print.css), for printing any page.
    pub print_css_url: String,
    pub css_url: String,
    pub js_url: String,
    pub search_url: String,
}

/// A link to another page.
#[derive(Serialize, Clone, Debug, Default)]
pub struct LinkV {
    pub title: String,
    pub url: String,
    /// Small text after the link (e.g. the area of an activity).
    pub note: Option<String>,
    /// A short label before the link (e.g. "Myndighed"), styled as a badge.
    pub badge: Option<String>,
    /// A CSS modifier for the badge (e.g. "myndighed").
    pub badge_class: Option<String>,
    /// The entity was reconstructed: a "Rekonstrueret" marker follows.
    pub reconstructed: bool,
}

/// An entity's source and reconstruction marker (partial
/// `provenance.html`), shown under a page's facts or a sub-section's heading.
#[derive(Serialize, Clone, Debug, Default, PartialEq)]
pub struct ProvenanceV {
    /// "Udviklingsstrategi 2023–2025, s. 6".
    pub source: Option<String>,
    pub link: Option<String>,
    pub reconstructed: bool,
}

/// An item in the navigation sidebar.
#[derive(Serialize, Clone, Debug)]
pub struct NavItem {
    pub title: String,
    pub url: String,
    pub key: String,
    pub children: Vec<NavItem>,
}

/// A label–value pair shown at the top of an entity page.
#[derive(Serialize, Clone, Debug, Default)]
pub struct Fact {
    pub label: String,
    pub value: String,
    pub url: Option<String>,
}

/// A table cell: text, links, or both.
#[derive(Serialize, Clone, Debug, Default)]
pub struct Cell {
    pub text: String,
    pub links: Vec<LinkV>,
    pub class: Option<String>,
    pub numeric: bool,
    /// A `<th scope="row">` cell.
    pub header: bool,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell {
            text: s.into(),
            ..Default::default()
        }
    }
    pub fn num(s: impl Into<String>) -> Cell {
        Cell {
            text: s.into(),
            numeric: true,
            ..Default::default()
        }
    }
    pub fn row_header(s: impl Into<String>) -> Cell {
        Cell {
            text: s.into(),
            header: true,
            ..Default::default()
        }
    }
    pub fn link(l: LinkV) -> Cell {
        Cell {
            links: vec![l],
            ..Default::default()
        }
    }
}

#[derive(Serialize, Clone, Debug, Default)]
pub struct Table {
    pub caption: String,
    pub head: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// Right-align these head columns (numbers).
    pub numeric: Vec<bool>,
    pub foot: Option<Vec<Cell>>,
}

/// A nested list item (text equivalents of diagrams).
#[derive(Serialize, Clone, Debug, Default)]
pub struct TreeItem {
    pub link: LinkV,
    pub text: Option<String>,
    pub children: Vec<TreeItem>,
}

/// A node of the theory of change listed once, with its links (toc, issue
/// 15): "Fører til: …", "Bygger på: …".
#[derive(Serialize, Clone, Debug, Default)]
pub struct NodeEntry {
    /// An anchor on the entry (hypotheses on the traceability page).
    pub id: Option<String>,
    pub link: LinkV,
    pub relations: Vec<Relation>,
}

#[derive(Serialize, Clone, Debug, Default)]
pub struct Relation {
    pub label: String,
    pub links: Vec<LinkV>,
}

/// Something missing, said to the reader in neutral words (a loose end:
/// "Hypotesen er endnu ikke taget op i forandringsteorien").
#[derive(Serialize, Clone, Debug, Default)]
pub struct Notice {
    pub text: String,
    pub link: Option<LinkV>,
    /// What the author could do about it. Never shown on published pages
    /// (the same advice is `omstil check`'s warning hint).
    pub hint: Option<String>,
}

/// A bar in a simple HTML bar list (self-assessment scores etc.).
#[derive(Serialize, Clone, Debug, Default)]
pub struct Bar {
    pub label: String,
    pub value: String,
    /// 0–100, width of the bar.
    pub percent: f64,
    /// CSS modifier of the fill (`status-i-gang`): the same look as in the diagrams.
    pub class: Option<String>,
}

/// One section of a page; the template shows whichever parts are set.
#[derive(Serialize, Clone, Debug, Default)]
pub struct Section {
    pub id: String,
    pub heading: String,
    /// Makes a sub-section's heading a link (e.g. a focus area on the plan page).
    pub heading_url: Option<String>,
    /// Intro text above the contents (plain).
    pub note: Option<String>,
    /// Rendered Markdown or trusted HTML built by omstil.
    pub html: Option<String>,
    pub links: Vec<LinkV>,
    /// Text shown when `links` is expected but empty.
    pub empty: Option<String>,
    pub items: Vec<String>,
    pub table: Option<Table>,
    pub tree: Vec<TreeItem>,
    /// Nodes listed once with their links (toc, issue 15).
    pub nodes: Vec<NodeEntry>,
    pub notices: Vec<Notice>,
    pub bars: Vec<Bar>,
    /// A generated diagram (inline SVG) with its caption.
    pub figure: Option<Figure>,
    /// Sub-sections (e.g. one per focus area on the plan page).
    pub children: Vec<Section>,
    /// The source of what the section shows (a suggestion without a page).
    pub provenance: Option<ProvenanceV>,
}

#[derive(Serialize, Clone, Debug, Default)]
pub struct Figure {
    pub svg: String,
    pub caption: String,
    /// Anchor of the text equivalent on the same page.
    pub text_equivalent: Option<String>,
}

/// What a page template sees besides the globals `site`, `t` (UI
/// strings) and `nav`, which are set once in Tera's global context.
#[derive(Serialize, Clone, Debug)]
pub struct PageView {
    /// Which nav key is active.
    pub active: String,
    pub breadcrumbs: Vec<LinkV>,
    pub title: String,
    /// E.g. "Hypotese" above the title.
    pub kind_label: Option<String>,
    /// Template key for CSS (`page-hypotese`).
    pub kind: String,
    pub lead: Option<String>,
    pub facts: Vec<Fact>,
    /// The entity's source and reconstruction marker.
    pub provenance: Option<ProvenanceV>,
    pub sections: Vec<Section>,
    /// Table of contents for long pages.
    pub toc: Vec<LinkV>,
    /// This page's path from the root (for the search and print links).
    pub path: String,
    /// Cards on the front page.
    pub cards: Vec<Card>,
    /// Trusted HTML body (the print page).
    pub body: Option<String>,
    /// == followup (issue 16): the newest follow-up round, on the front page. ==
    pub newest_round: Option<super::followup::NewestRound>,
    /// The front page's findings (front page only).
    pub front: Option<FrontView>,
}

impl PageView {
    /// The page's template context: one entry per field, as
    /// `tera::Context::from_serialize` would make it, but with the field
    /// names as static keys. `from_serialize` first builds a whole map and
    /// then copies every key into a `String` of its own, which is a fifth
    /// of the cost of rendering a small page. The exhaustive destructuring
    /// makes a new field a compile error until it is added here.
    pub fn context(&self) -> tera::TeraResult<tera::Context> {
        let PageView {
            active,
            breadcrumbs,
            title,
            kind_label,
            kind,
            lead,
            facts,
            provenance,
            sections,
            toc,
            path,
            cards,
            body,
            newest_round,
            front,
        } = self;
        let mut c = tera::Context::new();
        macro_rules! put {
            ($($field:ident),*) => {
                $(c.insert_value(
                    stringify!($field),
                    tera::Value::try_from_serializable($field)?,
                );)*
            };
        }
        // In reverse alphabetical order: Tera keeps the context in a
        // `BTreeMap`, which looks for a key's place from the left of a node,
        // so each key here is placed after one comparison.
        put!(
            toc,
            title,
            sections,
            provenance,
            path,
            newest_round,
            lead,
            kind_label,
            kind,
            front,
            facts,
            cards,
            breadcrumbs,
            body,
            active
        );
        Ok(c)
    }
}

// == front (issue 15): the front page's findings ==

/// What a reader sees first on the front page: the featured pages, the key
/// figures' latest values and course, actions by status and the gaps.
/// A part the report lacks leaves its block out.
#[derive(Serialize, Clone, Debug, Default)]
pub struct FrontView {
    /// Pages marked `fremhaevet` (e.g. the status summary).
    pub featured: Vec<LinkV>,
    pub figures: Vec<FigureFinding>,
    /// Link to the key-figure overview (when there are figures).
    pub figures_link: Option<LinkV>,
    /// Counts per status, in the fixed status order; empty without a plan.
    pub actions: Vec<StatusCount>,
    pub actions_link: Option<LinkV>,
    /// The gaps in the range of services (maybe none).
    pub gaps: Vec<LinkV>,
    /// Link to the range of services; `None` without one (no gaps block).
    pub gaps_link: Option<LinkV>,
}

/// One key figure at a glance.
#[derive(Serialize, Clone, Debug, Default)]
pub struct FigureFinding {
    pub link: LinkV,
    /// The latest value with its unit, or "Ikke oplyst".
    pub value: String,
    pub year: Option<String>,
    /// Since the previous value, in words ("Faldet fra 22,7 % i 2023").
    pub change: String,
    /// `op`, `ned`, `uaendret` or `ukendt`.
    pub change_class: String,
    /// An arrow for the change (aria-hidden; the words say it).
    pub change_symbol: String,
    pub course: String,
    pub course_symbol: String,
    pub course_class: String,
    /// "Mål 15 % i 2025" or "Mål: ikke oplyst".
    pub target: String,
}

/// Actions with one status.
#[derive(Serialize, Clone, Debug, Default)]
pub struct StatusCount {
    pub label: String,
    /// CSS modifier (`i-gang`), `ikke-oplyst` for no status.
    pub class: String,
    pub count: usize,
}

/// A part of the report on the front page.
#[derive(Serialize, Clone, Debug, Default)]
pub struct Card {
    pub title: String,
    pub url: String,
    pub text: String,
    pub stats: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(title: &str) -> LinkV {
        LinkV {
            title: title.into(),
            url: format!("@/{title}.html"),
            note: Some("note".into()),
            ..Default::default()
        }
    }

    /// Every field set, with nesting, non-ASCII and long strings (which
    /// Tera keeps apart from short ones).
    fn full_view() -> PageView {
        PageView {
            active: "sider.html".into(),
            breadcrumbs: vec![link("Forside"), link("Sider")],
            title: "Side 1: Tilbuddet og støtte – en meget lang titel".into(),
            kind_label: Some("Hypotese".into()),
            kind: "side".into(),
            lead: Some("Æ ø å".into()),
            facts: vec![Fact {
                label: "Status".into(),
                value: "I gang".into(),
                url: None,
            }],
            provenance: Some(ProvenanceV {
                source: Some("Strategi, s. 6".into()),
                link: None,
                reconstructed: true,
            }),
            sections: vec![Section {
                id: "a".into(),
                html: Some("<p>x &amp; y</p>".into()),
                links: vec![link("b")],
                children: vec![Section::default()],
                ..Default::default()
            }],
            toc: vec![link("c")],
            path: "sider/side-1.html".into(),
            cards: vec![Card {
                title: "Plan".into(),
                stats: vec!["3 mål".into()],
                ..Default::default()
            }],
            body: Some(String::new()),
            newest_round: Some(Default::default()),
            front: Some(FrontView {
                featured: vec![link("d")],
                ..Default::default()
            }),
        }
    }

    #[test]
    fn context_is_what_from_serialize_makes() {
        for view in [
            full_view(),
            PageView {
                kind_label: None,
                provenance: None,
                body: None,
                newest_round: None,
                front: None,
                sections: Vec::new(),
                ..full_view()
            },
        ] {
            let expected = tera::Context::from_serialize(&view).unwrap();
            assert_eq!(view.context().unwrap(), expected);
        }
    }
}
