//! `omstil.yaml`: the site settings as written.

use super::Text;
use crate::yaml::de::Sp;
use serde::Deserialize;

/// `omstil.yaml` — site settings (indstillinger).
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Kommunens navn, fx "Egeskov Kommune".
    pub kommune: Sp<String>,
    /// Rapportens titel.
    pub titel: String,
    #[serde(default)]
    /// Undertitel under titlen på forsiden.
    pub undertitel: Text,
    #[serde(default)]
    /// Sproget i websitets faste tekster: `da` (standard) eller `en`.
    pub sprog: Option<Sp<Language>>,
    /// Perioden, rapporten dækker: et år, `{ fra: 2023, til: 2025 }` eller med måneder `{ fra: 2023-01, til: 2025-12 }`.
    pub periode: Sp<Span>,
    #[serde(default)]
    /// Hvem overblikket over forandringsteorien er til, fx "styregruppen" eller "byrådet". Udelad for blot "Overblik".
    pub maalgruppe: Option<Sp<String>>,
    #[serde(default)]
    /// Datoen for seneste status, skrevet som år-måned-dag, fx `2025-03-31`.
    pub statusdato: Option<Sp<String>>,
    #[serde(default)]
    /// Sti til logoet inde i rapporten, fx `billeder/logo.svg`.
    pub logo: Option<Sp<String>>,
    #[serde(default)]
    /// Kommunens farver som hex-koder.
    pub farver: Option<Colours>,
    #[serde(default)]
    /// Adressen (https://…) på kommunens tilgængelighedserklæring; vises som link i sidefoden.
    pub tilgaengelighedserklaering: Option<Sp<String>>,
    #[serde(default)]
    /// Navnet på et eget tema i mappen `themes/`. Udelad for standardtemaet.
    pub tema: Option<Sp<String>>,
    #[serde(default)]
    /// Egne navne for rapportens dele og tidshorisonter, fx `{ udviklingsplan: Udviklingsstrategi, langsigtet: Effektmål }`.
    pub navne: Option<Names>,
    #[serde(default)]
    /// Må Markdown-tekst indeholde HTML? Standard er `false`: HTML vises som tekst.
    pub raa_html: bool,
    #[serde(default)]
    /// Rapportens kilder, som `kilde: { kilde: id }` kan pege på: `{ id, titel, link, udgivet }`.
    pub kilder: Vec<ListedSource>,
}

/// A source listed once in omstil.yaml (kilde under `kilder:`).
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct ListedSource {
    /// Kildens id: små bogstaver a–z, tal og bindestreger.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: super::Id,
    /// Kildens titel, fx "Udviklingsstrategi 2023–2025".
    pub titel: String,
    #[serde(default)]
    /// Adressen (https://…) på kilden.
    pub link: Option<Sp<String>>,
    #[serde(default)]
    /// Hvornår og af hvem kilden er udgivet, fx "Nordfyns Kommune, 2023".
    pub udgivet: Option<String>,
}

#[derive(
    Deserialize, schemars::JsonSchema, Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Da,
    En,
}

/// A period (periode): a year `2023`, or `{ fra, til }` with a year or a
/// year-month (`2016-07`) on each end. Checked by the resolver.
#[derive(Debug, Clone)]
pub struct Span {
    /// First year or month as written (position: the entry itself when the
    /// period is a bare year).
    pub fra: Sp<String>,
    pub til: Sp<String>,
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{Error, MapAccess, Visitor};
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Span;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("et år eller `{ fra: 2023-01, til: 2025-12 }`")
            }
            fn visit_str<E: Error>(self, v: &str) -> Result<Span, E> {
                let sp = |v: &str| Sp::new(v.to_string(), crate::diag::Pos::FILE);
                Ok(Span {
                    fra: sp(v),
                    til: sp(v),
                })
            }
            fn visit_i64<E: Error>(self, v: i64) -> Result<Span, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_u64<E: Error>(self, v: u64) -> Result<Span, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Span, A::Error> {
                let (mut fra, mut til): (Option<Sp<String>>, Option<Sp<String>>) = (None, None);
                while let Some(k) = m.next_key::<String>()? {
                    match k.as_str() {
                        "fra" => fra = Some(m.next_value()?),
                        "til" => til = Some(m.next_value()?),
                        other => return Err(A::Error::unknown_field(other, &["fra", "til"])),
                    }
                }
                Ok(Span {
                    fra: fra.ok_or_else(|| A::Error::missing_field("fra"))?,
                    til: til.ok_or_else(|| A::Error::missing_field("til"))?,
                })
            }
        }
        d.deserialize_any(V)
    }
}

impl schemars::JsonSchema for Span {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Periode".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let end = serde_json::json!([
            { "type": "integer", "minimum": 1900, "maximum": 2200 },
            { "type": "string", "pattern": "^[0-9]{4}(-(0[1-9]|1[0-2]))?$" }
        ]);
        schemars::json_schema!({
            "description": "Et år, fx `2023`, eller `{ fra: 2023-01, til: 2025-12 }`; måneder kan udelades.",
            "oneOf": [
                { "type": "integer", "minimum": 1900, "maximum": 2200 },
                {
                    "type": "object",
                    "properties": {
                        "fra": { "description": "Første år eller måned, fx `2023` eller `2016-07`.", "oneOf": end },
                        "til": { "description": "Sidste år eller måned, fx `2025` eller `2019-06`.", "oneOf": end }
                    },
                    "required": ["fra", "til"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

/// Words a report uses for its parts and horizons (navne); each one
/// replaces the default in menus, headings, breadcrumbs and print.
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone, Default)]
#[serde(deny_unknown_fields)]
pub struct Names {
    #[serde(default)]
    /// Navnet på modenhedsanalysen, fx "Modenhedsanalyse".
    pub modenhedsanalyse: Option<Sp<String>>,
    #[serde(default)]
    /// Navnet på forandringsteorien, fx "Forandringsteori".
    pub forandringsteori: Option<Sp<String>>,
    #[serde(default)]
    /// Navnet på udviklingsplanen, fx "Udviklingsstrategi".
    pub udviklingsplan: Option<Sp<String>>,
    #[serde(default)]
    /// Navnet på tilbudsviften, fx "Tilbudsvifte".
    pub tilbudsvifte: Option<Sp<String>>,
    #[serde(default)]
    /// Navnet på nøgletallene, fx "Nøgletal".
    pub noegletal: Option<Sp<String>>,
    #[serde(default)]
    /// Navnet på sagsanalysen, fx "Midtvejsanalyse".
    pub sagsanalyse: Option<Sp<String>>,
    #[serde(default)]
    /// Navnet på aktørerne, fx "Nøglepersoner".
    pub aktoerer: Option<Sp<String>>,
    #[serde(default)]
    /// Navnet på projekterne, fx "Eksternt finansierede projekter".
    pub projekter: Option<Sp<String>>,
    #[serde(default)]
    /// Ordet for de kortsigtede mål, fx "Kortsigtede mål".
    pub kortsigtet: Option<Sp<String>>,
    #[serde(default)]
    /// Ordet for de langsigtede mål, fx "Effektmål".
    pub langsigtet: Option<Sp<String>>,
}

#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Colours {
    #[serde(default)]
    /// Hovedfarven (sidehoved, links), fx `"#1d4f73"`.
    pub primaer: Option<Sp<String>>,
    #[serde(default)]
    /// Accentfarven, fx `"#9a4a1c"`.
    pub accent: Option<Sp<String>>,
}
