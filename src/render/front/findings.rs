//! The front page's findings: what a manager should see in ten seconds.
//! Each key figure's latest value with unit and year, its change since the
//! previous value and its course toward the target (words and a symbol,
//! never colour alone); the actions by status; the gaps in the range of
//! services; and the pages the author marked `fremhaevet` as prominent
//! links. A part the report lacks leaves its block out; an unknown value
//! says "Ikke oplyst".

use super::super::plan::{status, status_class};
use super::super::views::*;
use super::super::{Ctx, url};
use crate::content::course::{better_direction, course};
use crate::content::model::{KeyFigure, Kind};
use crate::content::raw::{Better, Status};
use crate::diagrams::charts::value_label;

/// The findings, `None` when the report has nothing to show in them.
pub(super) fn findings(cx: &Ctx) -> Option<FrontView> {
    let report = cx.report;
    let mut v = FrontView {
        featured: report
            .pages
            .iter()
            .filter(|p| p.featured)
            .map(|p| LinkV {
                note: p.description.clone(),
                ..cx.link(Kind::Side, &p.h.id)
            })
            .collect(),
        ..Default::default()
    };
    if let Some(k) = &report.key_figures
        && !k.figures.is_empty()
    {
        v.figures = k.figures.iter().map(|f| figure(cx, f)).collect();
        v.figures_link = Some(LinkV {
            title: cx.t("front.figures_all"),
            url: url("noegletal.html"),
            ..Default::default()
        });
    }
    if let Some(p) = &report.plan
        && !p.actions.is_empty()
    {
        for s in Status::ALL.map(Some).into_iter().chain([None]) {
            let count = p.actions.iter().filter(|a| a.status == s).count();
            if count > 0 {
                v.actions.push(StatusCount {
                    label: status(cx, s),
                    class: status_class(s),
                    count,
                });
            }
        }
        v.actions_link = Some(LinkV {
            title: cx
                .t("front.actions_all")
                .replace("{n}", &p.actions.len().to_string()),
            url: url("udviklingsplan.html#status"),
            ..Default::default()
        });
    }
    if let Some(s) = &report.services {
        v.gaps = s
            .gaps
            .iter()
            .map(|g| {
                let step = &s.steps[g.step];
                LinkV {
                    title: format!("{} – {}", step.h.title, s.bands[g.band].title),
                    url: url(&Kind::Trin.url(&step.h.id)),
                    ..Default::default()
                }
            })
            .collect();
        v.gaps_link = Some(LinkV {
            title: cx.t("front.gaps_all"),
            url: url("tilbudsvifte.html#huller"),
            ..Default::default()
        });
    }
    let empty = v.featured.is_empty()
        && v.figures.is_empty()
        && v.actions.is_empty()
        && v.gaps_link.is_none();
    (!empty).then_some(v)
}

/// One key figure at a glance.
fn figure(cx: &Ctx, k: &KeyFigure) -> FigureFinding {
    let t = &cx.theme.strings;
    let own: Vec<(u16, f64)> = k
        .series
        .iter()
        .find(|s| s.role == crate::content::raw::Role::Kommune)
        .map(|s| s.known().collect())
        .unwrap_or_default();
    let mut f = FigureFinding {
        link: cx.link(Kind::Noegletal, &k.h.id),
        ..Default::default()
    };
    match own.last() {
        Some((y, val)) => {
            f.value = value_label(k, *val, t);
            f.year = Some(cx.t("front.in_year").replace("{year}", &y.to_string()));
        }
        None => f.value = cx.t("ikke_oplyst"),
    }
    let better = better_direction(k, None);
    (f.change, f.change_class, f.change_symbol) = match own.as_slice() {
        [.., (py, pv), (_, lv)] => {
            let (key, class, symbol) = if lv > pv {
                ("front.change_up", "op", "↑")
            } else if lv < pv {
                ("front.change_down", "ned", "↓")
            } else {
                ("front.change_same", "uaendret", "→")
            };
            let mut text = cx
                .t(key)
                .replace("{value}", &value_label(k, *pv, t))
                .replace("{year}", &py.to_string());
            let improved = match better {
                _ if lv == pv => None,
                Some(Better::LavereErBedre) => Some(lv < pv),
                Some(Better::HoejereErBedre) => Some(lv > pv),
                None => None,
            };
            if let Some(i) = improved {
                text.push_str(&cx.t(if i { "front.better" } else { "front.worse" }));
            }
            (text, class.to_string(), symbol.to_string())
        }
        _ => (
            cx.t("front.change_unknown"),
            "ukendt".into(),
            String::new(),
        ),
    };
    match k.target {
        Some((tv, ty)) => {
            let c = course(k, None);
            f.course = cx.t(c.key());
            f.course_symbol = c.symbol(better).to_string();
            f.course_class = c.slug().to_string();
            f.target = cx
                .t("front.target")
                .replace("{value}", &value_label(k, tv, t))
                .replace("{year}", &ty.to_string());
        }
        None => f.target = cx.t("front.no_target"),
    }
    f
}
