//! Published pages speak to readers (issue 15): no instruction meant for
//! the author on any page of the example or of the real-shaped fixtures,
//! and the wording items of the issue, each checked once.

use crate::common::*;

/// Phrases that tell the author what to do. They belong in `omstil check`,
/// the terminal and the preview's overlay, never on a published page.
const AUTHOR_PHRASES: &[&str] = &[
    "Løs ende",
    "Knyt den til",
    "Knyt et nøgletal",
    "Placér den under",
    "Tilføj ",
    "Nævn hypotesen",
    "omstil check",
    "Loose end",
    "Place it under",
];

/// Every page (HTML) of a built site that contains an author phrase, with
/// the phrase, as "page: phrase" lines.
fn author_phrases(out: &std::path::Path) -> Vec<String> {
    let mut found = Vec::new();
    for (page, html) in site(out) {
        if !page.ends_with(".html") {
            continue;
        }
        let text = text_of(&html);
        for p in AUTHOR_PHRASES {
            if text.contains(p) {
                found.push(format!("{page}: {p}"));
            }
        }
    }
    found
}

#[test]
fn no_author_hints_on_published_pages() {
    let mut reports = vec![("content".to_string(), TestReport::example())];
    let mut real: Vec<String> = std::fs::read_dir(repo().join("tests/fixtures/real"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    real.sort();
    assert!(real.len() >= 3, "{real:?}");
    for name in real {
        let r = TestReport::fixture(&format!("real/{name}"));
        reports.push((format!("real/{name}"), r));
    }
    let mut found = Vec::new();
    for (name, r) in &reports {
        let o = r.build();
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        found.extend(
            author_phrases(&r.out())
                .into_iter()
                .map(|l| format!("{name}/{l}")),
        );
    }
    assert!(
        found.is_empty(),
        "author hints on published pages:\n{}",
        found.join("\n")
    );
}

#[test]
fn loose_ends_are_said_neutrally_and_stay_in_check() {
    let r = TestReport::example();
    assert!(r.build().status.success());
    let page = text_of(main_of(
        &r.read_out("hypoteser/psykisk-mistrivsel-blandt-unge.html"),
    ));
    assert!(
        page.contains("Hypotesen er endnu ikke taget op i forandringsteorien."),
        "{page}"
    );
    let check = stderr(&r.check()) + &stdout(&r.check());
    assert!(
        check.contains("Ingen indsats tager hypotesen `psykisk-mistrivsel-blandt-unge` op."),
        "{check}"
    );
}

/// The section `<section … id="ID">…</section>` of a page, as text.
fn section_text(html: &str, id: &str) -> String {
    let at = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id}"));
    let end = html[at..].find("</section>").map_or(html.len(), |e| at + e);
    text_of(&html[at..end])
}

#[test]
fn deliberate_opt_outs_are_listed_apart_from_gaps() {
    let r = TestReport::fixture("words-opt-out");
    let o = r.build();
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("tilbudsvifte.yaml:7:12:")
            && err.contains(
                "Fravalget på trinnet `institution` dækker 12–17 år, men tilbuddet `b` er der"
            ),
        "{err}"
    );
    let page = r.read_out("tilbudsvifte.html");
    let chosen = section_text(&page, "fravalg");
    assert!(
        chosen.contains(
            "Anbringelse på institution – 0–11 år: Børn under 12 år anbringes i familiepleje."
        ),
        "{chosen}"
    );
    assert!(
        chosen.contains("Forebyggende indsatser – 18–22 år"),
        "{chosen}"
    );
    let gaps = section_text(&page, "huller");
    assert!(
        !gaps.contains("Anbringelse på institution – 0–5 år"),
        "{gaps}"
    );
    assert!(
        !gaps.contains("Forebyggende indsatser – 18–22 år"),
        "{gaps}"
    );
    assert!(
        gaps.contains("Anbringelse på institution – 18–22 år"),
        "{gaps}"
    );
    // The diagram: three cells in the grey style, none of them a gap.
    assert_eq!(page.matches("<g class=\"opt-out\"").count(), 3);
    assert!(!page.contains("data-gap=\"institution/0-5\""));
    assert!(page.contains("data-opt-out=\"institution/0-5\""));
    // The matrix says it in words, and the step's page lists it.
    assert!(page.contains("<td class=\"opt-out\">Bevidst fravalg</td>"));
    let step = text_of(main_of(&r.read_out("trin/institution.html")));
    assert!(
        step.contains("Bevidste fravalg 0–11 år: Børn under 12 år"),
        "{step}"
    );
}

#[test]
fn the_matrix_orders_the_steps_as_the_diagram_does() {
    let r = TestReport::example();
    assert!(r.build().status.success());
    let page = r.read_out("tilbudsvifte.html");
    let svg_at = |id: &str| page.find(&format!("data-node=\"trin/{id}.html\"")).unwrap();
    let table = &page[page.find("<table").unwrap()..];
    let row_at = |id: &str| table.find(&format!("href=\"trin/{id}.html\"")).unwrap();
    // The most intrusive step on top in both.
    assert!(svg_at("institution") < svg_at("almene-tilbud"));
    assert!(row_at("institution") < row_at("almene-tilbud"));
    assert!(table.contains(">6. Anbringelse på institution</a>"));
}

