//! Real theories of change and report settings (issue 13): activities in
//! several areas, horizons and periods with months, an optional aim, the
//! report's own names for its parts, links to overview pages, the text
//! equivalent when there are no interventions, and `init`'s placeholders.

use crate::common::*;
use omstil::diag::Diagnostic;
use std::collections::BTreeMap;

/// The minimal report with `files` written over it, built in memory:
/// the site (path → text; empty after errors) and the diagnostics.
fn built(files: &[(&str, &str)]) -> (BTreeMap<String, String>, Vec<Diagnostic>) {
    let r = TestReport::fixture("minimal");
    for (path, text) in files {
        r.write(path, text);
    }
    let b = omstil::build(&r.root());
    let site = b
        .files
        .unwrap_or_default()
        .into_iter()
        .map(|(p, bytes)| (p, String::from_utf8_lossy(&bytes).into_owned()))
        .collect();
    (site, b.diagnostics)
}

fn messages(d: &[Diagnostic]) -> String {
    d.iter()
        .map(|d| format!("{}:{}: {} ({:?})\n", d.file, d.line, d.message, d.hint))
        .collect()
}

/// The part of `html` from the element with `id` to the end of its section.
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id}"));
    let rest = &html[start..];
    &rest[..rest.find("</section>").unwrap_or(rest.len())]
}

/// The detailed theory of change with its text equivalent (its groups are
/// sub-sections), up to the next top-level section.
fn detailed(html: &str) -> &str {
    let start = html.find("id=\"detaljeret\"").expect("no #detaljeret");
    let rest = &html[start..];
    &rest[..rest.find("id=\"omraader\"").unwrap_or(rest.len())]
}

/// Text of an HTML fragment without tags, whitespace collapsed.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

const OMSTIL: &str =
    "kommune: Prøvekommune\ntitel: Prøverapport\nperiode: { fra: 2016, til: 2019 }\n";

const TOC: &str = "horisont:
  kortsigtet: { fra: 2016-07, til: 2019-06 }
  langsigtet: { fra: 2016, til: 2025 }
indsatser:
  - id: i
    titel: Indsatsen
aktiviteter:
  - id: faelles-metode
    titel: Fælles metode
    omraade: [myndighed, tilbudsvifte]
    indsatser: [i]
    maal: [k]
  - id: lokal
    titel: Lokal aktivitet
    omraade: almenomraade
    indsatser: [i]
    maal: [k]
maal:
  - id: k
    titel: Kort mål
    type: kortsigtet
    bidrager_til: [l]
  - id: l
    titel: Langt mål
    type: langsigtet
";

#[test]
fn an_activity_in_several_areas_is_shown_in_each() {
    let (site, d) = built(&[("omstil.yaml", OMSTIL), ("forandringsteori.yaml", TOC)]);
    assert!(!site.is_empty(), "{}", messages(&d));
    let page = &site["aktiviteter/faelles-metode.html"];
    assert!(
        text(main_of(page)).contains("Områder Myndighed, Tilbudsvifte"),
        "{}",
        text(main_of(page))
    );
    let toc = &site["forandringsteori.html"];
    // Listed under each of its areas, and not under the third.
    for (area, listed) in [
        ("myndighed", true),
        ("tilbudsvifte", true),
        ("almenomraade", false),
    ] {
        let s = section(toc, &format!("omraade-{area}"));
        assert_eq!(s.contains("Fælles metode"), listed, "{area}: {s}");
    }
    // The text equivalent lists it once, in the lane of activities in
    // several areas, and names its areas; the diagram's box too.
    let detailed = text(detailed(toc));
    assert!(
        detailed.contains("Aktiviteter: Flere områder Fælles metode"),
        "{detailed}"
    );
    assert_eq!(
        detailed
            .matches("Fælles metode (Myndighed, Tilbudsvifte) Fører til")
            .count(),
        1,
        "{detailed}"
    );
    // The box names both areas (the tag may wrap after the dot).
    assert!(
        toc.contains("MYNDIGHED · TILBUDSVIFTE")
            || (toc.contains("MYNDIGHED ·<") && toc.contains(">TILBUDSVIFTE<")),
        "{toc}"
    );
}

#[test]
fn an_empty_list_of_areas_is_an_error() {
    let toc = TOC.replace("omraade: [myndighed, tilbudsvifte]", "omraade: []");
    let (_, d) = built(&[("forandringsteori.yaml", &toc)]);
    let m = messages(&d);
    assert!(
        m.contains("forandringsteori.yaml:10: En aktivitet skal høre til mindst ét område."),
        "{m}"
    );
}

