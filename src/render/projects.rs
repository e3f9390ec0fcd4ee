//! Pages of the projects (projekter): the overview table, one page per
//! project, and the "Projekter" backlinks on focus-area and action pages.

use super::Ctx;
use super::plan::{status, status_class};
use super::views::*;
use crate::content::model::{Kind, Project, backlinks_of};
use crate::format::kroner;

const PATH: &str = "projekter.html";

/// The project's facts in table order: partner, financing, period, status,
/// budget; "Ikke oplyst" where the source does not say.
fn facts(cx: &Ctx, x: &Project) -> Vec<(String, String)> {
    let none = || cx.t("ikke_oplyst");
    vec![
        (
            cx.t("projects.partner"),
            x.partner.clone().unwrap_or_else(none),
        ),
        (
            cx.t("projects.financing"),
            x.financing.clone().unwrap_or_else(none),
        ),
        (
            cx.t("projects.period"),
            x.period.map_or_else(none, |s| s.long(cx.lang())),
        ),
        (cx.t("projects.status"), status(cx, x.status)),
        (cx.t("projects.budget"), x.budget.map_or_else(none, kroner)),
    ]
}

fn project_link(cx: &Ctx, x: &Project) -> LinkV {
    let mut l = cx.link(Kind::Projekt, &x.h.id);
    l.badge = Some(status(cx, x.status));
    l.badge_class = Some(status_class(x.status));
    l
}

pub fn render(cx: &mut Ctx) {
    let report = cx.report;
    let Some(p) = report.projects.as_ref() else {
        return;
    };
    let mut sections = Vec::new();
    if let Some(i) = cx.md_opt(&p.intro) {
        sections.push(Section {
            id: "indledning".into(),
            heading: cx.t("projects.intro"),
            html: Some(i),
            ..Default::default()
        });
    }
    let mut head = vec![cx.t("kind.projekt")];
    let rows = p
        .projects
        .iter()
        .map(|x| {
            let f = facts(cx, x);
            let mut row = vec![Cell {
                links: vec![cx.link(Kind::Projekt, &x.h.id)],
                header: true,
                ..Default::default()
            }];
            let last = f.len() - 1;
            row.extend(f.into_iter().enumerate().map(|(i, (_, v))| {
                if i == last && x.budget.is_some() {
                    Cell::num(v)
                } else {
                    Cell::text(v)
                }
            }));
            row
        })
        .collect();
    if let Some(x) = p.projects.first() {
        head.extend(facts(cx, x).into_iter().map(|(k, _)| k));
    }
    let numeric = vec![false, false, false, false, false, true];
    sections.push(Section {
        id: "projekter".into(),
        heading: cx.t("projects.list"),
        table: (!p.projects.is_empty()).then(|| Table {
            caption: cx.t("projects.caption"),
            head,
            rows,
            numeric,
            foot: None,
        }),
        empty: Some(cx.t("common.none")),
        ..Default::default()
    });
    let title = cx.t("part.projects");
    cx.emit_overview(PATH, &title, "projekter", sections);

    let crumbs = cx.crumbs(Some(("part.projects", PATH)));
    for x in &p.projects {
        let path = Kind::Projekt.url(&x.h.id);
        let mut sections = Vec::new();
        sections.extend(cx.description(&x.description));
        if let Some(plan) = report.plan.as_ref() {
            let areas = x
                .focus_areas
                .iter()
                .map(|i| cx.link(Kind::Fokusomraade, &plan.focus_areas[*i].h.id))
                .collect();
            sections.push(cx.link_section(
                "fokusomraader",
                "projects.focus_areas",
                areas,
                "common.none",
            ));
            let actions = x
                .actions
                .iter()
                .map(|i| cx.link(Kind::Handling, &plan.actions[*i].h.id))
                .collect();
            sections.push(cx.link_section(
                "handlinger",
                "projects.actions",
                actions,
                "common.none",
            ));
        }
        let mut v = cx.page(&path, &x.h.title, "projekt", PATH);
        v.breadcrumbs = crumbs.clone();
        v.kind_label = Some(cx.t("kind.projekt"));
        v.facts = facts(cx, x)
            .into_iter()
            .map(|(label, value)| Fact {
                label,
                value,
                url: None,
            })
            .collect();
        v.sections = sections;
        cx.emit(&path, "page.html", &v);
    }
}

/// The "Projekter" section on the page of a focus area or action, when
/// some project names it.
pub fn backlinks(cx: &Ctx, kind: Kind, id: &str) -> Option<Section> {
    let p = cx.report.projects.as_ref()?;
    let list = backlinks_of(&p.backlinks, kind, id);
    if list.is_empty() {
        return None;
    }
    let links = list
        .iter()
        .map(|i| project_link(cx, &p.projects[*i]))
        .collect();
    Some(cx.link_section("projekter", "part.projects", links, "common.none"))
}
