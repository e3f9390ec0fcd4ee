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

/// Where a block after a figure group ends on the first page after it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct End {
    /// How far below the top of that page (pt).
    pub down: f64,
    /// An entry inside a two-column run, not its last: the entries fill
    /// the first column, then the second; moved alone they are balanced
    /// over both, about half as tall.
    pub in_run: bool,
}

/// Slack for balancing a run over two columns (lines kept together).
const BALANCE: f64 = 24.0;

/// How many of the blocks fit in `free` pt, their ends measured where
/// the blocks start a page.
pub fn how_many(free: f64, ends: &[End]) -> usize {
    let mut need = 0.0f64;
    let mut run_top = 0.0f64;
    let mut first_column: Option<f64> = None;
    let mut last = 0.0f64;
    let mut k = 0;
    for (j, e) in ends.iter().enumerate() {
        if e.in_run {
            if first_column.is_none() && e.down < last {
                first_column = Some(last);
            }
            let total = first_column.map_or(0.0, |c| c - run_top) + e.down - run_top;
            need = need.max(run_top + total / 2.0 + BALANCE);
        } else {
            need = need.max(e.down);
            run_top = e.down;
            first_column = None;
        }
        last = e.down;
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
            let ends: Vec<End> = (k + 1..=unit.blocks.len())
                .map_while(|j| Some((places.get(&boundary(u, j))?, unit.blocks[j - 1].in_items)))
                .take_while(|(p, _)| p.page == a.page)
                .map(|(p, in_run)| End {
                    down: p.down - a.down,
                    in_run,
                })
                .collect();
            k + how_many(free, &ends)
        })
        .collect()
}

/// After a print of the arranged page: a unit whose moved blocks did not
/// all fit (the text before it ends a page later than where it stood)
/// moves one block less.
pub fn back_off(ks: &[usize], places: &BTreeMap<String, Place>) -> Vec<usize> {
    ks.iter()
        .enumerate()
        .map(|(u, &k)| {
            let page = |id: String| places.get(&id).map(|p| p.page);
            match (page(boundary(u, 0)), page(before(u))) {
                (Some(a), Some(b)) if k > 0 && a != b => k - 1,
                _ => k,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::print_float::Block;

    fn ends(v: &[(f64, bool)]) -> Vec<End> {
        v.iter()
            .map(|&(down, in_run)| End { down, in_run })
            .collect()
    }

    #[test]
    fn as_many_whole_blocks_as_fit_with_a_margin() {
        let one = |v: &[f64]| ends(&v.iter().map(|&d| (d, false)).collect::<Vec<_>>());
        assert_eq!(how_many(300.0, &one(&[100.0, 200.0, 290.0, 400.0])), 2);
        assert_eq!(how_many(300.0, &[]), 0);
        assert_eq!(how_many(20.0, &one(&[10.0])), 0);
    }

    #[test]
    fn entries_of_a_two_column_run_count_about_half() {
        // A section to 100, then entries in the first column to 300 and
        // 500, the second column from the top to 200: balanced over two
        // columns they need (400 + 100) / 2 + slack below the section.
        let e = ends(&[(100.0, false), (300.0, true), (500.0, true), (200.0, true)]);
        assert_eq!(how_many(250.0, &e), 2);
        assert_eq!(how_many(380.0, &e), 3);
        assert_eq!(how_many(400.0, &e), 4);
        // The run's end (balanced already in the print): as measured.
        let e = ends(&[(150.0, true), (260.0, false)]);
        assert_eq!(how_many(270.0, &e), 1);
        assert_eq!(how_many(290.0, &e), 2);
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
        assert_eq!(choose(std::slice::from_ref(&unit), &[0], &places), vec![2]);
        // Measured again after moving 2: the rest starts page 5.
        places.insert(before(0), at(3, 720.0));
        places.insert(boundary(0, 3), at(5, 30.0));
        assert_eq!(choose(std::slice::from_ref(&unit), &[2], &places), vec![2]);
        // Printed so: the moved blocks spilled onto the next page.
        let spilled = BTreeMap::from([(boundary(0, 0), at(3, 400.0)), (before(0), at(4, 30.0))]);
        assert_eq!(back_off(&[2], &spilled), vec![1]);
        let fitted = BTreeMap::from([(boundary(0, 0), at(3, 400.0)), (before(0), at(3, 740.0))]);
        assert_eq!(back_off(&[2], &fitted), vec![2]);
        // No landscape page between (the figure fits portrait): unmoved.
        places.insert(after(0), at(3, 710.0));
        assert_eq!(choose(&[unit], &[0], &places), vec![0]);
    }
}
