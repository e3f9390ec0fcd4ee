//! Phones and search (issue 15): on the built example, every diagram sits
//! in a scroll frame whose minimum width keeps its smallest text at 12 CSS
//! px, with a hint and a link to a stand-alone copy; every table scrolls in
//! a named wrapper with a hint; the menu collapses without JavaScript; the
//! search index folds Danish letters, keeps labels apart and ranks a page
//! above an overview that lists it. (What the browser renders is measured
//! by tests/browser/check.mjs at 390 and 1280 px.)

use crate::common::*;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The example built once for all tests here: path → text.
fn site_files() -> &'static BTreeMap<String, String> {
    static SITE: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    SITE.get_or_init(|| {
        let r = TestReport::example();
        let o = r.build();
        assert!(o.status.success(), "{}", stderr(&o));
        site(&r.out())
    })
}

fn pages() -> impl Iterator<Item = (&'static String, &'static String)> {
    site_files()
        .iter()
        .filter(|(p, _)| p.ends_with(".html") && p.as_str() != "print.html")
}

/// The first `<svg …>` element's opening tag and the smallest `font-size`
/// in the drawing (up to its `</svg>`).
fn drawing_of(svg: &str) -> (f64, f64) {
    let open = &svg[..svg.find('>').unwrap()];
    let vb = attrs(open, "viewBox")[0];
    let width: f64 = vb.split(' ').nth(2).unwrap().parse().unwrap();
    let body = &svg[..svg.find("</svg>").unwrap()];
    let min_font = attrs(body, "font-size")
        .iter()
        .map(|f| f.parse::<f64>().unwrap())
        .fold(f64::INFINITY, f64::min);
    (width, min_font)
}

#[test]
fn every_diagram_is_framed_at_a_width_where_its_text_is_twelve_px() {
    let mut frames = 0;
    for (path, html) in pages() {
        let diagrams = html.matches("class=\"diagram-svg\"").count();
        let framed: Vec<_> = html.match_indices("<div class=\"diagram-frame\"").collect();
        assert_eq!(framed.len(), diagrams, "{path}: a diagram outside a frame");
        for (at, _) in framed {
            let frame = &html[at..];
            let open = &frame[..frame.find('>').unwrap()];
            assert!(
                open.contains("tabindex=\"0\"") && open.contains("role=\"region\""),
                "{path}: {open}"
            );
            assert!(!attrs(open, "aria-label")[0].is_empty(), "{path}: {open}");
            let style = attrs(frame, "style")[0];
            let min: f64 = style
                .strip_prefix("--diagram-min:")
                .and_then(|s| s.split("px").next())
                .unwrap_or_else(|| panic!("{path}: {style}"))
                .parse()
                .unwrap();
            let svg = &frame[frame.find("<svg").unwrap()..];
            let (width, min_font) = drawing_of(svg);
            assert!(
                min_font * min / width >= 12.0 - 1e-9,
                "{path}: text {min_font} in {width} px drawn at {min} px is below 12 px"
            );
            // The hint and the full-size link come just before the frame.
            let before = &html[..at];
            let tools = &before[before.rfind("<p class=\"scroll-tools\">").unwrap()..];
            assert!(tools.contains("Stryg til siden for at se hele diagrammet"));
            let href = attrs(tools, "href")[0];
            let target = resolve(path, href);
            let alone = site_files()
                .get(&target)
                .unwrap_or_else(|| panic!("{path}: {href} missing"));
            assert!(
                alone.starts_with("<?xml") && alone.contains("<title"),
                "{target}"
            );
            let svg_open = &alone[alone.find("<svg").unwrap()..];
            let svg_open = &svg_open[..svg_open.find('>').unwrap()];
            let w: f64 = attrs(svg_open, "width")[0].parse().unwrap();
            assert!(w >= min, "{target}: {w} px wide, the frame needs {min}");
            frames += 1;
        }
    }
    // The example has diagrams on the theory of change, services, plan,
    // key figures, case review, analysis and actors pages.
    assert!(frames >= 10, "{frames} frames");
}

