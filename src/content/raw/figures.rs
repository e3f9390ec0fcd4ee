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
    #[serde(default)]
    /// Præcis definition (Markdown). Udelad, hvis kilden ikke oplyser den; siden skriver da "Ikke oplyst".
    pub definition: Option<Sp<String>>,
    #[serde(default)]
    /// Tabel-id i kilden, fx "ANKE1".
    pub tabel: Option<String>,
    #[serde(default)]
    /// `status` (pr. 31. december) eller `aar` (opgjort over året). Udelad, hvis kilden ikke oplyser det.
    pub opgoerelse: Option<Counting>,
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
    /// Tal pr. år, når der ikke er en CSV-fil, fx `{ 2022: 12, 2023: "12,5", 2024: .. }`. Et år uden tal (`2024:`, `2024: null` eller `2024: ..`) vises som "ikke oplyst" og giver et hul i linjen.
    pub vaerdier: Option<Sp<BTreeMap<Sp<u16>, Sp<YearValue>>>>,
}

/// One year's value: a number, or explicitly not stated (`..`, empty,
/// `null`, `-`), which is kept as a gap.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct YearValue(pub Option<f64>);

/// The spellings of "no value" in a CSV cell or a YAML year value, as
/// Statistikbanken and spreadsheets write them.
pub fn is_missing_value(s: &str) -> bool {
    matches!(s.trim(), "" | ".." | "." | "-" | "…")
}

impl schemars::JsonSchema for YearValue {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "TalEllerIkkeOplyst".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Et tal; dansk skrivemåde i anførselstegn er tilladt, fx \"12,5\". Tomt, `null` eller `..` betyder, at tallet ikke er oplyst.",
            "oneOf": [
                { "type": "number" },
                { "type": "null" },
                { "type": "string", "pattern": "^(-?[0-9]{1,3}([.]?[0-9]{3})*(,[0-9]+)?|[.][.]?|-|…|)$" }
            ]
        })
    }
}

impl<'de> Deserialize<'de> for YearValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_option(YearValueOpt)
    }
}

struct YearValueOpt;
impl<'de> serde::de::Visitor<'de> for YearValueOpt {
    type Value = YearValue;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("et tal")
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<YearValue, E> {
        Ok(YearValue(None))
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<YearValue, E> {
        Ok(YearValue(None))
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<YearValue, D::Error> {
        d.deserialize_str(YearValueText)
    }
}

/// The value as written, so that `..` and Danish numbers are both read.
struct YearValueText;
impl<'de> serde::de::Visitor<'de> for YearValueText {
    type Value = YearValue;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("et tal")
    }
    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<YearValue, E> {
        if is_missing_value(s) {
            return Ok(YearValue(None));
        }
        match crate::format::parse_danish_number(s).or_else(|| crate::yaml::de::parse_yaml_float(s))
        {
            Some(n) if n.is_finite() => Ok(YearValue(Some(n))),
            // The same words as for any other number.
            Some(n) => Err(E::custom(format!(
                "{{felt}} skal være et almindeligt tal, men `{}` er {}. || Skriv et tal som `12` eller `\"12,5\"`.",
                s.trim(),
                if n.is_nan() {
                    "ikke et tal"
                } else {
                    "uendelig stort"
                }
            ))),
            None => Err(E::custom(format!(
                "{{felt}} skal være et tal, men er teksten \"{}\". || Skriv et tal som `12` eller `\"12,5\"`, eller `..`, hvis tallet ikke er oplyst.",
                s.trim()
            ))),
        }
    }
    fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<YearValue, E> {
        Ok(YearValue(Some(n)))
    }
    fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<YearValue, E> {
        Ok(YearValue(Some(n as f64)))
    }
    fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<YearValue, E> {
        Ok(YearValue(Some(n as f64)))
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
