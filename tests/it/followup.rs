//! Follow-up rounds (issue 16): the example's three rounds and their pages,
//! the located diagnostics for rounds out of order, unknown actions, a
//! status that goes back, a round before the period and two rounds on one
//! date; `omstil opfoelgning ny`; the schemas; determinism.

use crate::common::*;

fn built_example() -> (TestReport, std::collections::BTreeMap<String, String>) {
    let r = TestReport::example();
    let o = r.build();
    assert!(o.status.success(), "{}", stderr(&o));
    let files = site(&r.out());
    (r, files)
}

/// The example with one more round file written over it.
fn example_with(files: &[(&str, &str)]) -> TestReport {
    let r = TestReport::example();
    for (rel, text) in files {
        r.write(rel, text);
    }
    r
}

#[test]
fn the_example_has_an_overview_and_a_page_per_round() {
    let (_r, files) = built_example();
    let over = main_of(&files["opfoelgning.html"]);
    // The progress chart names every status in words, with a table beside it.
    for w in ["Gennemført", "I gang", "Planlagt", "Udskudt"] {
        assert!(over.contains(&format!(">{w}<")), "{w} missing in the chart");
    }
    assert!(
        over.contains("id=\"fremdrift-tabel\""),
        "no text equivalent"
    );
    assert!(
        over.contains("id=\"proces-tekst\""),
        "no process text equivalent"
    );
    assert!(over.contains("Temamøde i Børne- og Ungeudvalget"));
    for id in ["2023-10", "2024-04", "2025-04"] {
        assert!(
            files.contains_key(&format!("opfoelgning/{id}.html")),
            "{id}"
        );
    }
    // The newest round: what changed since April 2024, with comments.
    let last = main_of(&files["opfoelgning/2025-04.html"]);
    assert!(last.contains("Status april 2025"));
    assert!(last.contains("Siden opfølgningen 23. april 2024."));
    assert!(last.contains("Sat i gang"));
    assert!(last.contains("Fem af seks distrikter har fået deres socialrådgiver."));
    // Unchanged actions are not listed as changed.
    assert!(!last.contains("Uddannelsespulje til kompetenceudvikling"));
    // Key figures: values added since the round before, and the course in words and symbol.
    assert!(last.contains("2024: 14,3 %"), "new value missing");
    assert!(
        !last.contains("2023: 22,7 %"),
        "an older value shown as new"
    );
    assert!(last.contains("✓ Nået"));
    assert!(last.contains("Søskende, 4 og 7 år"));
    assert!(last.contains("Forrige opfølgning"));
    // The first round lists every action's status, not "changed since".
    let first = main_of(&files["opfoelgning/2023-10.html"]);
    assert!(first.contains("Handlingernes status ved første opfølgning"));
    assert!(!first.contains("Siden opfølgningen"));
    // The overview lists the rounds, newest first.
    let a = over.find("Status april 2025").unwrap();
    let b = over.rfind("Status oktober 2023").unwrap();
    assert!(a < b);
}

#[test]
fn an_action_page_shows_its_status_history() {
    let (_r, files) = built_example();
    let page = main_of(&files["handlinger/boernesamtaler-metode.html"]);
    assert!(page.contains("Statushistorik"), "no history");
    let h = &page[page.find("Statushistorik").unwrap()..];
    // I gang in October 2023 and April 2024, completed in April 2025.
    let (o, a, c) = (
        h.find("Status oktober 2023").unwrap(),
        h.find("Status april 2024").unwrap(),
        h.find("Status april 2025").unwrap(),
    );
    assert!(o < a && a < c);
    assert!(h.contains("Metoden afprøves; den ventes færdig i maj."));
    assert!(h.contains("I gang (uændret)"));
}

#[test]
fn the_front_page_leads_with_the_newest_round() {
    let (_r, files) = built_example();
    let front = main_of(&files["index.html"]);
    let block = front.find("Seneste opfølgning").expect("no newest round");
    assert!(front[block..].contains("Status april 2025"));
    assert!(
        front.contains("Gennemført: 3") && front.contains("Udskudt: 1"),
        "changes in words"
    );
    // Before the parts.
    if let Some(cards) = front.find("class=\"cards\"") {
        assert!(block < cards);
    }
    assert!(
        files["index.html"].contains("href=\"opfoelgning.html\""),
        "no menu item"
    );
}

#[test]
fn an_unknown_action_is_located_with_a_suggestion() {
    let r = example_with(&[(
        "opfoelgning/2025-10.yaml",
        "dato: 2025-10-21\nhandlinger:\n  - handling: uddannelsespulj\n    status: i-gang\n",
    )]);
    let o = r.check();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("opfoelgning/2025-10.yaml:3:15"), "{err}");
    assert!(
        err.contains("Handlingen `uddannelsespulj` findes ikke."),
        "{err}"
    );
    assert!(err.contains("Mente du `uddannelsespulje`?"), "{err}");
}

