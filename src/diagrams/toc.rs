//! The theory-of-change diagram, in two views: the overview for the
//! steering group (indsatser → kortsigtede → langsigtede mål) and the
//! detailed one (hypoteser → indsatser → aktiviteter → kortsigtede →
//! langsigtede mål). Columns come from [`super::layered`]; activities carry
//! their area as a label, a fill and a border pattern (so the legend does
//! not rely on colour); links with an antagelse get a marker that links to
//! where the assumption is written.

use super::layered::{self, Input, Params, Rect};
use super::text::{Font, wrap};
use super::{Doc, Svg, colour, def_url, defs, document, num};
use crate::content::model::{AnalysisPart, Header, Kind, Report, TocPart};
use crate::content::raw::{Area, OutcomeKind};
use crate::theme::Strings;
use crate::url::url;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Overview,
    Detailed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Col {
    Hyp,
    Ind,
    Act,
    Short,
    Long,
}

impl Col {
    fn key(self) -> &'static str {
        match self {
            Col::Hyp => "diagram.col.hypotheses",
            Col::Ind => "diagram.col.interventions",
            Col::Act => "diagram.col.activities",
            Col::Short => "diagram.col.short",
            Col::Long => "diagram.col.long",
        }
    }
}

struct Node {
    kind: Kind,
    id: String,
    title: String,
    col: Col,
    /// Activities: their areas, in the order written (the first sets the
    /// box's style; all are named in the label).
    areas: Vec<Area>,
    /// Own assumptions (outcomes).
    assumptions: Vec<String>,
    /// Hypothesis that no intervention takes up.
    loose: bool,
}

impl Node {
    fn new(kind: Kind, h: &Header, col: Col) -> Node {
        Node {
            kind,
            id: h.id.clone(),
            title: h.title.clone(),
            col,
            areas: Vec::new(),
            assumptions: Vec::new(),
            loose: false,
        }
    }
}

struct Edge {
    from: usize,
    to: usize,
    assumptions: Vec<String>,
    /// Section of the target page where the link's assumption is written.
    anchor: &'static str,
}

struct Graph {
    nodes: Vec<Node>,
    edges: Vec<Edge>,
    /// The periods of the short-term and long-term outcomes, formatted, for
    /// the column headings.
    horizons: [Option<String>; 2],
}

impl Graph {
    /// A column's heading: "Kortsigtede mål (juli 2016 – juni 2019)".
    fn col_label(&self, col: Col, t: &Strings) -> String {
        let span = match col {
            Col::Short => self.horizons[0].as_deref(),
            Col::Long => self.horizons[1].as_deref(),
            _ => None,
        };
        match span {
            Some(s) => format!("{} ({s})", t.get(col.key())),
            None => t.get(col.key()).to_string(),
        }
    }
}

/// The lane of an activity with `areas`. The lanes of the activity column
/// are one per area (0–2), then activities written with several areas
/// (3, "Flere områder"), then any without one (4, "Uden område"; the
/// resolver requires an area, so this only guards the drawing). An
/// activity sits in exactly one lane. The layout may put the lanes in
/// another order if that crosses fewer edges.
pub(crate) fn lane_of(areas: &[Area]) -> usize {
    match areas {
        [Area::Myndighed] => 0,
        [Area::Tilbudsvifte] => 1,
        [Area::Almenomraade] => 2,
        [] => 4,
        _ => 3,
    }
}

/// A lane's heading, from UI strings.
pub(crate) fn lane_label(lane: usize, t: &Strings) -> &str {
    t.get(match lane {
        0 => "area.myndighed",
        1 => "area.tilbudsvifte",
        2 => "area.almenomraade",
        3 => "diagram.lane_several",
        _ => "diagram.lane_none",
    })
}

/// The key of an area in UI strings (`area.<key>`).
pub fn area_key(a: Area) -> &'static str {
    match a {
        Area::Myndighed => "myndighed",
        Area::Tilbudsvifte => "tilbudsvifte",
        Area::Almenomraade => "almenomraade",
    }
}

fn col_of(kind: OutcomeKind) -> Col {
    match kind {
        OutcomeKind::Kortsigtet => Col::Short,
        OutcomeKind::Langsigtet => Col::Long,
    }
}

