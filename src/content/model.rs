//! The resolved model: defaults applied, every reference checked and turned
//! into an index into the part's list, and the reverse links (backlinks)
//! filled in. Templates never see these types; `render::views` does.

use super::raw::{
    Area, Better, Circle, Counting, Direction, Language, OutcomeKind, Provider, Role, Status, Unit,
};
use crate::diag::Pos;
use crate::format::{Date, Month, Span};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

pub use super::provenance::{ListedSource, Provenance, SourceRef};

/// Markdown source with where it was written, rendered later.
#[derive(Clone, Debug, Default)]
pub struct Md {
    pub text: Text,
    pub file: String,
    /// Line of the first line of `text` in `file`.
    pub line: u32,
    /// For Markdown written as a YAML value: where the value stands in the
    /// YAML file, so that a position inside it can be mapped back through
    /// the scalar's quotes, indentation and folding. `None`: `text` is the
    /// file's own text from `line`, column 1 (a page's body).
    pub yaml: Option<YamlSpot>,
}

/// Where a YAML scalar's content starts in its file.
#[derive(Clone)]
pub struct YamlSpot {
    /// The whole YAML file (shared with the copy kept for diagnostics).
    pub src: Arc<str>,
    /// Byte offset in `src` of the content's first character: after an
    /// opening quote, or at the start of the line after `|` or `>`.
    pub start: usize,
    /// Line and column of `start`.
    pub line: u32,
    pub col: u32,
}

/// Shows the file by identity (address and length), not its text: the
/// text is the whole YAML file, the same in every Markdown value of that
/// file. The render memo (`render::memo`) hashes the model's `Debug` form
/// and keeps the previous model alive while it compares, so an equal
/// address there is the same text.
impl std::fmt::Debug for YamlSpot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("YamlSpot")
            .field(
                "src",
                &(Arc::as_ptr(&self.src) as *const u8, self.src.len()),
            )
            .field("start", &self.start)
            .field("line", &self.line)
            .field("col", &self.col)
            .finish()
    }
}

/// A piece of a source file's text, shared with the file's copy kept for
/// diagnostics (so that a page's body is held in memory once).
#[derive(Clone, Debug, Default)]
pub struct Text {
    src: Arc<str>,
    start: usize,
}

impl Text {
    /// `part`, which must lie inside `src`.
    pub fn within(src: &Arc<str>, part: &str) -> Text {
        let start = (part.as_ptr() as usize)
            .checked_sub(src.as_ptr() as usize)
            .filter(|s| s + part.len() == src.len());
        match start {
            Some(start) => Text {
                src: src.clone(),
                start,
            },
            None => Text::from(part),
        }
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.src[self.start..]
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text {
            src: Arc::from(s),
            start: 0,
        }
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text {
            src: Arc::from(s),
            start: 0,
        }
    }
}

/// Every kind of entity that has a page, with its URL folder and names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Tema,
    Hypotese,
    Indsats,
    Aktivitet,
    Maal,
    Fokusomraade,
    Handling,
    Tilbud,
    Trin,
    Noegletal,
    Kriterie,
    Aktoer,
    Projekt,
    Side,
}

impl Kind {
    pub const ALL: [Kind; 14] = [
        Kind::Tema,
        Kind::Hypotese,
        Kind::Indsats,
        Kind::Aktivitet,
        Kind::Maal,
        Kind::Fokusomraade,
        Kind::Handling,
        Kind::Tilbud,
        Kind::Trin,
        Kind::Noegletal,
        Kind::Kriterie,
        Kind::Aktoer,
        Kind::Projekt,
        Kind::Side,
    ];

