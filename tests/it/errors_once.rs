//! Every error once, in one run, where it is (issue 12): a broken part file
//! does not cascade into false errors elsewhere nor hide the errors of other
//! files; numbers out of range, non-finite numbers and money are called what
//! they are; sums are exact; parser fragments are Danish.

use crate::common::*;
use omstil::diag::{Diagnostic, Severity};

/// Builds `r` in memory and returns its diagnostics.
fn diags(r: &TestReport) -> Vec<Diagnostic> {
    omstil::build(&r.root()).diagnostics
}

fn errors(d: &[Diagnostic]) -> Vec<&Diagnostic> {
    d.iter().filter(|d| d.severity == Severity::Error).collect()
}

fn show(d: &[Diagnostic]) -> String {
    d.iter()
        .map(|d| {
            format!(
                "{:?} {}:{}:{}: {}\n",
                d.severity, d.file, d.line, d.col, d.message
            )
        })
        .collect()
}

const BROKEN_PAGE: &str = "---\ntitel: Brudt\n---\nSe [her](@side/findes-ikke) og [målet](@maal/hyppigere-opfoelgning).\n";

#[test]
fn a_yaml_error_in_a_part_gives_one_error_and_keeps_link_errors_of_pages() {
    let r = TestReport::example();
    r.write(
        "forandringsteori.yaml",
        "formaal: |\n  x\nindsatser:\n  - id: a\n    titel: [uafsluttet\n",
    );
    r.write("sider/brudt.md", BROKEN_PAGE);
    let d = diags(&r);
    let e = errors(&d);
    assert_eq!(e.len(), 2, "{}", show(&d));
    assert_eq!(e[0].file, "forandringsteori.yaml", "{}", show(&d));
    assert_eq!(e[1].file, "sider/brudt.md", "{}", show(&d));
    assert!(e[1].message.contains("`findes-ikke`"), "{}", show(&d));
    // No loose-end warnings that only the broken file explains.
    assert!(!show(&d).contains("ikke knyttet"), "{}", show(&d));
    assert!(!show(&d).contains("ingen "), "{}", show(&d));
}

#[test]
fn a_folder_where_a_part_file_belongs_is_one_error() {
    let r = TestReport::example();
    std::fs::remove_file(r.root().join("forandringsteori.yaml")).unwrap();
    std::fs::create_dir(r.root().join("forandringsteori.yaml")).unwrap();
    r.write("sider/brudt.md", BROKEN_PAGE);
    let d = diags(&r);
    let e = errors(&d);
    assert_eq!(e.len(), 2, "{}", show(&d));
    assert!(
        e[0].message.contains("er en mappe, ikke en fil"),
        "{}",
        show(&d)
    );
    assert_eq!(e[1].file, "sider/brudt.md");
}

#[test]
fn an_unreadable_part_file_is_one_error() {
    let r = TestReport::example();
    // Not UTF-8: the file cannot be read at all.
    std::fs::write(r.root().join("noegletal.yaml"), b"indledning: gr\xf8n\n").unwrap();
    let d = diags(&r);
    let e = errors(&d);
    assert_eq!(e.len(), 1, "{}", show(&d));
    assert_eq!(e[0].file, "noegletal.yaml");
    assert!(!show(&d).contains("har ingen indikator"), "{}", show(&d));
}

#[test]
fn links_to_an_entry_left_out_after_its_error_are_not_reported_again() {
    let r = TestReport::example();
    let toc = std::fs::read_to_string(r.root().join("forandringsteori.yaml")).unwrap();
    // The outcome `hyppigere-opfoelgning` gets a bad its required `type`.
    let broken = toc.replacen("    type: kortsigtet\n", "    type: kortsigtt\n", 1);
    assert_ne!(toc, broken);
    r.write("forandringsteori.yaml", &broken);
    r.write("sider/brudt.md", BROKEN_PAGE);
    let d = diags(&r);
    let e = errors(&d);
    assert_eq!(e.len(), 2, "{}", show(&d));
    assert!(e[0].message.contains("`kortsigtt`"), "{}", show(&d));
}

#[test]
fn budgets_are_published_to_the_krone() {
    let r = TestReport::fixture("minimal");
    // 10^18 + 500000: an f64 rounds it to 1.000.000.000.000.499.968.
    r.write(
        "udviklingsplan.yaml",
        "fokusomraader:\n  - id: f\n    titel: F\n    formaal: P\n    handlinger:\n      - id: a\n        titel: A\n        ansvarlig: X\n        periode: { fra: 2024-01, til: 2024-12 }\n        status: planlagt\n        budget: { 2024: 1000000000000500000, 2025: \"750.000 kr.\" }\n",
    );
    let o = r.build();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page = r.read_out("handlinger/a.html");
    assert!(
        page.contains("1.000.000.000.000.500.000\u{a0}kr."),
        "{page}"
    );
    assert!(page.contains("750.000\u{a0}kr."), "{page}");
    assert!(
        page.contains("1.000.000.000.001.250.000\u{a0}kr."),
        "{page}"
    );
    let plan = r.read_out("udviklingsplan.html");
    assert!(plan.contains("1.000.000.000.001.250.000\u{a0}kr."));
}

