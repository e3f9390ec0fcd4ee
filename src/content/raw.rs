//! Raw serde types: each content file exactly as the consultant wrote it.
//! Every struct denies unknown keys; ids and references keep their position
//! ([`Sp`]) so that the resolver can point at them. Keys are Danish, in
//! ASCII (æ→ae, ø→oe, å→aa), as ARCHITECTURE.md sets out.

use crate::yaml::de::Sp;
use serde::Deserialize;
use std::collections::BTreeMap;

pub type Id = Sp<String>;
pub type Text = Option<Sp<String>>;

/// A whole number that must lie in `MIN..=MAX`, checked while reading so
/// that the message names the range ("skal være et helt tal fra 0 til 4").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounded<const MIN: i64, const MAX: i64>(pub i64);

impl<'de, const MIN: i64, const MAX: i64> Deserialize<'de> for Bounded<MIN, MAX> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = i128::deserialize(d)?;
        if (MIN as i128..=MAX as i128).contains(&n) {
            Ok(Bounded(n as i64))
        } else {
            Err(serde::de::Error::custom(crate::yaml::de::range_message(
                &n.to_string(),
                MIN as i128,
                MAX as i128,
            )))
        }
    }
}

impl<const MIN: i64, const MAX: i64> schemars::JsonSchema for Bounded<MIN, MAX> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("HeltTal{MIN}til{MAX}").into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "integer", "minimum": MIN, "maximum": MAX })
    }
}

/// An amount in whole kroner (beløb), exact: `250000`, `"750.000"` or
/// `"750.000 kr."`. A fraction of a krone or a negative amount is an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kroner(pub u64);

impl<'de> Deserialize<'de> for Kroner {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Kroner;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("et beløb i hele kroner")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Kroner, E> {
                crate::format::parse_kroner(v)
                    .map(Kroner)
                    .map_err(E::custom)
            }
        }
        // The text as written, so that no digit is lost on the way.
        d.deserialize_str(V)
    }
}

impl schemars::JsonSchema for Kroner {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Kroner".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Et beløb i hele kroner; dansk skrivemåde i anførselstegn er tilladt, fx \"750.000\".",
            "oneOf": [
                { "type": "integer", "minimum": 0 },
                { "type": "string", "pattern": "^[0-9]{1,3}([.]?[0-9]{3})*( ?kr[.]?)?$" }
            ]
        })
    }
}

/// A year in a report (1990–2100).
pub type Year = Bounded<1990, 2100>;

/// `omstil.yaml` — site settings (indstillinger).
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Kommunens navn, fx "Egeskov Kommune".
    pub kommune: String,
    /// Rapportens titel.
    pub titel: String,
    #[serde(default)]
    /// Undertitel under titlen på forsiden.
    pub undertitel: Text,
    #[serde(default)]
    /// Sproget i websitets faste tekster: `da` (standard) eller `en`.
    pub sprog: Option<Sp<Language>>,
    /// Perioden, rapporten dækker, fx `{ fra: 2023, til: 2025 }`.
    pub periode: Sp<Period>,
    #[serde(default)]
    /// Datoen for seneste status, skrevet som år-måned-dag, fx `2025-03-31`.
    pub statusdato: Option<Sp<String>>,
    #[serde(default)]
    /// Sti til logoet inde i rapporten, fx `billeder/logo.svg`.
    pub logo: Option<Sp<String>>,
    #[serde(default)]
    /// Kommunens farver som hex-koder.
    pub farver: Option<Colours>,
    #[serde(default)]
    /// Adressen (https://…) på kommunens tilgængelighedserklæring; vises som link i sidefoden.
    pub tilgaengelighedserklaering: Option<Sp<String>>,
    #[serde(default)]
    /// Navnet på et eget tema i mappen `themes/`. Udelad for standardtemaet.
    pub tema: Option<Sp<String>>,
    #[serde(default)]
    /// Må Markdown-tekst indeholde HTML? Standard er `false`: HTML vises som tekst.
    pub raa_html: bool,
}

