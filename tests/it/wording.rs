//! Published pages speak to readers (issue 15): no instruction meant for
//! the author on any page of the example or of the real-shaped fixtures,
//! and the wording items of the issue, each checked once.

use crate::common::*;

/// Phrases that tell the author what to do. They belong in `omstil check`,
/// the terminal and the preview's overlay, never on a published page.
const AUTHOR_PHRASES: &[&str] = &[
    "Løs ende",
    "Knyt den til",
    "Knyt et nøgletal",
    "Placér den under",
    "Tilføj ",
    "Nævn hypotesen",
    "omstil check",
    "Loose end",
    "Place it under",
];

/// Every page (HTML) of a built site that contains an author phrase, with
/// the phrase, as "page: phrase" lines.
fn author_phrases(out: &std::path::Path) -> Vec<String> {
    let mut found = Vec::new();
    for (page, html) in site(out) {
        if !page.ends_with(".html") {
            continue;
        }
        let text = text_of(&html);
        for p in AUTHOR_PHRASES {
            if text.contains(p) {
                found.push(format!("{page}: {p}"));
            }
        }
    }
    found
}

#[test]
fn no_author_hints_on_published_pages() {
    let mut reports = vec![("content".to_string(), TestReport::example())];
    for name in ["analyse", "sagsgennemgang", "strategi"] {
        reports.push((format!("real/{name}"), TestReport::fixture(&format!("real/{name}"))));
    }
    let mut found = Vec::new();
    for (name, r) in &reports {
        let o = r.build();
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        found.extend(
            author_phrases(&r.out())
                .into_iter()
                .map(|l| format!("{name}/{l}")),
        );
    }
    assert!(found.is_empty(), "author hints on published pages:\n{}", found.join("\n"));
}

#[test]
fn loose_ends_are_said_neutrally_and_stay_in_check() {
    let r = TestReport::example();
    assert!(r.build().status.success());
    let page = text_of(main_of(&r.read_out(
        "hypoteser/psykisk-mistrivsel-blandt-unge.html",
    )));
    assert!(
        page.contains("Hypotesen er endnu ikke taget op i forandringsteorien."),
        "{page}"
    );
    let check = stderr(&r.check()) + &stdout(&r.check());
    assert!(
        check.contains("Ingen indsats tager hypotesen `psykisk-mistrivsel-blandt-unge` op."),
        "{check}"
    );
}
