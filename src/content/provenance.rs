//! Provenance in the model: where an entity's content comes from (kilde),
//! whether the consultant reconstructed it (rekonstrueret), the sources
//! listed in omstil.yaml, and a walk over every entity that has a page.

use super::model::{Header, Kind, Report};

/// Where an entity's content comes from (kilde), and whether the
/// consultant reconstructed or derived it (rekonstrueret).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Provenance {
    pub source: Option<SourceRef>,
    pub reconstructed: bool,
}

impl Provenance {
    pub fn is_empty(&self) -> bool {
        self.source.is_none() && !self.reconstructed
    }
}

/// A checked source reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceRef {
    /// Index into [`Report::sources`] when it names a listed source.
    pub listed: Option<usize>,
    /// The text as written, or the listed source's title.
    pub text: String,
    /// An http(s) address: the reference's own or the listed source's.
    pub link: Option<String>,
    /// Page in the source (side), as written: "6", "6–7".
    pub page: Option<String>,
}

/// A source listed under `kilder:` in omstil.yaml.
#[derive(Clone, Debug)]
pub struct ListedSource {
    pub id: String,
    pub title: String,
    pub link: Option<String>,
    pub published: Option<String>,
}

impl Report {
    /// Whether the report names any source or marks anything
    /// reconstructed: then it has a "Kilder" page (`kilder.html`).
    pub fn has_sources(&self) -> bool {
        !self.sources.is_empty()
            || !self.front_prov.is_empty()
            || self.headers().iter().any(|(_, h)| !h.prov.is_empty())
            || self
                .analysis
                .as_ref()
                .is_some_and(|a| a.suggestions.iter().any(|s| !s.prov.is_empty()))
            || self
                .case_review
                .as_ref()
                .is_some_and(|c| !c.prov.is_empty())
    }

    /// Every entity that has a page, in reading order, with its kind.
    pub fn headers(&self) -> Vec<(Kind, &Header)> {
        let mut v: Vec<(Kind, &Header)> = Vec::new();
        if let Some(a) = &self.analysis {
            v.extend(a.themes.iter().map(|x| (Kind::Tema, &x.h)));
            v.extend(a.hypotheses.iter().map(|x| (Kind::Hypotese, &x.h)));
        }
        if let Some(t) = &self.toc {
            v.extend(t.interventions.iter().map(|x| (Kind::Indsats, &x.h)));
            v.extend(t.activities.iter().map(|x| (Kind::Aktivitet, &x.h)));
            v.extend(t.outcomes.iter().map(|x| (Kind::Maal, &x.h)));
        }
        if let Some(p) = &self.plan {
            v.extend(p.focus_areas.iter().map(|x| (Kind::Fokusomraade, &x.h)));
            v.extend(p.actions.iter().map(|x| (Kind::Handling, &x.h)));
        }
        if let Some(s) = &self.services {
            v.extend(s.steps.iter().map(|x| (Kind::Trin, &x.h)));
            v.extend(s.services.iter().map(|x| (Kind::Tilbud, &x.h)));
        }
        if let Some(k) = &self.key_figures {
            v.extend(k.figures.iter().map(|x| (Kind::Noegletal, &x.h)));
        }
        if let Some(c) = &self.case_review {
            v.extend(c.criteria.iter().map(|x| (Kind::Kriterie, &x.h)));
        }
        if let Some(a) = &self.actors {
            v.extend(a.actors.iter().map(|x| (Kind::Aktoer, &x.h)));
        }
        if let Some(p) = &self.projects {
            v.extend(p.projects.iter().map(|x| (Kind::Projekt, &x.h)));
        }
        v.extend(self.pages.iter().map(|x| (Kind::Side, &x.h)));
        v
    }

    /// [`Report::headers`], to change.
    pub fn headers_mut(&mut self) -> Vec<(Kind, &mut Header)> {
        let mut v: Vec<(Kind, &mut Header)> = Vec::new();
        if let Some(a) = &mut self.analysis {
            v.extend(a.themes.iter_mut().map(|x| (Kind::Tema, &mut x.h)));
            v.extend(a.hypotheses.iter_mut().map(|x| (Kind::Hypotese, &mut x.h)));
        }
        if let Some(t) = &mut self.toc {
            v.extend(
                t.interventions
                    .iter_mut()
                    .map(|x| (Kind::Indsats, &mut x.h)),
            );
            v.extend(t.activities.iter_mut().map(|x| (Kind::Aktivitet, &mut x.h)));
            v.extend(t.outcomes.iter_mut().map(|x| (Kind::Maal, &mut x.h)));
        }
        if let Some(p) = &mut self.plan {
            v.extend(
                p.focus_areas
                    .iter_mut()
                    .map(|x| (Kind::Fokusomraade, &mut x.h)),
            );
            v.extend(p.actions.iter_mut().map(|x| (Kind::Handling, &mut x.h)));
        }
        if let Some(s) = &mut self.services {
            v.extend(s.steps.iter_mut().map(|x| (Kind::Trin, &mut x.h)));
            v.extend(s.services.iter_mut().map(|x| (Kind::Tilbud, &mut x.h)));
        }
        if let Some(k) = &mut self.key_figures {
            v.extend(k.figures.iter_mut().map(|x| (Kind::Noegletal, &mut x.h)));
        }
        if let Some(c) = &mut self.case_review {
            v.extend(c.criteria.iter_mut().map(|x| (Kind::Kriterie, &mut x.h)));
        }
        if let Some(a) = &mut self.actors {
            v.extend(a.actors.iter_mut().map(|x| (Kind::Aktoer, &mut x.h)));
        }
        if let Some(p) = &mut self.projects {
            v.extend(p.projects.iter_mut().map(|x| (Kind::Projekt, &mut x.h)));
        }
        v.extend(
            self.pages
                .iter_mut()
                .map(|x| (Kind::Side, &mut std::sync::Arc::make_mut(x).h)),
        );
        v
    }
}
