//! Three reports shaped like real documents (issue 13), in
//! tests/fixtures/real/: a development strategy with only a plan
//! (`strategi`), a maturity analysis with its theory of change and several
//! reconstructed items (`analyse`), and a case review reported in words
//! with a key figure that lacks a year (`sagsgennemgang`). Each builds with
//! no error and no warning, and the pages say plainly what the source does
//! not state.

use crate::common::*;
use std::collections::BTreeMap;

/// Builds a fixture in memory: no diagnostic at all, and its pages.
fn site_of(name: &str) -> BTreeMap<String, String> {
    let r = TestReport::fixture(&format!("real/{name}"));
    let b = omstil::build(&r.root());
    assert!(b.diagnostics.is_empty(), "{name}: {:#?}", b.diagnostics);
    b.files
        .expect("a site")
        .into_iter()
        .map(|(k, v)| (k, String::from_utf8_lossy(&v).into_owned()))
        .collect()
}

/// The visible text of a page's `<main>`.
fn text(html: &str) -> String {
    text_of(main_of(html))
}

fn page<'a>(site: &'a BTreeMap<String, String>, path: &str) -> &'a str {
    site.get(path)
        .unwrap_or_else(|| panic!("no page {path}"))
        .as_str()
}

#[test]
fn the_strategy_builds_clean_and_says_what_it_does_not_state() {
    let site = site_of("strategi");
    // The report's own word for its plan, everywhere a reader sees one.
    for (path, html) in site.iter().filter(|(p, _)| p.ends_with(".html")) {
        assert!(
            !html.contains("Udviklingsplan"),
            "{path} says Udviklingsplan"
        );
    }
    let index = page(&site, "index.html");
    assert!(index.contains(">Udviklingsstrategi<"), "menu");
    let plan = text(page(&site, "udviklingsplan.html"));
    assert!(plan.contains("Udviklingsstrategi"), "{plan}");
    // The pool over 2023–2025, counted once.
    assert!(plan.contains("750.000 kr."), "{plan}");
    // An action whose owner, period and status the source does not give.
    let action = text(page(&site, "handlinger/kvalitetsstandarder.html"));
    assert!(action.contains("Ikke oplyst"), "{action}");
    assert!(!action.contains("Rekonstrueret"), "{action}");
    // The one action whose owner the source names.
    let led = text(page(&site, "handlinger/god-ledelse.html"));
    assert!(led.contains("Ledelsen"), "{led}");
    // Sources: the focus area's page and section, a derived link marked.
    let area = text(page(&site, "fokusomraader/fagligt-loeft.html"));
    assert!(
        area.contains("Kilde: Strategi for udvikling på børne- og ungeområdet 2023-2025, s. 6"),
        "{area}"
    );
    assert!(
        area.contains(
            "Uddannelsesplan med fælles temaer og individuel opkvalificering Rekonstrueret"
        ),
        "{area}"
    );
    let derived = text(page(&site, "handlinger/uddannelsesplan.html"));
    assert!(
        derived.contains("Rekonstrueret Konsulenten har rekonstrueret"),
        "{derived}"
    );
    let sources = text(page(&site, "kilder.html"));
    assert!(sources.contains("Strategi for udvikling på børne- og ungeområdet 2023-2025 Udgivet: Nordfyns Kommune, Børn og Familie."), "{sources}");
    assert!(
        sources.contains("Fokusområde Stabilitet i Myndighed s. 10"),
        "{sources}"
    );
    // Actors and projects have their pages, with their sources.
    for p in ["aktoerer/myndighed.html", "projekter/min-vej-hjem.html"] {
        let t = text(page(&site, p));
        assert!(t.contains("Kilde: Strategi for udvikling"), "{p}: {t}");
    }
    for p in [
        "aktoerer.html",
        "aktoerer/myndighed.html",
        "projekter.html",
        "projekter/min-vej-hjem.html",
    ] {
        assert!(site.contains_key(p), "{p}");
    }
}