#[derive(
    Deserialize, schemars::JsonSchema, Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Da,
    En,
}

#[derive(Deserialize, schemars::JsonSchema, Debug, Clone, Copy)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// Første år, fx 2023.
    pub fra: Year,
    /// Sidste år, fx 2025.
    pub til: Year,
}

#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Colours {
    #[serde(default)]
    /// Hovedfarven (sidehoved, links), fx `"#1d4f73"`.
    pub primaer: Option<Sp<String>>,
    #[serde(default)]
    /// Accentfarven, fx `"#9a4a1c"`.
    pub accent: Option<Sp<String>>,
}

/// `modenhedsanalyse.yaml` — the maturity analysis.
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Analysis {
    #[serde(default)]
    /// Indledning til modenhedsanalysen (Markdown).
    pub indledning: Text,
    #[serde(default)]
    /// Højeste score i selvevalueringen (skalaen går fra 1). Standard 5.
    pub skala_maks: Option<Bounded<2, 10>>,
    #[serde(default)]
    /// De seks faste temaer, hver højst én gang.
    pub temaer: Vec<Theme>,
    #[serde(default)]
    /// Hypoteser om udviklingspotentialer.
    pub hypoteser: Vec<Hypothesis>,
    #[serde(default)]
    /// Udviklingstiltag, som materialet selv pegede på.
    pub forslag: Vec<Suggestion>,
}

/// One of the six fixed themes (tema).
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    /// Et af de seks faste temaer.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: Id,
    /// Temaets sammenfatning og konklusion (Markdown).
    pub sammenfatning: Sp<String>,
    #[serde(default)]
    /// Id'er på nøgletal, der belyser temaet.
    #[schemars(inner(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$")))]
    pub noegletal: Vec<Id>,
    #[serde(default)]
    /// Hvad nøgletallene viser (Markdown).
    pub noegletal_tekst: Text,
    #[serde(default)]
    /// Sektorchefernes selvevaluering: udsagn med score.
    pub selvevaluering: Vec<SelfAssessment>,
    #[serde(default)]
    /// Hvad screeningen af dokumenter viste (Markdown).
    pub dokumentscreening: Text,
    #[serde(default)]
    /// Hvad fokusgruppeinterviewene viste (Markdown).
    pub fokusgrupper: Text,
}

/// One statement of the self-assessment (selvevaluering).
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct SelfAssessment {
    /// Udsagnet, der blev vurderet.
    pub spoergsmaal: String,
    /// Scoren, fra 1 til `skala_maks` (decimaler tilladt, fx 2,5).
    pub score: Sp<f64>,
    #[serde(default)]
    /// Kort kommentar til scoren.
    pub kommentar: Text,
}

/// Hypothesis about development potential (hypotese om udviklingspotentiale).
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Hypothesis {
    /// Hypotesens id: små bogstaver a–z, tal og bindestreger.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: Id,
    /// Hypotesen i én sætning.
    pub titel: String,
    /// De temaer, hypotesen bygger på (mindst ét).
    #[schemars(inner(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$")))]
    pub temaer: Sp<Vec<Id>>,
    #[serde(default)]
    /// Uddybning (Markdown).
    pub beskrivelse: Text,
}

/// An initiative the analysis material itself suggested (forslag).
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Suggestion {
    /// Forslagets titel.
    pub titel: String,
    #[serde(default)]
    /// Uddybning (Markdown).
    pub beskrivelse: Text,
    #[serde(default)]
    /// Temaer, forslaget hører til.
    #[schemars(inner(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$")))]
    pub temaer: Vec<Id>,
}

/// `forandringsteori.yaml` — the theory of change.
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct TheoryOfChange {
    /// Det overordnede formål (Markdown).
    pub formaal: Sp<String>,
    #[serde(default)]
    /// De strategiske indsatser.
    pub indsatser: Vec<Intervention>,
    #[serde(default)]
    /// Aktiviteterne under indsatserne.
    pub aktiviteter: Vec<Activity>,
    #[serde(default)]
    /// Kortsigtede og langsigtede mål.
    pub maal: Vec<Outcome>,
}

