//! Pages of the case review (sagsanalyse): results per criterion as a table
//! and bars, and one page per criterion with its examples.

use super::Ctx;
use super::analysis::toc_of;
use super::views::*;
use crate::content::model::{CaseReviewPart, Kind};
use crate::format::percent;

fn share(n: u32, total: u32) -> f64 {
    if total == 0 {
        0.0
    } else {
        100.0 * n as f64 / total as f64
    }
}

/// The number the shares of a criterion are taken of: `antal_sager` when
/// given, else the criterion's own sum.
fn base(c: &CaseReviewPart, results: &[u32]) -> u32 {
    c.cases
        .unwrap_or_else(|| results.iter().fold(0u32, |a, n| a.saturating_add(*n)))
}

/// The counts table, with a row per criterion that has counts; `None`
/// when none has.
pub fn results_table(cx: &Ctx, c: &CaseReviewPart) -> Option<Table> {
    let mut head = vec![cx.t("kind.kriterie")];
    head.extend(c.scale.iter().map(|s| s.1.clone()));
    let rows: Vec<Vec<Cell>> = c
        .criteria
        .iter()
        .filter_map(|k| k.results.as_ref().map(|r| (k, r)))
        .map(|(k, results)| {
            let mut row = vec![Cell {
                links: vec![cx.link(Kind::Kriterie, &k.h.id)],
                header: true,
                ..Default::default()
            }];
            let total = base(c, results);
            row.extend(
                results
                    .iter()
                    .map(|n| Cell::num(format!("{n} ({})", percent(share(*n, total), 0)))),
            );
            row
        })
        .collect();
    if rows.is_empty() {
        return None;
    }
    let mut numeric = vec![false];
    numeric.extend(c.scale.iter().map(|_| true));
    let caption = match c.cases {
        Some(n) => format!(
            "{} ({n} {})",
            cx.t("cases.results_caption"),
            cx.t("cases.cases")
        ),
        None => cx.t("cases.results_caption"),
    };
    Some(Table {
        caption,
        head,
        rows,
        numeric,
        foot: None,
    })
}

fn bars(c: &CaseReviewPart, results: &[u32]) -> Vec<Bar> {
    let total = base(c, results);
    c.scale
        .iter()
        .zip(results)
        .map(|(s, n)| Bar {
            label: s.1.clone(),
            value: format!("{n} ({})", percent(share(*n, total), 0)),
            percent: share(*n, total),
        })
        .collect()
}

/// Per criterion its findings in words and its examples, with a link to
/// its page; `None` when no criterion has either.
fn findings(cx: &mut Ctx, c: &CaseReviewPart) -> Option<Section> {
    if c.criteria
        .iter()
        .all(|k| k.findings.is_none() && k.examples.is_empty())
    {
        return None;
    }
    let children = c
        .criteria
        .iter()
        .map(|k| {
            // Findings, then examples, then the link to the criterion's page.
            let mut html = cx.md_opt(&k.findings).unwrap_or_default();
            if !k.examples.is_empty() {
                html.push_str(&format!(
                    "<h4>{}</h4><ul class=\"items\">",
                    cx.t("cases.examples")
                ));
                for e in &k.examples {
                    html.push_str(&format!("<li>{}</li>", crate::diagrams::esc(e)));
                }
                html.push_str("</ul>");
            }
            if html.is_empty() {
                // Neither findings nor examples for this criterion: say so.
                html = format!(
                    "<p class=\"section-note\">{}</p>",
                    crate::diagrams::esc(&cx.t("ikke_oplyst"))
                );
            }
            Section {
                id: format!("fund-{}", k.h.id),
                heading: k.h.title.clone(),
                html: Some(html),
                links: vec![LinkV {
                    title: cx.t("cases.criterion_page"),
                    ..cx.link(Kind::Kriterie, &k.h.id)
                }],
                ..Default::default()
            }
        })
        .collect();
    // The heading promises only what the content has.
    let any_findings = c.criteria.iter().any(|k| k.findings.is_some());
    let any_examples = c.criteria.iter().any(|k| !k.examples.is_empty());
    let heading = match (any_findings, any_examples) {
        (true, true) => "cases.findings_by_criterion",
        (true, false) => "cases.findings_only_by_criterion",
        _ => "cases.examples_by_criterion",
    };
    Some(Section {
        id: "fund".into(),
        heading: cx.t(heading),
        children,
        ..Default::default()
    })
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
    if let Some(table) = results_table(cx, c) {
        let figure = crate::diagrams::charts::case_review(c, &cx.theme.strings).map(|svg| Figure {
            svg,
            caption: cx.t("diagram.cases_caption"),
            text_equivalent: Some("resultater".into()),
        });
        sections.push(Section {
            id: "resultater".into(),
            heading: cx.t("cases.results"),
            figure,
            table: Some(table),
            ..Default::default()
        });
    }
    sections.extend(findings(cx, c));
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
        value: c
            .cases
            .map_or_else(|| cx.t("ikke_oplyst"), |n| n.to_string()),
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
        if let Some(html) = cx.md_opt(&k.findings) {
            sections.push(Section {
                id: "fund".into(),
                heading: cx.t("cases.findings"),
                html: Some(html),
                ..Default::default()
            });
        }
        match &k.results {
            Some(results) => sections.push(Section {
                id: "resultat".into(),
                heading: cx.t("cases.result"),
                note: Some(format!(
                    "{} {} {}.",
                    cx.t("cases.of"),
                    base(c, results),
                    cx.t("cases.cases")
                )),
                bars: bars(c, results),
                ..Default::default()
            }),
            // Neither counts nor words: say so rather than leave a hole.
            None if k.findings.is_none() => sections.push(Section {
                id: "resultat".into(),
                heading: cx.t("cases.result"),
                note: Some(cx.t("ikke_oplyst")),
                ..Default::default()
            }),
            None => {}
        }
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
