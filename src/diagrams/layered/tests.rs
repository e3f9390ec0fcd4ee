//! Layout tests: generated graphs, no overlaps, routes avoid boxes, lanes.
use super::*;

/// A deterministic pseudo-random layered graph: `per_rank` nodes in
/// each of 5 ranks, each node linked to 1–3 nodes further right
/// (mostly the next rank, sometimes two ranks on).
pub fn generated(per_rank: &[usize], seed: u64) -> Input {
    let mut rng = crate::diagrams::Lcg(seed);
    let mut next = move || rng.below(usize::MAX);
    let mut rank = Vec::new();
    let mut height = Vec::new();
    for (r, n) in per_rank.iter().enumerate() {
        for _ in 0..*n {
            rank.push(r);
            height.push(30.0 + (next() % 4) as f64 * 16.0);
        }
    }
    let first: Vec<usize> = per_rank
        .iter()
        .scan(0, |acc, n| {
            let f = *acc;
            *acc += n;
            Some(f)
        })
        .collect();
    let mut edges = Vec::new();
    for (v, &r) in rank.iter().enumerate() {
        if r + 1 >= per_rank.len() {
            continue;
        }
        for _ in 0..1 + next() % 3 {
            let to_r = if r + 2 < per_rank.len() && next() % 5 == 0 {
                r + 2
            } else {
                r + 1
            };
            let to = first[to_r] + next() % per_rank[to_r];
            if !edges.contains(&(v, to)) {
                edges.push((v, to));
            }
        }
    }
    Input {
        rank,
        height,
        edges,
        lane: Vec::new(),
    }
}

pub fn params(ranks: usize) -> Params {
    Params {
        columns: (0..ranks).map(|r| (r as f64 * 200.0, 150.0)).collect(),
        top: 30.0,
        gap: 12.0,
        channel: 4.0,
        channel_gap: 6.0,
        lane_head: 20.0,
        lane_gap: 10.0,
        lane_pad: 4.0,
    }
}

fn assert_no_overlap(l: &Layout) {
    for i in 0..l.boxes.len() {
        for j in i + 1..l.boxes.len() {
            assert!(
                !l.boxes[i].overlaps(&l.boxes[j]),
                "{i} {:?} and {j} {:?}",
                l.boxes[i],
                l.boxes[j]
            );
        }
    }
}

/// No route point lies inside a box, and curve samples between columns
/// stay in the gap (x strictly between the two columns).
fn assert_routes_avoid_boxes(l: &Layout) {
    for r in &l.routes {
        for w in r.points.windows(2).step_by(2) {
            for k in 1..20 {
                let (x, y) = curve_point(w[0], w[1], k as f64 / 20.0);
                for b in &l.boxes {
                    let inside = x > b.x + 0.5 && x < b.x + b.w - 0.5 && y > b.y && y < b.bottom();
                    assert!(!inside, "edge {} passes through {b:?} at {x},{y}", r.edge);
                }
            }
        }
        for w in r.points[1..r.points.len() - 1].chunks(2) {
            // Straight runs through a column: no box at that height.
            let (x1, y1) = w[0];
            for b in &l.boxes {
                if (b.x - x1).abs() < 0.5 {
                    assert!(
                        y1 < b.y || y1 > b.bottom(),
                        "edge {} runs through {b:?}",
                        r.edge
                    );
                }
            }
        }
    }
}

#[test]
fn small_graph_has_no_crossings_after_ordering() {
    // 0 → 3, 1 → 2: crossing in the input order, none after.
    let input = Input {
        rank: vec![0, 0, 1, 1],
        height: vec![30.0; 4],
        edges: vec![(0, 3), (1, 2)],
        lane: Vec::new(),
    };
    let l = layout(&input, &params(2));
    assert_eq!(l.naive_crossings, 1);
    assert_eq!(l.crossings, 0);
    assert_no_overlap(&l);
    assert_eq!(l.routes.len(), 2);
}

#[test]
fn three_nodes_and_a_long_edge() {
    let input = Input {
        rank: vec![0, 1, 2],
        height: vec![40.0, 40.0, 40.0],
        edges: vec![(0, 1), (1, 2), (0, 2)],
        lane: Vec::new(),
    };
    let l = layout(&input, &params(3));
    assert_no_overlap(&l);
    assert_routes_avoid_boxes(&l);
    let long = l.routes.iter().find(|r| r.edge == 2).unwrap();
    assert_eq!(
        long.points.len(),
        4,
        "one channel through the middle column"
    );
}

