//! A layered (Sugiyama-style) graph layout for the theory of change:
//! nodes sit in columns by rank, edges run left to right. Edges that skip
//! columns get dummy nodes, so they pass through a column in a reserved
//! channel between boxes; the order within each column comes from
//! barycentre sweeps plus adjacent swaps (the best order seen is kept, so
//! it never has more crossings than the input order); vertical positions
//! pull each node towards its neighbours while keeping order and gaps.
//! Curves between adjacent columns stay inside the gap between them, so no
//! edge passes through a box.
//!
//! Lanes: a node may belong to a lane (the theory of change's areas). The
//! nodes of one lane stay together in their column, lanes in the order of
//! their numbers, with room for a heading above each lane and a gap
//! between lanes; ordering moves nodes only within their lane. Dummies
//! (edges passing through a laned column) go below the last lane.
//! Ordering: barycentre sweeps, then sifting (each node tried at every
//! position of its lane, kept where it crosses least) and adjacent swaps,
//! with ties broken by the current position, so the result is
//! deterministic; the best order seen is kept.

/// What to lay out. Node `i` has rank `rank[i]` and height `height[i]`;
/// edges go from a lower to a higher rank (others are ignored).
pub struct Input {
    pub rank: Vec<usize>,
    pub height: Vec<f64>,
    pub edges: Vec<(usize, usize)>,
    /// Lane of each node (`None`: no lane). Empty means no lanes at all.
    pub lane: Vec<Option<usize>>,
}

/// Column geometry and spacing.
pub struct Params {
    /// Left edge and width of each rank's column.
    pub columns: Vec<(f64, f64)>,
    /// Top of the drawing area.
    pub top: f64,
    /// Vertical gap between two boxes.
    pub gap: f64,
    /// Height of an edge channel through a column, and its gap to neighbours.
    pub channel: f64,
    pub channel_gap: f64,
    /// Room above the first node of a lane (its heading), and the space
    /// between the last node of a lane and the next lane's band.
    pub lane_head: f64,
    pub lane_gap: f64,
    /// Padding of a lane's band around its nodes (below the last node;
    /// left and right of the column).
    pub lane_pad: f64,
}

/// A lane's band in one column: the rectangle holding its heading and its
/// nodes.
#[derive(Clone, Debug, PartialEq)]
pub struct LaneBand {
    pub lane: usize,
    pub rect: Rect,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

// Read by the layout tests (no overlaps, text inside boxes).
#[cfg_attr(not(test), allow(dead_code))]
impl Rect {
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
}

/// An edge's route: `points[0]` on the source's right side, then for each
/// column it passes through a pair (entering, leaving) at one height, then
/// the end on the target's left side. Segments between columns are drawn
/// as curves, segments through a column as straight lines.
#[derive(Clone, Debug)]
pub struct Route {
    pub edge: usize,
    pub points: Vec<(f64, f64)>,
}

#[cfg_attr(not(test), allow(dead_code))]
pub struct Layout {
    /// Boxes of the input nodes.
    pub boxes: Vec<Rect>,
    pub routes: Vec<Route>,
    pub lanes: Vec<LaneBand>,
    pub crossings: usize,
    /// Crossings of the input order, for comparison.
    pub naive_crossings: usize,
    pub height: f64,
}

#[derive(Clone)]
struct Graph {
    rank: Vec<usize>,
    height: Vec<f64>,
    /// Number of real nodes; the rest are dummies.
    real: usize,
    /// Sort key of each node's lane inside its column (dummies after all
    /// lanes); `laned[r]`: rank `r` has lanes.
    group: Vec<usize>,
    laned: Vec<bool>,
    /// Segments between adjacent ranks.
    preds: Vec<Vec<usize>>,
    succs: Vec<Vec<usize>>,
    order: Vec<Vec<usize>>,
    pos: Vec<usize>,
}

impl Graph {
    fn set_order(&mut self, order: Vec<Vec<usize>>) {
        for layer in &order {
            for (i, n) in layer.iter().enumerate() {
                self.pos[*n] = i;
            }
        }
        self.order = order;
    }

