//! Pages of the theory of change (forandringsteori): the overview with its
//! text equivalent (each node once with its links, see [`super::toc_list`]), and one
//! page per intervention, activity and outcome.

use super::analysis::toc_of;
use super::views::*;
use super::{Ctx, url};
use crate::content::model::{Kind, LinkTo, TocPart};
use crate::content::raw::{Area, OutcomeKind};
use crate::diagrams::{self, toc::View};

pub fn area_key(a: Area) -> &'static str {
    match a {
        Area::Myndighed => "myndighed",
        Area::Tilbudsvifte => "tilbudsvifte",
        Area::Almenomraade => "almenomraade",
    }
}

pub const AREAS: [Area; 3] = [Area::Myndighed, Area::Tilbudsvifte, Area::Almenomraade];

fn outcome_link(cx: &Ctx, t: &TocPart, i: usize) -> LinkV {
    let o = &t.outcomes[i];
    let mut l = cx.link(Kind::Maal, &o.h.id);
    l.badge = Some(cx.t(match o.kind {
        OutcomeKind::Kortsigtet => "outcome.short",
        OutcomeKind::Langsigtet => "outcome.long",
    }));
    l.badge_class = Some(match o.kind {
        OutcomeKind::Kortsigtet => "kort".into(),
        OutcomeKind::Langsigtet => "lang".into(),
    });
    l
}

/// The names of an activity's areas: "Myndighed, Tilbudsvifte".
pub(crate) fn area_names(cx: &Ctx, areas: &[Area]) -> String {
    areas
        .iter()
        .map(|a| cx.t(&format!("area.{}", area_key(*a))))
        .collect::<Vec<_>>()
        .join(", ")
}

fn activity_link(cx: &Ctx, t: &TocPart, i: usize) -> LinkV {
    let a = &t.activities[i];
    let mut l = cx.link(Kind::Aktivitet, &a.h.id);
    l.badge = Some(area_names(cx, &a.areas));
    l.badge_class = a.areas.first().map(|a| area_key(*a).into());
    l
}

/// The period of a horizon (`horisont`), if the report gives one.
fn horizon(t: &TocPart, kind: OutcomeKind) -> Option<crate::format::Span> {
    t.horizons[match kind {
        OutcomeKind::Kortsigtet => 0,
        OutcomeKind::Langsigtet => 1,
    }]
}

fn with_assumption(mut l: LinkV, cx: &Ctx, link: &LinkTo) -> LinkV {
    if let Some(a) = &link.assumption {
        l.note = Some(format!("{}: {a}", cx.t("toc.assumption")));
    }
    l
}

/// Outcomes an intervention leads to, through its activities and onwards.
pub fn outcomes_of_intervention(t: &TocPart, i: usize) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    let mut stack: Vec<usize> = t.interventions[i]
        .activities
        .iter()
        .flat_map(|a| t.activities[*a].outcomes.iter().map(|l| l.target))
        .collect();
    while let Some(o) = stack.pop() {
        if out.contains(&o) {
            continue;
        }
        out.push(o);
        stack.extend(t.outcomes[o].contributes_to.iter().map(|l| l.target));
    }
    out.sort_unstable();
    out
}

/// "Kortsigtede mål: juli 2016 – juni 2019" for each horizon given.
fn horizon_facts(cx: &Ctx, t: &TocPart) -> Vec<Fact> {
    [
        (
            OutcomeKind::Kortsigtet,
            "toc.short_outcomes",
            "toc-short-outcomes",
        ),
        (
            OutcomeKind::Langsigtet,
            "toc.long_outcomes",
            "toc-long-outcomes",
        ),
    ]
    .into_iter()
    .filter_map(|(kind, key, anchor)| {
        Some(Fact {
            label: cx.t(key),
            value: horizon(t, kind)?.long(cx.lang()),
            url: Some(url(&format!("forandringsteori.html#{anchor}"))),
        })
    })
    .collect()
}

