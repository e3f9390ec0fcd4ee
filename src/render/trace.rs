//! The traceability page (sporbarhed): each node of the theory of change
//! once, with what it builds on, what it leads to, its indicators (key
//! figures) and the plan's actions (see [`super::toc_list`]); and what is
//! not yet connected, worded for readers.

use super::Ctx;
use super::views::*;
use crate::content::model::Kind;

/// A part not yet connected: its link, its kind as a badge, and a plain
/// sentence for readers (no "Løs ende" label, no hint to the author).
fn unconnected(cx: &Ctx, kind: Kind, id: &str, badge: &str, key: &str) -> NodeEntry {
    let mut link = cx.link(kind, id);
    link.badge = Some(cx.t(&format!("kind.{badge}")));
    link.badge_class = Some(badge.into());
    link.note = Some(cx.t(key));
    NodeEntry {
        id: None,
        link,
        relations: Vec::new(),
    }
}

pub fn render(cx: &mut Ctx) {
    let report = cx.report;
    if report.analysis.is_none() && report.toc.is_none() {
        return;
    }
    // What is not yet connected, in words for readers; the author's hints
    // ("Knyt den til …") are `omstil check` warnings, not shown here.
    let mut notices = Vec::new();
    if let Some(a) = report.analysis.as_ref()
        && report.toc.is_some()
    {
        for h in a.hypotheses.iter().filter(|h| h.interventions.is_empty()) {
            notices.push(unconnected(
                cx,
                Kind::Hypotese,
                &h.h.id,
                "hypotese",
                "trace.loose_hypothesis_reader",
            ));
        }
    }
    if let Some(t) = report.toc.as_ref() {
        for o in t.outcomes.iter().filter(|o| o.indicators.is_empty()) {
            notices.push(unconnected(
                cx,
                Kind::Maal,
                &o.h.id,
                "maal",
                "trace.loose_outcome_reader",
            ));
        }
    }
    // Without a theory of change, an action has nothing to be tied to.
    if let (Some(p), Some(_)) = (report.plan.as_ref(), report.toc.as_ref()) {
        for a in p
            .actions
            .iter()
            .filter(|a| a.activities.is_empty() && a.outcomes.is_empty())
        {
            notices.push(unconnected(
                cx,
                Kind::Handling,
                &a.h.id,
                "handling",
                "trace.loose_action_reader",
            ));
        }
    }
    let mut sections = vec![Section {
        id: "loese-ender".into(),
        heading: cx.t("trace.loose_ends_reader"),
        note: Some(if notices.is_empty() {
            cx.t("trace.all_connected")
        } else {
            cx.t("trace.loose_ends_reader_note")
        }),
        nodes: notices,
        ..Default::default()
    }];
    if let Some(t) = report.toc.as_ref() {
        sections.extend(super::toc_list::node_sections(
            cx,
            t,
            super::toc_list::Extras {
                hypotheses: true,
                trace: true,
            },
            "",
        ));
    }
    let title = cx.t("part.trace");
    let mut v = cx.page("sporbarhed.html", &title, "sporbarhed", "sporbarhed.html");
    v.breadcrumbs = cx.crumbs(None);
    v.lead = Some(cx.t("trace.lead_list"));
    v.sections = sections;
    v.toc = super::analysis::toc_of(&v.sections);
    cx.emit("sporbarhed.html", "page.html", &v);
}
