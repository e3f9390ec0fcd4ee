//! The items of the analysis, theory of change, plan and services on paper
//! (print.html): each relation printed once, the per-item detail compact,
//! every link still landing somewhere, the site's own pages unchanged.

use crate::common::repo;
use crate::print_layout::values;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// The example's HTML and CSS files, built once (also used by `print_trim`).
pub(crate) fn example() -> &'static BTreeMap<String, String> {
    static F: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    F.get_or_init(|| {
        let b = omstil::build(&repo().join("content"));
        b.files
            .expect("the example builds")
            .into_iter()
            .filter(|(p, _)| p.ends_with(".html") || p.ends_with(".css"))
            .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
            .collect()
    })
}

fn print() -> &'static str {
    &example()["print.html"]
}

/// The print page's entry of the page with id `id` (up to the next entry).
fn entry<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("\" id=\"{id}\">"))
        .unwrap_or_else(|| panic!("no entry {id}"));
    let rest = &html[start..];
    let end = rest[1..]
        .find("<div class=\"print-page ")
        .map_or(rest.len(), |e| e + 1);
    &rest[..end]
}

/// Ids of the entries whose id starts with `prefix`.
fn entries(html: &str, prefix: &str) -> Vec<String> {
    let key = format!("<div class=\"print-page print-page--item\" id=\"{prefix}");
    html.match_indices(&key)
        .map(|(i, _)| {
            let v = &html[i + key.len() - prefix.len()..];
            v[..v.find('"').unwrap()].to_string()
        })
        .collect()
}

#[test]
fn every_link_in_the_print_page_lands_on_an_element() {
    let html = print();
    let ids: BTreeSet<&str> = values(html, "id").into_iter().collect();
    let mut dangling: Vec<&str> = values(html, "href")
        .into_iter()
        .filter_map(|h| h.strip_prefix('#'))
        .filter(|id| !ids.contains(id))
        .collect();
    dangling.dedup();
    assert!(dangling.is_empty(), "links to nothing: {dangling:?}");
}

#[test]
fn a_theory_of_change_relation_is_printed_once_on_the_entry_it_leads_from() {
    let html = print();
    let part = entry(html, "forandringsteori");
    let ints = entries(html, "indsatser-");
    let acts = entries(html, "aktiviteter-");
    let goals = entries(html, "maal-");
    assert!(ints.len() >= 3 && acts.len() >= 10 && goals.len() >= 8);
    // Intervention → activity → outcome → outcome: on the entry the arrow
    // leaves, not again on the one it reaches, nor in the overview.
    for i in &ints {
        let e = entry(html, i);
        assert!(
            e.contains("href=\"#aktiviteter-"),
            "{i} lists its activities"
        );
        assert!(!e.contains("href=\"#maal-"), "{i} repeats derived outcomes");
        assert!(
            !e.contains("href=\"#hypoteser-"),
            "{i}: the analysis prints it"
        );
    }
    for a in &acts {
        let e = entry(html, a);
        assert!(e.contains("href=\"#maal-"), "{a} lists its outcomes");
        assert!(
            !e.contains("href=\"#indsatser-"),
            "{a} repeats its interventions"
        );
        assert!(
            !e.contains("href=\"#handlinger-"),
            "{a} repeats the plan's links"
        );
        assert!(
            !e.contains("href=\"#aktoerer-"),
            "{a} repeats the actors' links"
        );
    }
    for g in &goals {
        let e = entry(html, g);
        assert!(
            !e.contains("href=\"#aktiviteter-"),
            "{g} repeats its activities"
        );
    }
    // Outcome → outcome with its assumption, and an outcome's indicators.
    let g = entry(html, "maal-oeget-inddragelse");
    assert!(
        g.contains("href=\"#maal-flere-anbringelser-i-familie\""),
        "{g}"
    );
    assert!(
        g.contains("Antagelse: Når netværket inddrages tidligt"),
        "{g}"
    );
    assert!(
        g.contains("href=\"#noegletal-anbringelser-uden-samtykke\""),
        "{g}"
    );
    // The overview keeps its diagrams, not the lists the entries repeat.
    assert!(part.contains("id=\"forandringsteori--detaljeret\""));
    assert!(!part.contains("id=\"forandringsteori--omraader\""));
    assert!(!part.contains("id=\"forandringsteori--detaljeret-indsatser\""));
    assert!(!part.contains("class=\"node-list\""));
    assert!(
        !part.contains("<table"),
        "the overview table is the overview diagram's text"
    );
    // On the site, both sides still show the relation.
    let site = &example()["aktiviteter/nedbringelse-af-sagstal.html"];
    assert!(site.contains("maal/hyppigere-opfoelgning.html"));
    assert!(site.contains("id=\"handlinger\""));
    let site = &example()["forandringsteori.html"];
    assert!(site.contains("id=\"detaljeret-indsatser\""));
}

