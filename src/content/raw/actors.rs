//! `aktoerer.yaml`: the actors around the child and family, as written.

use super::SourceRef;
use super::{Id, Text};
use crate::yaml::de::Sp;
use serde::Deserialize;

/// `aktoerer.yaml` — the actors (aktører / nøglepersoner).
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Actors {
    #[serde(default)]
    /// Teksten i midten af diagrammet. Udelad for "Barnet og familien".
    pub centrum: Option<String>,
    #[serde(default)]
    /// Indledning (Markdown).
    pub indledning: Text,
    #[serde(default)]
    /// Aktørerne omkring barnet og familien.
    pub aktoerer: Vec<Actor>,
}

/// Actor (aktør).
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    /// Aktørens id.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: Id,
    /// Aktørens navn, fx "Sundhedsplejen".
    pub navn: String,
    /// `primaer` (inderste ring) eller `sekundaer` (yderste ring).
    pub kreds: Circle,
    #[serde(default)]
    /// Gruppe, aktøren hører til, fx "Almenområdet"; aktører i samme gruppe står samlet.
    pub gruppe: Option<String>,
    #[serde(default)]
    /// Hvad aktøren gør for barnet og familien (Markdown).
    pub beskrivelse: Text,
    #[serde(default)]
    /// Id'er på de handlinger i udviklingsplanen, aktøren er en del af.
    #[schemars(inner(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$")))]
    pub handlinger: Vec<Id>,
    #[serde(default)]
    /// Id'er på de aktiviteter i forandringsteorien, aktøren er en del af.
    #[schemars(inner(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$")))]
    pub aktiviteter: Vec<Id>,
    #[serde(default)]
    /// Kilden: en tekst, `{ tekst, link, side }` eller `{ kilde: id, side }` (se `kilder:` i omstil.yaml).
    pub kilde: Option<Sp<SourceRef>>,
    #[serde(default)]
    /// `true`, hvis indholdet er rekonstrueret eller udledt af konsulenten (står ikke i kilden).
    pub rekonstrueret: bool,
}

/// Which ring an actor stands in.
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Circle {
    Primaer,
    Sekundaer,
}

impl Circle {
    pub fn key(self) -> &'static str {
        match self {
            Circle::Primaer => "primaer",
            Circle::Sekundaer => "sekundaer",
        }
    }
}
