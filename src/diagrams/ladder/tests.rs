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
        // The overlap badge has room below the chips.
        if r.has_overlap {
            let lowest = r.chips.iter().map(|c| c.y + c.h).fold(r.y, f64::max);
            assert!(lowest <= r.y + r.h - ROW_PAD - BADGE_H);
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
        let p = place(&s);
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
    let p = place(&s);
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