fn graph(analysis: Option<&AnalysisPart>, t: &TocPart, view: View) -> Graph {
    let mut nodes = Vec::new();
    let mut edges: Vec<Edge> = Vec::new();
    let add_edge = |edges: &mut Vec<Edge>, from, to, a: &Option<String>, anchor| {
        if let Some(e) = edges.iter_mut().find(|e| e.from == from && e.to == to) {
            if let Some(a) = a
                && !e.assumptions.contains(a)
            {
                e.assumptions.push(a.clone());
            }
            return;
        }
        edges.push(Edge {
            from,
            to,
            assumptions: a.iter().cloned().collect(),
            anchor,
        });
    };
    let hyp_base = nodes.len();
    let hyps = match (view, analysis) {
        (View::Detailed, Some(a)) => a.hypotheses.as_slice(),
        _ => &[],
    };
    for h in hyps {
        nodes.push(Node {
            loose: h.interventions.is_empty(),
            ..Node::new(Kind::Hypotese, &h.h, Col::Hyp)
        });
    }
    let ind_base = nodes.len();
    for i in &t.interventions {
        nodes.push(Node::new(Kind::Indsats, &i.h, Col::Ind));
    }
    let act_base = nodes.len();
    if view == View::Detailed {
        for a in &t.activities {
            nodes.push(Node {
                areas: a.areas.clone(),
                ..Node::new(Kind::Aktivitet, &a.h, Col::Act)
            });
        }
    }
    let out_base = nodes.len();
    for o in &t.outcomes {
        nodes.push(Node {
            assumptions: o.assumptions.clone(),
            ..Node::new(Kind::Maal, &o.h, col_of(o.kind))
        });
    }
    if !hyps.is_empty() {
        for (ii, i) in t.interventions.iter().enumerate() {
            for h in &i.hypotheses {
                add_edge(&mut edges, hyp_base + h, ind_base + ii, &None, "hypoteser");
            }
        }
    }
    for (ai, a) in t.activities.iter().enumerate() {
        match view {
            View::Detailed => {
                for i in &a.interventions {
                    add_edge(
                        &mut edges,
                        ind_base + i,
                        act_base + ai,
                        &None,
                        "aktiviteter",
                    );
                }
                for l in &a.outcomes {
                    add_edge(
                        &mut edges,
                        act_base + ai,
                        out_base + l.target,
                        &l.assumption,
                        "aktiviteter",
                    );
                }
            }
            View::Overview => {
                for i in &a.interventions {
                    for l in &a.outcomes {
                        add_edge(
                            &mut edges,
                            ind_base + i,
                            out_base + l.target,
                            &l.assumption,
                            "aktiviteter",
                        );
                    }
                }
            }
        }
    }
    for (oi, o) in t.outcomes.iter().enumerate() {
        for l in &o.contributes_to {
            add_edge(
                &mut edges,
                out_base + oi,
                out_base + l.target,
                &l.assumption,
                "bidrag",
            );
        }
    }
    Graph {
        nodes,
        edges,
        horizons: [None, None],
    }
}

