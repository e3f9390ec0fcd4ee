//! `udviklingsplan.yaml`: the development plan as written.

use super::SourceRef;
use super::{Id, Kroner, Text};
use crate::yaml::de::Sp;
use serde::Deserialize;
use std::collections::BTreeMap;

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
    #[serde(default)]
    /// Kilden: en tekst, `{ tekst, link, side }` eller `{ kilde: id, side }` (se `kilder:` i omstil.yaml).
    pub kilde: Option<Sp<SourceRef>>,
    #[serde(default)]
    /// `true`, hvis indholdet er rekonstrueret eller udledt af konsulenten (står ikke i kilden).
    pub rekonstrueret: bool,
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
    #[serde(default)]
    /// Kilden: en tekst, `{ tekst, link, side }` eller `{ kilde: id, side }` (se `kilder:` i omstil.yaml).
    pub kilde: Option<Sp<SourceRef>>,
    #[serde(default)]
    /// `true`, hvis indholdet er rekonstrueret eller udledt af konsulenten (står ikke i kilden).
    pub rekonstrueret: bool,
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
