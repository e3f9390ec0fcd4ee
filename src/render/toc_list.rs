//! The theory of change as text, each node once: grouped by column (and,
//! for activities, by lane: the area), each with the nodes it leads to
//! ("Fører til"). The text equivalent of the detailed diagram
//! (forandringsteori) names each arrow once, at its source. The
//! traceability page (sporbarhed) adds what each node builds on ("Bygger
//! på") and the indicators (key figures) and actions that follow it
//! ("Følges med"), so a chain can be read both ways. A network expanded
//! into a tree repeats each outcome dozens of times; these lists grow with
//! the number of nodes and links only.

use super::Ctx;
use super::views::{LinkV, NodeEntry, Relation, Section};
use crate::content::model::{Kind, LinkTo, TocPart};
use crate::content::raw::OutcomeKind;
use crate::diagrams::toc::{lane_label, lane_of};

/// What the tables show beyond the theory of change itself.
#[derive(Clone, Copy)]
pub struct Extras {
    /// Hypotheses from the analysis, as the first group.
    pub hypotheses: bool,
    /// What each node builds on, and the indicators of outcomes and the
    /// actions of activities and outcomes.
    pub trace: bool,
}

/// One node's row: the node, what it builds on, what it leads to, what
/// follows it (indicators, actions).
struct Row {
    /// An anchor for the entry.
    id: Option<String>,
    node: LinkV,
    from: Vec<LinkV>,
    to: Vec<LinkV>,
    follow: Vec<LinkV>,
}

fn linked(cx: &Ctx, kind: Kind, id: &str, assumption: Option<&String>) -> LinkV {
    let mut l = cx.link(kind, id);
    if let Some(a) = assumption {
        l.note = Some(format!("({}: {a})", cx.t("toc.assumption").to_lowercase()));
    }
    l
}

fn badged(mut l: LinkV, cx: &Ctx, kind: &str) -> LinkV {
    l.badge = Some(cx.t(&format!("kind.{kind}")));
    l.badge_class = Some(kind.into());
    l
}

fn outcome_links(cx: &Ctx, t: &TocPart, ls: &[LinkTo]) -> Vec<LinkV> {
    ls.iter()
        .map(|l| {
            linked(
                cx,
                Kind::Maal,
                &t.outcomes[l.target].h.id,
                l.assumption.as_ref(),
            )
        })
        .collect()
}

fn actions(cx: &Ctx, ids: &[usize], extras: Extras) -> Vec<LinkV> {
    match (extras.trace, cx.report.plan.as_ref()) {
        (true, Some(p)) => ids
            .iter()
            .map(|x| badged(cx.link(Kind::Handling, &p.actions[*x].h.id), cx, "handling"))
            .collect(),
        _ => Vec::new(),
    }
}

