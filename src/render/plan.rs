//! Pages of the development plan (udviklingsplan): overview with actions by
//! status and period and the budget per year, one page per focus area and
//! per action.

use super::Ctx;
use super::analysis::toc_of;
use super::views::*;
use crate::content::model::{Action, Kind, PlanPart};
use crate::content::raw::Status;
use crate::diagrams;
use crate::format::kroner;
use std::collections::BTreeMap;

pub fn status_key(s: Status) -> String {
    format!("status.{}", s.key())
}

fn period(cx: &Ctx, a: &Action) -> String {
    let lang = cx.lang();
    if a.from == a.to {
        a.from.long(lang)
    } else {
        format!("{} – {}", a.from.long(lang), a.to.long(lang))
    }
}

fn action_link(cx: &Ctx, a: &Action) -> LinkV {
    let mut l = cx.link(Kind::Handling, &a.h.id);
    l.badge = Some(cx.t(&status_key(a.status)));
    l.badge_class = Some(format!("status-{}", a.status.key()));
    l.note = Some(period(cx, a));
    l
}

/// Budget per year, summed over all actions (and per focus area).
pub fn budget_table(cx: &Ctx, p: &PlanPart) -> Option<Table> {
    let years: Vec<u16> = {
        let mut y: Vec<u16> = p
            .actions
            .iter()
            .flat_map(|a| a.budget.keys().copied())
            .collect();
        y.sort_unstable();
        y.dedup();
        y
    };
    if years.is_empty() {
        return None;
    }
    let mut rows = Vec::new();
    // Exact: resolve checked that the plan's whole total fits in a u64.
    let mut totals: BTreeMap<u16, u64> = BTreeMap::new();
    for f in &p.focus_areas {
        let mut row = vec![Cell {
            links: vec![cx.link(Kind::Fokusomraade, &f.h.id)],
            header: true,
            ..Default::default()
        }];
        let mut sum = 0;
        for y in &years {
            let v: u64 = f
                .actions
                .iter()
                .filter_map(|a| p.actions[*a].budget.get(y))
                .sum();
            *totals.entry(*y).or_default() += v;
            sum += v;
            row.push(Cell::num(if v == 0 { "–".into() } else { kroner(v) }));
        }
        row.push(Cell::num(kroner(sum)));
        rows.push(row);
    }
    let mut head = vec![cx.t("kind.fokusomraade")];
    head.extend(years.iter().map(u16::to_string));
    head.push(cx.t("plan.total"));
    let mut foot = vec![Cell::row_header(cx.t("plan.total"))];
    foot.extend(years.iter().map(|y| Cell::num(kroner(totals[y]))));
    foot.push(Cell::num(kroner(totals.values().sum())));
    let mut numeric = vec![false];
    numeric.extend(std::iter::repeat_n(true, years.len() + 1));
    Some(Table {
        caption: cx.t("plan.budget_caption"),
        head,
        rows,
        numeric,
        foot: Some(foot),
    })
}

/// Actions as a table: the text equivalent of the timeline.
pub fn actions_table(cx: &Ctx, p: &PlanPart) -> Table {
    let mut actions: Vec<&Action> = p.actions.iter().collect();
    actions.sort_by(|a, b| (a.from, a.to, &a.h.title).cmp(&(b.from, b.to, &b.h.title)));
    let rows = actions
        .iter()
        .map(|a| {
            vec![
                Cell {
                    links: vec![cx.link(Kind::Handling, &a.h.id)],
                    header: true,
                    ..Default::default()
                },
                Cell::text(period(cx, a)),
                Cell {
                    text: cx.t(&status_key(a.status)),
                    class: Some(format!("status status-{}", a.status.key())),
                    ..Default::default()
                },
                Cell::text(&a.owner),
                Cell::num(if a.budget.is_empty() {
                    "–".into()
                } else {
                    kroner(a.budget.values().sum())
                }),
            ]
        })
        .collect();
    Table {
        caption: cx.t("plan.actions_caption"),
        head: vec![
            cx.t("kind.handling"),
            cx.t("plan.period"),
            cx.t("plan.status"),
            cx.t("plan.owner"),
            cx.t("plan.budget"),
        ],
        numeric: vec![false, false, false, false, true],
        rows,
        foot: None,
    }
}

