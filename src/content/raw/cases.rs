//! `sagsanalyse.yaml`: the case review as written.

use super::SourceRef;
use super::{Id, Text};
use crate::yaml::de::Sp;
use serde::Deserialize;
use std::collections::BTreeMap;

/// `sagsanalyse.yaml` — the case review (sagsanalyse).
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct CaseReview {
    #[serde(default)]
    /// Titel, fx "Sagsanalyse 2024".
    pub titel: Option<String>,
    #[serde(default)]
    /// Hvor mange sager der er gennemgået. Udelad, hvis kilden ikke oplyser det.
    pub antal_sager: Option<Sp<u32>>,
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
    #[serde(default)]
    /// Kilden: en tekst, `{ tekst, link, side }` eller `{ kilde: id, side }` (se `kilder:` i omstil.yaml).
    pub kilde: Option<Sp<SourceRef>>,
    #[serde(default)]
    /// `true`, hvis indholdet er rekonstrueret eller udledt af konsulenten (står ikke i kilden).
    pub rekonstrueret: bool,
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

/// Criterion (kriterium) of the case review.
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
    #[serde(default)]
    /// Antal sager pr. skalatrin; summen skal være `antal_sager`. Udelad, hvis kilden ikke giver tal; skriv så fundene med ord under `fund`.
    pub resultat: Option<Sp<BTreeMap<Sp<String>, u32>>>,
    #[serde(default)]
    /// Fundene for kriteriet med ord (Markdown), fx det, kilden skriver om kriteriet.
    pub fund: Text,
    #[serde(default)]
    /// Anonymiserede eksempler eller citater; de vises på kriteriets side og i oversigten.
    pub eksempler: Vec<String>,
    #[serde(default)]
    /// Id'er på mål i forandringsteorien, kriteriet hænger sammen med.
    #[schemars(inner(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$")))]
    pub maal: Vec<Id>,
    #[serde(default)]
    /// Kilden: en tekst, `{ tekst, link, side }` eller `{ kilde: id, side }` (se `kilder:` i omstil.yaml).
    pub kilde: Option<Sp<SourceRef>>,
    #[serde(default)]
    /// `true`, hvis indholdet er rekonstrueret eller udledt af konsulenten (står ikke i kilden).
    pub rekonstrueret: bool,
}
