//! `opfoelgning/`: the follow-up rounds (one file per round,
//! `opfoelgning/2024-05.yaml`) and the follow-up process
//! (`opfoelgning/proces.yaml`), as written.

use super::{Id, Status, Text};
use crate::yaml::de::Sp;
use serde::Deserialize;

/// `opfoelgning/ÅÅÅÅ-MM.yaml` — one follow-up round (opfølgning).
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Round {
    /// Datoen for opfølgningen (mødet), fx `2024-05-14`.
    #[schemars(regex(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
    pub dato: Sp<String>,
    #[serde(default)]
    /// Forummet, fx "Temamøde i Børne- og Ungeudvalget".
    pub forum: Option<String>,
    #[serde(default)]
    /// Overskrift, hvis den ikke skal være "Status til … (måned år)".
    pub titel: Option<String>,
    #[serde(default)]
    /// Kort indledning (Markdown).
    pub indledning: Text,
    #[serde(default)]
    /// Temaer i fokus på mødet.
    pub temaer: Vec<String>,
    #[serde(default)]
    /// Status for handlingerne på datoen. En handling, der ikke nævnes, har samme status som sidst.
    pub handlinger: Vec<RoundAction>,
    #[serde(default)]
    /// Kvalitative fund, fx fra interview, workshops og møder (hvert fund er Markdown).
    pub fund: Vec<Sp<String>>,
    #[serde(default)]
    /// Korte, anonymiserede sager, der viser omstillingen i praksis.
    pub sager: Vec<RoundCase>,
    #[serde(default)]
    /// Beslutninger og næste skridt.
    pub beslutninger: Vec<String>,
}

/// The status of one action in a round.
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct RoundAction {
    /// Id på handlingen i udviklingsplanen.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub handling: Id,
    #[serde(default)]
    /// `planlagt`, `i-gang`, `gennemfoert`, `udskudt` eller `aflyst`.
    pub status: Option<Sp<Status>>,
    #[serde(default)]
    /// Kort kommentar: hvad er sket, hvad mangler.
    pub kommentar: Option<String>,
}

/// A short anonymised case (sag) told at a round.
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct RoundCase {
    /// Sagens overskrift, fx "Pige, 9 år: hjælp i skolen i stedet for anbringelse".
    pub titel: String,
    #[serde(default)]
    /// Sagen fortalt kort og anonymiseret (Markdown).
    pub tekst: Text,
    #[serde(default)]
    /// Id'er på de fokusområder i udviklingsplanen, sagen belyser.
    #[schemars(inner(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$")))]
    pub fokusomraader: Vec<Id>,
    #[serde(default)]
    /// Id'er på de mål i forandringsteorien, sagen belyser.
    #[schemars(inner(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$")))]
    pub maal: Vec<Id>,
}

/// `opfoelgning/proces.yaml` — how the plan is followed up.
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Process {
    #[serde(default)]
    /// Hvor ofte, fx "To gange om året".
    pub hyppighed: Option<String>,
    #[serde(default)]
    /// Forummet, fx "Temamøde i Børne- og Ungeudvalget".
    pub forum: Option<String>,
    #[serde(default)]
    /// Datakilderne.
    pub datakilder: Option<DataSources>,
    #[serde(default)]
    /// Rapporten, der lægges frem, fx "Ledelsesinformation om omstillingen".
    pub rapport: Option<String>,
    #[serde(default)]
    /// Uddybning (Markdown).
    pub beskrivelse: Text,
}

/// The data sources of the follow-up, by kind.
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone, Default)]
#[serde(deny_unknown_fields)]
pub struct DataSources {
    #[serde(default)]
    /// Kvantitative data, fx "Nøgletal fra fagsystemet".
    pub kvantitative: Vec<String>,
    #[serde(default)]
    /// Kvalitative data, fx "Interview med familier".
    pub kvalitative: Vec<String>,
    #[serde(default)]
    /// Sager, fx "To konkrete sager pr. møde".
    pub sager: Vec<String>,
}
