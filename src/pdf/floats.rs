//! How far each landscape figure group moves (see `render/print_float.rs`),
//! chosen from one print's destinations: the free space on the portrait
//! page before the group (from its "before" marker to the foot of the
//! text area) and where each following block ends on the first portrait
//! page after the group (its "after" marker is at that page's top). The
//! group moves past as many whole blocks as fit, less a safety margin.

use super::reader::Place;
use crate::render::print_float::{Unit, after, before, boundary};
use std::collections::BTreeMap;

/// The height of the portrait page's text area: A4 (841.92 pt) less the
/// `@page` margins of print.css (14 mm top, 12 mm bottom).
const PORTRAIT_AREA: f64 = 841.92 - 26.0 * 72.0 / 25.4;

/// Space kept free under the moved blocks (pt): their headings' top
/// margins, which a page top swallows, and the page numbers filled in
/// after the measuring print.
const MARGIN: f64 = 24.0;

/// How many of the blocks fit in `free` pt: `ends[j]` is how far below
/// the top of a page block `j` ends when the blocks start that page (not
/// always growing: entries in two columns).
pub fn how_many(free: f64, ends: &[f64]) -> usize {
    let mut need = 0.0f64;
    let mut k = 0;
    for (j, &e) in ends.iter().enumerate() {
        need = need.max(e);
        if need + MARGIN > free {
            break;
        }
        k = j + 1;
    }
    k
}

/// The new number of blocks each unit moves past, given the numbers `ks`
/// the measured print was arranged with: never fewer than before.
pub fn choose(units: &[Unit], ks: &[usize], places: &BTreeMap<String, Place>) -> Vec<usize> {
    units
        .iter()
        .enumerate()
        .map(|(u, unit)| {
            let k = ks.get(u).copied().unwrap_or(0);
            let (Some(b), Some(a)) = (places.get(&before(u)), places.get(&after(u))) else {
                return k;
            };
            if a.page <= b.page {
                return k;
            }
            let free = PORTRAIT_AREA - b.down;
            let ends: Vec<f64> = (k + 1..=unit.blocks.len())
                .map_while(|j| places.get(&boundary(u, j)))
                .take_while(|p| p.page == a.page)
                .map(|p| p.down - a.down)
                .collect();
            k + how_many(free, &ends)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::print_float::Block;

    #[test]
    fn as_many_whole_blocks_as_fit_with_a_margin() {
        assert_eq!(how_many(300.0, &[100.0, 200.0, 290.0, 400.0]), 2);
        assert_eq!(how_many(300.0, &[]), 0);
        assert_eq!(how_many(20.0, &[10.0]), 0);
        // Entries in two columns: the second column's ends are higher up
        // the page, the first column's bottom still has to fit.
        assert_eq!(how_many(300.0, &[250.0, 60.0, 120.0]), 3);
        assert_eq!(how_many(260.0, &[250.0, 60.0]), 0);
    }

    #[test]
    fn blocks_are_counted_on_the_page_after_the_figure_only() {
        let unit = Unit {
            span: (0, 1),
            blocks: vec![
                Block {
                    end: 2,
                    in_items: false,
                };
                4
            ],
        };
        let at = |page, down| Place { page, down };
        let mut places = BTreeMap::from([
            (before(0), at(3, 468.0)),
            (after(0), at(5, 0.0)),
            (boundary(0, 1), at(5, 100.0)),
            (boundary(0, 2), at(5, 250.0)),
            (boundary(0, 3), at(6, 50.0)),
            (boundary(0, 4), at(6, 90.0)),
        ]);
        // 300 pt free on page 3: blocks 1 and 2 fit, block 3 ends a page on.
        assert_eq!(choose(&[unit.clone()], &[0], &places), vec![2]);
        // Measured again after moving 2: the rest starts page 5.
        places.insert(before(0), at(3, 720.0));
        places.insert(boundary(0, 3), at(5, 30.0));
        assert_eq!(choose(&[unit.clone()], &[2], &places), vec![2]);
        // No landscape page between (the figure fits portrait): unmoved.
        places.insert(after(0), at(3, 710.0));
        assert_eq!(choose(&[unit], &[0], &places), vec![0]);
    }
}