/// Strategic intervention (indsats).
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Intervention {
    /// Indsatsens id.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: Id,
    /// Indsatsens navn, fx "Opsporing og forebyggelse".
    pub titel: String,
    #[serde(default)]
    /// Uddybning (Markdown).
    pub beskrivelse: Text,
    #[serde(default)]
    /// Id'er på de hypoteser, indsatsen tager op.
    #[schemars(inner(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$")))]
    pub hypoteser: Vec<Id>,
}

/// The three areas an activity belongs to (område).
#[derive(
    schemars::JsonSchema,
    Deserialize,
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Area {
    Myndighed,
    Tilbudsvifte,
    Almenomraade,
}

/// Activity (aktivitet).
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    /// Aktivitetens id.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: Id,
    /// Aktivitetens navn.
    pub titel: String,
    /// Området: `myndighed`, `tilbudsvifte` eller `almenomraade`.
    pub omraade: Area,
    /// Id'er på de indsatser, aktiviteten hører under (mindst én).
    #[schemars(inner(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$")))]
    pub indsatser: Sp<Vec<Id>>,
    #[serde(default)]
    /// Uddybning (Markdown).
    pub beskrivelse: Text,
    #[serde(default)]
    /// De kortsigtede mål, aktiviteten bidrager til: et id, eller `{ maal: id, antagelse: "…" }`.
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

impl schemars::JsonSchema for Link {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Link".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Et mål-id, eller `{ maal: id, antagelse: \"…\" }` med en antagelse på forbindelsen.",
            "oneOf": [
                { "type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$" },
                {
                    "type": "object",
                    "properties": {
                        "maal": { "type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "description": "Id på målet." },
                        "antagelse": { "type": "string", "description": "Antagelsen bag forbindelsen." }
                    },
                    "required": ["maal"],
                    "additionalProperties": false
                }
            ]
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
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// Målets id.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: Id,
    /// Målet i én sætning.
    pub titel: String,
    #[serde(rename = "type")]
    /// `kortsigtet` (nås i projektperioden) eller `langsigtet` (effektmål).
    pub kind: OutcomeKind,
    #[serde(default)]
    /// Uddybning (Markdown).
    pub beskrivelse: Text,
    #[serde(default)]
    /// Langsigtede mål, dette mål bidrager til: et id, eller `{ maal: id, antagelse: "…" }`.
    pub bidrager_til: Vec<Sp<Link>>,
    #[serde(default)]
    /// Nøgletal, der viser, om målet nås.
    pub indikatorer: Vec<Indicator>,
    #[serde(default)]
    /// Antagelser bag målet.
    pub antagelser: Vec<String>,
}

#[derive(
    Deserialize, schemars::JsonSchema, Debug, Clone, Copy, PartialEq, Eq, serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum OutcomeKind {
    Kortsigtet,
    Langsigtet,
}

/// Indicator (indikator): a key figure that shows whether an outcome is met.
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Id på nøgletallet.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub noegletal: Id,
    #[serde(default)]
    /// Hvilken vej tallet bør gå: `falde` eller `stige`.
    pub retning: Option<Direction>,
    #[serde(default)]
    /// Kort forklaring.
    pub beskrivelse: Text,
}

#[derive(
    Deserialize, schemars::JsonSchema, Debug, Clone, Copy, PartialEq, Eq, serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Falde,
    Stige,
}

/// `udviklingsplan.yaml` — the development plan (udviklingsplan/-strategi).
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    #[serde(default)]
    /// Planens titel, fx "Udviklingsstrategi 2023–2025".
    pub titel: Option<String>,
    #[serde(default)]
    /// Indledning (Markdown).
    pub indledning: Text,
    #[serde(default)]
    /// Planens fokusområder.
    pub fokusomraader: Vec<FocusArea>,
    #[serde(default)]
    /// Hvordan planen følges op (Markdown).
    pub opfoelgning: Text,
}