/// Ranks: each column takes a block of ranks in column order; inside a
/// column, a node sits right of the nodes of that column it comes from
/// (short-term outcomes feeding other short-term outcomes). Edges that run
/// backwards are not drawn (the resolver reports cycles).
fn ranks(g: &Graph) -> Vec<usize> {
    let mut rank = vec![0usize; g.nodes.len()];
    let mut next = 0;
    for col in [Col::Hyp, Col::Ind, Col::Act, Col::Short, Col::Long] {
        let members: Vec<usize> = (0..g.nodes.len())
            .filter(|n| g.nodes[*n].col == col)
            .collect();
        if members.is_empty() {
            continue;
        }
        for m in &members {
            rank[*m] = next;
        }
        // Longest path inside the column, bounded (cycles cannot hang).
        for _ in 0..members.len() {
            let mut changed = false;
            for e in &g.edges {
                if g.nodes[e.from].col == col
                    && g.nodes[e.to].col == col
                    && rank[e.to] <= rank[e.from]
                {
                    rank[e.to] = rank[e.from] + 1;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        next = members.iter().map(|m| rank[*m]).max().unwrap_or(next) + 1;
    }
    rank
}

const WIDTH: f64 = 960.0;
/// The print variant's width: the landscape page's text width (773 pt)
/// at 8 pt for the 12-unit text (773 × 12 / 8 ≈ 1159), so the columns are
/// wider, boxes wrap to fewer lines and the figure is lower on paper.
const PRINT_WIDTH: f64 = 1150.0;
const MARGIN: f64 = 8.0;
const PAD: f64 = 7.0;
const TITLE: Font = Font::regular(12.5);
const TITLE_BOLD: Font = Font::bold(12.5);
const HEAD: Font = Font::bold(12.0);
const FOOT: Font = Font::regular(12.0);
const HEADER: Font = Font::bold(13.0);
const MARK_R: f64 = 7.5;
const LANE_HEAD: Font = Font::bold(12.0);
/// Least vertical distance between two arrowheads on one box's side.
const ARROW_STEP: f64 = 12.0;

/// A box with its text, positioned.
pub(crate) struct Boxed {
    pub rect: Rect,
    /// Text blocks inside the box: (x, top, width, height) by the metrics.
    pub texts: Vec<(f64, f64, f64, f64)>,
    head: Option<String>,
    lines: Vec<String>,
    foot: Option<String>,
}

fn font_of(n: &Node) -> Font {
    if n.kind == Kind::Indsats {
        TITLE_BOLD
    } else {
        TITLE
    }
}

fn head_of(n: &Node, t: &Strings) -> Option<String> {
    // A single area is the lane's heading; several are named in the box.
    if n.areas.len() > 1 {
        let names: Vec<String> = n
            .areas
            .iter()
            .map(|a| t.get(&format!("area.{}", area_key(*a))).to_uppercase())
            .collect();
        return Some(names.join(" · "));
    }
    if n.loose {
        return Some(t.get("diagram.not_taken_up").to_uppercase());
    }
    None
}

fn foot_of(n: &Node, t: &Strings) -> Option<String> {
    match n.assumptions.len() {
        0 => None,
        1 => Some(format!("1 {}", t.get("diagram.assumption_one"))),
        k => Some(format!("{k} {}", t.get("diagram.assumption_many"))),
    }
}

/// Everything placed: boxes, routes, headers, legend position.
pub(crate) struct Placed {
    pub boxes: Vec<Boxed>,
    pub layout: layered::Layout,
    pub columns: Vec<(f64, f64)>,
    pub header_h: f64,
    pub rank: Vec<usize>,
    /// The viewBox width.
    pub width: f64,
}

#[cfg(test)]
fn place(g: &Graph, view: View, t: &Strings) -> Placed {
    place_at(g, view, t, WIDTH)
}

#[cfg(test)]
fn place_at(g: &Graph, view: View, t: &Strings, width: f64) -> Placed {
    place_all(g, view, t, &[width]).remove(0)
}

/// The diagram placed at each of `widths`. The nodes' order in their
/// columns (the costly part) does not depend on the width, so it is
/// computed once for all of them.
fn place_all(g: &Graph, view: View, t: &Strings, widths: &[f64]) -> Vec<Placed> {
    let rank = ranks(g);
    let nranks = rank.iter().map(|r| r + 1).max().unwrap_or(0);
    let input = Input {
        rank,
        height: Vec::new(),
        edges: g.edges.iter().map(|e| (e.from, e.to)).collect(),
        lane: g
            .nodes
            .iter()
            .map(|n| (n.kind == Kind::Aktivitet).then(|| lane_of(&n.areas)))
            .collect(),
    };
    let ordered = layered::order(&input, nranks);
    widths
        .iter()
        .map(|w| place_ordered(g, view, t, *w, &input.rank, &ordered))
        .collect()
}

fn place_ordered(
    g: &Graph,
    view: View,
    t: &Strings,
    width: f64,
    rank: &[usize],
    ordered: &layered::Ordered,
) -> Placed {
    let nranks = rank.iter().map(|r| r + 1).max().unwrap_or(0);
    let gap = match view {
        View::Overview => 96.0,
        View::Detailed => 46.0,
    };
    let w =
        ((width - 2.0 * MARGIN - gap * (nranks.max(1) - 1) as f64) / nranks.max(1) as f64).floor();
    let columns: Vec<(f64, f64)> = (0..nranks)
        .map(|r| (MARGIN + r as f64 * (w + gap), w))
        .collect();
    let header_h = (0..nranks)
        .map(|r| {
            let col = (0..g.nodes.len())
                .find(|n| rank[*n] == r)
                .map(|n| g.nodes[n].col);
            col.map_or(1, |c| wrap(&g.col_label(c, t), HEADER, w).len())
        })
        .max()
        .unwrap_or(1) as f64
        * HEADER.line_height()
        + 14.0;
    let inner = w - 2.0 * PAD;
    let mut contents = Vec::new();
    let mut heights = Vec::new();
    for n in &g.nodes {
        let head = head_of(n, t).map(|h| wrap(&h, HEAD, inner));
        let lines = wrap(&n.title, font_of(n), inner);
        let foot = foot_of(n, t).map(|f| {
            // Room for the marker circle before the text.
            wrap(&f, FOOT, inner - 2.0 * MARK_R - 4.0)
        });
        let mut h = 2.0 * PAD + font_of(n).block_height(lines.len());
        if let Some(hl) = &head {
            h += HEAD.block_height(hl.len()) + 2.0;
        }
        if let Some(f) = &foot {
            h += FOOT.block_height(f.len()).max(2.0 * MARK_R) + 4.0;
        }
        heights.push(h.ceil());
        contents.push((head, lines, foot));
    }
    // Room for the arrows: a box is tall enough that the arrowheads on
    // its left side (and the edges leaving its right side) sit at least
    // ARROW_STEP apart (the layout spreads ports over the side, 10 px in
    // from the corners).
    for (i, h) in heights.iter_mut().enumerate() {
        let ins = g.edges.iter().filter(|e| e.to == i).count();
        let outs = g.edges.iter().filter(|e| e.from == i).count();
        let k = ins.max(outs);
        if k > 1 {
            *h = h.max(ARROW_STEP * k as f64 + 20.0);
        }
    }
    let params = Params {
        columns: columns.clone(),
        top: header_h,
        gap: 12.0,
        channel: 4.0,
        channel_gap: 6.0,
        lane_head: LANE_HEAD.line_height() + 8.0,
        lane_gap: 10.0,
        lane_pad: 5.0,
    };
    let layout = ordered.layout(&heights, &params);
    let boxes = contents
        .into_iter()
        .enumerate()
        .map(|(i, (head, lines, foot))| {
            let rect = layout.boxes[i];
            let n = &g.nodes[i];
            let mut texts = Vec::new();
            let mut y = rect.y + PAD;
            let x = rect.x + PAD;
            let head = head.map(|hl| {
                let h = HEAD.block_height(hl.len());
                texts.extend(hl.iter().enumerate().map(|(k, l)| {
                    (
                        x,
                        y + k as f64 * HEAD.line_height(),
                        HEAD.width(l),
                        HEAD.line_height(),
                    )
                }));
                y += h + 2.0;
                hl.join(" ")
            });
            let f = font_of(n);
            for (k, l) in lines.iter().enumerate() {
                texts.push((
                    x,
                    y + k as f64 * f.line_height(),
                    f.width(l),
                    f.line_height(),
                ));
            }
            y += f.block_height(lines.len());
            let foot = foot.map(|fl| {
                let fx = x + 2.0 * MARK_R + 4.0;
                let fy = y + 4.0;
                for (k, l) in fl.iter().enumerate() {
                    texts.push((
                        fx,
                        fy + k as f64 * FOOT.line_height(),
                        FOOT.width(l),
                        FOOT.line_height(),
                    ));
                }
                texts.push((x, fy, 2.0 * MARK_R, 2.0 * MARK_R));
                fl.join(" ")
            });
            Boxed {
                rect,
                texts,
                head,
                lines,
                foot,
            }
        })
        .collect();
    Placed {
        boxes,
        layout,
        columns,
        header_h,
        rank: rank.to_vec(),
        width,
    }
}

/// The attributes of a node's box: fill, border, border pattern.
fn box_attrs(n: &Node, rx: &'static str) -> Vec<(&'static str, &'static str)> {
    let ((fill, stroke), dash, sw) = style_of(n);
    let mut attrs = vec![
        ("fill", fill),
        ("stroke", stroke),
        ("stroke-width", sw),
        ("rx", rx),
    ];
    if !dash.is_empty() {
        attrs.push(("stroke-dasharray", dash));
    }
    attrs
}

fn style_of(n: &Node) -> ((&'static str, &'static str), &'static str, &'static str) {
    // (fill, stroke), dash pattern, stroke width
    match (n.kind, n.areas.first().copied(), n.col) {
        (Kind::Aktivitet, Some(Area::Myndighed), _) => (colour::MYNDIGHED, "", "1.6"),
        (Kind::Aktivitet, Some(Area::Tilbudsvifte), _) => (colour::TILBUDSVIFTE, "7 3", "1.6"),
        (Kind::Aktivitet, _, _) => (colour::ALMEN, "2 2", "1.8"),
        (Kind::Hypotese, _, _) if n.loose => ((colour::HYPOTESE.0, colour::WARN), "5 3", "2"),
        (Kind::Hypotese, _, _) => (colour::HYPOTESE, "", "1.2"),
        (Kind::Indsats, _, _) => (colour::INDSATS, "", "1.6"),
        (_, _, Col::Long) => (colour::LONG, "", "2.5"),
        _ => (colour::SHORT, "", "1.4"),
    }
}

fn head_colour(n: &Node) -> &'static str {
    match n.areas.first() {
        Some(Area::Myndighed) => colour::MYNDIGHED.1,
        Some(Area::Tilbudsvifte) => colour::TILBUDSVIFTE.1,
        Some(Area::Almenomraade) => colour::ALMEN.1,
        None => colour::WARN,
    }
}

fn node_url(n: &Node) -> String {
    url(&n.kind.url(&n.id))
}

fn draw(g: &Graph, p: &Placed, view: View, t: &Strings, title: &str) -> String {
    let id = match view {
        View::Overview => "ft-overblik",
        View::Detailed => "ft-detaljer",
    };
    let mut s = Svg::new();
    defs(&mut s, id);
    // Column headers.
    s.open("g", &[("class", "columns")]);
    let mut seen = Vec::new();
    for (r, (x, w)) in p.columns.iter().enumerate() {
        let Some(n) = (0..g.nodes.len()).find(|n| p.rank[*n] == r) else {
            continue;
        };
        let col = g.nodes[n].col;
        let label = if seen.contains(&col) {
            String::new()
        } else {
            g.col_label(col, t)
        };
        seen.push(col);
        let lines = wrap(&label, HEADER, *w);
        s.lines(x + w / 2.0, 4.0, &lines, HEADER, "middle", colour::TEXT);
        s.line(
            *x,
            p.header_h - 6.0,
            x + w,
            p.header_h - 6.0,
            &[("stroke", colour::GRID), ("stroke-width", "2")],
        );
    }
    s.close();
    lanes(&mut s, &p.layout.lanes, t);
    // Edges below boxes.
    let arrow = def_url(id, "pil");
    s.open(
        "g",
        &[
            ("class", "edges"),
            ("fill", "none"),
            ("stroke", colour::EDGE),
            ("stroke-width", "1.3"),
        ],
    );
    for r in &p.layout.routes {
        let e = &g.edges[r.edge];
        let (a, b) = (&g.nodes[e.from], &g.nodes[e.to]);
        let from = a.kind.url(&a.id);
        let to = b.kind.url(&b.id);
        s.open(
            "path",
            &[
                ("d", &layered::path_data(&r.points)),
                ("marker-end", &arrow),
                ("data-from", &from),
                ("data-to", &to),
            ],
        );
        let mut tip = format!("{} → {}", a.title, b.title);
        for asm in &e.assumptions {
            tip.push_str(&format!(". {}: {asm}", t.get("toc.assumption")));
        }
        s.title(&tip);
        s.close();
    }
    s.close();
    // Boxes.
    s.open("g", &[("class", "nodes")]);
    for (i, n) in g.nodes.iter().enumerate() {
        let b = &p.boxes[i];
        let key = n.kind.url(&n.id);
        let lane = (n.kind == Kind::Aktivitet).then(|| lane_of(&n.areas).to_string());
        match &lane {
            Some(l) => s.open(
                "g",
                &[("class", "node"), ("data-node", &key), ("data-lane", l)],
            ),
            None => s.open("g", &[("class", "node"), ("data-node", &key)]),
        }
        let mut tip = n.title.clone();
        if let Some(h) = &b.head {
            tip = format!("{tip} ({})", h.to_lowercase());
        }
        let r = b.rect;
        s.area(&node_url(n), &tip, r.x, r.y, r.w, r.h, 4.0);
        s.rect(r.x, r.y, r.w, r.h, &box_attrs(n, "4"));
        let mut k = 0;
        if let Some(h) = &b.head {
            let hl = wrap(h, HEAD, b.rect.w - 2.0 * PAD);
            s.lines(
                b.texts[0].0,
                b.texts[0].1,
                &hl,
                HEAD,
                "start",
                head_colour(n),
            );
            k = hl.len();
        }
        let f = font_of(n);
        s.lines(
            b.texts[k].0,
            b.texts[k].1,
            &b.lines,
            f,
            "start",
            colour::TEXT,
        );
        if let Some(foot) = &b.foot {
            let ft = &b.texts[b.texts.len() - 1];
            let fl = wrap(foot, FOOT, b.rect.w - 2.0 * PAD - 2.0 * MARK_R - 4.0);
            let first = &b.texts[b.texts.len() - 1 - fl.len()];
            let href = url(&format!("{}#antagelser", n.kind.url(&n.id)));
            let tip = format!(
                "{}: {}",
                t.get("outcome.assumptions"),
                n.assumptions.join(" · ")
            );
            let w = first.0 + fl.iter().map(|l| FOOT.width(l)).fold(0.0, f64::max) - ft.0;
            let h = FOOT.block_height(fl.len()).max(2.0 * MARK_R);
            s.area(&href, &tip, ft.0 - 2.0, ft.1 - 2.0, w + 4.0, h + 4.0, 3.0);
            marker(&mut s, ft.0 + MARK_R, ft.1 + MARK_R, t);
            s.lines(first.0, first.1, &fl, FOOT, "start", colour::WARN);
        }
        s.close();
    }
    s.close();
    // Assumption markers on links, in the gap before the target.
    s.open("g", &[("class", "assumptions")]);
    let mut placed: Vec<(f64, f64)> = Vec::new();
    for r in &p.layout.routes {
        let e = &g.edges[r.edge];
        if e.assumptions.is_empty() {
            continue;
        }
        let at = marker_spot(r, &p.layout.routes, &placed);
        placed.push(at);
        let target = &g.nodes[e.to];
        let href = url(&format!("{}#{}", target.kind.url(&target.id), e.anchor));
        let tip = e
            .assumptions
            .iter()
            .map(|x| format!("{}: {x}", t.get("toc.assumption")))
            .collect::<Vec<_>>()
            .join(" · ");
        let r = MARK_R + 2.0;
        s.area(&href, &tip, at.0 - r, at.1 - r, 2.0 * r, 2.0 * r, r);
        marker(&mut s, at.0, at.1, t);
    }
    s.close();
    let height = legend(&mut s, g, p.layout.height + 8.0, p.width, t) + 4.0;
    let desc = description(g, view, t);
    document(
        &Doc {
            id,
            width: p.width,
            height: height.ceil(),
            title,
            desc: &desc,
        },
        s,
    )
}

fn description(g: &Graph, view: View, t: &Strings) -> String {
    let mut parts = Vec::new();
    for col in [Col::Hyp, Col::Ind, Col::Act, Col::Short, Col::Long] {
        let n = g.nodes.iter().filter(|n| n.col == col).count();
        if n > 0 {
            parts.push(format!("{n} {}", t.get(col.key()).to_lowercase()));
        }
    }
    parts.push(format!("{} {}", g.edges.len(), t.get("diagram.arrows")));
    let lead = t.get(match view {
        View::Overview => "diagram.toc_overview_desc",
        View::Detailed => "diagram.toc_detailed_desc",
    });
    format!("{lead} {}. {}", parts.join(", "), t.get("diagram.see_text"))
}

/// The overview or the detailed diagram, `None` without a theory of change
/// or with nothing in it.
pub fn diagram(r: &Report, view: View, t: &Strings) -> Option<String> {
    diagrams_at(r, view, t, &[WIDTH]).map(|mut d| d.remove(0))
}

/// [`diagram`] for the screen and for paper, laid out together (one
/// ordering of the nodes for both). The paper variant is wider (see
/// [`PRINT_WIDTH`]), so lower.
pub fn diagram_screen_print(r: &Report, view: View, t: &Strings) -> Option<(String, String)> {
    let mut d = diagrams_at(r, view, t, &[WIDTH, PRINT_WIDTH])?;
    let print = d.pop()?;
    Some((d.pop()?, print))
}

/// The diagram drawn at each of `widths`.
fn diagrams_at(r: &Report, view: View, t: &Strings, widths: &[f64]) -> Option<Vec<String>> {
    let toc = r.toc.as_ref()?;
    let mut g = graph(r.analysis.as_ref(), toc, view);
    g.horizons = toc.horizons.map(|h| h.map(|s| s.long(r.settings.lang())));
    if g.nodes.is_empty() {
        return None;
    }
    let title = t.get(match view {
        View::Overview => "diagram.toc_overview_title",
        View::Detailed => "diagram.toc_detailed_title",
    });
    Some(
        place_all(&g, view, t, widths)
            .iter()
            .map(|p| draw(&g, p, view, t, title))
            .collect(),
    )
}

mod marks;
use marks::{lanes, legend, marker, marker_spot};

#[cfg(test)]
mod tests;
