//! Layout tests of the theory-of-change diagram on generated models.

use super::*;
use crate::content::model::{Activity, Header, Intervention, LinkTo, Outcome};
use crate::diag::Pos;

fn header(id: String, title: String) -> Header {
    Header {
        id,
        title,
        pos: Pos::FILE,
        prov: Default::default(),
    }
}

fn strings() -> Strings {
    crate::diagrams::test_strings("da")
}

/// A generated theory of change: `ni` interventions, `na` activities,
/// `ns` short-term and `nl` long-term outcomes, links drawn from a fixed
/// pseudo-random sequence, titles of Danish words including long
/// compounds.
pub fn generated(ni: usize, na: usize, ns: usize, nl: usize) -> TocPart {
    let mut rng = crate::diagrams::Lcg(2024);
    let mut next = move |n: usize| rng.below(n);
    let words = [
        "Fremskudt",
        "myndighedsfunktion",
        "tidlig",
        "opsporing",
        "børnefamilieområdet",
        "netværksplejefamilier",
        "og",
        "i",
        "sammenhæng",
        "tværfagligt",
        "samarbejde",
        "familiebehandlingsindsatserne",
        "skoler",
    ];
    let mut title = |k: usize| -> String {
        (0..2 + k % 7)
            .map(|_| words[next(words.len())])
            .collect::<Vec<_>>()
            .join(" ")
    };
    let interventions = (0..ni)
        .map(|i| Intervention {
            h: header(format!("i{i}"), title(i + 3)),
            description: None,
            hypotheses: Vec::new(),
            activities: Vec::new(),
        })
        .collect::<Vec<_>>();
    let mut outcomes: Vec<Outcome> = (0..ns + nl)
        .map(|o| Outcome {
            h: header(format!("o{o}"), title(o)),
            kind: if o < ns {
                OutcomeKind::Kortsigtet
            } else {
                OutcomeKind::Langsigtet
            },
            description: None,
            contributes_to: Vec::new(),
            indicators: Vec::new(),
            assumptions: if o % 5 == 0 {
                vec!["En antagelse".into()]
            } else {
                Vec::new()
            },
            from_activities: Vec::new(),
            from_outcomes: Vec::new(),
            actions: Vec::new(),
            criteria: Vec::new(),
        })
        .collect();
    let mut rng2 = crate::diagrams::Lcg(99);
    let mut pick = move |n: usize| rng2.below(n);
    let mut activities = Vec::new();
    for a in 0..na {
        let mut ints = vec![pick(ni)];
        if pick(3) == 0 {
            let other = pick(ni);
            if !ints.contains(&other) {
                ints.push(other);
            }
        }
        let mut outs: Vec<LinkTo> = Vec::new();
        for _ in 0..1 + pick(2) {
            let target = pick(ns);
            if !outs.iter().any(|l| l.target == target) {
                outs.push(LinkTo {
                    target,
                    assumption: (pick(6) == 0).then(|| "Medarbejderne har tid".to_string()),
                });
            }
        }
        activities.push(Activity {
            h: header(format!("a{a}"), title(a)),
            // Every fourth activity spans several areas.
            areas: match a % 4 {
                3 => vec![Area::Myndighed, Area::Tilbudsvifte, Area::Almenomraade],
                _ => vec![[Area::Myndighed, Area::Tilbudsvifte, Area::Almenomraade][a % 3]],
            },
            interventions: ints,
            description: None,
            outcomes: outs,
            actions: Vec::new(),
        });
    }
    for o in outcomes.iter_mut().take(if nl == 0 { 0 } else { ns }) {
        let target = ns + pick(nl);
        o.contributes_to.push(LinkTo {
            target,
            assumption: None,
        });
        if pick(3) == 0 {
            let other = ns + pick(nl);
            if other != target {
                o.contributes_to.push(LinkTo {
                    target: other,
                    assumption: Some("Effekten holder".into()),
                });
            }
        }
    }
    TocPart {
        aim: None,
        horizons: [None, None],
        interventions,
        activities,
        outcomes,
    }
}

fn check_geometry(p: &Placed) {
    for (i, a) in p.boxes.iter().enumerate() {
        for (j, b) in p.boxes.iter().enumerate().skip(i + 1) {
            assert!(
                !a.rect.overlaps(&b.rect),
                "boxes {i} and {j} overlap: {:?} {:?}",
                a.rect,
                b.rect
            );
        }
        for (x, y, w, h) in &a.texts {
            let r = &a.rect;
            assert!(
                *x >= r.x + 1.0
                    && x + w <= r.x + r.w - 1.0
                    && *y >= r.y
                    && y + h <= r.bottom() + 0.01,
                "text ({x},{y},{w},{h}) outside box {i} {r:?}"
            );
        }
    }
}

#[test]
fn three_nodes_render() {
    let t = generated(1, 1, 1, 0);
    let g = graph(None, &t, View::Detailed);
    assert_eq!(g.nodes.len(), 3);
    assert_eq!(g.edges.len(), 2);
    let s = strings();
    let p = place(&g, View::Detailed, &s);
    check_geometry(&p);
    let svg = draw(&g, &p, View::Detailed, &s, "T");
    assert_eq!(svg.matches("class=\"node\"").count(), 3);
    assert_eq!(svg.matches("data-from=").count(), 2);
}

