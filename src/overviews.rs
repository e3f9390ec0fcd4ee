//! The overview pages of a report's parts, which Markdown links name
//! without an id (`[tekst](@sagsanalyse)`): one table, so that a new part
//! adds one row (its link word, page, name and whether a report has it).

use crate::content::model::{Kind, Report};

/// An overview page a Markdown link can name without an id
/// (`[tekst](@sagsanalyse)`).
pub struct Overview {
    /// The link word: `@sagsanalyse`.
    pub word: &'static str,
    /// The page, from the site root.
    pub page: &'static str,
    /// The UI string of its name (which `navne` in omstil.yaml may replace).
    pub name: &'static str,
    /// Whether the report has the page.
    pub has: fn(&Report) -> bool,
    /// What gives the report the page, for the hint: "`sagsanalyse.yaml`".
    pub source: &'static str,
    /// A kind of the part's file: when that file failed to load, a link to
    /// its overview is not reported again.
    pub kind: Option<Kind>,
}

/// Every overview link. One table: a new part adds its row.
pub const OVERVIEWS: [Overview; 9] = [
    Overview {
        word: "modenhedsanalyse",
        page: "modenhedsanalyse.html",
        name: "part.analysis",
        has: |r| r.analysis.is_some(),
        source: "`modenhedsanalyse.yaml`",
        kind: Some(Kind::Tema),
    },
    Overview {
        word: "forandringsteori",
        page: "forandringsteori.html",
        name: "part.toc",
        has: |r| r.toc.is_some(),
        source: "`forandringsteori.yaml`",
        kind: Some(Kind::Indsats),
    },
    Overview {
        word: "udviklingsplan",
        page: "udviklingsplan.html",
        name: "part.plan",
        has: |r| r.plan.is_some(),
        source: "`udviklingsplan.yaml`",
        kind: Some(Kind::Handling),
    },
    Overview {
        word: "tilbudsvifte",
        page: "tilbudsvifte.html",
        name: "part.services",
        has: |r| r.services.is_some(),
        source: "`tilbudsvifte.yaml`",
        kind: Some(Kind::Tilbud),
    },
    Overview {
        word: "noegletal",
        page: "noegletal.html",
        name: "part.figures",
        has: |r| r.key_figures.is_some(),
        source: "`noegletal.yaml`",
        kind: Some(Kind::Noegletal),
    },
    Overview {
        word: "sagsanalyse",
        page: "sagsanalyse.html",
        name: "part.cases",
        has: |r| r.case_review.is_some(),
        source: "`sagsanalyse.yaml`",
        kind: Some(Kind::Kriterie),
    },
    // `kilder` comes with another change; until its row says how to see
    // it, a report never has it.
    Overview {
        word: "kilder",
        page: "kilder.html",
        name: "part.sources",
        has: |r| r.has_sources(),
        source: "`kilder:` i omstil.yaml",
        kind: None,
    },
    Overview {
        word: "aktoerer",
        page: "aktoerer.html",
        name: "part.actors",
        has: |r| r.actors.is_some(),
        source: "`aktoerer.yaml`",
        kind: Some(Kind::Aktoer),
    },
    Overview {
        word: "projekter",
        page: "projekter.html",
        name: "part.projects",
        has: |r| r.projects.is_some(),
        source: "`projekter.yaml`",
        kind: Some(Kind::Projekt),
    },
];
