//! The front page gives findings, not counts (issue 15): key figures with
//! value, unit, year, change and course; actions by status; gaps in the
//! range of services; featured pages as a prominent link. Partial reports
//! leave blocks out. Also: the key-figure overview's units and course, the
//! charts' direct labels and target, the case review's colours and
//! headings, and the self-assessment caption from the content.

use super::common::*;

fn built(r: &TestReport) {
    let o = r.build();
    assert!(o.status.success(), "{}", stderr(&o));
}

fn front_text(r: &TestReport) -> String {
    text_of(main_of(&r.read_out("index.html")))
}

/// A key figure with the municipality's values and maybe a target.
fn figure(id: &str, values: &str, target: &str) -> String {
    format!(
        "  - id: {id}
    titel: Tal {id}
    enhed: procent
    retning: lavere-er-bedre
{target}    serier:
      - rolle: kommune
        vaerdier: {values}
"
    )
}

#[test]
fn example_front_page_shows_findings_before_counts() {
    let r = TestReport::example();
    built(&r);
    let html = r.read_out("index.html");
    let main = main_of(&html);
    let text = text_of(main);
    // Findings come before the report's own text and the part cards.
    let findings = text.find("Status i korte træk").expect("findings heading");
    let intro = text.find("Egeskov Kommune er i gang").expect("intro");
    let cards = text.find("Rapportens dele").expect("cards heading");
    assert!(findings < intro && intro < cards, "{text}");
    // The featured status page is the first thing after the header.
    let featured = text
        .find("Læs først Status pr. marts 2025")
        .expect("featured");
    assert!(featured < findings);
    assert!(main.contains("class=\"featured__link\" href=\"sider/status-2025.html\""));
    // A key figure: value with unit and year, change in words, course.
    for part in [
        "Andel anbringelser uden samtykke 14,3 % i 2024",
        "Faldet fra 22,7 % i 2023 – en forbedring",
        "Mål: 15,0 % i 2025",
        "Nået",
        "96 dage i 2024",
        "Mål: ikke oplyst",
        "På vej mod målet",
        "Ikke på vej mod målet",
    ] {
        assert!(text.contains(part), "{part} in {text}");
    }
    // Course never by colour alone: a symbol beside the words.
    assert!(main.contains("aria-hidden=\"true\">✓</span> Nået"));
    // Actions by status with the status words, linked to the plan.
    assert!(text.contains("Handlinger efter status 3 Planlagt 8 I gang 8 Gennemført 1 Udskudt"));
    assert!(main.contains("href=\"udviklingsplan.html#status\""));
    // Gaps listed and linked to their step.
    assert!(
        text.contains("Hjemmebaserede indsatser – 18–22 år"),
        "{text}"
    );
    assert!(main.contains("href=\"trin/"));
}

#[test]
fn partial_report_leaves_missing_blocks_out() {
    // The minimal report: no parts at all, no findings section.
    let r = TestReport::fixture("minimal");
    built(&r);
    let text = front_text(&r);
    assert!(!text.contains("Status i korte træk"), "{text}");
    // Only key figures, one without any value and one without a target.
    r.write(
        "noegletal.yaml",
        &format!(
            "noegletal:\n{}{}",
            figure("a", "{ 2023: .., 2024: .. }", ""),
            figure("b", "{ 2024: 12 }", "    maal: { vaerdi: 10, aar: 2026 }\n"),
        ),
    );
    built(&r);
    let text = front_text(&r);
    assert!(text.contains("Status i korte træk"));
    assert!(!text.contains("Handlinger efter status"), "{text}");
    assert!(!text.contains("Huller"), "{text}");
    assert!(!text.contains("Læs først"), "{text}");
    assert!(
        text.contains("Tal a Ikke oplyst Mål: ikke oplyst Udvikling: ikke oplyst"),
        "{text}"
    );
    assert!(
        text.contains(
            "Tal b 12,0 % i 2024 – Kan ikke vurderes Mål: 10,0 % i 2026 Udvikling: ikke oplyst"
        ),
        "{text}"
    );
}

#[test]
fn course_follows_the_trend_of_the_last_values() {
    let r = TestReport::fixture("minimal");
    let target = "    maal: { vaerdi: 10, aar: 2026 }\n";
    r.write(
        "noegletal.yaml",
        &format!(
            "noegletal:\n{}{}",
            figure("ned", "{ 2022: 20, 2023: 17, 2024: 14 }", target),
            figure("flad", "{ 2022: 20, 2023: 20, 2024: 19 }", target),
        ),
    );
    built(&r);
    let text = front_text(&r);
    assert!(text.contains("Tal ned 14,0 % i 2024 ↘ På vej mod målet Mål: 10,0 % i 2026 ↓ Faldet fra 17,0 % i 2023 – en forbedring"), "{text}");
    assert!(
        text.contains("Tal flad 19,0 % i 2024 ✗ Ikke på vej mod målet Mål: 10,0 % i 2026"),
        "{text}"
    );
    // The overview and the figure's page say the same.
    let overview = text_of(main_of(&r.read_out("noegletal.html")));
    assert!(overview.contains("Kurs mod målet"), "{overview}");
    assert!(overview.contains("↘ På vej mod målet"), "{overview}");
    let page = text_of(main_of(&r.read_out("noegletal/flad.html")));
    assert!(
        page.contains("Kurs mod målet ✗ Ikke på vej mod målet"),
        "{page}"
    );
}

