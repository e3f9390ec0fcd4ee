//! Pages of tilbudsviften on the indsatstrappe: the overview with the
//! steps × age-band matrix (gaps and overlaps marked, as text too), and one
//! page per step and per service.

use super::analysis::toc_of;
use super::views::*;
use super::{Ctx, url};
use crate::content::model::{Kind, Law, Service, ServicesPart};
use crate::content::raw::Provider;
use crate::format::{kroner, number};

fn service_link(cx: &Ctx, s: &Service) -> LinkV {
    let mut l = cx.link(Kind::Tilbud, &s.h.id);
    let (key, class) = match s.provider {
        Provider::Egen => ("services.own", "egen"),
        Provider::Ekstern => ("services.external", "ekstern"),
    };
    l.badge = Some(cx.t(key));
    l.badge_class = Some(class.into());
    l
}

/// The matrix as a table: rows are steps, columns age bands; empty cells
/// are gaps, and services in an overlap are marked.
pub fn matrix(cx: &Ctx, s: &ServicesPart) -> Table {
    let mut head = vec![cx.t("services.step")];
    head.extend(s.bands.iter().map(|b| b.title.clone()));
    // The most intrusive step first, as in the diagram.
    let rows = s
        .steps
        .iter()
        .enumerate()
        .rev()
        .map(|(si, st)| {
            let mut step = cx.link(Kind::Trin, &st.h.id);
            step.title = format!("{}. {}", si + 1, step.title);
            let mut row = vec![Cell {
                links: vec![step],
                header: true,
                ..Default::default()
            }];
            for (bi, _) in s.bands.iter().enumerate() {
                let here: Vec<usize> = st
                    .services
                    .iter()
                    .copied()
                    .filter(|x| s.services[*x].bands.contains(&bi))
                    .collect();
                let chosen = s
                    .opt_outs
                    .iter()
                    .any(|o| o.step == si && o.bands.contains(&bi));
                if here.is_empty() && chosen {
                    row.push(Cell {
                        text: cx.t("services.opt_out"),
                        class: Some("opt-out".into()),
                        ..Default::default()
                    });
                    continue;
                }
                if here.is_empty() {
                    row.push(Cell {
                        text: cx.t("services.gap"),
                        class: Some("gap".into()),
                        ..Default::default()
                    });
                    continue;
                }
                let overlapping: Vec<usize> = s
                    .overlaps
                    .iter()
                    .filter(|o| o.step == si && o.band == bi)
                    .flat_map(|o| o.services.iter().copied())
                    .collect();
                let links = here
                    .iter()
                    .map(|x| {
                        let mut l = service_link(cx, &s.services[*x]);
                        if overlapping.contains(x) {
                            l.note = Some(cx.t("services.overlap_mark"));
                        }
                        l
                    })
                    .collect();
                let class = if overlapping.is_empty() {
                    None
                } else {
                    Some("overlap".into())
                };
                row.push(Cell {
                    links,
                    class,
                    ..Default::default()
                });
            }
            row
        })
        .collect();
    Table {
        caption: cx.t("services.matrix_caption"),
        head,
        rows,
        numeric: vec![false; s.bands.len() + 1],
        foot: None,
    }
}

fn fmt_legal(cx: &Ctx, s: &Service) -> Option<String> {
    s.legal_basis.as_ref().map(|l| {
        let law = match l.law {
            Law::Serviceloven => cx.t("law.sel"),
            Law::BarnetsLov => cx.t("law.bl"),
        };
        // "barnets lov § 32": the law is named once, in the text.
        if l.text.starts_with(&law) {
            l.text.clone()
        } else {
            format!("{} ({law})", l.text)
        }
    })
}

/// The list of bevidste fravalg (of one step, or all with their steps),
/// `None` when there is none.
fn opt_out_section(cx: &Ctx, s: &ServicesPart, step: Option<usize>) -> Option<Section> {
    let items = opt_out_items(s, step);
    (!items.is_empty()).then(|| Section {
        id: "fravalg".into(),
        heading: cx.t("services.opt_outs"),
        note: step.is_none().then(|| cx.t("services.opt_outs_note")),
        items,
        ..Default::default()
    })
}

/// "Anbringelse på institution – 0–5 år: Små børn anbringes i familiepleje."
fn opt_out_items(s: &ServicesPart, step: Option<usize>) -> Vec<String> {
    s.opt_outs
        .iter()
        .filter(|o| step.is_none_or(|x| x == o.step))
        .map(|o| {
            let ages = age_span(s, &o.bands);
            let head = match step {
                Some(_) => ages,
                None => format!("{} – {ages}", s.steps[o.step].h.title),
            };
            match &o.reason {
                Some(r) => format!("{head}: {r}"),
                None => head,
            }
        })
        .collect()
}

