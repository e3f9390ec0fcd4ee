//! Tests of the charts on small hand-made data.

use super::*;
use crate::content::model::{Criterion, Header, Md, Series};
use crate::content::raw::{Counting, Role};
use crate::diag::Pos;
use std::collections::BTreeMap;

fn strings() -> Strings {
    crate::diagrams::test_strings("da")
}

fn header(id: &str, title: &str) -> Header {
    Header {
        id: id.into(),
        title: title.into(),
        pos: Pos::FILE,
        prov: Default::default(),
    }
}

pub fn figure(unit: Unit, values: &[(u16, f64)], target: Option<(f64, u16)>) -> KeyFigure {
    let own: BTreeMap<u16, Option<f64>> = values.iter().map(|(y, v)| (*y, Some(*v))).collect();
    let other: BTreeMap<u16, Option<f64>> =
        values.iter().map(|(y, v)| (*y, Some(v * 1.2))).collect();
    KeyFigure {
        h: header("anbragte", "Anbragte & <andre>"),
        unit,
        definition: Some(Md::default()),
        source: Some("Danmarks Statistik".into()),
        table: None,
        counting: Some(Counting::Status),
        better: None,
        target,
        decimals: 1,
        csv: None,
        series: vec![
            Series {
                name: "Egeskov Kommune".into(),
                role: Role::Kommune,
                values: own,
            },
            Series {
                name: "Sammenlignelige kommuner".into(),
                role: Role::Sammenligning,
                values: other,
            },
        ],
        outcomes: Vec::new(),
        themes: Vec::new(),
    }
}

#[test]
fn danish_axis_labels() {
    let t = strings();
    assert_eq!(axis_label(Unit::Procent, 12.5, &t), "12,5 %");
    assert_eq!(axis_label(Unit::Kr, 45000.0, &t), "45.000 kr.");
    assert_eq!(axis_label(Unit::Promille, 10.0, &t), "10 ‰");
    assert_eq!(axis_label(Unit::Antal, 1250.0, &t), "1.250");
    assert_eq!(nice_axis(3.0, 33.0), (0.0, 40.0, 10.0));
    assert_eq!(nice_axis(3.0, 47.0), (0.0, 50.0, 10.0));
    assert_eq!(nice_axis(0.0, 0.0), (0.0, 1.0, 0.2));
}

#[test]
fn key_figure_chart_is_accessible_responsive_and_deterministic() {
    let t = strings();
    let k = figure(
        Unit::Kr,
        &[(2019, 41000.0), (2020, 43500.0), (2021, 47250.5)],
        Some((40000.0, 2025)),
    );
    let a = key_figure(&k, &t).unwrap();
    let b = key_figure(&k, &t).unwrap();
    assert_eq!(a, b);
    assert!(a.starts_with("<div class=\"diagram-stack "));
    assert!(a.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"diagram-svg\""));
    assert_eq!(
        a.matches("<svg").count(),
        1,
        "plotters' own <svg> is replaced"
    );
    for part in [
        "role=\"img\"",
        "<title id=",
        "<desc id=",
        "width=\"100%\"",
        "viewBox=\"0 0 800 ",
    ] {
        assert!(a.contains(part), "{part}");
    }
    // Title escaped, Danish tick labels, target label, both series named.
    assert!(a.contains("Anbragte &amp; &lt;andre&gt;"));
    assert!(a.contains("\n40.000 kr.\n</text>"), "{a}");
    assert!(!a.contains("kr.."), "no doubled full stop");
    assert!(a.contains("Mål 2025: 40.000,0 kr."));
    assert!(a.contains("Sammenlignelige kommuner"));
    // Years up to the target's year on the axis.
    assert!(a.contains("\n2025\n</text>"), "{a}");
    // Font sizes in our format, not plotters' long floats.
    assert!(!a.contains("font-size=\"9.6"));
    let open = &a[..a.find('>').unwrap()];
    assert!(
        !open.contains("height=") && !open.contains("width=\"800\""),
        "{open}"
    );
}

#[test]
fn no_data_no_chart() {
    let k = figure(Unit::Procent, &[], None);
    assert!(key_figure(&k, &strings()).is_none());
}

