//! Key figures and case reviews as real sources give them (issue 13): a
//! year without a value is kept and shown as "Ikke oplyst" with a gap in
//! the line, a figure's definition and counting rule may be missing, the
//! CSV file is published, and a case review can be reported in words.

use super::common::*;

/// The municipality's line in a key-figure chart: plotters writes each
/// stretch of a solid series as one `<polyline>` of width 3.
fn own_line_segments(html: &str) -> Vec<&str> {
    html.match_indices("<polyline")
        .map(|(i, _)| &html[i..i + html[i..].find("/>").unwrap()])
        .filter(|p| p.contains("stroke-width=\"3\""))
        .collect()
}

fn points(polyline: &str) -> usize {
    attrs(polyline, "points")[0].split_whitespace().count()
}

fn built(r: &TestReport) -> String {
    let o = r.build();
    assert!(o.status.success(), "{}", stderr(&o));
    stderr(&o)
}

const FIGURE: &str = "noegletal:
  - id: tal
    titel: Anbringelser uden samtykke
    enhed: antal
    kilde: Egen opgørelse
    csv: noegletal/tal.csv
";

/// The minimal report with the key figure `tal` read from `csv`.
fn figure_from_csv(csv: &str) -> TestReport {
    let r = TestReport::fixture("minimal");
    r.write("noegletal.yaml", FIGURE);
    r.write("noegletal/tal.csv", csv);
    r
}

/// `noegletal.yaml` with the figure `tal` and its values written inline.
fn inline_figure(values: &str) -> String {
    format!(
        "noegletal:
  - id: tal
    titel: T
    enhed: antal
    kilde: K
    serier:
      - rolle: kommune
        vaerdier: {values}
"
    )
}

/// The data table row of `year` on a figure page.
fn row<'a>(html: &'a str, year: &str) -> &'a str {
    let start = html
        .find(&format!("<th scope=\"row\">{year}</th>"))
        .unwrap_or_else(|| panic!("no row for {year}"));
    &html[start..start + html[start..].find("</tr>").unwrap()]
}

#[test]
fn a_missing_year_is_ikke_oplyst_in_the_table_and_a_gap_in_the_line() {
    // The same series in the long layout, the wide (Statistikbanken)
    // layout with an empty cell, and in YAML with `..`, empty and `null`.
    let csvs = [
        "aar;Kommunen\n2018;4\n2019;5\n2020;..\n2021;7\n2022;6\n",
        "Tabel\n;2018;2019;2020;2021;2022\nKommunen;4;5;;7;6\n",
    ];
    let yamls = ["..", "", "null", "\"..\""];
    let mut reports = Vec::new();
    for csv in csvs {
        reports.push(figure_from_csv(csv));
    }
    for v in yamls {
        let r = TestReport::fixture("minimal");
        r.write(
            "noegletal.yaml",
            &format!(
                "noegletal:
  - id: tal
    titel: Anbringelser uden samtykke
    enhed: antal
    kilde: Egen opgørelse
    serier:
      - rolle: kommune
        vaerdier:
          2018: 4
          2019: 5
          2020: {v}
          2021: 7
          2022: 6
"
            ),
        );
        reports.push(r);
    }
    for r in &reports {
        let err = built(r);
        assert!(!err.contains("advarsel"), "{err}");
        let page = r.read_out("noegletal/tal.html");
        let main = main_of(&page);
        assert!(
            row(main, "2020").contains("Ikke oplyst"),
            "{}",
            row(main, "2020")
        );
        assert!(row(main, "2021").contains(">7<"));
        let segs = own_line_segments(main);
        assert_eq!(segs.len(), 2, "two stretches around 2020: {segs:?}");
        assert_eq!((points(segs[0]), points(segs[1])), (2, 2), "{segs:?}");
        // The description names the latest stated value.
        assert!(main.contains("2022: 6"), "latest value in the description");
    }
}

