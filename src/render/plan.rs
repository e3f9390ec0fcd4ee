//! Pages of the development plan (udviklingsplan): overview with actions by
//! status and period and the budget per year, one page per focus area and
//! per action.

use super::Ctx;
use super::analysis::toc_of;
use super::views::*;
use crate::content::model::{Action, FocusArea, Kind, PlanPart, Pool, WantedEffect};
use crate::content::raw::Status;
use crate::diagrams;
use crate::format::kroner;
use std::collections::BTreeMap;

/// The status as a reader sees it: "Ikke oplyst" when the source is silent.
pub(super) fn status(cx: &Ctx, s: Option<Status>) -> String {
    diagrams::timeline::status_text(s, &cx.theme.strings)
}

/// CSS modifier for a status badge.
pub(super) fn status_class(s: Option<Status>) -> String {
    format!("status-{}", s.map_or("ikke-oplyst", Status::key))
}

fn period(cx: &Ctx, a: &Action) -> String {
    match a.period {
        Some(p) => p.label(cx.lang()),
        None => cx.t("ikke_oplyst"),
    }
}

fn owner(cx: &Ctx, a: &Action) -> String {
    a.owner.clone().unwrap_or_else(|| cx.t("ikke_oplyst"))
}

fn action_link(cx: &Ctx, a: &Action) -> LinkV {
    let mut l = cx.link(Kind::Handling, &a.h.id);
    l.badge = Some(status(cx, a.status));
    l.badge_class = Some(status_class(a.status));
    l.note = Some(period(cx, a));
    l
}

/// Where a pool is described on the plan page.
fn pool_url(p: &Pool) -> String {
    super::url(&format!("udviklingsplan.html#pulje-{}", p.id))
}

/// A pool as a sub-section: amount, period, what it is for, and the
/// actions it pays. `area` names its focus area (on the plan page).
fn pool_section(cx: &mut Ctx, plan: &PlanPart, p: &Pool, area: bool) -> Section {
    let amount = if p.budget.is_empty() && p.lump.is_none() {
        cx.t("ikke_oplyst")
    } else {
        kroner(p.total())
    };
    let mut note = vec![format!("{}: {amount}", cx.t("plan.total"))];
    if let Some(x) = p.period {
        note.push(format!("{}: {}", cx.t("plan.period"), x.label(cx.lang())));
    }
    if let (true, Some(fi)) = (area, p.focus_area) {
        note.push(format!(
            "{}: {}",
            cx.t("kind.fokusomraade"),
            plan.focus_areas[fi].h.title
        ));
    }
    let mut items: Vec<String> = p
        .budget
        .iter()
        .map(|(y, v)| format!("{y}: {}", kroner(*v)))
        .collect();
    if let (Some(l), false) = (p.lump, p.budget.is_empty()) {
        items.push(format!("{}: {}", cx.t("plan.not_by_year"), kroner(l)));
    }
    if !p.actions.is_empty() {
        note.push(format!(
            "{}: {}",
            cx.t("plan.pool_pays"),
            cx.count(p.actions.len(), "front.action", "front.actions")
        ));
    }
    Section {
        id: format!("pulje-{}", p.id),
        heading: p.title.clone(),
        note: Some(note.join(" · ")),
        html: cx.md_opt(&p.description),
        items,
        links: p
            .actions
            .iter()
            .map(|a| action_link(cx, &plan.actions[*a]))
            .collect(),
        ..Default::default()
    }
}

/// The "Puljer" section with the given pools, `None` without any.
fn pools_section(cx: &mut Ctx, plan: &PlanPart, pools: &[usize], area: bool) -> Option<Section> {
    if pools.is_empty() {
        return None;
    }
    let children = pools
        .iter()
        .map(|x| pool_section(cx, plan, &plan.pools[*x], area))
        .collect();
    Some(Section {
        id: "puljer".into(),
        heading: cx.t("plan.pools"),
        note: Some(cx.t("plan.pools_note")),
        children,
        ..Default::default()
    })
}