#[test]
fn a_missing_year_breaks_the_line() {
    let mut k = figure(
        Unit::Antal,
        &[
            (2018, 4.0),
            (2019, 5.0),
            (2020, 6.0),
            (2021, 7.0),
            (2022, 6.0),
        ],
        None,
    );
    k.series.truncate(1);
    k.series[0].values.insert(2020, None);
    let runs = runs(&k.series[0]);
    assert_eq!(
        runs,
        vec![
            vec![(2018.0, 4.0), (2019.0, 5.0)],
            vec![(2021.0, 7.0), (2022.0, 6.0)]
        ]
    );
    let svg = key_figure(&k, &strings()).unwrap();
    let own: Vec<&str> = svg
        .split("<polyline")
        .skip(1)
        .filter(|p| p.split("/>").next().unwrap().contains("stroke-width=\"3\""))
        .collect();
    assert_eq!(own.len(), 2, "two stretches, none through 2020");
    // Only unstated years: nothing to draw.
    for v in k.series[0].values.values_mut() {
        *v = None;
    }
    assert!(key_figure(&k, &strings()).is_none());
}

#[test]
fn only_criteria_with_counts_are_drawn_and_none_without_any() {
    let mut c = cases();
    let mut words = c.criteria[0].clone();
    words.h = header("opfoelgning", "Opfølgning");
    words.results = None;
    c.criteria.push(words);
    let svg = case_review(&c, &strings()).unwrap();
    assert!(!svg.contains("opfoelgning"));
    assert!(svg.contains("1 kriterium, 30 sager"), "{svg}");
    c.cases = None;
    for k in &mut c.criteria {
        k.results = None;
    }
    assert!(case_review(&c, &strings()).is_none());
}

fn cases() -> CaseReviewPart {
    CaseReviewPart {
        prov: Default::default(),
        title: None,
        cases: Some(30),
        by: None,
        method: None,
        scale: crate::content::model::DEFAULT_SCALE
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect(),
        criteria: vec![Criterion {
            h: header("inddragelse", "Inddragelse af barn og forældre"),
            description: None,
            results: Some(vec![12, 11, 5, 2]),
            findings: None,
            examples: Vec::new(),
            outcomes: Vec::new(),
        }],
    }
}

#[test]
fn case_review_segments_and_links() {
    let svg = case_review(&cases(), &strings()).unwrap();
    assert_eq!(svg.matches("class=\"segment\"").count(), 4);
    assert!(svg.contains("href=\"omstil-root:/kriterier/inddragelse.html\""));
    assert!(svg.contains("I høj grad: 12 sager (40\u{a0}%)"));
    assert!(svg.contains(">12</text>"));
}

#[test]
fn snapshots() {
    let t = strings();
    let k = figure(
        Unit::Procent,
        &[(2019, 31.0), (2020, 27.5), (2021, 22.0), (2022, 18.25)],
        Some((15.0, 2023)),
    );
    crate::diagrams::assert_snapshot("key-figure", &key_figure(&k, &t).unwrap());
    crate::diagrams::assert_snapshot("case-review", &case_review(&cases(), &t).unwrap());
}

/// The end labels of a chart: per `<text>` its x, its lines' baselines,
/// font size and the lines themselves.
fn end_labels(svg: &str) -> Vec<(f64, Vec<f64>, f64, Vec<String>)> {
    let g = &svg[svg.find("<g class=\"end-labels\">").unwrap()..];
    let g = &g[..g.find("</g>").unwrap()];
    let attr = |tag: &str, name: &str| -> f64 {
        let k = format!(" {name}=\"");
        let v = &tag[tag.find(&k).unwrap() + k.len()..];
        v[..v.find('"').unwrap()].parse().unwrap()
    };
    g.split("<text")
        .skip(1)
        .map(|t| {
            let size = attr(t, "font-size");
            let spans: Vec<&str> = t.split("<tspan").skip(1).collect();
            let x = attr(spans[0], "x");
            let ys = spans.iter().map(|s| attr(s, "y")).collect();
            let lines = spans
                .iter()
                .map(|s| s[s.find('>').unwrap() + 1..s.find("</tspan>").unwrap()].to_string())
                .collect();
            (x, ys, size, lines)
        })
        .collect()
}

/// The width and height of an SVG's viewBox (`0 0 w h`).
fn view_box(svg: &str) -> (f64, f64) {
    let v = &svg[svg.find("viewBox=\"0 0 ").unwrap() + 13..];
    let v: Vec<f64> = v[..v.find('"').unwrap()]
        .split(' ')
        .map(|x| x.parse().unwrap())
        .collect();
    (v[0], v[1])
}

