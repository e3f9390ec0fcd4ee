//! The traceability page (sporbarhed): from each hypothesis down through
//! interventions, activities and outcomes to indicators (key figures) and
//! the plan's actions; and the loose ends.

use super::Ctx;
use super::toc::outcomes_of_intervention;
use super::views::*;
use crate::content::model::Kind;

pub fn render(cx: &mut Ctx) {
    let report = cx.report;
    if report.analysis.is_none() && report.toc.is_none() {
        return;
    }
    let mut sections = Vec::new();
    let mut notices = Vec::new();
    if let (Some(a), Some(t)) = (report.analysis.as_ref(), report.toc.as_ref()) {
        for h in &a.hypotheses {
            let ints: Vec<TreeItem> = h
                .interventions
                .iter()
                .map(|i| {
                    let acts = t.interventions[*i].activities.iter().map(|ai| {
                        let act = &t.activities[*ai];
                        let mut children: Vec<TreeItem> = act
                            .outcomes
                            .iter()
                            .map(|l| outcome_item(cx, l.target))
                            .collect();
                        if let Some(p) = report.plan.as_ref() {
                            children.extend(act.actions.iter().map(|x| {
                                let mut l = cx.link(Kind::Handling, &p.actions[*x].h.id);
                                l.badge = Some(cx.t("kind.handling"));
                                l.badge_class = Some("handling".into());
                                TreeItem {
                                    link: l,
                                    ..Default::default()
                                }
                            }));
                        }
                        let mut l = cx.link(Kind::Aktivitet, &act.h.id);
                        l.badge = Some(cx.t("kind.aktivitet"));
                        l.badge_class = Some("aktivitet".into());
                        TreeItem {
                            link: l,
                            text: None,
                            children,
                        }
                    });
                    let mut l = cx.link(Kind::Indsats, &t.interventions[*i].h.id);
                    l.badge = Some(cx.t("kind.indsats"));
                    l.badge_class = Some("indsats".into());
                    TreeItem {
                        link: l,
                        text: None,
                        children: acts.collect(),
                    }
                })
                .collect();
            let mut s = Section {
                id: h.h.id.clone(),
                heading: h.h.title.clone(),
                tree: ints,
                ..Default::default()
            };
            s.links.push(cx.link(Kind::Hypotese, &h.h.id));
            s.links[0].title = cx.t("trace.to_hypothesis");
            if h.interventions.is_empty() {
                s.notices.push(Notice {
                    text: cx.t("hypothesis.not_taken_up"),
                    link: None,
                    hint: Some(cx.t("hypothesis.not_taken_up_hint")),
                });
            }
            sections.push(s);
        }
        for h in a.hypotheses.iter().filter(|h| h.interventions.is_empty()) {
            notices.push(Notice {
                text: cx.t("trace.loose_hypothesis"),
                link: Some(cx.link(Kind::Hypotese, &h.h.id)),
                hint: None,
            });
        }
    } else if let Some(t) = report.toc.as_ref() {
        for (ii, i) in t.interventions.iter().enumerate() {
            let outs = outcomes_of_intervention(t, ii)
                .into_iter()
                .map(|o| outcome_item(cx, o))
                .collect();
            sections.push(Section {
                id: i.h.id.clone(),
                heading: i.h.title.clone(),
                tree: outs,
                ..Default::default()
            });
        }
    }
    if let Some(t) = report.toc.as_ref() {
        for o in t.outcomes.iter().filter(|o| o.indicators.is_empty()) {
            notices.push(Notice {
                text: cx.t("trace.loose_outcome"),
                link: Some(cx.link(Kind::Maal, &o.h.id)),
                hint: None,
            });
        }
    }
    // Without a theory of change, an action has nothing to be tied to.
    if let (Some(p), Some(_)) = (report.plan.as_ref(), report.toc.as_ref()) {
        for a in p
            .actions
            .iter()
            .filter(|a| a.activities.is_empty() && a.outcomes.is_empty())
        {
            notices.push(Notice {
                text: cx.t("trace.loose_action"),
                link: Some(cx.link(Kind::Handling, &a.h.id)),
                hint: None,
            });
        }
    }
    let loose = Section {
        id: "loese-ender".into(),
        heading: cx.t("trace.loose_ends"),
        note: Some(if notices.is_empty() {
            cx.t("trace.no_loose_ends")
        } else {
            cx.t("trace.loose_ends_note")
        }),
        notices,
        ..Default::default()
    };
    sections.insert(0, loose);
    let title = cx.t("part.trace");
    let mut v = cx.page("sporbarhed.html", &title, "sporbarhed", "sporbarhed.html");
    v.breadcrumbs = cx.crumbs(None);
    v.lead = Some(cx.t("trace.lead"));
    v.toc = super::analysis::toc_of(&v.sections);
    v.sections = sections;
    v.toc = super::analysis::toc_of(&v.sections);
    cx.emit("sporbarhed.html", "page.html", &v);
}

/// An outcome with its indicators (key figures) and what it contributes to.
fn outcome_item(cx: &Ctx, o: usize) -> TreeItem {
    let report = cx.report;
    let t = report
        .toc
        .as_ref()
        .expect("outcomes come from the theory of change");
    let out = &t.outcomes[o];
    let mut l = cx.link(Kind::Maal, &out.h.id);
    l.badge = Some(cx.t(match out.kind {
        crate::content::raw::OutcomeKind::Kortsigtet => "outcome.short",
        crate::content::raw::OutcomeKind::Langsigtet => "outcome.long",
    }));
    l.badge_class = Some("maal".into());
    let mut children = Vec::new();
    if let Some(k) = report.key_figures.as_ref() {
        for ind in &out.indicators {
            let mut l = cx.link(Kind::Noegletal, &k.figures[ind.key_figure].h.id);
            l.badge = Some(cx.t("kind.noegletal"));
            l.badge_class = Some("noegletal".into());
            children.push(TreeItem {
                link: l,
                ..Default::default()
            });
        }
    }
    for c in &out.contributes_to {
        children.push(outcome_item_shallow(cx, c.target));
    }
    TreeItem {
        link: l,
        text: None,
        children,
    }
}

fn outcome_item_shallow(cx: &Ctx, o: usize) -> TreeItem {
    let t = cx.report.toc.as_ref().expect("toc");
    let mut l = cx.link(Kind::Maal, &t.outcomes[o].h.id);
    l.badge = Some(cx.t("outcome.long"));
    l.badge_class = Some("maal".into());
    TreeItem {
        link: l,
        ..Default::default()
    }
}
