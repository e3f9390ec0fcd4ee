//! `projekter.yaml`: projects, their period and budget, and their links to
//! the plan's focus areas and actions.

use super::{Index, R, first_per_id, header, trimmed};
use crate::content::model::*;
use crate::content::raw::{self, ProjectPeriod};
use crate::format::Month;
use crate::yaml::de::Sp;

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
            period: x.periode.as_ref().and_then(|s| period(r, F, s)),
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

/// A period from a year or a from–to pair (each a year or a year-month).
fn period(r: &mut R, file: &str, sp: &Sp<ProjectPeriod>) -> Option<Span> {
    let month = |r: &mut R, text: &str, pos, default| {
        let m = Month::parse(text, default);
        if m.is_none() {
            r.cx.diags
                .error(
                    file,
                    pos,
                    format!("`{text}` er ikke et gyldigt år eller en gyldig måned."),
                )
                .hint("Skriv et år som `2023` eller år og måned som `2023-01`.");
        }
        m
    };
    match &sp.value {
        ProjectPeriod::Year(y) => {
            let from = month(r, y, sp.pos, 1)?;
            let to = month(r, y, sp.pos, 12)?;
            let m = y.contains('-');
            Some(Span {
                from,
                to,
                from_month: m,
                to_month: m,
            })
        }
        ProjectPeriod::Range { fra, til } => {
            let from = month(r, &fra.value, fra.pos, 1);
            let to = month(r, &til.value, til.pos, 12);
            let (from, to) = (from?, to?);
            if to < from {
                r.cx.diags
                    .error(
                        file,
                        sp.pos,
                        format!(
                            "Perioden slutter ({}) før den begynder ({}).",
                            til.value, fra.value
                        ),
                    )
                    .hint("Byt om på `fra` og `til`.");
                return None;
            }
            Some(Span {
                from,
                to,
                from_month: fra.value.contains('-'),
                to_month: til.value.contains('-'),
            })
        }
    }
}
