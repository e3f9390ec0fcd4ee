//! Follow-up pages (opfølgning): the overview `opfoelgning.html` (progress
//! chart, the process, the rounds), one page per round
//! (`opfoelgning/2024-05.html`: what changed since the round before, the
//! key figures with the values added since then and their course, the
//! findings, cases and decisions), an action's status history and the
//! newest round on the front page.

use super::Ctx;
use super::figures::fmt_value;
use super::plan::{status, status_class};
use super::views::*;
use crate::content::course::course;
use crate::content::model::{
    Change, FollowUpPart, KeyFigure, Kind, PlanPart, Report, Round, changes,
};
use crate::content::raw::{Role, Status};
use crate::diagrams::followup as draw;

/// The overview page.
pub const PATH: &str = "opfoelgning.html";

/// `opfoelgning/2024-05.html`
pub fn round_url(r: &Round) -> String {
    format!("opfoelgning/{}.html", r.id)
}

/// The round's heading: its own `titel`, else "Status april 2024".
pub fn round_title(cx: &Ctx, r: &Round) -> String {
    r.title.clone().unwrap_or_else(|| {
        format!(
            "{} {}",
            cx.t("followup.round_title"),
            crate::format::Month {
                year: r.date.year,
                month: r.date.month
            }
            .long(cx.lang())
        )
    })
}

fn round_link(cx: &Ctx, r: &Round) -> LinkV {
    LinkV {
        title: round_title(cx, r),
        url: super::url(&round_url(r)),
        ..Default::default()
    }
}

/// Each action's status after each round; before the first round nothing
/// is known (the plan's own status is today's, not the first round's).
fn statuses(f: &FollowUpPart, plan: Option<&PlanPart>) -> Vec<Vec<Option<Status>>> {
    let n = plan.map_or(0, |p| p.actions.len());
    f.statuses(&vec![None; n])
}

/// The years whose values a round knows: those before the round's year
/// (a year's figures are published in the year after).
fn known_upto(r: &Round) -> u16 {
    r.date.year.saturating_sub(1)
}

fn change_word(cx: &Ctx, c: Change) -> String {
    cx.t(&format!("followup.change.{}", c.key()))
}

pub fn render(cx: &mut Ctx) {
    let report = cx.report;
    let Some(f) = report.followup.as_ref() else {
        return;
    };
    let plan = report.plan.as_ref();
    let all = statuses(f, plan);
    overview(cx, f, &all);
    for i in 0..f.rounds.len() {
        round_page(cx, f, &all, i);
    }
}

fn overview(cx: &mut Ctx, f: &FollowUpPart, all: &[Vec<Option<Status>>]) {
    let report = cx.report;
    let mut sections = Vec::new();
    if report.plan.is_some() && !f.rounds.is_empty() {
        let rows: Vec<(String, [usize; 6])> = f
            .rounds
            .iter()
            .zip(all)
            .map(|(r, s)| (round_title(cx, r), draw::count(s)))
            .collect();
        let used: Vec<usize> = (0..draw::ORDER.len())
            .filter(|i| rows.iter().any(|(_, c)| c[*i] > 0))
            .collect();
        let mut head = vec![cx.t("followup.round")];
        head.extend(
            used.iter().map(|i| {
                crate::diagrams::timeline::status_text(draw::ORDER[*i], &cx.theme.strings)
            }),
        );
        let table = Table {
            caption: cx.t("followup.chart_caption"),
            numeric: std::iter::once(false)
                .chain(used.iter().map(|_| true))
                .collect(),
            head,
            rows: f
                .rounds
                .iter()
                .zip(&rows)
                .map(|(r, (_, c))| {
                    let mut row = vec![Cell {
                        links: vec![round_link(cx, r)],
                        header: true,
                        ..Default::default()
                    }];
                    row.extend(used.iter().map(|i| Cell::num(c[*i].to_string())));
                    row
                })
                .collect(),
            foot: None,
        };
        sections.push(Section {
            id: "fremdrift".into(),
            heading: cx.t("followup.chart"),
            figure: draw::progress(&rows, &cx.theme.strings).map(|svg| Figure {
                svg,
                caption: cx.t("followup.chart_caption"),
                text_equivalent: Some("fremdrift-tabel".into()),
            }),
            children: vec![Section {
                id: "fremdrift-tabel".into(),
                heading: cx.t("figure.text_equivalent"),
                table: Some(table),
                ..Default::default()
            }],
            ..Default::default()
        });
    }
    let mut rounds: Vec<LinkV> = f
        .rounds
        .iter()
        .map(|r| {
            let mut l = round_link(cx, r);
            l.note = Some(match &r.forum {
                Some(forum) => format!("{}, {}", r.date.long(cx.lang()), forum),
                None => r.date.long(cx.lang()),
            });
            l
        })
        .collect();
    rounds.reverse();
    sections.push(cx.link_section("opfoelgninger", "followup.rounds", rounds, "common.none"));
    if let Some(p) = f.process.as_ref() {
        sections.push(process_section(cx, p));
    }
    let title = cx.t("part.followup");
    let mut v = cx.page(PATH, &title, "opfoelgning", PATH);
    v.breadcrumbs = cx.crumbs(None);
    v.lead = Some(cx.t("followup.intro"));
    v.toc = super::analysis::toc_of(&sections);
    v.sections = sections;
    cx.emit(PATH, "page.html", &v);
}

