//! The print page (print.html) as an A4 document: structure without a
//! browser, and (when Chromium is on PATH, or required by
//! OMSTIL_KRAEV_BROWSER=1) the printed PDF's pages, header and numbers.

use crate::common::repo;
use std::collections::BTreeSet;
use std::sync::OnceLock;

/// The example's print.html and the theme's print.css (built once).
fn example_print() -> &'static (String, String) {
    static P: OnceLock<(String, String)> = OnceLock::new();
    P.get_or_init(|| {
        let b = omstil::build(&repo().join("content"));
        let files = b.files.expect("the example builds");
        let get = |p: &str| String::from_utf8(files[p].clone()).unwrap();
        (get("print.html"), get("assets/print.css"))
    })
}

/// Values of `attr="…"` in `html`.
pub(crate) fn values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let key = format!(" {attr}=\"");
    html.match_indices(&key)
        .map(|(i, _)| {
            let v = &html[i + key.len()..];
            &v[..v.find('"').unwrap()]
        })
        .collect()
}

#[test]
fn print_page_is_cover_then_contents_then_status_then_parts() {
    let (html, _) = example_print();
    let at = |s: &str| html.find(s).unwrap_or_else(|| panic!("{s} missing"));
    let cover = at("class=\"page-header print-cover\"");
    let toc = at("class=\"print-toc\"");
    let status = at("print-page--status");
    let part = at("print-page--part");
    assert!(cover < toc && toc < status && status < part);
    assert!(html[..toc].contains("Egeskov Kommune"));
    // The free pages other than the status page, after the parts.
    assert!(at("id=\"sider-ordliste\"") > at("id=\"modenhedsanalyse\""));
}

#[test]
fn contents_entries_point_at_ids_and_have_page_number_slots() {
    let (html, _) = example_print();
    let ids: BTreeSet<&str> = values(html, "id").into_iter().collect();
    let toc = &html[html.find("class=\"print-toc\"").unwrap()..];
    let toc = &toc[..toc.find("</nav>").unwrap()];
    let entries: Vec<&str> = toc.split("<li class=\"print-toc__").skip(1).collect();
    assert!(entries.len() >= 10, "{toc}");
    for e in entries.iter().filter(|e| !e.starts_with("heading")) {
        let href = values(e, "href")[0];
        let id = href.strip_prefix('#').expect("an anchor");
        assert!(ids.contains(id), "no element with id {id}");
        assert!(
            e.contains(&format!(
                "<span class=\"sidetal\" data-side=\"{id}\"></span>"
            )),
            "{e}"
        );
    }
    assert!(toc.contains(">Bilag<"), "{toc}");
}

#[test]
fn every_page_number_slot_is_a_link_target_and_an_element() {
    let (html, _) = example_print();
    let ids: BTreeSet<&str> = values(html, "id").into_iter().collect();
    let hrefs: BTreeSet<&str> = values(html, "href").into_iter().collect();
    let slots = values(html, "data-side");
    assert!(slots.len() > 100);
    for s in slots {
        assert!(ids.contains(s), "slot for missing id {s}");
        assert!(hrefs.contains(format!("#{s}").as_str()), "no link to {s}");
    }
    assert!(html.contains("<span class=\"se-side\" data-side=\"hypoteser-"));
}

#[test]
fn items_flow_under_their_part_without_a_page_each() {
    let (html, css) = example_print();
    assert!(html.matches("print-page--item").count() > 100);
    let style = std::fs::read_to_string(repo().join("themes/default/static/style.css")).unwrap();
    for (name, text) in [("print.css", css.as_str()), ("style.css", style.as_str())] {
        for rule in text.split('}') {
            let (sel, body) = rule.split_once('{').unwrap_or(("", ""));
            if (sel.contains("print-page--item") || sel.trim().ends_with(".print-page"))
                && body.contains("break-before: page")
            {
                panic!("{name}: a page break per item: {rule}");
            }
        }
    }
    assert!(css.contains("size: A4;"));
    assert!(css.contains("@page bred") && css.contains("size: A4 landscape"));
    assert!(css.contains(".print-bred") && css.contains("page: bred"));
    assert!(css.contains("tr,") && css.contains("break-inside: avoid"));
    assert!(html.contains("counter(page)") && html.contains("counter(pages)"));
    assert!(html.contains("@top-left { content: \"Tidligere forebyggende indsats"));
}

/// Smallest font-size in an SVG.
fn min_font(svg: &str) -> f64 {
    let mut m = f64::MAX;
    for (i, _) in svg.match_indices("font-size") {
        let v = svg[i + 9..].trim_start_matches(['=', '"', ':', ' ']);
        let end = v.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap();
        m = m.min(v[..end].parse().unwrap());
    }
    m
}

