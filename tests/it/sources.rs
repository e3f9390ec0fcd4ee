//! Provenance (issue 13): `kilde:` on any entity (text, `{ tekst, link,
//! side }` or `{ kilde: id, side }` naming a source listed in omstil.yaml)
//! and `rekonstrueret: true` are shown on the entity's page, after links to
//! it, in print and search, and on the page `kilder.html`.

use crate::common::*;
use omstil::diag::{Diagnostic, Severity};

const SETTINGS: &str = r#"kommune: Prøvekommune
titel: Prøverapport
periode: { fra: 2023, til: 2025 }
kilder:
  - id: strategi
    titel: "Udviklingsstrategi 2023–2025"
    link: "https://example.org/strategi.pdf"
    udgivet: "Prøvekommune, 2023"
  - id: referat
    titel: "Referat fra temadag"
"#;

const PLAN: &str = r#"fokusomraader:
  - id: fagligt-loeft
    titel: "Fagligt løft"
    formaal: "Et bedre fagligt grundlag."
    kilde: { kilde: strategi, side: 6 }
    handlinger:
      - id: uddannelse
        titel: "Uddannelsespulje"
        ansvarlig: "Chef"
        periode: { fra: 2023-01, til: 2025-12 }
        status: i-gang
        kilde: "Notat om kurser, s. 2"
        rekonstrueret: true
      - id: metode
        titel: "Fælles metode"
        ansvarlig: "Leder"
        periode: { fra: 2023-01, til: 2023-12 }
        status: planlagt
        kilde: { tekst: "Notat om metode", link: "https://example.org/metode", side: "3–4" }
"#;

fn report() -> TestReport {
    let r = TestReport::fixture("minimal");
    r.write("omstil.yaml", SETTINGS);
    r.write("udviklingsplan.yaml", PLAN);
    r
}

fn diags(r: &TestReport) -> Vec<Diagnostic> {
    omstil::build(&r.root()).diagnostics
}

#[test]
fn sources_and_the_marker_show_on_pages_in_lists_print_search_and_the_sources_page() {
    let r = report();
    let b = omstil::build(&r.root());
    // (Warnings about loose ends of the plan are not this test's concern.)
    let errors = b
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error);
    assert_eq!(errors.count(), 0, "{:#?}", b.diagnostics);
    let files = b.files.unwrap();
    let page = |p: &str| String::from_utf8(files[p].clone()).unwrap();

    let area = page("fokusomraader/fagligt-loeft.html");
    let area_text = text_of(main_of(&area));
    assert!(
        area_text.contains("Kilde: Udviklingsstrategi 2023–2025, s. 6"),
        "{area_text}"
    );
    assert!(area.contains("href=\"https://example.org/strategi.pdf\""));
    // The list of actions on the focus area marks the reconstructed one.
    let list = &area[area.find("handlinger/uddannelse.html").unwrap()..];
    let mark = list.find("Rekonstrueret").unwrap();
    assert!(mark < list.find("handlinger/metode.html").unwrap());
    assert!(!area_text.contains("Fælles metode Rekonstrueret"));

    let action = page("handlinger/uddannelse.html");
    let action_text = text_of(main_of(&action));
    assert!(
        action_text.contains("Kilde: Notat om kurser, s. 2"),
        "{action_text}"
    );
    assert!(action_text.contains("Rekonstrueret Konsulenten har rekonstrueret"));
    assert!(action.contains("class=\"badge badge--rekonstrueret\" title=\"Rekonstrueret"));
    let own = page("handlinger/metode.html");
    assert!(text_of(main_of(&own)).contains("Kilde: Notat om metode, s. 3–4"));
    assert!(!main_of(&own).contains("badge--rekonstrueret"));

    // The sources page: listed sources in order, then the free-text ones,
    // each with what rests on it; then the reconstructed items.
    let k = text_of(main_of(&page("kilder.html")));
    // (after the page's table of contents)
    let k = &k[k.find("Rekonstruerede oplysninger").unwrap() + 27..];
    let at = |s: &str| k.find(s).unwrap_or_else(|| panic!("{s} in {k}"));
    assert!(
        at(
            "Udviklingsstrategi 2023–2025 Udgivet: Prøvekommune, 2023. Kilden på nettet: https://example.org/strategi.pdf Bygger på kilden: Fokusområde Fagligt løft s. 6"
        ) < at("Referat fra temadag")
    );
    assert!(at("Referat fra temadag Ingen oplysninger") < at("Notat om kurser, s. 2"));
    assert!(at("Notat om kurser, s. 2") < at("Notat om metode"));
    assert!(at("Rekonstruerede oplysninger") < k.rfind("Uddannelsespulje").unwrap());
    assert!(page("index.html").contains("href=\"kilder.html\">Kilder</a>"));

    // Print and search carry it too.
    let print = page("print.html");
    assert!(print.contains("badge--rekonstrueret") && print.contains("Notat om kurser"));
    assert!(page("assets/soegeindeks.js").contains("Notat om kurser"));
}