fn process_section(cx: &mut Ctx, p: &crate::content::model::Process) -> Section {
    let mut data = Vec::new();
    for (key, list) in [
        ("followup.quantitative", &p.quantitative),
        ("followup.qualitative", &p.qualitative),
        ("followup.case_sources", &p.cases),
    ] {
        if !list.is_empty() {
            data.push((cx.t(key), list.clone()));
        }
    }
    let sources: Vec<draw::Step> = data
        .iter()
        .map(|(h, l)| draw::Step {
            heading: h.clone(),
            lines: l.clone(),
        })
        .collect();
    let mut steps = Vec::new();
    if let Some(r) = &p.report {
        steps.push(draw::Step {
            heading: cx.t("followup.report"),
            lines: vec![r.clone()],
        });
    }
    if p.forum.is_some() || p.frequency.is_some() {
        steps.push(draw::Step {
            heading: cx.t("followup.forum"),
            lines: p.forum.iter().chain(&p.frequency).cloned().collect(),
        });
    }
    if !steps.is_empty() {
        steps.push(draw::Step {
            heading: cx.t("followup.decisions"),
            lines: Vec::new(),
        });
    }
    let mut tree: Vec<TreeItem> = Vec::new();
    for st in sources.iter().chain(&steps) {
        tree.push(TreeItem {
            link: LinkV::default(),
            text: Some(st.heading.clone()),
            children: st
                .lines
                .iter()
                .map(|l| TreeItem {
                    text: Some(l.clone()),
                    ..Default::default()
                })
                .collect(),
        });
    }
    let mut facts = Vec::new();
    if let Some(x) = &p.frequency {
        facts.push(format!("{}: {x}", cx.t("followup.frequency")));
    }
    if let Some(x) = &p.forum {
        facts.push(format!("{}: {x}", cx.t("followup.forum")));
    }
    if let Some(x) = &p.report {
        facts.push(format!("{}: {x}", cx.t("followup.report")));
    }
    Section {
        id: "proces".into(),
        heading: cx.t("followup.process"),
        items: facts,
        figure: draw::process(&sources, &steps, &cx.theme.strings).map(|svg| Figure {
            svg,
            caption: cx.t("followup.process_caption"),
            text_equivalent: Some("proces-tekst".into()),
        }),
        html: cx.md_opt(&p.description),
        children: vec![Section {
            id: "proces-tekst".into(),
            heading: cx.t("figure.text_equivalent"),
            tree,
            ..Default::default()
        }],
        ..Default::default()
    }
}