/// Focus area (fokusområde).
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct FocusArea {
    /// Fokusområdets id.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: Id,
    /// Fokusområdets navn.
    pub titel: String,
    /// Formålsbeskrivelse (Markdown).
    pub formaal: Sp<String>,
    #[serde(default)]
    /// Ønskede effekter for borgerne og for organisationen.
    pub oenskede_effekter: Option<WantedEffects>,
    #[serde(default)]
    /// De konkrete handlinger.
    pub handlinger: Vec<Action>,
}

#[derive(Deserialize, schemars::JsonSchema, Debug, Clone, Default)]
#[serde(deny_unknown_fields)]
pub struct WantedEffects {
    #[serde(default)]
    /// Ønskede effekter for børn, unge og familier.
    pub borgere: Vec<String>,
    #[serde(default)]
    /// Ønskede effekter for organisationen.
    pub organisation: Vec<String>,
}

/// Action (handling) in a focus area.
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// Handlingens id (unik i hele planen).
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: Id,
    /// Handlingens navn.
    pub titel: String,
    /// Hvem der har ansvaret, fx "Afdelingsleder, Myndighed".
    pub ansvarlig: String,
    /// Periode som år-måned, fx `{ fra: 2023-01, til: 2023-12 }` (eller kun år).
    pub periode: Sp<ActionPeriod>,
    /// `planlagt`, `i-gang`, `gennemfoert`, `udskudt` eller `aflyst`.
    pub status: Status,
    #[serde(default)]
    /// Budget i hele kroner pr. år, fx `{ 2023: 250000, 2024: 250000 }`.
    pub budget: Option<Sp<BTreeMap<Sp<u16>, Sp<Kroner>>>>,
    #[serde(default)]
    /// Id'er på de aktiviteter i forandringsteorien, handlingen gennemfører.
    #[schemars(inner(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$")))]
    pub aktiviteter: Vec<Id>,
    #[serde(default)]
    /// Id'er på de mål, handlingen arbejder for.
    #[schemars(inner(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$")))]
    pub maal: Vec<Id>,
    #[serde(default)]
    /// Uddybning (Markdown).
    pub beskrivelse: Text,
}

#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct ActionPeriod {
    /// Første måned, fx `2023-01`.
    pub fra: Sp<String>,
    /// Sidste måned, fx `2023-12`.
    pub til: Sp<String>,
}

/// Status of an action.
#[derive(
    schemars::JsonSchema,
    Deserialize,
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
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
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Services {
    #[serde(default)]
    /// Indledning (Markdown).
    pub indledning: Text,
    #[serde(default)]
    /// Trinene på indsatstrappen, mindst indgribende først. Udelad for de seks nationale trin.
    pub trin: Option<Vec<Step>>,
    #[serde(default)]
    /// Aldersgrupperne i matrixen. Udelad for 0–5, 6–11, 12–17 og 18–22 år.
    pub aldersgrupper: Option<Vec<AgeBand>>,
    #[serde(default)]
    /// Behov, tilbuddene dækker (bruges til at finde overlap).
    pub behov: Vec<Need>,
    #[serde(default)]
    /// Kommunens tilbud.
    pub tilbud: Vec<Service>,
}

/// Ladder step (trin på indsatstrappen).
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Trinnets id.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: Id,
    /// Trinnets navn.
    pub titel: String,
    #[serde(default)]
    /// Uddybning (Markdown).
    pub beskrivelse: Text,
}

/// Age band (aldersgruppe).
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct AgeBand {
    /// Aldersgruppens id, fx `0-5`.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: Id,
    /// Aldersgruppens navn, fx "0–5 år".
    pub titel: String,
    /// Laveste alder i år.
    pub fra: u8,
    /// Højeste alder i år.
    pub til: u8,
}

/// Need category (behov), used to find overlaps.
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Need {
    /// Behovets id.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: Id,
    /// Behovets navn.
    pub titel: String,
}