#[test]
fn a_report_without_sources_has_no_sources_page() {
    let r = TestReport::fixture("minimal");
    let files = omstil::build(&r.root()).files.unwrap();
    assert!(!files.contains_key("kilder.html"));
    assert!(!String::from_utf8_lossy(&files["index.html"]).contains("kilder.html"));
}

#[test]
fn an_unknown_source_id_is_an_error_where_it_stands_with_a_guess() {
    let r = report();
    r.write(
        "udviklingsplan.yaml",
        &PLAN.replace(
            "{ kilde: strategi, side: 6 }",
            "{ kilde: strategy, side: 6 }",
        ),
    );
    let d = diags(&r);
    let e: Vec<_> = d.iter().filter(|d| d.severity == Severity::Error).collect();
    assert_eq!(e.len(), 1, "{d:#?}");
    assert_eq!(e[0].file, "udviklingsplan.yaml");
    assert_eq!((e[0].line, e[0].col), (5, 21));
    assert!(
        e[0].message
            .contains("`strategy` står ikke under `kilder:`")
    );
    assert_eq!(e[0].hint.as_deref(), Some("Mente du `strategi`?"));
}

#[test]
fn source_links_must_be_web_addresses() {
    let r = report();
    r.write(
        "omstil.yaml",
        &SETTINGS.replace("https://example.org/strategi.pdf", "ftp://example.org/s"),
    );
    r.write(
        "udviklingsplan.yaml",
        &PLAN.replace("https://example.org/metode", "javascript:alert(1)"),
    );
    let d = diags(&r);
    let e: Vec<_> = d.iter().filter(|d| d.severity == Severity::Error).collect();
    assert_eq!(e.len(), 2, "{d:#?}");
    assert!(e.iter().any(|e| {
        e.file == "omstil.yaml"
            && e.message
                .contains("`ftp://example.org/s` er ikke en webadresse")
    }));
    assert!(e.iter().any(|e| e.file == "udviklingsplan.yaml"
        && e.line == 19
        && e.message.contains("javascript:alert(1)")));
}

#[test]
fn a_source_names_either_a_text_or_a_listed_source_and_ids_are_unique() {
    let r = report();
    r.write(
        "omstil.yaml",
        &format!("{SETTINGS}  - id: referat\n    titel: \"Igen\"\n"),
    );
    r.write(
        "udviklingsplan.yaml",
        &PLAN.replace(
            "{ kilde: strategi, side: 6 }",
            "{ kilde: strategi, tekst: \"Strategien\" }",
        ),
    );
    let d = diags(&r);
    let show = format!("{d:#?}");
    assert!(
        show.contains("Kilden `referat` står allerede i linje 9."),
        "{show}"
    );
    assert!(show.contains("skriv enten `tekst` eller `kilde`"), "{show}");
}