    /// The word used in `@kind/id` links.
    pub fn link_word(self) -> &'static str {
        match self {
            Kind::Tema => "tema",
            Kind::Hypotese => "hypotese",
            Kind::Indsats => "indsats",
            Kind::Aktivitet => "aktivitet",
            Kind::Maal => "maal",
            Kind::Fokusomraade => "fokusomraade",
            Kind::Handling => "handling",
            Kind::Tilbud => "tilbud",
            Kind::Trin => "trin",
            Kind::Noegletal => "noegletal",
            Kind::Kriterie => "kriterie",
            Kind::Aktoer => "aktoer",
            Kind::Projekt => "projekt",
            Kind::Side => "side",
        }
    }

    pub fn from_link_word(w: &str) -> Option<Kind> {
        // `kriterium` is the word the UI uses; `kriterie` stays accepted.
        if w == "kriterium" {
            return Some(Kind::Kriterie);
        }
        Kind::ALL.into_iter().find(|k| k.link_word() == w)
    }

    /// The output folder.
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Tema => "temaer",
            Kind::Hypotese => "hypoteser",
            Kind::Indsats => "indsatser",
            Kind::Aktivitet => "aktiviteter",
            Kind::Maal => "maal",
            Kind::Fokusomraade => "fokusomraader",
            Kind::Handling => "handlinger",
            Kind::Tilbud => "tilbud",
            Kind::Trin => "trin",
            Kind::Noegletal => "noegletal",
            Kind::Kriterie => "kriterier",
            Kind::Aktoer => "aktoerer",
            Kind::Projekt => "projekter",
            Kind::Side => "sider",
        }
    }

    /// Danish noun with article for messages: "hypotesen", "indsatsen".
    pub fn definite(self) -> &'static str {
        match self {
            Kind::Tema => "temaet",
            Kind::Hypotese => "hypotesen",
            Kind::Indsats => "indsatsen",
            Kind::Aktivitet => "aktiviteten",
            Kind::Maal => "målet",
            Kind::Fokusomraade => "fokusområdet",
            Kind::Handling => "handlingen",
            Kind::Tilbud => "tilbuddet",
            Kind::Trin => "trinnet",
            Kind::Noegletal => "nøgletallet",
            Kind::Kriterie => "kriteriet",
            Kind::Aktoer => "aktøren",
            Kind::Projekt => "projektet",
            Kind::Side => "siden",
        }
    }

    /// The file where entities of this kind are defined.
    pub fn home_file(self) -> &'static str {
        match self {
            Kind::Tema | Kind::Hypotese => "modenhedsanalyse.yaml",
            Kind::Indsats | Kind::Aktivitet | Kind::Maal => "forandringsteori.yaml",
            Kind::Fokusomraade | Kind::Handling => "udviklingsplan.yaml",
            Kind::Tilbud | Kind::Trin => "tilbudsvifte.yaml",
            Kind::Noegletal => "noegletal.yaml",
            Kind::Kriterie => "sagsanalyse.yaml",
            Kind::Aktoer => "aktoerer.yaml",
            Kind::Projekt => "projekter.yaml",
            Kind::Side => "sider/",
        }
    }

    pub fn url(self, id: &str) -> String {
        format!("{}/{}.html", self.folder(), id)
    }
}

/// The six fixed themes of the maturity analysis, in their fixed order.
pub const THEMES: [(&str, &str, &str); 6] = [
    (
        "politik-og-strategi",
        "Politik og strategi",
        "Policy and strategy",
    ),
    (
        "organisering-og-samarbejde",
        "Organisering og samarbejde",
        "Organisation and collaboration",
    ),
    ("styring", "Styring", "Management and steering"),
    ("sagsbehandling", "Sagsbehandling", "Casework"),
    (
        "tilbud-paa-boernefamilieomraadet",
        "Tilbud på børnefamilieområdet",
        "Services for children and families",
    ),
    (
        "stoette-i-det-almene-omraade",
        "Støtte i det almene område",
        "Support in universal services",
    ),
];

/// The national six-step intervention ladder, least to most intrusive.
pub const DEFAULT_STEPS: [(&str, &str); 6] = [
    ("almene-tilbud", "Tidlig indsats i almene tilbud"),
    ("forebyggende", "Forebyggende indsatser"),
    ("hjemmebaseret", "Hjemmebaserede indsatser"),
    ("netvaerksanbringelse", "Anbringelse i slægt eller netværk"),
    ("plejefamilie", "Anbringelse i plejefamilie"),
    ("institution", "Anbringelse på institution"),
];

pub const DEFAULT_AGE_BANDS: [(&str, &str, u8, u8); 4] = [
    ("0-5", "0–5 år", 0, 5),
    ("6-11", "6–11 år", 6, 11),
    ("12-17", "12–17 år", 12, 17),
    ("18-22", "18–22 år", 18, 22),
];

pub const DEFAULT_SCALE: [(&str, &str); 4] = [
    ("hoej", "I høj grad"),
    ("nogen", "I nogen grad"),
    ("ringe", "I ringe grad"),
    ("slet-ikke", "Slet ikke"),
];