#[test]
fn a_lone_value_between_gaps_is_a_marker_and_the_latest_stated_value_is_shown() {
    let r = figure_from_csv(
        "aar;Kommunen\n2018;4\n2019;5\n2020;..\n2021;7\n2022;..\n2023;8\n2024;9\n2025;..\n",
    );
    built(&r);
    let page = r.read_out("noegletal/tal.html");
    let main = main_of(&page);
    let segs = own_line_segments(main);
    // 2018–2019 and 2023–2024; 2021 stands alone and gets only its marker.
    assert_eq!(segs.len(), 2, "{segs:?}");
    // One marker per value (2021's included) and one in the legend.
    assert_eq!(main.matches("<circle").count(), 5 + 1);
    assert!(row(main, "2025").contains("Ikke oplyst"));
    // The overview's latest value skips the unstated 2025.
    let overview = r.read_out("noegletal.html");
    let tr = &overview[overview.find("noegletal/tal.html").unwrap()..];
    let tr = &tr[..tr.find("</tr>").unwrap()];
    assert!(tr.contains(">9<") && tr.contains(">2024<"), "{tr}");
}

#[test]
fn a_figure_with_only_unstated_years_has_no_chart() {
    let r = figure_from_csv("aar;Kommunen\n2018;..\n2019;\n");
    let err = built(&r);
    assert!(err.contains("har ingen tal endnu"), "{err}");
    let page = r.read_out("noegletal/tal.html");
    assert!(!main_of(&page).contains("<svg"));
    assert!(row(main_of(&page), "2019").contains("Ikke oplyst"));
}

#[test]
fn a_year_value_that_is_not_a_number_is_an_error_with_its_place() {
    let r = TestReport::fixture("minimal");
    r.write(
        "noegletal.yaml",
        &inline_figure("{ 2018: 4, 2019: \"fem\" }"),
    );
    let o = r.check();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("noegletal.yaml:8:"), "{err}");
    assert!(err.contains("teksten \"fem\""), "{err}");
}

#[test]
fn definition_and_counting_rule_may_be_missing_and_say_ikke_oplyst() {
    let r = figure_from_csv("aar;Kommunen\n2023;4\n2024;5\n");
    let err = built(&r);
    assert!(!err.contains("advarsel"), "{err}");
    let page = r.read_out("noegletal/tal.html");
    let main = main_of(&page);
    let def = &main[main.find("id=\"definition\"").unwrap()..];
    let def = &def[..def.find("</section>").unwrap()];
    assert!(def.contains("Ikke oplyst"), "{def}");
    let counting = &main[main.find("<dt>Opgørelse</dt>").expect("counting fact")..];
    assert!(
        counting[..counting.find("</div>").unwrap()].contains("Ikke oplyst"),
        "{counting}"
    );
}

#[test]
fn the_csv_file_is_published_and_linked_from_its_page() {
    let csv = "aar;Kommunen\n2023;4\n2024;5\n";
    let r = figure_from_csv(csv);
    built(&r);
    let page = r.read_out("noegletal/tal.html");
    let main = main_of(&page);
    assert!(
        main.contains("<a href=\"../noegletal/data/tal.csv\">Hent data (CSV)</a>"),
        "{main}"
    );
    assert!(!main.contains("noegletal/tal.csv"), "no bare file name");
    let published = std::fs::read(r.out().join("noegletal/data/tal.csv")).unwrap();
    assert_eq!(
        published,
        [b"\xEF\xBB\xBF".as_slice(), csv.as_bytes()].concat()
    );
    check_links(&site(&r.out()));
}

#[test]
fn the_front_card_says_compared_only_when_there_is_a_comparison() {
    let r = figure_from_csv("aar;Kommunen;Andre\n2023;4;..\n2024;5;\n");
    built(&r);
    let front = r.read_out("index.html");
    assert!(
        !front.contains("sammenlignet med andre kommuner"),
        "{front}"
    );
    assert!(front.contains("Udviklingen over tid."));
    r.write(
        "noegletal/tal.csv",
        "aar;Kommunen;Andre\n2023;4;3\n2024;5;\n",
    );
    built(&r);
    assert!(
        r.read_out("index.html")
            .contains("sammenlignet med andre kommuner")
    );
}

const REVIEW_IN_WORDS: &str = "titel: Midtvejsanalyse
metode: Sagerne er læst af to konsulenter.
kriterier:
  - id: inddragelse
    titel: Inddragelse af barnet
    fund: |
      Barnets egen stemme er **sjældent** skrevet ind i sagen.
    eksempler:
      - \"En pige på 12 blev ikke spurgt, før hun blev flyttet.\"
  - id: opfoelgning
    titel: Opfølgning på planen
    fund: Planerne blev fulgt op til tiden i de fleste sager.
";