fn round_page(cx: &mut Ctx, f: &FollowUpPart, all: &[Vec<Option<Status>>], i: usize) {
    let report = cx.report;
    let r = &f.rounds[i];
    let path = round_url(r);
    let title = round_title(cx, r);
    let prev = i.checked_sub(1).map(|j| &f.rounds[j]);
    let mut sections = Vec::new();
    if let Some(html) = cx.md_opt(&r.intro) {
        sections.push(Section {
            id: "indledning".into(),
            html: Some(html),
            ..Default::default()
        });
    }
    if !r.themes.is_empty() {
        sections.push(Section {
            id: "temaer".into(),
            heading: cx.t("followup.themes"),
            items: r.themes.clone(),
            ..Default::default()
        });
    }
    if let Some(p) = report.plan.as_ref() {
        let before = match i {
            0 => vec![None; p.actions.len()],
            _ => all[i - 1].clone(),
        };
        sections.extend(change_sections(cx, p, r, prev, &before, &all[i]));
    }
    if let Some(k) = report.key_figures.as_ref() {
        sections.extend(figures_section(cx, &k.figures, r, prev));
    }
    if !r.findings.is_empty() {
        let items: Vec<String> = r.findings.iter().map(|m| cx.md(m).html).collect();
        sections.push(Section {
            id: "fund".into(),
            heading: cx.t("followup.findings"),
            html: Some(format!(
                "<ul>{}</ul>",
                items
                    .iter()
                    .map(|h| format!("<li>{h}</li>"))
                    .collect::<String>()
            )),
            ..Default::default()
        });
    }
    if !r.cases.is_empty() {
        let children = r
            .cases
            .iter()
            .enumerate()
            .map(|(ci, c)| {
                let mut links: Vec<LinkV> = Vec::new();
                if let Some(p) = report.plan.as_ref() {
                    links.extend(c.focus_areas.iter().map(|x| {
                        let mut l = cx.link(Kind::Fokusomraade, &p.focus_areas[*x].h.id);
                        l.badge = Some(cx.t("kind.fokusomraade"));
                        l
                    }));
                }
                if let Some(t) = report.toc.as_ref() {
                    links.extend(c.outcomes.iter().map(|x| {
                        let mut l = cx.link(Kind::Maal, &t.outcomes[*x].h.id);
                        l.badge = Some(cx.t("kind.maal"));
                        l
                    }));
                }
                Section {
                    id: format!("sag-{}", ci + 1),
                    heading: c.title.clone(),
                    html: cx.md_opt(&c.text),
                    links,
                    ..Default::default()
                }
            })
            .collect();
        sections.push(Section {
            id: "sager".into(),
            heading: cx.t("followup.cases"),
            children,
            ..Default::default()
        });
    }
    if !r.decisions.is_empty() {
        sections.push(Section {
            id: "beslutninger".into(),
            heading: cx.t("followup.decisions"),
            items: r.decisions.clone(),
            ..Default::default()
        });
    }
    let mut nav = Vec::new();
    if let Some(p) = prev {
        let mut l = round_link(cx, p);
        l.badge = Some(cx.t("followup.previous"));
        nav.push(l);
    }
    if let Some(n) = f.rounds.get(i + 1) {
        let mut l = round_link(cx, n);
        l.badge = Some(cx.t("followup.next"));
        nav.push(l);
    }
    if !nav.is_empty() {
        sections.push(Section {
            id: "andre-opfoelgninger".into(),
            heading: cx.t("followup.rounds"),
            links: nav,
            ..Default::default()
        });
    }
    let mut v = cx.page(&path, &title, "opfoelgning-runde", PATH);
    v.breadcrumbs = cx.crumbs(Some(("part.followup", PATH)));
    v.kind_label = Some(cx.t("kind.round"));
    v.facts.push(Fact {
        label: cx.t("followup.date"),
        value: r.date.long(cx.lang()),
        url: None,
    });
    if let Some(forum) = &r.forum {
        v.facts.push(Fact {
            label: cx.t("followup.forum"),
            value: forum.clone(),
            url: None,
        });
    }
    v.toc = super::analysis::toc_of(&sections);
    v.sections = sections;
    cx.emit(&path, "page.html", &v);
}