    /// Crossings between ranks `r` and `r + 1`: the pairs of segments
    /// whose ends are in opposite orders. Counted as inversions with a
    /// Fenwick tree over the lower ends, O(E log V) rather than comparing
    /// every pair of segments.
    fn crossings_between(&self, r: usize) -> usize {
        let mut segs: Vec<(usize, usize)> = self.order[r]
            .iter()
            .flat_map(|u| self.succs[*u].iter().map(move |v| (*u, *v)))
            .map(|(u, v)| (self.pos[u], self.pos[v]))
            .collect();
        segs.sort_unstable();
        let width = self.order.get(r + 1).map_or(0, Vec::len);
        // tree[i]: how many segments seen so far end in a block of
        // positions (1-based Fenwick layout).
        let mut tree = vec![0usize; width + 1];
        let mut seen = 0;
        let mut n = 0;
        let mut i = 0;
        while i < segs.len() {
            // Segments from one node do not cross each other: count each
            // group against the earlier ones, then add it.
            let j = i + segs[i..].iter().take_while(|s| s.0 == segs[i].0).count();
            for s in &segs[i..j] {
                // Earlier segments ending at s.1 or above it (a lower
                // position) do not cross it; all others do.
                let mut not_crossing = 0;
                let mut k = s.1 + 1;
                while k > 0 {
                    not_crossing += tree[k];
                    k &= k - 1;
                }
                n += seen - not_crossing;
            }
            for s in &segs[i..j] {
                let mut k = s.1 + 1;
                while k <= width {
                    tree[k] += 1;
                    k += k & k.wrapping_neg();
                }
                seen += 1;
            }
            i = j;
        }
        n
    }

    fn crossings(&self) -> usize {
        (0..self.order.len().saturating_sub(1))
            .map(|r| self.crossings_between(r))
            .sum()
    }

    /// Crossings among the edges of `u` and `v` (same rank) with `u` above,
    /// minus those with `v` above: what putting `u` above `v` costs
    /// relative to the other way round. One pass over the neighbour pairs
    /// gives both counts (a shared neighbour crosses neither way).
    fn pair_diff(&self, u: usize, v: usize) -> i64 {
        let mut n = 0i64;
        for nb in [&self.preds, &self.succs] {
            for a in &nb[u] {
                let pa = self.pos[*a];
                for b in &nb[v] {
                    n += match pa.cmp(&self.pos[*b]) {
                        std::cmp::Ordering::Greater => 1,
                        std::cmp::Ordering::Less => -1,
                        std::cmp::Ordering::Equal => 0,
                    };
                }
            }
        }
        n
    }

    /// Reorders rank `r` by the mean position of its neighbours in `nb`.
    fn barycentre(&mut self, r: usize, down: bool) {
        let nb = if down { &self.preds } else { &self.succs };
        let mut keyed: Vec<(f64, usize, usize)> = self.order[r]
            .iter()
            .map(|n| {
                let k = if nb[*n].is_empty() {
                    self.pos[*n] as f64
                } else {
                    nb[*n].iter().map(|m| self.pos[*m] as f64).sum::<f64>() / nb[*n].len() as f64
                };
                (k, self.pos[*n], *n)
            })
            .collect();
        let group = &self.group;
        keyed.sort_by(|a, b| {
            group[a.2]
                .cmp(&group[b.2])
                .then(a.0.total_cmp(&b.0))
                .then(a.1.cmp(&b.1))
        });
        let layer: Vec<usize> = keyed.into_iter().map(|k| k.2).collect();
        for (i, n) in layer.iter().enumerate() {
            self.pos[*n] = i;
        }
        self.order[r] = layer;
    }