pub fn render(cx: &mut Ctx) {
    let Some(t) = cx.report.toc.as_ref() else {
        return;
    };
    let mut sections = Vec::new();
    if let Some(aim) = cx.md_opt(&t.aim) {
        sections.push(Section {
            id: "formaal".into(),
            heading: cx.t("toc.aim"),
            html: Some(aim),
            ..Default::default()
        });
    }
    // Overview for the steering group: interventions → outcomes, split by
    // horizon. Outcomes no intervention leads to are drawn too; they get a
    // row of their own so that the table says everything the diagram shows.
    let row = |head: Cell, outs: &[usize]| -> Vec<Cell> {
        let of = |kind: OutcomeKind| Cell {
            links: outs
                .iter()
                .filter(|o| t.outcomes[**o].kind == kind)
                .map(|o| cx.link(Kind::Maal, &t.outcomes[*o].h.id))
                .collect(),
            ..Default::default()
        };
        vec![
            head,
            of(OutcomeKind::Kortsigtet),
            of(OutcomeKind::Langsigtet),
        ]
    };
    let mut reached = vec![false; t.outcomes.len()];
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for (ii, i) in t.interventions.iter().enumerate() {
        let outs = outcomes_of_intervention(t, ii);
        for o in &outs {
            reached[*o] = true;
        }
        let head = Cell {
            links: vec![cx.link(Kind::Indsats, &i.h.id)],
            header: true,
            ..Default::default()
        };
        rows.push(row(head, &outs));
    }
    let unreached: Vec<usize> = (0..t.outcomes.len()).filter(|o| !reached[*o]).collect();
    if !unreached.is_empty() {
        let head = Cell {
            text: cx.t("toc.no_intervention"),
            header: true,
            ..Default::default()
        };
        rows.push(row(head, &unreached));
    }
    // On paper the detailed diagram is drawn wider, so lower: fewer bands.
    let detailed =
        diagrams::toc::diagram_screen_print(cx.report, View::Detailed, &cx.theme.strings).map(
            |(screen, print)| {
                cx.print_svgs.push((screen.clone(), print));
                screen
            },
        );
    let figure = |svg: Option<String>, key: &str, anchor: &str| {
        svg.map(|svg| Figure {
            svg,
            caption: cx.t(key),
            text_equivalent: Some(anchor.into()),
        })
    };
    let overview_figure = figure(
        diagrams::toc::diagram(cx.report, View::Overview, &cx.theme.strings),
        "diagram.toc_overview_caption",
        "overblik",
    );
    let detailed_figure = figure(detailed, "diagram.toc_detailed_caption", "detaljeret");
    sections.push(Section {
        id: "overblik".into(),
        heading: cx.t("toc.overview"),
        note: Some(cx.t("toc.overview_note")),
        figure: overview_figure,
        table: Some(Table {
            caption: cx.t("toc.overview_caption"),
            head: vec![
                cx.t("kind.indsats"),
                cx.t("toc.short_outcomes"),
                cx.t("toc.long_outcomes"),
            ],
            numeric: vec![false; 3],
            rows,
            foot: None,
        }),
        ..Default::default()
    });
    sections.push(Section {
        id: "detaljeret".into(),
        heading: cx.t("toc.detailed"),
        note: Some(cx.t("toc.detailed_note")),
        figure: detailed_figure,
        children: super::toc_list::node_sections(
            cx,
            t,
            super::toc_list::Extras {
                hypotheses: true,
                trace: false,
            },
            "detaljeret-",
        ),
        ..Default::default()
    });
    let mut by_area = Vec::new();
    for area in AREAS {
        let links: Vec<LinkV> = t
            .activities
            .iter()
            .enumerate()
            .filter(|(_, a)| a.areas.contains(&area))
            .map(|(i, _)| activity_link(cx, t, i))
            .collect();
        by_area.push(Section {
            id: format!("omraade-{}", area_key(area)),
            heading: cx.t(&format!("area.{}", area_key(area))),
            links,
            empty: Some(cx.t("toc.no_activities")),
            ..Default::default()
        });
    }
    sections.push(Section {
        id: "omraader".into(),
        heading: cx.t("toc.by_area"),
        children: by_area,
        ..Default::default()
    });
    for (kind, key) in [
        (OutcomeKind::Kortsigtet, "toc.short_outcomes"),
        (OutcomeKind::Langsigtet, "toc.long_outcomes"),
    ] {
        let links = t
            .outcomes
            .iter()
            .enumerate()
            .filter(|(_, o)| o.kind == kind)
            .map(|(i, _)| outcome_link(cx, t, i))
            .collect();
        sections.push(Section {
            id: key.replace(['.', '_'], "-"),
            heading: cx.t(key),
            links,
            ..Default::default()
        });
    }
    let title = cx.t("part.toc");
    let mut v = cx.page(
        "forandringsteori.html",
        &title,
        "forandringsteori",
        "forandringsteori.html",
    );
    v.breadcrumbs = cx.crumbs(None);
    v.lead = Some(cx.t("toc.lead"));
    v.facts = horizon_facts(cx, t);
    v.sections = sections;
    v.toc = toc_of(&v.sections);
    cx.emit("forandringsteori.html", "page.html", &v);

    let crumbs = cx.crumbs(Some(("part.toc", "forandringsteori.html")));
    for (ii, i) in t.interventions.iter().enumerate() {
        let path = Kind::Indsats.url(&i.h.id);
        let mut sections = Vec::new();
        sections.extend(cx.description(&i.description));
        let hyps: Vec<LinkV> = match cx.report.analysis.as_ref() {
            Some(a) => i
                .hypotheses
                .iter()
                .map(|h| cx.link(Kind::Hypotese, &a.hypotheses[*h].h.id))
                .collect(),
            None => Vec::new(),
        };
        sections.push(cx.link_section(
            "hypoteser",
            "intervention.hypotheses",
            hyps,
            "intervention.no_hypotheses",
        ));
        let acts = i
            .activities
            .iter()
            .map(|a| activity_link(cx, t, *a))
            .collect();
        sections.push(cx.link_section(
            "aktiviteter",
            "intervention.activities",
            acts,
            "intervention.no_activities",
        ));
        let outs = outcomes_of_intervention(t, ii)
            .into_iter()
            .map(|o| outcome_link(cx, t, o))
            .collect();
        sections.push(cx.link_section(
            "maal",
            "intervention.outcomes",
            outs,
            "intervention.no_outcomes",
        ));
        let mut v = cx.page(&path, &i.h.title, "indsats", "forandringsteori.html");
        v.breadcrumbs = crumbs.clone();
        v.kind_label = Some(cx.t("kind.indsats"));
        v.sections = sections;
        cx.emit(&path, "page.html", &v);
    }
    for a in &t.activities {
        let path = Kind::Aktivitet.url(&a.h.id);
        let mut sections = Vec::new();
        sections.extend(cx.description(&a.description));
        let ints = a
            .interventions
            .iter()
            .map(|i| cx.link(Kind::Indsats, &t.interventions[*i].h.id))
            .collect();
        sections.push(cx.link_section("indsatser", "activity.interventions", ints, "common.none"));
        if let Some(an) = cx.report.analysis.as_ref() {
            let mut hyps: Vec<usize> = a
                .interventions
                .iter()
                .flat_map(|i| t.interventions[*i].hypotheses.iter().copied())
                .collect();
            hyps.sort_unstable();
            hyps.dedup();
            if !hyps.is_empty() {
                let links = hyps
                    .iter()
                    .map(|h| cx.link(Kind::Hypotese, &an.hypotheses[*h].h.id))
                    .collect();
                sections.push(Section {
                    id: "hypoteser".into(),
                    heading: cx.t("activity.hypotheses"),
                    links,
                    ..Default::default()
                });
            }
        }
        let outs = a
            .outcomes
            .iter()
            .map(|l| with_assumption(outcome_link(cx, t, l.target), cx, l))
            .collect();
        sections.push(cx.link_section("maal", "activity.outcomes", outs, "activity.no_outcomes"));
        let actions = match cx.report.plan.as_ref() {
            Some(p) => a
                .actions
                .iter()
                .map(|x| cx.link(Kind::Handling, &p.actions[*x].h.id))
                .collect(),
            None => Vec::new(),
        };
        sections.push(cx.link_section(
            "handlinger",
            "activity.actions",
            actions,
            "activity.no_actions",
        ));
        sections.extend(super::actors::backlinks(cx, Kind::Aktivitet, &a.h.id));
        let mut v = cx.page(&path, &a.h.title, "aktivitet", "forandringsteori.html");
        v.breadcrumbs = crumbs.clone();
        v.kind_label = Some(cx.t("kind.aktivitet"));
        let anchor = match a.areas.as_slice() {
            [one] => format!("omraade-{}", area_key(*one)),
            _ => "omraader".into(),
        };
        v.facts = vec![Fact {
            label: cx.t(if a.areas.len() == 1 {
                "activity.area"
            } else {
                "activity.areas"
            }),
            value: area_names(cx, &a.areas),
            url: Some(url(&format!("forandringsteori.html#{anchor}"))),
        }];
        v.sections = sections;
        cx.emit(&path, "page.html", &v);
    }
    for o in &t.outcomes {
        let path = Kind::Maal.url(&o.h.id);
        let mut sections = Vec::new();
        sections.extend(cx.description(&o.description));
        let from_acts = o
            .from_activities
            .iter()
            .map(|l| with_assumption(activity_link(cx, t, l.target), cx, l))
            .collect();
        sections.push(cx.link_section(
            "aktiviteter",
            "outcome.from_activities",
            from_acts,
            "common.none",
        ));
        let me = t
            .outcomes
            .iter()
            .position(|x| x.h.id == o.h.id)
            .unwrap_or(0);
        let ints: Vec<LinkV> = (0..t.interventions.len())
            .filter(|i| outcomes_of_intervention(t, *i).contains(&me))
            .map(|i| cx.link(Kind::Indsats, &t.interventions[i].h.id))
            .collect();
        if !ints.is_empty() {
            sections.push(Section {
                id: "indsatser".into(),
                heading: cx.t("outcome.interventions"),
                links: ints,
                ..Default::default()
            });
        }
        if o.kind == OutcomeKind::Langsigtet || !o.from_outcomes.is_empty() {
            let from = o
                .from_outcomes
                .iter()
                .map(|l| with_assumption(outcome_link(cx, t, l.target), cx, l))
                .collect();
            sections.push(cx.link_section("bidrag", "outcome.from_outcomes", from, "common.none"));
        }
        if !o.contributes_to.is_empty() || o.kind == OutcomeKind::Kortsigtet {
            let to = o
                .contributes_to
                .iter()
                .map(|l| with_assumption(outcome_link(cx, t, l.target), cx, l))
                .collect();
            sections.push(cx.link_section(
                "bidrager-til",
                "outcome.contributes_to",
                to,
                "common.none",
            ));
        }
        let mut ind_section = Section {
            id: "indikatorer".into(),
            heading: cx.t("outcome.indicators"),
            ..Default::default()
        };
        if let Some(k) = cx.report.key_figures.as_ref() {
            for ind in &o.indicators {
                let mut l = cx.link(Kind::Noegletal, &k.figures[ind.key_figure].h.id);
                let dir = ind.direction.map(|d| {
                    cx.t(match d {
                        crate::content::raw::Direction::Falde => "indicator.down",
                        crate::content::raw::Direction::Stige => "indicator.up",
                    })
                });
                l.note = match (dir, &ind.description) {
                    (Some(d), Some(s)) => Some(format!("{d}. {s}")),
                    (Some(d), None) => Some(d),
                    (None, s) => s.clone(),
                };
                ind_section.links.push(l);
            }
        }
        if o.indicators.is_empty() {
            ind_section.notices.push(Notice {
                text: cx.t("outcome.no_indicator"),
                link: None,
                hint: Some(cx.t("outcome.no_indicator_hint")),
            });
        }
        sections.push(ind_section);
        if !o.assumptions.is_empty() {
            sections.push(Section {
                id: "antagelser".into(),
                heading: cx.t("outcome.assumptions"),
                items: o.assumptions.clone(),
                ..Default::default()
            });
        }
        let actions = match cx.report.plan.as_ref() {
            Some(p) => o
                .actions
                .iter()
                .map(|x| cx.link(Kind::Handling, &p.actions[*x].h.id))
                .collect(),
            None => Vec::new(),
        };
        sections.push(cx.link_section("handlinger", "outcome.actions", actions, "common.none"));
        if let Some(c) = cx.report.case_review.as_ref()
            && !o.criteria.is_empty()
        {
            let crit = o
                .criteria
                .iter()
                .map(|x| cx.link(Kind::Kriterie, &c.criteria[*x].h.id))
                .collect();
            sections.push(Section {
                id: "kriterier".into(),
                heading: cx.t("outcome.criteria"),
                links: crit,
                ..Default::default()
            });
        }
        let mut v = cx.page(&path, &o.h.title, "maal", "forandringsteori.html");
        v.breadcrumbs = crumbs.clone();
        v.kind_label = Some(cx.t(match o.kind {
            OutcomeKind::Kortsigtet => "outcome.short",
            OutcomeKind::Langsigtet => "outcome.long",
        }));
        if let Some(span) = horizon(t, o.kind) {
            v.facts = vec![Fact {
                label: cx.t("toc.horizon"),
                value: span.long(cx.lang()),
                url: None,
            }];
        }
        v.sections = sections;
        cx.emit(&path, "page.html", &v);
    }
}
