//! The actors ring for paper (issue 14): the same diagram shaped for the
//! portrait page, so that the part's introduction, the figure and its
//! caption share one A4 page with the names at 8 pt or more.
//!
//! The rings are ellipses, wider than tall: the boxes are wider than tall,
//! so a ring needs less room above and below the centre than beside it.
//! Each ring's boxes are as narrow as its longest word allows (names wrap
//! onto up to three lines), the centre disc is as small as its label
//! allows, the legend flows in rows below and the margins are small.
//!
//! The boxes stand where they stand on screen (place 0 at the top,
//! clockwise, groups together with half a place between them), on the
//! ring's middle ellipse at evenly spaced angles. The middle ellipse is the
//! smallest tried (in steps, wider before taller, at most [`ASPECT`] times
//! as wide as tall) at which every box stays [`GAP`] clear of the ring's
//! inner edge and of every other box of the ring; the ring's outer edge is
//! the smallest (by area) ellipse holding all its boxes with `GAP` to
//! spare and the inner edge with it. The check is exact (an ellipse
//! scaled to a circle keeps boxes as boxes), so no text leaves its box and
//! no box touches a ring's edge or another box.

use super::super::text::{Font, wrap, wrap_max};
use super::super::{Svg, num};
use super::{
    MAX_BOX_W, NAME, Placed, RING_STROKE, SWATCH, box_colours, centre_disc, draw_middle, finish,
    groups, legend_entry, legend_items, ring_fill, ring_places,
};
use crate::content::model::ActorsPart;
use crate::content::raw::Circle;
use crate::theme::Strings;
use std::f64::consts::PI;

const MARGIN: f64 = 4.0;
const PAD: f64 = 6.0;
/// Room between a box and the edges of its ring, and between two boxes.
const GAP: f64 = 6.0;
const MIN_BOX_W: f64 = 84.0;
/// The widest a box may grow for its longest word, tried in turn while the
/// diagram does not fit the page (wider boxes break fewer words).
const WORD_W: [f64; 7] = [MAX_BOX_W, 176.0, 160.0, 148.0, 140.0, 132.0, BREAK_BOX_W];
/// The narrowest of them.
const BREAK_BOX_W: f64 = 124.0;
/// The tallest the diagram should print (pt), to share its page with the
/// part's introduction.
const PAPER_HEIGHT: f64 = 430.0;
const MAX_LINES: usize = 3;
/// The step in which the middle ellipse's half-axes grow.
const STEP: f64 = 4.0;
/// A middle ellipse is at most this many times as wide as tall (unless
/// its smallest one is wider): very flat rings would print too wide.
const ASPECT: f64 = 2.0;
/// Sizes tried before giving up (the screen's circle is printed instead).
const MAX_STEPS: usize = 400;
const LEGEND: Font = Font::regular(12.0);
const LEGEND_ROW: f64 = 20.0;
/// Room between a legend entry's swatch and its label (as in
/// `legend_entry`), and between entries.
const LEGEND_GAP: f64 = 6.0;
const LEGEND_SEP: f64 = 20.0;

/// The widest viewBox printed on the portrait page with 12-unit text at
/// 8 pt (`render::print_fig`: 562 pt × 12 / 8).
const PORTRAIT_UNITS: f64 = 843.0;

/// The choices a layout is tried with; the one printing shortest wins.
#[derive(Clone, Copy)]
struct Try {
    /// Where place 0 is, in places clockwise from the top.
    offset: f64,
    /// Whether a middle ellipse grows wider before taller.
    wide_first: bool,
    /// The weight of an outer edge's height against its width.
    rho: f64,
    /// The widest a box may grow for its longest word; longer words are
    /// broken at a compound's joint (with a hyphen).
    word_w: f64,
}

/// An ellipse centred on the diagram's centre, by its half-axes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Oval {
    pub a: f64,
    pub b: f64,
}

/// A ring between two ellipses.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) struct Ring {
    pub circle: Circle,
    pub inner: Oval,
    pub outer: Oval,
    pub boxes: Vec<Placed>,
}