#[test]
fn no_diagram_text_is_smaller_than_8_pt_on_paper() {
    let (html, _) = example_print();
    let mut figures = 0;
    let mut smallest = f64::MAX;
    let mut landscape_cut = 0;
    for fig in html.split("<figure class=\"diagram").skip(1) {
        let fig = &fig[..fig.find("</figure>").unwrap()];
        figures += 1;
        let landscape = fig.starts_with(" print-fig print-fig--bred");
        assert!(
            landscape || fig.starts_with(" print-fig print-fig--hoej"),
            "{fig:.300}"
        );
        for stack in fig
            .split("class=\"diagram-stack print-stack\" style=\"")
            .skip(1)
        {
            let w: f64 = stack[stack.find("width:").unwrap() + 6..stack.find("pt;").unwrap()]
                .parse()
                .unwrap();
            let svg = &stack[stack.find("<svg").unwrap()..stack.find("</svg>").unwrap()];
            let vb: Vec<f64> = values(svg, "viewBox")[0]
                .split(' ')
                .map(|x| x.parse().unwrap())
                .collect();
            let scale = w / vb[2];
            let pt = min_font(svg) * scale;
            smallest = smallest.min(pt);
            assert!(pt >= 8.0, "text at {pt:.2} pt: {svg:.200}");
            // Fits its page: A4 portrait 595 pt wide (figures may go
            // 12.5 mm into the side margins, 6 mm from the paper's edge),
            // landscape 842 pt less 2 × 12 mm.
            let (max_w, max_h) = if landscape {
                (773.5, 500.0)
            } else {
                (562.5, 700.0)
            };
            assert!(
                w <= max_w && vb[3] * scale <= max_h,
                "{w} × {}",
                vb[3] * scale
            );
            if landscape && fig.contains("print-slice") {
                landscape_cut += 1;
            }
        }
    }
    assert!(figures >= 12, "{figures}");
    assert!(
        landscape_cut >= 2,
        "the detailed theory of change is cut into bands"
    );
    println!("smallest diagram text on paper: {smallest:.2} pt");
}

/// Chromium on PATH, or None (the test says why it is skipped), unless
/// OMSTIL_KRAEV_BROWSER=1 requires it.
fn browser() -> Option<&'static str> {
    let required = std::env::var("OMSTIL_KRAEV_BROWSER").is_ok_and(|v| v == "1");
    let has = |b: &str, arg: &str| {
        std::process::Command::new(b)
            .arg(arg)
            .output()
            .is_ok_and(|o| o.status.success())
    };
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| has(b, "--version"));
    let pdftotext = has("pdftotext", "-v");
    if found.is_none() || !pdftotext {
        assert!(
            !required,
            "OMSTIL_KRAEV_BROWSER=1 but no chromium/pdftotext on PATH"
        );
        println!("skipped: no chromium or pdftotext on PATH");
    }
    found.filter(|_| pdftotext)
}

/// The goal of issue 14 is 45 pages; the layout gives 51 today (52 with the
/// page references filled in by `omstil pdf`); it was 81 before relations
/// were printed once and the wide diagrams got print variants, 185 with one
/// item per sheet on Letter before that. Lower this as the layout tightens.
const PAGE_BOUND: usize = 45;

#[test]
fn printed_example_has_page_numbers_and_running_header_but_not_on_the_cover() {
    let Some(chromium) = browser() else { return };
    let r = crate::common::TestReport::example();
    let o = r.build();
    assert!(o.status.success(), "{}", crate::common::stderr(&o));
    let pdf = r.tmp.path().join("a.pdf");
    let profile = r.tmp.path().join("profil");
    let st = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(["--no-pdf-header-footer", "--generate-pdf-document-outline"])
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", r.out().join("print.html").display()))
        .output()
        .unwrap();
    assert!(pdf.exists(), "{}", String::from_utf8_lossy(&st.stderr));
    let text = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    let n = pages.len();
    println!("{n} pages");
    assert!(n <= PAGE_BOUND, "{n} pages");
    assert!(!pages[0].contains("Side "), "the cover has no number");
    for (k, p) in pages.iter().enumerate().skip(1) {
        assert!(
            p.contains(&format!("Side {} af {n}", k + 1)),
            "page {}: {p}",
            k + 1
        );
        assert!(
            p.contains("Tidligere forebyggende indsats"),
            "page {}",
            k + 1
        );
        assert!(
            !p.contains("file://"),
            "the browser's own footer on page {}",
            k + 1
        );
    }
}