/// The wanted effects of a focus area: a list, or (when actions point at
/// them) a table with the actions that work toward each.
fn effects_section(cx: &Ctx, p: &PlanPart, f: &FocusArea) -> Option<Section> {
    if f.effects_citizens.is_empty() && f.effects_organisation.is_empty() {
        return None;
    }
    let linked = f
        .effects_citizens
        .iter()
        .chain(&f.effects_organisation)
        .any(|e| !e.actions.is_empty());
    let mut children = Vec::new();
    for (key, list) in [
        ("plan.effects_citizens", &f.effects_citizens),
        ("plan.effects_organisation", &f.effects_organisation),
    ] {
        if list.is_empty() {
            continue;
        }
        let heading = cx.t(key);
        let mut s = Section {
            heading: heading.clone(),
            ..Default::default()
        };
        if linked {
            s.table = Some(effects_table(cx, p, &heading, list));
        } else {
            s.items = list.iter().map(|e| e.text.clone()).collect();
        }
        children.push(s);
    }
    Some(Section {
        id: "effekter".into(),
        heading: cx.t("plan.wanted_effects"),
        children,
        ..Default::default()
    })
}

fn effects_table(cx: &Ctx, p: &PlanPart, caption: &str, list: &[WantedEffect]) -> Table {
    let rows = list
        .iter()
        .map(|e| {
            let links: Vec<LinkV> = e
                .actions
                .iter()
                .map(|a| cx.link(Kind::Handling, &p.actions[*a].h.id))
                .collect();
            vec![
                Cell::row_header(&e.text),
                if links.is_empty() {
                    Cell::text(cx.t("common.none"))
                } else {
                    Cell {
                        links,
                        ..Default::default()
                    }
                },
            ]
        })
        .collect();
    Table {
        caption: format!(
            "{}: {}",
            cx.t("plan.wanted_effects"),
            caption.to_lowercase()
        ),
        head: vec![cx.t("plan.wanted_effect"), cx.t("plan.actions")],
        numeric: vec![false, false],
        rows,
        foot: None,
    }
}

/// Budget per year by focus area (its pools and the actions no pool
/// pays) and by pool of the plan itself; a column for pool amounts not
/// divided by year when there are any.
pub fn budget_table(cx: &Ctx, p: &PlanPart) -> Option<Table> {
    let years = p.budget_years();
    let lump_col = p.pools.iter().any(|x| x.lump.is_some());
    if years.is_empty() && !lump_col {
        return None;
    }
    let mut rows = Vec::new();
    // Exact: resolve checked that the plan's whole total fits in a u64.
    let mut totals: BTreeMap<u16, u64> = BTreeMap::new();
    let mut lump_total = 0;
    let amount = |v: u64| Cell::num(if v == 0 { "–".into() } else { kroner(v) });
    let mut row_of = |head: Cell, per: &dyn Fn(u16) -> u64, lump: u64| {
        let mut row = vec![head];
        let mut sum = 0;
        for y in &years {
            let v = per(*y);
            *totals.entry(*y).or_default() += v;
            sum += v;
            row.push(amount(v));
        }
        if lump_col {
            lump_total += lump;
            sum += lump;
            row.push(amount(lump));
        }
        // A focus area with no budget stated: a dash, not "0 kr.".
        row.push(amount(sum));
        rows.push(row);
    };
    for (fi, f) in p.focus_areas.iter().enumerate() {
        let head = Cell {
            links: vec![cx.link(Kind::Fokusomraade, &f.h.id)],
            header: true,
            ..Default::default()
        };
        row_of(head, &|y| p.area_year(fi, y), p.area_lump(fi));
    }
    for pool in p.plan_pools() {
        let head = Cell {
            links: vec![LinkV {
                title: pool.title.clone(),
                url: pool_url(pool),
                ..Default::default()
            }],
            header: true,
            ..Default::default()
        };
        let per = |y: u16| pool.budget.get(&y).copied().unwrap_or(0);
        row_of(head, &per, pool.lump.unwrap_or(0));
    }
    let mut head = vec![if p.plan_pools().next().is_some() {
        cx.t("plan.area_or_pool")
    } else {
        cx.t("kind.fokusomraade")
    }];
    head.extend(years.iter().map(u16::to_string));
    let mut foot = vec![Cell::row_header(cx.t("plan.total"))];
    foot.extend(years.iter().map(|y| Cell::num(kroner(totals[y]))));
    if lump_col {
        head.push(cx.t("plan.not_by_year"));
        foot.push(Cell::num(kroner(lump_total)));
    }
    head.push(cx.t("plan.total"));
    foot.push(Cell::num(kroner(totals.values().sum::<u64>() + lump_total)));
    let mut numeric = vec![false];
    numeric.extend(std::iter::repeat_n(true, head.len() - 1));
    Some(Table {
        caption: cx.t("plan.budget_caption"),
        head,
        rows,
        numeric,
        foot: Some(foot),
    })
}

