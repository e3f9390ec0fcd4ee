//! `udviklingsplan.yaml`: focus areas, wanted effects, budget pools and
//! actions. Owner, period and status may be missing (the source does not
//! state them); budgets are summed exactly, a pool counted once.

use super::{Index, R, first_per_id, header, is_valid_id, suggest_id};
use crate::content::model::*;
use crate::content::raw::{self, Id, Kroner};
use crate::diag::{Pos, did_you_mean};
use crate::format::Month;
use crate::yaml::de::Sp;
use std::collections::{BTreeMap, BTreeSet};

const F: &str = "udviklingsplan.yaml";

type RawBudget = Option<Sp<BTreeMap<Sp<u16>, Sp<Kroner>>>>;

pub(super) fn plan(
    r: &mut R,
    p: raw::Plan,
    acts: Option<&Index>,
    outs: Option<&Index>,
    settings: Option<&Settings>,
) -> PlanPart {
    r.index(F, Kind::Fokusomraade, p.fokusomraader.iter().map(|x| &x.id));
    r.index(
        F,
        Kind::Handling,
        p.fokusomraader
            .iter()
            .flat_map(|f| f.handlinger.iter().map(|a| &a.id)),
    );
    let mut sum = Sum { total: 0, settings };
    // Pools: the plan's own first, then each focus area's; ids unique in
    // the whole plan.
    let areas = first_per_id(&p.fokusomraader, |x| &x.id);
    let all_pools = p.puljer.iter().map(|x| (None, x)).chain(
        areas
            .iter()
            .enumerate()
            .flat_map(|(fi, f)| f.puljer.iter().map(move |x| (Some(fi), x))),
    );
    let mut pools: Vec<Pool> = Vec::new();
    let mut pool_index = Index::new();
    let mut seen_pools = BTreeMap::new();
    let mut pool_pos = Vec::new();
    for (fi, x) in all_pools {
        if !local_id(r, &x.id, "puljen", &mut seen_pools) {
            continue;
        }
        let budget = sum.budget(r, &x.budget);
        let lump = x.beloeb.as_ref().and_then(|b| sum.add(r, b.value.0, b.pos));
        if x.budget.is_some() && x.beloeb.is_some() {
            r.cx.diags
                .error(
                    F,
                    x.id.pos,
                    format!("Puljen `{}` har både `budget` og `beloeb`.", x.id.value),
                )
                .hint("Skriv beløbet pr. år under `budget:`, eller kun det samlede beløb under `beloeb:`.");
        }
        pool_index.insert(x.id.value.clone(), pools.len());
        pool_pos.push(x.id.pos);
        pools.push(Pool {
            id: x.id.value.clone(),
            title: x.titel.clone(),
            focus_area: fi,
            budget,
            lump,
            period: x.periode.as_ref().and_then(|sp| period(r, sp)),
            description: r.md_opt(F, &x.beskrivelse),
            actions: Vec::new(),
        });
    }
    let mut focus_areas = Vec::new();
    let mut actions: Vec<Action> = Vec::new();
    let mut seen_actions = BTreeSet::new();
    for (fi, f) in areas.iter().enumerate() {
        let raw_effects = f.oenskede_effekter.clone().unwrap_or_default();
        let mut effect_index = Index::new();
        let mut seen_effects = BTreeMap::new();
        let mut wanted = |list: &[raw::WantedEffect], r: &mut R, offset: usize| {
            let mut out = Vec::new();
            for (i, e) in list.iter().enumerate() {
                let id =
                    e.id.as_ref()
                        .filter(|id| local_id(r, id, "effekten", &mut seen_effects));
                if let Some(id) = id {
                    effect_index.insert(id.value.clone(), offset + i);
                }
                out.push(WantedEffect {
                    id: id.map(|x| x.value.clone()),
                    text: e.tekst.trim().to_string(),
                    actions: Vec::new(),
                });
            }
            out
        };
        let mut effects_citizens = wanted(&raw_effects.borgere, r, 0);
        let n = effects_citizens.len();
        let mut effects_organisation = wanted(&raw_effects.organisation, r, n);
        let mut mine = Vec::new();
        for a in &f.handlinger {
            if !seen_actions.insert(a.id.value.clone()) {
                continue;
            }
            let ai = actions.len();
            let budget = sum.budget(r, &a.budget);
            let pool = a.pulje.as_ref().and_then(|id| {
                let i = pool_of(r, id, &pool_index, &pools, fi, &f.id.value)?;
                pools[i].actions.push(ai);
                Some(i)
            });
            let mut effects = Vec::new();
            for e in &a.effekter {
                if let Some(&i) = effect_index.get(&e.value) {
                    if !effects.contains(&i) {
                        effects.push(i);
                        let target = if i < n {
                            &mut effects_citizens[i]
                        } else {
                            &mut effects_organisation[i - n]
                        };
                        target.actions.push(ai);
                    }
                } else {
                    effect_missing(r, e, &effect_index, &f.id.value);
                }
            }
            mine.push(ai);
            actions.push(Action {
                h: header(&a.id, &a.titel),
                focus_area: fi,
                owner: a
                    .ansvarlig
                    .as_deref()
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string),
                period: a.periode.as_ref().and_then(|sp| period(r, sp)),
                status: a.status,
                budget,
                pool,
                effects,
                activities: r.refs(F, Kind::Aktivitet, &a.aktiviteter, acts),
                outcomes: r.refs(F, Kind::Maal, &a.maal, outs),
                description: r.md_opt(F, &a.beskrivelse),
            });
        }
        focus_areas.push(FocusArea {
            h: header(&f.id, &f.titel),
            purpose: r.md_opt(F, &f.formaal),
            intro: r.md_opt(F, &f.indledning),
            description: r.md_opt(F, &f.beskrivelse),
            effects_citizens,
            effects_organisation,
            pools: (0..pools.len())
                .filter(|i| pools[*i].focus_area == Some(fi))
                .collect(),
            actions: mine,
        });
    }
    for (x, raw) in pools.iter().zip(&pool_pos) {
        overdrawn(r, x, &actions, *raw);
    }
    PlanPart {
        title: p.titel,
        intro: r.md_opt(F, &p.indledning),
        focus_areas,
        actions,
        pools,
        follow_up: r.md_opt(F, &p.opfoelgning),
    }
}

