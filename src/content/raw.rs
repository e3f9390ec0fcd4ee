//! Raw serde types: each content file exactly as the consultant wrote it.
//! Every struct denies unknown keys; ids and references keep their position
//! ([`Sp`]) so that the resolver can point at them. Keys are Danish, in
//! ASCII (æ→ae, ø→oe, å→aa), as ARCHITECTURE.md sets out.

use crate::yaml::de::Sp;
use serde::Deserialize;
use std::collections::BTreeMap;

pub type Id = Sp<String>;
pub type Text = Option<Sp<String>>;

/// `omstil.yaml` — site settings (indstillinger).
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub kommune: String,
    pub titel: String,
    #[serde(default)]
    pub undertitel: Text,
    #[serde(default)]
    pub sprog: Option<Sp<Language>>,
    pub periode: Sp<Period>,
    #[serde(default)]
    pub statusdato: Option<Sp<String>>,
    #[serde(default)]
    pub logo: Option<Sp<String>>,
    #[serde(default)]
    pub farver: Option<Colours>,
    #[serde(default)]
    pub tilgaengelighedserklaering: Option<Sp<String>>,
    #[serde(default)]
    pub tema: Option<Sp<String>>,
    #[serde(default)]
    pub raa_html: bool,
}

#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Da,
    En,
}

#[derive(Deserialize, Debug, Clone, Copy)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub fra: u16,
    pub til: u16,
}

#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Colours {
    #[serde(default)]
    pub primaer: Option<Sp<String>>,
    #[serde(default)]
    pub accent: Option<Sp<String>>,
}

/// `modenhedsanalyse.yaml` — the maturity analysis.
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Analysis {
    #[serde(default)]
    pub indledning: Text,
    #[serde(default)]
    pub skala_maks: Option<Sp<u8>>,
    #[serde(default)]
    pub temaer: Vec<Theme>,
    #[serde(default)]
    pub hypoteser: Vec<Hypothesis>,
    #[serde(default)]
    pub forslag: Vec<Suggestion>,
}

/// One of the six fixed themes (tema).
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    pub id: Id,
    pub sammenfatning: Sp<String>,
    #[serde(default)]
    pub noegletal: Vec<Id>,
    #[serde(default)]
    pub noegletal_tekst: Text,
    #[serde(default)]
    pub selvevaluering: Vec<SelfAssessment>,
    #[serde(default)]
    pub dokumentscreening: Text,
    #[serde(default)]
    pub fokusgrupper: Text,
}

/// One statement of the self-assessment (selvevaluering).
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct SelfAssessment {
    pub spoergsmaal: String,
    pub score: Sp<f64>,
    #[serde(default)]
    pub kommentar: Text,
}

/// Hypothesis about development potential (hypotese om udviklingspotentiale).
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Hypothesis {
    pub id: Id,
    pub titel: String,
    pub temaer: Sp<Vec<Id>>,
    #[serde(default)]
    pub beskrivelse: Text,
}

/// An initiative the analysis material itself suggested (forslag).
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Suggestion {
    pub titel: String,
    #[serde(default)]
    pub beskrivelse: Text,
    #[serde(default)]
    pub temaer: Vec<Id>,
}

/// `forandringsteori.yaml` — the theory of change.
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct TheoryOfChange {
    pub formaal: Sp<String>,
    #[serde(default)]
    pub indsatser: Vec<Intervention>,
    #[serde(default)]
    pub aktiviteter: Vec<Activity>,
    #[serde(default)]
    pub maal: Vec<Outcome>,
}

/// Strategic intervention (indsats).
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Intervention {
    pub id: Id,
    pub titel: String,
    #[serde(default)]
    pub beskrivelse: Text,
    #[serde(default)]
    pub hypoteser: Vec<Id>,
}

/// The three areas an activity belongs to (område).
#[derive(
    Deserialize, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Area {
    Myndighed,
    Tilbudsvifte,
    Almenomraade,
}

/// Activity (aktivitet).
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    pub id: Id,
    pub titel: String,
    pub omraade: Area,
    pub indsatser: Sp<Vec<Id>>,
    #[serde(default)]
    pub beskrivelse: Text,
    #[serde(default)]
    pub maal: Vec<Sp<Link>>,
}

/// A link to an outcome, optionally with an assumption (antagelse) on it.
/// Written either as a bare id or as `{ maal: id, antagelse: "…" }`.
#[derive(Debug, Clone)]
pub struct Link {
    pub target: Id,
    pub antagelse: Option<String>,
}

impl<'de> Deserialize<'de> for Link {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // The bare form gets its position from the surrounding `Sp<Link>`
        // (see `Link::target_pos`); the map form's `maal` is spanned itself.
        let node = LinkRepr::deserialize(d)?;
        Ok(match node {
            LinkRepr::Bare(id) => Link {
                target: id,
                antagelse: None,
            },
            LinkRepr::Full { maal, antagelse } => Link {
                target: maal,
                antagelse,
            },
        })
    }
}