/// "Ændret siden sidst": the actions whose status moved, with the round's
/// comment; then the comments on actions whose status stayed.
fn change_sections(
    cx: &Ctx,
    p: &PlanPart,
    r: &Round,
    prev: Option<&Round>,
    before: &[Option<Status>],
    after: &[Option<Status>],
) -> Vec<Section> {
    let comment = |a: usize| {
        r.actions
            .iter()
            .find(|x| x.action == a)
            .and_then(|x| x.comment.clone())
    };
    let moved = changes(before, after);
    let link = |a: usize, badge: String| {
        let mut l = cx.link(Kind::Handling, &p.actions[a].h.id);
        l.badge = Some(badge);
        l.badge_class = Some(status_class(after[a]));
        l.note = comment(a);
        l
    };
    // At the first round every action with a status is listed with it.
    let links: Vec<LinkV> = match prev {
        Some(_) => moved
            .iter()
            .map(|(a, c)| link(*a, change_word(cx, *c)))
            .collect(),
        None => (0..after.len())
            .filter(|a| after[*a].is_some())
            .map(|a| link(a, status(cx, after[a])))
            .collect(),
    };
    let (heading, note) = match prev {
        Some(pr) => (
            cx.t("followup.changes"),
            Some(format!(
                "{} {}.",
                cx.t("followup.since"),
                pr.date.long(cx.lang())
            )),
        ),
        None => (cx.t("followup.changes_first"), None),
    };
    let mut out = vec![Section {
        id: "aendringer".into(),
        heading,
        note,
        links,
        empty: Some(cx.t("followup.no_changes")),
        ..Default::default()
    }];
    let others: Vec<LinkV> = r
        .actions
        .iter()
        .filter(|x| {
            prev.is_some() && x.comment.is_some() && !moved.iter().any(|(a, _)| *a == x.action)
        })
        .map(|x| link(x.action, status(cx, after[x.action])))
        .collect();
    if !others.is_empty() {
        out.push(Section {
            id: "kommentarer".into(),
            heading: cx.t("followup.comments"),
            links: others,
            ..Default::default()
        });
    }
    out
}

/// The key figures with a target or a value added since the round before:
/// the new values, the target and the course as known at the round.
fn figures_section(
    cx: &Ctx,
    figures: &[KeyFigure],
    r: &Round,
    prev: Option<&Round>,
) -> Option<Section> {
    let upto = known_upto(r);
    let after = prev.map(known_upto);
    let rows: Vec<Vec<Cell>> = figures
        .iter()
        .filter_map(|k| {
            let own = k.series.iter().find(|s| s.role == Role::Kommune)?;
            let new: Vec<String> = own
                .known()
                .filter(|(y, _)| *y <= upto && after.is_none_or(|a| *y > a))
                .map(|(y, v)| format!("{y}: {}", fmt_value(k, v)))
                .collect();
            if new.is_empty() && k.target.is_none() {
                return None;
            }
            let c = course(k, Some(upto));
            let better = crate::content::course::better_direction(k, Some(upto));
            let mut verdict = format!("{} {}", c.symbol(better), cx.t(c.key()));
            if let Some((v, y)) = k.target {
                verdict.push_str(&format!(
                    " ({} {} {y})",
                    cx.t("followup.target").to_lowercase(),
                    fmt_value(k, v)
                ));
            }
            Some(vec![
                Cell {
                    links: vec![cx.link(Kind::Noegletal, &k.h.id)],
                    header: true,
                    ..Default::default()
                },
                Cell::text(if new.is_empty() {
                    cx.t("followup.no_new_values")
                } else {
                    new.join(", ")
                }),
                Cell {
                    text: verdict,
                    class: Some(format!("kurs kurs--{}", c.slug())),
                    ..Default::default()
                },
            ])
        })
        .collect();
    (!rows.is_empty()).then(|| Section {
        id: "noegletal".into(),
        heading: cx.t("followup.figures"),
        note: Some(cx.t("followup.figures_note")),
        table: Some(Table {
            caption: cx.t("followup.figures"),
            head: vec![
                cx.t("kind.noegletal"),
                cx.t("followup.new_values"),
                cx.t("course.label"),
            ],
            rows,
            numeric: vec![false; 3],
            foot: None,
        }),
        ..Default::default()
    })
}

