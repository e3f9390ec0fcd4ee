//! The key figures on fewer pages in print (issue 14, round 19): each
//! chart printed lower (the print variant, no legend) at 8 pt, the facts
//! condensed, three key figures to a page; the screen site keeps its
//! charts.

use crate::common::repo;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The example's site, built once.
fn site() -> &'static BTreeMap<String, String> {
    static S: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    S.get_or_init(|| {
        let b = omstil::build(&repo().join("content"));
        let files = b.files.expect("the example builds");
        files
            .iter()
            .filter(|(p, _)| p.ends_with(".html"))
            .map(|(p, v)| (p.clone(), String::from_utf8(v.clone()).unwrap()))
            .collect()
    })
}

/// The print page's key-figure entries: (id, its block up to the next
/// print page).
fn entries(html: &str) -> Vec<(&str, &str)> {
    const KEY: &str = "class=\"print-page print-page--item\" id=\"noegletal-";
    html.match_indices(KEY)
        .map(|(i, _)| {
            let v = &html[i + KEY.len() - "noegletal-".len()..];
            let id = &v[..v.find('"').unwrap()];
            let rest = &html[i + KEY.len()..];
            let end = rest.find("<div class=\"print-page").unwrap_or(rest.len());
            (id, &rest[..end])
        })
        .collect()
}

/// A number attribute of the first tag in `s` that has it.
fn num(s: &str, name: &str) -> f64 {
    let k = format!("{name}=\"");
    let v = &s[s.find(&k).unwrap_or_else(|| panic!("no {name}")) + k.len()..];
    v[..v.find('"').unwrap()]
        .trim_end_matches("pt")
        .parse()
        .unwrap()
}

/// The height of the first viewBox in `s`.
fn view_height(s: &str) -> f64 {
    let vb = &s[s.find("viewBox=\"0 0 ").unwrap() + 13..];
    let vb = &vb[..vb.find('"').unwrap()];
    vb.split(' ').nth(1).unwrap().parse().unwrap()
}

#[test]
fn every_key_figure_chart_prints_portrait_at_8_pt_and_low() {
    let html = &site()["print.html"];
    let entries = entries(html);
    assert_eq!(entries.len(), 8);
    for (id, e) in entries {
        let fig = &e[e.find("<figure").unwrap_or_else(|| panic!("{id}: chart"))..];
        assert!(
            fig.starts_with("<figure class=\"diagram print-fig print-fig--hoej\""),
            "{id}"
        );
        let width = num(fig, "data-print-width");
        let min = num(fig, "data-min-font");
        let vw = num(fig, "data-viewbox-width");
        let vh = view_height(fig);
        assert!(width <= 562.0, "{id}: {width} pt wide");
        assert!(
            min * width / vw >= 8.0 - 1e-9,
            "{id}: text {} pt",
            min * width / vw
        );
        let tall = vh * width / vw;
        assert!(tall <= 150.0, "{id}: {tall:.0} pt tall");
        // The print variant: no legend; every line named at its end.
        let svg = &fig[..fig.find("</svg>").unwrap()];
        assert!(!svg.contains("class=\"legend\""), "{id}");
        assert!(svg.contains("class=\"end-labels\""), "{id}");
        // The facts the reader needs stay: unit, source, target.
        for fact in ["<dt>Enhed</dt>", "<dt>Kilde</dt>"] {
            assert!(e.contains(fact), "{id}: {fact}");
        }
        assert!(e.contains("--definition\""), "{id}: its definition");
    }
}

#[test]
fn the_screen_pages_keep_the_chart_with_its_legend() {
    let site = site();
    let mut n = 0;
    for (path, html) in site.iter().filter(|(p, _)| p.starts_with("noegletal/")) {
        let Some(i) = html.find("<svg") else { continue };
        let vh = view_height(&html[i..]);
        assert!(html.contains("class=\"legend\""), "{path}");
        assert!(vh > 300.0, "{path}: the screen's chart, {vh} high");
        n += 1;
    }
    assert_eq!(n, 8);
}

/// The eight key figures take at most four pages of the example's PDF
/// (five before: the charts were 262 pt high, two to a page).
#[test]
fn the_key_figures_take_at_most_four_pages() {
    let Some(pdf) = crate::pdf::example_pdf() else {
        return;
    };
    let html = &site()["print.html"];
    let titles: Vec<String> = entries(html)
        .iter()
        .map(|(_, e)| {
            let h = &e[e.find("<h2>").unwrap() + 4..];
            crate::common::text_of(&h[..h.find("</h2>").unwrap()])
        })
        .collect();
    let outline = crate::pdf::outline(pdf);
    let pages: Vec<usize> = titles
        .iter()
        .map(|t| {
            outline
                .iter()
                .find(|(_, o, _)| crate::pdf::squash(o) == crate::pdf::squash(t))
                .unwrap_or_else(|| panic!("{t} in the outline"))
                .2
        })
        .collect();
    let (first, last) = (pages.iter().min().unwrap(), pages.iter().max().unwrap());
    assert!(last - first < 4, "key figures on pages {pages:?}");
}
