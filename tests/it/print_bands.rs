//! The pdfbands part of issue 14 (round 3): wide diagrams on as few
//! landscape pages as their 8 pt text allows. The timeline and the ladder
//! get print variants with tighter rows (same content) that fit one
//! landscape page each, so neither leaves a strip on a second page.

use crate::common::repo;
use crate::print_layout::values;
use std::sync::OnceLock;

/// The example's print.html, udviklingsplan.html and tilbudsvifte.html (built once).
fn example() -> &'static [String; 3] {
    static P: OnceLock<[String; 3]> = OnceLock::new();
    P.get_or_init(|| {
        let b = omstil::build(&repo().join("content"));
        let files = b.files.expect("the example builds");
        let get = |p: &str| String::from_utf8(files[p].clone()).unwrap();
        [
            get("print.html"),
            get("udviklingsplan.html"),
            get("tilbudsvifte.html"),
        ]
    })
}

/// The element opening with `open` (the last before the diagram titled
/// `title`) up to the first `close` after the title.
fn around<'a>(html: &'a str, title: &str, open: &str, close: &str) -> &'a str {
    let at = html
        .find(&format!(">{title}</title>"))
        .unwrap_or_else(|| panic!("no diagram titled {title}"));
    let start = html[..at].rfind(open).unwrap();
    &html[start..at + html[at..].find(close).unwrap()]
}

/// The print figure with the diagram titled `title`.
fn print_figure<'a>(html: &'a str, title: &str) -> &'a str {
    around(html, title, "<figure", "</figure>")
}

/// The drawing (`<svg>` up to the first `</svg>`) titled `title`.
fn svg_of<'a>(html: &'a str, title: &str) -> &'a str {
    around(html, title, "<svg", "</svg>")
}

fn view_box(svg: &str) -> &str {
    values(svg, "viewBox")[0]
}

#[test]
fn timeline_and_ladder_print_on_one_landscape_page_each() {
    let [print, plan, services] = example();
    for (title, screen) in [
        ("Handlingerne på en tidslinje", plan),
        ("Tilbudsviften på indsatstrappen", services),
    ] {
        let fig = print_figure(print, title);
        assert!(fig.contains("print-fig--bred"), "{title}: landscape");
        assert!(!fig.contains("data-band="), "{title}: one band, no strip");
        // The print variant is packed tighter than the screen's diagram,
        // whose page stays as it was.
        let printed = view_box(svg_of(fig, title));
        let shown = view_box(svg_of(screen, title));
        let h = |v: &str| v.split(' ').nth(3).unwrap().parse::<f64>().unwrap();
        let w = |v: &str| v.split(' ').nth(2).unwrap().parse::<f64>().unwrap();
        assert!(h(printed) < h(shown), "{title}: {printed} vs {shown}");
        assert_eq!(w(shown), 960.0, "{title}: the screen diagram is unchanged");
        // Printed at 8 pt or more, and no taller than a landscape band.
        let width: f64 = values(fig, "data-print-width")[0].parse().unwrap();
        assert!(width * 12.0 / w(printed) >= 8.0, "{title}: {width}");
        assert!(h(printed) * width / w(printed) <= 450.0, "{title}");
    }
}

#[test]
fn timeline_print_variant_has_the_same_actions_and_links() {
    let [print, plan, _] = example();
    let title = "Handlingerne på en tidslinje";
    let fig = svg_of(print, title);
    let screen = svg_of(plan, title);
    let count = |s: &str| s.matches("class=\"action\"").count();
    assert!(count(screen) > 10);
    assert_eq!(count(fig), count(screen));
    let titles = |s: &str| s.matches("<title>").count();
    assert_eq!(titles(fig), titles(screen));
}
