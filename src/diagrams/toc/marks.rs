//! The theory-of-change diagram's marks besides boxes and edges: the
//! lanes' bands with their headings, the assumption markers (and where
//! on its edge a marker goes) and the legend.

use super::*;

/// The assumption marker: a circle with a letter.
pub(super) fn marker(s: &mut Svg, cx: f64, cy: f64, t: &Strings) {
    let (x, y) = (num(cx), num(cy));
    s.leaf(
        "circle",
        &[
            ("cx", &x),
            ("cy", &y),
            ("r", &num(MARK_R)),
            ("fill", colour::WHITE),
            ("stroke", colour::WARN),
            ("stroke-width", "1.5"),
        ],
    );
    s.text(
        cx,
        cy + 4.0,
        t.get("diagram.assumption_mark"),
        Font::bold(12.0),
        "middle",
        colour::WARN,
    );
}

pub(super) fn legend(s: &mut Svg, g: &Graph, top: f64, width: f64, t: &Strings) -> f64 {
    let blank = Header {
        id: String::new(),
        title: String::new(),
        pos: crate::diag::Pos::FILE,
        prov: Default::default(),
    };
    let mut items: Vec<(Option<Node>, String)> = Vec::new();
    let has_acts = g.nodes.iter().any(|n| n.kind == Kind::Aktivitet);
    if has_acts {
        for a in [Area::Myndighed, Area::Tilbudsvifte, Area::Almenomraade] {
            let n = Node {
                areas: vec![a],
                ..Node::new(Kind::Aktivitet, &blank, Col::Act)
            };
            items.push((
                Some(n),
                format!(
                    "{}: {}",
                    t.get("diagram.legend_area"),
                    t.get(&format!("area.{}", area_key(a)))
                ),
            ));
        }
    }
    if g.nodes.iter().any(|n| n.loose) {
        let n = Node {
            loose: true,
            ..Node::new(Kind::Hypotese, &blank, Col::Hyp)
        };
        items.push((Some(n), t.get("diagram.legend_loose").to_string()));
    }
    if g.edges.iter().any(|e| !e.assumptions.is_empty())
        || g.nodes.iter().any(|n| !n.assumptions.is_empty())
    {
        items.push((None, t.get("diagram.legend_assumption").to_string()));
    }
    if items.is_empty() {
        return top;
    }
    let font = Font::regular(12.0);
    let (mut x, mut y) = (MARGIN, top + 10.0);
    let row_h = 22.0;
    s.open("g", &[("class", "legend")]);
    for (node, label) in items {
        let w = 30.0 + 6.0 + font.width(&label) + 22.0;
        if x + w > width - MARGIN && x > MARGIN {
            x = MARGIN;
            y += row_h;
        }
        match node {
            Some(n) => {
                s.rect(x, y, 30.0, 16.0, &box_attrs(&n, "3"));
            }
            None => marker(s, x + 15.0, y + 8.0, t),
        }
        s.text(x + 36.0, y + 12.5, &label, font, "start", colour::TEXT);
        x += w;
    }
    s.close();
    y + row_h
}

/// The lanes' bands behind the activities, each with its heading (the
/// area's name) in the band's top left corner, in the area's colour.
pub(super) fn lanes(s: &mut Svg, bands: &[layered::LaneBand], t: &Strings) {
    if bands.is_empty() {
        return;
    }
    s.open("g", &[("class", "lanes")]);
    for b in bands {
        let r = b.rect;
        let ((fill, stroke), ink) = match b.lane {
            0 => (colour::MYNDIGHED, colour::MYNDIGHED.1),
            1 => (colour::TILBUDSVIFTE, colour::TILBUDSVIFTE.1),
            2 => (colour::ALMEN, colour::ALMEN.1),
            _ => ((colour::WHITE, colour::GRID), colour::TEXT),
        };
        s.open(
            "g",
            &[("class", "lane"), ("data-lane", &b.lane.to_string())],
        );
        s.rect(
            r.x,
            r.y,
            r.w,
            r.h,
            &[
                ("fill", fill),
                ("fill-opacity", "0.35"),
                ("stroke", stroke),
                ("stroke-width", "1"),
                ("rx", "6"),
            ],
        );
        s.text(
            r.x + 8.0,
            r.y + 4.0 + LANE_HEAD.size,
            &lane_label(b.lane, t).to_uppercase(),
            LANE_HEAD,
            "start",
            ink,
        );
        s.close();
    }
    s.close();
}

/// Points along a route's curves (between columns), for distances.
fn samples(r: &layered::Route) -> Vec<(f64, f64)> {
    r.points
        .chunks(2)
        .filter(|w| w.len() == 2)
        .flat_map(|w| (0..=64).map(move |k| layered::curve_point(w[0], w[1], k as f64 / 64.0)))
        .collect()
}

/// Where an edge's assumption marker goes: on the edge itself, at the
/// first of a fixed list of spots (middle of the last curve, then further
/// along it, then on the first curve) where no other edge passes under
/// the marker and no other marker sits; failing that, the spot farthest
/// from the other edges. Deterministic: the list and the tie-break are
/// fixed.
pub(super) fn marker_spot(
    r: &layered::Route,
    routes: &[layered::Route],
    placed: &[(f64, f64)],
) -> (f64, f64) {
    let n = r.points.len();
    // The middle first, then outwards in steps of 0.05.
    let ts: Vec<f64> = (0..19)
        .map(|k| 0.5 + if k % 2 == 0 { 1.0 } else { -1.0 } * ((k + 1) / 2) as f64 * 0.05)
        .collect();
    let mut spots: Vec<(f64, f64)> = ts
        .iter()
        .map(|t| layered::curve_point(r.points[n - 2], r.points[n - 1], *t))
        .collect();
    if n > 2 {
        spots.extend(
            ts.iter()
                .map(|t| layered::curve_point(r.points[0], r.points[1], *t)),
        );
    }
    let others: Vec<(f64, f64)> = routes
        .iter()
        .filter(|o| o.edge != r.edge)
        .flat_map(samples)
        .collect();
    let clearance = |(x, y): (f64, f64)| {
        let edges = others
            .iter()
            .map(|(ox, oy)| (ox - x).hypot(oy - y))
            .fold(f64::INFINITY, f64::min);
        let marks = placed
            .iter()
            .map(|(px, py)| (px - x).hypot(py - y) - MARK_R - 2.0)
            .fold(f64::INFINITY, f64::min);
        edges.min(marks)
    };
    spots
        .iter()
        .copied()
        .find(|s| clearance(*s) > MARK_R + 0.5)
        .unwrap_or_else(|| {
            spots
                .iter()
                .copied()
                .fold((spots[0], f64::NEG_INFINITY), |best, s| {
                    let c = clearance(s);
                    if c > best.1 { (s, c) } else { best }
                })
                .0
        })
}