#[test]
fn every_table_scrolls_in_a_named_wrapper_with_a_hint() {
    let mut tables = 0;
    for (path, html) in pages() {
        for (at, _) in html.match_indices("<table") {
            let before = &html[..at];
            let wrap = &before[before.rfind("<div").unwrap()..];
            assert!(
                wrap.starts_with(
                    "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\""
                ),
                "{path}: {}",
                &html[at.saturating_sub(200)..at + 6]
            );
            assert!(!attrs(wrap, "aria-label")[0].is_empty(), "{path}");
            let hint = &before[before
                .rfind("<p class=\"scroll-tools scroll-tools--table\">")
                .unwrap()..];
            assert!(
                hint.contains("Stryg til siden for at se hele tabellen"),
                "{path}"
            );
            tables += 1;
        }
    }
    // Including the Markdown tables of the free pages.
    assert!(
        site_files()["sider/metode.html"].contains("aria-label=\"Tabel: Kilde"),
        "a Markdown table is named after its column heads"
    );
    assert!(tables >= 20, "{tables} tables");
}

#[test]
fn the_menu_collapses_without_javascript() {
    for (path, html) in pages() {
        let nav = &html[html.find("<nav class=\"sidebar\"").unwrap()..];
        let nav = &nav[..nav.find("</nav>").unwrap()];
        assert!(
            nav.contains("<details class=\"menu\"><summary>Menu</summary>"),
            "{path}: {}",
            &nav[..nav.len().min(200)]
        );
        assert!(nav.contains("</ul>\n    </details>"), "{path}");
    }
    let css = &site_files()["assets/style.css"];
    // Open on wide screens whatever the <details> says.
    assert!(css.contains(".menu::details-content { content-visibility: visible; }"));
    assert!(css.contains("@media (min-width: 50.01rem)"));
}

/// The search index: docs (title, url, label, text) and the postings of a
/// term (page number → score).
fn index() -> serde_json::Value {
    let js = &site_files()["assets/soegeindeks.js"];
    let json = js
        .strip_prefix("window.OMSTIL_SOEG = ")
        .unwrap()
        .trim_end()
        .trim_end_matches(';');
    serde_json::from_str(json).unwrap()
}

fn scores(ix: &serde_json::Value, term: &str) -> BTreeMap<String, u64> {
    let docs = ix["docs"].as_array().unwrap();
    let p = ix["terms"][term]
        .as_array()
        .unwrap_or_else(|| panic!("{term}"));
    p.chunks(2)
        .map(|c| {
            let d = c[0].as_u64().unwrap() as usize;
            (
                docs[d][1].as_str().unwrap().to_string(),
                c[1].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn search_folds_danish_letters_and_keeps_labels_apart() {
    let ix = index();
    let terms = ix["terms"].as_object().unwrap();
    // "børn" and "rådgiver" are indexed as "boern" and "raadgiver", the
    // spellings the browser folds a query to.
    assert!(terms.contains_key("boern"), "boern");
    assert!(terms.contains_key("raadgiv"), "raadgiv");
    assert!(terms.keys().all(|t| !t.contains(['æ', 'ø', 'å'])));
    assert!(ix["stop"].as_array().unwrap().iter().any(|s| s == "paa"));
    // The text for snippets: labels apart from what follows them, the
    // "swipe" hints left out.
    let docs = ix["docs"].as_array().unwrap();
    let doc = |url: &str| {
        docs.iter()
            .find(|d| d[1] == url)
            .unwrap_or_else(|| panic!("{url}"))[3]
            .as_str()
            .unwrap()
            .to_string()
    };
    let theme = doc("temaer/styring.html");
    assert!(theme.starts_with("Sammenfatning: "), "{theme}");
    assert!(theme.contains("Nøgletal: "), "{theme}");
    assert!(!doc("forandringsteori.html").contains("Stryg til siden"));
    // The whole text of a short page, not its first 400 characters.
    assert!(doc("temaer/styring.html").chars().count() > 400);
}

#[test]
fn a_page_ranks_above_an_overview_that_lists_it() {
    let ix = index();
    let s = scores(&ix, "familiebehandling");
    let specific = s["tilbud/familiebehandling-familiehuset.html"];
    for overview in [
        "tilbudsvifte.html",
        "udviklingsplan.html",
        "forandringsteori.html",
    ] {
        if let Some(o) = s.get(overview) {
            assert!(specific > *o, "{overview} {o} ≥ {specific}: {s:?}");
        }
    }
    let s = scores(&ix, "netvaerksraadslagning");
    let page = s["aktiviteter/netvaerksraadslagning.html"];
    for (url, o) in &s {
        if !url.contains('/') {
            assert!(page > *o, "{url} {o} ≥ {page}");
        }
    }
}
