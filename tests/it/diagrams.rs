//! The diagrams of the built example: each on its page, accessible
//! (`role="img"`, title, description, caption, a link to its text
//! equivalent), every node and edge of the model drawn, every link in them
//! resolving, and drawn again from the content on the next build.

use crate::common::*;
use omstil::content::model::{Kind, Report};
use std::collections::{BTreeMap, BTreeSet};

struct Built {
    r: TestReport,
    files: BTreeMap<String, String>,
}

fn build(r: TestReport) -> Built {
    let o = r.build();
    assert!(o.status.success(), "{}", stderr(&o));
    let files = site(&r.out());
    Built { r, files }
}

fn model(r: &TestReport) -> Report {
    omstil::content::load(&r.root())
        .report
        .expect("the example loads")
}

/// The `<figure class="diagram">…</figure>` elements of a page.
fn figures(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("<figure class=\"diagram") {
        let end = rest[i..].find("</figure>").expect("figure is closed") + i;
        out.push(&rest[i..end + "</figure>".len()]);
        rest = &rest[end..];
    }
    out
}

/// The figure's drawing: its first `<svg>`, the one with `role="img"`.
fn drawing(fig: &str) -> &str {
    let start = fig.find("<svg").expect("an svg");
    let end = fig[start..].find("</svg>").expect("svg is closed") + start;
    &fig[start..end]
}

/// `html` contains the escaped form of `text`.
fn contains_text(html: &str, text: &str) -> bool {
    let escaped = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;");
    html.contains(&escaped)
}

/// A figure is one labelled image with a caption linking to a text
/// equivalent that exists on the same page.
fn assert_accessible(page: &str, html: &str, fig: &str) {
    let svg = drawing(fig);
    let open = &svg[..svg.find('>').unwrap()];
    assert!(open.contains("role=\"img\""), "{page}: {open}");
    assert!(open.contains("viewBox=\"0 0 "), "{page}: {open}");
    assert!(open.contains("width=\"100%\""), "{page}: {open}");
    assert!(!open.contains("height="), "{page}: fixed height in {open}");
    let labelled = attrs(open, "aria-labelledby");
    assert_eq!(labelled.len(), 1, "{page}: {open}");
    let named_by: Vec<&str> = labelled[0].split(' ').collect();
    assert_eq!(named_by.len(), 2, "{page}: title and description");
    for (id, tag) in named_by.iter().zip(["title", "desc"]) {
        let start = format!("<{tag} id=\"{id}\">");
        let at = svg
            .find(&start)
            .unwrap_or_else(|| panic!("{page}: no {start}"));
        let text = &svg[at + start.len()..];
        let text = &text[..text.find('<').unwrap()];
        assert!(text.trim().len() > 3, "{page}: empty <{tag}>");
    }
    // Only the drawing is an image; links are on the hidden overlay.
    assert!(!svg.contains("<a "), "{page}: links inside role=img");
    if let Some(i) = fig.find("class=\"diagram-links\"") {
        let overlay = &fig[i..];
        let overlay = &overlay[..overlay.find('>').unwrap()];
        assert!(overlay.contains("aria-hidden=\"true\""), "{page}");
        let layer = &fig[i..i + fig[i..].find("</svg>").unwrap()];
        assert!(layer.contains("<a "), "{page}: an empty link layer");
        for a in layer.split("<a ").skip(1) {
            assert!(a.starts_with("href=\"") && a.contains("tabindex=\"-1\""));
        }
    }
    let cap = &fig[fig.find("<figcaption>").expect("a caption")..];
    let cap_text = &cap["<figcaption>".len()..];
    let cap_text = &cap_text[..cap_text.find('<').unwrap()];
    assert!(cap_text.trim().len() > 10, "{page}: caption {cap_text:?}");
    let eq = attrs(cap, "href");
    assert_eq!(eq.len(), 1, "{page}: one link to the text equivalent");
    let anchor = eq[0].strip_prefix('#').expect("a link on the same page");
    assert!(ids(html).contains(anchor), "{page}: no #{anchor}");
}

#[test]
fn every_diagram_is_on_its_page_and_accessible() {
    let b = build(TestReport::example());
    let report = model(&b.r);
    let mut expected: Vec<(String, usize)> = [
        ("forandringsteori.html", 2),
        ("tilbudsvifte.html", 1),
        ("udviklingsplan.html", 2),
        ("modenhedsanalyse.html", 1),
        ("sagsanalyse.html", 1),
        ("aktoerer.html", 1),
        ("opfoelgning.html", 2), // followup (issue 16): progress and process
    ]
    .iter()
    .map(|(p, n)| (p.to_string(), *n))
    .collect();
    for k in &report.key_figures.as_ref().unwrap().figures {
        expected.push((Kind::Noegletal.url(&k.h.id), 1));
    }
    let total: usize = expected.iter().map(|e| e.1).sum();
    expected.push(("print.html".into(), total));
    for (page, n) in &expected {
        let html = &b.files[page];
        let figs = figures(html);
        assert_eq!(figs.len(), *n, "{page}");
        for fig in figs {
            assert_accessible(page, html, fig);
        }
    }
    // Pages without diagrams have none.
    assert!(figures(&b.files["index.html"]).is_empty());
    assert!(figures(&b.files["sporbarhed.html"]).is_empty());
}