#[test]
fn a_case_review_in_words_shows_findings_and_examples_and_no_chart() {
    let r = TestReport::fixture("minimal");
    r.write("sagsanalyse.yaml", REVIEW_IN_WORDS);
    let err = built(&r);
    assert!(!err.contains("advarsel"), "{err}");
    let page = r.read_out("sagsanalyse.html");
    let main = main_of(&page);
    assert!(!main.contains("<svg"), "no empty chart");
    assert!(!main.contains("<table"), "no table of counts");
    assert!(
        main.contains("<strong>sjældent</strong>"),
        "findings as Markdown"
    );
    assert!(main.contains("En pige på 12 blev ikke spurgt"), "examples");
    assert!(main.contains("Planerne blev fulgt op"));
    let count = &main[main.find("<dt>Antal sager</dt>").expect("count fact")..];
    assert!(count[..count.find("</div>").unwrap()].contains("Ikke oplyst"));
    let crit = r.read_out("kriterier/inddragelse.html");
    let crit = main_of(&crit);
    assert!(crit.contains("<strong>sjældent</strong>") && crit.contains("En pige på 12"));
    assert!(!crit.contains("class=\"bars\""), "no bars without counts");
    assert!(crit.contains("Kriterium") && !crit.contains("Kriterie<"));
    let front = r.read_out("index.html");
    assert!(
        !front.contains(" sager<"),
        "no invented case count on the card"
    );
    // A page may link to a criterion with the UI's word, `kriterium`.
    r.write(
        "sider/om.md",
        "---\ntitel: Om\n---\nSe [](@kriterium/inddragelse) og [](@kriterie/opfoelgning).\n",
    );
    built(&r);
    let about = r.read_out("sider/om.html");
    assert!(
        about.contains("href=\"../kriterier/inddragelse.html\">Inddragelse af barnet</a>"),
        "{about}"
    );
    assert!(about.contains("href=\"../kriterier/opfoelgning.html\""));
}

#[test]
fn counts_are_drawn_only_for_the_criteria_that_have_them_and_still_add_up() {
    let r = TestReport::fixture("minimal");
    r.write(
        "sagsanalyse.yaml",
        &format!("{REVIEW_IN_WORDS}    resultat: {{ hoej: 7, nogen: 3 }}\n"),
    );
    built(&r);
    let page = r.read_out("sagsanalyse.html");
    let main = main_of(&page);
    assert_eq!(main.matches("data-node=\"kriterier/").count(), 1, "one bar");
    assert!(main.contains("data-node=\"kriterier/opfoelgning.html\""));
    // Without `antal_sager` the shares are of the criterion's own cases.
    assert!(main.contains("7 (70\u{a0}%)"), "{main}");
    // With `antal_sager` the counts must add up to it, as before.
    r.write(
        "sagsanalyse.yaml",
        &format!("antal_sager: 12\n{REVIEW_IN_WORDS}    resultat: {{ hoej: 7, nogen: 3 }}\n"),
    );
    let o = r.check();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("tæller 10 sager, men analysen omfatter 12"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn ui_text_says_kriterium_never_kriterie() {
    let strings = std::fs::read_to_string(repo().join("themes/default/strings.yaml")).unwrap();
    for line in strings.lines() {
        let value = line.split_once(':').map_or("", |(_, v)| v);
        assert!(
            !value.to_lowercase().contains("kriterie\""),
            "\"kriterie\" in {line}"
        );
        assert!(!value.to_lowercase().contains("kriterie "), "{line}");
    }
}

#[test]
fn the_schemas_accept_unstated_years_and_a_review_in_words() {
    let tmp = tempfile::tempdir().unwrap();
    let figures = tmp.path().join("noegletal.yaml");
    std::fs::write(
        &figures,
        inline_figure("{ 2018: 4, 2019: .., 2020:, 2021: null, 2022: \"6,5\" }"),
    )
    .unwrap();
    let errs = super::schema::errors_for("noegletal.schema.json", &figures);
    assert!(errs.is_empty(), "{errs:#?}");
    let review = tmp.path().join("sagsanalyse.yaml");
    std::fs::write(&review, REVIEW_IN_WORDS).unwrap();
    let errs = super::schema::errors_for("sagsanalyse.schema.json", &review);
    assert!(errs.is_empty(), "{errs:#?}");
    // A word where a number belongs is still flagged.
    std::fs::write(&figures, inline_figure("{ 2019: fem }")).unwrap();
    assert!(!super::schema::errors_for("noegletal.schema.json", &figures).is_empty());
}
