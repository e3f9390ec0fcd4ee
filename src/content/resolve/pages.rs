//! Free pages (`sider/`): titles and menu order.

use super::R;
use crate::content::RawPage;
use crate::content::model::*;
use crate::diag::Pos;

pub(super) fn pages(r: &mut R, raw: Vec<RawPage>) -> Vec<Page> {
    let mut out = Vec::new();
    for p in raw {
        let Some(title) = p.front.titel.clone().filter(|t| !t.trim().is_empty()) else {
            r.cx.diags
                .error(&p.file, Pos::new(1, 1), "Siden mangler en titel.")
                .hint("Skriv `titel: Sidens titel` i blokken mellem `---`-linjerne øverst.");
            continue;
        };
        out.push(Page {
            h: Header {
                id: p.id,
                title: title.trim().to_string(),
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
    out.sort_by(|a, b| (a.order, &a.h.title, &a.h.id).cmp(&(b.order, &b.h.title, &b.h.id)));
    out
}