#[test]
fn theory_of_change_draws_every_node_and_edge() {
    let b = build(TestReport::example());
    let report = model(&b.r);
    let t = report.toc.as_ref().unwrap();
    let a = report.analysis.as_ref().unwrap();
    let figs = figures(&b.files["forandringsteori.html"]);
    let (overview, detailed) = (figs[0], figs[1]);
    let node = |fig: &str, kind: Kind, id: &str| {
        let url = kind.url(id);
        assert!(
            drawing(fig).contains(&format!("data-node=\"{url}\"")),
            "{url} not drawn"
        );
        assert!(fig.contains(&format!("href=\"{url}\"")), "{url} not linked");
    };
    let mut edges: BTreeSet<(String, String)> = BTreeSet::new();
    for h in &a.hypotheses {
        node(detailed, Kind::Hypotese, &h.h.id);
    }
    for (ii, i) in t.interventions.iter().enumerate() {
        node(detailed, Kind::Indsats, &i.h.id);
        node(overview, Kind::Indsats, &i.h.id);
        for h in &i.hypotheses {
            edges.insert((
                Kind::Hypotese.url(&a.hypotheses[*h].h.id),
                Kind::Indsats.url(&t.interventions[ii].h.id),
            ));
        }
    }
    let mut assumptions = Vec::new();
    for act in &t.activities {
        node(detailed, Kind::Aktivitet, &act.h.id);
        for i in &act.interventions {
            edges.insert((
                Kind::Indsats.url(&t.interventions[*i].h.id),
                Kind::Aktivitet.url(&act.h.id),
            ));
        }
        for l in &act.outcomes {
            edges.insert((
                Kind::Aktivitet.url(&act.h.id),
                Kind::Maal.url(&t.outcomes[l.target].h.id),
            ));
            assumptions.extend(l.assumption.clone());
        }
    }
    for o in &t.outcomes {
        node(detailed, Kind::Maal, &o.h.id);
        node(overview, Kind::Maal, &o.h.id);
        for l in &o.contributes_to {
            edges.insert((
                Kind::Maal.url(&o.h.id),
                Kind::Maal.url(&t.outcomes[l.target].h.id),
            ));
            assumptions.extend(l.assumption.clone());
        }
        assumptions.extend(o.assumptions.iter().cloned());
    }
    let drawn = drawing(detailed);
    for (from, to) in &edges {
        assert!(
            drawn.contains(&format!("data-from=\"{from}\" data-to=\"{to}\"")),
            "edge {from} → {to} not drawn"
        );
    }
    assert_eq!(
        drawn.matches("data-from=").count(),
        edges.len(),
        "one arrow per link"
    );
    // Every assumption can be read from a link in the diagram.
    assert!(!assumptions.is_empty());
    for text in &assumptions {
        assert!(contains_text(detailed, text), "assumption {text:?} missing");
    }
    // The overview: an arrow from each intervention to the outcomes its
    // activities lead to directly, and between outcomes.
    let mut overview_edges = BTreeSet::new();
    for act in &t.activities {
        for i in &act.interventions {
            for l in &act.outcomes {
                overview_edges.insert((*i, l.target));
            }
        }
    }
    let between: usize = t.outcomes.iter().map(|o| o.contributes_to.len()).sum();
    assert_eq!(
        drawing(overview).matches("data-from=").count(),
        overview_edges.len() + between
    );
    for (i, o) in overview_edges {
        let pair = format!(
            "data-from=\"{}\" data-to=\"{}\"",
            Kind::Indsats.url(&t.interventions[i].h.id),
            Kind::Maal.url(&t.outcomes[o].h.id)
        );
        assert!(drawing(overview).contains(&pair), "{pair}");
    }
}

#[test]
fn ladder_draws_every_service_gap_and_overlap() {
    let b = build(TestReport::example());
    let report = model(&b.r);
    let s = report.services.as_ref().unwrap();
    let fig = figures(&b.files["tilbudsvifte.html"])[0];
    let svg = drawing(fig);
    for st in &s.steps {
        assert!(svg.contains(&format!("data-node=\"{}\"", Kind::Trin.url(&st.h.id))));
    }
    for x in &s.services {
        let url = Kind::Tilbud.url(&x.h.id);
        let at = svg
            .find(&format!("class=\"service\" data-node=\"{url}\""))
            .unwrap_or_else(|| panic!("{url} not drawn"));
        let chip = &svg[at..at + svg[at..].find("</g>").unwrap()];
        // External services have a dashed border; own ones a solid one.
        let external = x.provider == omstil::content::raw::Provider::Ekstern;
        assert_eq!(chip.contains("stroke-dasharray"), external, "{url}");
        assert!(fig.contains(&format!("href=\"{url}\"")), "{url} not linked");
    }
    assert!(!s.gaps.is_empty() && !s.overlaps.is_empty());
    assert_eq!(svg.matches("data-gap=").count(), s.gaps.len());
    for g in &s.gaps {
        let key = format!("{}/{}", s.steps[g.step].h.id, s.bands[g.band].id);
        assert!(svg.contains(&format!("data-gap=\"{key}\"")), "gap {key}");
    }
    // One bracket per step and set of overlapping services.
    let groups: BTreeSet<(usize, Vec<usize>)> = s
        .overlaps
        .iter()
        .map(|o| {
            let mut v = o.services.clone();
            v.sort_unstable();
            (o.step, v)
        })
        .collect();
    assert_eq!(svg.matches("data-overlap=").count(), groups.len());
    // Gaps and overlaps link to their lists on the page.
    assert!(fig.contains("href=\"tilbudsvifte.html#huller\""));
    assert!(fig.contains("href=\"tilbudsvifte.html#overlap\""));
}

