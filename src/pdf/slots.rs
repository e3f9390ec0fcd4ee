//! The page-number slots of `print.html` (see the print page's contract):
//! `<span class="sidetal" data-side="ID"></span>` in the table of contents
//! gets the bare page number, `<span class="se-side" data-side="ID"></span>`
//! after an internal link gets " (se s. 12)". Filling replaces whatever a
//! slot held, so a filled page can be filled again.

use std::collections::BTreeMap;

const KINDS: [&str; 2] = ["sidetal", "se-side"];

/// One slot: where its content starts and ends, its kind and its id.
struct Slot<'a> {
    inner: (usize, usize),
    see: bool,
    id: &'a str,
}

fn slots(html: &str) -> Vec<Slot<'_>> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = html[at..].find("<span class=\"") {
        let start = at + i;
        at = start + 13;
        let rest = &html[at..];
        let Some(kind) = KINDS
            .iter()
            .find(|k| rest.starts_with(&format!("{k}\" data-side=\"")))
        else {
            continue;
        };
        let id_at = at + kind.len() + 13;
        let Some(id_len) = html[id_at..].find('"') else {
            break;
        };
        let id = &html[id_at..id_at + id_len];
        let Some(gt) = html[id_at + id_len..].find('>') else {
            break;
        };
        let open = id_at + id_len + gt + 1;
        let Some(close) = html[open..].find("</span>") else {
            break;
        };
        out.push(Slot {
            inner: (open, open + close),
            see: *kind == "se-side",
            id,
        });
        at = open + close;
    }
    out
}

/// Whether the page has any slot at all.
pub fn has_slots(html: &str) -> bool {
    !slots(html).is_empty()
}

/// The page with every slot filled from `pages` (id → page number);
/// `see_page` is the text after a link with `{side}` for the number.
/// Also returns the ids that have no page (their slots are left empty).
pub fn fill(html: &str, pages: &BTreeMap<String, usize>, see_page: &str) -> (String, Vec<String>) {
    let mut out = String::with_capacity(html.len() + 4096);
    let mut missing = Vec::new();
    let mut last = 0;
    for s in slots(html) {
        out.push_str(&html[last..s.inner.0]);
        match pages.get(s.id) {
            Some(n) if s.see => out.push_str(&see_page.replace("{side}", &n.to_string())),
            Some(n) => out.push_str(&n.to_string()),
            None => {
                if !missing.iter().any(|m| m == s.id) {
                    missing.push(s.id.to_string());
                }
            }
        }
        last = s.inner.1;
    }
    out.push_str(&html[last..]);
    (out, missing)
}

/// The page with every slot filled with a two-digit stand-in number: a
/// measuring print whose lines are as long as the finished ones'.
pub fn fill_stand_in(html: &str, see_page: &str) -> String {
    let pages = slots(html)
        .into_iter()
        .map(|s| (s.id.to_string(), 88))
        .collect();
    fill(html, &pages, see_page).0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_table_of_contents_and_see_page_slots_and_refills_them() {
        let html = "<li><a href=\"#a\">A</a> <span class=\"sidetal\" data-side=\"a\"></span></li><p>Se <a href=\"#b\">B</a><span class=\"se-side\" data-side=\"b\"></span> og <span class=\"sidetal\" data-side=\"x\"></span></p><span class=\"andet\">z</span>";
        let pages = BTreeMap::from([("a".to_string(), 3), ("b".to_string(), 12)]);
        let (once, missing) = fill(html, &pages, " (se s. {side})");
        assert!(once.contains("data-side=\"a\">3</span>"), "{once}");
        assert!(
            once.contains("data-side=\"b\"> (se s. 12)</span> og"),
            "{once}"
        );
        assert!(once.contains("<span class=\"andet\">z</span>"));
        assert_eq!(missing, vec!["x".to_string()]);
        let pages2 = BTreeMap::from([("a".to_string(), 4), ("b".to_string(), 9)]);
        let (twice, _) = fill(&once, &pages2, " (se s. {side})");
        assert_eq!(twice, fill(html, &pages2, " (se s. {side})").0);
        assert!(has_slots(html));
        let stand_in = fill_stand_in(html, " (se s. {side})");
        assert!(stand_in.contains("data-side=\"x\">88</span>"), "{stand_in}");
        assert!(stand_in.contains("data-side=\"b\"> (se s. 88)</span>"));
        assert!(!has_slots("<span class=\"x\"></span>"));
    }
}
