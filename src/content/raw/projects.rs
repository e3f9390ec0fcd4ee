//! `projekter.yaml`: projects (often externally funded), as written.

use super::SourceRef;
use super::{Id, Kroner, Span, Status, Text};
use crate::yaml::de::Sp;
use serde::Deserialize;

/// `projekter.yaml` — the projects (projekter).
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Projects {
    #[serde(default)]
    /// Indledning (Markdown).
    pub indledning: Text,
    #[serde(default)]
    /// Projekterne.
    pub projekter: Vec<Project>,
}

/// Project (projekt).
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// Projektets id.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: Id,
    /// Projektets navn.
    pub titel: String,
    #[serde(default)]
    /// Samarbejdspartner eller bevillingsgiver, fx "Socialstyrelsen".
    pub partner: Option<String>,
    #[serde(default)]
    /// Hvordan projektet er finansieret, fx "Satspuljen".
    pub finansiering: Option<String>,
    #[serde(default)]
    /// Periode: et år (`2023`) eller `{ fra: 2023-01, til: 2024-12 }` (måned kan udelades).
    pub periode: Option<Sp<Span>>,
    #[serde(default)]
    /// `planlagt`, `i-gang`, `gennemfoert`, `udskudt` eller `aflyst`.
    pub status: Option<Status>,
    #[serde(default)]
    /// Projektets samlede budget i hele kroner, fx `1200000`.
    pub budget: Option<Sp<Kroner>>,
    #[serde(default)]
    /// Id'er på de fokusområder i udviklingsplanen, projektet hører til.
    #[schemars(inner(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$")))]
    pub fokusomraader: Vec<Id>,
    #[serde(default)]
    /// Id'er på de handlinger i udviklingsplanen, projektet bærer.
    #[schemars(inner(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$")))]
    pub handlinger: Vec<Id>,
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