/// The groups, in the diagram's order: hypotheses, interventions,
/// activities lane by lane, short-term and long-term outcomes; each a
/// section with a table. `prefix` makes the groups' ids unique on the page.
pub fn node_sections(cx: &Ctx, t: &TocPart, extras: Extras, prefix: &str) -> Vec<Section> {
    let report = cx.report;
    let mut groups: Vec<(String, String, Vec<Row>)> = Vec::new();
    let analysis = report.analysis.as_ref().filter(|_| extras.hypotheses);
    if let Some(a) = analysis {
        let rows = a
            .hypotheses
            .iter()
            .map(|h| {
                let mut node = cx.link(Kind::Hypotese, &h.h.id);
                if h.interventions.is_empty() {
                    node.note = Some(cx.t("trace.not_taken_up"));
                }
                Row {
                    // "Se hele kæden" on a hypothesis's page lands here.
                    id: extras.trace.then(|| h.h.id.clone()),
                    node,
                    from: Vec::new(),
                    to: h
                        .interventions
                        .iter()
                        .map(|i| cx.link(Kind::Indsats, &t.interventions[*i].h.id))
                        .collect(),
                    follow: Vec::new(),
                }
            })
            .collect();
        groups.push(("hypoteser".into(), cx.t("diagram.col.hypotheses"), rows));
    }
    let rows = t
        .interventions
        .iter()
        .map(|i| Row {
            id: None,
            node: cx.link(Kind::Indsats, &i.h.id),
            from: analysis.map_or(Vec::new(), |a| {
                i.hypotheses
                    .iter()
                    .map(|h| cx.link(Kind::Hypotese, &a.hypotheses[*h].h.id))
                    .collect()
            }),
            to: i
                .activities
                .iter()
                .map(|a| cx.link(Kind::Aktivitet, &t.activities[*a].h.id))
                .collect(),
            follow: Vec::new(),
        })
        .collect();
    groups.push(("indsatser".into(), cx.t("diagram.col.interventions"), rows));
    for lane in 0..5 {
        let rows: Vec<Row> = t
            .activities
            .iter()
            .filter(|a| lane_of(&a.areas) == lane)
            .map(|a| {
                let mut node = cx.link(Kind::Aktivitet, &a.h.id);
                if a.areas.len() > 1 {
                    node.note = Some(format!("({})", super::toc::area_names(cx, &a.areas)));
                }
                Row {
                    id: None,
                    node,
                    from: a
                        .interventions
                        .iter()
                        .map(|i| cx.link(Kind::Indsats, &t.interventions[*i].h.id))
                        .collect(),
                    to: outcome_links(cx, t, &a.outcomes),
                    follow: actions(cx, &a.actions, extras),
                }
            })
            .collect();
        if !rows.is_empty() {
            groups.push((
                format!("aktiviteter-{}", lane_slug(lane)),
                format!(
                    "{}: {}",
                    cx.t("diagram.col.activities"),
                    lane_label(lane, &cx.theme.strings)
                ),
                rows,
            ));
        }
    }
    for (kind, key, id) in [
        (OutcomeKind::Kortsigtet, "diagram.col.short", "kortsigtede"),
        (OutcomeKind::Langsigtet, "diagram.col.long", "langsigtede"),
    ] {
        let rows = t
            .outcomes
            .iter()
            .filter(|o| o.kind == kind)
            .map(|o| {
                let mut from: Vec<LinkV> = o
                    .from_activities
                    .iter()
                    .map(|l| {
                        let a = &t.activities[l.target].h.id;
                        linked(cx, Kind::Aktivitet, a, l.assumption.as_ref())
                    })
                    .collect();
                from.extend(o.from_outcomes.iter().map(|l| {
                    linked(
                        cx,
                        Kind::Maal,
                        &t.outcomes[l.target].h.id,
                        l.assumption.as_ref(),
                    )
                }));
                let mut node = cx.link(Kind::Maal, &o.h.id);
                if !o.assumptions.is_empty() {
                    node.note = Some(format!(
                        "({}: {})",
                        cx.t("outcome.assumptions").to_lowercase(),
                        o.assumptions.join(" · ")
                    ));
                }
                let mut follow = Vec::new();
                if let (true, Some(k)) = (extras.trace, report.key_figures.as_ref()) {
                    follow.extend(o.indicators.iter().map(|i| {
                        badged(
                            cx.link(Kind::Noegletal, &k.figures[i.key_figure].h.id),
                            cx,
                            "noegletal",
                        )
                    }));
                }
                follow.extend(actions(cx, &o.actions, extras));
                Row {
                    id: None,
                    node,
                    from,
                    to: outcome_links(cx, t, &o.contributes_to),
                    follow,
                }
            })
            .collect::<Vec<_>>();
        if !rows.is_empty() {
            groups.push((id.into(), cx.t(key), rows));
        }
    }
    let rel = |key: &str, links: Vec<LinkV>| {
        (!links.is_empty()).then(|| Relation {
            label: cx.t(key),
            links,
        })
    };
    groups
        .into_iter()
        .map(|(id, heading, rows)| Section {
            id: format!("{prefix}{id}"),
            heading,
            nodes: rows
                .into_iter()
                .map(|r| {
                    let mut relations = Vec::new();
                    if extras.trace {
                        relations.extend(rel("toc.builds_on", r.from));
                    }
                    relations.extend(rel("toc.leads_to", r.to));
                    relations.extend(rel("trace.followed_by", r.follow));
                    NodeEntry {
                        id: r.id,
                        link: r.node,
                        relations,
                    }
                })
                .collect(),
            ..Default::default()
        })
        .collect()
}

/// A lane's part of a section id.
fn lane_slug(lane: usize) -> &'static str {
    [
        "myndighed",
        "tilbudsvifte",
        "almenomraade",
        "flere-omraader",
        "uden-omraade",
    ]
    .get(lane)
    .copied()
    .unwrap_or("andet")
}
