//! The text on paper made shorter without losing content (issue 14,
//! round 3): the traceability appendix leaves out the relations the
//! entries already print, and every relation of `sporbarhed.html` can
//! still be found in the print page.

use crate::print_items::example;
use std::collections::BTreeMap;

/// The print page's entries by id (each up to the next entry).
fn entries(html: &str) -> BTreeMap<&str, &str> {
    const KEY: &str = "<div class=\"print-page ";
    let starts: Vec<usize> = html.match_indices(KEY).map(|(i, _)| i).collect();
    let mut out = BTreeMap::new();
    for (k, &s) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(html.len());
        let e = &html[s..end];
        let id = e.split(" id=\"").nth(1).and_then(|v| v.split('"').next());
        out.insert(id.expect("an entry has an id"), e);
    }
    out
}

/// The print ids `href="#…"` in `s` points to, without the fragment.
fn print_links(s: &str) -> Vec<&str> {
    s.split("href=\"#")
        .skip(1)
        .filter_map(|v| v.split('"').next())
        .map(|v| v.split("--").next().unwrap_or(v))
        .collect()
}

/// `hypoteser/x.html#y` → `hypoteser-x`, as the print page names pages.
fn print_id(href: &str) -> String {
    let file = href.split('#').next().unwrap_or(href);
    file.trim_start_matches("omstil-root:/")
        .trim_start_matches("../")
        .trim_end_matches(".html")
        .replace('/', "-")
}

/// The relations of the screen's traceability page: (node, related).
fn screen_relations(page: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for li in page.split("<li").skip(1) {
        let li = li.split("</li>").next().unwrap_or(li);
        let mut parts = li.split("<span class=\"node-rel\">");
        let Some(head) = parts.next() else { continue };
        let Some(node) = head
            .split("href=\"")
            .nth(1)
            .and_then(|v| v.split('"').next())
        else {
            continue;
        };
        for rel in parts {
            for b in rel
                .split("href=\"")
                .skip(1)
                .filter_map(|v| v.split('"').next())
            {
                out.push((print_id(node), print_id(b)));
            }
        }
    }
    out
}

#[test]
fn every_traceability_relation_is_in_the_print_page_once_the_appendix_leaves_them_out() {
    let files = example();
    let print = &files["print.html"];
    let entries = entries(print);
    let trace = entries["sporbarhed"];
    assert!(
        !trace.contains("class=\"node-rel\""),
        "the traceability appendix on paper repeats the relations"
    );
    assert!(
        trace.contains("sporbarhed--loese-ender"),
        "what is not connected yet stays in the appendix"
    );
    let relations = screen_relations(&files["sporbarhed.html"]);
    assert!(relations.len() > 50, "{} relations", relations.len());
    // A relation is on paper when one of its ends' entries links to the
    // other, or a list item or table row elsewhere links to both.
    let rest: Vec<&str> = entries
        .iter()
        .filter(|(id, _)| **id != "sporbarhed")
        .map(|(_, e)| *e)
        .collect();
    let together = |a: &str, b: &str| {
        rest.iter().any(|e| {
            e.split("<li").chain(e.split("<tr")).skip(1).any(|x| {
                let x = x.split("</li>").next().unwrap_or(x);
                let l = print_links(x);
                l.contains(&a) && l.contains(&b)
            })
        })
    };
    let links_to = |a: &str, b: &str| entries.get(a).is_some_and(|e| print_links(e).contains(&b));
    let missing: Vec<_> = relations
        .iter()
        .filter(|(a, b)| !(links_to(a, b) || links_to(b, a) || together(a, b)))
        .collect();
    assert!(missing.is_empty(), "relations not on paper: {missing:?}");
}

#[test]
fn earlier_follow_up_rounds_print_their_changes_and_the_newest_round_in_full() {
    let files = example();
    let entries = entries(&files["print.html"]);
    let rounds: Vec<&str> = entries
        .keys()
        .copied()
        .filter(|id| id.starts_with("opfoelgning-"))
        .collect();
    assert!(rounds.len() >= 2, "{rounds:?}");
    let (newest, earlier) = rounds.split_last().unwrap();
    assert!(entries[newest].contains(&format!("id=\"{newest}--noegletal\"")));
    for r in earlier {
        let e = entries[r];
        assert!(!e.contains(&format!("id=\"{r}--noegletal\"")), "{r}");
        assert!(
            !e.contains(&format!("id=\"{r}--andre-opfoelgninger\"")),
            "{r}"
        );
        assert!(e.contains(&format!("id=\"{r}--aendringer\"")), "{r}");
    }
    // The site's own pages of the rounds keep everything.
    for r in &rounds {
        let page = &files[&format!("{}.html", r.replacen('-', "/", 1))];
        assert!(page.contains("id=\"noegletal\""), "{r}");
    }
}
