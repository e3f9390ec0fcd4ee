//! The front page (an overview of the whole report), free Markdown pages
//! (sider) and the 404 page.

use super::views::*;
use super::{Ctx, url};
use crate::content::model::{Kind, Page};
use crate::format::{kroner, number};

mod findings;

pub fn render(cx: &mut Ctx) {
    let report = cx.report;
    let mut sections = Vec::new();
    // Read through `deps`, so that only this part depends on forside.md.
    crate::deps::note(|| crate::deps::Dep::Front);
    if let Some(f) = &report.front {
        let html = cx.md(f).html;
        sections.push(Section {
            id: "indledning".into(),
            html: Some(html),
            ..Default::default()
        });
    }
    let mut cards = Vec::new();
    if let Some(a) = &report.analysis {
        cards.push(Card {
            title: cx.t("part.analysis"),
            url: url("modenhedsanalyse.html"),
            text: cx.t("front.analysis"),
            stats: vec![
                cx.count(a.themes.len(), "front.theme", "front.themes"),
                cx.count(a.hypotheses.len(), "front.hypothesis", "front.hypotheses"),
            ],
        });
    }
    if let Some(t) = &report.toc {
        cards.push(Card {
            title: cx.t("part.toc"),
            url: url("forandringsteori.html"),
            text: cx.t("front.toc"),
            stats: vec![
                cx.count(
                    t.interventions.len(),
                    "front.intervention",
                    "front.interventions",
                ),
                cx.count(t.activities.len(), "front.activity", "front.activities"),
                cx.count(t.outcomes.len(), "front.outcome", "front.outcomes"),
            ],
        });
    }
    if let Some(p) = &report.plan {
        let total = p.total_budget();
        let mut stats = vec![
            cx.count(p.focus_areas.len(), "front.focus_area", "front.focus_areas"),
            cx.count(p.actions.len(), "front.action", "front.actions"),
        ];
        if total > 0 {
            stats.push(format!("{} {}", cx.t("front.budget"), kroner(total)));
        }
        cards.push(Card {
            title: p.title.clone().unwrap_or_else(|| cx.t("part.plan")),
            url: url("udviklingsplan.html"),
            text: cx.t("front.plan"),
            stats,
        });
    }
    if let Some(s) = &report.services {
        cards.push(Card {
            title: cx.t("part.services"),
            url: url("tilbudsvifte.html"),
            text: cx.t("front.services"),
            stats: vec![
                cx.count(s.services.len(), "front.service", "front.services_n"),
                cx.count(s.gaps.len(), "front.gap", "front.gaps"),
                cx.count(s.overlaps.len(), "front.overlap", "front.overlaps"),
            ],
        });
    }
    if let Some(k) = &report.key_figures {
        // "Compared with other municipalities" only when there is something
        // to compare with.
        let compared = k.figures.iter().any(|f| f.has_comparison());
        cards.push(Card {
            title: cx.t("part.figures"),
            url: url("noegletal.html"),
            text: cx.t(if compared {
                "front.figures"
            } else {
                "front.figures_alone"
            }),
            stats: vec![cx.count(k.figures.len(), "front.figure", "front.figures_n")],
        });
    }
    if let Some(c) = &report.case_review {
        cards.push(Card {
            title: c.title.clone().unwrap_or_else(|| cx.t("part.cases")),
            url: url("sagsanalyse.html"),
            text: cx.t("front.cases"),
            stats: c
                .cases
                .map(|n| format!("{n} {}", cx.t("cases.cases")))
                .into_iter()
                .chain([cx.count(c.criteria.len(), "front.criterion", "front.criteria")])
                .collect(),
        });
    }
    if let Some(a) = &report.actors {
        cards.push(Card {
            title: cx.t("part.actors"),
            url: url("aktoerer.html"),
            text: cx.t("front.actors"),
            stats: vec![cx.count(a.actors.len(), "front.actor", "front.actors_n")],
        });
    }
    if let Some(p) = &report.projects {
        cards.push(Card {
            title: cx.t("part.projects"),
            url: url("projekter.html"),
            text: cx.t("front.projects"),
            stats: vec![cx.count(p.projects.len(), "front.project", "front.projects_n")],
        });
    }
    if report.analysis.is_some() || report.toc.is_some() {
        cards.push(Card {
            title: cx.t("part.trace"),
            url: url("sporbarhed.html"),
            text: cx.t("front.trace"),
            stats: Vec::new(),
        });
    }
    if !report.pages.is_empty() {
        let mut links = page_links(cx);
        if links.len() > super::MAX_NAV_PAGES {
            // The first pages, then the list page: a front page with
            // hundreds of links helps no one.
            links.truncate(super::MAX_NAV_PAGES);
            links.push(LinkV {
                title: cx
                    .t("front.all_pages")
                    .replace("{n}", &number(report.pages.len() as f64, 0)),
                url: url("sider.html"),
                ..Default::default()
            });
        }
        sections.push(Section {
            id: "sider".into(),
            heading: cx.t("nav.pages"),
            links,
            ..Default::default()
        });
    }
    let title = report.settings.title.clone();
    let mut v = cx.page("index.html", &title, "forside", "index.html");
    v.lead = report.settings.subtitle.clone();
    v.cards = cards;
    v.sections = sections;
    v.newest_round = super::followup::newest_round(cx); // == followup (issue 16) ==
    v.front = findings::findings(cx);
    cx.emit("index.html", "index.html", &v);
}

/// Links to every free page with its one-line description.
fn page_links(cx: &Ctx) -> Vec<LinkV> {
    cx.report
        .pages
        .iter()
        .map(|p| LinkV {
            note: p.description.clone(),
            ..cx.link(Kind::Side, &p.h.id)
        })
        .collect()
}

/// `sider.html`, the list of free pages, when there are too many for the
/// sidebar.
pub fn render_page_list(cx: &mut Ctx) {
    if cx.report.pages.len() > super::MAX_NAV_PAGES {
        let title = cx.t("nav.pages");
        let mut v = cx.page("sider.html", &title, "sider", "sider.html");
        v.breadcrumbs = cx.crumbs(None);
        v.sections = vec![Section {
            links: page_links(cx),
            ..Default::default()
        }];
        cx.emit("sider.html", "page.html", &v);
    }
}

/// One free page (run on the worker threads).
pub fn render_page(cx: &mut Ctx, p: &Page) {
    let many = cx.report.pages.len() > super::MAX_NAV_PAGES;
    let path = Kind::Side.url(&p.h.id);
    let html = cx.md(&p.body);
    let active = if many {
        "sider.html".to_string()
    } else {
        path.clone()
    };
    let mut v = cx.page(&path, &p.h.title, "side", &active);
    v.breadcrumbs = if many {
        cx.crumbs(Some(("nav.pages", "sider.html")))
    } else {
        cx.crumbs(None)
    };
    v.lead = p.description.clone();
    v.sections = vec![Section {
        html: Some(html.html),
        ..Default::default()
    }];
    if html.headings.iter().filter(|h| h.level == 2).count() >= 3 {
        v.toc = html
            .headings
            .iter()
            .filter(|h| h.level == 2)
            .map(|h| LinkV {
                title: h.text.clone(),
                url: format!("#{}", h.id),
                ..Default::default()
            })
            .collect();
    }
    cx.emit(&path, "page.html", &v);
}

pub fn render_404(cx: &mut Ctx) {
    let title = cx.t("404.title");
    let mut v = cx.page("404.html", &title, "ikke-fundet", "");
    v.lead = Some(cx.t("404.text"));
    cx.emit("404.html", "404.html", &v);
}