pub fn render(cx: &mut Ctx) {
    let report = cx.report;
    let Some(p) = report.plan.as_ref() else {
        return;
    };
    let mut sections = Vec::new();
    if let Some(i) = cx.md_opt(&p.intro) {
        sections.push(Section {
            id: "indledning".into(),
            heading: cx.t("plan.intro"),
            html: Some(i),
            ..Default::default()
        });
    }
    let mut counts = Vec::new();
    for s in Status::ALL {
        let n = p.actions.iter().filter(|a| a.status == s).count();
        if n > 0 {
            counts.push(Bar {
                label: cx.t(&status_key(s)),
                value: n.to_string(),
                percent: 100.0 * n as f64 / p.actions.len().max(1) as f64,
            });
        }
    }
    sections.push(Section {
        id: "status".into(),
        heading: cx.t("plan.by_status"),
        bars: counts,
        ..Default::default()
    });
    let mut areas = Vec::new();
    for f in &p.focus_areas {
        let links = f
            .actions
            .iter()
            .map(|a| action_link(cx, &p.actions[*a]))
            .collect();
        areas.push(Section {
            id: format!("fokus-{}", f.h.id),
            heading: f.h.title.clone(),
            links,
            empty: Some(cx.t("plan.no_actions")),
            note: None,
            ..Default::default()
        });
    }
    sections.push(Section {
        id: "fokusomraader".into(),
        heading: cx.t("plan.focus_areas"),
        children: areas,
        ..Default::default()
    });
    let strings = &cx.theme.strings;
    let settings = &report.settings;
    let timeline =
        diagrams::timeline::gantt(p, settings.status_date, cx.lang(), strings).map(|svg| Figure {
            svg,
            caption: cx.t("diagram.timeline_caption"),
            text_equivalent: Some("tidsplan".into()),
        });
    sections.push(Section {
        id: "tidsplan".into(),
        heading: cx.t("plan.timeline"),
        note: Some(cx.t("plan.timeline_note")),
        figure: timeline,
        table: Some(actions_table(cx, p)),
        ..Default::default()
    });
    if let Some(b) = budget_table(cx, p) {
        let figure = diagrams::timeline::budget(p, strings).map(|svg| Figure {
            svg,
            caption: cx.t("diagram.budget_caption"),
            text_equivalent: Some("budget".into()),
        });
        sections.push(Section {
            id: "budget".into(),
            heading: cx.t("plan.budget_heading"),
            figure,
            table: Some(b),
            ..Default::default()
        });
    }
    if let Some(f) = cx.md_opt(&p.follow_up) {
        sections.push(Section {
            id: "opfoelgning".into(),
            heading: cx.t("plan.follow_up"),
            html: Some(f),
            ..Default::default()
        });
    }
    let title = p.title.clone().unwrap_or_else(|| cx.t("part.plan"));
    let mut v = cx.page(
        "udviklingsplan.html",
        &title,
        "udviklingsplan",
        "udviklingsplan.html",
    );
    v.breadcrumbs = cx.crumbs(None);
    v.sections = sections;
    v.toc = toc_of(&v.sections);
    cx.emit("udviklingsplan.html", "page.html", &v);

    let crumbs = cx.crumbs(Some(("part.plan", "udviklingsplan.html")));
    for f in &p.focus_areas {
        let path = Kind::Fokusomraade.url(&f.h.id);
        let mut sections = vec![Section {
            id: "formaal".into(),
            heading: cx.t("plan.purpose"),
            html: Some(cx.md(&f.purpose).html),
            ..Default::default()
        }];
        if !f.effects_citizens.is_empty() || !f.effects_organisation.is_empty() {
            let mut children = Vec::new();
            if !f.effects_citizens.is_empty() {
                children.push(Section {
                    heading: cx.t("plan.effects_citizens"),
                    items: f.effects_citizens.clone(),
                    ..Default::default()
                });
            }
            if !f.effects_organisation.is_empty() {
                children.push(Section {
                    heading: cx.t("plan.effects_organisation"),
                    items: f.effects_organisation.clone(),
                    ..Default::default()
                });
            }
            sections.push(Section {
                id: "effekter".into(),
                heading: cx.t("plan.wanted_effects"),
                children,
                ..Default::default()
            });
        }
        let links = f
            .actions
            .iter()
            .map(|a| action_link(cx, &p.actions[*a]))
            .collect();
        sections.push(cx.link_section("handlinger", "plan.actions", links, "plan.no_actions"));
        let budget: u64 = f
            .actions
            .iter()
            .flat_map(|a| p.actions[*a].budget.values())
            .sum();
        let mut v = cx.page(&path, &f.h.title, "fokusomraade", "udviklingsplan.html");
        v.breadcrumbs = crumbs.clone();
        v.kind_label = Some(cx.t("kind.fokusomraade"));
        if budget > 0 {
            v.facts.push(Fact {
                label: cx.t("plan.budget"),
                value: kroner(budget),
                url: None,
            });
        }
        v.sections = sections;
        cx.emit(&path, "page.html", &v);
    }
    for a in &p.actions {
        let path = Kind::Handling.url(&a.h.id);
        let mut sections = Vec::new();
        sections.extend(cx.description(&a.description));
        if !a.budget.is_empty() {
            let rows = a
                .budget
                .iter()
                .map(|(y, v)| vec![Cell::row_header(y.to_string()), Cell::num(kroner(*v))])
                .collect();
            sections.push(Section {
                id: "budget".into(),
                heading: cx.t("plan.budget"),
                table: Some(Table {
                    caption: cx.t("plan.budget_per_year"),
                    head: vec![cx.t("common.year"), cx.t("plan.amount")],
                    numeric: vec![false, true],
                    rows,
                    foot: Some(vec![
                        Cell::row_header(cx.t("plan.total")),
                        Cell::num(kroner(a.budget.values().sum())),
                    ]),
                }),
                ..Default::default()
            });
        }
        let (acts, outs): (Vec<LinkV>, Vec<LinkV>) = match report.toc.as_ref() {
            Some(t) => (
                a.activities
                    .iter()
                    .map(|x| cx.link(Kind::Aktivitet, &t.activities[*x].h.id))
                    .collect(),
                a.outcomes
                    .iter()
                    .map(|x| cx.link(Kind::Maal, &t.outcomes[*x].h.id))
                    .collect(),
            ),
            None => (Vec::new(), Vec::new()),
        };
        let mut s = cx.link_section("aktiviteter", "action.activities", acts, "common.none");
        if a.activities.is_empty() && a.outcomes.is_empty() {
            s.notices.push(Notice {
                text: cx.t("action.loose"),
                link: None,
                hint: Some(cx.t("action.loose_hint")),
            });
            s.empty = None;
        }
        sections.push(s);
        sections.push(cx.link_section("maal", "action.outcomes", outs, "common.none"));
        let mut v = cx.page(&path, &a.h.title, "handling", "udviklingsplan.html");
        v.breadcrumbs = crumbs.clone();
        v.kind_label = Some(cx.t("kind.handling"));
        let fa = &p.focus_areas[a.focus_area];
        v.facts = vec![
            Fact {
                label: cx.t("kind.fokusomraade"),
                value: fa.h.title.clone(),
                url: Some(cx.link(Kind::Fokusomraade, &fa.h.id).url),
            },
            Fact {
                label: cx.t("plan.owner"),
                value: a.owner.clone(),
                url: None,
            },
            Fact {
                label: cx.t("plan.period"),
                value: period(cx, a),
                url: None,
            },
            Fact {
                label: cx.t("plan.status"),
                value: cx.t(&status_key(a.status)),
                url: None,
            },
        ];
        if !a.budget.is_empty() {
            v.facts.push(Fact {
                label: cx.t("plan.budget"),
                value: kroner(a.budget.values().sum()),
                url: None,
            });
        }
        v.sections = sections;
        cx.emit(&path, "page.html", &v);
    }
}
