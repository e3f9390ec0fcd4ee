//! Pages of the case review (sagsanalyse): results per criterion as a table
//! and bars, and one page per criterion with its examples.

use super::Ctx;
use super::analysis::toc_of;
use super::views::*;
use crate::content::model::{CaseReviewPart, Criterion, Kind};
use crate::format::percent;

fn share(n: u32, total: u32) -> f64 {
    if total == 0 {
        0.0
    } else {
        100.0 * n as f64 / total as f64
    }
}

pub fn results_table(cx: &Ctx, c: &CaseReviewPart) -> Table {
    let mut head = vec![cx.t("kind.kriterie")];
    head.extend(c.scale.iter().map(|s| s.1.clone()));
    let rows = c
        .criteria
        .iter()
        .map(|k| {
            let mut row = vec![Cell {
                links: vec![cx.link(Kind::Kriterie, &k.h.id)],
                header: true,
                ..Default::default()
            }];
            row.extend(
                k.results
                    .iter()
                    .map(|n| Cell::num(format!("{n} ({})", percent(share(*n, c.cases), 0)))),
            );
            row
        })
        .collect();
    let mut numeric = vec![false];
    numeric.extend(c.scale.iter().map(|_| true));
    Table {
        caption: format!(
            "{} ({} {})",
            cx.t("cases.results_caption"),
            c.cases,
            cx.t("cases.cases")
        ),
        head,
        rows,
        numeric,
        foot: None,
    }
}

fn bars(c: &CaseReviewPart, k: &Criterion) -> Vec<Bar> {
    c.scale
        .iter()
        .zip(&k.results)
        .map(|(s, n)| Bar {
            label: s.1.clone(),
            value: format!("{n} ({})", percent(share(*n, c.cases), 0)),
            percent: share(*n, c.cases),
        })
        .collect()
}

pub fn render(cx: &mut Ctx) {
    let report = cx.report;
    let Some(c) = report.case_review.as_ref() else {
        return;
    };
    let mut sections = Vec::new();
    if let Some(m) = cx.md_opt(&c.method) {
        sections.push(Section {
            id: "metode".into(),
            heading: cx.t("cases.method"),
            html: Some(m),
            ..Default::default()
        });
    }
    let figure = crate::diagrams::charts::case_review(c, &cx.theme.strings).map(|svg| Figure {
        svg,
        caption: cx.t("diagram.cases_caption"),
        text_equivalent: Some("resultater".into()),
    });
    sections.push(Section {
        id: "resultater".into(),
        heading: cx.t("cases.results"),
        figure,
        table: Some(results_table(cx, c)),
        ..Default::default()
    });
    let title = c.title.clone().unwrap_or_else(|| cx.t("part.cases"));
    let mut v = cx.page(
        "sagsanalyse.html",
        &title,
        "sagsanalyse",
        "sagsanalyse.html",
    );
    v.breadcrumbs = cx.crumbs(None);
    v.facts.push(Fact {
        label: cx.t("cases.count"),
        value: c.cases.to_string(),
        url: None,
    });
    if let Some(b) = &c.by {
        v.facts.push(Fact {
            label: cx.t("cases.by"),
            value: b.clone(),
            url: None,
        });
    }
    v.sections = sections;
    v.toc = toc_of(&v.sections);
    cx.emit("sagsanalyse.html", "page.html", &v);

    let crumbs = cx.crumbs(Some(("part.cases", "sagsanalyse.html")));
    for k in &c.criteria {
        let path = Kind::Kriterie.url(&k.h.id);
        let mut sections = Vec::new();
        sections.extend(cx.description(&k.description));
        sections.push(Section {
            id: "resultat".into(),
            heading: cx.t("cases.result"),
            note: Some(format!(
                "{} {} {}.",
                cx.t("cases.of"),
                c.cases,
                cx.t("cases.cases")
            )),
            bars: bars(c, k),
            ..Default::default()
        });
        if !k.examples.is_empty() {
            sections.push(Section {
                id: "eksempler".into(),
                heading: cx.t("cases.examples"),
                items: k.examples.clone(),
                ..Default::default()
            });
        }
        let outs: Vec<LinkV> = match report.toc.as_ref() {
            Some(t) => k
                .outcomes
                .iter()
                .map(|o| cx.link(Kind::Maal, &t.outcomes[*o].h.id))
                .collect(),
            None => Vec::new(),
        };
        sections.push(cx.link_section("maal", "cases.outcomes", outs, "common.none"));
        let mut v = cx.page(&path, &k.h.title, "kriterie", "sagsanalyse.html");
        v.breadcrumbs = crumbs.clone();
        v.kind_label = Some(cx.t("kind.kriterie"));
        v.sections = sections;
        cx.emit(&path, "page.html", &v);
    }
}