#[test]
fn a_key_figure_source_is_still_a_plain_name_and_may_be_missing() {
    let r = TestReport::fixture("minimal");
    r.write(
        "noegletal.yaml",
        r#"noegletal:
  - id: med-kilde
    titel: "Med kilde"
    enhed: antal
    definition: "Antal."
    kilde: "Danmarks Statistik"
    tabel: "ANKE1"
    opgoerelse: status
    serier: [{ rolle: kommune, vaerdier: { 2023: 4 } }]
  - id: uden-kilde
    titel: "Uden kilde"
    enhed: antal
    definition: "Antal."
    opgoerelse: status
    rekonstrueret: true
    serier: [{ rolle: kommune, vaerdier: { 2023: 4 } }]
"#,
    );
    let b = omstil::build(&r.root());
    assert!(b.diagnostics.is_empty(), "{:#?}", b.diagnostics);
    let files = b.files.unwrap();
    let page = |p: &str| text_of(main_of(&String::from_utf8(files[p].clone()).unwrap()));
    let with = page("noegletal/med-kilde.html");
    assert!(
        with.contains("Kilde Danmarks Statistik (tabel ANKE1)"),
        "{with}"
    );
    // The source stands once, among the facts.
    assert_eq!(with.matches("Danmarks Statistik").count(), 1, "{with}");
    let without = page("noegletal/uden-kilde.html");
    assert!(without.contains("Kilde Ikke oplyst"), "{without}");
    assert!(without.contains("Rekonstrueret"), "{without}");
    let overview = page("noegletal.html");
    assert!(overview.contains("Uden kilde Rekonstrueret"), "{overview}");
    let sources = page("kilder.html");
    assert!(
        sources.contains("Danmarks Statistik Bygger på kilden: Nøgletal Med kilde"),
        "{sources}"
    );
}

#[test]
fn the_front_page_a_free_page_and_the_case_review_show_their_sources() {
    let r = TestReport::fixture("minimal");
    r.write(
        "forside.md",
        "---\nkilde: \"Byrådets beslutning, 2023\"\n---\nVelkommen.\n",
    );
    r.write(
        "sider/baggrund.md",
        "---\ntitel: Baggrund\nkilde: { tekst: \"Notat\", side: 2 }\nrekonstrueret: true\n---\nTekst.\n",
    );
    r.write(
        "sagsanalyse.yaml",
        "antal_sager: 2\nkilde: \"Avisartikel om midtvejsanalysen\"\nkriterier:\n  - id: k\n    titel: \"K\"\n    resultat: { hoej: 2 }\n    kilde: \"Avisartikel, s. 1\"\n",
    );
    let b = omstil::build(&r.root());
    assert!(b.diagnostics.is_empty(), "{:#?}", b.diagnostics);
    let files = b.files.unwrap();
    let page = |p: &str| text_of(main_of(&String::from_utf8(files[p].clone()).unwrap()));
    assert!(page("index.html").contains("Kilde: Byrådets beslutning, 2023"));
    let side = page("sider/baggrund.html");
    assert!(side.contains("Kilde: Notat, s. 2 Rekonstrueret"), "{side}");
    assert!(page("sagsanalyse.html").contains("Kilde: Avisartikel om midtvejsanalysen"));
    assert!(page("kriterier/k.html").contains("Kilde: Avisartikel, s. 1"));
    let k = page("kilder.html");
    for s in [
        "Forside",
        "Baggrund",
        "Sagsanalyse",
        "Byrådets beslutning, 2023",
    ] {
        assert!(k.contains(s), "{s} in {k}");
    }
}

/// (For the analysis fixture of issue 13: a theory of change transcribed
/// from a source without numbers has nothing to measure its outcomes by.)
#[test]
fn outcomes_without_indicators_are_no_loose_end_when_the_report_has_no_key_figures() {
    let r = TestReport::fixture("minimal");
    r.write(
        "forandringsteori.yaml",
        "formaal: \"F\"\nmaal:\n  - id: m\n    titel: \"M\"\n    type: langsigtet\n",
    );
    assert!(diags(&r).is_empty(), "{:#?}", diags(&r));
    r.write(
        "noegletal.yaml",
        "noegletal:\n  - id: k\n    titel: K\n    enhed: antal\n    definition: D\n    opgoerelse: status\n    serier: [{ rolle: kommune, vaerdier: { 2023: 4 } }]\n",
    );
    let d = diags(&r);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(d[0].message, "Målet `m` har ingen indikator.");
}
