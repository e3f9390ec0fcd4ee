//! `omstil.yaml`: the site settings as written.

use super::{Text, Year};
use crate::yaml::de::Sp;
use serde::Deserialize;

/// `omstil.yaml` — site settings (indstillinger).
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Kommunens navn, fx "Egeskov Kommune".
    pub kommune: String,
    /// Rapportens titel.
    pub titel: String,
    #[serde(default)]
    /// Undertitel under titlen på forsiden.
    pub undertitel: Text,
    #[serde(default)]
    /// Sproget i websitets faste tekster: `da` (standard) eller `en`.
    pub sprog: Option<Sp<Language>>,
    /// Perioden, rapporten dækker, fx `{ fra: 2023, til: 2025 }`.
    pub periode: Sp<Period>,
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

#[derive(Deserialize, schemars::JsonSchema, Debug, Clone, Copy)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// Første år, fx 2023.
    pub fra: Year,
    /// Sidste år, fx 2025.
    pub til: Year,
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