#[derive(Clone, Debug)]
pub struct Settings {
    pub municipality: String,
    pub title: String,
    pub subtitle: Option<String>,
    pub language: Language,
    /// First and last year of the period.
    pub period: (u16, u16),
    /// The period as written, with months when given.
    pub period_span: Span,
    /// The report's own words for its parts and horizons (navne).
    pub names: Names,
    /// Who the overview is for (målgruppe), e.g. "styregruppen".
    pub audience: Option<String>,
    pub status_date: Option<Date>,
    /// Path of the logo inside the report (copied as an asset).
    pub logo: Option<String>,
    pub primary: String,
    pub accent: String,
    pub accessibility_url: Option<String>,
    pub theme: Option<String>,
    pub raw_html: bool,
}

impl Settings {
    pub fn lang(&self) -> &'static str {
        match self.language {
            Language::Da => "da",
            Language::En => "en",
        }
    }
}

/// The report's own words for parts and horizons (omstil.yaml `navne`):
/// `(key, word)` with the key as written (`udviklingsplan`, `langsigtet`),
/// only the ones given; the theme's strings give the defaults.
#[derive(Clone, Debug, Default)]
pub struct Names(pub BTreeMap<&'static str, String>);

#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    pub id: String,
    pub title: String,
    pub pos: Pos,
    /// Its source and whether it was reconstructed (filled in by
    /// `resolve::sources` once the part is resolved).
    pub prov: Provenance,
}

#[derive(Clone, Debug)]
pub struct SelfAssessmentItem {
    pub question: String,
    pub score: f64,
    pub comment: Option<String>,
}

/// Tema i modenhedsanalysen.
#[derive(Clone, Debug)]
pub struct Theme {
    pub h: Header,
    /// `None`: the source gives no summary ("Ikke oplyst").
    pub summary: Option<Md>,
    pub key_figures: Vec<usize>,
    pub key_figures_text: Option<Md>,
    pub self_assessment: Vec<SelfAssessmentItem>,
    pub document_screening: Option<Md>,
    pub focus_groups: Option<Md>,
    /// Backlink: hypotheses tied to this theme.
    pub hypotheses: Vec<usize>,
    pub suggestions: Vec<usize>,
}

/// Hypotese om udviklingspotentiale.
#[derive(Clone, Debug)]
pub struct Hypothesis {
    pub h: Header,
    pub themes: Vec<usize>,
    pub description: Option<Md>,
    /// Backlink: the interventions that take it up.
    pub interventions: Vec<usize>,
}

#[derive(Clone, Debug)]
pub struct Suggestion {
    pub prov: Provenance,
    pub title: String,
    pub description: Option<Md>,
    pub themes: Vec<usize>,
}

#[derive(Clone, Debug)]
pub struct AnalysisPart {
    pub intro: Option<Md>,
    pub scale_max: u8,
    /// Who scored and what the scale means, as the source says it.
    pub scale_text: Option<String>,
    /// Only the themes present in the file, in the fixed order.
    pub themes: Vec<Theme>,
    pub hypotheses: Vec<Hypothesis>,
    pub suggestions: Vec<Suggestion>,
}

/// Indsats.
#[derive(Clone, Debug)]
pub struct Intervention {
    pub h: Header,
    pub description: Option<Md>,
    pub hypotheses: Vec<usize>,
    /// Backlink: activities under it.
    pub activities: Vec<usize>,
}

/// A link with an optional assumption (antagelse).
#[derive(Clone, Debug)]
pub struct LinkTo {
    pub target: usize,
    pub assumption: Option<String>,
}

/// Aktivitet.
#[derive(Clone, Debug)]
pub struct Activity {
    pub h: Header,
    /// One or more areas, in the order written, without repeats.
    pub areas: Vec<Area>,
    pub interventions: Vec<usize>,
    pub description: Option<Md>,
    pub outcomes: Vec<LinkTo>,
    /// Backlink: actions in the plan that carry it out.
    pub actions: Vec<usize>,
}

#[derive(Clone, Debug)]
pub struct Indicator {
    pub key_figure: usize,
    pub direction: Option<Direction>,
    pub description: Option<String>,
}