pub(crate) struct Layout {
    pub centre_r: f64,
    pub centre_lines: Vec<String>,
    pub rings: Vec<Ring>,
    pub groups: Vec<(String, &'static str)>,
}

/// Centre of the box at place `at` of `total` on the ellipse `o`, place 0
/// at the top, going clockwise.
fn place(at: f64, total: f64, o: Oval) -> (f64, f64) {
    let angle = -PI / 2.0 + 2.0 * PI * at / total;
    (o.a * angle.cos(), o.b * angle.sin())
}

/// Whether a `w`×`h` box centred on (`x`, `y`), grown by `GAP` on every
/// side, stays outside the ellipse `o`: scaled by its half-axes, the
/// ellipse is the unit circle and the box still a box, whose nearest point
/// to the centre must be at least 1 away.
fn outside(x: f64, y: f64, w: f64, h: f64, o: Oval) -> bool {
    let nx = (x.abs() - w / 2.0 - GAP).max(0.0) / o.a;
    let ny = (y.abs() - h / 2.0 - GAP).max(0.0) / o.b;
    nx.hypot(ny) >= 1.0
}

#[cfg(test)]
/// How far out (1 = on the edge) the farthest corner of a `w`×`h` box
/// centred on (`x`, `y`), grown by `GAP`, is in the ellipse `o`.
fn reach(x: f64, y: f64, w: f64, h: f64, o: Oval) -> f64 {
    ((x.abs() + w / 2.0 + GAP) / o.a).hypot((y.abs() + h / 2.0 + GAP) / o.b)
}

/// Whether boxes at `pts` stay clear of the inner edge and of each other.
fn clear(pts: &[(f64, f64)], inner: Oval, w: f64, h: f64) -> bool {
    pts.iter().all(|&(x, y)| outside(x, y, w, h, inner))
        && pts.iter().enumerate().all(|(i, &(x, y))| {
            pts[i + 1..]
                .iter()
                .all(|&(u, v)| (x - u).abs() >= w + GAP || (y - v).abs() >= h + GAP)
        })
}

/// The ring's middle ellipse: the first clear one, by size (sum of the
/// steps), wider before taller. `None` when none is found in `MAX_STEPS`.
fn middle(at: &[f64], total: f64, inner: Oval, w: f64, h: f64, t: Try) -> Option<Oval> {
    let a0 = inner.a + GAP + w / 2.0;
    let b0 = inner.b + GAP + h / 2.0;
    let mut pts = Vec::with_capacity(at.len());
    for k in 0..MAX_STEPS {
        for j in 0..=k {
            let i = if t.wide_first { k - j } else { j };
            let o = Oval {
                a: a0 + STEP * i as f64,
                b: b0 + STEP * (k - i) as f64,
            };
            if o.a > a0.max(ASPECT * o.b) {
                continue;
            }
            pts.clear();
            pts.extend(at.iter().map(|&p| place(p + t.offset, total, o)));
            if clear(&pts, inner, w, h) {
                return Some(o);
            }
        }
    }
    None
}

/// The ring's outer edge: of the ellipses holding every box (with `GAP`)
/// and the inner edge (with `GAP`), the one with the least width plus
/// `rho` times its height, its width tried in steps of 1 from the
/// narrowest possible.
fn outer_edge(boxes: &[Placed], inner: Oval, rho: f64) -> Oval {
    let a_min = boxes
        .iter()
        .map(|b| b.x.abs() + b.w / 2.0 + GAP)
        .fold(inner.a + GAP, f64::max)
        + 1.0;
    let span = boxes.iter().map(|b| b.w + b.h).fold(0.0, f64::max);
    let mut best = Oval { a: a_min, b: 0.0 };
    let mut best_cost = f64::INFINITY;
    for k in 0..=span.ceil() as usize {
        let a = a_min + k as f64;
        let b = boxes
            .iter()
            .map(|p| {
                let dx = (p.x.abs() + p.w / 2.0 + GAP) / a;
                (p.y.abs() + p.h / 2.0 + GAP) / (1.0 - dx * dx).sqrt()
            })
            .fold(inner.b + GAP, f64::max);
        // Rounded up, so that every corner stays inside.
        let b = (b * 100.0).ceil() / 100.0;
        if a + rho * b < best_cost {
            best_cost = a + rho * b;
            best = Oval { a, b };
        }
    }
    best
}

/// Box width, box height and every actor's lines for the actors `order`
/// of one ring: as narrow as the longest word (at least `MIN_BOX_W`),
/// wider (up to the screen's widest box) while a name needs more than
/// `MAX_LINES` lines.
fn box_size(a: &ActorsPart, order: &[usize], max_w: f64) -> (f64, f64, Vec<Vec<String>>) {
    let titles: Vec<&str> = order
        .iter()
        .map(|&i| a.actors[i].h.title.as_str())
        .collect();
    let longest = titles
        .iter()
        .flat_map(|t| t.split_whitespace())
        .map(|w| NAME.width(w))
        .fold(0.0, f64::max);
    let mut w = (longest + 2.0 * PAD).clamp(MIN_BOX_W, max_w);
    while w < MAX_BOX_W
        && titles
            .iter()
            .any(|t| wrap(t, NAME, w - 2.0 * PAD).len() > MAX_LINES)
    {
        w = (w + 8.0).min(MAX_BOX_W);
    }
    let lines: Vec<Vec<String>> = titles
        .iter()
        .map(|t| wrap_max(t, NAME, w - 2.0 * PAD, MAX_LINES))
        .collect();
    let most = lines.iter().map(Vec::len).max().unwrap_or(1);
    (w, NAME.block_height(most) + 2.0 * PAD, lines)
}

/// The layout for paper: of those tried, the one printed shortest on the
/// portrait page. Words are broken only when no layout with whole words
/// fits the page's width at 8 pt and [`PAPER_HEIGHT`]; boxes are then
/// narrowed in steps ([`WORD_W`]). `None` when none fits the portrait
/// page's width at 8 pt: the screen's circle is printed then, on landscape
/// pages in bands (`render::print_fig`), as a flatter shape would need a
/// page wider than landscape.
pub(crate) fn layout(a: &ActorsPart, centre: &str, t: &Strings) -> Option<Layout> {
    let mut best: Option<(f64, Layout)> = None;
    for word_w in WORD_W {
        if best.as_ref().is_some_and(|b| b.0 <= PAPER_HEIGHT) {
            break;
        }
        for offset in [0.0, 0.5] {
            for wide_first in [true, false] {
                for rho in [1.0, 0.5, 0.25] {
                    let t_ = Try {
                        offset,
                        wide_first,
                        rho,
                        word_w,
                    };
                    let Some(l) = layout_with(a, centre, t_) else {
                        continue;
                    };
                    let paper = paper_height(size(&l, t).0);
                    if best.as_ref().is_none_or(|b| paper < b.0) {
                        best = Some((paper, l));
                    }
                }
            }
        }
    }
    best.filter(|b| b.0 < f64::INFINITY).map(|b| b.1)
}

/// The height in pt of a `w`×`h` diagram printed on the portrait page as
/// `render::print_fig` prints it (as wide as 8 pt text needs, at least
/// the text column if its natural size allows); infinite if it is too
/// wide for the portrait page.
fn paper_height((w, h): (f64, f64)) -> f64 {
    if w <= PORTRAIT_UNITS {
        h / w * (w * 2.0 / 3.0).max((w * 0.75).min(493.2))
    } else {
        f64::INFINITY
    }
}

fn layout_with(a: &ActorsPart, centre: &str, t: Try) -> Option<Layout> {
    let groups = groups(a);
    let (centre_r, centre_lines) = centre_disc(centre, 36.0, 4.0);
    let mut inner = Oval {
        a: centre_r,
        b: centre_r,
    };
    let mut rings = Vec::new();
    for circle in [Circle::Primaer, Circle::Sekundaer] {
        let Some((order, at, total)) = ring_places(a, &groups, circle) else {
            continue;
        };
        let (w, h, lines) = box_size(a, &order, t.word_w);
        let mid = middle(&at, total, inner, w, h, t)?;
        let boxes: Vec<Placed> = order
            .iter()
            .zip(&at)
            .zip(lines)
            .map(|((&i, &p), lines)| {
                let (x, y) = place(p + t.offset, total, mid);
                let (fill, text) = box_colours(a, &groups, i);
                Placed {
                    actor: i,
                    x,
                    y,
                    w,
                    h,
                    lines,
                    fill,
                    text,
                }
            })
            .collect();
        let outer = outer_edge(&boxes, inner, t.rho);
        rings.push(Ring {
            circle,
            inner,
            outer,
            boxes,
        });
        inner = outer;
    }
    Some(Layout {
        centre_r,
        centre_lines,
        rings,
        groups,
    })
}

/// The legend's entries flowed into rows no wider than `width`: each
/// entry's (x, row, label line).
fn legend_rows(items: &[(String, &str, &str)], width: f64) -> Vec<(f64, usize, Vec<String>)> {
    let room = width - 2.0 * MARGIN - SWATCH - LEGEND_GAP;
    let (mut x, mut row) = (MARGIN, 0);
    items
        .iter()
        .map(|(label, _, _)| {
            let line = wrap_max(label, LEGEND, room, 1);
            let w = SWATCH + LEGEND_GAP + LEGEND.width(&line[0]);
            if x > MARGIN && x + w > width - MARGIN {
                (x, row) = (MARGIN, row + 1);
            }
            let at = x;
            x += w + LEGEND_SEP;
            (at, row, line)
        })
        .collect()
}

/// The diagram's (width, height), its outer edge and legend entries with
/// their rows.
#[allow(clippy::type_complexity)]
fn size(
    l: &Layout,
    t: &Strings,
) -> (
    (f64, f64),
    Oval,
    Vec<(String, &'static str, &'static str)>,
    Vec<(f64, usize, Vec<String>)>,
) {
    let edge = l.rings.last().map_or(
        Oval {
            a: l.centre_r,
            b: l.centre_r,
        },
        |r| r.outer,
    );
    let legend = legend_items(l.rings.iter().map(|r| r.circle), &l.groups, t);
    let widest = legend
        .iter()
        .map(|(label, _, _)| SWATCH + LEGEND_GAP + LEGEND.width(label))
        .fold(0.0, f64::max);
    let width = (2.0 * (edge.a + MARGIN))
        .max((widest + 2.0 * MARGIN).min(MAX_BOX_W * 2.0))
        .ceil();
    let rows = legend_rows(&legend, width);
    let n_rows = rows.last().map_or(0, |r| r.1 + 1);
    let height =
        (2.0 * edge.b + 4.0 * MARGIN + n_rows as f64 * LEGEND_ROW - (LEGEND_ROW - SWATCH)).ceil();
    ((width, height), edge, legend, rows)
}

/// The ring diagram for paper, `None` without actors or when it does not
/// fit the portrait page (the screen's diagram is printed then).
pub fn diagram(a: &ActorsPart, t: &Strings) -> Option<String> {
    if a.actors.is_empty() {
        return None;
    }
    let centre = a
        .centre
        .clone()
        .unwrap_or_else(|| t.get("actors.centre").to_string());
    let l = layout(a, &centre, t)?;
    let ((width, height), edge, legend, rows) = size(&l, t);
    let (cx, cy) = (width / 2.0, MARGIN + edge.b);
    let legend_top = cy + edge.b + 2.0 * MARGIN;
    let mut s = Svg::new();
    // Rings from the outside in, so each inner one is drawn over the last.
    for r in l.rings.iter().rev() {
        let (x, y, rx, ry) = (num(cx), num(cy), num(r.outer.a), num(r.outer.b));
        s.leaf(
            "ellipse",
            &[
                ("cx", &x),
                ("cy", &y),
                ("rx", &rx),
                ("ry", &ry),
                ("fill", ring_fill(r.circle)),
                ("stroke", RING_STROKE),
            ],
        );
    }
    let boxes = l.rings.iter().flat_map(|r| &r.boxes);
    draw_middle(&mut s, a, (cx, cy), l.centre_r, &l.centre_lines, boxes);
    s.open("g", &[("class", "legend")]);
    for ((_, fill, stroke), (x, row, line)) in legend.iter().zip(&rows) {
        let y = legend_top + *row as f64 * LEGEND_ROW;
        legend_entry(&mut s, (*x, y), (fill, stroke), line, LEGEND);
    }
    s.close();
    Some(finish(s, width, height, t))
}

#[cfg(test)]
mod tests {
    use super::super::CENTRE;
    use super::super::tests::part;
    use super::*;
    use Circle::*;

