//! A development strategy as real documents write it (issue 13, part
//! "plan"): owner, period and status may be unknown ("Ikke oplyst"), a
//! year alone is a period, wanted effects have ids that actions point at,
//! budget pools are counted once, and a plan without a theory of change
//! builds with no warnings. Also the analysis's optional summary and
//! themes, and the small things found on the way.

use crate::common::*;

const PLAN: &str = r#"titel: "Udviklingsstrategi 2023–2025"
puljer:
  - id: uddannelse
    titel: "Uddannelsespulje"
    beloeb: "750.000"
    periode: { fra: 2023, til: 2025 }
    beskrivelse: "Kurser for rådgivere og ledere."
fokusomraader:
  - id: tidlig
    titel: "Tidlig indsats"
    indledning: "Indledningen til fokusområdet."
    beskrivelse: "Baggrunden for fokusområdet."
    oenskede_effekter:
      borgere:
        - { id: faerre-anbringelser, tekst: "Færre børn anbringes uden for hjemmet" }
        - "Familier får hjælp tidligere"
      organisation:
        - { id: faelles-sprog, tekst: "Et fælles fagligt sprog" }
    puljer:
      - id: netvaerk
        titel: "Netværkspulje"
        budget: { 2024: 100000, 2025: 100000 }
    handlinger:
      - id: kursus
        titel: "Kursus i netværksinddragelse"
        periode: 2023
        pulje: uddannelse
        budget: { 2023: 250000 }
        effekter: [faelles-sprog, faerre-anbringelser]
      - id: netvaerksmoeder
        titel: "Netværksmøder i alle sager"
        ansvarlig: "Afdelingsleder, Myndighed"
        periode: { fra: 2024-03, til: 2025-06 }
        status: i-gang
        pulje: netvaerk
        budget: { 2024: 80000 }
      - id: uden-alt
        titel: "Handling uden oplysninger"
        budget: { 2024: 40000 }
  - id: styring
    titel: "Styring"
    handlinger:
      - id: dashboard
        titel: "Dashboard"
        periode: { fra: 2024, til: 2025 }
        status: planlagt
"#;

fn strategy() -> TestReport {
    let r = TestReport::fixture("minimal");
    r.write("udviklingsplan.yaml", PLAN);
    r
}

fn built(r: &TestReport) -> String {
    let o = r.build();
    let err = format!("{}{}", stdout(&o), stderr(&o));
    assert!(o.status.success(), "{err}");
    err
}

#[test]
fn a_plan_only_strategy_builds_with_no_warnings() {
    let r = strategy();
    let err = built(&r);
    assert!(err.contains("0 fejl, 0 advarsler"), "{err}");
    assert!(!err.contains("advarsel"), "{err}");
    // Every link resolves, the pools' anchors too (also in SVG and print).
    assert!(check_links(&site(&r.out())) > 50);
}

#[test]
fn unknown_owner_period_and_status_say_ikke_oplyst() {
    let r = strategy();
    built(&r);
    let page = r.read_out("handlinger/uden-alt.html");
    let main = main_of(&page);
    for label in ["Ansvarlig", "Periode", "Status"] {
        let at = main
            .find(&format!(">{label}<"))
            .unwrap_or_else(|| panic!("{label}: {main}"));
        assert!(
            main[at..].find("Ikke oplyst").unwrap() < 80,
            "{label}: {main}"
        );
    }
    // No theory of change: no empty "Aktiviteter"/"Mål" and no author hint.
    assert!(
        !main.contains("Aktiviteter") && !main.contains("Knyt den"),
        "{main}"
    );
    let plan = r.read_out("udviklingsplan.html");
    let main = main_of(&plan);
    // Counted as "Ikke oplyst" in the status summary.
    let at = main.find("id=\"status\"").unwrap();
    let status = &main[at..at + main[at..].find("</section>").unwrap()];
    assert!(status.contains("Ikke oplyst"), "{status}");
    assert!(
        status.contains("I gang") && status.contains("Planlagt"),
        "{status}"
    );
    // Listed below the timeline, not drawn on it.
    let at = main.find("id=\"uden-periode\"").expect("uden periode");
    assert!(main[at..].contains("handlinger/uden-alt.html"));
    let svg = &main[main.find("<svg").unwrap()..main.find("</svg>").unwrap()];
    assert!(!svg.contains("handlinger/uden-alt.html"), "{svg}");
    assert!(svg.contains("handlinger/kursus.html"));
    // No statusdato: the caption does not promise a status line.
    assert!(
        main.contains("Handlingernes periode og status.</figcaption>")
            || main.contains("Handlingernes periode og status. <a"),
        "{main}"
    );
    assert!(!main.contains("lodrette streg"), "{main}");
}