/// Mål (kortsigtet eller langsigtet/effektmål).
#[derive(Clone, Debug)]
pub struct Outcome {
    pub h: Header,
    pub kind: OutcomeKind,
    pub description: Option<Md>,
    pub contributes_to: Vec<LinkTo>,
    pub indicators: Vec<Indicator>,
    pub assumptions: Vec<String>,
    /// Backlinks.
    pub from_activities: Vec<LinkTo>,
    pub from_outcomes: Vec<LinkTo>,
    pub actions: Vec<usize>,
    pub criteria: Vec<usize>,
}

#[derive(Clone, Debug)]
pub struct TocPart {
    pub aim: Option<Md>,
    /// The periods of the short-term and the long-term outcomes (horisont).
    pub horizons: [Option<Span>; 2],
    pub interventions: Vec<Intervention>,
    pub activities: Vec<Activity>,
    pub outcomes: Vec<Outcome>,
}

/// Fokusområde.
#[derive(Clone, Debug)]
pub struct FocusArea {
    pub h: Header,
    /// `None`: the source states no purpose ("Ikke oplyst").
    pub purpose: Option<Md>,
    pub intro: Option<Md>,
    pub description: Option<Md>,
    pub effects_citizens: Vec<WantedEffect>,
    pub effects_organisation: Vec<WantedEffect>,
    /// Indices into [`PlanPart::pools`].
    pub pools: Vec<usize>,
    pub actions: Vec<usize>,
}

/// Ønsket effekt: a text with an optional id; `actions` are the backlinks
/// from the actions that work toward it.
#[derive(Clone, Debug)]
pub struct WantedEffect {
    pub id: Option<String>,
    pub text: String,
    pub actions: Vec<usize>,
}

/// A period as written: each end a month, or a year alone (`*_year`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlanPeriod {
    pub from: Month,
    pub to: Month,
    pub from_year_only: bool,
    pub to_year_only: bool,
}

impl PlanPeriod {
    /// `2023`, `2023 – 2025`, `januar 2023 – december 2025`: as precise
    /// as the source, never more.
    pub fn label(&self, lang: &str) -> String {
        let end = |m: Month, year_only: bool| {
            if year_only {
                m.year.to_string()
            } else {
                m.long(lang)
            }
        };
        let (a, b) = (
            end(self.from, self.from_year_only),
            end(self.to, self.to_year_only),
        );
        if a == b { a } else { format!("{a} – {b}") }
    }
}

/// Budgetpulje: an amount several actions draw on.
#[derive(Clone, Debug)]
pub struct Pool {
    pub id: String,
    pub title: String,
    /// `None` for a plan-level pool.
    pub focus_area: Option<usize>,
    /// Per year, when the source divides the pool by year.
    pub budget: BTreeMap<u16, u64>,
    /// An amount not divided by year (`beloeb:`).
    pub lump: Option<u64>,
    pub period: Option<PlanPeriod>,
    pub description: Option<Md>,
    /// Backlink: the actions paid from this pool.
    pub actions: Vec<usize>,
}

/// Handling.
#[derive(Clone, Debug)]
pub struct Action {
    pub h: Header,
    pub focus_area: usize,
    /// `None`: "Ikke oplyst".
    pub owner: Option<String>,
    /// `None`: not on the timeline, listed below it.
    pub period: Option<PlanPeriod>,
    /// `None`: "Ikke oplyst", counted as such in the status summary.
    pub status: Option<Status>,
    pub budget: BTreeMap<u16, u64>,
    /// Index into [`PlanPart::pools`]: the action is paid from that pool,
    /// and its budget is part of the pool's (not added again).
    pub pool: Option<usize>,
    /// Indices into its focus area's wanted effects, citizens first then
    /// organisation (see [`FocusArea::effect`]).
    pub effects: Vec<usize>,
    pub activities: Vec<usize>,
    pub outcomes: Vec<usize>,
    pub description: Option<Md>,
}

impl FocusArea {
    /// Wanted effect number `i`, counting the citizens' effects first.
    pub fn effect(&self, i: usize) -> &WantedEffect {
        let n = self.effects_citizens.len();
        if i < n {
            &self.effects_citizens[i]
        } else {
            &self.effects_organisation[i - n]
        }
    }
}

#[derive(Clone, Debug)]
pub struct PlanPart {
    pub title: Option<String>,
    pub intro: Option<Md>,
    pub focus_areas: Vec<FocusArea>,
    pub actions: Vec<Action>,
    /// Plan-level pools first, then each focus area's.
    pub pools: Vec<Pool>,
    pub follow_up: Option<Md>,
}

