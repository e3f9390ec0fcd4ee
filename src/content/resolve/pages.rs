//! Free pages (`sider/`): titles and menu order.

use super::R;
use crate::content::RawPage;
use crate::content::model::*;
use crate::diag::Pos;

pub(super) fn pages(r: &mut R, raw: Vec<RawPage>) -> Vec<Page> {
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
    out.sort_by(|a, b| {
        menu_order(
            (a.order, &a.h.title, &a.h.id),
            (b.order, &b.h.title, &b.h.id),
        )
    });
    out
}

/// By order, title, id (as the tuples compare). 10,000 titles compared as
/// strings cost a tenth of a `serve` rebuild; most pairs differ in their
/// first eight bytes, compared here as one number first (the same order:
/// big-endian, a shorter title padded with zeros, a tie settled by the
/// whole strings).
fn menu_order(a: (i32, &str, &str), b: (i32, &str, &str)) -> std::cmp::Ordering {
    fn prefix(s: &str) -> u64 {
        let mut b = [0u8; 8];
        let n = s.len().min(8);
        b[..n].copy_from_slice(&s.as_bytes()[..n]);
        u64::from_be_bytes(b)
    }
    (a.0, prefix(a.1))
        .cmp(&(b.0, prefix(b.1)))
        .then_with(|| (a.1, a.2).cmp(&(b.1, b.2)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_menu_order_is_the_plain_order_of_order_title_and_id() {
        let titles = [
            "",
            "a",
            "a\0",
            "ab",
            "abcdefgh",
            "abcdefgh",
            "abcdefghi",
            "abcdefgg",
            "Å",
            "æble",
            "Zebra",
            "zebra",
            "b",
            "ø",
            "abcdefgh\u{0}",
        ];
        let mut all = Vec::new();
        for (i, t) in titles.iter().enumerate() {
            for order in [-1, 0, 100] {
                all.push((order, *t, format!("id-{}", i % 3)));
            }
        }
        for a in &all {
            for b in &all {
                let plain = (a.0, a.1, &a.2).cmp(&(b.0, b.1, &b.2));
                assert_eq!(
                    super::menu_order((a.0, a.1, &a.2), (b.0, b.1, &b.2)),
                    plain,
                    "{a:?} {b:?}"
                );
            }
        }
    }
}