/// The age bands as one span when adjacent ("0–11 år"), else listed.
fn age_span(s: &ServicesPart, bands: &[usize]) -> String {
    let titles: Vec<&str> = bands.iter().map(|b| s.bands[*b].title.as_str()).collect();
    match (bands.first(), bands.last()) {
        (Some(a), Some(b)) if bands.len() > 1 && b - a + 1 == bands.len() => {
            let (from, to) = (s.bands[*a].from, s.bands[*b].to);
            format!("{from}–{to}\u{a0}år")
        }
        _ => titles.join(", "),
    }
}

pub fn render(cx: &mut Ctx) {
    let report = cx.report;
    let Some(s) = report.services.as_ref() else {
        return;
    };
    let mut sections = Vec::new();
    if let Some(i) = cx.md_opt(&s.intro) {
        sections.push(Section {
            id: "indledning".into(),
            heading: cx.t("services.intro"),
            html: Some(i),
            ..Default::default()
        });
    }
    // The ladder diagram; its text equivalent is the matrix below it.
    if let (Some(screen), Some(print)) = (
        crate::diagrams::ladder::diagram(s, &cx.theme.strings),
        crate::diagrams::ladder::diagram_print(s, &cx.theme.strings),
    ) {
        cx.print_svgs.push((screen, print));
    }
    if let Some(svg) = crate::diagrams::ladder::diagram(s, &cx.theme.strings) {
        sections.push(Section {
            id: "diagram".into(),
            heading: cx.t("diagram.ladder_title"),
            figure: Some(Figure {
                svg,
                caption: cx.t("diagram.ladder_caption"),
                text_equivalent: Some("matrix".into()),
            }),
            ..Default::default()
        });
    }
    sections.push(Section {
        id: "matrix".into(),
        heading: cx.t("services.matrix"),
        note: Some(cx.t("services.matrix_note")),
        table: Some(matrix(cx, s)),
        ..Default::default()
    });
    let gaps: Vec<String> = s
        .gaps
        .iter()
        .map(|g| format!("{} – {}", s.steps[g.step].h.title, s.bands[g.band].title))
        .collect();
    sections.push(Section {
        id: "huller".into(),
        heading: cx.t("services.gaps"),
        note: Some(cx.t("services.gaps_note")),
        items: gaps,
        empty: Some(cx.t("services.no_gaps")),
        ..Default::default()
    });
    sections.extend(opt_out_section(cx, s, None));
    let overlaps: Vec<TreeItem> = s
        .overlaps
        .iter()
        .map(|o| TreeItem {
            link: LinkV {
                title: format!(
                    "{} – {} – {}",
                    s.steps[o.step].h.title, s.bands[o.band].title, s.needs[o.need].title
                ),
                url: url(&Kind::Trin.url(&s.steps[o.step].h.id)),
                ..Default::default()
            },
            text: None,
            children: o
                .services
                .iter()
                .map(|x| TreeItem {
                    link: service_link(cx, &s.services[*x]),
                    ..Default::default()
                })
                .collect(),
        })
        .collect();
    sections.push(Section {
        id: "overlap".into(),
        heading: cx.t("services.overlaps"),
        note: Some(cx.t("services.overlaps_note")),
        tree: overlaps,
        empty: Some(cx.t("services.no_overlaps")),
        ..Default::default()
    });
    let ladder: Vec<TreeItem> = s
        .steps
        .iter()
        .enumerate()
        .map(|(i, st)| TreeItem {
            link: LinkV {
                title: format!("{}. {}", i + 1, st.h.title),
                url: url(&Kind::Trin.url(&st.h.id)),
                note: Some(cx.count(st.services.len(), "services.one", "services.many")),
                ..Default::default()
            },
            text: None,
            children: st
                .services
                .iter()
                .map(|x| TreeItem {
                    link: service_link(cx, &s.services[*x]),
                    ..Default::default()
                })
                .collect(),
        })
        .collect();
    sections.push(Section {
        id: "trappen".into(),
        heading: cx.t("services.ladder"),
        note: Some(cx.t("services.ladder_note")),
        tree: ladder,
        ..Default::default()
    });
    let title = cx.t("part.services");
    let mut v = cx.page(
        "tilbudsvifte.html",
        &title,
        "tilbudsvifte",
        "tilbudsvifte.html",
    );
    v.breadcrumbs = cx.crumbs(None);
    v.lead = Some(cx.t("services.lead"));
    v.sections = sections;
    v.toc = toc_of(&v.sections);
    cx.emit("tilbudsvifte.html", "page.html", &v);

    let crumbs = cx.crumbs(Some(("part.services", "tilbudsvifte.html")));
    for (si, st) in s.steps.iter().enumerate() {
        let path = Kind::Trin.url(&st.h.id);
        let mut sections = Vec::new();
        sections.extend(cx.description(&st.description));
        let links = st
            .services
            .iter()
            .map(|x| service_link(cx, &s.services[*x]))
            .collect();
        sections.push(cx.link_section(
            "tilbud",
            "services.on_step",
            links,
            "services.none_on_step",
        ));
        let gaps: Vec<String> = s
            .gaps
            .iter()
            .filter(|g| g.step == si)
            .map(|g| s.bands[g.band].title.clone())
            .collect();
        if !gaps.is_empty() {
            sections.push(Section {
                id: "huller".into(),
                heading: cx.t("services.gaps"),
                items: gaps,
                ..Default::default()
            });
        }
        sections.extend(opt_out_section(cx, s, Some(si)));
        let mut v = cx.page(&path, &st.h.title, "trin", "tilbudsvifte.html");
        v.breadcrumbs = crumbs.clone();
        v.kind_label = Some(format!("{} {}", cx.t("kind.trin"), si + 1));
        v.sections = sections;
        cx.emit(&path, "page.html", &v);
    }
    for x in &s.services {
        let path = Kind::Tilbud.url(&x.h.id);
        let mut facts = vec![
            Fact {
                label: cx.t("services.step"),
                value: s.steps[x.step].h.title.clone(),
                url: Some(cx.link(Kind::Trin, &s.steps[x.step].h.id).url),
            },
            Fact {
                label: cx.t("services.age"),
                value: format!(
                    "{}–{}\u{a0}{}",
                    x.age_from,
                    x.age_to,
                    cx.t("services.years")
                ),
                url: None,
            },
            Fact {
                label: cx.t("services.needs"),
                value: x
                    .needs
                    .iter()
                    .map(|n| s.needs[*n].title.clone())
                    .collect::<Vec<_>>()
                    .join(", "),
                url: None,
            },
            Fact {
                label: cx.t("services.provider"),
                value: match (&x.provider, &x.provider_name) {
                    (p, Some(n)) => format!(
                        "{} ({n})",
                        cx.t(if *p == Provider::Egen {
                            "services.own"
                        } else {
                            "services.external"
                        })
                    ),
                    (p, None) => cx.t(if *p == Provider::Egen {
                        "services.own"
                    } else {
                        "services.external"
                    }),
                },
                url: None,
            },
        ];
        if let Some(l) = fmt_legal(cx, x) {
            facts.push(Fact {
                label: cx.t("services.legal"),
                value: l,
                url: None,
            });
        }
        if let Some(c) = x.capacity {
            facts.push(Fact {
                label: cx.t("services.capacity"),
                // A number and its unit never split over two lines.
                value: format!("{}\u{a0}{}", number(c as f64, 0), x.capacity_unit),
                url: None,
            });
        }
        if let Some(p) = x.price {
            let unit = x
                .price_unit
                .as_deref()
                .map(|u| format!(" {u}"))
                .unwrap_or_default();
            facts.push(Fact {
                label: cx.t("services.price"),
                value: format!("{}{unit}", kroner(p)),
                url: None,
            });
        }
        let mut sections = Vec::new();
        sections.extend(cx.description(&x.description));
        let me = s
            .services
            .iter()
            .position(|y| y.h.id == x.h.id)
            .unwrap_or(0);
        let mut overlaps: Vec<LinkV> = Vec::new();
        for o in s.overlaps.iter().filter(|o| o.services.contains(&me)) {
            for other in o.services.iter().filter(|y| **y != me) {
                let mut l = service_link(cx, &s.services[*other]);
                l.note = Some(format!(
                    "{}, {}",
                    s.bands[o.band].title, s.needs[o.need].title
                ));
                overlaps.push(l);
            }
        }
        if !overlaps.is_empty() {
            sections.push(Section {
                id: "overlap".into(),
                heading: cx.t("services.overlaps_with"),
                note: Some(cx.t("services.overlaps_with_note")),
                links: overlaps,
                ..Default::default()
            });
        }
        let mut v = cx.page(&path, &x.h.title, "tilbud", "tilbudsvifte.html");
        v.breadcrumbs = crumbs.clone();
        v.kind_label = Some(cx.t("kind.tilbud"));
        v.facts = facts;
        v.sections = sections;
        cx.emit(&path, "page.html", &v);
    }
}