/// An action's budget as a reader sees it: its sum, and when a pool pays
/// it, that pool.
fn action_budget(cx: &Ctx, p: &PlanPart, a: &Action) -> String {
    match (a.budget.is_empty(), a.pool) {
        (true, None) => "–".into(),
        (true, Some(x)) => format!("{} {}", cx.t("plan.in_pool"), p.pools[x].title),
        (false, None) => kroner(a.budget.values().sum()),
        (false, Some(x)) => format!(
            "{} ({} {})",
            kroner(a.budget.values().sum()),
            cx.t("plan.in_pool"),
            p.pools[x].title
        ),
    }
}

/// Actions as a table: the text equivalent of the timeline; actions
/// without a period last.
pub fn actions_table(cx: &Ctx, p: &PlanPart) -> Table {
    let mut actions: Vec<&Action> = p.actions.iter().collect();
    actions.sort_by(|a, b| {
        let key = |a: &Action| (a.period.is_none(), a.period.map(|x| (x.from, x.to)));
        (key(a), &a.h.title).cmp(&(key(b), &b.h.title))
    });
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
                    text: status(cx, a.status),
                    class: Some(format!("status {}", status_class(a.status))),
                    ..Default::default()
                },
                Cell::text(owner(cx, a)),
                Cell::num(action_budget(cx, p, a)),
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

