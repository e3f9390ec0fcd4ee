//! The actors ring on paper (issue 14): the print page gets the variant
//! shaped for the portrait page (elliptical rings), so the example's
//! "Aktører" part no longer takes two landscape pages for its diagram.

use crate::common::{TestReport, repo};

/// The fitted actors figure of a print page: (kind, printed width in pt,
/// smallest font, viewBox width, viewBox height, bands).
fn actors_figure(html: &str) -> (String, f64, f64, f64, f64, usize) {
    let label = html
        .find("aria-label=\"Aktørerne omkring barnet og familien\"")
        .expect("the actors figure");
    let fig = &html[html[..label].rfind("<figure").unwrap()..];
    let fig = &fig[..fig.find("</figure>").unwrap()];
    let attr = |name: &str| -> &str {
        let k = format!("{name}=\"");
        let v = &fig[fig.find(&k).unwrap_or_else(|| panic!("{name}: {fig:.300}")) + k.len()..];
        &v[..v.find('"').unwrap()]
    };
    let kind = attr("class").to_string();
    let vb: Vec<f64> = attr("viewBox")
        .split(' ')
        .map(|x| x.parse().unwrap())
        .collect();
    (
        kind,
        attr("data-print-width").parse().unwrap(),
        attr("data-min-font").parse().unwrap(),
        attr("data-viewbox-width").parse().unwrap(),
        vb[3],
        fig.matches("class=\"print-slice\"").count().max(1),
    )
}

#[test]
fn the_examples_actors_ring_prints_on_the_portrait_page_at_8_pt() {
    let b = omstil::build(&repo().join("content"));
    let files = b.files.expect("the example builds");
    let html = String::from_utf8(files["print.html"].clone()).unwrap();
    let (kind, width, fmin, vw, vh, bands) = actors_figure(&html);
    assert!(kind.contains("print-fig--hoej"), "{kind}");
    assert_eq!(bands, 1);
    assert!(width <= 562.0, "{width}");
    assert!(width * fmin / vw >= 8.0, "text at {} pt", width * fmin / vw);
    // Short enough to share a page with the part's introduction.
    assert!(vh * width / vw <= 430.0, "{} pt tall", vh * width / vw);
    // The print variant: elliptical rings; the screen keeps its circles.
    assert!(html.contains("<ellipse"));
    let screen = String::from_utf8(files["aktoerer.html"].clone()).unwrap();
    assert!(!screen.contains("<ellipse") && screen.contains("viewBox=\"0 0 979.6 1105.6\""));
}

#[test]
fn thirty_more_actors_with_long_names_still_print_at_8_pt() {
    let r = TestReport::example();
    // The example's nine actors (others refer to them) and 30 more.
    let mut yaml = std::fs::read_to_string(repo().join("content/aktoerer.yaml")).unwrap();
    let groups = ["Myndighed", "Almenområdet", "Udførerområdet", "Frivillige"];
    for i in 0..30 {
        yaml.push_str(&format!(
            "  - id: a{i}\n    navn: \"Den kommunale familieafdelings rådgivningsenhed nummer {i}\"\n    kreds: {}\n",
            if i % 3 == 0 { "primaer" } else { "sekundaer" }
        ));
        if i % 5 != 4 {
            yaml.push_str(&format!("    gruppe: \"{}\"\n", groups[i % 4]));
        }
    }
    r.write("aktoerer.yaml", &yaml);
    let b = omstil::build(&r.root());
    let files = b.files.expect("builds");
    let html = String::from_utf8(files["print.html"].clone()).unwrap();
    let (kind, width, fmin, vw, _, _) = actors_figure(&html);
    assert!(
        width * fmin / vw >= 8.0 - 1e-9,
        "text at {} pt",
        width * fmin / vw
    );
    // Too many for the portrait page: the screen's circle is printed
    // (on landscape pages, by print_fig's normal path).
    assert!(kind.contains("print-fig--bred"), "{kind}");
    let fig = &html[html.find("aria-label=\"Aktørerne omkring").unwrap()..];
    let fig = &fig[..fig.find("</figure>").unwrap()];
    assert!(!fig.contains("<ellipse") && fig.contains("<circle"));
    for i in 0..30 {
        assert!(
            html.contains(&format!(
                "<title>Den kommunale familieafdelings rådgivningsenhed nummer {i}</title>"
            )),
            "a{i}"
        );
    }
}