/// A service (tilbud).
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// Tilbuddets id.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: Id,
    /// Tilbuddets navn.
    pub titel: String,
    /// Id på trinnet på indsatstrappen.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub trin: Id,
    /// Aldersspænd i år, fx `{ fra: 0, til: 17 }`.
    pub alder: Sp<AgeRange>,
    /// Id'er på de behov, tilbuddet dækker (mindst ét).
    #[schemars(inner(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$")))]
    pub behov: Sp<Vec<Id>>,
    /// `egen` (kommunens eget) eller `ekstern`.
    pub udbyder: Provider,
    #[serde(default)]
    /// Udbyderens navn.
    pub udbyder_navn: Option<String>,
    #[serde(default)]
    /// Lovgrundlag, fx "barnets lov § 32, stk. 1, nr. 3" eller "serviceloven § 11, stk. 3".
    pub hjemmel: Option<Sp<String>>,
    #[serde(default)]
    /// Kapacitet som helt tal.
    pub kapacitet: Option<u32>,
    #[serde(default)]
    /// Enhed for kapaciteten, fx "familier" (standard "pladser").
    pub kapacitet_enhed: Option<String>,
    #[serde(default)]
    /// Pris i hele kroner.
    pub pris: Option<Kroner>,
    #[serde(default)]
    /// Hvad prisen gælder, fx "pr. uge".
    pub pris_enhed: Option<String>,
    #[serde(default)]
    /// Uddybning (Markdown).
    pub beskrivelse: Text,
}

#[derive(Deserialize, schemars::JsonSchema, Debug, Clone, Copy)]
#[serde(deny_unknown_fields)]
pub struct AgeRange {
    /// Laveste alder i år.
    pub fra: u8,
    /// Højeste alder i år.
    pub til: u8,
}

#[derive(
    Deserialize, schemars::JsonSchema, Debug, Clone, Copy, PartialEq, Eq, serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    Egen,
    Ekstern,
}

/// `noegletal.yaml` — key figures (nøgletal).
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct KeyFigures {
    #[serde(default)]
    /// Indledning (Markdown).
    pub indledning: Text,
    #[serde(default)]
    /// Nøgletallene.
    pub noegletal: Vec<KeyFigure>,
}

#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct KeyFigure {
    /// Nøgletallets id.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: Id,
    /// Nøgletallets navn.
    pub titel: String,
    /// `procent`, `antal`, `kr`, `promille` eller `dage`.
    pub enhed: Unit,
    /// Præcis definition (Markdown).
    pub definition: Sp<String>,
    /// Kilde, fx "Danmarks Statistik".
    pub kilde: String,
    #[serde(default)]
    /// Tabel-id i kilden, fx "ANKE1".
    pub tabel: Option<String>,
    /// `status` (pr. 31. december) eller `aar` (optalt over året).
    pub opgoerelse: Counting,
    #[serde(default)]
    /// `lavere-er-bedre` eller `hoejere-er-bedre`.
    pub retning: Option<Better>,
    #[serde(default)]
    /// Målsætning, fx `{ vaerdi: 15, aar: 2025 }`.
    pub maal: Option<Sp<Target>>,
    #[serde(default)]
    /// Antal decimaler i visningen (standard 1 for procent og promille, ellers 0).
    pub decimaler: Option<Bounded<0, 4>>,
    #[serde(default)]
    /// Sti til CSV-filen med tallene, fx `noegletal/anbringelser.csv`.
    pub csv: Option<Sp<String>>,
    #[serde(default)]
    /// Serierne: kolonner i CSV-filen, eller tal skrevet direkte med `vaerdier`.
    pub serier: Option<Sp<Vec<Series>>>,
}

#[derive(
    Deserialize, schemars::JsonSchema, Debug, Clone, Copy, PartialEq, Eq, serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    Procent,
    Antal,
    Kr,
    Promille,
    Dage,
}

