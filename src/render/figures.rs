//! Pages of the key figures (nøgletal): the overview and one page per
//! figure with its data table (the chart's text equivalent).

use super::Ctx;
use super::analysis::toc_of;
use super::views::*;
use crate::content::course::{better_direction, course};
use crate::content::model::{KeyFigure, Kind};
use crate::content::raw::{Better, Counting, Unit};
use crate::diagrams::charts::value_label;
use crate::format::{kroner_rounded, number};

/// A value in the figure's unit: `12,5 %`, `750.000 kr.`, `3,2 ‰`.
pub fn fmt_value(k: &KeyFigure, v: f64) -> String {
    match k.unit {
        Unit::Procent => format!("{} %", number(v, k.decimals)),
        Unit::Promille => format!("{} ‰", number(v, k.decimals)),
        Unit::Kr => {
            if k.decimals == 0 {
                kroner_rounded(v)
            } else {
                format!("{} kr.", number(v, k.decimals))
            }
        }
        Unit::Antal | Unit::Dage => number(v, k.decimals),
    }
}

pub fn unit_key(u: Unit) -> &'static str {
    match u {
        Unit::Procent => "unit.procent",
        Unit::Antal => "unit.antal",
        Unit::Kr => "unit.kr",
        Unit::Promille => "unit.promille",
        Unit::Dage => "unit.dage",
    }
}

/// Years × series, the chart's data table.
pub fn data_table(cx: &Ctx, k: &KeyFigure) -> Table {
    let mut head = vec![cx.t("common.year")];
    head.extend(k.series.iter().map(|s| s.name.clone()));
    let rows = k
        .years()
        .into_iter()
        .map(|y| {
            let mut row = vec![Cell::row_header(y.to_string())];
            row.extend(
                k.series
                    .iter()
                    .map(|s| match s.values.get(&y).copied().flatten() {
                        Some(v) => Cell::num(fmt_value(k, v)),
                        None => Cell {
                            class: Some("ikke-oplyst".into()),
                            ..Cell::num(cx.t("ikke_oplyst"))
                        },
                    }),
            );
            row
        })
        .collect();
    let mut numeric = vec![false];
    numeric.extend(k.series.iter().map(|_| true));
    Table {
        caption: format!("{}: {}", k.h.title, cx.t("figures.data")),
        head,
        rows,
        numeric,
        foot: None,
    }
}

/// The course toward the target in words with its symbol ("↘ På vej mod
/// målet"); "Ikke oplyst" without a target.
fn course_text(cx: &Ctx, k: &KeyFigure) -> String {
    if k.target.is_none() {
        return cx.t("ikke_oplyst");
    }
    let c = course(k, None);
    format!("{} {}", c.symbol(better_direction(k, None)), cx.t(c.key()))
}

/// Where a key figure's CSV file is published.
pub fn csv_path(k: &KeyFigure) -> String {
    format!("{}/data/{}.csv", Kind::Noegletal.folder(), k.h.id)
}

