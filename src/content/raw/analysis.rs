//! `modenhedsanalyse.yaml`: the maturity analysis as written.

use super::SourceRef;
use super::{Bounded, Id, Text};
use crate::yaml::de::Sp;
use serde::Deserialize;

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
    /// Hvem der scorede, og hvad skalaen betyder, som kilden skriver det, fx "Elleve ledere scorede udsagnene fra 1 (slet ikke) til 5 (i meget høj grad)." Vises ved selvevalueringen. Udelad, hvis kilden ikke oplyser det; så står der kun skalaen.
    pub skala_forklaring: Option<String>,
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
    #[serde(default)]
    /// Temaets sammenfatning og konklusion (Markdown). Kan udelades; siden skriver da "Ikke oplyst".
    pub sammenfatning: Text,
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
    #[serde(default)]
    /// Kilden: en tekst, `{ tekst, link, side }` eller `{ kilde: id, side }` (se `kilder:` i omstil.yaml).
    pub kilde: Option<Sp<SourceRef>>,
    #[serde(default)]
    /// `true`, hvis indholdet er rekonstrueret eller udledt af konsulenten (står ikke i kilden).
    pub rekonstrueret: bool,
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
    #[serde(default)]
    /// De temaer, hypotesen bygger på. Kan udelades, når kilden ikke siger det; siden skriver da "Ikke oplyst".
    #[schemars(inner(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$")))]
    pub temaer: Vec<Id>,
    #[serde(default)]
    /// Uddybning (Markdown).
    pub beskrivelse: Text,
    #[serde(default)]
    /// Kilden: en tekst, `{ tekst, link, side }` eller `{ kilde: id, side }` (se `kilder:` i omstil.yaml).
    pub kilde: Option<Sp<SourceRef>>,
    #[serde(default)]
    /// `true`, hvis indholdet er rekonstrueret eller udledt af konsulenten (står ikke i kilden).
    pub rekonstrueret: bool,
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
    #[serde(default)]
    /// Kilden: en tekst, `{ tekst, link, side }` eller `{ kilde: id, side }` (se `kilder:` i omstil.yaml).
    pub kilde: Option<Sp<SourceRef>>,
    #[serde(default)]
    /// `true`, hvis indholdet er rekonstrueret eller udledt af konsulenten (står ikke i kilden).
    pub rekonstrueret: bool,
}
