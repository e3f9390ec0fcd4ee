//! `projekter.yaml`: projects, their period and budget, and their links to
//! the plan's focus areas and actions.

use super::settings::span;
use super::{Index, R, first_per_id, header, trimmed};
use crate::content::model::*;
use crate::content::raw;

pub(super) fn projects(
    r: &mut R,
    p: raw::Projects,
    focus_areas: Option<&Index>,
    actions: Option<&Index>,
) -> ProjectsPart {
    const F: &str = "projekter.yaml";
    r.index(F, Kind::Projekt, p.projekter.iter().map(|x| &x.id));
    let mut projects = Vec::new();
    for x in first_per_id(&p.projekter, |x| &x.id) {
        projects.push(Project {
            h: header(&x.id, &x.titel),
            partner: trimmed(&x.partner),
            financing: trimmed(&x.finansiering),
            period: x.periode.as_ref().and_then(|s| span(r, F, s)),
            status: x.status,
            budget: x.budget.as_ref().map(|b| b.value.0),
            focus_areas: r.refs(F, Kind::Fokusomraade, &x.fokusomraader, focus_areas),
            actions: r.refs(F, Kind::Handling, &x.handlinger, actions),
            description: r.md_opt(F, &x.beskrivelse),
        });
    }
    ProjectsPart {
        intro: r.md_opt(F, &p.indledning),
        projects,
        backlinks: Backlinks::new(),
    }
}