/// Actions by status, "Ikke oplyst" counted as its own group (last).
fn status_bars(cx: &Ctx, p: &PlanPart) -> Vec<Bar> {
    let mut counts = Vec::new();
    let all = Status::ALL.map(Some).into_iter().chain([None]);
    for s in all {
        let n = p.actions.iter().filter(|a| a.status == s).count();
        if n > 0 {
            counts.push(Bar {
                label: status(cx, s),
                value: n.to_string(),
                percent: 100.0 * n as f64 / p.actions.len().max(1) as f64,
                // Filled as the action's bar in the timeline is.
                class: Some(status_class(s)),
            });
        }
    }
    counts
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
    sections.push(Section {
        id: "status".into(),
        heading: cx.t("plan.by_status"),
        bars: status_bars(cx, p),
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
            heading_url: Some(cx.link(Kind::Fokusomraade, &f.h.id).url),
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
    let caption = if diagrams::timeline::draws_status_line(p, settings.status_date) {
        cx.t("diagram.timeline_caption")
    } else {
        cx.t("diagram.timeline_caption_plain")
    };
    if let (Some(screen), Some(print)) = (
        diagrams::timeline::gantt(p, settings.status_date, cx.lang(), strings),
        diagrams::timeline::gantt_print(p, settings.status_date, cx.lang(), strings),
    ) {
        cx.print_svgs.push((screen, print));
    }
    let timeline =
        diagrams::timeline::gantt(p, settings.status_date, cx.lang(), strings).map(|svg| Figure {
            svg,
            caption,
            text_equivalent: Some("tidsplan".into()),
        });
    let undated: Vec<LinkV> = p
        .actions
        .iter()
        .filter(|a| a.period.is_none())
        .map(|a| action_link(cx, a))
        .collect();
    let mut children = Vec::new();
    if !undated.is_empty() {
        children.push(Section {
            id: "uden-periode".into(),
            heading: cx.t("plan.no_period"),
            note: Some(cx.t("plan.no_period_note")),
            links: undated,
            ..Default::default()
        });
    }
    sections.push(Section {
        id: "tidsplan".into(),
        heading: cx.t("plan.timeline"),
        note: Some(cx.t("plan.timeline_note")),
        figure: timeline,
        table: Some(actions_table(cx, p)),
        children,
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
    sections.extend(pools_section(
        cx,
        p,
        &(0..p.pools.len()).collect::<Vec<_>>(),
        true,
    ));
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
    for (fi, f) in p.focus_areas.iter().enumerate() {
        focus_area_page(cx, p, fi, f, &crumbs);
    }
    for a in &p.actions {
        action_page(cx, p, a, &crumbs);
    }
}

fn focus_area_page(cx: &mut Ctx, p: &PlanPart, fi: usize, f: &FocusArea, crumbs: &[LinkV]) {
    let path = Kind::Fokusomraade.url(&f.h.id);
    let mut sections = Vec::new();
    if let Some(html) = cx.md_opt(&f.intro) {
        sections.push(Section {
            id: "indledning".into(),
            heading: cx.t("plan.intro"),
            html: Some(html),
            ..Default::default()
        });
    }
    sections.push(Section {
        id: "formaal".into(),
        heading: cx.t("plan.purpose"),
        html: cx.md_opt(&f.purpose),
        empty: f.purpose.is_none().then(|| cx.t("ikke_oplyst")),
        ..Default::default()
    });
    sections.extend(cx.description(&f.description));
    sections.extend(effects_section(cx, p, f));
    let links = f
        .actions
        .iter()
        .map(|a| action_link(cx, &p.actions[*a]))
        .collect();
    sections.push(cx.link_section("handlinger", "plan.actions", links, "plan.no_actions"));
    sections.extend(pools_section(cx, p, &f.pools, false));
    let budget = p.area_total(fi);
    sections.extend(super::projects::backlinks(cx, Kind::Fokusomraade, &f.h.id));
    let mut v = cx.page(&path, &f.h.title, "fokusomraade", "udviklingsplan.html");
    v.breadcrumbs = crumbs.to_vec();
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

fn action_page(cx: &mut Ctx, p: &PlanPart, a: &Action, crumbs: &[LinkV]) {
    let report = cx.report;
    let path = Kind::Handling.url(&a.h.id);
    let mut sections = Vec::new();
    sections.extend(cx.description(&a.description));
    let fa = &p.focus_areas[a.focus_area];
    if !a.effects.is_empty() {
        sections.push(Section {
            id: "effekter".into(),
            heading: cx.t("plan.wanted_effects"),
            items: a
                .effects
                .iter()
                .map(|e| fa.effect(*e).text.clone())
                .collect(),
            ..Default::default()
        });
    }
    if !a.budget.is_empty() {
        let rows = a
            .budget
            .iter()
            .map(|(y, v)| vec![Cell::row_header(y.to_string()), Cell::num(kroner(*v))])
            .collect();
        sections.push(Section {
            id: "budget".into(),
            heading: cx.t("plan.budget"),
            note: a
                .pool
                .map(|x| format!("{} {}.", cx.t("plan.part_of_pool"), p.pools[x].title)),
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
    // Activities and outcomes only where the report has a theory of change.
    if let Some(t) = report.toc.as_ref() {
        let acts: Vec<LinkV> = a
            .activities
            .iter()
            .map(|x| cx.link(Kind::Aktivitet, &t.activities[*x].h.id))
            .collect();
        let outs: Vec<LinkV> = a
            .outcomes
            .iter()
            .map(|x| cx.link(Kind::Maal, &t.outcomes[*x].h.id))
            .collect();
        let mut s = cx.link_section("aktiviteter", "action.activities", acts, "common.none");
        if a.activities.is_empty() && a.outcomes.is_empty() {
            s.notices.push(Notice {
                text: cx.t("action.loose"),
                link: None,
                hint: None,
            });
            s.empty = None;
        }
        sections.push(s);
        sections.push(cx.link_section("maal", "action.outcomes", outs, "common.none"));
    }
    sections.extend(super::actors::backlinks(cx, Kind::Handling, &a.h.id));
    sections.extend(super::projects::backlinks(cx, Kind::Handling, &a.h.id));
    // == followup (issue 16) ==
    sections.extend(super::followup::history(cx, &a.h.id));
    // == end followup ==
    let mut v = cx.page(&path, &a.h.title, "handling", "udviklingsplan.html");
    v.breadcrumbs = crumbs.to_vec();
    v.kind_label = Some(cx.t("kind.handling"));
    v.facts = vec![
        Fact {
            label: cx.t("kind.fokusomraade"),
            value: fa.h.title.clone(),
            url: Some(cx.link(Kind::Fokusomraade, &fa.h.id).url),
        },
        Fact {
            label: cx.t("plan.owner"),
            value: owner(cx, a),
            url: None,
        },
        Fact {
            label: cx.t("plan.period"),
            value: period(cx, a),
            url: None,
        },
        Fact {
            label: cx.t("plan.status"),
            value: status(cx, a.status),
            url: None,
        },
    ];
    if let Some(x) = a.pool {
        v.facts.push(Fact {
            label: cx.t("plan.pool"),
            value: p.pools[x].title.clone(),
            url: Some(pool_url(&p.pools[x])),
        });
    }
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
