//! Actors (aktoerer.yaml) and projects (projekter.yaml): a report with both
//! parts builds clean, with the overview pages, the ring diagram and its
//! text equivalent, one page per actor and project, backlinks on the plan
//! and theory-of-change pages, `@aktoer/…` and `@projekt/…` links, menu,
//! front page, print page and search. (Broken input: the `actors-*` cases
//! in tests/fixtures/broken/.)

use crate::common::*;

fn built() -> TestReport {
    let r = TestReport::fixture("real-actors");
    let o = r.build();
    let err = format!("{}{}", stderr(&o), stdout(&o));
    assert!(o.status.success(), "{err}");
    assert!(err.contains("(0 fejl, 0 advarsler"), "{err}");
    r
}

/// The `<section id="…">` of a page, up to its closing tag.
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("<section class=\"section\" id=\"{id}\""))
        .unwrap_or_else(|| panic!("section {id}"));
    let rest = &html[start..];
    // Sub-sections close before their parent.
    let mut depth = 0;
    let mut at = 0;
    while let Some(i) = rest[at..].find("section") {
        let j = at + i;
        if rest[..j].ends_with('<') {
            depth += 1;
        } else if rest[..j].ends_with("</") {
            depth -= 1;
            if depth == 0 {
                return &rest[..j];
            }
        }
        at = j + 7;
    }
    rest
}

const ACTORS: [&str; 6] = [
    "myndighed",
    "sundhedsplejen",
    "familiehuset",
    "ppr",
    "doegninstitution",
    "anbringelsessteder",
];

#[test]
fn a_report_with_actors_and_projects_builds_clean_with_every_page() {
    let r = built();
    let files = site(&r.out());
    for a in ACTORS {
        assert!(files.contains_key(&format!("aktoerer/{a}.html")), "{a}");
    }
    for p in ["tidlig-indsats-puljen", "familiegrupper"] {
        assert!(files.contains_key(&format!("projekter/{p}.html")), "{p}");
    }
    assert!(
        check_links(&files) > 100,
        "every link resolves (it panics on a broken one)"
    );
    // Menu, front page, print page, search.
    let index = r.read_out("index.html");
    assert!(index.contains("href=\"aktoerer.html\""), "menu and card");
    assert!(index.contains("href=\"projekter.html\""), "menu and card");
    let front = main_of(&index);
    assert!(front.contains("6 aktører"), "{front}");
    assert!(front.contains("2 projekter"), "{front}");
    let print = r.read_out("print.html");
    assert!(print.contains("Døgninstitutionen Solsikken"));
    assert!(print.contains("Tidlig indsats i dagtilbud"));
    let search = r.read_out("assets/soegeindeks.js");
    assert!(search.contains("aktoerer/sundhedsplejen.html"));
    assert!(search.contains("projekter/familiegrupper.html"));
    // Breadcrumbs of an actor page lead back to the overview.
    let page = r.read_out("aktoerer/myndighed.html");
    assert!(page.contains("<a href=\"../aktoerer.html\">Aktører</a>"));
}

#[test]
fn the_ring_diagram_is_an_image_with_a_text_equivalent_listing_every_actor() {
    let r = built();
    let html = r.read_out("aktoerer.html");
    let main = main_of(&html);
    assert!(main.contains("role=\"img\""));
    assert!(main.contains("<title id=\"aktoerer-titel\">"));
    assert!(main.contains("aria-hidden=\"true\""), "the link layer");
    assert!(
        main.contains("<a href=\"#liste\">"),
        "caption links the list"
    );
    let list = section(main, "liste");
    for a in ACTORS {
        assert!(
            list.contains(&format!("href=\"aktoerer/{a}.html\"")),
            "{a} in the text equivalent: {list}"
        );
    }
    // Primary before secondary, the groups named.
    let (p, s) = (
        list.find("Primære").unwrap(),
        list.find("Sekundære").unwrap(),
    );
    assert!(p < s);
    assert!(list.contains(">Almenområdet</span>"));
}

#[test]
fn actions_activities_and_focus_areas_list_their_actors_and_projects() {
    let r = built();
    let action = r.read_out("handlinger/uddannelsespulje.html");
    let actors = section(&action, "aktoerer");
    assert!(actors.contains("../aktoerer/myndighed.html"), "{actors}");
    assert!(actors.contains("../aktoerer/familiehuset.html"), "{actors}");
    assert!(!actors.contains("sundhedsplejen"));
    let projects = section(&action, "projekter");
    assert!(projects.contains("../projekter/tidlig-indsats-puljen.html"));
    let activity = r.read_out("aktiviteter/faelles-metode.html");
    assert!(section(&activity, "aktoerer").contains("../aktoerer/myndighed.html"));
    let area = r.read_out("fokusomraader/fagligt-loeft.html");
    assert!(section(&area, "projekter").contains("../projekter/tidlig-indsats-puljen.html"));
    // An actor's own page links back.
    let actor = r.read_out("aktoerer/myndighed.html");
    assert!(section(&actor, "handlinger").contains("../handlinger/uddannelsespulje.html"));
    assert!(section(&actor, "aktiviteter").contains("../aktiviteter/faelles-metode.html"));
}

