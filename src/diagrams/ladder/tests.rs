//! Layout tests of the ladder on generated services.

use super::*;
use crate::content::model::{AgeBand, Gap, Header, Need, Overlap, Service, Step};
use crate::diag::Pos;

fn h(id: &str) -> Header {
    Header {
        id: id.into(),
        title: format!("Tilbud {id} med et langt navn: familiebehandlingsindsatsen"),
        pos: Pos::FILE,
        prov: Default::default(),
    }
}

/// `n` services spread over 6 steps and 4 bands, some wide, some
/// external; gaps and overlaps as the resolver would find them.
pub fn generated(n: usize) -> ServicesPart {
    let bands: Vec<AgeBand> = crate::content::model::DEFAULT_AGE_BANDS
        .iter()
        .map(|(id, title, from, to)| AgeBand {
            id: id.to_string(),
            title: title.to_string(),
            from: *from,
            to: *to,
        })
        .collect();
    let mut steps: Vec<Step> = (0..6)
        .map(|i| Step {
            h: h(&format!("trin{i}")),
            description: None,
            services: Vec::new(),
        })
        .collect();
    let mut services = Vec::new();
    for i in 0..n {
        let step = (i * 7) % 5; // the top step stays empty: gaps
        let first = (i * 3) % 4;
        let last = (first + i % 3).min(3);
        steps[step].services.push(i);
        services.push(Service {
            h: h(&format!("s{i}")),
            step,
            age_from: 0,
            age_to: 17,
            bands: (first..=last).collect(),
            needs: vec![i % 2],
            provider: if i % 3 == 0 {
                Provider::Ekstern
            } else {
                Provider::Egen
            },
            provider_name: None,
            legal_basis: None,
            capacity: None,
            capacity_unit: String::new(),
            price: None,
            price_unit: None,
            description: None,
        });
    }
    let mut gaps = Vec::new();
    let mut overlaps = Vec::new();
    for (si, st) in steps.iter().enumerate() {
        for b in 0..4 {
            let here: Vec<usize> = st
                .services
                .iter()
                .copied()
                .filter(|x| services[*x].bands.contains(&b))
                .collect();
            if here.is_empty() {
                gaps.push(Gap { step: si, band: b });
            }
            for need in 0..2 {
                let same: Vec<usize> = here
                    .iter()
                    .copied()
                    .filter(|x| services[*x].needs.contains(&need))
                    .collect();
                if same.len() > 1 {
                    overlaps.push(Overlap {
                        step: si,
                        band: b,
                        need,
                        services: same,
                    });
                }
            }
        }
    }
    ServicesPart {
        intro: None,
        steps,
        bands,
        needs: vec![
            Need {
                id: "a".into(),
                title: "Trivsel".into(),
                services: Vec::new(),
            },
            Need {
                id: "b".into(),
                title: "Skole".into(),
                services: Vec::new(),
            },
        ],
        services,
        gaps,
        opt_outs: Vec::new(),
        overlaps,
    }
}

fn check(p: &Placed, s: &ServicesPart) {
    let chips: Vec<&Chip> = p.rows.iter().flat_map(|r| &r.chips).collect();
    for (i, a) in chips.iter().enumerate() {
        for b in chips.iter().skip(i + 1) {
            let apart =
                a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
            assert!(apart, "chips {} and {} overlap", a.service, b.service);
        }
        for (k, l) in a.lines.iter().enumerate() {
            assert!(CHIP.width(l) <= a.w - TAB - 2.0 * CHIP_PAD, "{l} too wide");
            assert!(a.y + CHIP_PAD + CHIP.block_height(k + 1) <= a.y + a.h);
        }
    }
    for r in &p.rows {
        for c in &r.chips {
            assert!(
                c.y >= r.y && c.y + c.h <= r.y + r.h,
                "chip {} outside its row",
                c.service
            );
            assert!(c.x >= p.band_x[c.first] && c.x + c.w <= p.band_x[c.last] + p.band_w);
        }
        // A bracket holds its services, in adjacent lanes, and its label
        // lies below them on no chip.
        for b in &r.brackets {
            assert!(
                b.y >= r.y && b.y + b.h <= r.y + r.h,
                "bracket outside its row"
            );
            let members: Vec<&Chip> = r
                .chips
                .iter()
                .filter(|c| {
                    b.services.contains(&c.service) && c.first <= b.last && b.first <= c.last
                })
                .collect();
            assert!(members.len() >= 2);
            let mut lanes: Vec<usize> = members.iter().map(|c| c.lane).collect();
            lanes.sort_unstable();
            lanes.dedup();
            assert_eq!(lanes.len(), members.len(), "one lane each");
            for c in &members {
                assert!(
                    c.y >= b.y && c.y + c.h <= b.label_y,
                    "chip {} outside its bracket",
                    c.service
                );
            }
            for c in &r.chips {
                let apart = c.x + c.w <= b.x
                    || b.x + b.w <= c.x
                    || c.y + c.h <= b.label_y
                    || b.y + b.h <= c.y;
                assert!(apart, "bracket label on chip {}", c.service);
            }
        }
        // A gap cell holds no chip.
        for g in s.gaps.iter().filter(|g| g.step == r.step) {
            assert!(
                !r.chips
                    .iter()
                    .any(|c| c.first <= g.band && g.band <= c.last)
            );
        }
    }
}

