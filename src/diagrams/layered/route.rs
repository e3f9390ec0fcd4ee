//! Ports and routes of the layered layout: where edges leave and enter
//! boxes, bundles into and out of lanes, and the SVG path of a route.

use super::{Graph, Params, Route};

/// Ports and routes. A node's edges leave and enter at heights spread over
/// its side, in the order of the other ends, so they fan out without
/// crossing at the box.
pub(super) fn route(
    g: &Graph,
    y: &[f64],
    chains: &[(usize, Vec<usize>)],
    p: &Params,
) -> Vec<Route> {
    let centre = |n: usize| y[n] + g.height[n] / 2.0;
    // Where a node's edges leave it (`succs`) or enter it (`preds`): one
    // end per lane it reaches with two or more edges (a bundle), one per
    // other neighbour; each with the mean height of its other ends.
    let end_key = |n: usize, nbs: &[Vec<usize>], s: usize| -> (bool, usize) {
        let bundled = n < g.real
            && s < g.real
            && g.laned[g.rank[s]]
            && nbs[n]
                .iter()
                .filter(|t| **t < g.real && g.group[**t] == g.group[s])
                .count()
                >= 2;
        if bundled {
            (true, g.group[s])
        } else {
            (false, s)
        }
    };
    let ends = |n: usize, nbs: &[Vec<usize>]| -> Vec<((bool, usize), f64)> {
        let mut out: Vec<((bool, usize), f64, usize)> = Vec::new();
        for s in &nbs[n] {
            let k = end_key(n, nbs, *s);
            match out.iter_mut().find(|e| e.0 == k) {
                Some(e) => {
                    e.1 += centre(*s);
                    e.2 += 1;
                }
                None => out.push((k, centre(*s), 1)),
            }
        }
        let mut out: Vec<((bool, usize), f64)> = out
            .into_iter()
            .map(|(k, sum, n)| (k, sum / n as f64))
            .collect();
        out.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
        out
    };
    let spread = |n: usize, i: usize, k: usize| -> f64 {
        if n >= g.real || k <= 1 {
            return centre(n);
        }
        let h = g.height[n];
        let pad = (h * 0.2).min(10.0);
        y[n] + pad + (h - 2.0 * pad) * (i as f64 + 0.5) / k as f64
    };
    let col = |r: usize| p.columns.get(r).copied().unwrap_or((0.0, 0.0));
    chains
        .iter()
        .map(|(ei, chain)| {
            let mut pts = Vec::new();
            let (a, b) = (chain[0], chain[1]);
            let (ca, wa) = col(g.rank[a]);
            let ex = ends(a, &g.succs);
            let k = end_key(a, &g.succs, b);
            let i = ex.iter().position(|e| e.0 == k).unwrap_or(0);
            pts.push((ca + wa, spread(a, i, ex.len())));
            if k.0 {
                // A bundle into a lane: one trunk to a junction halfway
                // across the gap, level with the middle of its targets,
                // then a branch to each target.
                let x = (ca + wa + col(g.rank[b]).0) / 2.0;
                let jy = ex[i].1;
                pts.push((x, jy));
                pts.push((x, jy));
            }
            for w in chain.windows(2).skip(1) {
                let d = w[0];
                let (cx, cw) = col(g.rank[d]);
                pts.push((cx, centre(d)));
                pts.push((cx + cw, centre(d)));
            }
            let (z, before) = (chain[chain.len() - 1], chain[chain.len() - 2]);
            let en = ends(z, &g.preds);
            let k = end_key(z, &g.preds, before);
            let i = en.iter().position(|e| e.0 == k).unwrap_or(0);
            let end = (col(g.rank[z]).0, spread(z, i, en.len()));
            if k.0 && !pts.is_empty() && pts.len() % 2 == 1 {
                // A bundle from a lane: branches meet halfway across the
                // gap, level with the middle of their sources, and one
                // trunk (one arrowhead) goes on to the target.
                let (lx, _) = pts[pts.len() - 1];
                let jx = (lx + end.0) / 2.0;
                pts.push((jx, en[i].1));
                pts.push((jx, en[i].1));
            }
            pts.push(end);
            Route {
                edge: *ei,
                points: pts,
            }
        })
        .collect()
}

/// SVG path data for a route: curves between columns, lines through them.
pub fn path_data(points: &[(f64, f64)]) -> String {
    use crate::diagrams::num;
    let mut d = String::new();
    for (i, (x, y)) in points.iter().enumerate() {
        if i == 0 {
            d.push_str(&format!("M{},{}", num(*x), num(*y)));
        } else if i % 2 == 1 {
            let (px, py) = points[i - 1];
            let mx = (px + x) / 2.0;
            d.push_str(&format!(
                " C{},{} {},{} {},{}",
                num(mx),
                num(py),
                num(mx),
                num(*y),
                num(*x),
                num(*y)
            ));
        } else {
            d.push_str(&format!(" L{},{}", num(*x), num(*y)));
        }
    }
    d
}

/// A point at parameter `t` on the curve from `a` to `b` drawn by
/// [`path_data`].
pub fn curve_point(a: (f64, f64), b: (f64, f64), t: f64) -> (f64, f64) {
    let mx = (a.0 + b.0) / 2.0;
    let u = 1.0 - t;
    let x = u * u * u * a.0 + 3.0 * u * u * t * mx + 3.0 * u * t * t * mx + t * t * t * b.0;
    let y = u * u * u * a.1 + 3.0 * u * u * t * a.1 + 3.0 * u * t * t * b.1 + t * t * t * b.1;
    (x, y)
}
