//! `udviklingsplan.yaml`: focus areas and actions.

use super::{Index, R, first_per_id, header};
use crate::content::model::*;
use crate::content::raw;
use crate::format::Month;
use std::collections::{BTreeMap, BTreeSet};

pub(super) fn plan(
    r: &mut R,
    p: raw::Plan,
    acts: Option<&Index>,
    outs: Option<&Index>,
    settings: Option<&Settings>,
) -> PlanPart {
    const F: &str = "udviklingsplan.yaml";
    r.index(F, Kind::Fokusomraade, p.fokusomraader.iter().map(|x| &x.id));
    r.index(
        F,
        Kind::Handling,
        p.fokusomraader
            .iter()
            .flat_map(|f| f.handlinger.iter().map(|a| &a.id)),
    );
    let mut focus_areas = Vec::new();
    let mut actions: Vec<Action> = Vec::new();
    let mut seen_actions = BTreeSet::new();
    let mut total: u64 = 0;
    for f in first_per_id(&p.fokusomraader, |x| &x.id) {
        let fi = focus_areas.len();
        let mut mine = Vec::new();
        for a in &f.handlinger {
            if !seen_actions.insert(a.id.value.clone()) {
                continue;
            }
            let from = Month::parse(&a.periode.fra.value, 1);
            let to = Month::parse(&a.periode.til.value, 12);
            for (m, sp) in [(&from, &a.periode.fra), (&to, &a.periode.til)] {
                if m.is_none() {
                    r.cx.diags
                        .error(
                            F,
                            sp.pos,
                            format!("`{}` er ikke en gyldig måned.", sp.value),
                        )
                        .hint("Skriv år og måned som `2024-03` (eller kun året, `2024`).");
                }
            }
            let (from, to) = match (from, to) {
                (Some(f), Some(t)) if f <= t => (f, t),
                (Some(f), Some(t)) => {
                    r.cx.diags
                        .error(
                            F,
                            a.periode.pos,
                            format!(
                                "Perioden slutter ({}) før den begynder ({}).",
                                a.periode.til.value, a.periode.fra.value
                            ),
                        )
                        .hint("Byt om på `fra` og `til`.");
                    (t, f)
                }
                _ => (
                    Month {
                        year: 2000,
                        month: 1,
                    },
                    Month {
                        year: 2000,
                        month: 1,
                    },
                ),
            };
            let mut budget = BTreeMap::new();
            if let Some(b) = &a.budget {
                for (year, amount) in &b.value {
                    if !(1990..=2100).contains(&year.value) {
                        r.cx.diags
                            .error(
                                F,
                                year.pos,
                                format!("`{}` er ikke et gyldigt budgetår.", year.value),
                            )
                            .hint("Skriv budgettet pr. år, fx `budget: { 2024: 250000 }`.");
                    } else if let Some(s) = settings
                        && (year.value < s.period.0 || year.value > s.period.1)
                    {
                        r.cx.diags
                            .warning(
                                F,
                                year.pos,
                                format!(
                                    "Budgetåret {} ligger uden for rapportens periode {}–{}.",
                                    year.value, s.period.0, s.period.1
                                ),
                            )
                            .hint("Ret året, eller udvid `periode` i omstil.yaml.");
                    }
                    // Every sum of the plan's budgets (per year, per focus
                    // area, per action) is at most this total, so the pages
                    // can add them up without overflow.
                    match total.checked_add(amount.value.0) {
                        Some(t) => total = t,
                        None => {
                            r.cx.diags
                                .error(F, amount.pos, format!("Planens budgetter bliver tilsammen større, end omstil kan regne med (højst {}).", crate::format::kroner(u64::MAX)))
                                .hint("Tjek beløbet: budgetter skrives i hele kroner, fx `250000`.");
                            continue;
                        }
                    }
                    budget.insert(year.value, amount.value.0);
                }
            }
            mine.push(actions.len());
            actions.push(Action {
                h: header(&a.id, &a.titel),
                focus_area: fi,
                owner: a.ansvarlig.trim().to_string(),
                from,
                to,
                status: a.status,
                budget,
                activities: r.refs(F, Kind::Aktivitet, &a.aktiviteter, acts),
                outcomes: r.refs(F, Kind::Maal, &a.maal, outs),
                description: r.md_opt(F, &a.beskrivelse),
            });
        }
        let effects = f.oenskede_effekter.clone().unwrap_or_default();
        focus_areas.push(FocusArea {
            h: header(&f.id, &f.titel),
            purpose: r.md(F, &f.formaal),
            effects_citizens: effects.borgere,
            effects_organisation: effects.organisation,
            actions: mine,
        });
    }
    PlanPart {
        title: p.titel,
        intro: r.md_opt(F, &p.indledning),
        focus_areas,
        actions,
        follow_up: r.md_opt(F, &p.opfoelgning),
    }
}
