//! `tilbudsvifte.yaml`: the range of services as written.

use super::SourceRef;
use super::{Id, Kroner, Text};
use crate::yaml::de::Sp;
use serde::Deserialize;

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
    #[serde(default)]
    /// Trin og aldre, kommunen med vilje ikke har et tilbud til, hver med sin begrundelse. De vises som bevidste fravalg, ikke som huller.
    pub bevidste_fravalg: Vec<OptOut>,
}

/// A step and ages left without a service on purpose (bevidst fravalg).
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct OptOut {
    /// Id på trinnet på indsatstrappen.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub trin: Id,
    /// Aldersspændet i år, fx `{ fra: 0, til: 5 }`. Udelad for alle aldersgrupper.
    #[serde(default)]
    pub alder: Option<Sp<AgeRange>>,
    #[serde(default)]
    /// Hvorfor kommunen ikke har et tilbud her, fx "Små børn anbringes i familiepleje."
    pub begrundelse: Option<String>,
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
    #[serde(default)]
    /// Kilden: en tekst, `{ tekst, link, side }` eller `{ kilde: id, side }` (se `kilder:` i omstil.yaml).
    pub kilde: Option<Sp<SourceRef>>,
    #[serde(default)]
    /// `true`, hvis indholdet er rekonstrueret eller udledt af konsulenten (står ikke i kilden).
    pub rekonstrueret: bool,
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