#[test]
fn large_generated_graph_no_overlaps_fewer_crossings() {
    let input = generated(&[12, 10, 30, 16, 12], 42);
    assert!(input.rank.len() >= 80);
    let start = std::time::Instant::now();
    let l = layout(&input, &params(5));
    let elapsed = start.elapsed();
    assert_no_overlap(&l);
    assert_routes_avoid_boxes(&l);
    assert!(l.crossings <= l.naive_crossings);
    // A random order is far from the best: expect a real reduction.
    assert!(
        (l.crossings as f64) < 0.8 * l.naive_crossings as f64,
        "{} vs naive {}",
        l.crossings,
        l.naive_crossings
    );
    eprintln!(
        "generated: {} nodes, {} edges, crossings {} (naive {}), {:?}",
        input.rank.len(),
        input.edges.len(),
        l.crossings,
        l.naive_crossings,
        elapsed
    );
}

/// A generated graph with three lanes in its middle rank.
fn laned(seed: u64) -> Input {
    let mut input = generated(&[6, 8, 24, 10, 6], seed);
    input.lane = input
        .rank
        .iter()
        .enumerate()
        .map(|(n, r)| (*r == 2).then_some(n % 3))
        .collect();
    input
}

#[test]
fn lanes_keep_their_nodes_together_and_bundles_avoid_boxes() {
    let input = laned(7);
    let l = layout(&input, &params(5));
    assert_no_overlap(&l);
    assert_routes_avoid_boxes(&l);
    assert_eq!(l.lanes.len(), 3, "one band per lane: {:?}", l.lanes);
    for (n, lane) in input.lane.iter().enumerate() {
        if let Some(lane) = lane {
            let b = &l.boxes[n];
            let band = l.lanes.iter().find(|x| x.lane == *lane).unwrap().rect;
            assert!(
                b.x >= band.x
                    && b.x + b.w <= band.x + band.w
                    && b.y >= band.y + 20.0
                    && b.bottom() <= band.bottom(),
                "node {n} {b:?} outside its band {band:?}"
            );
        }
    }
    for (i, a) in l.lanes.iter().enumerate() {
        for b in &l.lanes[i + 1..] {
            assert!(!a.rect.overlaps(&b.rect), "{a:?} {b:?}");
        }
    }
    // Some edges are bundled: their routes have a junction.
    assert!(l.routes.iter().any(|r| r.points.len() == 4
        && input.rank[input.edges[r.edge].1] == input.rank[input.edges[r.edge].0] + 1));
}

#[test]
fn isotonic_fit_pools_violators() {
    assert_eq!(isotonic(&[1.0, 3.0, 2.0, 4.0]), vec![1.0, 2.5, 2.5, 4.0]);
    assert_eq!(isotonic(&[3.0, 2.0, 1.0]), vec![2.0, 2.0, 2.0]);
}

/// The generated graph with three lanes in its middle rank, ordered, then
/// each rank shuffled (within lanes) by `seed`: an unsorted graph to count
/// and sift.
fn shuffled_graph(seed: u64) -> Graph {
    let mut g = order(&laned(seed), 5).g;
    let mut rng = crate::diagrams::Lcg(seed);
    let mut layers = g.order.clone();
    for layer in &mut layers {
        for i in (1..layer.len()).rev() {
            layer.swap(i, rng.below(i + 1));
        }
        layer.sort_by_key(|n| g.group[*n]);
    }
    g.set_order(layers);
    g
}

/// Crossings among the edges of `u` and `v` with `u` above, pair by pair.
fn pair_crossings(g: &Graph, u: usize, v: usize) -> i64 {
    let mut n = 0;
    for nb in [&g.preds, &g.succs] {
        for a in &nb[u] {
            for b in &nb[v] {
                if g.pos[*a] > g.pos[*b] {
                    n += 1;
                }
            }
        }
    }
    n
}

/// Crossings between ranks `r` and `r + 1`, every pair of segments compared.
fn crossings_direct(g: &Graph, r: usize) -> usize {
    let segs: Vec<(usize, usize)> = g.order[r]
        .iter()
        .flat_map(|u| g.succs[*u].iter().map(|v| (g.pos[*u], g.pos[*v])))
        .collect();
    let mut n = 0;
    for (i, a) in segs.iter().enumerate() {
        for b in &segs[i + 1..] {
            if (a.0 < b.0 && a.1 > b.1) || (a.0 > b.0 && a.1 < b.1) {
                n += 1;
            }
        }
    }
    n
}