    /// Text in its box, boxes inside their ring (clear of both edges by
    /// `GAP`) and apart, the centre label in its disc.
    fn check(l: &Layout) {
        let h = CENTRE.block_height(l.centre_lines.len());
        let w = l
            .centre_lines
            .iter()
            .map(|x| CENTRE.width(x))
            .fold(0.0, f64::max);
        assert!((w / 2.0).hypot(h / 2.0) <= l.centre_r, "centre label");
        let all: Vec<&Placed> = l.rings.iter().flat_map(|r| &r.boxes).collect();
        let mut inner = Oval {
            a: l.centre_r,
            b: l.centre_r,
        };
        for r in &l.rings {
            assert_eq!(r.inner, inner, "rings follow each other");
            assert!(r.outer.a > r.inner.a && r.outer.b > r.inner.b);
            inner = r.outer;
            for b in &r.boxes {
                for line in &b.lines {
                    assert!(NAME.width(line) <= b.w - 2.0 * PAD, "{line} fits its box");
                }
                assert!(NAME.block_height(b.lines.len()) + 2.0 * PAD <= b.h + 0.01);
                // Every corner (grown by GAP) inside the outer edge.
                for (dx, dy) in [(-1.0, -1.0), (1.0, -1.0), (-1.0, 1.0), (1.0, 1.0)] {
                    let (x, y) = (b.x + dx * (b.w / 2.0 + GAP), b.y + dy * (b.h / 2.0 + GAP));
                    let e = (x / r.outer.a).hypot(y / r.outer.b);
                    assert!(e <= 1.0 + 1e-9, "corner of {} in its ring: {e}", b.actor);
                }
                assert!(reach(b.x, b.y, b.w, b.h, r.outer) <= 1.0 + 1e-9);
                // No point of the box (grown by GAP) inside the inner edge:
                // sampled along its sides.
                for k in 0..=40 {
                    let f = k as f64 / 40.0 - 0.5;
                    let (gw, gh) = (b.w + 2.0 * GAP, b.h + 2.0 * GAP);
                    for (x, y) in [
                        (b.x + f * gw, b.y - gh / 2.0),
                        (b.x + f * gw, b.y + gh / 2.0),
                        (b.x - gw / 2.0, b.y + f * gh),
                        (b.x + gw / 2.0, b.y + f * gh),
                    ] {
                        let e = (x / r.inner.a).hypot(y / r.inner.b);
                        assert!(e >= 1.0 - 1e-9, "box {} clear of the inner edge", b.actor);
                    }
                }
            }
        }
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                let apart = (a.x - b.x).abs() >= (a.w + b.w) / 2.0 + GAP
                    || (a.y - b.y).abs() >= (a.h + b.h) / 2.0 + GAP;
                assert!(apart, "boxes {} and {} overlap", a.actor, b.actor);
            }
        }
    }

    fn example() -> ActorsPart {
        part(&[
            ("Myndighed i Familieafdelingen", Primaer, Some("Myndighed")),
            ("Dagtilbud", Primaer, Some("Almenområdet")),
            ("Skoler og SFO", Primaer, Some("Almenområdet")),
            ("Sundhedsplejen", Primaer, Some("Almenområdet")),
            ("Familiehuset", Primaer, Some("Udførerområdet")),
            ("PPR", Sekundaer, Some("Almenområdet")),
            ("Ungeteamet", Sekundaer, Some("Udførerområdet")),
            ("Plejefamilier og netværksplejefamilier", Sekundaer, None),
            ("Opholdssteder og døgninstitutioner", Sekundaer, None),
        ])
    }

    #[test]
    fn the_example_fits_the_portrait_page_wider_than_tall() {
        let t = crate::diagrams::test_strings("da");
        let l = layout(&example(), "Barnet og familien", &t).unwrap();
        check(&l);
        let ((w, h), edge, _, _) = size(&l, &t);
        assert!(w <= PORTRAIT_UNITS, "{w}");
        // Printed at 8 pt text: at most ~430 pt tall on paper.
        assert!(paper_height((w, h)) <= PAPER_HEIGHT, "{w}×{h}");
        assert!(edge.a > edge.b, "an ellipse wider than tall: {edge:?}");
        // The screen's circle is wider than the portrait page allows.
        let screen = super::super::diagram(&example(), &t).unwrap();
        assert!(!screen.contains("<ellipse") && screen.contains("viewBox=\"0 0 979.6"));
    }

    #[test]
    fn text_stays_in_boxes_and_boxes_in_rings_small_and_large() {
        let t = crate::diagrams::test_strings("da");
        let groups = [
            Some("Myndighed"),
            Some("Almenområdet"),
            None,
            Some("Udfører"),
        ];
        let names: Vec<(String, Circle, Option<&str>)> = (0..60)
            .map(|i| {
                let n = match i % 4 {
                    0 => "PPR".to_string(),
                    1 => format!("Sundhedsplejen og familieambulatoriet {i}"),
                    2 => "Døgninstitutionsafdelingsledelsessekretariatet".to_string(),
                    _ => format!("Skole {i}"),
                };
                (
                    n,
                    if i % 3 == 0 { Primaer } else { Sekundaer },
                    groups[i % 4],
                )
            })
            .collect();
        for take in [1, 2, 3, 5, 9, 30] {
            let list: Vec<(&str, Circle, Option<&str>)> = names[..take]
                .iter()
                .map(|(n, c, g)| (n.as_str(), *c, *g))
                .collect();
            let p = part(&list);
            for centre in [
                "Barnet",
                "Barnet, den unge og hele familien med netværket omkring dem",
            ] {
                for (offset, wide_first, rho, word_w) in
                    [(0.0, true, 1.0, MAX_BOX_W), (0.5, false, 0.25, BREAK_BOX_W)]
                {
                    let l = layout_with(
                        &p,
                        centre,
                        Try {
                            offset,
                            wide_first,
                            rho,
                            word_w,
                        },
                    )
                    .unwrap_or_else(|| panic!("{take}"));
                    check(&l);
                    assert_eq!(l.rings.iter().map(|r| r.boxes.len()).sum::<usize>(), take);
                }
                // The chosen layout fits the portrait page, or there is none.
                match layout(&p, centre, &t) {
                    Some(l) => assert!(size(&l, &t).0.0 <= PORTRAIT_UNITS),
                    None => assert!(take > 5, "{take} actors fit the portrait page"),
                }
            }
        }
        // Only outer-ring actors: the ring keeps its meaning and colour.
        let outer = diagram(&part(&[("PPR", Sekundaer, None)]), &t).unwrap();
        assert!(outer.contains(ring_fill(Sekundaer)) && !outer.contains(ring_fill(Primaer)));
    }

    #[test]
    fn the_print_diagram_keeps_every_actor_group_and_the_legend() {
        let t = crate::diagrams::test_strings("da");
        let p = example();
        let svg = diagram(&p, &t).unwrap();
        assert_eq!(svg, diagram(&p, &t).unwrap(), "deterministic");
        for a in &p.actors {
            assert!(
                svg.contains(&format!("omstil-root:/aktoerer/{}.html", a.h.id)),
                "{}",
                a.h.id
            );
        }
        for label in [
            "Primære aktører",
            "Sekundære aktører",
            "Myndighed",
            "Almenområdet",
            "Udførerområdet",
        ] {
            assert!(svg.contains(&format!(">{label}</tspan>")), "{label}");
        }
        assert_eq!(svg.matches("<ellipse").count(), 2);
        assert!(svg.contains(">Barnet"), "the centre label");
        assert!(diagram(&part(&[]), &t).is_none());
    }
}
