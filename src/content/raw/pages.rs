//! The front matter of a free page (`sider/`) or of `forside.md`.

use super::SourceRef;
use crate::yaml::de::Sp;
use serde::Deserialize;

/// Front matter of a free page (side) or of `forside.md`.
#[derive(Deserialize, schemars::JsonSchema, Debug, Clone, Default)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    #[serde(default)]
    /// Sidens titel.
    pub titel: Option<String>,
    #[serde(default)]
    /// Én linje om siden.
    pub beskrivelse: Option<String>,
    #[serde(default)]
    /// Sidens plads i menuen (lavest først; standard 100).
    pub raekkefoelge: Option<i32>,
    #[serde(default)]
    /// `true`: siden vises som et fremhævet link øverst på forsiden, fx status- eller sammenfatningssiden (kun sider).
    pub fremhaevet: bool,
    #[serde(default)]
    /// Kilden: en tekst, `{ tekst, link, side }` eller `{ kilde: id, side }` (se `kilder:` i omstil.yaml).
    pub kilde: Option<Sp<SourceRef>>,
    #[serde(default)]
    /// `true`, hvis indholdet er rekonstrueret eller udledt af konsulenten (står ikke i kilden).
    pub rekonstrueret: bool,
}