impl Link {
    /// Where the target id was written: its own position in the map form,
    /// else the position of the whole entry.
    pub fn target_pos(&self, outer: crate::diag::Pos) -> crate::diag::Pos {
        if self.target.pos == crate::diag::Pos::FILE {
            outer
        } else {
            self.target.pos
        }
    }
}

/// The two spellings of a [`Link`], told apart without serde's `untagged`
/// (which would lose positions).
enum LinkRepr {
    Bare(Id),
    Full { maal: Id, antagelse: Option<String> },
}

impl<'de> Deserialize<'de> for LinkRepr {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{Error, MapAccess, Visitor};
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = LinkRepr;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("et id eller `{ maal: id, antagelse: \"…\" }`")
            }
            fn visit_str<E: Error>(self, v: &str) -> Result<LinkRepr, E> {
                Ok(LinkRepr::Bare(Sp::new(
                    v.to_string(),
                    crate::diag::Pos::FILE,
                )))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<LinkRepr, A::Error> {
                let mut maal: Option<Id> = None;
                let mut antagelse = None;
                while let Some(k) = m.next_key::<String>()? {
                    match k.as_str() {
                        "maal" => maal = Some(m.next_value()?),
                        "antagelse" => antagelse = Some(m.next_value()?),
                        other => {
                            return Err(A::Error::unknown_field(other, &["maal", "antagelse"]));
                        }
                    }
                }
                let maal = maal.ok_or_else(|| A::Error::missing_field("maal"))?;
                Ok(LinkRepr::Full { maal, antagelse })
            }
        }
        d.deserialize_any(V)
    }
}

/// Outcome (mål): short-term (kortsigtet) or long-term (langsigtet, effektmål).
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    pub id: Id,
    pub titel: String,
    #[serde(rename = "type")]
    pub kind: OutcomeKind,
    #[serde(default)]
    pub beskrivelse: Text,
    #[serde(default)]
    pub bidrager_til: Vec<Sp<Link>>,
    #[serde(default)]
    pub indikatorer: Vec<Indicator>,
    #[serde(default)]
    pub antagelser: Vec<String>,
}

#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OutcomeKind {
    Kortsigtet,
    Langsigtet,
}

/// Indicator (indikator): a key figure that shows whether an outcome is met.
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub noegletal: Id,
    #[serde(default)]
    pub retning: Option<Direction>,
    #[serde(default)]
    pub beskrivelse: Text,
}

#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Falde,
    Stige,
}

/// `udviklingsplan.yaml` — the development plan (udviklingsplan/-strategi).
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    #[serde(default)]
    pub titel: Option<String>,
    #[serde(default)]
    pub indledning: Text,
    #[serde(default)]
    pub fokusomraader: Vec<FocusArea>,
    #[serde(default)]
    pub opfoelgning: Text,
}

/// Focus area (fokusområde).
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct FocusArea {
    pub id: Id,
    pub titel: String,
    pub formaal: Sp<String>,
    #[serde(default)]
    pub oenskede_effekter: Option<WantedEffects>,
    #[serde(default)]
    pub handlinger: Vec<Action>,
}

#[derive(Deserialize, Debug, Clone, Default)]
#[serde(deny_unknown_fields)]
pub struct WantedEffects {
    #[serde(default)]
    pub borgere: Vec<String>,
    #[serde(default)]
    pub organisation: Vec<String>,
}

/// Action (handling) in a focus area.
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub id: Id,
    pub titel: String,
    pub ansvarlig: String,
    pub periode: Sp<ActionPeriod>,
    pub status: Status,
    #[serde(default)]
    pub budget: Option<Sp<BTreeMap<Sp<u16>, Sp<f64>>>>,
    #[serde(default)]
    pub aktiviteter: Vec<Id>,
    #[serde(default)]
    pub maal: Vec<Id>,
    #[serde(default)]
    pub beskrivelse: Text,
}

#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct ActionPeriod {
    pub fra: Sp<String>,
    pub til: Sp<String>,
}

/// Status of an action.
#[derive(
    Deserialize, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Planlagt,
    IGang,
    Gennemfoert,
    Udskudt,
    Aflyst,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Planlagt,
        Status::IGang,
        Status::Gennemfoert,
        Status::Udskudt,
        Status::Aflyst,
    ];
    pub fn key(self) -> &'static str {
        match self {
            Status::Planlagt => "planlagt",
            Status::IGang => "i-gang",
            Status::Gennemfoert => "gennemfoert",
            Status::Udskudt => "udskudt",
            Status::Aflyst => "aflyst",
        }
    }
}

