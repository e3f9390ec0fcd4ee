//! `projekter.yaml`: projects (often externally funded), as written.

use super::{Id, Kroner, Status, Text};
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
    pub periode: Option<Sp<ProjectPeriod>>,
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
}

/// A project's period: one year, or from–to (year or year-month each).
#[derive(Debug, Clone)]
pub enum ProjectPeriod {
    Year(String),
    Range { fra: Sp<String>, til: Sp<String> },
}

impl<'de> Deserialize<'de> for ProjectPeriod {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{Error, MapAccess, Visitor};
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ProjectPeriod;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("et år eller `{ fra: 2023-01, til: 2024-12 }`")
            }
            fn visit_str<E: Error>(self, v: &str) -> Result<ProjectPeriod, E> {
                Ok(ProjectPeriod::Year(v.to_string()))
            }
            fn visit_i64<E: Error>(self, v: i64) -> Result<ProjectPeriod, E> {
                Ok(ProjectPeriod::Year(v.to_string()))
            }
            fn visit_u64<E: Error>(self, v: u64) -> Result<ProjectPeriod, E> {
                Ok(ProjectPeriod::Year(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<ProjectPeriod, A::Error> {
                let (mut fra, mut til) = (None, None);
                while let Some(k) = m.next_key::<String>()? {
                    match k.as_str() {
                        "fra" => fra = Some(m.next_value()?),
                        "til" => til = Some(m.next_value()?),
                        other => return Err(A::Error::unknown_field(other, &["fra", "til"])),
                    }
                }
                Ok(ProjectPeriod::Range {
                    fra: fra.ok_or_else(|| A::Error::missing_field("fra"))?,
                    til: til.ok_or_else(|| A::Error::missing_field("til"))?,
                })
            }
        }
        d.deserialize_any(V)
    }
}

impl schemars::JsonSchema for ProjectPeriod {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Projektperiode".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Et år, fx `2023`, eller `{ fra: 2023-01, til: 2024-12 }` (måned kan udelades).",
            "oneOf": [
                { "type": ["integer", "string"] },
                {
                    "type": "object",
                    "properties": {
                        "fra": { "type": ["integer", "string"] },
                        "til": { "type": ["integer", "string"] }
                    },
                    "required": ["fra", "til"],
                    "additionalProperties": false
                }
            ]
        })
    }
}
