use super::*;
use crate::content::model::{Action, FocusArea, Header, Md};
use crate::diag::Pos;
use std::collections::BTreeMap;

fn h(id: &str, title: &str) -> Header {
    Header {
        id: id.into(),
        title: title.into(),
        pos: Pos::FILE,
        prov: Default::default(),
    }
}

fn plan() -> PlanPart {
    let statuses = Status::ALL;
    let actions: Vec<Action> = (0..10)
        .map(|i| Action {
            h: h(
                &format!("a{i}"),
                &format!("Handling {i}: opfølgningskalender og påmindelser i fagsystemet"),
            ),
            focus_area: i % 2,
            owner: Some("Chef".into()),
            period: Some(crate::content::model::PlanPeriod {
                from: Month {
                    year: 2023,
                    month: 1 + (i * 5 % 12) as u8,
                },
                to: Month {
                    year: 2023 + (i % 3) as u16,
                    month: 12 - (i % 4) as u8,
                },
                from_year_only: false,
                to_year_only: false,
            }),
            status: Some(statuses[i % statuses.len()]),
            budget: if i % 3 == 0 {
                BTreeMap::from([(2023, 250_000), (2024, 125_000)])
            } else {
                BTreeMap::new()
            },
            pool: None,
            effects: Vec::new(),
            activities: Vec::new(),
            outcomes: Vec::new(),
            description: None,
        })
        .collect();
    let focus_areas = (0..2)
        .map(|f| FocusArea {
            h: h(&format!("f{f}"), &format!("Fokusområde {f}")),
            purpose: Some(Md::default()),
            intro: None,
            description: None,
            effects_citizens: Vec::new(),
            effects_organisation: Vec::new(),
            pools: Vec::new(),
            actions: (0..10).filter(|i| i % 2 == f).collect(),
        })
        .collect();
    PlanPart {
        title: None,
        intro: None,
        focus_areas,
        actions,
        pools: Vec::new(),
        follow_up: None,
    }
}

#[test]
fn the_status_bars_on_the_plan_page_look_like_the_timeline_bars() {
    let css = include_str!("../../../themes/default/static/style.css");
    let all = Status::ALL.map(Some).into_iter().chain([None]);
    for s in all {
        let key = s.map_or("ikke-oplyst", Status::key);
        let rule = css
            .lines()
            .find(|l| l.starts_with(&format!(".bar__fill--status-{key} ")))
            .unwrap_or_else(|| panic!("no bar rule for {key}"));
        let (fill, stroke, dash, _) = bar_style(s);
        let colour = if fill.starts_with('#') && fill != colour::WHITE {
            fill
        } else {
            stroke
        };
        assert!(rule.contains(colour), "{rule} is not {colour}");
        assert_eq!(rule.contains("dashed"), dash == "5 3", "{rule}");
    }
}

#[test]
fn actions_without_period_are_left_out_and_unknown_status_is_written() {
    let mut p = plan();
    p.actions[0].period = None;
    p.actions[1].status = None;
    let t = crate::diagrams::test_strings("da");
    let (svg, rows) = gantt_placed(&p, None, "da", &t, false).unwrap();
    assert_eq!(rows.iter().filter(|r| r.action.is_some()).count(), 9);
    assert!(rows.iter().all(|r| r.action != Some(0)));
    assert!(svg.contains(">Ikke oplyst</text>"), "{svg}");
    assert!(svg.contains(" 9 handlinger"), "{svg}");
    for a in &mut p.actions {
        a.period = None;
    }
    assert!(gantt(&p, None, "da", &t).is_none());
}

#[test]
fn the_status_line_is_drawn_only_inside_the_years() {
    let p = plan();
    let t = crate::diagrams::test_strings("da");
    // plan() spans 2023–2025.
    assert!(draws_status_line(&p, Date::parse("2024-06-15")));
    assert!(!draws_status_line(&p, None));
    assert!(!draws_status_line(&p, Date::parse("2030-01-01")));
    let svg = gantt(&p, Date::parse("2030-01-01"), "da", &t).unwrap();
    assert!(!svg.contains("Status:"), "{svg}");
}