/// `tilbudsvifte.yaml` — the range of services on the intervention ladder.
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Services {
    #[serde(default)]
    pub indledning: Text,
    #[serde(default)]
    pub trin: Option<Vec<Step>>,
    #[serde(default)]
    pub aldersgrupper: Option<Vec<AgeBand>>,
    #[serde(default)]
    pub behov: Vec<Need>,
    #[serde(default)]
    pub tilbud: Vec<Service>,
}

/// Ladder step (trin på indsatstrappen).
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub id: Id,
    pub titel: String,
    #[serde(default)]
    pub beskrivelse: Text,
}

/// Age band (aldersgruppe).
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct AgeBand {
    pub id: Id,
    pub titel: String,
    pub fra: u8,
    pub til: u8,
}

/// Need category (behov), used to find overlaps.
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Need {
    pub id: Id,
    pub titel: String,
}

/// A service (tilbud).
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub id: Id,
    pub titel: String,
    pub trin: Id,
    pub alder: Sp<AgeRange>,
    pub behov: Sp<Vec<Id>>,
    pub udbyder: Provider,
    #[serde(default)]
    pub udbyder_navn: Option<String>,
    #[serde(default)]
    pub hjemmel: Option<Sp<String>>,
    #[serde(default)]
    pub kapacitet: Option<u32>,
    #[serde(default)]
    pub kapacitet_enhed: Option<String>,
    #[serde(default)]
    pub pris: Option<f64>,
    #[serde(default)]
    pub pris_enhed: Option<String>,
    #[serde(default)]
    pub beskrivelse: Text,
}

#[derive(Deserialize, Debug, Clone, Copy)]
#[serde(deny_unknown_fields)]
pub struct AgeRange {
    pub fra: u8,
    pub til: u8,
}

#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    Egen,
    Ekstern,
}

/// `noegletal.yaml` — key figures (nøgletal).
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct KeyFigures {
    #[serde(default)]
    pub indledning: Text,
    #[serde(default)]
    pub noegletal: Vec<KeyFigure>,
}

#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct KeyFigure {
    pub id: Id,
    pub titel: String,
    pub enhed: Unit,
    pub definition: Sp<String>,
    pub kilde: String,
    #[serde(default)]
    pub tabel: Option<String>,
    pub opgoerelse: Counting,
    #[serde(default)]
    pub retning: Option<Better>,
    #[serde(default)]
    pub maal: Option<Sp<Target>>,
    #[serde(default)]
    pub decimaler: Option<u8>,
    #[serde(default)]
    pub csv: Option<Sp<String>>,
    #[serde(default)]
    pub serier: Option<Sp<Vec<Series>>>,
}

#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    Procent,
    Antal,
    Kr,
    Promille,
    Dage,
}

/// Status as of 31 December, or counted over the year (opgørelse).
#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Counting {
    Status,
    Aar,
}

#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Better {
    LavereErBedre,
    HoejereErBedre,
}

#[derive(Deserialize, Debug, Clone, Copy)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub vaerdi: f64,
    pub aar: u16,
}

#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Series {
    #[serde(default)]
    pub kolonne: Option<Sp<String>>,
    #[serde(default)]
    pub navn: Option<String>,
    pub rolle: Role,
    #[serde(default)]
    pub vaerdier: Option<Sp<BTreeMap<Sp<u16>, Sp<NumberText>>>>,
}

/// A number that may be written Danish-style as text (`"25,5"`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NumberText(pub f64);

impl<'de> Deserialize<'de> for NumberText {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        f64::deserialize(d).map(NumberText)
    }
}

#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Kommune,
    Sammenligning,
    Landet,
}

/// `sagsanalyse.yaml` — the case review (sagsanalyse).
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct CaseReview {
    #[serde(default)]
    pub titel: Option<String>,
    pub antal_sager: Sp<u32>,
    #[serde(default)]
    pub udfoert_af: Option<String>,
    #[serde(default)]
    pub metode: Text,
    #[serde(default)]
    pub skala: Option<Vec<ScaleLevel>>,
    #[serde(default)]
    pub kriterier: Vec<Criterion>,
}

#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct ScaleLevel {
    pub id: Id,
    pub titel: String,
}

/// Criterion (kriterie) of the case review.
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub id: Id,
    pub titel: String,
    #[serde(default)]
    pub beskrivelse: Text,
    pub resultat: Sp<BTreeMap<Sp<String>, u32>>,
    #[serde(default)]
    pub eksempler: Vec<String>,
    #[serde(default)]
    pub maal: Vec<Id>,
}

/// Front matter of a free page (side) or of `forside.md`.
#[derive(Deserialize, Debug, Clone, Default)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    #[serde(default)]
    pub titel: Option<String>,
    #[serde(default)]
    pub beskrivelse: Option<String>,
    #[serde(default)]
    pub raekkefoelge: Option<i32>,
}