#[test]
fn eighty_nodes_no_overlap_text_inside_fewer_crossings() {
    let t = generated(8, 40, 20, 12);
    let g = graph(None, &t, View::Detailed);
    assert!(g.nodes.len() >= 80);
    let s = strings();
    let start = std::time::Instant::now();
    let p = place(&g, View::Detailed, &s);
    let svg = draw(&g, &p, View::Detailed, &s, "T");
    let elapsed = start.elapsed();
    check_geometry(&p);
    let l = &p.layout;
    assert!(
        l.crossings <= l.naive_crossings,
        "{} > {}",
        l.crossings,
        l.naive_crossings
    );
    assert!(
        (l.crossings as f64) < 0.8 * l.naive_crossings as f64,
        "{} vs {}",
        l.crossings,
        l.naive_crossings
    );
    assert_eq!(svg.matches("class=\"node\"").count(), g.nodes.len());
    assert_eq!(svg.matches("data-from=").count(), g.edges.len());
    eprintln!(
        "toc 80: {} nodes, {} edges, crossings {} (data order {}), height {}, {:?}",
        g.nodes.len(),
        g.edges.len(),
        l.crossings,
        l.naive_crossings,
        l.height,
        elapsed
    );
    // The overview of the same model.
    let g = graph(None, &t, View::Overview);
    let p = place(&g, View::Overview, &s);
    check_geometry(&p);
    assert!(p.layout.crossings <= p.layout.naive_crossings);
}

#[test]
fn long_compound_titles_stay_inside_narrow_boxes() {
    let mut t = generated(2, 3, 2, 1);
    t.activities[0].h.title = "Børnefamilieområdeudviklingssamarbejdsaftaleforhandlingerne".into();
    let g = graph(None, &t, View::Detailed);
    let p = place(&g, View::Detailed, &strings());
    check_geometry(&p);
    let b = &p.boxes[2];
    assert!(b.lines.len() >= 3, "{:?}", b.lines);
    assert!(b.lines[0].ends_with('-'));
}

#[test]
fn output_is_deterministic() {
    let t = generated(4, 12, 6, 3);
    let s = strings();
    let one = {
        let g = graph(None, &t, View::Detailed);
        draw(&g, &place(&g, View::Detailed, &s), View::Detailed, &s, "T")
    };
    let two = {
        let g = graph(None, &t, View::Detailed);
        draw(&g, &place(&g, View::Detailed, &s), View::Detailed, &s, "T")
    };
    assert_eq!(one, two);
}

#[test]
fn snapshots() {
    let t = generated(3, 6, 3, 2);
    let s = strings();
    for (view, name) in [
        (View::Overview, "toc-overview"),
        (View::Detailed, "toc-detailed"),
    ] {
        let g = graph(None, &t, view);
        let svg = draw(&g, &place(&g, view, &s), view, &s, "Forandringsteori");
        crate::diagrams::assert_snapshot(name, &svg);
    }
}

#[test]
fn bundled_example_has_no_more_crossings_than_its_data_order() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let report = crate::content::load(&root)
        .report
        .expect("the example loads");
    let t = report.toc.as_ref().unwrap();
    let s = strings();
    for view in [View::Overview, View::Detailed] {
        let g = graph(report.analysis.as_ref(), t, view);
        let p = place(&g, view, &s);
        check_geometry(&p);
        let l = &p.layout;
        assert!(l.crossings <= l.naive_crossings);
        eprintln!(
            "example {view:?}: {} nodes, {} edges, crossings {} (data order {})",
            g.nodes.len(),
            g.edges.len(),
            l.crossings,
            l.naive_crossings
        );
    }
}

#[test]
fn the_print_variant_is_wider_and_lower_with_text_in_its_boxes() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let report = crate::content::load(&root)
        .report
        .expect("the example loads");
    let s = strings();
    for t in [report.toc.as_ref().unwrap(), &generated(6, 30, 8, 4)] {
        let g = graph(report.analysis.as_ref(), t, View::Detailed);
        let (screen, print) = (
            place_at(&g, View::Detailed, &s, WIDTH),
            place_at(&g, View::Detailed, &s, PRINT_WIDTH),
        );
        check_geometry(&print);
        assert!(
            print
                .boxes
                .iter()
                .all(|b| b.rect.x + b.rect.w <= PRINT_WIDTH - MARGIN)
        );
        assert!(
            print.layout.height < screen.layout.height,
            "print {} screen {}",
            print.layout.height,
            screen.layout.height
        );
    }
    // At the landscape page's 773 pt its smallest text is at least 8 pt.
    let (screen, svg) = diagram_screen_print(&report, View::Detailed, &s).unwrap();
    // Laid out together as drawn alone: the shared ordering changes nothing.
    assert_eq!(Some(screen), diagram(&report, View::Detailed, &s));
    assert_eq!(
        Some(svg.clone()),
        diagrams_at(&report, View::Detailed, &s, &[PRINT_WIDTH]).map(|mut d| d.remove(0))
    );
    assert!(svg.contains("viewBox=\"0 0 1150 "), "{}", &svg[..200]);
    let smallest = svg
        .split("font-size=\"")
        .skip(1)
        .filter_map(|x| x.split('"').next()?.parse::<f64>().ok())
        .fold(f64::MAX, f64::min);
    assert!(773.0 * smallest / PRINT_WIDTH >= 8.0, "{smallest}");
}
