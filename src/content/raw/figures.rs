//! `noegletal.yaml`: the key figures as written.

use super::SourceRef;
use super::{Bounded, Id, Text, Year};
use crate::yaml::de::Sp;
use serde::Deserialize;
use std::collections::BTreeMap;

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
    #[serde(default)]
    /// Kilden til tallene, fx "Danmarks Statistik", eller `{ tekst, link, side }` eller `{ kilde: id, side }`.
    pub kilde: Option<Sp<SourceRef>>,
    #[serde(default)]
    /// `true`, hvis indholdet er rekonstrueret eller udledt af konsulenten (står ikke i kilden).
    pub rekonstrueret: bool,
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