#[test]
fn a_price_with_oere_is_an_error_at_its_value() {
    let r = TestReport::fixture("minimal");
    r.write(
        "tilbudsvifte.yaml",
        "behov:\n  - id: b\n    titel: B\ntilbud:\n  - id: t\n    titel: T\n    trin: almene-tilbud\n    alder: { fra: 0, til: 17 }\n    behov: [b]\n    udbyder: egen\n    pris: \"12,5\"\n",
    );
    let d = diags(&r);
    let e = errors(&d);
    assert_eq!(e.len(), 1, "{}", show(&d));
    assert_eq!((e[0].line, e[0].col), (11, 11), "{}", show(&d));
    assert_eq!(
        e[0].message,
        "`pris` skal være et beløb i hele kroner, men er `12,5`."
    );
}

/// Words of serde's and the YAML parser's English messages.
const ENGLISH: [&str; 12] = [
    "invalid",
    "expected",
    "found",
    "while",
    "sequence",
    " map",
    "string",
    "struct",
    "integer",
    "unexpected",
    "variant",
    "type ",
];

fn assert_danish(d: &[Diagnostic]) {
    for x in d {
        let text = format!("{} {}", x.message, x.hint.clone().unwrap_or_default()).to_lowercase();
        for w in ENGLISH {
            assert!(!text.contains(w), "English «{w}» in: {}", show(d));
        }
    }
}

#[test]
fn wrong_types_are_described_in_danish() {
    let r = TestReport::fixture("minimal");
    r.write(
        "modenhedsanalyse.yaml",
        "indledning: [a]\nskala_maks: [1]\ntemaer: { a: b }\nhypoteser:\n  - id: h\n    titel: { a: b }\n    temaer: x\n",
    );
    r.write(
        "tilbudsvifte.yaml",
        "tilbud:\n  - id: t\n    titel: T\n    trin: almene-tilbud\n    alder: 5\n    behov: [b]\n    udbyder: [egen]\n    kapacitet: 2.5\n",
    );
    r.write(
        "noegletal.yaml",
        "noegletal:\n  - id: a\n    titel: A\n    enhed: procent\n    definition: D\n    kilde: K\n    opgoerelse: status\n    serier:\n      - rolle: kommune\n        vaerdier: [1, 2]\n      - rolle: landet\n        vaerdier: { 2022: mange }\n",
    );
    let d = diags(&r);
    assert_danish(&d);
    let all = show(&d);
    for (line, wanted) in [
        (
            "modenhedsanalyse.yaml:1:13",
            "`indledning` skal være en tekst, men er en liste.",
        ),
        (
            "modenhedsanalyse.yaml:2:13",
            "`skala_maks` skal være et helt tal, men er en liste.",
        ),
        ("modenhedsanalyse.yaml:3:9", "`temaer` skal være en liste"),
        (
            "modenhedsanalyse.yaml:6:12",
            "`titel` skal være en tekst, men er en samling af nøgler.",
        ),
        (
            "tilbudsvifte.yaml:5:12",
            "`alder` skal være en samling af nøgler (nøgle: værdi), men er `5`.",
        ),
        (
            "tilbudsvifte.yaml:8:16",
            "`kapacitet` skal være et helt tal, men er `2.5`.",
        ),
        (
            "noegletal.yaml:10:19",
            "`vaerdier` skal være en samling af nøgler",
        ),
        (
            "noegletal.yaml:12:27",
            "`2022` skal være et tal, men er teksten \"mange\".",
        ),
    ] {
        assert!(
            all.contains(&format!("{line}: {wanted}")),
            "{line}: {wanted}\n{all}"
        );
    }
    // The key figure with bad values is left out whole: no second message
    // about what the pruned values would have given.
    assert!(!all.contains("skal have `vaerdier`"), "{all}");
    assert!(!all.contains("ingen serie for kommunen"), "{all}");
}

const FIGURE: &str = "noegletal:\n  - id: a\n    titel: A\n    enhed: antal\n    definition: D\n    kilde: K\n    opgoerelse: status\n";

fn warnings(d: &[Diagnostic]) -> Vec<&Diagnostic> {
    d.iter()
        .filter(|d| d.severity == Severity::Warning)
        .collect()
}

