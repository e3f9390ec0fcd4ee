//! Free pages (`sider/`): titles and menu order.

use super::R;
use crate::content::RawPage;
use crate::content::model::*;
use crate::diag::Pos;
use std::sync::Arc;

pub(super) fn pages(r: &mut R, raw: Vec<RawPage>) -> Vec<Arc<Page>> {
    let mut out = Vec::new();
    // Files whose front matter already has an error (a misspelt `titel`
    // key, say): made once, and only when a page lacks its title.
    let mut faulty: Option<std::collections::HashSet<String>> = None;
    for p in raw {
        let title = match p.front.titel.as_deref().map(str::trim) {
            Some(t) if !t.is_empty() => t.to_string(),
            _ => {
                // One mistake, one error: not "mangler en titel" beside the
                // error that explains it, and the page stays in the model
                // (titled by its id) so links to it are not errors too. The
                // build fails on the error all the same.
                let faulty = faulty.get_or_insert_with(|| {
                    r.cx.diags
                        .iter()
                        .filter(|d| d.severity == crate::diag::Severity::Error)
                        .map(|d| d.file.clone())
                        .collect()
                });
                if !faulty.contains(&p.file) {
                    r.cx.diags
                        .error(&p.file, Pos::new(1, 1), "Siden mangler en titel.")
                        .hint(
                            "Skriv `titel: Sidens titel` i blokken mellem `---`-linjerne øverst.",
                        );
                }
                p.id.clone()
            }
        };
        out.push(Page {
            h: Header {
                id: p.id,
                title,
                pos: Pos::new(1, 1),
                prov: Provenance::default(),
            },
            file: p.file,
            description: p.front.beskrivelse,
            order: p.front.raekkefoelge.unwrap_or(100),
            featured: p.front.fremhaevet,
            body: p.body,
        });
    }
    // By order, title, id. Their indexes are sorted, not the pages: a
    // page is a few hundred bytes, and a merge sort moves each many times
    // (at 10,000 pages that was most of the sort's time).
    let mut by: Vec<usize> = (0..out.len()).collect();
    by.sort_by(|&a, &b| {
        let (a, b) = (&out[a], &out[b]);
        (a.order, &a.h.title, &a.h.id).cmp(&(b.order, &b.h.title, &b.h.id))
    });
    let mut slots: Vec<Option<Page>> = out.into_iter().map(Some).collect();
    by.into_iter()
        .map(|i| Arc::new(slots[i].take().expect("each index once")))
        .collect()
}