/// "Statushistorik" on an action's page: its status and comment at every
/// round that names it or changes it.
pub fn history(cx: &Ctx, id: &str) -> Option<Section> {
    let report: &Report = cx.report;
    let f = report.followup.as_ref()?;
    let action = report
        .plan
        .as_ref()?
        .actions
        .iter()
        .position(|a| a.h.id == id)?;
    let all = statuses(f, report.plan.as_ref());
    let mut rows = Vec::new();
    let mut last: Option<Status> = None;
    for (r, s) in f.rounds.iter().zip(&all) {
        let named = r.actions.iter().find(|x| x.action == action);
        let now = s.get(action).copied().flatten();
        if named.is_none() && now == last {
            continue;
        }
        let mut st = status(cx, now);
        if now == last && now.is_some() {
            st = format!("{st} ({})", cx.t("followup.unchanged"));
        }
        rows.push(vec![
            Cell {
                links: vec![round_link(cx, r)],
                header: true,
                ..Default::default()
            },
            Cell {
                text: st,
                class: Some(status_class(now)),
                ..Default::default()
            },
            Cell::text(named.and_then(|x| x.comment.clone()).unwrap_or_default()),
        ]);
        last = now;
    }
    (!rows.is_empty()).then(|| Section {
        id: "statushistorik".into(),
        heading: cx.t("followup.history"),
        table: Some(Table {
            caption: cx.t("followup.history_caption"),
            head: vec![
                cx.t("followup.round"),
                cx.t("followup.status"),
                cx.t("followup.comment"),
            ],
            rows,
            numeric: vec![false; 3],
            foot: None,
        }),
        ..Default::default()
    })
}

/// The newest round for the front page: its title and link, date and
/// forum, and what changed since the round before, in words.
#[derive(serde::Serialize, Clone, Debug, Default)]
pub struct NewestRound {
    pub heading: String,
    pub link: LinkV,
    pub when: String,
    /// "Ændret siden sidst" (the first round: the statuses at that round).
    pub changes_heading: String,
    pub changes: Vec<String>,
    pub decisions: Vec<String>,
    pub decisions_heading: String,
    pub read: String,
}

pub fn newest_round(cx: &Ctx) -> Option<NewestRound> {
    let report = cx.report;
    let f = report.followup.as_ref()?;
    let i = f.rounds.len().checked_sub(1)?;
    let r = &f.rounds[i];
    let mut changes_text = Vec::new();
    if let Some(p) = report.plan.as_ref() {
        let all = statuses(f, Some(p));
        let before = if i == 0 {
            vec![None; p.actions.len()]
        } else {
            all[i - 1].clone()
        };
        let moved = changes(&before, &all[i]);
        for c in [
            Change::Completed,
            Change::Started,
            Change::Delayed,
            Change::Cancelled,
        ] {
            let n = moved.iter().filter(|(_, x)| *x == c).count();
            if n > 0 {
                changes_text.push(format!("{}: {n}", change_word(cx, c)));
            }
        }
    }
    Some(NewestRound {
        heading: cx.t("followup.newest"),
        link: round_link(cx, r),
        when: match &r.forum {
            Some(forum) => format!("{}, {}", r.date.long(cx.lang()), forum),
            None => r.date.long(cx.lang()),
        },
        changes_heading: cx.t(if i == 0 {
            "followup.changes_first"
        } else {
            "followup.changes"
        }),
        changes: changes_text,
        decisions: r.decisions.clone(),
        decisions_heading: cx.t("followup.decisions"),
        read: cx.t("followup.read_round"),
    })
}