/// Status as of 31 December, or counted over the year (opgørelse).
#[derive(
    Deserialize, schemars::JsonSchema, Debug, Clone, Copy, PartialEq, Eq, serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Counting {
    Status,
    Aar,
}

#[derive(
    Deserialize, schemars::JsonSchema, Debug, Clone, Copy, PartialEq, Eq, serde::Serialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Better {
    LavereErBedre,
    HoejereErBedre,
}

#[derive(Deserialize, schemars::JsonSchema, Debug, Clone, Copy)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// Målets værdi i nøgletallets enhed.
    pub vaerdi: f64,
    /// Året, målet skal være nået.
    pub aar: Year,
}

#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Series {
    #[serde(default)]
    /// Kolonnens navn i CSV-filen.
    pub kolonne: Option<Sp<String>>,
    #[serde(default)]
    /// Seriens navn i diagrammet.
    pub navn: Option<String>,
    /// `kommune`, `sammenligning` eller `landet`.
    pub rolle: Role,
    #[serde(default)]
    /// Tal pr. år, når der ikke er en CSV-fil, fx `{ 2022: 12, 2023: "12,5" }`.
    pub vaerdier: Option<Sp<BTreeMap<Sp<u16>, Sp<NumberText>>>>,
}

/// A number that may be written Danish-style as text (`"25,5"`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NumberText(pub f64);

impl schemars::JsonSchema for NumberText {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Tal".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Et tal; dansk skrivemåde i anførselstegn er tilladt, fx \"12,5\".",
            "oneOf": [
                { "type": "number" },
                { "type": "string", "pattern": "^-?[0-9]{1,3}([.]?[0-9]{3})*(,[0-9]+)?$" }
            ]
        })
    }
}

impl<'de> Deserialize<'de> for NumberText {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        f64::deserialize(d).map(NumberText)
    }
}

#[derive(
    Deserialize,
    schemars::JsonSchema,
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Kommune,
    Sammenligning,
    Landet,
}

/// `sagsanalyse.yaml` — the case review (sagsanalyse).
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct CaseReview {
    #[serde(default)]
    /// Titel, fx "Sagsanalyse 2024".
    pub titel: Option<String>,
    /// Hvor mange sager der er gennemgået.
    pub antal_sager: Sp<u32>,
    #[serde(default)]
    /// Hvem der har lavet analysen.
    pub udfoert_af: Option<String>,
    #[serde(default)]
    /// Metoden (Markdown).
    pub metode: Text,
    #[serde(default)]
    /// Vurderingsskalaen. Udelad for hoej, nogen, ringe og slet-ikke.
    pub skala: Option<Vec<ScaleLevel>>,
    #[serde(default)]
    /// Kriterierne, sagerne er vurderet efter.
    pub kriterier: Vec<Criterion>,
}

#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct ScaleLevel {
    /// Skalatrinnets id.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: Id,
    /// Skalatrinnets navn, fx "I høj grad".
    pub titel: String,
}

/// Criterion (kriterie) of the case review.
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// Kriteriets id.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: Id,
    /// Kriteriets navn.
    pub titel: String,
    #[serde(default)]
    /// Uddybning (Markdown).
    pub beskrivelse: Text,
    /// Antal sager pr. skalatrin; summen skal være `antal_sager`.
    pub resultat: Sp<BTreeMap<Sp<String>, u32>>,
    #[serde(default)]
    /// Anonymiserede eksempler eller citater.
    pub eksempler: Vec<String>,
    #[serde(default)]
    /// Id'er på mål i forandringsteorien, kriteriet hænger sammen med.
    #[schemars(inner(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$")))]
    pub maal: Vec<Id>,
}

/// Front matter of a free page (side) or of `forside.md`.
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone, Default)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    #[serde(default)]
    /// Sidens titel.
    pub titel: Option<String>,
    #[serde(default)]
    /// Én linje om siden.
    pub beskrivelse: Option<String>,
    #[serde(default)]
    /// Sidens plads i menuen (lavest først; standard 100).
    pub raekkefoelge: Option<i32>,
}