#[test]
fn chips_do_not_overlap_and_text_fits() {
    for n in [1, 3, 24, 80] {
        let s = generated(n);
        let p = place(&s, &crate::diagrams::test_strings("da"));
        check(&p, &s);
        let svg = diagram(&s, &crate::diagrams::test_strings("da")).unwrap();
        assert_eq!(
            svg.matches("class=\"service\"").count(),
            p.rows.iter().map(|r| r.chips.len()).sum::<usize>()
        );
        assert_eq!(svg.matches("class=\"gap\"").count(), s.gaps.len());
    }
}

#[test]
fn runs_split_non_adjacent_bands() {
    assert_eq!(runs(&[3, 0, 1]), vec![(0, 1), (3, 3)]);
    assert_eq!(runs(&[]), vec![]);
}

#[test]
fn steps_climb_upwards() {
    let s = generated(10);
    let p = place(&s, &crate::diagrams::test_strings("da"));
    assert_eq!(
        p.rows.first().unwrap().step,
        5,
        "the most intrusive step on top"
    );
    assert_eq!(p.rows.last().unwrap().step, 0);
    assert!(label_x(0, 6) > label_x(5, 6));
}

#[test]
fn snapshot() {
    let svg = diagram(&generated(12), &crate::diagrams::test_strings("da")).unwrap();
    crate::diagrams::assert_snapshot("ladder", &svg);
}

#[test]
fn overlapping_services_share_a_bracket_in_adjacent_lanes() {
    // Two services with the same need, the wide one first; two others in
    // between by title would have pushed them three lanes apart.
    let mut s = generated(0);
    let mk = |id: &str, title: &str, from: u8, bands: Vec<usize>, need: usize| Service {
        h: Header {
            id: id.into(),
            title: title.into(),
            pos: Pos::FILE,
            prov: Default::default(),
        },
        step: 2,
        age_from: from,
        age_to: 17,
        bands,
        needs: vec![need],
        provider: Provider::Egen,
        provider_name: None,
        legal_basis: None,
        capacity: None,
        capacity_unit: "pladser".into(),
        price: None,
        price_unit: None,
        description: None,
    };
    s.services = vec![
        mk("a", "Familiebehandling i huset", 0, vec![0, 1, 2], 0),
        mk("b", "Aflastning", 6, vec![1, 2], 1),
        mk("c", "Dagbehandling", 6, vec![1, 2], 1),
        mk("d", "Familiebehandling ude", 6, vec![1, 2], 0),
    ];
    s.steps[2].services = vec![0, 1, 2, 3];
    s.gaps.retain(|g| g.step != 2);
    s.overlaps = [
        (1, 0, [0, 3]),
        (2, 0, [0, 3]),
        (1, 1, [1, 2]),
        (2, 1, [1, 2]),
    ]
    .into_iter()
    .map(|(band, need, services)| Overlap {
        step: 2,
        band,
        need,
        services: services.to_vec(),
    })
    .collect();
    let t = crate::diagrams::test_strings("da");
    let p = place(&s, &t);
    check(&p, &s);
    let row = p.rows.iter().find(|r| r.step == 2).unwrap();
    let lane = |i: usize| row.chips.iter().find(|c| c.service == i).unwrap().lane;
    assert_eq!(
        lane(0).abs_diff(lane(3)),
        1,
        "the two family treatments side by side"
    );
    assert_eq!(row.brackets.len(), 2);
    assert_eq!(row.brackets[0].label.join(" "), "Overlap 6–17 år: trivsel");
    let svg = diagram(&s, &t).unwrap();
    assert_eq!(svg.matches("class=\"overlap\"").count(), 2);
}

#[test]
fn own_services_have_the_colour_of_the_own_badge() {
    let css = include_str!("../../../themes/default/static/style.css");
    let rule = css
        .lines()
        .find(|l| l.starts_with(".badge--egen"))
        .expect("a .badge--egen rule");
    assert!(rule.contains(OWN), "{rule} is not {OWN}");
}
