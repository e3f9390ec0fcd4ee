//! `forandringsteori.yaml`: the theory of change as written.

use super::SourceRef;
use super::{Id, Span, Text};
use crate::yaml::de::Sp;
use serde::Deserialize;

/// `forandringsteori.yaml` — the theory of change.
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct TheoryOfChange {
    #[serde(default)]
    /// Det overordnede formål (Markdown). Kan udelades.
    pub formaal: Text,
    #[serde(default)]
    /// Tidshorisonten for målene, fx `{ kortsigtet: { fra: 2016-07, til: 2019-06 } }`.
    pub horisont: Option<Horizons>,
    #[serde(default)]
    /// De strategiske indsatser.
    pub indsatser: Vec<Intervention>,
    #[serde(default)]
    /// Aktiviteterne under indsatserne.
    pub aktiviteter: Vec<Activity>,
    #[serde(default)]
    /// Kortsigtede og langsigtede mål.
    pub maal: Vec<Outcome>,
}

/// Strategic intervention (indsats).
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Intervention {
    /// Indsatsens id.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: Id,
    /// Indsatsens navn, fx "Opsporing og forebyggelse".
    pub titel: String,
    #[serde(default)]
    /// Uddybning (Markdown).
    pub beskrivelse: Text,
    #[serde(default)]
    /// Id'er på de hypoteser, indsatsen tager op.
    #[schemars(inner(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$")))]
    pub hypoteser: Vec<Id>,
    #[serde(default)]
    /// Kilden: en tekst, `{ tekst, link, side }` eller `{ kilde: id, side }` (se `kilder:` i omstil.yaml).
    pub kilde: Option<Sp<SourceRef>>,
    #[serde(default)]
    /// `true`, hvis indholdet er rekonstrueret eller udledt af konsulenten (står ikke i kilden).
    pub rekonstrueret: bool,
}

/// The three areas an activity belongs to (område).
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
#[serde(rename_all = "lowercase")]
pub enum Area {
    Myndighed,
    Tilbudsvifte,
    Almenomraade,
}

/// The time horizons of the outcomes (horisont).
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Horizons {
    #[serde(default)]
    /// Perioden for de kortsigtede mål, fx `{ fra: 2016-07, til: 2019-06 }` (eller kun år).
    pub kortsigtet: Option<Sp<Span>>,
    #[serde(default)]
    /// Perioden for de langsigtede mål (effektmål), fx `{ fra: 2016, til: 2025 }`.
    pub langsigtet: Option<Sp<Span>>,
}

/// One area or a list of areas (område), as written.
#[derive(Debug, Clone)]
pub struct Areas(pub Vec<Area>);

impl<'de> Deserialize<'de> for Areas {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{Error, SeqAccess, Visitor};
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Areas;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("et område eller en liste af områder")
            }
            fn visit_str<E: Error>(self, v: &str) -> Result<Areas, E> {
                let one = Area::deserialize(serde::de::value::StrDeserializer::<E>::new(v))?;
                Ok(Areas(vec![one]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<Areas, A::Error> {
                let mut v = Vec::new();
                while let Some(a) = s.next_element::<Area>()? {
                    v.push(a);
                }
                Ok(Areas(v))
            }
        }
        d.deserialize_any(V)
    }
}

impl schemars::JsonSchema for Areas {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Omraader".into()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let one = g.subschema_for::<Area>();
        schemars::json_schema!({
            "oneOf": [ one, { "type": "array", "items": one, "minItems": 1 } ]
        })
    }
}

/// Activity (aktivitet).
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    /// Aktivitetens id.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: Id,
    /// Aktivitetens navn.
    pub titel: String,
    /// Området: `myndighed`, `tilbudsvifte` eller `almenomraade` — eller en liste, fx `[myndighed, tilbudsvifte]`, når aktiviteten går på tværs.
    pub omraade: Sp<Areas>,
    /// Id'er på de indsatser, aktiviteten hører under (mindst én).
    #[schemars(inner(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$")))]
    pub indsatser: Sp<Vec<Id>>,
    #[serde(default)]
    /// Uddybning (Markdown).
    pub beskrivelse: Text,
    #[serde(default)]
    /// De kortsigtede mål, aktiviteten bidrager til: et id, eller `{ maal: id, antagelse: "…" }`.
    pub maal: Vec<Sp<Link>>,
    #[serde(default)]
    /// Kilden: en tekst, `{ tekst, link, side }` eller `{ kilde: id, side }` (se `kilder:` i omstil.yaml).
    pub kilde: Option<Sp<SourceRef>>,
    #[serde(default)]
    /// `true`, hvis indholdet er rekonstrueret eller udledt af konsulenten (står ikke i kilden).
    pub rekonstrueret: bool,
}

