//! Raw serde types: each content file exactly as the consultant wrote it.
//! Every struct denies unknown keys; ids and references keep their position
//! ([`Sp`]) so that the resolver can point at them. Keys are Danish, in
//! ASCII (æ→ae, ø→oe, å→aa), as ARCHITECTURE.md sets out.
//!
//! One file per content file; the shared value types ([`Bounded`],
//! [`Kroner`], [`Year`]) live here.

use crate::yaml::de::Sp;
use serde::Deserialize;

mod actors;
mod analysis;
mod cases;
mod figures;
mod followup;
mod pages;
mod plan;
mod projects;
mod services;
mod settings;
mod toc;

pub use actors::*;
pub use analysis::*;
pub use cases::*;
pub use figures::*;
pub use followup::*;
pub use pages::*;
pub use plan::*;
pub use projects::*;
pub use services::*;
pub use settings::*;
pub use toc::*;

pub type Id = Sp<String>;
pub type Text = Option<Sp<String>>;

/// A whole number that must lie in `MIN..=MAX`, checked while reading so
/// that the message names the range ("skal være et helt tal fra 0 til 4").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounded<const MIN: i64, const MAX: i64>(pub i64);

impl<'de, const MIN: i64, const MAX: i64> Deserialize<'de> for Bounded<MIN, MAX> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = i128::deserialize(d)?;
        if (MIN as i128..=MAX as i128).contains(&n) {
            Ok(Bounded(n as i64))
        } else {
            Err(serde::de::Error::custom(crate::yaml::de::range_message(
                &n.to_string(),
                MIN as i128,
                MAX as i128,
            )))
        }
    }
}

impl<const MIN: i64, const MAX: i64> schemars::JsonSchema for Bounded<MIN, MAX> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("HeltTal{MIN}til{MAX}").into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "integer", "minimum": MIN, "maximum": MAX })
    }
}

/// An amount in whole kroner (beløb), exact: `250000`, `"750.000"` or
/// `"750.000 kr."`. A fraction of a krone or a negative amount is an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kroner(pub u64);

impl<'de> Deserialize<'de> for Kroner {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Kroner;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("et beløb i hele kroner")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Kroner, E> {
                crate::format::parse_kroner(v)
                    .map(Kroner)
                    .map_err(E::custom)
            }
        }
        // The text as written, so that no digit is lost on the way.
        d.deserialize_str(V)
    }
}

impl schemars::JsonSchema for Kroner {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Kroner".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Et beløb i hele kroner; dansk skrivemåde i anførselstegn er tilladt, fx \"750.000\".",
            "oneOf": [
                { "type": "integer", "minimum": 0 },
                { "type": "string", "pattern": "^[0-9]{1,3}([.]?[0-9]{3})*( ?kr[.]?)?$" }
            ]
        })
    }
}

/// A year in a report (1990–2100).
pub type Year = Bounded<1990, 2100>;

/// Where an entity's content comes from (kilde). Written as a text
/// (`"Strategi 2023–2025, s. 6"`), as `{ tekst, link, side }`, or as
/// `{ kilde: id, side }` naming a source listed under `kilder:` in
/// omstil.yaml.
#[derive(Debug, Clone, Default)]
pub struct SourceRef {
    pub tekst: Option<String>,
    pub kilde: Option<Id>,
    pub link: Option<Sp<String>>,
    pub side: Option<String>,
}

impl<'de> Deserialize<'de> for SourceRef {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{Error, MapAccess, Visitor};
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = SourceRef;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("en tekst eller `{ tekst: \"…\", link: \"https://…\", side: 6 }`")
            }
            fn visit_str<E: Error>(self, v: &str) -> Result<SourceRef, E> {
                Ok(SourceRef {
                    tekst: Some(v.to_string()),
                    ..Default::default()
                })
            }
            fn visit_i64<E: Error>(self, v: i64) -> Result<SourceRef, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_f64<E: Error>(self, v: f64) -> Result<SourceRef, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<SourceRef, A::Error> {
                const KEYS: &[&str] = &["tekst", "kilde", "link", "side"];
                let mut out = SourceRef::default();
                while let Some(k) = m.next_key::<String>()? {
                    match k.as_str() {
                        "tekst" => out.tekst = Some(m.next_value()?),
                        "kilde" => out.kilde = Some(m.next_value()?),
                        "link" => out.link = Some(m.next_value()?),
                        "side" => out.side = Some(m.next_value()?),
                        other => return Err(A::Error::unknown_field(other, KEYS)),
                    }
                }
                match (&out.tekst, &out.kilde) {
                    (None, None) => Err(A::Error::missing_field("tekst")),
                    (Some(_), Some(_)) => Err(A::Error::custom(
                        "skriv enten `tekst` eller `kilde` (id på en kilde under `kilder:` i omstil.yaml), ikke begge",
                    )),
                    (None, Some(_)) if out.link.is_some() => Err(A::Error::custom(
                        "en kilde fra `kilder:` har sit link dér; fjern `link` her",
                    )),
                    _ => Ok(out),
                }
            }
        }
        d.deserialize_any(V)
    }
}

impl schemars::JsonSchema for SourceRef {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Kilde".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Hvor oplysningen kommer fra: en tekst, fx \"Strategi 2023–2025, s. 6\", eller `{ tekst, link, side }`, eller `{ kilde: id, side }` med id på en kilde under `kilder:` i omstil.yaml.",
            "oneOf": [
                { "type": "string" },
                {
                    "type": "object",
                    "properties": {
                        "tekst": { "type": "string", "description": "Kildens navn, fx \"Udviklingsstrategi 2023–2025\"." },
                        "link": { "type": "string", "pattern": "^https?://", "description": "Adressen (https://…) på kilden." },
                        "side": { "type": ["string", "integer"], "description": "Sidetallet i kilden, fx 6 eller \"6–7\"." }
                    },
                    "required": ["tekst"],
                    "additionalProperties": false
                },
                {
                    "type": "object",
                    "properties": {
                        "kilde": { "type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "description": "Id på en kilde under `kilder:` i omstil.yaml." },
                        "side": { "type": ["string", "integer"], "description": "Sidetallet i kilden, fx 6 eller \"6–7\"." }
                    },
                    "required": ["kilde"],
                    "additionalProperties": false
                }
            ]
        })
    }
}