#[test]
fn horizons_with_months_are_on_the_page_and_in_the_column_headings() {
    let (site, d) = built(&[("omstil.yaml", OMSTIL), ("forandringsteori.yaml", TOC)]);
    assert!(!site.is_empty(), "{}", messages(&d));
    let toc = &site["forandringsteori.html"];
    let facts = text(&toc[toc.find("class=\"facts\"").expect("facts")..]);
    assert!(
        facts.starts_with(
            "class=\"facts\" Kortsigtede mål juli 2016 – juni 2019 Langsigtede mål 2016–2025"
        ),
        "{facts}"
    );
    // Column headings of the diagram (wrapped over lines in the SVG).
    let svg = &toc[toc.find("<svg").unwrap()..toc.find("</svg>").unwrap()];
    let heads = text(&svg[svg.find("class=\"columns\"").unwrap()..]);
    assert!(
        heads.contains("Kortsigtede mål (juli 2016 – juni 2019)"),
        "{heads}"
    );
    assert!(heads.contains("Langsigtede mål (2016–2025)"), "{heads}");
    let outcome = text(main_of(&site["maal/k.html"]));
    assert!(
        outcome.contains("Periode juli 2016 – juni 2019"),
        "{outcome}"
    );
}

#[test]
fn a_period_can_be_a_year_or_have_months() {
    for (periode, shown) in [
        ("{ fra: 2023-03, til: 2025-06 }", "marts 2023 – juni 2025"),
        ("{ fra: 2023-01, til: 2025-12 }", "2023–2025"),
        ("2024", "Prøvekommune · 2024"),
    ] {
        let omstil = format!("kommune: Prøvekommune\ntitel: Prøverapport\nperiode: {periode}\n");
        let (site, d) = built(&[("omstil.yaml", &omstil)]);
        assert!(!site.is_empty(), "{periode}: {}", messages(&d));
        assert!(text(&site["index.html"]).contains(shown), "{periode}");
    }
    let (_, d) = built(&[(
        "omstil.yaml",
        "kommune: K\ntitel: T\nperiode: { fra: 2025-13, til: 2024-02 }\n",
    )]);
    let m = messages(&d);
    assert!(
        m.contains("omstil.yaml:3: `2025-13` er hverken et år eller en måned."),
        "{m}"
    );
    let (_, d) = built(&[(
        "omstil.yaml",
        "kommune: K\ntitel: T\nperiode: { fra: 2025-03, til: 2025-02 }\n",
    )]);
    let m = messages(&d);
    assert!(m.contains("den slutter, før den begynder"), "{m}");
}

#[test]
fn the_aim_of_a_theory_of_change_may_be_left_out() {
    let (site, d) = built(&[("forandringsteori.yaml", TOC)]);
    assert!(!site.is_empty(), "{}", messages(&d));
    assert!(!site["forandringsteori.html"].contains("id=\"formaal\""));
    let with_aim = format!("formaal: Børn skal trives.\n{TOC}");
    let (site, _) = built(&[("forandringsteori.yaml", &with_aim)]);
    assert!(text(section(&site["forandringsteori.html"], "formaal")).contains("Børn skal trives."));
}

/// Outcomes and no indsatser: the diagram draws the outcomes, so the text
/// equivalent must list them (it was empty).
#[test]
fn the_text_equivalent_lists_outcomes_without_interventions() {
    let toc = "formaal: F
maal:
  - id: k
    titel: Kort mål
    type: kortsigtet
    bidrager_til: [l]
  - id: l
    titel: Langt mål
    type: langsigtet
  - id: alene
    titel: Mål for sig
    type: langsigtet
";
    let (site, d) = built(&[("forandringsteori.yaml", toc)]);
    assert!(!site.is_empty(), "{}", messages(&d));
    let page = &site["forandringsteori.html"];
    let detailed = detailed(page);
    assert!(detailed.contains("<svg"), "the diagram is drawn");
    let tree = &detailed[detailed
        .find("class=\"node-list\"")
        .expect("a text equivalent")..];
    let tree = text(tree);
    for title in ["Kort mål", "Langt mål", "Mål for sig"] {
        assert!(tree.contains(title), "{title} missing in: {tree}");
    }
    // The overview's table, too.
    let overview = text(section(page, "overblik"));
    assert!(
        overview.contains("Uden indsats Kort mål Langt mål Mål for sig"),
        "{overview}"
    );
}