mod figures;
mod followup;
mod services;
pub use figures::*;
pub use followup::*;
pub use services::*;

/// Aktør omkring barnet og familien.
#[derive(Clone, Debug)]
pub struct Actor {
    /// `title` is the actor's name.
    pub h: Header,
    pub circle: Circle,
    pub group: Option<String>,
    pub description: Option<Md>,
    /// Indices into the plan's actions and the theory of change's activities.
    pub actions: Vec<usize>,
    pub activities: Vec<usize>,
}

#[derive(Clone, Debug)]
pub struct ActorsPart {
    /// The label in the middle of the ring diagram, if the file gives one.
    pub centre: Option<String>,
    pub intro: Option<Md>,
    pub actors: Vec<Actor>,
    /// Actions and activities → the actors that name them.
    pub backlinks: Backlinks,
}

/// Backlinks from a plan or theory-of-change entity (kind, id) to the
/// actors or projects (indices) that name it.
pub type Backlinks = BTreeMap<(Kind, String), Vec<usize>>;

/// The entries of `b` that name `kind`/`id`.
pub fn backlinks_of<'a>(b: &'a Backlinks, kind: Kind, id: &str) -> &'a [usize] {
    b.get(&(kind, id.to_string())).map_or(&[], Vec::as_slice)
}

/// Projekt.
#[derive(Clone, Debug)]
pub struct Project {
    pub h: Header,
    pub partner: Option<String>,
    pub financing: Option<String>,
    pub period: Option<Span>,
    pub status: Option<Status>,
    pub budget: Option<u64>,
    /// Indices into the plan's focus areas and actions.
    pub focus_areas: Vec<usize>,
    pub actions: Vec<usize>,
    pub description: Option<Md>,
}

#[derive(Clone, Debug)]
pub struct ProjectsPart {
    pub intro: Option<Md>,
    pub projects: Vec<Project>,
    /// Focus areas and actions → the projects that name them.
    pub backlinks: Backlinks,
}

/// A free Markdown page (side).
#[derive(Clone, Debug)]
pub struct Page {
    pub h: Header,
    pub file: String,
    pub description: Option<String>,
    pub order: i32,
    /// `fremhaevet`: shown as a prominent link at the top of the front page.
    pub featured: bool,
    pub body: Md,
}

/// A file copied to the output as it is (images, logo).
#[derive(Clone, Debug)]
pub struct Asset {
    /// Path relative to the report root, `/`-separated; also the output path.
    pub rel: String,
    /// Shared: the preview hands the same bytes to each rebuild's site.
    pub bytes: std::sync::Arc<Vec<u8>>,
}

/// The whole report.
#[derive(Clone, Debug)]
pub struct Report {
    pub settings: Settings,
    pub front: Option<Md>,
    pub analysis: Option<AnalysisPart>,
    pub toc: Option<TocPart>,
    pub plan: Option<PlanPart>,
    pub services: Option<ServicesPart>,
    pub key_figures: Option<KeyFiguresPart>,
    pub case_review: Option<CaseReviewPart>,
    pub actors: Option<ActorsPart>,
    pub projects: Option<ProjectsPart>,
    /// Follow-up rounds (`opfoelgning/`); issue 16.
    pub followup: Option<FollowUpPart>,
    /// Shared: a page save in the preview puts one new page in a copy of
    /// the model instead of copying 10,000 (`incremental`).
    pub pages: Vec<std::sync::Arc<Page>>,
    pub assets: Vec<Asset>,
    /// Sources listed in omstil.yaml (kilder), and the front page's provenance.
    pub sources: Vec<ListedSource>,
    pub front_prov: Provenance,
    /// What could not be read, so that links to it are not reported again.
    pub unchecked: Unchecked,
}