/// A link to an outcome, optionally with an assumption (antagelse) on it.
/// Written either as a bare id or as `{ maal: id, antagelse: "…" }`.
#[derive(Debug, Clone)]
pub struct Link {
    pub target: Id,
    pub antagelse: Option<String>,
}

impl<'de> Deserialize<'de> for Link {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // The bare form gets its position from the surrounding `Sp<Link>`
        // (see `Link::target_pos`); the map form's `maal` is spanned itself.
        let node = LinkRepr::deserialize(d)?;
        Ok(match node {
            LinkRepr::Bare(id) => Link {
                target: id,
                antagelse: None,
            },
            LinkRepr::Full { maal, antagelse } => Link {
                target: maal,
                antagelse,
            },
        })
    }
}

impl schemars::JsonSchema for Link {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Link".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Et mål-id, eller `{ maal: id, antagelse: \"…\" }` med en antagelse på forbindelsen.",
            "oneOf": [
                { "type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$" },
                {
                    "type": "object",
                    "properties": {
                        "maal": { "type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "description": "Id på målet." },
                        "antagelse": { "type": "string", "description": "Antagelsen bag forbindelsen." }
                    },
                    "required": ["maal"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

impl Link {
    /// Where the target id was written: its own position in the map form,
    /// else the position of the whole entry.
    pub fn target_pos(&self, outer: crate::diag::Pos) -> crate::diag::Pos {
        if self.target.pos == crate::diag::Pos::FILE {
            outer
        } else {
            self.target.pos
        }
    }
}

/// The two spellings of a [`Link`], told apart without serde's `untagged`
/// (which would lose positions).
enum LinkRepr {
    Bare(Id),
    Full { maal: Id, antagelse: Option<String> },
}

impl<'de> Deserialize<'de> for LinkRepr {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{Error, MapAccess, Visitor};
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = LinkRepr;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("et id eller `{ maal: id, antagelse: \"…\" }`")
            }
            fn visit_str<E: Error>(self, v: &str) -> Result<LinkRepr, E> {
                Ok(LinkRepr::Bare(Sp::new(
                    v.to_string(),
                    crate::diag::Pos::FILE,
                )))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<LinkRepr, A::Error> {
                let mut maal: Option<Id> = None;
                let mut antagelse = None;
                while let Some(k) = m.next_key::<String>()? {
                    match k.as_str() {
                        "maal" => maal = Some(m.next_value()?),
                        "antagelse" => antagelse = Some(m.next_value()?),
                        other => {
                            return Err(A::Error::unknown_field(other, &["maal", "antagelse"]));
                        }
                    }
                }
                let maal = maal.ok_or_else(|| A::Error::missing_field("maal"))?;
                Ok(LinkRepr::Full { maal, antagelse })
            }
        }
        d.deserialize_any(V)
    }
}

/// Outcome (mål): short-term (kortsigtet) or long-term (langsigtet, effektmål).
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// Målets id.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: Id,
    /// Målet i én sætning.
    pub titel: String,
    #[serde(rename = "type")]
    /// `kortsigtet` (nås i projektperioden) eller `langsigtet` (effektmål).
    pub kind: OutcomeKind,
    #[serde(default)]
    /// Uddybning (Markdown).
    pub beskrivelse: Text,
    #[serde(default)]
    /// Langsigtede mål, dette mål bidrager til: et id, eller `{ maal: id, antagelse: "…" }`.
    pub bidrager_til: Vec<Sp<Link>>,
    #[serde(default)]
    /// Nøgletal, der viser, om målet nås.
    pub indikatorer: Vec<Indicator>,
    #[serde(default)]
    /// Antagelser bag målet.
    pub antagelser: Vec<String>,
    #[serde(default)]
    /// Kilden: en tekst, `{ tekst, link, side }` eller `{ kilde: id, side }` (se `kilder:` i omstil.yaml).
    pub kilde: Option<Sp<SourceRef>>,
    #[serde(default)]
    /// `true`, hvis indholdet er rekonstrueret eller udledt af konsulenten (står ikke i kilden).
    pub rekonstrueret: bool,
}

#[derive(
    Deserialize, schemars::JsonSchema, Debug, Clone, Copy, PartialEq, Eq, serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum OutcomeKind {
    Kortsigtet,
    Langsigtet,
}

/// Indicator (indikator): a key figure that shows whether an outcome is met.
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Id på nøgletallet.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub noegletal: Id,
    #[serde(default)]
    /// Hvilken vej tallet bør gå: `falde` eller `stige`.
    pub retning: Option<Direction>,
    #[serde(default)]
    /// Kort forklaring.
    pub beskrivelse: Text,
}

#[derive(
    Deserialize, schemars::JsonSchema, Debug, Clone, Copy, PartialEq, Eq, serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Falde,
    Stige,
}