#[test]
fn two_rounds_on_one_date_is_an_error_naming_both() {
    let r = example_with(&[
        ("opfoelgning/2025-10.yaml", "dato: 2025-10-21\n"),
        ("opfoelgning/2025-11.yaml", "dato: 2025-10-21\n"),
    ]);
    let o = r.check();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "To opfølgninger har samme dato, 21. oktober 2025: `opfoelgning/2025-10.yaml` og denne."
        ),
        "{err}"
    );
    assert!(err.contains("opfoelgning/2025-11.yaml:1:7"), "{err}");
    // The file named after another month is also pointed out.
    assert!(
        err.contains("Filen hedder `2025-11.yaml`, men opfølgningens dato er 21. oktober 2025."),
        "{err}"
    );
}

#[test]
fn rounds_are_ordered_by_date_not_by_file_name() {
    // 2025-10.yaml is dated February 2026, 2026-01.yaml December 2025.
    let r = example_with(&[
        (
            "opfoelgning/2025-10.yaml",
            "dato: 2026-02-03\nhandlinger:\n  - handling: foraeldrepanel\n    status: gennemfoert\n",
        ),
        (
            "opfoelgning/2026-01.yaml",
            "dato: 2025-12-01\nhandlinger:\n  - handling: foraeldrepanel\n    status: i-gang\n",
        ),
    ]);
    let o = r.build();
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("Filen hedder `2025-10.yaml`, men opfølgningens dato er 3. februar 2026."),
        "{err}"
    );
    assert!(err.contains("Omdøb filen til `2026-02.yaml`"), "{err}");
    // By date: i-gang (December) before gennemført (February): no "goes back".
    assert!(!err.contains("går tilbage"), "{err}");
    let dec = main_of(&std::fs::read_to_string(r.out().join("opfoelgning/2026-01.html")).unwrap())
        .to_string();
    assert!(dec.contains("Siden opfølgningen 8. april 2025."), "{dec}");
    let feb = main_of(&std::fs::read_to_string(r.out().join("opfoelgning/2025-10.html")).unwrap())
        .to_string();
    assert!(
        feb.contains("Siden opfølgningen 1. december 2025."),
        "{feb}"
    );
}

#[test]
fn a_status_that_goes_back_is_a_warning_naming_both_rounds() {
    let r = example_with(&[(
        "opfoelgning/2025-10.yaml",
        "dato: 2025-10-21\nhandlinger:\n  - handling: socialraadgiver-pilot\n    status: i-gang\n",
    )]);
    let o = r.check();
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("opfoelgning/2025-10.yaml:4:13: Handlingen `socialraadgiver-pilot` går tilbage fra `gennemfoert` (opfoelgning/2025-04.yaml) til `i-gang` (her)."),
        "{err}"
    );
}

#[test]
fn a_round_before_the_period_bad_dates_and_stray_files() {
    let r = example_with(&[
        ("opfoelgning/2022-11.yaml", "dato: 2022-11-01\n"),
        ("opfoelgning/2025-10.yaml", "dato: 2025-10-32\n"),
        ("opfoelgning/maj.yaml", "dato: 2025-05-01\n"),
    ]);
    let o = r.check();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("Opfølgningen 1. november 2022 ligger før rapportens periode (2023–2025)."),
        "{err}"
    );
    assert!(
        err.contains("opfoelgning/2025-10.yaml:1:7: `2025-10-32` er ikke en gyldig dato."),
        "{err}"
    );
    assert!(
        err.contains("Filen `opfoelgning/maj.yaml` bliver ikke læst"),
        "{err}"
    );
    // A round without a date cannot be read at all.
    let r = example_with(&[("opfoelgning/2025-10.yaml", "forum: Udvalget\n")]);
    let err = stderr(&r.check());
    assert!(err.contains("opfoelgning/2025-10.yaml"), "{err}");
    assert!(err.contains("dato"), "{err}");
}

