//! Pages of the actors (aktører): the overview with the ring diagram and
//! its text equivalent, one page per actor, and the "Aktører" backlinks on
//! the pages of actions and activities.

use super::Ctx;
use super::views::*;
use crate::content::model::{Actor, ActorsPart, Kind, backlinks_of};
use crate::content::raw::Circle;

const PATH: &str = "aktoerer.html";

fn actor_link(cx: &Ctx, a: &Actor) -> LinkV {
    let mut l = cx.link(Kind::Aktoer, &a.h.id);
    l.badge = a.group.clone();
    l
}

/// The actors of one ring, in the diagram's order: by group (in order of
/// first appearance), ungrouped last.
fn ring_links(cx: &Ctx, p: &ActorsPart, circle: Circle) -> Vec<LinkV> {
    let mut groups: Vec<Option<&str>> = Vec::new();
    for a in &p.actors {
        if let Some(g) = a.group.as_deref()
            && !groups.contains(&Some(g))
        {
            groups.push(Some(g));
        }
    }
    groups.push(None);
    groups
        .iter()
        .flat_map(|g| {
            p.actors
                .iter()
                .filter(move |a| a.circle == circle && a.group.as_deref() == *g)
        })
        .map(|a| actor_link(cx, a))
        .collect()
}

fn circle_label(cx: &Ctx, c: Circle) -> String {
    cx.t(&format!("actors.circle_{}", c.key()))
}

pub fn render(cx: &mut Ctx) {
    let report = cx.report;
    let Some(p) = report.actors.as_ref() else {
        return;
    };
    let mut sections = Vec::new();
    if let Some(i) = cx.md_opt(&p.intro) {
        sections.push(Section {
            id: "indledning".into(),
            heading: cx.t("actors.intro"),
            html: Some(i),
            ..Default::default()
        });
    }
    if let Some(svg) = crate::diagrams::actors::diagram(p, &cx.theme.strings) {
        // On the print page, the variant shaped for the portrait page.
        if let Some(print) = crate::diagrams::actors::diagram_print(p, &cx.theme.strings) {
            cx.print_svgs.push((svg.clone(), print));
        }
        sections.push(Section {
            id: "diagram".into(),
            heading: cx.t("actors.ring"),
            figure: Some(Figure {
                svg,
                caption: cx.t("diagram.actors_caption"),
                text_equivalent: Some("liste".into()),
            }),
            ..Default::default()
        });
    }
    let mut rings = Vec::new();
    for (c, key, id) in [
        (Circle::Primaer, "actors.primary", "primaere"),
        (Circle::Sekundaer, "actors.secondary", "sekundaere"),
    ] {
        let links = ring_links(cx, p, c);
        if !links.is_empty() {
            rings.push(Section {
                id: id.into(),
                heading: cx.t(key),
                links,
                ..Default::default()
            });
        }
    }
    let centre = p.centre.clone().unwrap_or_else(|| cx.t("actors.centre"));
    sections.push(Section {
        id: "liste".into(),
        heading: cx.t("actors.list"),
        note: Some(format!(
            "{} {centre}. {}",
            cx.t("actors.in_centre"),
            cx.t("actors.list_note")
        )),
        children: rings,
        empty: Some(cx.t("common.none")),
        ..Default::default()
    });
    let title = cx.t("part.actors");
    cx.emit_overview(PATH, &title, "aktoerer", sections);

    let crumbs = cx.crumbs(Some(("part.actors", PATH)));
    for a in &p.actors {
        let path = Kind::Aktoer.url(&a.h.id);
        let mut sections = Vec::new();
        sections.extend(cx.description(&a.description));
        if let Some(plan) = report.plan.as_ref() {
            let links = a
                .actions
                .iter()
                .map(|x| cx.link(Kind::Handling, &plan.actions[*x].h.id))
                .collect();
            sections.push(cx.link_section("handlinger", "actors.actions", links, "common.none"));
        }
        if let Some(t) = report.toc.as_ref() {
            let links = a
                .activities
                .iter()
                .map(|x| cx.link(Kind::Aktivitet, &t.activities[*x].h.id))
                .collect();
            sections.push(cx.link_section(
                "aktiviteter",
                "actors.activities",
                links,
                "common.none",
            ));
        }
        let mut v = cx.page(&path, &a.h.title, "aktoer", PATH);
        v.breadcrumbs = crumbs.clone();
        v.kind_label = Some(cx.t("kind.aktoer"));
        v.facts.push(Fact {
            label: cx.t("actors.circle"),
            value: circle_label(cx, a.circle),
            url: None,
        });
        if let Some(g) = &a.group {
            v.facts.push(Fact {
                label: cx.t("actors.group"),
                value: g.clone(),
                url: None,
            });
        }
        v.sections = sections;
        cx.emit(&path, "page.html", &v);
    }
}

/// The "Aktører" section on the page of an action or activity, when some
/// actor names it.
pub fn backlinks(cx: &Ctx, kind: Kind, id: &str) -> Option<Section> {
    let p = cx.report.actors.as_ref()?;
    let links = backlinks_of(&p.backlinks, kind, id)
        .iter()
        .map(|i| actor_link(cx, &p.actors[*i]))
        .collect();
    cx.backlink_section("aktoerer", "part.actors", links)
}