    /// Sifting: each node in turn is tried at every position within its
    /// lane and left where its edges cross least (the first such position
    /// on a tie, so the result is deterministic). Returns whether anything
    /// moved.
    fn sift(&mut self, costs: &mut SiftCosts) -> bool {
        let mut moved = false;
        costs.local.resize(self.pos.len(), 0);
        costs
            .ranks
            .resize_with(self.order.len(), RankCosts::default);
        for r in 0..self.order.len() {
            let nodes = self.order[r].clone();
            // Moving nodes of rank `r` changes no position in the ranks
            // beside it, so the pairwise costs of this rank stay the same
            // for the whole pass: computed once here (for the pairs in
            // one lane; only those are compared), not once per move tried;
            // and kept for later passes while those ranks and the lanes
            // stay as they were.
            let m = nodes.len();
            let none = Vec::new();
            let above = if r > 0 { &self.order[r - 1] } else { &none };
            let below = self.order.get(r + 1).unwrap_or(&none);
            let rc = &mut costs.ranks[r];
            let kept = rc.diff.len() == m * m
                && rc.above == *above
                && rc.below == *below
                && nodes
                    .iter()
                    .all(|n| rc.group[costs.local[*n]] == self.group[*n]);
            if !kept {
                rc.above.clone_from(above);
                rc.below.clone_from(below);
                rc.group.clear();
                rc.group.extend(nodes.iter().map(|n| self.group[*n]));
                rc.diff.clear();
                rc.diff.resize(m * m, 0i64);
                for (i, u) in nodes.iter().enumerate() {
                    costs.local[*u] = i;
                    for (j, v) in nodes.iter().enumerate().skip(i + 1) {
                        if self.group[*u] == self.group[*v] {
                            let d = self.pair_diff(*u, *v);
                            rc.diff[i * m + j] = d;
                            rc.diff[j * m + i] = -d;
                        }
                    }
                }
            }
            let (diff, local) = (&costs.ranks[r].diff, &costs.local);
            for v in nodes {
                let layer = &self.order[r];
                let from = self.pos[v];
                let lo = (0..from)
                    .rev()
                    .take_while(|i| self.group[layer[*i]] == self.group[v])
                    .last()
                    .unwrap_or(from);
                let hi = (from + 1..layer.len())
                    .take_while(|i| self.group[layer[*i]] == self.group[v])
                    .last()
                    .unwrap_or(from);
                // Crossings relative to `v` at the top of its lane: moving
                // it below `u` adds pair(u, v) - pair(v, u). The sum over
                // the nodes above its current position is the cost where
                // it is, to move only on a gain.
                let mut best = (0i64, lo);
                let mut acc = 0i64;
                let mut here = 0i64;
                let lv = local[v];
                let others = (lo..=hi).filter(|i| *i != from).map(|i| layer[i]);
                for (k, u) in others.enumerate() {
                    acc += diff[local[u] * m + lv];
                    if acc < best.0 {
                        best = (acc, lo + k + 1);
                    }
                    if k + 1 == from - lo {
                        here = acc;
                    }
                }
                if best.0 < here {
                    let layer = &mut self.order[r];
                    layer.remove(from);
                    layer.insert(best.1, v);
                    for (i, n) in layer.iter().enumerate() {
                        self.pos[*n] = i;
                    }
                    moved = true;
                }
            }
        }
        moved
    }