#[test]
fn a_key_figure_without_numbers_is_a_warning() {
    let r = TestReport::fixture("minimal");
    r.write(
        "noegletal.yaml",
        &format!("{FIGURE}    serier:\n      - rolle: kommune\n        vaerdier: {{}}\n"),
    );
    let d = diags(&r);
    assert!(errors(&d).is_empty(), "{}", show(&d));
    let w = warnings(&d);
    assert_eq!(w.len(), 1, "{}", show(&d));
    assert_eq!((w[0].file.as_str(), w[0].line), ("noegletal.yaml", 2));
    assert!(w[0].message.contains("`a` har ingen tal"), "{}", show(&d));
    // The same from a CSV file with only its heading.
    r.write(
        "noegletal.yaml",
        &format!("{FIGURE}    csv: noegletal/a.csv\n"),
    );
    r.write("noegletal/a.csv", "aar;Kommunen\n");
    let d = diags(&r);
    assert!(errors(&d).is_empty(), "{}", show(&d));
    assert!(
        show(&d).contains("Warning noegletal.yaml:2:9: Nøgletallet `a` har ingen tal"),
        "{}",
        show(&d)
    );
}

#[test]
fn a_trailing_semicolon_in_a_csv_file_is_one_warning_and_no_column() {
    let r = TestReport::fixture("minimal");
    r.write(
        "noegletal.yaml",
        &format!("{FIGURE}    csv: noegletal/a.csv\n"),
    );
    r.write(
        "noegletal/a.csv",
        "aar;Kommunen;Landet;\n2022;5;6;\n2023;7;8;\n",
    );
    let d = diags(&r);
    assert!(errors(&d).is_empty(), "{}", show(&d));
    let w = warnings(&d);
    assert_eq!(w.len(), 1, "{}", show(&d));
    assert_eq!(
        (w[0].file.as_str(), w[0].line, w[0].col),
        ("noegletal/a.csv", 1, 21)
    );
    assert!(w[0].message.contains("`;` for meget"), "{}", show(&d));
    let o = r.build();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page = r.read_out("noegletal/a.html");
    assert!(page.contains("Landet"));
    // No third, nameless series: the table has two value columns.
    assert!(
        !page.contains("<th scope=\"col\" class=\"num\"></th>"),
        "{page}"
    );
    // Only the heading has the extra `;`: the same warning, no row errors.
    r.write(
        "noegletal/a.csv",
        "aar;Kommunen;Landet;\n2022;5;6\n2023;7;8\n",
    );
    let d = diags(&r);
    assert!(errors(&d).is_empty(), "{}", show(&d));
    assert_eq!(warnings(&d).len(), 1, "{}", show(&d));
}

#[test]
fn a_broken_settings_file_keeps_link_errors_of_pages() {
    let r = TestReport::example();
    r.write("omstil.yaml", "kommune: [x\n");
    r.write("sider/brudt.md", BROKEN_PAGE);
    let d = diags(&r);
    let e = errors(&d);
    assert_eq!(e.len(), 2, "{}", show(&d));
    assert_eq!(e[0].file, "omstil.yaml");
    assert_eq!(e[1].file, "sider/brudt.md");
    // The example's own three loose ends, and nothing more.
    assert_eq!(warnings(&d).len(), 3, "{}", show(&d));
}

/// A page whose title key is misspelt is one mistake: the page's own error,
/// not also "findes ikke" at every link to it.
#[test]
fn a_page_without_a_title_is_one_error_not_one_per_link_to_it() {
    let r = TestReport::fixture("minimal");
    r.write("sider/baggrund.md", "---\ntitle: Baggrund\n---\nTekst.\n");
    r.write(
        "sider/henviser.md",
        "---\ntitel: Henviser\n---\nSe [baggrunden](@side/baggrund) og [igen](@side/baggrund).\n",
    );
    let d = diags(&r);
    let e = errors(&d);
    assert_eq!(e.len(), 1, "one error: {}", show(&d));
    assert!(
        e[0].file.ends_with("baggrund.md") && e[0].message.contains("`title`"),
        "the page's own error: {}",
        show(&d)
    );
    assert!(
        !e.iter().any(|d| d.file.ends_with("henviser.md")),
        "no error at the links to it: {}",
        show(&d)
    );
}

/// Without the key at all, the page's error says what is missing.
#[test]
fn a_page_without_a_title_key_says_so() {
    let r = TestReport::fixture("minimal");
    r.write(
        "sider/baggrund.md",
        "---\nbeskrivelse: Kort.\n---\nTekst.\n",
    );
    let d = diags(&r);
    let e = errors(&d);
    assert_eq!(e.len(), 1, "{}", show(&d));
    assert_eq!(e[0].message, "Siden mangler en titel.");
}
