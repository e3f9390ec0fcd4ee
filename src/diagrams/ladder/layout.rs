//! Where the ladder's pieces go: a row per step (most intrusive on top),
//! chips in lanes, overlapping services in adjacent lanes under a bracket
//! with its label in a strip below them.

use super::*;

/// A chip: one service over a run of adjacent bands.
pub(crate) struct Chip {
    pub service: usize,
    pub first: usize,
    pub last: usize,
    pub lane: usize,
    pub lines: Vec<String>,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// Services that overlap (same step, need and ages), drawn in adjacent
/// lanes under one bracket with its label below them.
pub(crate) struct Bracket {
    pub services: Vec<usize>,
    pub first: usize,
    pub last: usize,
    /// The member chips' lanes, lowest and highest.
    pub lanes: (usize, usize),
    pub label: Vec<String>,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    /// Where the label box begins (the bracket's bottom part).
    pub label_y: f64,
    pub h: f64,
}

// Geometry is also read by the layout tests.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) struct Row {
    pub step: usize,
    pub y: f64,
    pub h: f64,
    pub label: Vec<String>,
    pub chips: Vec<Chip>,
    pub brackets: Vec<Bracket>,
}

pub(crate) struct Placed {
    pub m: Metrics,
    pub rows: Vec<Row>,
    pub band_x: Vec<f64>,
    pub band_w: f64,
    pub height: f64,
}

/// Runs of consecutive band indices.
pub(super) fn runs(bands: &[usize]) -> Vec<(usize, usize)> {
    let mut b = bands.to_vec();
    b.sort_unstable();
    b.dedup();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for x in b {
        match out.last_mut() {
            Some((_, last)) if *last + 1 == x => *last = x,
            _ => out.push((x, x)),
        }
    }
    out
}

pub(super) fn label_x(step: usize, steps: usize) -> f64 {
    // Step 1 (bottom) is indented most: the left edges climb like stairs.
    MARGIN + ARROW_W + INDENT * (steps - 1 - step) as f64
}

/// The overlaps on `step` grouped by their services: (services, needs,
/// first band, last band).
fn overlap_groups(s: &ServicesPart, step: usize) -> Vec<(Vec<usize>, Vec<usize>, usize, usize)> {
    let mut out: Vec<(Vec<usize>, Vec<usize>, usize, usize)> = Vec::new();
    for o in s.overlaps.iter().filter(|o| o.step == step) {
        let mut members = o.services.clone();
        members.sort_unstable();
        match out.iter_mut().find(|g| g.0 == members) {
            Some(g) => {
                if !g.1.contains(&o.need) {
                    g.1.push(o.need);
                }
                g.2 = g.2.min(o.band);
                g.3 = g.3.max(o.band);
            }
            None => out.push((members, vec![o.need], o.band, o.band)),
        }
    }
    out
}