#[test]
fn a_law_is_named_once() {
    let r = TestReport::example();
    assert!(r.build().status.success());
    let page = text_of(main_of(&r.read_out("tilbud/familiestart.html")));
    assert!(page.contains("serviceloven § 11, stk. 3"), "{page}");
    assert!(!page.contains("(serviceloven)"), "{page}");
}

/// The wording items of issue 15, each checked once on the built example.
#[test]
fn wording_items_on_the_example() {
    let r = TestReport::example();
    let o = r.build();
    assert!(o.status.success(), "{}", stderr(&o));
    let site = site(&r.out());
    let page = |p: &str| site.get(p).unwrap_or_else(|| panic!("no {p}")).as_str();
    // Headings without parentheses.
    let headings: Vec<String> = site
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .flat_map(|(p, html)| {
            html.split("<h")
                .skip(1)
                .filter(|h| h.starts_with(|c: char| c.is_ascii_digit()))
                .map(|h| text_of(&h[..h.find("</h").unwrap_or(h.len())]))
                .filter(|t| t.contains('('))
                .map(move |t| format!("{p}: {t}"))
        })
        .collect();
    assert!(
        headings.is_empty(),
        "headings with parentheses:\n{}",
        headings.join("\n")
    );
    // The hypothesis page names who takes it up.
    let hyp = site
        .iter()
        .find(|(p, h)| p.starts_with("hypoteser/") && h.contains("id=\"indsatser\""))
        .expect("a hypothesis taken up");
    assert!(hyp.1.contains("Indsatser, der tager hypotesen op"));
    // Search: "på alle sider".
    assert!(page("soeg.html").contains("Der søges på alle sider"));
    // One term for long-term outcomes.
    let effekt: Vec<&String> = site
        .iter()
        .filter(|(p, h)| p.ends_with(".html") && text_of(main_of(h)).contains("ffektmål"))
        .map(|(p, _)| p)
        .collect();
    assert!(
        effekt.is_empty(),
        "'effektmål' beside 'langsigtede mål': {effekt:?}"
    );
    // "opgjort", not "optalt".
    assert!(
        !site
            .iter()
            .any(|(p, h)| p.ends_with(".html") && h.contains("ptalt")),
        "optalt on a page"
    );
    // The overview follows the audience setting (maalgruppe: styregruppen).
    assert!(page("forandringsteori.html").contains("Overblik for styregruppen"));
    // The footer does not repeat the period the title already has.
    let footer = &page("index.html")[page("index.html").find("<footer").unwrap()..];
    assert_eq!(
        text_of(footer).matches("2023–2025").count(),
        1,
        "{}",
        text_of(footer)
    );
    // Footnotes: the reference and the note link to each other.
    let bg = page("sider/baggrund.html");
    assert!(
        bg.contains("id=\"fnref-lov\"><a href=\"#fn-lov\">1</a>"),
        "{bg}"
    );
    assert!(bg.contains("id=\"fn-lov\"") && bg.contains("href=\"#fnref-lov\""));
    // Numbers and units do not split.
    // (text_of folds white space, the no-break space too: read the HTML.)
    let svc = main_of(page("tilbud/familiebehandling-familiehuset.html"));
    assert!(svc.contains("40\u{a0}familier"), "{svc}");
    assert!(svc.contains("4.200\u{a0}kr. pr. uge"), "{svc}");
    // The Gantt note says it is grouped by focus area.
    assert!(page("udviklingsplan.html").contains("grupperet efter fokusområde"));
    // Status bars filled as the timeline's bars.
    assert!(page("udviklingsplan.html").contains("bar__fill bar__fill--status-i-gang"));
    // Budget axis in millions, segments named, not numbered.
    let plan = page("udviklingsplan.html");
    let budget = &plan[plan.find("id=\"budget-titel\"").unwrap()..];
    let budget = &budget[..budget.find("</svg>").unwrap()];
    assert!(budget.contains(">mio. kr.</text>"), "{budget}");
    assert!(budget.contains(">Fagligt løft og</tspan>"), "{budget}");
    // "peg eller klik" is nowhere (the legend says where the assumption is).
    assert!(
        !site
            .iter()
            .any(|(p, h)| p.ends_with(".html") && h.contains("peg eller klik"))
    );
}

#[test]
fn without_an_audience_the_overview_is_just_overblik() {
    let r = TestReport::example();
    let settings = std::fs::read_to_string(r.root().join("omstil.yaml")).unwrap();
    r.write(
        "omstil.yaml",
        &settings.replace("maalgruppe: styregruppen\n", ""),
    );
    assert!(r.build().status.success());
    let toc = r.read_out("forandringsteori.html");
    assert!(!toc.contains("styregruppen"));
    assert!(toc.contains(">Overblik</h2>"), "{toc}");
}