#[test]
fn new_round_fills_in_every_action_and_never_overwrites() {
    // The latest round sets the parents' panel going; the plan still says planned.
    let r = example_with(&[(
        "opfoelgning/2025-06.yaml",
        "dato: 2025-06-10\nhandlinger:\n  - handling: foraeldrepanel\n    status: i-gang\n",
    )]);
    let o = bin()
        .args(["opfoelgning", "ny", "2025-10-21"])
        .arg(r.root())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let path = r.root().join("opfoelgning/2025-10.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("dato: 2025-10-21\n"));
    assert!(text.contains("forum: \"Temamøde i Børne- og Ungeudvalget\"\n"));
    assert!(
        text.contains("  - handling: foraeldrepanel  # Forældrepanel med erfaring fra egne sager\n    status: i-gang\n    kommentar: \"\"\n"),
        "{text}"
    );
    assert!(text.contains("  - handling: progressionsmaaling-vaerktoej"));
    assert_eq!(text.matches("  - handling: ").count(), 20, "every action");
    // The report still builds, and nothing changed since the round before.
    let b = r.build();
    assert!(b.status.success(), "{}", stderr(&b));
    let page = r.read_out("opfoelgning/2025-10.html");
    assert!(page.contains("Ingen handling har skiftet status siden sidst."));
    // Again: refused, file untouched.
    std::fs::write(&path, "dato: 2025-10-21\n# mine noter\n").unwrap();
    let o = bin()
        .args(["opfoelgning", "ny", "2025-10-30"])
        .arg(r.root())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("opfoelgning/2025-10.yaml findes allerede og bliver ikke overskrevet."),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "dato: 2025-10-21\n# mine noter\n"
    );
    // A bad date is refused in words.
    let o = bin()
        .args(["opfoelgning", "ny", "2025-02-30"])
        .arg(r.root())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("`2025-02-30` er ikke en gyldig dato."));
}

#[test]
fn new_round_without_rounds_takes_the_plans_status() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ny");
    assert!(bin().arg("init").arg(&dir).status().unwrap().success());
    std::fs::remove_dir_all(dir.join("opfoelgning")).unwrap();
    let o = bin()
        .args(["opfoelgning", "ny", "2026-04-21"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(dir.join("opfoelgning/2026-04.yaml")).unwrap();
    assert!(text.contains("  - handling: uddannelsespulje  # Uddannelsespulje til kompetenceudvikling\n    status: i-gang\n"), "{text}");
    assert!(text.contains("  - handling: opsporingsmodel-implementering"));
    // No forum known: left as a comment to fill.
    assert!(text.contains("# forum: "), "{text}");
    assert!(bin().arg("check").arg(&dir).status().unwrap().success());
}

#[test]
fn round_files_validate_against_their_schemas() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ny");
    assert!(bin().arg("init").arg(&dir).status().unwrap().success());
    let mut files = vec![dir.join("opfoelgning/2025-10.yaml")];
    for id in ["2023-10", "2024-04", "2025-04"] {
        files.push(repo().join(format!("content/opfoelgning/{id}.yaml")));
    }
    for f in &files {
        let errs = super::schema::errors_for("opfoelgning.schema.json", f);
        assert!(errs.is_empty(), "{}: {errs:#?}", f.display());
    }
    let p = repo().join("content/opfoelgning/proces.yaml");
    let errs = super::schema::errors_for("opfoelgningsproces.schema.json", &p);
    assert!(errs.is_empty(), "{errs:#?}");
    // A typo is caught by the schema too.
    let bad = tmp.path().join("2025-10.yaml");
    std::fs::write(
        &bad,
        "dato: 2025-10-21\nhandlinger:\n  - { handling: a, stauts: i-gang }\n",
    )
    .unwrap();
    assert!(!super::schema::errors_for("opfoelgning.schema.json", &bad).is_empty());
}

#[test]
fn round_pages_are_byte_identical_across_builds() {
    let r = TestReport::example();
    assert!(r.build().status.success());
    let a = site(&r.out());
    assert!(r.build().status.success());
    let b = site(&r.out());
    let rounds: Vec<&String> = a.keys().filter(|k| k.starts_with("opfoelgning")).collect();
    assert_eq!(rounds.len(), 4);
    for k in rounds {
        assert!(a[k] == b[k], "{k} differs");
    }
}

/// One round as a status report: `omstil pdf --runde 2025-04` prints the
/// round's page as an A4 PDF titled like the page; an unknown round names
/// the rounds there are and writes nothing.
#[test]
fn one_round_prints_as_a_status_report() {
    if crate::pdf::unavailable().is_some() {
        return;
    }
    let r = TestReport::example();
    let out = r.root().join("status.pdf");
    let o = bin()
        .args(["pdf", "--runde", "2025-04", "--output"])
        .arg(&out)
        .arg(r.root())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let info = crate::pdf::pdfinfo(&out);
    assert!(info["Title"].starts_with("Status april 2025"), "{info:?}");
    assert_eq!(info["Tagged"], "yes");
    assert!(info["Page size"].contains("(A4)"), "{info:?}");
    let texts = crate::pdf::page_texts(&out);
    assert!(texts.len() <= 6, "{} pages", texts.len());
    let all = texts.concat();
    assert!(all.contains("Ændret siden sidst"), "{all}");
    assert!(!all.contains("Status oktober 2023\nDato"), "{all}");

    let missing = r.root().join("ingen.pdf");
    let o = bin()
        .args(["pdf", "--runde", "2031-01", "--output"])
        .arg(&missing)
        .arg(r.root())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(
            "Rapporten har ingen opfølgning `2031-01`. Vælg en af: 2023-10, 2024-04, 2025-04."
        ),
        "{}",
        stderr(&o)
    );
    assert!(!missing.exists());
}