/// Sifting as first written: every move's cost recomputed pair by pair.
fn sift_direct(g: &mut Graph) -> bool {
    let mut moved = false;
    for r in 0..g.order.len() {
        for v in g.order[r].clone() {
            let layer = &g.order[r];
            let from = g.pos[v];
            let same = |i: &usize| g.group[layer[*i]] == g.group[v];
            let lo = (0..from).rev().take_while(same).last().unwrap_or(from);
            let hi = (from + 1..layer.len())
                .take_while(same)
                .last()
                .unwrap_or(from);
            let others: Vec<usize> = (lo..=hi).filter(|i| *i != from).map(|i| layer[i]).collect();
            let cost = |u: &usize| pair_crossings(g, *u, v) - pair_crossings(g, v, *u);
            let (mut best, mut acc) = ((0i64, lo), 0i64);
            for (k, u) in others.iter().enumerate() {
                acc += cost(u);
                if acc < best.0 {
                    best = (acc, lo + k + 1);
                }
            }
            let here: i64 = others.iter().take(from - lo).map(cost).sum();
            if best.0 < here {
                let layer = &mut g.order[r];
                layer.remove(from);
                layer.insert(best.1, v);
                for (i, n) in layer.iter().enumerate() {
                    g.pos[*n] = i;
                }
                moved = true;
            }
        }
    }
    moved
}

#[test]
fn fast_crossing_counts_match_the_direct_ones() {
    let mut nonzero = 0;
    for seed in 1..6 {
        let g = shuffled_graph(seed);
        for r in 0..g.order.len() - 1 {
            assert_eq!(
                g.crossings_between(r),
                crossings_direct(&g, r),
                "seed {seed} rank {r}"
            );
            nonzero += usize::from(crossings_direct(&g, r) > 0);
        }
        for layer in &g.order {
            for u in layer {
                for v in layer {
                    let direct = pair_crossings(&g, *u, *v) - pair_crossings(&g, *v, *u);
                    assert_eq!(g.pair_diff(*u, *v), direct, "seed {seed} {u} {v}");
                }
            }
        }
    }
    assert!(nonzero > 10, "the shuffled graphs have crossings to count");
}

#[test]
fn sifting_with_costs_computed_once_moves_as_the_direct_sifting() {
    for seed in 1..6 {
        let (mut fast, mut direct) = (shuffled_graph(seed), shuffled_graph(seed));
        let mut costs = SiftCosts::default();
        for pass in 0..8 {
            // Between passes, change what the kept costs were computed
            // from: one rank's order, then the lanes (two merged).
            for g in [&mut fast, &mut direct] {
                match pass {
                    3 => g.barycentre(1, true),
                    5 => g.group.iter_mut().filter(|x| **x == 1).for_each(|x| *x = 0),
                    _ => {}
                }
            }
            let moved = fast.sift(&mut costs);
            assert_eq!(moved, sift_direct(&mut direct), "seed {seed} pass {pass}");
            assert_eq!(fast.order, direct.order, "seed {seed} pass {pass}");
            assert_eq!(fast.pos, direct.pos);
            if pass == 0 {
                assert!(moved, "seed {seed}: the shuffled order gains from sifting");
            }
        }
    }
}

#[test]
fn screen_and_print_widths_share_one_ordering() {
    // The ordering reads no heights: ordered once, laid out with other
    // heights, the result is the layout made from scratch.
    let mut input = generated(&[6, 8, 24, 10, 6], 9);
    let ordered = order(&input, 5);
    input.height.iter_mut().for_each(|h| *h *= 1.5);
    let mut wide = params(5);
    wide.columns.iter_mut().for_each(|c| c.1 = 180.0);
    let (a, b) = (ordered.layout(&input.height, &wide), layout(&input, &wide));
    assert_eq!(a.boxes, b.boxes);
    assert_eq!(a.lanes, b.lanes);
    assert_eq!(a.height, b.height);
    assert_eq!(
        (a.crossings, a.naive_crossings),
        (b.crossings, b.naive_crossings)
    );
    let points = |l: &Layout| {
        l.routes
            .iter()
            .map(|r| r.points.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(points(&a), points(&b));
}