#[test]
fn hypotheses_and_themes_print_their_text_and_the_overview_their_links() {
    let html = print();
    let part = entry(html, "modenhedsanalyse");
    for h in entries(html, "hypoteser-") {
        let e = entry(html, &h);
        assert!(!e.contains("href=\"#temaer-"), "{h}: {e}");
        assert!(!e.contains("href=\"#indsatser-"), "{h}");
        assert!(!e.contains("href=\"#sporbarhed"), "{h}");
        assert!(
            part.contains(&format!("href=\"#{h}\"")),
            "{h} not in the overview"
        );
    }
    let e = entry(html, "temaer-politik-og-strategi");
    assert!(
        e.contains("<li>Kommunen har en vedtaget politik, der prioriterer tidlig og forebyggende indsats. 4 / 5 – Børne- og ungepolitikken er tydelig om værdier og retning.</li>"),
        "{e}"
    );
    for t in entries(html, "temaer-") {
        let e = entry(html, &t);
        assert!(!e.contains("--hypoteser\""), "{t}");
        assert!(
            !e.contains("class=\"bars\""),
            "{t}: the table says the same"
        );
        // The self-assessment, a statement a line with its score.
        assert!(!e.contains("<table"), "{t}");
        assert!(e.contains("<ul class=\"print-rows\"><li>"), "{t}");
    }
}

#[test]
fn an_action_prints_its_history_and_budget_as_one_line_each() {
    let html = print();
    let acts = entries(html, "handlinger-");
    assert!(acts.len() >= 15);
    for a in &acts {
        let e = entry(html, a);
        assert!(!e.contains("<table"), "{a}: {e}");
        assert!(!e.contains("href=\"#aktoerer-"), "{a}: the actors print it");
        // Responsible, period and status are in the plan's table.
        assert!(!e.contains("<dt>Ansvarlig</dt>"), "{a}");
    }
    let e = entry(html, "handlinger-tre-nye-raadgivere").replace('\u{a0}', " ");
    assert!(
        e.contains(
            "2023: 1.350.000 kr. · 2024: 1.800.000 kr. · 2025: 1.800.000 kr. · I alt: 4.950.000 kr."
        ),
        "{e}"
    );
    assert!(
        e.contains("Status oktober 2023</a><span class=\"se-side\" data-side=\"opfoelgning-2023-10\"></span>: I gang – Alle tre stillinger er besat."),
        "{e}"
    );
    // The plan's table has what the entries leave out.
    let plan = entry(html, "udviklingsplan");
    assert!(plan.contains("Chef for Børn og Familie"));
}

#[test]
fn services_and_steps_leave_the_overviews_lists_to_the_overview() {
    let html = print();
    let part = entry(html, "tilbudsvifte");
    assert!(!part.contains("id=\"tilbudsvifte--trappen\""));
    for s in entries(html, "trin-") {
        let e = entry(html, &s);
        assert!(e.contains("href=\"#tilbud-"), "{s} lists its services");
        assert!(!e.contains("--huller\""), "{s}");
    }
    for s in entries(html, "tilbud-") {
        let e = entry(html, &s);
        assert!(!e.contains("--overlap\""), "{s}");
        // Its step lists it.
        assert!(!e.contains("href=\"#trin-"), "{s}");
        assert!(
            e.contains("<dl class=\"facts\">"),
            "{s}: its other facts stay"
        );
    }
}