/// "Overlap 6–17 år: forældrekompetencer": the ages all members cover.
fn bracket_text(s: &ServicesPart, members: &[usize], needs: &[usize], t: &Strings) -> String {
    let from = members
        .iter()
        .map(|i| s.services[*i].age_from)
        .max()
        .unwrap_or(0);
    let to = members
        .iter()
        .map(|i| s.services[*i].age_to)
        .min()
        .unwrap_or(0);
    let needs: Vec<String> = needs
        .iter()
        .map(|n| lower_first(&s.needs[*n].title))
        .collect();
    format!(
        "{} {from}–{to} {}: {}",
        t.get("diagram.overlap"),
        t.get("services.years"),
        needs.join(", ")
    )
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Paddings of the ladder: the screen's, or tighter ones for paper (same
/// content, rows packed so the ladder fits one landscape page at 8 pt).
#[derive(Clone, Copy)]
pub(crate) struct Metrics {
    pub row_pad: f64,
    pub lane_gap: f64,
    pub chip_pad: f64,
}

impl Metrics {
    pub(crate) const SCREEN: Metrics = Metrics {
        row_pad: ROW_PAD,
        lane_gap: LANE_GAP,
        chip_pad: CHIP_PAD,
    };
    pub(crate) const PRINT: Metrics = Metrics {
        row_pad: 3.0,
        lane_gap: 1.5,
        chip_pad: 2.5,
    };
}

#[cfg(test)]
pub(crate) fn place(s: &ServicesPart, t: &Strings) -> Placed {
    place_with(s, t, Metrics::SCREEN)
}

pub(crate) fn place_with(s: &ServicesPart, t: &Strings, m: Metrics) -> Placed {
    let nb = s.bands.len().max(1);
    let left = MARGIN + ARROW_W + LABEL_W + 6.0;
    let band_w = ((WIDTH - MARGIN - left) / nb as f64).floor();
    let band_x: Vec<f64> = (0..nb).map(|b| left + b as f64 * band_w).collect();
    let mut rows = Vec::new();
    let mut y = HEADER_H;
    for step in (0..s.steps.len()).rev() {
        let st = &s.steps[step];
        let lx = label_x(step, s.steps.len());
        let label_w = MARGIN + ARROW_W + LABEL_W - lx - 2.0 * m.chip_pad - 24.0;
        let label = wrap(&st.h.title, LABEL, label_w);
        let groups = overlap_groups(s, step);
        let group_of = |x: usize| {
            groups
                .iter()
                .position(|g| g.0.contains(&x))
                .unwrap_or(usize::MAX)
        };
        // Overlapping services first (so they share adjacent lanes), then
        // by first band, wider first, then by title.
        let mut pending: Vec<(usize, usize, usize)> = st
            .services
            .iter()
            .flat_map(|x| {
                runs(&s.services[*x].bands)
                    .into_iter()
                    .map(move |(a, b)| (*x, a, b))
            })
            .collect();
        pending.sort_by(|a, b| {
            (group_of(a.0), a.1, b.2, &s.services[a.0].h.title).cmp(&(
                group_of(b.0),
                b.1,
                a.2,
                &s.services[b.0].h.title,
            ))
        });
        // A group's bracket spans all bands of its members' chips; a member
        // takes those bands in its lane, so no other chip enters the bracket.
        let extent: Vec<(usize, usize)> = groups
            .iter()
            .map(|g| {
                let bands =
                    g.0.iter()
                        .flat_map(|x| s.services[*x].bands.iter().copied());
                (
                    bands.clone().min().unwrap_or(g.2),
                    bands.max().unwrap_or(g.3),
                )
            })
            .collect();
        let mut used: Vec<Vec<bool>> = Vec::new(); // lane → band → taken
        let mut chips = Vec::new();
        for (service, first, last) in pending {
            let (lo, hi) = extent
                .get(group_of(service))
                .copied()
                .unwrap_or((first, last));
            let (lo, hi) = (lo.min(first), hi.max(last));
            let free = |u: &Vec<bool>| (lo..=hi).all(|b| !u[b]);
            let lane = match used.iter().position(free) {
                Some(l) => l,
                None => {
                    used.push(vec![false; nb]);
                    used.len() - 1
                }
            };
            used[lane][lo..=hi].iter_mut().for_each(|b| *b = true);
            let w = (last - first + 1) as f64 * band_w - 6.0;
            let lines = wrap(
                &s.services[service].h.title,
                CHIP,
                w - TAB - 2.0 * m.chip_pad,
            );
            let h = CHIP.block_height(lines.len()) + 2.0 * m.chip_pad;
            chips.push(Chip {
                service,
                first,
                last,
                lane,
                lines,
                x: band_x[first] + 3.0,
                y: 0.0,
                w,
                h,
            });
        }
        let lanes = used.len();
        let lane_h: Vec<f64> = (0..lanes)
            .map(|l| {
                chips
                    .iter()
                    .filter(|c| c.lane == l)
                    .map(|c| c.h)
                    .fold(0.0, f64::max)
            })
            .collect();
        // Brackets: their labels go in a strip below their lowest lane.
        let mut brackets: Vec<Bracket> = groups
            .iter()
            .zip(&extent)
            .map(|((members, needs, _, _), (first, last))| {
                let in_group = chips.iter().filter(|c| {
                    members.contains(&c.service) && c.first <= *last && *first <= c.last
                });
                let lo = in_group.clone().map(|c| c.lane).min().unwrap_or(0);
                let hi = in_group.map(|c| c.lane).max().unwrap_or(0);
                let w = (last - first + 1) as f64 * band_w - 2.0;
                let text = bracket_text(s, members, needs, t);
                Bracket {
                    services: members.clone(),
                    first: *first,
                    last: *last,
                    lanes: (lo, hi),
                    label: wrap(&text, BRACKET, w - 2.0 * m.chip_pad),
                    x: band_x[*first] + 1.0,
                    y: 0.0,
                    w,
                    label_y: 0.0,
                    h: 0.0,
                }
            })
            .collect();
        let strip: Vec<f64> = (0..lanes)
            .map(|l| {
                brackets
                    .iter()
                    .filter(|b| b.lanes.1 == l)
                    .map(|b| BRACKET.block_height(b.label.len()) + 6.0 + m.lane_gap)
                    .fold(0.0, f64::max)
            })
            .collect();
        let mut lane_y = Vec::new();
        let mut at = y + m.row_pad;
        for (l, h) in lane_h.iter().enumerate() {
            lane_y.push(at);
            at += h + m.lane_gap + strip[l];
        }
        for c in &mut chips {
            c.y = lane_y[c.lane];
        }
        for b in &mut brackets {
            let (lo, hi) = b.lanes;
            b.y = lane_y[lo] - 3.0;
            b.label_y = lane_y[hi] + lane_h[hi] + 2.0;
            b.h = b.label_y + BRACKET.block_height(b.label.len()) + 6.0 - b.y;
        }
        let content = (at - m.lane_gap - y - m.row_pad).max(0.0);
        let h = content
            .max(NUMBER.line_height().max(LABEL.block_height(label.len())))
            .max(40.0)
            + 2.0 * m.row_pad;
        rows.push(Row {
            step,
            y,
            h: h.ceil(),
            label,
            chips,
            brackets,
        });
        y += h.ceil();
    }
    Placed {
        m,
        rows,
        band_x,
        band_w,
        height: y,
    }
}
