//! The actors around the child and family as concentric rings: the centre
//! label in a disc, the primary actors in the inner ring, the secondary
//! actors in the outer ring (the Nordfyns strategy's "Figure 1").
//!
//! Each actor is a box on its ring's middle circle. Actors of the same
//! `gruppe` stand next to each other and share a fill (named in the
//! legend); groups are kept apart by half a box's room. A ring's radius is
//! chosen so that neighbouring boxes cannot touch (the distance between
//! their centres is at least a box's diagonal) and every box lies wholly
//! inside its ring, so no text leaves its box and no box leaves its ring.

use super::text::{Font, wrap, wrap_max};
use super::{Doc, Svg, colour, document, num};
use crate::content::model::{ActorsPart, Kind};
use crate::content::raw::Circle;
use crate::theme::Strings;
use crate::url::url;
use std::f64::consts::PI;

mod print;
/// The ring diagram for paper (see `print`).
pub use print::diagram as diagram_print;

const ID: &str = "aktoerer";
const MARGIN: f64 = 8.0;
const BOX_W: f64 = 132.0;
/// Boxes widen (up to this) so that the longest word of a name fits on one
/// line: "Anbringelsessteder" is not broken in the middle of a word.
const MAX_BOX_W: f64 = 210.0;
const PAD: f64 = 7.0;
const MAX_LINES: usize = 3;
/// Room between a box and the edge of its ring, and between two boxes.
const GAP: f64 = 8.0;
const NAME: Font = Font::bold(12.0);
const CENTRE: Font = Font::bold(14.0);
const LEGEND: Font = Font::regular(12.5);
const SWATCH: f64 = 14.0;
const LEGEND_ROW: f64 = 22.0;
const MIN_WIDTH: f64 = 520.0;
/// The fill of a ring: the same colour for the same circle, whether or
/// not the other ring is drawn.
fn ring_fill(c: Circle) -> &'static str {
    match c {
        Circle::Primaer => "#e3edf7",
        Circle::Sekundaer => "#f1f3f5",
    }
}
const RING_STROKE: &str = "#9aa7b2";

/// One actor's box, centred on (`x`, `y`) relative to the diagram's centre.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) struct Placed {
    pub actor: usize,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub lines: Vec<String>,
    pub fill: &'static str,
    pub text: &'static str,
}

/// A ring: from `inner` to `outer` radius.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) struct Ring {
    pub circle: Circle,
    pub inner: f64,
    pub outer: f64,
    pub boxes: Vec<Placed>,
}

pub(crate) struct Layout {
    pub centre_r: f64,
    pub centre_lines: Vec<String>,
    pub rings: Vec<Ring>,
    /// Groups in order of first appearance, with their fill.
    pub groups: Vec<(String, &'static str)>,
}

/// The groups in order of first appearance, with a fill each.
fn groups(a: &ActorsPart) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::new();
    for x in &a.actors {
        if let Some(g) = &x.group
            && !out.iter().any(|(n, _)| n == g)
        {
            let fill = colour::CATEGORIES[out.len() % colour::CATEGORIES.len()];
            out.push((g.clone(), fill));
        }
    }
    out
}

/// Room between two groups on a ring, in box places.
const GROUP_GAP: f64 = 0.5;