#[test]
fn pools_are_stacked_and_counted_once_and_no_double_full_stop() {
    use crate::content::model::Pool;
    let mut p = plan();
    // Action 0 (250.000 kr. in 2023) is paid from a plan pool of
    // 300.000 kr. in 2023: 2023 totals 1.000.000 − 250.000 + 300.000.
    p.pools.push(Pool {
        id: "pulje".into(),
        title: "Uddannelsespuljen".into(),
        focus_area: None,
        budget: BTreeMap::from([(2023, 300_000)]),
        lump: None,
        period: None,
        description: None,
        actions: vec![0],
    });
    p.actions[0].pool = Some(0);
    let t = crate::diagrams::test_strings("da");
    let svg = budget(&p, &t).unwrap();
    assert!(svg.contains(">1.050.000\u{a0}kr.</text>"), "{svg}");
    assert!(svg.contains("Uddannelsespuljen"), "{svg}");
    assert!(svg.contains("udviklingsplan.html#pulje-pulje"), "{svg}");
    assert!(!svg.contains("kr.."), "{svg}");
    assert_eq!(p.total_budget(), 1_500_000 - 375_000 + 300_000);
    p.pools[0].lump = Some(750_000);
    p.pools[0].budget.clear();
    let svg = budget(&p, &t).unwrap();
    assert!(
        svg.contains("Ikke fordelt på år: 750.000\u{a0}kr. Samme"),
        "{svg}"
    );
    assert!(!svg.contains("kr.."), "{svg}");
}

#[test]
fn rows_do_not_overlap_and_labels_fit() {
    let p = plan();
    let t = crate::diagrams::test_strings("da");
    let date = Date::parse("2025-03-31");
    let (svg, rows) = gantt_placed(&p, date, "da", &t, false).unwrap();
    assert_eq!(rows.iter().filter(|r| r.action.is_some()).count(), 10);
    for w in rows.windows(2) {
        assert!(w[0].y + w[0].h <= w[1].y);
    }
    let x0 = MARGIN + LABEL_W + 12.0;
    for r in rows.iter().filter(|r| r.action.is_some()) {
        assert!(r.lines.iter().all(|l| LABEL.width(l) <= LABEL_W - 12.0));
        assert!(LABEL.block_height(r.lines.len()) <= r.h);
        assert!(
            r.bar.0 >= x0 && r.bar.0 + r.bar.1 <= WIDTH - MARGIN + 0.01,
            "{:?}",
            r.bar
        );
        // The status text stays in the timeline area.
        assert!(r.status.0 >= x0 && r.status.0 + r.status.1 <= WIDTH - MARGIN + 0.01);
    }
    assert_eq!(svg.matches("class=\"action\"").count(), 10);
    assert!(svg.contains("Status: 31. marts 2025"));
    assert!(svg.contains("Gennemført") && svg.contains("Aflyst"));
}

#[test]
fn snapshots() {
    let t = crate::diagrams::test_strings("da");
    let p = plan();
    let gantt = gantt(&p, Date::parse("2024-06-15"), "da", &t).unwrap();
    crate::diagrams::assert_snapshot("timeline", &gantt);
    crate::diagrams::assert_snapshot("budget", &budget(&p, &t).unwrap());
}

#[test]
fn budget_sums_per_year() {
    let p = plan();
    let t = crate::diagrams::test_strings("da");
    let svg = budget(&p, &t).unwrap();
    // Actions 0, 3, 6, 9 have 250.000 kr. in 2023.
    assert!(svg.contains(">1.000.000\u{a0}kr.</text>"), "{svg}");
    assert!(svg.contains(">500.000\u{a0}kr.</text>"));
    assert!(
        budget(
            &PlanPart {
                actions: Vec::new(),
                ..p
            },
            &t
        )
        .is_none()
    );
}