/// A crowded chart: three series and the target all ending at about the
/// same value, with names long enough to wrap.
fn crowded() -> KeyFigure {
    let mut k = figure(
        Unit::Promille,
        &[(2015, 9.0), (2018, 10.5), (2021, 11.0), (2024, 10.4)],
        Some((10.4, 2025)),
    );
    k.series[1].name = "Sammenlignelige kommuner i klyngen".into();
    k.series[1].values.insert(2024, Some(10.5));
    k.series.push(Series {
        name: "Hele landet".into(),
        role: Role::Landet,
        values: [(2015, Some(9.5)), (2024, Some(10.3))]
            .into_iter()
            .collect(),
    });
    k
}

#[test]
fn the_print_chart_is_lower_without_legend_and_keeps_its_labels() {
    let t = strings();
    let k = crowded();
    let screen = key_figure(&k, &t).unwrap();
    let print = key_figure_print(&k, &t).unwrap();
    assert_eq!(print, key_figure_print(&k, &t).unwrap(), "deterministic");
    let ((sw, sh), (pw, ph)) = (view_box(&screen), view_box(&print));
    assert_eq!(sw, pw);
    assert!(ph <= 212.0 && ph < sh * 0.7, "{ph} vs {sh}");
    assert!(screen.contains("class=\"legend\"") && !print.contains("class=\"legend\""));
    // Nothing the reader needs is dropped: the same end labels (every
    // line and the target named, with its latest value) and description.
    let texts =
        |svg: &str| -> Vec<Vec<String>> { end_labels(svg).into_iter().map(|l| l.3).collect() };
    assert_eq!(texts(&screen), texts(&print));
    assert_eq!(texts(&print).len(), 4, "three series and the target");
    let desc =
        |svg: &str| svg[svg.find("<desc").unwrap()..svg.find("</desc>").unwrap()].to_string();
    assert_eq!(desc(&screen), desc(&print));
    for part in [
        "Mål 2025: 10,4 ‰",
        "\n2025\n</text>",
        "r=\"7\"",
        "\n0 ‰\n</text>",
    ] {
        assert!(print.contains(part), "{part}");
    }
}

#[test]
fn the_print_chart_has_8_pt_text_on_a_portrait_page() {
    let print = key_figure_print(&crowded(), &strings()).unwrap();
    let min = print
        .match_indices("font-size=\"")
        .map(|(i, _)| {
            let v = &print[i + 11..];
            v[..v.find('"').unwrap()].parse::<f64>().unwrap()
        })
        .fold(f64::MAX, f64::min);
    // Printed where its smallest text is 8 pt (render/print_fig.rs), it
    // fits the portrait page's widest figure (562 pt) and stays low.
    let width = 800.0 * 8.0 / min;
    assert!(min >= 12.0 && width <= 562.0, "{min} → {width} pt");
    let (w, h) = view_box(&print);
    assert_eq!(w, 800.0);
    assert!(h * width / 800.0 <= 150.0, "{} pt tall", h * width / 800.0);
}

#[test]
fn the_print_charts_end_labels_neither_overlap_nor_leave_the_chart() {
    let print = key_figure_print(&crowded(), &strings()).unwrap();
    let (_, h) = view_box(&print);
    let labels = end_labels(&print);
    assert!(labels.iter().any(|l| l.3.len() > 1), "a long name wraps");
    let boxes: Vec<(f64, f64)> = labels
        .iter()
        .map(|(_, ys, size, _)| (ys[0] - 0.8 * size, ys[ys.len() - 1] + 0.25 * size))
        .collect();
    for (i, a) in boxes.iter().enumerate() {
        assert!(a.0 >= 0.0 && a.1 <= h, "label {i} {a:?} inside 0..{h}");
        for b in &boxes[i + 1..] {
            assert!(a.1 <= b.0 || b.1 <= a.0, "{a:?} overlaps {b:?}");
        }
    }
    // The labels stand right of the year labels (the last year, 2025,
    // centred at its tick, half its width to the right).
    let col = labels[0].0;
    let years: Vec<f64> = print
        .match_indices("text-anchor=\"middle\"")
        .map(|(i, _)| {
            let t = &print[print[..i].rfind("<text").unwrap()..i];
            let v = &t[t.find(" x=\"").unwrap() + 4..];
            v[..v.find('"').unwrap()].parse().unwrap()
        })
        .collect();
    assert!(!years.is_empty());
    for x in years {
        assert!(x + 16.0 < col, "year at {x}, labels at {col}");
    }
}
