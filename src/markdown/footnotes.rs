//! Footnotes as readers expect them: the reference links down to its note,
//! and each note links back up to where it was referred to (the rule above
//! the notes is CSS). Replaces pulldown-cmark's footnote events with HTML.

use super::slug;
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::collections::BTreeMap;

/// Rewrites footnote references and definitions in `events`; numbers follow
/// the order in which labels first appear. `back` is the back-link's label
/// for screen readers ("Tilbage til teksten").
pub(super) fn rewrite<'a>(events: Vec<Event<'a>>, back: &str) -> Vec<Event<'a>> {
    if !events
        .iter()
        .any(|e| matches!(e, Event::FootnoteReference(_)))
    {
        return events;
    }
    let mut numbers: BTreeMap<String, usize> = BTreeMap::new();
    let mut number = |label: &str| {
        let next = numbers.len() + 1;
        *numbers.entry(label.to_string()).or_insert(next)
    };
    let mut refs: BTreeMap<String, usize> = BTreeMap::new();
    let mut open: Vec<String> = Vec::new();
    let mut out = Vec::with_capacity(events.len());
    for ev in events {
        match ev {
            Event::FootnoteReference(label) => {
                let n = number(&label);
                let id = slug(&label);
                // A note referred to twice: the first reference is the
                // one the note links back to; each gets its own id.
                let k = refs.entry(id.clone()).or_insert(0);
                *k += 1;
                let ref_id = if *k == 1 {
                    format!("fnref-{id}")
                } else {
                    format!("fnref-{id}-{k}")
                };
                out.push(Event::InlineHtml(CowStr::from(format!(
                    "<sup class=\"footnote-reference\" id=\"{ref_id}\"><a href=\"#fn-{id}\">{n}</a></sup>"
                ))));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let n = number(&label);
                let id = slug(&label);
                out.push(Event::Html(CowStr::from(format!(
                    "<div class=\"footnote-definition\" id=\"fn-{id}\"><sup class=\"footnote-definition-label\">{n}</sup>\n"
                ))));
                open.push(id);
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                let id = open.pop().unwrap_or_default();
                let link = if refs.contains_key(&id) {
                    format!(
                        "<a class=\"footnote-back\" href=\"#fnref-{id}\" aria-label=\"{back}\">↩</a>"
                    )
                } else {
                    String::new()
                };
                out.push(Event::Html(CowStr::from(format!("{link}</div>\n"))));
            }
            other => out.push(other),
        }
    }
    out
}
