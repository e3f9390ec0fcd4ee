//! `udviklingsplan.yaml`: the development plan as written.

use super::SourceRef;
use super::{Id, Kroner, Span, Text};
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
    #[serde(default)]
    /// Budgetpuljer for hele planen, fx en uddannelsespulje, som flere handlinger betales af.
    pub puljer: Vec<Pool>,
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
    #[serde(default)]
    /// Formålsbeskrivelse (Markdown). Kan udelades; siden skriver da "Ikke oplyst".
    pub formaal: Text,
    #[serde(default)]
    /// Indledning til fokusområdet (Markdown), vist øverst på dets side.
    pub indledning: Text,
    #[serde(default)]
    /// Beskrivelse af fokusområdet (Markdown), fx baggrund og udfordringer.
    pub beskrivelse: Text,
    #[serde(default)]
    /// Ønskede effekter for borgerne og for organisationen.
    pub oenskede_effekter: Option<WantedEffects>,
    #[serde(default)]
    /// Budgetpuljer i fokusområdet, som handlinger kan betales af (`pulje:` på handlingen).
    pub puljer: Vec<Pool>,
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

/// Budget pool (budgetpulje): one amount that several actions draw on.
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Pool {
    /// Puljens id (unik i hele planen), som handlinger peger på med `pulje:`.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: Id,
    /// Puljens navn, fx "Uddannelsespulje".
    pub titel: String,
    #[serde(default)]
    /// Puljens budget i hele kroner pr. år, fx `{ 2023: 250000, 2024: 250000 }`.
    pub budget: Option<Sp<BTreeMap<Sp<u16>, Sp<Kroner>>>>,
    #[serde(default)]
    /// Puljens samlede beløb i hele kroner, når kilden ikke fordeler det på år, fx `750000`.
    pub beloeb: Option<Sp<Kroner>>,
    #[serde(default)]
    /// Puljens periode: et år (`2023`) eller `{ fra: 2023, til: 2025 }` (måned kan udelades).
    pub periode: Option<Sp<Span>>,
    #[serde(default)]
    /// Hvad puljen går til (Markdown).
    pub beskrivelse: Text,
}

#[derive(Deserialize, schemars::JsonSchema, Debug, Clone, Default)]
#[serde(deny_unknown_fields)]
pub struct WantedEffects {
    #[serde(default)]
    /// Ønskede effekter for børn, unge og familier: en tekst, eller `{ id, tekst }`, så handlinger kan pege på effekten.
    pub borgere: Vec<WantedEffect>,
    #[serde(default)]
    /// Ønskede effekter for organisationen: en tekst, eller `{ id, tekst }`.
    pub organisation: Vec<WantedEffect>,
}

/// One wanted effect (ønsket effekt): a plain text, or `{ id, tekst }` so
/// that an action can point at it. Told apart without serde's `untagged`
/// (which would lose positions).
#[derive(Debug, Clone)]
pub struct WantedEffect {
    pub id: Option<Id>,
    pub tekst: String,
}

impl<'de> Deserialize<'de> for WantedEffect {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{Error, MapAccess, Visitor};
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = WantedEffect;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("en tekst eller `{ id: …, tekst: \"…\" }`")
            }
            fn visit_str<E: Error>(self, v: &str) -> Result<WantedEffect, E> {
                Ok(WantedEffect {
                    id: None,
                    tekst: v.to_string(),
                })
            }
            fn visit_i64<E: Error>(self, v: i64) -> Result<WantedEffect, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_f64<E: Error>(self, v: f64) -> Result<WantedEffect, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<WantedEffect, A::Error> {
                let mut id: Option<Id> = None;
                let mut tekst: Option<String> = None;
                while let Some(k) = m.next_key::<String>()? {
                    match k.as_str() {
                        "id" => id = Some(m.next_value()?),
                        "tekst" => tekst = Some(m.next_value()?),
                        other => return Err(A::Error::unknown_field(other, &["id", "tekst"])),
                    }
                }
                let tekst = tekst.ok_or_else(|| A::Error::missing_field("tekst"))?;
                Ok(WantedEffect { id, tekst })
            }
        }
        d.deserialize_any(V)
    }
}

impl schemars::JsonSchema for WantedEffect {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "WantedEffect".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "En ønsket effekt: en tekst, eller `{ id, tekst }`, så en handling kan pege på den med `effekter:`.",
            "oneOf": [
                { "type": "string" },
                {
                    "type": "object",
                    "properties": {
                        "id": { "type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "description": "Effektens id (unik i fokusområdet)." },
                        "tekst": { "type": "string", "description": "Effekten i én sætning." }
                    },
                    "required": ["tekst"],
                    "additionalProperties": false
                }
            ]
        })
    }
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
    #[serde(default)]
    /// Hvem der har ansvaret, fx "Afdelingsleder, Myndighed". Kan udelades; siden skriver da "Ikke oplyst".
    pub ansvarlig: Option<String>,
    #[serde(default)]
    /// Periode: et år (`2023`), `{ fra: 2023-01, til: 2023-12 }` eller `{ fra: 2023, til: 2025 }`. Kan udelades.
    pub periode: Option<Sp<Span>>,
    #[serde(default)]
    /// `planlagt`, `i-gang`, `gennemfoert`, `udskudt` eller `aflyst`. Kan udelades; siden skriver da "Ikke oplyst".
    pub status: Option<Status>,
    #[serde(default)]
    /// Budget i hele kroner pr. år, fx `{ 2023: 250000, 2024: 250000 }`.
    pub budget: Option<Sp<BTreeMap<Sp<u16>, Sp<Kroner>>>>,
    #[serde(default)]
    /// Id på den budgetpulje (i planen eller handlingens fokusområde), handlingen betales af; handlingens budget er da en del af puljen og lægges ikke til igen.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub pulje: Option<Id>,
    #[serde(default)]
    /// Id'er på de ønskede effekter i handlingens eget fokusområde, som handlingen arbejder for.
    #[schemars(inner(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$")))]
    pub effekter: Vec<Id>,
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