#[test]
fn the_report_names_its_parts_and_horizons() {
    let omstil = format!(
        "{OMSTIL}navne:\n  forandringsteori: Programteori\n  udviklingsplan: Udviklingsstrategi\n  langsigtet: Effektmål\n"
    );
    let plan = "fokusomraader:
  - id: f
    titel: F
    formaal: P
    handlinger:
      - id: h
        titel: H
        ansvarlig: A
        periode: { fra: 2017-01, til: 2017-12 }
        status: planlagt
        aktiviteter: [lokal]
";
    let (site, d) = built(&[
        ("omstil.yaml", &omstil),
        ("forandringsteori.yaml", TOC),
        ("udviklingsplan.yaml", plan),
        ("forside.md", "Se [](@udviklingsplan).\n"),
    ]);
    assert!(!site.is_empty(), "{}", messages(&d));
    let plan_page = &site["udviklingsplan.html"];
    assert!(plan_page.contains("<title>Udviklingsstrategi – Prøvekommune</title>"));
    assert!(text(main_of(plan_page)).starts_with("Forside Udviklingsstrategi"));
    // Menu on every page, breadcrumbs on the entity pages.
    let action = &site["handlinger/h.html"];
    assert!(text(action).contains("Forside Programteori Udviklingsstrategi"));
    assert!(text(main_of(action)).starts_with("Forside Udviklingsstrategi H"));
    assert!(!text(action).contains("Udviklingsplan "));
    // The horizon's word in headings, badges, the diagram and print.
    let toc = &site["forandringsteori.html"];
    assert!(section(toc, "toc-long-outcomes").contains(">Effektmål</h2>"));
    assert!(toc.contains("Effektmål (2016–2025)"));
    assert!(!toc.contains("Langsigtede"));
    assert!(text(main_of(&site["maal/l.html"])).contains("Effektmål Langt mål"));
    assert!(text(&site["print.html"]).contains("Udviklingsstrategi"));
    // The front page's cards of the parts.
    assert!(
        text(main_of(&site["index.html"])).contains("Rapportens dele Programteori"),
        "{}",
        text(main_of(&site["index.html"]))
    );
    // An empty link text to the overview takes the report's name.
    assert!(site["index.html"].contains(">Udviklingsstrategi</a>."));
}

#[test]
fn a_link_to_an_overview_the_report_lacks_is_an_error() {
    let (site, d) = built(&[
        ("forandringsteori.yaml", TOC),
        (
            "forside.md",
            "Se [](@forandringsteori#overblik).\n\nOg [analysen](@sagsanalyse) og [kilderne](@kilder) og [x](@forandringsteorie).\n",
        ),
    ]);
    assert!(site.is_empty());
    let m = messages(&d);
    assert!(
        m.contains("forside.md:3: Linket `@sagsanalyse` peger på oversigten `sagsanalyse.html`, men rapporten har ikke den del. (Some(\"Siden kommer med `sagsanalyse.yaml`; ret linket, eller fjern det.\"))"),
        "{m}"
    );
    assert!(
        m.contains("Linket `@kilder` peger på oversigten `kilder.html`"),
        "{m}"
    );
    assert!(
        m.contains("Mente du oversigten `@forandringsteori`?"),
        "{m}"
    );
    assert_eq!(
        d.iter().filter(|d| d.file == "forside.md").count(),
        3,
        "{m}"
    );
    // With the parts there, the links work, headings included.
    let (site, d) = built(&[
        ("forandringsteori.yaml", TOC),
        ("forside.md", "Se [](@forandringsteori#overblik).\n"),
    ]);
    assert!(!site.is_empty(), "{}", messages(&d));
    assert!(
        site["index.html"]
            .contains("<a href=\"forandringsteori.html#overblik\">Forandringsteori</a>")
    );
    let (_, d) = built(&[
        ("forandringsteori.yaml", TOC),
        ("forside.md", "Se [](@forandringsteori#ingen).\n"),
    ]);
    assert!(messages(&d).contains("`#ingen`"), "{}", messages(&d));
}

#[test]
fn init_placeholders_warn_until_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ny");
    let o = bin().arg("init").arg(&dir).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let b = omstil::check(&dir);
    let m = messages(&b.diagnostics);
    assert_eq!(b.errors(), 0, "{m}");
    assert!(
        m.contains("omstil.yaml:13: `kommune: Min Kommune` er en pladsholder fra `omstil init`."),
        "{m}"
    );
    assert!(
        m.contains("`tilgaengelighedserklaering: https://www.was.digst.dk/min-kommune-dk` er en pladsholder"),
        "{m}"
    );
    let yaml = std::fs::read_to_string(dir.join("omstil.yaml"))
        .unwrap()
        .replace("Min Kommune", "Egeskov Kommune")
        .replace("min-kommune-dk", "egeskov-dk");
    std::fs::write(dir.join("omstil.yaml"), yaml).unwrap();
    let m = messages(&omstil::check(&dir).diagnostics);
    assert!(!m.contains("pladsholder"), "{m}");
}