/// A warning when the actions a pool pays have more budget than the pool
/// (only when the pool states an amount).
fn overdrawn(r: &mut R, pool: &Pool, actions: &[Action], pos: Pos) {
    if pool.budget.is_empty() && pool.lump.is_none() {
        return;
    }
    // Exact: every amount is part of the plan's checked total.
    let used: u64 = pool
        .actions
        .iter()
        .flat_map(|a| actions[*a].budget.values())
        .sum();
    if used > pool.total() {
        r.cx.diags
            .warning(
                F,
                pos,
                // The amount ends the sentence with its own "kr.".
                format!(
                    "Handlingerne i puljen `{}` har tilsammen {}, mere end puljens {}",
                    pool.id,
                    crate::format::kroner(used),
                    crate::format::kroner(pool.total())
                ),
            )
            .hint("Tjek beløbene: en handlings budget i en pulje er en del af puljens.");
    }
}

/// Checks a pool's or wanted effect's id (syntax, unique within `seen`);
/// false for a duplicate, which is then left out.
fn local_id(r: &mut R, id: &Id, what: &str, seen: &mut BTreeMap<String, Pos>) -> bool {
    if !is_valid_id(&id.value) {
        r.cx.diags
            .error(
                F,
                id.pos,
                format!(
                    "`{}` kan ikke bruges som id: brug kun små bogstaver a–z, tal og bindestreger.",
                    id.value
                ),
            )
            .hint(format!(
                "Skriv fx `{}` (æ → ae, ø → oe, å → aa).",
                suggest_id(&id.value)
            ));
    }
    if let Some(p) = seen.get(&id.value) {
        r.cx.diags
            .error(
                F,
                id.pos,
                format!(
                    "Id'et `{}` bruges allerede af {what} i linje {}.",
                    id.value, p.line
                ),
            )
            .hint("Hvert id må kun bruges én gang. Giv den ene et andet id.");
        return false;
    }
    seen.insert(id.value.clone(), id.pos);
    true
}