impl Report {
    /// Every entity that has an id, with its kind, in reading order.
    pub fn entities(&self) -> Vec<(Kind, &Header)> {
        fn push<'a>(
            out: &mut Vec<(Kind, &'a Header)>,
            k: Kind,
            hs: impl Iterator<Item = &'a Header>,
        ) {
            out.extend(hs.map(|h| (k, h)));
        }
        let mut out = Vec::new();
        if let Some(a) = &self.analysis {
            push(&mut out, Kind::Tema, a.themes.iter().map(|x| &x.h));
            push(&mut out, Kind::Hypotese, a.hypotheses.iter().map(|x| &x.h));
        }
        if let Some(t) = &self.toc {
            push(
                &mut out,
                Kind::Indsats,
                t.interventions.iter().map(|x| &x.h),
            );
            push(&mut out, Kind::Aktivitet, t.activities.iter().map(|x| &x.h));
            push(&mut out, Kind::Maal, t.outcomes.iter().map(|x| &x.h));
        }
        if let Some(p) = &self.plan {
            push(
                &mut out,
                Kind::Fokusomraade,
                p.focus_areas.iter().map(|x| &x.h),
            );
            push(&mut out, Kind::Handling, p.actions.iter().map(|x| &x.h));
        }
        if let Some(s) = &self.services {
            push(&mut out, Kind::Tilbud, s.services.iter().map(|x| &x.h));
            push(&mut out, Kind::Trin, s.steps.iter().map(|x| &x.h));
        }
        if let Some(k) = &self.key_figures {
            push(&mut out, Kind::Noegletal, k.figures.iter().map(|x| &x.h));
        }
        if let Some(c) = &self.case_review {
            push(&mut out, Kind::Kriterie, c.criteria.iter().map(|x| &x.h));
        }
        if let Some(a) = &self.actors {
            push(&mut out, Kind::Aktoer, a.actors.iter().map(|x| &x.h));
        }
        if let Some(p) = &self.projects {
            push(&mut out, Kind::Projekt, p.projects.iter().map(|x| &x.h));
        }
        push(&mut out, Kind::Side, self.pages.iter().map(|x| &x.h));
        out
    }
}

/// Kinds whose part file failed to load, and ids of entries (and pages)
/// left out after an error: their own error was reported where they stand.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Unchecked {
    pub kinds: BTreeSet<Kind>,
    pub ids: BTreeSet<String>,
}

impl Unchecked {
    /// Whether a missing `kind`/`id` was already explained by another error.
    pub fn covers(&self, kind: Kind, id: &str) -> bool {
        self.kinds.contains(&kind) || self.ids.contains(id)
    }
}

impl Report {
    /// `(title, url)` of an entity by kind and id, for links.
    pub fn lookup(&self, kind: Kind, id: &str) -> Option<String> {
        fn find<'a, T>(
            items: &'a [T],
            id: &str,
            h: impl Fn(&'a T) -> &'a Header,
        ) -> Option<String> {
            items
                .iter()
                .map(h)
                .find(|h| h.id == id)
                .map(|h| h.title.clone())
        }
        match kind {
            Kind::Tema => self
                .analysis
                .as_ref()
                .and_then(|a| find(&a.themes, id, |t| &t.h)),
            Kind::Hypotese => self
                .analysis
                .as_ref()
                .and_then(|a| find(&a.hypotheses, id, |t| &t.h)),
            Kind::Indsats => self
                .toc
                .as_ref()
                .and_then(|a| find(&a.interventions, id, |t| &t.h)),
            Kind::Aktivitet => self
                .toc
                .as_ref()
                .and_then(|a| find(&a.activities, id, |t| &t.h)),
            Kind::Maal => self
                .toc
                .as_ref()
                .and_then(|a| find(&a.outcomes, id, |t| &t.h)),
            Kind::Fokusomraade => self
                .plan
                .as_ref()
                .and_then(|a| find(&a.focus_areas, id, |t| &t.h)),
            Kind::Handling => self
                .plan
                .as_ref()
                .and_then(|a| find(&a.actions, id, |t| &t.h)),
            Kind::Tilbud => self
                .services
                .as_ref()
                .and_then(|a| find(&a.services, id, |t| &t.h)),
            Kind::Trin => self
                .services
                .as_ref()
                .and_then(|a| find(&a.steps, id, |t| &t.h)),
            Kind::Noegletal => self
                .key_figures
                .as_ref()
                .and_then(|a| find(&a.figures, id, |t| &t.h)),
            Kind::Kriterie => self
                .case_review
                .as_ref()
                .and_then(|a| find(&a.criteria, id, |t| &t.h)),
            Kind::Aktoer => self
                .actors
                .as_ref()
                .and_then(|a| find(&a.actors, id, |t| &t.h)),
            Kind::Projekt => self
                .projects
                .as_ref()
                .and_then(|a| find(&a.projects, id, |t| &t.h)),
            Kind::Side => find(&self.pages, id, |p| &p.h),
        }
    }
}