#[test]
fn the_analysis_builds_clean_and_marks_what_was_reconstructed() {
    let site = site_of("analyse");
    // Hypotheses whose wording the source does not give are marked, on
    // their pages and in lists.
    let h = text(page(&site, "hypoteser/tid-til-familierne.html"));
    assert!(h.contains("Kilde: Bilag 3 – Forandringsteori 2016"), "{h}");
    assert!(
        h.contains("Rekonstrueret Konsulenten har rekonstrueret"),
        "{h}"
    );
    let i = text(page(&site, "indsatser/opsporing-og-forebyggelse.html"));
    assert!(i.contains("Rekonstrueret"), "{i}");
    // A theme the source names without a summary.
    let theme = text(page(&site, "temaer/styring.html"));
    assert!(theme.contains("Ikke oplyst"), "{theme}");
    // An activity in all three areas lists them all.
    let a = text(page(
        &site,
        "aktiviteter/udrulning-til-skoledistrikter.html",
    ));
    for area in ["Myndighed", "Tilbudsvifte", "Almenområde"] {
        assert!(a.contains(area), "{area} in {a}");
    }
    // The report's word for long-term outcomes.
    let toc = page(&site, "forandringsteori.html");
    assert!(toc.contains("Effektmål"), "horizon name");
    assert!(text(toc).contains("2019"), "the short-term horizon");
    // The sources page: the two listed sources, then the free text, then
    // everything reconstructed.
    let k = text(page(&site, "kilder.html"));
    let rec = k.rfind("Rekonstruerede oplysninger").unwrap();
    for t in [
        "En fremskudt myndighed med tid til den enkelte familie giver bedre hjælp tidligere",
        "Omlægning af tilbudsviften efter indsatstrappen",
        "Børn og unge får den rette indsats til rette tid",
    ] {
        assert!(k[rec..].contains(t), "{t} among the reconstructed: {k}");
    }
    assert!(k.contains("Modenhedsanalyse Brønderslev"));
    assert!(k.contains("Kommunens side om målsætning og forandringsteori"));
}

/// Stretches of the municipality's line in a key-figure chart (plotters
/// writes each as one `<polyline>` of width 3).
fn own_line_segments(html: &str) -> Vec<&str> {
    html.match_indices("<polyline")
        .map(|(i, _)| &html[i..i + html[i..].find("/>").unwrap()])
        .filter(|p| p.contains("stroke-width=\"3\""))
        .collect()
}

#[test]
fn the_case_review_in_words_builds_clean_with_no_chart_and_a_gap_for_the_missing_year() {
    let site = site_of("sagsgennemgang");
    let index = page(&site, "index.html");
    assert!(index.contains(">Midtvejsanalyse<"), "menu");
    let review = page(&site, "sagsanalyse.html");
    let t = text(review);
    assert!(
        !main_of(review).contains("<svg"),
        "no bar chart without counts"
    );
    assert!(t.contains("mange gode eksempler"), "findings in words: {t}");
    assert!(
        t.contains("Kilde: Nyhedsartikel om Billund Kommunes midtvejsanalyse"),
        "{t}"
    );
    // A criterion the source says nothing about says so under its heading.
    let found = &review[review
        .find("id=\"fund-tidlig-indsats\"")
        .expect("findings of tidlig-indsats")..];
    let found = &found[..found.find("</section>").unwrap_or(found.len())];
    assert!(found.contains("Ikke oplyst"), "{found}");
    let c = text(page(&site, "kriterier/inddragelse.html"));
    assert!(
        c.contains("mange gode eksempler") && c.contains("skabt sammen med familien"),
        "{c}"
    );
    assert!(!main_of(page(&site, "kriterier/inddragelse.html")).contains("class=\"bars\""));
    // The key figure: 2015 is not stated, kept as such, and the line has a gap.
    let fig = page(&site, "noegletal/anbringelser-uden-samtykke.html");
    let main = main_of(fig);
    let row = &main[main
        .find("<th scope=\"row\">2015</th>")
        .expect("a row for 2015")..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.to_lowercase().contains("ikke oplyst"), "{row}");
    assert!(main.contains("<svg"), "a chart for the stated years");
    for seg in own_line_segments(main) {
        let n = attrs(seg, "points")[0].split_whitespace().count();
        assert!(n < 3, "no straight line through 2015: {seg}");
    }
    let ft = text(fig);
    assert!(
        ft.contains("Kilde Nyhedsartikel om Billund Kommunes midtvejsanalyse"),
        "{ft}"
    );
    let k = text(page(&site, "kilder.html"));
    assert!(
        k.contains("Nyhedsartikel om Billund Kommunes midtvejsanalyse Udgivet: 13. december 2017."),
        "{k}"
    );
    assert!(k.contains("Nøgletal Anbringelser uden samtykke"), "{k}");
}

#[test]
fn the_schemas_accept_the_fixture_reports() {
    let mut n = 0;
    for name in ["strategi", "analyse", "sagsgennemgang"] {
        let dir = repo().join("tests/fixtures/real").join(name);
        for s in omstil::schema::all() {
            for f in s.applies_to.iter().filter(|f| f.ends_with(".yaml")) {
                let p = dir.join(f);
                if p.is_file() {
                    let errs = super::schema::errors_for(s.name, &p);
                    assert!(errs.is_empty(), "{}: {errs:#?}", p.display());
                    n += 1;
                }
            }
        }
    }
    assert_eq!(n, 4 + 3 + 3, "every YAML file of the three reports");
}