#[test]
fn a_year_alone_is_a_period_and_precision_is_kept() {
    let r = strategy();
    built(&r);
    let kursus = r.read_out("handlinger/kursus.html");
    assert!(main_of(&kursus).contains(">2023<"), "{}", main_of(&kursus));
    assert!(!main_of(&kursus).contains("januar 2023"));
    let dash = r.read_out("handlinger/dashboard.html");
    assert!(main_of(&dash).contains("2024 – 2025"));
    let net = r.read_out("handlinger/netvaerksmoeder.html");
    assert!(main_of(&net).contains("marts 2024 – juni 2025"));
}

#[test]
fn wanted_effects_with_ids_link_actions_both_ways() {
    let r = strategy();
    built(&r);
    let action = r.read_out("handlinger/kursus.html");
    let main = main_of(&action);
    let at = main
        .find("Ønskede effekter")
        .expect("effects on the action page");
    assert!(main[at..].contains("Et fælles fagligt sprog"));
    assert!(main[at..].contains("Færre børn anbringes uden for hjemmet"));
    let area = r.read_out("fokusomraader/tidlig.html");
    let main = main_of(&area);
    let at = main.find("Færre børn anbringes").unwrap();
    let row = &main[at..at + main[at..].find("</tr>").unwrap()];
    assert!(row.contains("handlinger/kursus.html"), "{row}");
    let at = main.find("Familier får hjælp tidligere").unwrap();
    let row = &main[at..at + main[at..].find("</tr>").unwrap()];
    assert!(row.contains("Ingen"), "{row}");
    // Purpose not stated; intro and description shown.
    assert!(main.contains("Indledningen til fokusområdet."));
    assert!(main.contains("Baggrunden for fokusområdet."));
    let at = main.find(">Formål<").unwrap();
    assert!(main[at..].find("Ikke oplyst").unwrap() < 120, "{main}");
}

#[test]
fn pools_are_shown_and_counted_once() {
    let r = strategy();
    built(&r);
    let plan = r.read_out("udviklingsplan.html");
    let main = main_of(&plan);
    // Pools 750.000 + 200.000, actions not in a pool 40.000: the pooled
    // actions' 250.000 and 80.000 are not added again.
    let at = main.find("<tfoot>").unwrap();
    let foot = &main[at..at + main[at..].find("</tfoot>").unwrap()];
    assert!(foot.contains("990.000\u{a0}kr."), "{foot}");
    assert!(main.contains("id=\"pulje-uddannelse\""));
    assert!(main.contains(">Fokusområde eller pulje<"));
    // A focus area without any budget: a dash, not "0 kr.".
    let at = main
        .find("fokusomraader/styring.html\">Styring</a></th>")
        .unwrap();
    let row = &main[at..at + main[at..].find("</tr>").unwrap()];
    assert!(!row.contains("0\u{a0}kr."), "{row}");
    assert!(main.contains("Ikke fordelt på år"));
    let index = r.read_out("index.html");
    assert!(index.contains("990.000\u{a0}kr."), "{}", main_of(&index));
    let area = r.read_out("fokusomraader/tidlig.html");
    // The focus area: its pool 200.000 and the unpooled 40.000.
    assert!(
        main_of(&area).contains("240.000\u{a0}kr."),
        "{}",
        main_of(&area)
    );
    assert!(main_of(&area).contains("Netværkspulje"));
    let action = r.read_out("handlinger/kursus.html");
    assert!(main_of(&action).contains("udviklingsplan.html#pulje-uddannelse"));
}

#[test]
fn focus_area_headings_on_the_plan_page_are_links() {
    let r = TestReport::example();
    built(&r);
    let plan = r.read_out("udviklingsplan.html");
    assert!(
        main_of(&plan).contains("<h3><a href=\"fokusomraader/fagligt-loeft.html\">"),
        "{}",
        main_of(&plan)
    );
    // The budget description ends each amount with one full stop.
    assert!(!plan.contains("kr.."), "kr.. in the budget description");
    // statusdato 2025-03-31 draws the line, and the caption says so.
    assert!(main_of(&plan).contains("lodrette streg"));
    // A loose action tells the reader so, without instructions to the
    // author (those are `check`'s warnings).
    let loose = r.read_out("handlinger/foraeldrepanel.html");
    assert!(main_of(&loose).contains("endnu ikke knyttet til en aktivitet"));
    assert!(!main_of(&loose).contains("Knyt den"), "{}", main_of(&loose));
}

