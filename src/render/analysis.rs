//! Pages of the maturity analysis (modenhedsanalyse): the overview, one page
//! per theme and one per hypothesis.

use super::views::*;
use super::{Ctx, url};
use crate::content::model::{AnalysisPart, Kind, THEMES};
use crate::format::number;

pub fn render(cx: &mut Ctx) {
    let Some(a) = cx.report.analysis.as_ref() else {
        return;
    };
    let lang_en = cx.lang() == "en";
    let theme_title = |id: &str, da: &str| -> String {
        if lang_en {
            THEMES
                .iter()
                .find(|t| t.0 == id)
                .map(|t| t.2.to_string())
                .unwrap_or(da.to_string())
        } else {
            da.to_string()
        }
    };
    // Overview.
    let mut v_sections = Vec::new();
    if let Some(intro) = cx.md_opt(&a.intro) {
        v_sections.push(Section {
            id: "indledning".into(),
            heading: cx.t("analysis.intro"),
            html: Some(intro),
            ..Default::default()
        });
    }
    let mut rows = Vec::new();
    let mut bars = Vec::new();
    for t in &a.themes {
        let avg = average(t.self_assessment.iter().map(|s| s.score));
        let mut link = cx.link(Kind::Tema, &t.h.id);
        link.title = theme_title(&t.h.id, &t.h.title);
        rows.push(vec![
            Cell::link(link.clone()),
            Cell::num(avg.map(|a| number(a, 1)).unwrap_or_else(|| "–".into())),
            Cell::num(t.hypotheses.len().to_string()),
        ]);
        if let Some(avg) = avg {
            bars.push(Bar {
                label: link.title.clone(),
                value: format!("{} / {}", number(avg, 1), a.scale_max),
                percent: 100.0 * avg / a.scale_max as f64,
                ..Default::default()
            });
        }
    }
    v_sections.push(Section {
        id: "temaer".into(),
        heading: cx.t("analysis.themes"),
        note: Some(cx.t("analysis.themes_note")),
        table: Some(Table {
            caption: cx.t("analysis.themes_caption"),
            head: vec![
                cx.t("analysis.theme"),
                cx.t("analysis.avg_score"),
                cx.t("analysis.hypotheses"),
            ],
            numeric: vec![false, true, true],
            rows,
            foot: None,
        }),
        ..Default::default()
    });
    if !bars.is_empty() {
        // The chart replaces the plain bars; the themes table above holds
        // the same averages as text.
        let figure = crate::diagrams::charts::self_assessment(a, &cx.theme.strings, &|id, da| {
            theme_title(id, da)
        })
        .map(|svg| Figure {
            svg,
            caption: cx.t("diagram.self_caption"),
            text_equivalent: Some("temaer".into()),
        });
        v_sections.push(Section {
            id: "selvevaluering".into(),
            heading: cx.t("analysis.self_assessment"),
            note: Some(scale_note(cx, a)),
            bars: if figure.is_some() { Vec::new() } else { bars },
            figure,
            ..Default::default()
        });
    }
    let hyp_items: Vec<TreeItem> = a
        .hypotheses
        .iter()
        .map(|h| {
            let mut link = cx.link(Kind::Hypotese, &h.h.id);
            link.note = Some(if h.themes.is_empty() {
                format!(
                    "{}: {}",
                    cx.t("analysis.themes"),
                    cx.t("ikke_oplyst").to_lowercase()
                )
            } else {
                h.themes
                    .iter()
                    .map(|t| theme_title(&a.themes[*t].h.id, &a.themes[*t].h.title))
                    .collect::<Vec<_>>()
                    .join(", ")
            });
            let children = match cx.report.toc.as_ref() {
                Some(toc) => h
                    .interventions
                    .iter()
                    .map(|i| TreeItem {
                        link: cx.link(Kind::Indsats, &toc.interventions[*i].h.id),
                        ..Default::default()
                    })
                    .collect(),
                None => Vec::new(),
            };
            TreeItem {
                link,
                children,
                text: None,
            }
        })
        .collect();
    v_sections.push(Section {
        id: "hypoteser".into(),
        heading: cx.t("analysis.hypotheses_heading"),
        note: Some(cx.t("analysis.hypotheses_note")),
        tree: hyp_items,
        ..Default::default()
    });
    if !a.suggestions.is_empty() {
        let mut children = Vec::new();
        for s in &a.suggestions {
            let html = cx.md_opt(&s.description);
            let themes = s
                .themes
                .iter()
                .map(|t| theme_title(&a.themes[*t].h.id, &a.themes[*t].h.title))
                .collect::<Vec<_>>()
                .join(", ");
            children.push(Section {
                id: String::new(),
                heading: s.title.clone(),
                note: (!themes.is_empty()).then_some(themes),
                provenance: cx.provenance(&s.prov),
                html,
                ..Default::default()
            });
        }
        v_sections.push(Section {
            id: "forslag".into(),
            heading: cx.t("analysis.suggestions"),
            children,
            ..Default::default()
        });
    }
    let title = cx.t("part.analysis");
    let mut v = cx.page(
        "modenhedsanalyse.html",
        &title,
        "modenhedsanalyse",
        "modenhedsanalyse.html",
    );
    v.breadcrumbs = cx.crumbs(None);
    v.lead = Some(cx.t("analysis.lead"));
    v.sections = v_sections;
    v.toc = toc_of(&v.sections);
    cx.emit("modenhedsanalyse.html", "page.html", &v);

    // Theme pages.
    for t in &a.themes {
        let path = Kind::Tema.url(&t.h.id);
        let mut sections = vec![Section {
            id: "sammenfatning".into(),
            heading: cx.t("analysis.summary"),
            html: cx.md_opt(&t.summary),
            empty: t.summary.is_none().then(|| cx.t("ikke_oplyst")),
            ..Default::default()
        }];
        let kf_links: Vec<LinkV> = match cx.report.key_figures.as_ref() {
            Some(k) => t
                .key_figures
                .iter()
                .map(|i| cx.link(Kind::Noegletal, &k.figures[*i].h.id))
                .collect(),
            None => Vec::new(),
        };
        let kf_text = cx.md_opt(&t.key_figures_text);
        if kf_text.is_some() || !kf_links.is_empty() {
            sections.push(Section {
                id: "noegletal".into(),
                heading: cx.t("source.key_figures"),
                html: kf_text,
                links: kf_links,
                ..Default::default()
            });
        }
        if !t.self_assessment.is_empty() {
            let rows = t
                .self_assessment
                .iter()
                .map(|s| {
                    vec![
                        Cell::text(&s.question),
                        Cell::num(format!(
                            "{} / {}",
                            number(s.score, if s.score.fract() == 0.0 { 0 } else { 1 }),
                            a.scale_max
                        )),
                        Cell::text(s.comment.clone().unwrap_or_default()),
                    ]
                })
                .collect();
            let bars = t
                .self_assessment
                .iter()
                .map(|s| Bar {
                    label: s.question.clone(),
                    value: number(s.score, 1),
                    percent: 100.0 * s.score / a.scale_max as f64,
                    ..Default::default()
                })
                .collect();
            sections.push(Section {
                id: "selvevaluering".into(),
                heading: cx.t("source.self_assessment"),
                note: Some(scale_note(cx, a)),
                table: Some(Table {
                    caption: cx.t("source.self_assessment"),
                    head: vec![
                        cx.t("analysis.statement"),
                        cx.t("analysis.score"),
                        cx.t("analysis.comment"),
                    ],
                    numeric: vec![false, true, false],
                    rows,
                    foot: None,
                }),
                bars,
                ..Default::default()
            });
        }
        if let Some(h) = cx.md_opt(&t.document_screening) {
            sections.push(Section {
                id: "dokumentscreening".into(),
                heading: cx.t("source.documents"),
                html: Some(h),
                ..Default::default()
            });
        }
        if let Some(h) = cx.md_opt(&t.focus_groups) {
            sections.push(Section {
                id: "fokusgrupper".into(),
                heading: cx.t("source.focus_groups"),
                html: Some(h),
                ..Default::default()
            });
        }
        let hyps = t
            .hypotheses
            .iter()
            .map(|i| cx.link(Kind::Hypotese, &a.hypotheses[*i].h.id))
            .collect();
        sections.push(cx.link_section(
            "hypoteser",
            "analysis.hypotheses_heading",
            hyps,
            "analysis.no_hypotheses",
        ));
        if !t.suggestions.is_empty() {
            sections.push(Section {
                id: "forslag".into(),
                heading: cx.t("analysis.suggestions"),
                items: t
                    .suggestions
                    .iter()
                    .map(|s| a.suggestions[*s].title.clone())
                    .collect(),
                ..Default::default()
            });
        }
        let title = theme_title(&t.h.id, &t.h.title);
        let mut v = cx.page(&path, &title, "tema", "modenhedsanalyse.html");
        v.breadcrumbs = cx.crumbs(Some(("part.analysis", "modenhedsanalyse.html")));
        v.kind_label = Some(cx.t("kind.tema"));
        v.sections = sections;
        v.toc = toc_of(&v.sections);
        cx.emit(&path, "page.html", &v);
    }

    // Hypothesis pages.
    for h in &a.hypotheses {
        let path = Kind::Hypotese.url(&h.h.id);
        let mut sections = Vec::new();
        sections.extend(cx.description(&h.description));
        let theme_links = h
            .themes
            .iter()
            .map(|t| {
                let mut l = cx.link(Kind::Tema, &a.themes[*t].h.id);
                l.title = theme_title(&a.themes[*t].h.id, &a.themes[*t].h.title);
                l
            })
            .collect();
        sections.push(Section {
            id: "temaer".into(),
            heading: cx.t("analysis.themes"),
            links: theme_links,
            empty: Some(cx.t("ikke_oplyst")),
            ..Default::default()
        });
        let (ints, acts): (Vec<LinkV>, Vec<LinkV>) = match cx.report.toc.as_ref() {
            Some(toc) => {
                let ints = h
                    .interventions
                    .iter()
                    .map(|i| cx.link(Kind::Indsats, &toc.interventions[*i].h.id))
                    .collect();
                let mut acts = Vec::new();
                for i in &h.interventions {
                    for a in &toc.interventions[*i].activities {
                        let l = cx.link(Kind::Aktivitet, &toc.activities[*a].h.id);
                        if !acts.iter().any(|x: &LinkV| x.url == l.url) {
                            acts.push(l);
                        }
                    }
                }
                (ints, acts)
            }
            None => (Vec::new(), Vec::new()),
        };
        let mut s = cx.link_section(
            "indsatser",
            "hypothesis.taken_up_by",
            ints,
            "hypothesis.not_taken_up",
        );
        if h.interventions.is_empty() && cx.report.toc.is_some() {
            s.notices.push(Notice {
                text: cx.t("hypothesis.not_taken_up"),
                link: None,
                hint: Some(cx.t("hypothesis.not_taken_up_hint")),
            });
            s.empty = None;
        }
        sections.push(s);
        if !acts.is_empty() {
            sections.push(Section {
                id: "aktiviteter".into(),
                heading: cx.t("hypothesis.activities"),
                links: acts,
                ..Default::default()
            });
        }
        sections.push(Section {
            id: "sporbarhed".into(),
            heading: cx.t("part.trace"),
            links: vec![LinkV {
                title: cx.t("trace.see_chain"),
                url: url(&format!("sporbarhed.html#{}", h.h.id)),
                ..Default::default()
            }],
            ..Default::default()
        });
        let mut v = cx.page(&path, &h.h.title, "hypotese", "modenhedsanalyse.html");
        v.breadcrumbs = cx.crumbs(Some(("part.analysis", "modenhedsanalyse.html")));
        v.kind_label = Some(cx.t("kind.hypotese"));

        v.sections = sections;
        cx.emit(&path, "page.html", &v);
    }
}

pub fn average(it: impl Iterator<Item = f64>) -> Option<f64> {
    let (s, n) = it.fold((0.0, 0usize), |(s, n), x| (s + x, n + 1));
    (n > 0).then(|| s / n as f64)
}

/// A table of contents from the sections with ids.
pub fn toc_of(sections: &[Section]) -> Vec<LinkV> {
    if sections.len() < 3 {
        return Vec::new();
    }
    sections
        .iter()
        .filter(|s| !s.id.is_empty() && !s.heading.is_empty())
        .map(|s| LinkV {
            title: s.heading.clone(),
            url: format!("#{}", s.id),
            ..Default::default()
        })
        .collect()
}

/// The note under the self-assessment: the content's own words on who
/// scored and what the scale means, or only the scale (never a guess at
/// who rated).
fn scale_note(cx: &Ctx, a: &AnalysisPart) -> String {
    a.scale_text.clone().unwrap_or_else(|| {
        cx.t("analysis.scale_note")
            .replace("{max}", &a.scale_max.to_string())
    })
}