    /// Swaps neighbours in a rank while that removes crossings.
    fn transpose(&mut self) {
        for _ in 0..8 {
            let mut improved = false;
            for r in 0..self.order.len() {
                for i in 0..self.order[r].len().saturating_sub(1) {
                    let (u, v) = (self.order[r][i], self.order[r][i + 1]);
                    if self.group[u] == self.group[v] && self.pair_diff(u, v) > 0 {
                        self.order[r].swap(i, i + 1);
                        self.pos[u] = i + 1;
                        self.pos[v] = i;
                        improved = true;
                    }
                }
            }
            if !improved {
                break;
            }
        }
    }
}

/// The pairwise costs of each rank from its last sifting pass, with what
/// they were computed from (the ranks beside it, whose positions they
/// read, and the lanes of its nodes); see [`Graph::sift`].
#[derive(Default)]
struct SiftCosts {
    /// Index of each node in its rank's `RankCosts`.
    local: Vec<usize>,
    ranks: Vec<RankCosts>,
}

#[derive(Default)]
struct RankCosts {
    above: Vec<usize>,
    below: Vec<usize>,
    group: Vec<usize>,
    /// `diff[i * m + j]`: `pair_diff` of nodes `i` and `j` of the rank's
    /// `m` (0 for nodes in different lanes).
    diff: Vec<i64>,
}

/// How many starting orders the ordering tries (the first is the data
/// order).
const RESTARTS: usize = 4;

/// All orders of `items`, the given order first.
fn permutations(items: &[usize]) -> Vec<Vec<usize>> {
    if items.len() <= 1 {
        return vec![items.to_vec()];
    }
    let mut out = Vec::new();
    for i in 0..items.len() {
        let mut rest = items.to_vec();
        let first = rest.remove(i);
        for mut p in permutations(&rest) {
            p.insert(0, first);
            out.push(p);
        }
    }
    out
}

/// Barycentre sweeps down and up, sifting and swaps, repeated while they
/// gain; records the best order in `best`.
fn improve(
    g: &mut Graph,
    ranks: usize,
    best: &mut (usize, Vec<Vec<usize>>),
    costs: &mut SiftCosts,
) {
    let mut stale = 0;
    let mut here = g.crossings();
    for _ in 0..24 {
        if best.0 == 0 {
            break;
        }
        for r in 1..ranks {
            g.barycentre(r, true);
        }
        for r in (0..ranks.saturating_sub(1)).rev() {
            g.barycentre(r, false);
        }
        for _ in 0..4 {
            if !g.sift(costs) {
                break;
            }
        }
        g.transpose();
        let c = g.crossings();
        if c < best.0 {
            *best = (c, g.order.clone());
        }
        if c < here {
            here = c;
            stale = 0;
        } else {
            stale += 1;
            if stale >= 3 {
                break;
            }
        }
    }
}

/// Lays out `input`; see the module doc.
#[cfg_attr(not(test), allow(dead_code))]
pub fn layout(input: &Input, p: &Params) -> Layout {
    order(input, p.columns.len()).layout(&input.height, p)
}

/// The order of the nodes in their columns, with the dummies of the long
/// edges: the costly part of a layout. It depends only on the ranks, the
/// edges and the lanes, not on the heights or the columns' geometry, so
/// the screen and print variants of a diagram (other widths, so other
/// heights) share one: see [`Ordered::layout`].
pub struct Ordered {
    /// The graph in its best order; `height` is filled in by `layout`.
    g: Graph,
    /// Each drawn edge's index and chain of nodes (dummies between).
    chains: Vec<(usize, Vec<usize>)>,
    lane: Vec<Option<usize>>,
    crossings: usize,
    naive: usize,
}

/// Orders `input` (its heights are not read) in `columns` or more ranks;
/// see the module doc.
pub fn order(input: &Input, columns: usize) -> Ordered {
    let real = input.rank.len();
    let ranks = columns.max(input.rank.iter().map(|r| r + 1).max().unwrap_or(0));
    let mut g = Graph {
        rank: input.rank.clone(),
        height: Vec::new(),
        real,
        group: (0..real)
            .map(|n| input.lane.get(n).copied().flatten().unwrap_or(0))
            .collect(),
        laned: (0..ranks)
            .map(|r| {
                (0..real)
                    .any(|n| input.rank[n] == r && input.lane.get(n).is_some_and(|l| l.is_some()))
            })
            .collect(),
        preds: vec![Vec::new(); real],
        succs: vec![Vec::new(); real],
        order: vec![Vec::new(); ranks],
        pos: vec![0; real],
    };
    for n in 0..real {
        g.order[g.rank[n]].push(n);
    }
    // Lanes in order, the data order kept inside each.
    for layer in &mut g.order {
        layer.sort_by_key(|n| g.group[*n]);
    }
    // Chains of nodes per edge, with dummies for skipped ranks.
    let mut chains: Vec<(usize, Vec<usize>)> = Vec::new();
    for (ei, (a, b)) in input.edges.iter().copied().enumerate() {
        if a >= real || b >= real || g.rank[a] >= g.rank[b] {
            continue;
        }
        let mut chain = vec![a];
        for r in g.rank[a] + 1..g.rank[b] {
            let d = g.rank.len();
            g.rank.push(r);
            g.group.push(if g.laned[r] { usize::MAX } else { 0 });
            g.preds.push(Vec::new());
            g.succs.push(Vec::new());
            g.pos.push(0);
            g.order[r].push(d);
            chain.push(d);
        }
        chain.push(b);
        for w in chain.windows(2) {
            if !g.succs[w[0]].contains(&w[1]) {
                g.succs[w[0]].push(w[1]);
                g.preds[w[1]].push(w[0]);
            }
        }
        chains.push((ei, chain));
    }
    let data_order = g.order.clone();
    g.set_order(data_order.clone());
    let naive = g.crossings();
    // The lanes' order is free too: every order of up to four lanes is
    // tried (the given order first, kept on a tie).
    let mut present: Vec<usize> = input.lane.iter().flatten().copied().collect();
    present.sort_unstable();
    present.dedup();
    let lane_orders = if present.len() <= 4 {
        permutations(&present)
    } else {
        vec![present.clone()]
    };
    let lane_of = |n: usize| input.lane.get(n).copied().flatten();
    let mut best: (usize, Vec<Vec<usize>>, Vec<usize>) = (usize::MAX, Vec::new(), Vec::new());
    let mut costs = SiftCosts::default();
    for lanes in &lane_orders {
        for n in 0..real {
            if let Some(l) = lane_of(n) {
                g.group[n] = lanes.iter().position(|x| *x == l).unwrap_or(0);
            }
        }
        let mut initial = data_order.clone();
        for layer in &mut initial {
            layer.sort_by_key(|n| g.group[*n]);
        }
        g.set_order(initial.clone());
        let mut here = (g.crossings(), initial.clone());
        // Several starts: the data order, then deterministic shuffles of
        // it (within lanes); each is improved until it stops gaining.
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for start in 0..RESTARTS {
            if here.0 == 0 {
                break;
            }
            let mut order = initial.clone();
            if start > 0 {
                for layer in &mut order {
                    for i in (1..layer.len()).rev() {
                        seed = seed
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        let j = ((seed >> 33) as usize) % (i + 1);
                        layer.swap(i, j);
                    }
                    layer.sort_by_key(|n| g.group[*n]);
                }
            }
            g.set_order(order);
            improve(&mut g, ranks, &mut here, &mut costs);
        }
        if here.0 < best.0 {
            best = (here.0, here.1, g.group.clone());
        }
    }
    g.group = best.2;
    g.set_order(best.1);
    Ordered {
        g,
        chains,
        lane: input.lane.clone(),
        crossings: best.0,
        naive,
    }
}

impl Ordered {
    /// Places the ordered nodes: `height` of each input node, the columns
    /// and spacing of `p` (as many columns as the order was made for).
    pub fn layout(&self, height: &[f64], p: &Params) -> Layout {
        let mut g = self.g.clone();
        let real = g.real;
        // Dummies are an edge channel high.
        g.height = height.to_vec();
        g.height.resize(g.rank.len(), p.channel);
        let ys = vertical(&g, p);
        // Boxes.
        let col = |r: usize| p.columns.get(r).copied().unwrap_or((0.0, 0.0));
        let boxes: Vec<Rect> = (0..real)
            .map(|n| Rect {
                x: col(g.rank[n]).0,
                y: ys[n],
                w: col(g.rank[n]).1,
                h: g.height[n],
            })
            .collect();
        let height = (0..g.rank.len())
            .map(|n| ys[n] + g.height[n])
            .fold(p.top, f64::max);
        let routes = route(&g, &ys, &self.chains, p);
        let lanes = bands(&g, &ys, p, &self.lane);
        Layout {
            boxes,
            routes,
            lanes,
            crossings: self.crossings,
            naive_crossings: self.naive,
            height,
        }
    }
}

/// Space between two neighbours in a column.
fn spacing(g: &Graph, a: usize, b: usize, p: &Params) -> f64 {
    if g.laned[g.rank[b]] && g.group[a] != g.group[b] {
        // The next lane's band begins: its heading, after the gap.
        p.lane_pad + p.lane_gap + if b < g.real { p.lane_head } else { 0.0 }
    } else if a >= g.real || b >= g.real {
        p.channel_gap
    } else {
        p.gap
    }
}

/// Room above the first node of a column (a lane's heading).
fn lead(g: &Graph, first: usize, p: &Params) -> f64 {
    if g.laned[g.rank[first]] && first < g.real {
        p.lane_head
    } else {
        0.0
    }
}

/// The bands of the lanes: around each lane's nodes in its column, with
/// its heading above them.
fn bands(g: &Graph, y: &[f64], p: &Params, lane: &[Option<usize>]) -> Vec<LaneBand> {
    let mut out: Vec<LaneBand> = Vec::new();
    for (r, layer) in g.order.iter().enumerate() {
        if !g.laned[r] {
            continue;
        }
        let (cx, cw) = p.columns.get(r).copied().unwrap_or((0.0, 0.0));
        for v in layer.iter().filter(|v| **v < g.real) {
            let l = lane.get(*v).copied().flatten().unwrap_or(0);
            let (top, bottom) = (y[*v] - p.lane_head, y[*v] + g.height[*v] + p.lane_pad);
            match out.last_mut() {
                Some(b) if b.lane == l && (b.rect.x - (cx - p.lane_pad)).abs() < 0.01 => {
                    b.rect.h = bottom - b.rect.y;
                }
                _ => out.push(LaneBand {
                    lane: l,
                    rect: Rect {
                        x: cx - p.lane_pad,
                        y: top,
                        w: cw + 2.0 * p.lane_pad,
                        h: bottom - top,
                    },
                }),
            }
        }
    }
    out
}

/// Vertical positions (tops): each node pulled towards the mean centre of
/// its neighbours, subject to the order and the gaps in its column.
fn vertical(g: &Graph, p: &Params) -> Vec<f64> {
    let n = g.rank.len();
    let mut y = vec![0.0; n];
    for layer in &g.order {
        let mut at = p.top + layer.first().map_or(0.0, |f| lead(g, *f, p));
        for (i, v) in layer.iter().enumerate() {
            if i > 0 {
                at += spacing(g, layer[i - 1], *v, p);
            }
            y[*v] = at;
            at += g.height[*v];
        }
    }
    let ranks = g.order.len();
    for it in 0..12 {
        let seq: Vec<usize> = if it % 2 == 0 {
            (0..ranks).collect()
        } else {
            (0..ranks).rev().collect()
        };
        for r in seq {
            let layer = &g.order[r];
            if layer.is_empty() {
                continue;
            }
            let want: Vec<f64> = layer
                .iter()
                .map(|v| {
                    let nbs: Vec<usize> = g.preds[*v].iter().chain(&g.succs[*v]).copied().collect();
                    let centre = if nbs.is_empty() {
                        y[*v] + g.height[*v] / 2.0
                    } else {
                        nbs.iter().map(|m| y[*m] + g.height[*m] / 2.0).sum::<f64>()
                            / nbs.len() as f64
                    };
                    centre - g.height[*v] / 2.0
                })
                .collect();
            let mut offsets = Vec::with_capacity(layer.len());
            let mut acc = lead(g, layer[0], p);
            for (i, v) in layer.iter().enumerate() {
                if i > 0 {
                    acc += g.height[layer[i - 1]] + spacing(g, layer[i - 1], *v, p);
                }
                offsets.push(acc);
            }
            let targets: Vec<f64> = want.iter().zip(&offsets).map(|(w, o)| w - o).collect();
            let fitted = isotonic(&targets);
            for (i, v) in layer.iter().enumerate() {
                y[*v] = fitted[i].max(p.top) + offsets[i];
            }
        }
    }
    // Close the layout up to the top.
    let min = g
        .order
        .iter()
        .filter_map(|l| l.first().map(|f| y[*f] - lead(g, *f, p)))
        .fold(f64::INFINITY, f64::min);
    if min.is_finite() {
        for v in &mut y {
            *v = (*v - min + p.top).round();
        }
    }
    // Rounding must not eat gaps: restore them in order.
    for layer in &g.order {
        if let Some(f) = layer.first() {
            y[*f] = y[*f].max(p.top + lead(g, *f, p));
        }
        for i in 1..layer.len() {
            let (a, b) = (layer[i - 1], layer[i]);
            let least = y[a] + g.height[a] + spacing(g, a, b, p);
            if y[b] < least {
                y[b] = least;
            }
        }
    }
    y
}

/// Least-squares non-decreasing fit (pool adjacent violators).
fn isotonic(t: &[f64]) -> Vec<f64> {
    let mut blocks: Vec<(f64, usize)> = Vec::new();
    for v in t {
        blocks.push((*v, 1));
        while blocks.len() > 1 {
            let (b, nb) = blocks[blocks.len() - 1];
            let (a, na) = blocks[blocks.len() - 2];
            if a <= b {
                break;
            }
            blocks.pop();
            let last = blocks.last_mut().expect("two blocks");
            *last = ((a * na as f64 + b * nb as f64) / (na + nb) as f64, na + nb);
        }
    }
    blocks
        .into_iter()
        .flat_map(|(v, n)| std::iter::repeat_n(v, n))
        .collect()
}

mod route;
use route::route;
pub use route::{curve_point, path_data};

#[cfg(test)]
pub mod tests;