#[test]
fn key_figure_charts_show_series_target_and_danish_axes() {
    let b = build(TestReport::example());
    let report = model(&b.r);
    for k in &report.key_figures.as_ref().unwrap().figures {
        let page = Kind::Noegletal.url(&k.h.id);
        let fig = figures(&b.files[&page])[0];
        for s in &k.series {
            assert!(contains_text(fig, &s.name), "{page}: series {}", s.name);
        }
        if let Some((_, year)) = k.target {
            assert!(fig.contains(&format!("Mål {year}: ")), "{page}: target");
        }
        let unit = match k.unit {
            omstil::content::raw::Unit::Procent => " %\n</text>",
            omstil::content::raw::Unit::Promille => " ‰\n</text>",
            omstil::content::raw::Unit::Kr => " kr.\n</text>",
            _ => "\n</text>",
        };
        assert!(fig.contains(unit), "{page}: axis labels in the unit");
        // Thousands with a dot, never a comma-grouped or raw big number.
        if k.unit == omstil::content::raw::Unit::Kr {
            assert!(fig.contains(".000 kr.\n</text>"), "{page}");
        }
        assert!(fig.contains("<figcaption>"));
    }
}

#[test]
fn every_link_in_every_diagram_resolves() {
    let b = build(TestReport::example());
    let mut checked = 0;
    for (page, html) in b.files.iter().filter(|(p, _)| p.ends_with(".html")) {
        for fig in figures(html) {
            let svgs = &fig[..fig.find("<figcaption>").unwrap()];
            for url in attrs(svgs, "href") {
                assert!(!url.contains("omstil-root:"), "{page}: {url}");
                let (file, frag) = url.split_once('#').unwrap_or((url, ""));
                let target = if file.is_empty() {
                    page.clone()
                } else {
                    resolve(page, file)
                };
                let target_html = b
                    .files
                    .get(&target)
                    .unwrap_or_else(|| panic!("{page}: {url} → {target} does not exist"));
                if !frag.is_empty() {
                    assert!(
                        ids(target_html).contains(frag),
                        "{page}: {url} → no #{frag} in {target}"
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 150, "only {checked} diagram links");
}

#[test]
fn changing_the_content_changes_the_diagrams() {
    let r = TestReport::example();
    let before = build(r);
    let toc = |b: &Built| figures(&b.files["forandringsteori.html"])[1].to_string();
    let ladder = |b: &Built| figures(&b.files["tilbudsvifte.html"])[0].to_string();
    let (toc1, ladder1) = (toc(&before), ladder(&before));
    assert!(toc1.contains("Fælles model for tidlig opsporing"));
    // Rename an activity and fill the gap for 18–22-year-olds at home.
    let path = before.r.root().join("forandringsteori.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        text.matches("\"Fælles model for tidlig opsporing\"")
            .count(),
        1
    );
    before.r.write(
        "forandringsteori.yaml",
        &text.replace(
            "\"Fælles model for tidlig opsporing\"",
            "\"Én model for opsporing i hele kommunen\"",
        ),
    );
    let path = before.r.root().join("tilbudsvifte.yaml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(
        "\n  - id: ny-ungestoette\n    titel: \"Ny støtte i eget hjem efter det fyldte 18. år\"\n    trin: hjemmebaseret\n    alder: { fra: 18, til: 22 }\n    behov: [overgang-til-voksenliv]\n    udbyder: ekstern\n",
    );
    before.r.write("tilbudsvifte.yaml", &text);
    let after = build(before.r);
    let (toc2, ladder2) = (toc(&after), ladder(&after));
    assert!(!toc2.contains("Fælles model for tidlig opsporing"));
    assert!(contains_text(
        &toc2,
        "Én model for opsporing i hele kommunen"
    ));
    assert!(ladder2.contains("data-node=\"tilbud/ny-ungestoette.html\""));
    assert!(!ladder2.contains("data-gap=\"hjemmebaseret/18-22\""));
    assert!(ladder1.contains("data-gap=\"hjemmebaseret/18-22\""));
    assert_eq!(
        ladder2.matches("data-gap=").count() + 1,
        ladder1.matches("data-gap=").count()
    );
}
