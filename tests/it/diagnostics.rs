//! One fixture per kind of mistake: the message a consultant sees (file,
//! line, column, Danish sentence, hint), exit code 1, nothing written.

use crate::common::*;

/// Runs `check` and `build` on a fixture; both must fail with exit code 1,
/// and build must leave the output folder untouched.
fn fails(name: &str) -> String {
    let r = TestReport::fixture(name);
    let check = r.check();
    assert_eq!(
        check.status.code(),
        Some(1),
        "check {name}: {}",
        stderr(&check)
    );
    std::fs::create_dir_all(r.out()).unwrap();
    std::fs::write(r.out().join("index.html"), "gammel").unwrap();
    std::fs::write(r.out().join(omstil::output::MARKER), "").unwrap();
    let build = r.build();
    assert_eq!(
        build.status.code(),
        Some(1),
        "build {name}: {}",
        stderr(&build)
    );
    assert_eq!(
        std::fs::read_to_string(r.out().join("index.html")).unwrap(),
        "gammel",
        "{name}: previous output changed"
    );
    let text = stderr(&check);
    assert!(!text.contains("panicked"), "{text}");
    text
}

#[test]
fn minimal_report_builds() {
    let r = TestReport::fixture("minimal");
    let o = r.build();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(r.read_out("index.html").contains("Prøverapport"));
}

#[test]
fn yaml_syntax_error() {
    let t = fails("yaml-syntax");
    assert!(t.contains("fejl 1: modenhedsanalyse.yaml:3:"), "{t}");
    assert!(t.contains("Et anførselstegn er ikke lukket."), "{t}");
}

#[test]
fn wrong_type() {
    let t = fails("wrong-type");
    assert!(
        t.contains(
            "sagsanalyse.yaml:1:14: `antal_sager` skal være et helt tal, men er teksten \"tyve\"."
        ),
        "{t}"
    );
}

#[test]
fn unknown_key_with_suggestion() {
    let t = fails("unknown-key");
    assert!(
        t.contains("forandringsteori.yaml:4:5: Ukendt nøgle `titl`."),
        "{t}"
    );
    assert!(t.contains("hjælp: Mente du `titel`?"), "{t}");
    assert!(t.contains("4 |     titl: Opsporing og forebyggelse"), "{t}");
}

#[test]
fn missing_required_field() {
    let t = fails("missing-field");
    assert!(
        t.contains("udviklingsplan.yaml:6:9: Nøglen `titel` mangler her."),
        "{t}"
    );
}

#[test]
fn dangling_reference_with_suggestion() {
    let t = fails("dangling-ref");
    assert!(
        t.contains("forandringsteori.yaml:10:12: Målet `tidligere-hjaelp` findes ikke."),
        "{t}"
    );
    assert!(t.contains("Mente du `tidligere-hjalp`?"), "{t}");
}

#[test]
fn duplicate_id() {
    let t = fails("duplicate-id");
    assert!(t.contains("tilbudsvifte.yaml:10:9: Id'et `familiebehandling` bruges allerede af tilbuddet i linje 4."), "{t}");
}

#[test]
fn csv_cell_and_column_count_errors() {
    let t = fails("csv-errors");
    assert!(
        t.contains("noegletal/anbragte.csv:3:6: Cellen `tolv` er ikke et tal."),
        "{t}"
    );
    assert!(
        t.contains("noegletal/anbragte.csv:4:1: Linjen har 2 kolonner, men overskriften har 3."),
        "{t}"
    );
}

#[test]
fn part_refers_to_missing_file() {
    let t = fails("missing-file");
    assert!(t.contains("noegletal.yaml:8:10: CSV-filen `noegletal/udgifter.csv` findes ikke i rapportens mappe."), "{t}");
}

#[test]
fn dangling_markdown_link() {
    let t = fails("markdown-link");
    assert!(
        t.contains("sider/baggrund.md:4:21: Linket peger på siden `metod`, som ikke findes."),
        "{t}"
    );
    assert!(t.contains("Mente du `@side/metode`?"), "{t}");
}

#[test]
fn all_problems_are_reported_at_once() {
    let r = TestReport::fixture("minimal");
    for f in ["unknown-key", "wrong-type", "dangling-ref"] {
        copy_dir(&repo().join("tests/fixtures").join(f), &r.root());
    }
    r.write(
        "forandringsteori.yaml",
        &std::fs::read_to_string(repo().join("tests/fixtures/dangling-ref/forandringsteori.yaml"))
            .unwrap()
            .replace(
                "    titel: Opsporing og forebyggelse\n",
                "    titl: Opsporing og forebyggelse\n    titel: Opsporing og forebyggelse\n",
            ),
    );
    let o = r.check();
    let t = stderr(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(t.contains("Ukendt nøgle `titl`"), "{t}");
    assert!(t.contains("`antal_sager` skal være et helt tal"), "{t}");
    assert!(t.contains("Målet `tidligere-hjaelp` findes ikke."), "{t}");
    // (No warning about the outcome without an indicator: the report has no
    // key figures to measure it by.)
    assert!(t.contains("omstil: 3 fejl, 0 advarsler."), "{t}");
}

#[test]
fn not_a_report_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let o = bin().arg("check").arg(tmp.path()).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("indeholder ikke filen omstil.yaml"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn english_ui_when_settings_say_en() {
    let r = TestReport::fixture("minimal");
    r.write("omstil.yaml", "kommune: Testby\ntitel: Rapport\nsprog: en\nperiode: { fra: 2023, til: 2025 }\nstatusdato: 2025-03-31\n");
    let o = r.build();
    assert!(o.status.success(), "{}", stderr(&o));
    let html = r.read_out("index.html");
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("Skip to content"), "{html}");
    assert!(html.contains("31 March 2025"));
}

#[test]
fn report_theme_overrides_a_template_and_reports_template_errors() {
    let r = TestReport::fixture("minimal");
    r.write(
        "omstil.yaml",
        "kommune: Testby\ntitel: Rapport\ntema: mit\nperiode: { fra: 2023, til: 2025 }\n",
    );
    r.write(
        "themes/mit/templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<p>Egen 404-side</p>{% endblock content %}",
    );
    let o = r.build();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(r.read_out("404.html").contains("Egen 404-side"));
    assert!(
        r.read_out("index.html").contains("Rapport"),
        "other templates still come from the default theme"
    );

    r.write(
        "themes/mit/templates/404.html",
        "{% extends \"base.html\" %}{% block content %}{% if %}{% endblock content %}",
    );
    let o = r.check();
    assert_eq!(o.status.code(), Some(1));
    let t = stderr(&o);
    assert!(t.contains("themes/mit/templates/404.html:1:"), "{t}");
    assert!(t.contains("Fejl i skabelonen"), "{t}");
}

#[test]
fn unknown_theme_is_an_error() {
    let r = TestReport::fixture("minimal");
    r.write(
        "omstil.yaml",
        "kommune: Testby\ntitel: Rapport\ntema: findes-ikke\nperiode: { fra: 2023, til: 2025 }\n",
    );
    let t = stderr(&r.check());
    assert!(
        t.contains("omstil.yaml:3:7: Temaet `findes-ikke` findes ikke i mappen `themes/`."),
        "{t}"
    );
}