#[test]
fn real_reports_front_pages() {
    // Key figures and a case review, no plan and no services.
    let r = TestReport::fixture("real/sagsgennemgang");
    built(&r);
    let text = front_text(&r);
    assert!(
        text.contains("Anbringelser uden samtykke 14 % i 2016"),
        "{text}"
    );
    assert!(!text.contains("Handlinger efter status"));
    // A strategy with actions whose status the source does not give.
    let r = TestReport::fixture("real/strategi");
    built(&r);
    let text = front_text(&r);
    assert!(
        text.contains("Handlinger efter status 17 Ikke oplyst"),
        "{text}"
    );
    assert!(!text.contains("Alle nøgletal"));
    // An analysis and theory of change only: the part cards, no findings.
    let r = TestReport::fixture("real/analyse");
    built(&r);
    let text = front_text(&r);
    assert!(!text.contains("Status i korte træk"));
    assert!(text.contains("Rapportens dele"));
}

#[test]
fn key_figure_overview_has_units() {
    let r = TestReport::example();
    built(&r);
    let html = r.read_out("noegletal.html");
    let text = text_of(main_of(&html));
    assert!(
        text.contains("Nøgletal Enhed Seneste værdi År Mål Kurs mod målet Kilde"),
        "{text}"
    );
    assert!(
        text.contains("Procent 14,3 % 2024 15,0 % i 2025 ✓ Nået"),
        "{text}"
    );
    assert!(text.contains("Dage 96 dage 2024 90 dage i 2025"), "{text}");
    // "Opgjort", not "optalt".
    let page = r.read_out("noegletal/anbringelser-uden-samtykke.html");
    assert!(page.contains("Opgjort over året"));
    assert!(!page.to_lowercase().contains("optalt"));
}

#[test]
fn key_figure_chart_labels_lines_at_their_end_and_target_on_top() {
    let r = TestReport::example();
    built(&r);
    let html = r.read_out("noegletal/anbringelser-uden-samtykke.html");
    let labels = &html[html.find("class=\"end-labels\"").expect("direct labels")..];
    let labels = &labels[..labels.find("</g>").unwrap()];
    let label_text = text_of(labels);
    for part in [
        "Egeskov Kommune 14,3 %",
        "Hele landet 18,8 %",
        "Mål 2025: 15,0 %",
    ] {
        assert!(label_text.contains(part), "{part} in {label_text}");
    }
    // The municipality's line (width 3) is drawn after the other series,
    // so its latest point lies on top of theirs.
    let svg = &html[html.find("<svg").unwrap()..];
    let own = svg.find("stroke-width=\"3\"").expect("own line");
    let other = svg.find("#A8441F").expect("comparison");
    assert!(other < own, "comparison drawn before the municipality");
}

#[test]
fn case_review_worst_rating_is_strongest_and_headings_promise_what_is_there() {
    let r = TestReport::example();
    built(&r);
    let html = r.read_out("sagsanalyse.html");
    // Default scale of four: best strong blue, worst strong red; the palest
    // fills sit in the middle.
    let svg = &html[html.find("id=\"sagsanalyse").expect("chart")..];
    assert!(svg.contains("I ringe grad"));
    let slet = svg.find(">Slet ikke<").expect("legend");
    let swatch = &svg[svg[..slet].rfind("<rect").unwrap()..slet];
    assert!(
        swatch.contains("fill=\"#7a1a10\""),
        "worst level's swatch: {swatch}"
    );
    let best = svg.find(">I høj grad<").unwrap();
    let swatch = &svg[svg[..best].rfind("<rect").unwrap()..best];
    assert!(
        swatch.contains("fill=\"#1d4f73\""),
        "best level's swatch: {swatch}"
    );
    let text = text_of(main_of(&html));
    assert!(
        text.contains("Fund og eksempler pr. kriterium")
            || text.contains("Eksempler pr. kriterium")
    );
    assert!(text.contains("En 14-årig pige var selv med til at formulere målet"));
    // Only findings in words, no examples: the heading does not promise any.
    let r = TestReport::fixture("minimal");
    r.write(
        "sagsanalyse.yaml",
        "kriterier:\n  - id: a\n    titel: A\n    fund: Fundet.\n",
    );
    built(&r);
    let text = text_of(main_of(&r.read_out("sagsanalyse.html")));
    assert!(text.contains("Fund pr. kriterium"), "{text}");
    assert!(!text.contains("eksempler"), "{text}");
}

#[test]
fn self_assessment_caption_comes_from_the_content() {
    // Without `skala_forklaring`: only the scale, nobody invented.
    let r = TestReport::fixture("minimal");
    let analysis = "temaer:
  - id: sagsbehandling
    selvevaluering:
      - { spoergsmaal: Udsagn, score: 3 }
";
    r.write("modenhedsanalyse.yaml", analysis);
    built(&r);
    for page in ["modenhedsanalyse.html", "temaer/sagsbehandling.html"] {
        let html = r.read_out(page);
        assert!(!html.contains("Sektorchef"), "no invented rater on {page}");
        assert!(html.contains("Score på en skala fra 1 til 5."), "{page}");
    }
    // With it: the content's own words.
    r.write(
        "modenhedsanalyse.yaml",
        &format!("skala_forklaring: Lederne scorede fra 1 til 5.\n{analysis}"),
    );
    built(&r);
    for page in ["modenhedsanalyse.html", "temaer/sagsbehandling.html"] {
        let html = r.read_out(page);
        assert!(html.contains("Lederne scorede fra 1 til 5."), "{page}");
        assert!(!html.contains("Score på en skala"), "{page}");
    }
}