/// The actors of one ring in drawing order (grouped, groups in order of
/// first appearance, ungrouped last), each actor's place on the ring and
/// the number of places: half a place between groups when there are
/// several. `None` when the ring has no actors.
fn ring_places(
    a: &ActorsPart,
    groups: &[(String, &'static str)],
    circle: Circle,
) -> Option<(Vec<usize>, Vec<f64>, f64)> {
    let mine: Vec<usize> = (0..a.actors.len())
        .filter(|i| a.actors[*i].circle == circle)
        .collect();
    if mine.is_empty() {
        return None;
    }
    let mut keys: Vec<Option<&str>> = groups.iter().map(|(g, _)| Some(g.as_str())).collect();
    keys.push(None);
    let runs: Vec<Vec<usize>> = keys
        .iter()
        .map(|k| {
            mine.iter()
                .copied()
                .filter(|i| a.actors[*i].group.as_deref() == *k)
                .collect::<Vec<usize>>()
        })
        .filter(|run| !run.is_empty())
        .collect();
    let gap = if runs.len() > 1 { GROUP_GAP } else { 0.0 };
    let (mut order, mut at) = (Vec::new(), Vec::new());
    let mut pos = 0.0;
    for run in &runs {
        for &i in run {
            order.push(i);
            at.push(pos);
            pos += 1.0;
        }
        pos += gap;
    }
    Some((order, at, pos))
}

/// Fill and text colour of actor `i`'s box: its group's colour, white
/// when it has no group.
fn box_colours(
    a: &ActorsPart,
    groups: &[(String, &'static str)],
    i: usize,
) -> (&'static str, &'static str) {
    match &a.actors[i].group {
        Some(g) => (
            groups
                .iter()
                .find(|(n, _)| n == g)
                .map_or(colour::WHITE, |x| x.1),
            colour::WHITE,
        ),
        None => (colour::WHITE, colour::TEXT),
    }
}

/// The centre disc's radius (from `start`, growing by `step`) and its
/// label's lines: the smallest disc that holds the wrapped label.
fn centre_disc(centre: &str, start: f64, step: f64) -> (f64, Vec<String>) {
    let mut r = start;
    loop {
        let w = r * 1.4;
        let lines = wrap(centre, CENTRE, w);
        let h = CENTRE.block_height(lines.len());
        let widest = lines.iter().map(|l| CENTRE.width(l)).fold(0.0, f64::max);
        if (widest / 2.0).hypot(h / 2.0) + 4.0 <= r && widest <= w {
            return (r, lines);
        }
        r += step;
    }
}

/// Centre of the box at place `at` of `total` places on a circle of radius
/// `r`, place 0 at the top, going clockwise.
fn place(at: f64, total: f64, r: f64) -> (f64, f64) {
    let angle = -PI / 2.0 + 2.0 * PI * at / total;
    (r * angle.cos(), r * angle.sin())
}

/// The smallest radius (in steps of 2) at which boxes of `box_h` at the
/// places `at` (of `total`) stay `GAP` clear of the ring's inner edge and
/// of their neighbours (up to three boxes away, where the nearest ones
/// are). The radius at which the boxes' diagonals cannot touch is the
/// upper bound, so the search ends.
fn ring_radius(at: &[f64], total: f64, inner: f64, box_w: f64, box_h: f64) -> f64 {
    let n = at.len();
    let half_diag = (box_w / 2.0).hypot(box_h / 2.0);
    let mut safe = inner + GAP + half_diag;
    if n > 1 {
        safe = safe.max((2.0 * half_diag + GAP) / (2.0 * (PI / total).sin()));
    }
    let clear = |r: f64| {
        (0..n).all(|i| {
            let (x, y) = place(at[i], total, r);
            let near = (x.abs() - box_w / 2.0)
                .max(0.0)
                .hypot((y.abs() - box_h / 2.0).max(0.0));
            near >= inner + GAP
                && (1..=3.min(n - 1)).all(|k| {
                    let (u, v) = place(at[(i + k) % n], total, r);
                    (x - u).abs() >= box_w + GAP || (y - v).abs() >= box_h + GAP
                })
        })
    };
    let mut r = inner + GAP + box_h.min(box_w) / 2.0;
    while r < safe && !clear(r) {
        r += 2.0;
    }
    r.min(safe)
}

pub(crate) fn layout(a: &ActorsPart, centre: &str) -> Layout {
    let groups = groups(a);
    // The centre disc: grow until the wrapped label's box fits inside it.
    let (centre_r, centre_lines) = centre_disc(centre, 64.0, 8.0);
    let longest_word = a
        .actors
        .iter()
        .flat_map(|x| x.h.title.split_whitespace())
        .map(|w| NAME.width(w))
        .fold(0.0, f64::max);
    let box_w = (longest_word + 2.0 * PAD).clamp(BOX_W, MAX_BOX_W);
    let texts: Vec<Vec<String>> = a
        .actors
        .iter()
        .map(|x| wrap_max(&x.h.title, NAME, box_w - 2.0 * PAD, MAX_LINES))
        .collect();
    let most = texts.iter().map(Vec::len).max().unwrap_or(1);
    let box_h = NAME.block_height(most) + 2.0 * PAD;
    let mut rings = Vec::new();
    let mut inner = centre_r;
    for circle in [Circle::Primaer, Circle::Sekundaer] {
        let Some((order, at, total)) = ring_places(a, &groups, circle) else {
            continue;
        };
        let mid = ring_radius(&at, total, inner, box_w, box_h);
        let mut boxes = Vec::new();
        for (&i, &p) in order.iter().zip(&at) {
            let (x, y) = place(p, total, mid);
            let (fill, text) = box_colours(a, &groups, i);
            boxes.push(Placed {
                actor: i,
                x,
                y,
                w: box_w,
                h: box_h,
                lines: texts[i].clone(),
                fill,
                text,
            });
        }
        let outer = boxes
            .iter()
            .map(|b: &Placed| (b.x.abs() + b.w / 2.0).hypot(b.y.abs() + b.h / 2.0))
            .fold(inner, f64::max)
            + GAP;
        rings.push(Ring {
            circle,
            inner,
            outer,
            boxes,
        });
        inner = outer;
    }
    Layout {
        centre_r,
        centre_lines,
        rings,
        groups,
    }
}

/// The ring diagram, or `None` when there are no actors.
pub fn diagram(a: &ActorsPart, t: &Strings) -> Option<String> {
    if a.actors.is_empty() {
        return None;
    }
    let centre = a
        .centre
        .clone()
        .unwrap_or_else(|| t.get("actors.centre").to_string());
    let l = layout(a, &centre);
    let radius = l.rings.last().map_or(l.centre_r, |r| r.outer);
    let width = (2.0 * (radius + MARGIN)).max(MIN_WIDTH);
    let (cx, cy) = (width / 2.0, MARGIN + radius);
    let legend = legend_items(l.rings.iter().map(|r| r.circle), &l.groups, t);
    let legend_top = cy + radius + 2.0 * MARGIN;
    let height = legend_top + LEGEND_ROW * legend.len() as f64 + MARGIN;
    let mut s = Svg::new();
    // Rings from the outside in, so each inner disc is drawn over the last.
    for r in l.rings.iter().rev() {
        let (x, y, rr) = (num(cx), num(cy), num(r.outer));
        s.leaf(
            "circle",
            &[
                ("cx", &x),
                ("cy", &y),
                ("r", &rr),
                ("fill", ring_fill(r.circle)),
                ("stroke", RING_STROKE),
            ],
        );
    }
    let boxes = l.rings.iter().flat_map(|r| &r.boxes);
    draw_middle(&mut s, a, (cx, cy), l.centre_r, &l.centre_lines, boxes);
    s.open("g", &[("class", "legend")]);
    for (i, (label, fill, stroke)) in legend.iter().enumerate() {
        let y = legend_top + i as f64 * LEGEND_ROW;
        let line = wrap_max(label, LEGEND, width - 3.0 * MARGIN - SWATCH, 1);
        legend_entry(&mut s, (MARGIN, y), (fill, stroke), &line, LEGEND);
    }
    s.close();
    Some(finish(s, width, height, t))
}

/// The legend's entries: the rings drawn (`circles`), then the groups,
/// as (label, fill, stroke).
fn legend_items(
    circles: impl Iterator<Item = Circle>,
    groups: &[(String, &'static str)],
    t: &Strings,
) -> Vec<(String, &'static str, &'static str)> {
    let mut legend: Vec<(String, &'static str, &'static str)> = circles
        .map(|c| {
            let key = match c {
                Circle::Primaer => "actors.primary",
                Circle::Sekundaer => "actors.secondary",
            };
            (t.get(key).to_string(), ring_fill(c), RING_STROKE)
        })
        .collect();
    legend.extend(groups.iter().map(|(g, fill)| (g.clone(), *fill, *fill)));
    legend
}

/// The centre disc with its label at (`cx`, `cy`) and the actors' boxes.
fn draw_middle<'a>(
    s: &mut Svg,
    a: &ActorsPart,
    (cx, cy): (f64, f64),
    r: f64,
    lines: &[String],
    boxes: impl Iterator<Item = &'a Placed>,
) {
    let (x, y, rr) = (num(cx), num(cy), num(r));
    s.leaf(
        "circle",
        &[
            ("cx", &x),
            ("cy", &y),
            ("r", &rr),
            ("fill", colour::SHORT.1),
        ],
    );
    let top = cy - CENTRE.block_height(lines.len()) / 2.0;
    s.lines(cx, top, lines, CENTRE, "middle", colour::WHITE);
    for b in boxes {
        draw_box(s, a, b, cx, cy);
    }
}

/// One actor's box with its name, centred on (`cx` + `b.x`, `cy` + `b.y`),
/// and its link area.
fn draw_box(s: &mut Svg, a: &ActorsPart, b: &Placed, cx: f64, cy: f64) {
    let actor = &a.actors[b.actor];
    let (x0, y0) = (cx + b.x - b.w / 2.0, cy + b.y - b.h / 2.0);
    s.open("g", &[("data-node", &Kind::Aktoer.url(&actor.h.id))]);
    s.title(&actor.h.title);
    let stroke = if b.fill == colour::WHITE {
        colour::LINE
    } else {
        b.fill
    };
    s.rect(
        x0,
        y0,
        b.w,
        b.h,
        &[("rx", "6"), ("fill", b.fill), ("stroke", stroke)],
    );
    let text_top = cy + b.y - NAME.block_height(b.lines.len()) / 2.0;
    s.lines(cx + b.x, text_top, &b.lines, NAME, "middle", b.text);
    s.close();
    let tip = match &actor.group {
        Some(g) => format!("{} ({g})", actor.h.title),
        None => actor.h.title.clone(),
    };
    s.area(
        &url(&Kind::Aktoer.url(&actor.h.id)),
        &tip,
        x0,
        y0,
        b.w,
        b.h,
        6.0,
    );
}

/// One legend entry at (`x`, `y`): a swatch and its label, 6 units apart.
fn legend_entry(
    s: &mut Svg,
    (x, y): (f64, f64),
    (fill, stroke): (&str, &str),
    line: &[String],
    font: Font,
) {
    s.rect(x, y, SWATCH, SWATCH, &[("fill", fill), ("stroke", stroke)]);
    s.lines(
        x + SWATCH + 6.0,
        y + SWATCH / 2.0 - font.line_height() / 2.0,
        line,
        font,
        "start",
        colour::TEXT,
    );
}

/// The finished diagram: its title and description (what it shows,
/// where its text is) around the drawing.
fn finish(s: Svg, width: f64, height: f64, t: &Strings) -> String {
    let desc = format!(
        "{} {}",
        t.get("diagram.actors_desc"),
        t.get("diagram.see_text")
    );
    document(
        &Doc {
            id: ID,
            width,
            height,
            title: t.get("diagram.actors_title"),
            desc: &desc,
        },
        s,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::{Actor, Header};
    use crate::diag::Pos;

    pub(super) fn part(names: &[(&str, Circle, Option<&str>)]) -> ActorsPart {
        ActorsPart {
            centre: None,
            intro: None,
            actors: names
                .iter()
                .enumerate()
                .map(|(i, (n, c, g))| Actor {
                    h: Header {
                        id: format!("a{i}"),
                        title: n.to_string(),
                        pos: Pos::FILE,
                        prov: Default::default(),
                    },
                    circle: *c,
                    group: g.map(str::to_string),
                    description: None,
                    actions: Vec::new(),
                    activities: Vec::new(),
                })
                .collect(),
            backlinks: Default::default(),
        }
    }

    fn check(l: &Layout) {
        for (i, line) in l.centre_lines.iter().enumerate() {
            assert!(CENTRE.width(line) <= l.centre_r * 1.4, "centre line {i}");
        }
        let h = CENTRE.block_height(l.centre_lines.len());
        let w = l
            .centre_lines
            .iter()
            .map(|x| CENTRE.width(x))
            .fold(0.0, f64::max);
        assert!(
            (w / 2.0).hypot(h / 2.0) <= l.centre_r,
            "centre label in its disc"
        );
        let all: Vec<&Placed> = l.rings.iter().flat_map(|r| &r.boxes).collect();
        for r in &l.rings {
            for b in &r.boxes {
                for line in &b.lines {
                    assert!(NAME.width(line) <= b.w - 2.0 * PAD, "{line} fits its box");
                }
                assert!(NAME.block_height(b.lines.len()) + 2.0 * PAD <= b.h + 0.01);
                for (dx, dy) in [(-1.0, -1.0), (1.0, -1.0), (-1.0, 1.0), (1.0, 1.0)] {
                    let d = (b.x + dx * b.w / 2.0).hypot(b.y + dy * b.h / 2.0);
                    assert!(d <= r.outer, "corner inside its ring");
                }
                // The box's nearest point to the centre is outside the inner edge.
                let nx = b.x.abs() - b.w / 2.0;
                let ny = b.y.abs() - b.h / 2.0;
                let near = nx.max(0.0).hypot(ny.max(0.0));
                assert!(near >= r.inner, "box clear of the inner ring");
            }
        }
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                let apart = (a.x - b.x).abs() >= (a.w + b.w) / 2.0
                    || (a.y - b.y).abs() >= (a.h + b.h) / 2.0;
                assert!(apart, "boxes {} and {} overlap", a.actor, b.actor);
            }
        }
    }

    #[test]
    fn long_compound_names_are_not_broken_inside_a_word() {
        let l = layout(
            &part(&[
                ("Anbringelsessteder", Circle::Sekundaer, None),
                ("Sundhedsplejen", Circle::Primaer, None),
                ("PPR", Circle::Sekundaer, None),
            ]),
            "Barnet og familien",
        );
        check(&l);
        for ring in &l.rings {
            for b in &ring.boxes {
                assert!(
                    b.lines.iter().all(|line| !line.ends_with('-')),
                    "{:?}",
                    b.lines
                );
            }
        }
    }

    #[test]
    fn text_stays_in_boxes_and_boxes_in_rings() {
        use Circle::*;
        let mut names: Vec<(String, Circle, Option<&str>)> = Vec::new();
        let groups = [
            Some("Myndighed"),
            Some("Almenområdet"),
            None,
            Some("Udførerområdet"),
        ];
        for i in 0..60 {
            let n = match i % 4 {
                0 => "PPR".to_string(),
                1 => format!("Sundhedsplejen og familieambulatoriet {i}"),
                2 => "Døgninstitutionsafdelingsledelsessekretariatet".to_string(),
                _ => format!("Skole {i}"),
            };
            names.push((
                n,
                if i % 3 == 0 { Primaer } else { Sekundaer },
                groups[i % 4],
            ));
        }
        for take in [1, 2, 3, 5, 23, 60] {
            let list: Vec<(&str, Circle, Option<&str>)> = names[..take]
                .iter()
                .map(|(n, c, g)| (n.as_str(), *c, *g))
                .collect();
            let p = part(&list);
            check(&layout(&p, "Barnet og familien"));
            check(&layout(
                &p,
                "Barnet, den unge og hele familien med netværket omkring dem",
            ));
        }
    }

    #[test]
    fn groups_stand_together_and_output_is_deterministic() {
        use Circle::*;
        let p = part(&[
            ("A", Primaer, Some("X")),
            ("B", Primaer, Some("Y")),
            ("C", Primaer, Some("X")),
            ("D", Sekundaer, None),
        ]);
        let l = layout(&p, "Barnet");
        let order: Vec<usize> = l.rings[0].boxes.iter().map(|b| b.actor).collect();
        assert_eq!(order, vec![0, 2, 1]);
        let t = crate::diagrams::test_strings("da");
        let one = diagram(&p, &t).unwrap();
        assert_eq!(one, diagram(&p, &t).unwrap());
        assert!(one.contains("role=\"img\""));
        assert!(one.contains(">Barnet"), "the centre label");
        assert!(one.contains("aria-hidden=\"true\""));
        assert!(one.contains("href=\"omstil-root:/aktoerer/a3.html\""));
        assert!(diagram(&part(&[]), &t).is_none());
        // A ring keeps its colour when the other ring is not drawn.
        let outer_only = diagram(&part(&[("D", Sekundaer, None)]), &t).unwrap();
        assert!(outer_only.contains(ring_fill(Sekundaer)));
        assert!(!outer_only.contains(ring_fill(Primaer)));
    }

    #[test]
    fn snapshot() {
        use Circle::*;
        let p = part(&[
            ("Myndighed", Primaer, Some("Myndighed")),
            ("Sundhedsplejen", Primaer, Some("Almenområdet")),
            ("Dagtilbud", Primaer, Some("Almenområdet")),
            ("Skoler og SFO", Primaer, Some("Almenområdet")),
            ("Familiehuset", Primaer, Some("Udførerområdet")),
            (
                "Pædagogisk Psykologisk Rådgivning",
                Sekundaer,
                Some("Almenområdet"),
            ),
            ("Døgninstitutionen", Sekundaer, Some("Udførerområdet")),
            ("Plejefamilier og netværksplejefamilier", Sekundaer, None),
            ("Opholdssteder", Sekundaer, None),
        ]);
        let svg = diagram(&p, &crate::diagrams::test_strings("da")).unwrap();
        crate::diagrams::assert_snapshot("actors", &svg);
    }
}