/// The pool an action points at: the plan's or its own focus area's.
fn pool_of(
    r: &mut R,
    id: &Id,
    index: &Index,
    pools: &[Pool],
    fi: usize,
    area: &str,
) -> Option<usize> {
    let usable = |p: &Pool| p.focus_area.is_none_or(|f| f == fi);
    match index.get(&id.value) {
        Some(&i) if usable(&pools[i]) => return Some(i),
        Some(_) => {
            r.cx.diags
                .error(
                    F,
                    id.pos,
                    format!(
                        "Puljen `{}` hører til et andet fokusområde end `{area}`.",
                        id.value
                    ),
                )
                .hint(
                    "En handling kan betales af planens puljer og af sit eget fokusområdes puljer.",
                );
            return None;
        }
        None => {}
    }
    let names: Vec<&str> = pools
        .iter()
        .filter(|p| usable(p))
        .map(|p| p.id.as_str())
        .collect();
    let d =
        r.cx.diags
            .error(F, id.pos, format!("Puljen `{}` findes ikke.", id.value));
    match did_you_mean(&id.value, names.iter().copied()) {
        Some(s) => d.hint(format!("Mente du `{s}`?")),
        None if names.is_empty() => {
            d.hint("Beskriv puljen under `puljer:` i planen eller i fokusområdet.")
        }
        None => d.hint(format!(
            "Puljer, handlingen kan betales af: {}.",
            quoted(&names)
        )),
    };
    None
}

fn effect_missing(r: &mut R, e: &Id, index: &Index, area: &str) {
    let d = r.cx.diags.error(
        F,
        e.pos,
        format!(
            "Den ønskede effekt `{}` findes ikke i fokusområdet `{area}`.",
            e.value
        ),
    );
    let names: Vec<&str> = index.keys().map(String::as_str).collect();
    match did_you_mean(&e.value, names.iter().copied()) {
        Some(s) => d.hint(format!("Mente du `{s}`?")),
        None if names.is_empty() => d.hint(
            "En handling kan kun pege på sit eget fokusområdes ønskede effekter; giv effekten et id: `{ id: …, tekst: \"…\" }`.",
        ),
        None => d.hint(format!(
            "En handling kan kun pege på sit eget fokusområdes ønskede effekter: {}.",
            quoted(&names)
        )),
    };
}

fn quoted(names: &[&str]) -> String {
    names
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A period as written, checked: each end a year or a year and month, not
/// ending before it begins. `None` after an error.
fn period(r: &mut R, sp: &Sp<raw::Span>) -> Option<PlanPeriod> {
    let p = &sp.value;
    let at = |x: &Sp<String>| if x.pos == Pos::FILE { sp.pos } else { x.pos };
    let from = Month::parse(&p.fra.value, 1);
    let to = Month::parse(&p.til.value, 12);
    for (m, x) in [(&from, &p.fra), (&to, &p.til)] {
        if m.is_none() {
            r.cx.diags
                .error(F, at(x), format!("`{}` er ikke en gyldig måned.", x.value))
                .hint("Skriv år og måned som `2024-03`, eller kun året, `2024`.");
        }
    }
    let (from, to) = (from?, to?);
    if from > to {
        r.cx.diags
            .error(
                F,
                sp.pos,
                format!(
                    "Perioden slutter ({}) før den begynder ({}).",
                    p.til.value, p.fra.value
                ),
            )
            .hint("Byt om på `fra` og `til`.");
        return None;
    }
    let year_only = |s: &str| !s.contains('-');
    Some(PlanPeriod {
        from,
        to,
        from_year_only: year_only(&p.fra.value),
        to_year_only: year_only(&p.til.value),
    })
}

/// The running total of every amount in the plan: every sum the pages
/// make (per year, per focus area, per pool, per action) is at most this,
/// so they can add up without overflow.
struct Sum<'s> {
    total: u64,
    settings: Option<&'s Settings>,
}

impl Sum<'_> {
    fn add(&mut self, r: &mut R, amount: u64, pos: Pos) -> Option<u64> {
        match self.total.checked_add(amount) {
            Some(t) => {
                self.total = t;
                Some(amount)
            }
            None => {
                r.cx.diags
                    .error(F, pos, format!("Planens budgetter bliver tilsammen større, end omstil kan regne med (højst {}).", crate::format::kroner(u64::MAX)))
                    .hint("Tjek beløbet: budgetter skrives i hele kroner, fx `250000`.");
                None
            }
        }
    }

    fn budget(&mut self, r: &mut R, b: &RawBudget) -> BTreeMap<u16, u64> {
        let mut budget = BTreeMap::new();
        let Some(b) = b else {
            return budget;
        };
        for (year, amount) in &b.value {
            if !(1990..=2100).contains(&year.value) {
                r.cx.diags
                    .error(
                        F,
                        year.pos,
                        format!("`{}` er ikke et gyldigt budgetår.", year.value),
                    )
                    .hint("Skriv budgettet pr. år, fx `budget: { 2024: 250000 }`.");
            } else if let Some(s) = self.settings
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
            if let Some(v) = self.add(r, amount.value.0, amount.pos) {
                budget.insert(year.value, v);
            }
        }
        budget
    }
}