#[test]
fn a_status_date_outside_the_timeline_is_not_promised_in_the_caption() {
    let r = strategy();
    let settings = std::fs::read_to_string(r.root().join("omstil.yaml")).unwrap();
    r.write(
        "omstil.yaml",
        &format!("{settings}statusdato: 2030-01-15\n"),
    );
    built(&r);
    let plan = r.read_out("udviklingsplan.html");
    assert!(!main_of(&plan).contains("lodrette streg"));
    let r = strategy();
    r.write(
        "omstil.yaml",
        &format!("{settings}statusdato: 2024-05-15\n"),
    );
    built(&r);
    let plan = r.read_out("udviklingsplan.html");
    assert!(main_of(&plan).contains("lodrette streg"));
}

#[test]
fn a_theme_without_summary_and_a_hypothesis_without_themes_build() {
    let r = TestReport::fixture("minimal");
    r.write(
        "modenhedsanalyse.yaml",
        "temaer:\n  - id: styring\nhypoteser:\n  - id: h\n    titel: \"En hypotese\"\n",
    );
    let o = r.build();
    assert!(o.status.success(), "{}", stderr(&o));
    let theme = r.read_out("temaer/styring.html");
    let at = main_of(&theme).find("Sammenfatning").unwrap();
    assert!(main_of(&theme)[at..].find("Ikke oplyst").unwrap() < 120);
    let hyp = r.read_out("hypoteser/h.html");
    let at = main_of(&hyp).find(">Temaer<").unwrap();
    assert!(main_of(&hyp)[at..].find("Ikke oplyst").unwrap() < 120);
}

#[test]
fn english_says_not_stated() {
    let r = strategy();
    let settings = std::fs::read_to_string(r.root().join("omstil.yaml")).unwrap();
    r.write("omstil.yaml", &format!("{settings}sprog: en\n"));
    built(&r);
    let page = r.read_out("handlinger/uden-alt.html");
    assert!(main_of(&page).contains("Not stated"));
}

#[test]
fn new_action_without_focus_area_lists_the_ids() {
    let r = strategy();
    let o = bin()
        .args(["new", "handling", "ny"])
        .arg(r.root())
        .output()
        .unwrap();
    let err = stderr(&o);
    assert!(!o.status.success());
    assert!(err.contains("`tidlig`, `styring`"), "{err}");
}

#[test]
fn without_a_theory_of_change_actions_are_no_loose_ends() {
    let r = strategy();
    r.write(
        "modenhedsanalyse.yaml",
        "hypoteser:\n  - id: h\n    titel: \"En hypotese\"\n",
    );
    let err = built(&r);
    assert!(err.contains("0 fejl, 0 advarsler"), "{err}");
    let trace = r.read_out("sporbarhed.html");
    assert!(
        !main_of(&trace).contains("handlinger/uden-alt.html"),
        "{}",
        main_of(&trace)
    );
}

#[test]
fn a_pool_overdrawn_by_its_actions_is_a_warning_and_an_unstated_amount_is_said() {
    let r = strategy();
    r.write(
        "udviklingsplan.yaml",
        &PLAN
            .replace(
                "budget: { 2024: 80000 }",
                "budget: { 2024: 180000, 2025: 30000 }",
            )
            .replace("    beloeb: \"750.000\"\n", ""),
    );
    let err = built(&r);
    assert!(
        err.contains("Handlingerne i puljen `netvaerk` har tilsammen 210.000\u{a0}kr., mere end puljens 200.000\u{a0}kr.\n"),
        "{err}"
    );
    assert!(err.contains("udviklingsplan.yaml:19:13"), "{err}");
    // The plan pool without an amount: its amount is not stated, and no
    // warning (nothing to compare with).
    assert!(!err.contains("puljen `uddannelse`"), "{err}");
    let plan = r.read_out("udviklingsplan.html");
    let main = main_of(&plan);
    let at = main.find("id=\"pulje-uddannelse\"").unwrap();
    assert!(main[at..].contains("I alt: Ikke oplyst"), "{}", &main[at..]);
}

#[test]
fn the_schema_accepts_the_new_fields_and_rejects_a_typo() {
    let r = strategy();
    let file = r.root().join("udviklingsplan.yaml");
    let errs = crate::schema::errors_for("udviklingsplan.schema.json", &file);
    assert!(errs.is_empty(), "{errs:#?}");
    r.write("udviklingsplan.yaml", &PLAN.replace("beloeb:", "beloeeb:"));
    let errs = crate::schema::errors_for("udviklingsplan.schema.json", &file);
    assert!(!errs.is_empty());
    r.write(
        "modenhedsanalyse.yaml",
        "temaer:\n  - id: styring\nhypoteser:\n  - id: h\n    titel: \"En hypotese\"\n",
    );
    let file = r.root().join("modenhedsanalyse.yaml");
    let errs = crate::schema::errors_for("modenhedsanalyse.schema.json", &file);
    assert!(errs.is_empty(), "{errs:#?}");
}