#[test]
fn projects_say_what_the_source_does_not_state() {
    let r = built();
    let html = r.read_out("projekter.html");
    let table = main_of(&html);
    assert!(table.contains("august 2023 – december 2024"));
    assert!(table.contains("1.200.000\u{a0}kr."));
    let row = &table[table.find("projekter/familiegrupper.html").unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.contains(">2024<"), "a year alone stays a year: {row}");
    assert_eq!(row.matches("Ikke oplyst").count(), 4, "{row}");
    let page = r.read_out("projekter/familiegrupper.html");
    assert!(main_of(&page).contains("Ikke oplyst"));
}

#[test]
fn markdown_links_to_actors_and_projects_work() {
    let r = built();
    let overview = r.read_out("aktoerer.html");
    assert!(
        overview.contains("<a href=\"projekter/tidlig-indsats-puljen.html\">Tidlig indsats</a>"),
        "@projekt link"
    );
    let project = r.read_out("projekter/tidlig-indsats-puljen.html");
    assert!(
        project.contains("<a href=\"../aktoerer/myndighed.html\">Myndighed</a>"),
        "@aktoer link"
    );
    assert!(
        project.contains("<a href=\"../aktoerer.html\">alle aktører</a>"),
        "@aktoerer overview link"
    );
    assert!(
        overview.contains("<a href=\"projekter.html\">projekterne</a>"),
        "@projekter overview link"
    );
}

#[test]
fn a_report_names_its_actors_and_projects_its_own_way() {
    let r = TestReport::fixture("real-actors");
    r.write(
        "omstil.yaml",
        "kommune: Prøvekommune\ntitel: Prøve\nperiode: { fra: 2023, til: 2025 }\nnavne: { aktoerer: Nøglepersoner, projekter: Eksterne projekter }\n",
    );
    let o = r.build();
    assert!(o.status.success(), "{}", stderr(&o));
    let overview = r.read_out("aktoerer.html");
    assert!(overview.contains("<h1>Nøglepersoner</h1>"), "heading");
    let actor = r.read_out("aktoerer/myndighed.html");
    assert!(actor.contains(">Nøglepersoner</a>"), "breadcrumb");
    let action = r.read_out("handlinger/uddannelsespulje.html");
    assert!(
        section(&action, "aktoerer").contains(">Nøglepersoner</h2>"),
        "backlinks"
    );
    assert!(section(&action, "projekter").contains(">Eksterne projekter</h2>"));
    assert!(
        r.read_out("index.html").contains("Eksterne projekter"),
        "menu and card"
    );
}

#[test]
fn linking_to_a_missing_overview_is_an_error() {
    let r = TestReport::fixture("minimal");
    r.write(
        "forside.md",
        "Se [aktørerne](@aktoerer) og [projekterne](@projekter).\n",
    );
    let o = r.check();
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("aktoerer.yaml"), "{err}");
    assert!(err.contains("projekter.yaml"), "{err}");
}

#[test]
fn a_report_without_the_parts_has_no_trace_of_them() {
    let r = TestReport::fixture("minimal");
    let o = r.build();
    assert!(o.status.success(), "{}", stderr(&o));
    let files = site(&r.out());
    assert!(
        !files
            .keys()
            .any(|k| k.starts_with("aktoerer") || k.starts_with("projekter"))
    );
    assert!(!r.read_out("index.html").contains("Aktører"));
}

#[test]
fn new_adds_actors_and_projects_to_their_files_or_creates_them() {
    for fixture in ["real-actors", "minimal"] {
        let r = TestReport::fixture(fixture);
        for (kind, id) in [("aktoer", "ny-aktoer"), ("projekt", "nyt-projekt")] {
            let o = bin()
                .args(["new", kind, id])
                .arg(r.root())
                .output()
                .unwrap();
            assert!(o.status.success(), "{fixture} {kind}: {}", stderr(&o));
        }
        let o = r.build();
        assert!(o.status.success(), "{fixture}: {}", stderr(&o));
        assert!(
            r.out().join("aktoerer/ny-aktoer.html").is_file(),
            "{fixture}"
        );
        assert!(
            r.out().join("projekter/nyt-projekt.html").is_file(),
            "{fixture}"
        );
        // A second time, the id is taken.
        let o = bin()
            .args(["new", "aktoer", "ny-aktoer"])
            .arg(r.root())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{fixture}");
        assert!(
            stderr(&o).contains("bruges allerede af aktøren"),
            "{}",
            stderr(&o)
        );
    }
}
