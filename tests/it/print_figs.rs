//! The printfigs part of issue 14 (the example's PDF shorter, same
//! content): the key figures' year tables in one appendix, the
//! traceability appendix with each relation once, wide figures fitted
//! without the browser shrinking the whole document.

use crate::common::repo;
use std::process::Command;
use std::sync::OnceLock;

/// The example's site, built once: print.html and sporbarhed.html.
fn example() -> &'static (String, String) {
    static P: OnceLock<(String, String)> = OnceLock::new();
    P.get_or_init(|| {
        let b = omstil::build(&repo().join("content"));
        let files = b.files.expect("the example builds");
        let get = |p: &str| String::from_utf8(files[p].clone()).unwrap();
        (get("print.html"), get("sporbarhed.html"))
    })
}

/// The print page's block for `id` (from its `print-page` div to the next).
fn print_page<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!(
            "class=\"print-page print-page--item\" id=\"{id}\""
        ))
        .or_else(|| html.find(&format!("\" id=\"{id}\">")))
        .unwrap_or_else(|| panic!("no print page {id}"));
    let rest = &html[start + 10..];
    &rest[..rest.find("<div class=\"print-page").unwrap_or(rest.len())]
}

#[test]
fn key_figure_tables_are_in_one_appendix_listed_in_the_contents() {
    let (html, _) = example();
    const KEY: &str = "class=\"print-page print-page--item\" id=\"";
    let entries: Vec<&str> = html
        .match_indices(&format!("{KEY}noegletal-"))
        .map(|(i, _)| {
            let v = &html[i + KEY.len()..];
            &v[..v.find('"').unwrap()]
        })
        .collect();
    assert_eq!(entries.len(), 8, "{entries:?}");
    let appendix = print_page(html, "noegletal-tabeller");
    for id in &entries {
        let entry = print_page(html, id);
        assert!(entry.contains("<svg"), "{id}: the chart stays");
        assert!(!entry.contains("<table"), "{id}: the table moved");
        // The caption's link goes to the table in the appendix.
        assert!(entry.contains(&format!("href=\"#{id}--tal\"")), "{id}");
        assert!(!entry.contains("under diagrammet"), "{id}");
        assert!(
            appendix.contains(&format!("id=\"{id}--tal\"")),
            "{id} has its table in the appendix"
        );
    }
    assert_eq!(appendix.matches("<table").count(), 8);
    let toc = &html[html.find("print-toc__list").unwrap()..];
    let toc = &toc[..toc.find("</nav>").unwrap()];
    assert!(
        toc.contains("<a href=\"#noegletal-tabeller\">Nøgletallene i tal</a>"),
        "{toc}"
    );
    // One id per page: the tables were moved, not copied.
    assert_eq!(html.matches("id=\"noegletal-tabeller\"").count(), 1);
}

// The traceability appendix on paper: see print_trim (its relations are
// left out there; every one is found elsewhere in the print page).

#[test]
fn the_follow_up_process_is_a_portrait_figure_at_8_pt() {
    let (html, _) = example();
    let fig = &html[html.find("aria-label=\"Opfølgningsprocessen\"").unwrap() - 400..];
    let fig = &fig[fig.find("<figure").unwrap()..];
    assert!(
        fig.starts_with("<figure class=\"diagram print-fig print-fig--hoej\""),
        "{fig:.200}"
    );
    // 842 units with 12-unit text: 561.4 pt wide, into the side margins.
    assert!(fig.contains("data-print-width=\"561.4\""), "{fig:.200}");
}

/// The printed PDF is not shrunk to fit: a figure or table wider than the
/// page's area makes Chromium scale every page's body down (the example
/// printed at 96 %: its 9 pt text at 8.6 pt, its 8 pt diagram text at
/// 7.7 pt), while the margin boxes keep their size. On page 3 the
/// introduction's heading (16 pt in print.css) is measured against the
/// running header (8.5 pt): the heights of their words' boxes are in the
/// ratio of their font sizes.
#[test]
fn the_pdf_is_printed_at_full_size() {
    let Some(pdf) = crate::pdf::example_pdf() else {
        return;
    };
    let o = Command::new("pdftotext")
        .args(["-bbox", "-f", "3", "-l", "3"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    let height = |word: &str, above: f64| -> f64 {
        text.lines()
            .filter(|l| l.ends_with(&format!(">{word}</word>")))
            .map(|l| {
                let x = |k: &str| -> f64 {
                    let v = &l[l.find(k).unwrap() + k.len()..];
                    v[..v.find('"').unwrap()].parse().unwrap()
                };
                (x("yMin=\""), x("yMax=\"") - x("yMin=\""))
            })
            .find(|&(y, _)| y > above)
            .unwrap_or_else(|| panic!("{word} on page 3: {text:.2000}"))
            .1
    };
    // The running header is the page's first line; the heading follows.
    let header = height("Tidligere", 0.0);
    let heading = height("Indledning", 40.0);
    let pt = heading / header * 8.5;
    assert!(
        (15.8..=16.2).contains(&pt),
        "the introduction's heading prints at {pt:.2} pt, not 16 pt: the page is scaled"
    );
}