pub fn render(cx: &mut Ctx) {
    let report = cx.report;
    let Some(kp) = report.key_figures.as_ref() else {
        return;
    };
    let mut sections = Vec::new();
    if let Some(i) = cx.md_opt(&kp.intro) {
        sections.push(Section {
            id: "indledning".into(),
            heading: cx.t("figures.intro"),
            html: Some(i),
            ..Default::default()
        });
    }
    let rows = kp
        .figures
        .iter()
        .map(|k| {
            // Values with their unit ("96 dage"); unknown says so.
            let t = &cx.theme.strings;
            let (year, value) = k
                .latest()
                .map(|(y, v)| (y.to_string(), value_label(k, v, t)))
                .unwrap_or_else(|| (cx.t("ikke_oplyst"), cx.t("ikke_oplyst")));
            let target = k
                .target
                .map(|(v, y)| format!("{} {} {y}", value_label(k, v, t), cx.t("figures.in")))
                .unwrap_or_else(|| cx.t("ikke_oplyst"));
            vec![
                Cell {
                    links: vec![cx.link(Kind::Noegletal, &k.h.id)],
                    header: true,
                    ..Default::default()
                },
                Cell::text(cx.t(unit_key(k.unit))),
                Cell::num(value),
                Cell::num(year),
                Cell::num(target),
                Cell::text(course_text(cx, k)),
                Cell::text(k.source.clone().unwrap_or_else(|| cx.t("ikke_oplyst"))),
            ]
        })
        .collect();
    sections.push(Section {
        id: "oversigt".into(),
        heading: cx.t("figures.overview"),
        table: Some(Table {
            caption: cx.t("figures.overview_caption"),
            head: vec![
                cx.t("kind.noegletal"),
                cx.t("figures.unit"),
                cx.t("figures.latest"),
                cx.t("common.year"),
                cx.t("figures.target"),
                cx.t("course.label"),
                cx.t("figures.source"),
            ],
            numeric: vec![false, false, true, true, true, false, false],
            rows,
            foot: None,
        }),
        ..Default::default()
    });
    let title = cx.t("part.figures");
    let mut v = cx.page(
        "noegletal.html",
        &title,
        "noegletal-oversigt",
        "noegletal.html",
    );
    v.breadcrumbs = cx.crumbs(None);
    v.sections = sections;
    v.toc = toc_of(&v.sections);
    cx.emit("noegletal.html", "page.html", &v);

    let crumbs = cx.crumbs(Some(("part.figures", "noegletal.html")));
    for k in &kp.figures {
        let path = Kind::Noegletal.url(&k.h.id);
        let definition = cx.md_opt(&k.definition);
        let mut sections = vec![Section {
            id: "definition".into(),
            heading: cx.t("figures.definition"),
            note: definition.is_none().then(|| cx.t("ikke_oplyst")),
            html: definition,
            ..Default::default()
        }];
        // On paper the lower chart without legend (three to a page).
        let screen = crate::diagrams::charts::key_figure(k, &cx.theme.strings);
        if let (Some(svg), Some(print)) = (
            &screen,
            crate::diagrams::charts::key_figure_print(k, &cx.theme.strings),
        ) {
            cx.print_svgs.push((svg.clone(), print));
        }
        let figure = screen.map(|svg| Figure {
            svg,
            caption: cx.t("diagram.kf_caption"),
            text_equivalent: Some("data".into()),
        });
        sections.push(Section {
            id: "data".into(),
            heading: cx.t("figures.data"),
            figure,
            table: Some(data_table(cx, k)),
            ..Default::default()
        });
        let outs: Vec<LinkV> = match report.toc.as_ref() {
            Some(t) => k
                .outcomes
                .iter()
                .map(|o| cx.link(Kind::Maal, &t.outcomes[*o].h.id))
                .collect(),
            None => Vec::new(),
        };
        sections.push(cx.link_section(
            "maal",
            "figures.indicator_for",
            outs,
            "figures.not_indicator",
        ));
        if let Some(a) = report.analysis.as_ref()
            && !k.themes.is_empty()
        {
            let themes = k
                .themes
                .iter()
                .map(|t| cx.link(Kind::Tema, &a.themes[*t].h.id))
                .collect();
            sections.push(Section {
                id: "temaer".into(),
                heading: cx.t("figures.themes"),
                links: themes,
                ..Default::default()
            });
        }
        let mut facts = vec![
            Fact {
                label: cx.t("figures.unit"),
                value: cx.t(unit_key(k.unit)),
                url: None,
            },
            Fact {
                label: cx.t("figures.counting"),
                value: cx.t(match k.counting {
                    Some(Counting::Status) => "figures.status",
                    Some(Counting::Aar) => "figures.year",
                    None => "ikke_oplyst",
                }),
                url: None,
            },
            Fact {
                label: cx.t("figures.source"),
                value: match (&k.h.prov.source, &k.table) {
                    (Some(s), Some(t)) => format!(
                        "{} ({} {t})",
                        super::sources::source_text(s, &cx.theme.strings),
                        cx.t("figures.table")
                    ),
                    (Some(s), None) => super::sources::source_text(s, &cx.theme.strings),
                    (None, _) => cx.t("ikke_oplyst"),
                },
                url: k.h.prov.source.as_ref().and_then(|s| s.link.clone()),
            },
        ];
        if let Some(b) = k.better {
            facts.push(Fact {
                label: cx.t("figures.better"),
                value: cx.t(if b == Better::LavereErBedre {
                    "figures.lower_better"
                } else {
                    "figures.higher_better"
                }),
                url: None,
            });
        }
        if let Some((v, y)) = k.target {
            facts.push(Fact {
                label: cx.t("figures.target"),
                value: format!(
                    "{} {} {y}",
                    value_label(k, v, &cx.theme.strings),
                    cx.t("figures.in")
                ),
                url: None,
            });
            facts.push(Fact {
                label: cx.t("course.label"),
                value: course_text(cx, k),
                url: None,
            });
        }
        if let Some(csv) = &k.csv {
            // The file as read (UTF-8), with a byte-order mark so that
            // spreadsheets open æ, ø and å correctly.
            let out = csv_path(k);
            let mut bytes = Vec::with_capacity(csv.text.len() + 3);
            bytes.extend_from_slice(b"\xEF\xBB\xBF");
            bytes.extend_from_slice(csv.text.as_bytes());
            cx.sink.put(&out, bytes);
            facts.push(Fact {
                label: cx.t("figures.file"),
                value: cx.t("figures.download_csv"),
                url: Some(super::url(&out)),
            });
        }
        let mut v = cx.page(&path, &k.h.title, "noegletal", "noegletal.html");
        v.breadcrumbs = crumbs.clone();
        v.kind_label = Some(cx.t("kind.noegletal"));
        v.facts = facts;
        // The source stands among the facts; the marker stays.
        v.provenance = v
            .provenance
            .filter(|p| p.reconstructed)
            .map(|p| ProvenanceV {
                source: None,
                link: None,
                ..p
            });
        v.sections = sections;
        cx.emit(&path, "page.html", &v);
    }
}
